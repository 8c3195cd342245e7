import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { buildProject } from '../../src/pipeline/index.js';
import { writeTreeAtomic } from '../../src/pipeline/write-tree.js';
import type { KfgenConfig } from '../../src/config/types.js';
import { FIXTURE_ENV, fixtureConfig } from '../support/fixtures.js';
import { kubectlBin, manifestsDir, missingTools } from '../support/tools.js';
import { startControlPlane, type ControlPlane } from '../support/control-plane.js';

/*
 * Removal through the documented apply, on a real kube-apiserver v1.30.14 + etcd on loopback
 * (test/support/control-plane.ts) with the pinned kubectl: the eks-entra-teams config is built and
 * its tenancy applied with the commands NEXT_STEPS.md prints (read from the generated file, so the
 * documentation and this test cannot drift); then a member leaves a group and a team is deleted,
 * the tree is rebuilt and the same commands run again.
 *
 * Simulated, or not running: no controllers at all, so the profile controller is simulated by
 * creating each Profile's namespace and its `default-editor`/`default-viewer` ServiceAccounts
 * before the first apply; a pruned Profile therefore leaves its namespace behind (a real profile
 * controller deletes it), which lets this test see that the objects inside it were pruned too.
 * The platform itself is not applied: only the CRDs the tenancy objects need (Profile, PodDefault,
 * Istio's) and the ApplySet CRD kfgen adds to the platform. No webhooks, no Istio.
 */

const skip = missingTools('manifests', 'control-plane');
const run = promisify(execFile);

const CRDS = [
  'apps/profiles/upstream/crd/bases/kubeflow.org_profiles.yaml',
  'apps/admission-webhook/upstream/base/crd.yaml',
  'common/istio-1-22/istio-crds/base/crd.yaml',
];
const KINDS = 'profiles,rolebindings,authorizationpolicies.security.istio.io,serviceaccounts,poddefaults,pods';

interface Live {
  key: string;
  uid: string;
  resourceVersion: string;
  labels: Record<string, string>;
}

const test = suite('tenancy prune on a real API server');
const S = {} as {
  cp: ControlPlane;
  dir: string;
  out: string;
  config: KfgenConfig;
  first: Map<string, Live>;
  second: Map<string, Live>;
};

/** The sh block of the tenancy apply step, exactly as NEXT_STEPS.md prints it. */
function documentedCommands(nextSteps: string): string[] {
  const step = nextSteps.split(/^## \d+\. /m).find((s) => s.startsWith('Apply profiles, contributors and CI access'));
  assert.ok(step, 'NEXT_STEPS.md has no tenancy apply step');
  const block = /```sh\n([\s\S]*?)```/.exec(step!);
  assert.ok(block, 'the tenancy apply step has no sh block');
  return block![1]!.trim().split('\n');
}

async function build(config: KfgenConfig): Promise<string[]> {
  const file = join(S.dir, 'kfgen.config.yaml');
  writeFileSync(file, stringify(config));
  const { tree } = await buildProject({ cwd: S.dir, configFile: file, outDir: S.out, manifestsDir, env: FIXTURE_ENV });
  writeTreeAtomic(S.out, tree);
  return documentedCommands(tree.get('NEXT_STEPS.md')!);
}

/** Runs the documented lines with sh in the output directory, kubectl on PATH, as a user would. */
async function applyDocumented(lines: string[]): Promise<string> {
  const env = { ...process.env, KUBECONFIG: S.cp.kubeconfig, PATH: `${dirname(kubectlBin)}:${process.env.PATH}` };
  const { stdout, stderr } = await run('sh', ['-ec', lines.join('\n')], {
    cwd: S.out,
    env,
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout + stderr;
}

async function snapshot(): Promise<Map<string, Live>> {
  const { stdout } = await S.cp.kubectl(['get', KINDS, '-A', '-o', 'json']);
  const items = (JSON.parse(stdout) as { items: Array<Record<string, any>> }).items;
  const out = new Map<string, Live>();
  for (const o of items) {
    const key = `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    out.set(key, {
      key,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      labels: o.metadata.labels ?? {},
    });
  }
  return out;
}

test.before(async () => {
  if (skip) return;
  S.dir = mkdtempSync(join(tmpdir(), 'kfgen-prune-'));
  S.out = join(S.dir, 'out');
  S.config = parse(readFileSync(fixtureConfig('eks-entra-teams'), 'utf8')) as KfgenConfig;
  S.config.manifests = { ...S.config.manifests, path: manifestsDir };
  S.cp = await startControlPlane();
  const commands = await build(S.config);
  for (const crd of [...CRDS.map((c) => join(manifestsDir, c)), join(S.out, 'applyset/crd.yaml')])
    await S.cp.kubectl(['apply', '--server-side', '-f', crd]);
  await S.cp.kubectl(['wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s']);
  // The profile controller's part: each profile's namespace and its two ServiceAccounts.
  await S.cp.kubectl(['create', 'namespace', 'kubeflow']);
  for (const ns of ['team-vision', 'team-nlp']) {
    await S.cp.kubectl(['create', 'namespace', ns]);
    for (const sa of ['default-editor', 'default-viewer'])
      await S.cp.kubectl(['create', 'serviceaccount', sa, '-n', ns]);
  }
  await applyDocumented(commands);
  // Made by hand in a profile namespace, in no ApplySet: pruning must never touch it.
  await S.cp.kubectl([
    'create',
    'rolebinding',
    'hand-made',
    '-n',
    'team-vision',
    '--clusterrole=kubeflow-view',
    '--user=zoe@example.com',
  ]);
  S.first = await snapshot();

  // dave leaves ml-platform; team-nlp (and its programmatic access) is deleted.
  const changed = structuredClone(S.config);
  changed.groups = { 'ml-platform': ['carol@example.com'] };
  changed.profiles = changed.profiles!.filter((p) => p.name !== 'team-nlp');
  changed.programmaticAccess = changed.programmaticAccess!.filter((a) => a.profile !== 'team-nlp');
  S.second = await (async () => {
    await applyDocumented(await build(changed));
    return snapshot();
  })();
});

test.after(async () => {
  await S.cp?.stop();
  if (S.dir) rmSync(S.dir, { recursive: true, force: true });
});

test('the first apply creates every tenancy object, labelled, as members of the ApplySet', () => {
  if (skip) return;
  const members = [...S.first.values()].filter((o) => o.labels['app.kubernetes.io/managed-by'] === 'kfgen');
  const keys = members.map((o) => o.key);
  for (const k of [
    'Profile /team-vision',
    'Profile /team-nlp',
    'RoleBinding team-vision/user-dave-example-com-clusterrole-view',
    'AuthorizationPolicy team-vision/user-dave-example-com-clusterrole-view',
    'RoleBinding team-nlp/user-dave-example-com-clusterrole-edit',
    'RoleBinding team-vision/user-bob-example-com-clusterrole-edit',
  ]) {
    assert.ok(keys.includes(k), `${k} was not applied (have ${keys.join(', ')})`);
  }
  for (const o of members)
    assert.match(
      o.labels['applyset.kubernetes.io/part-of'] ?? '',
      /^applyset-.*-v1$/,
      `${o.key} is not an ApplySet member`,
    );
  assert.ok(S.first.has('RoleBinding team-vision/hand-made'));
});

test("the leaver's bindings and the deleted team's objects are gone", () => {
  if (skip) return;
  const gone = [...S.first.keys()].filter((k) => !S.second.has(k)).sort();
  // The team's Profile, everything kfgen put in its namespace, and its programmatic access wherever it lives.
  const nlp = [...S.first.values()]
    .filter((o) => o.key.includes('team-nlp') && o.labels['app.kubernetes.io/managed-by'] === 'kfgen')
    .map((o) => o.key);
  assert.ok(
    nlp.includes('Profile /team-nlp') && nlp.includes('PodDefault team-nlp/access-ml-pipeline') && nlp.length >= 6,
    nlp.join(', '),
  );
  const expected = [
    'AuthorizationPolicy team-vision/user-dave-example-com-clusterrole-view',
    'RoleBinding team-vision/user-dave-example-com-clusterrole-view',
    ...nlp,
  ];
  assert.equal(gone, expected.sort());
  assert.equal(
    [...S.second.keys()].filter((k) => !S.first.has(k)),
    [],
    'the second apply created nothing',
  );
});

test('nothing else changed: same uid and resourceVersion, the hand-made RoleBinding and the controller-made objects survive', () => {
  if (skip) return;
  for (const [key, after] of S.second) {
    const before = S.first.get(key)!;
    assert.is(after.uid, before.uid, key);
    assert.is(after.resourceVersion, before.resourceVersion, `${key} was modified`);
  }
  for (const k of [
    'RoleBinding team-vision/hand-made',
    'ServiceAccount team-nlp/default-editor',
    'ServiceAccount team-vision/default-viewer',
  ])
    assert.ok(S.second.has(k), k);
});

test.run();

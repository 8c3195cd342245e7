import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { stringify } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { diffPlatforms, formatDiff, type KObject } from '../../src/upgrade/diff.js';
import { renderUpgrade, upgradePlan, type UpgradeInput } from '../../src/upgrade/steps.js';
import { hopFacts } from '../../src/kubeflow/upgrades.js';
import { FIXTURE_ENV, fixtureConfig } from '../support/fixtures.js';
import { manifestsDirFor, missingTools, repoRoot } from '../support/tools.js';

/*
 * The diff and the steps on small, hand-written renders (pure: no kustomize, no cluster), and the
 * refusals of `kfgen upgrade` as a process (a config and the release trees; nothing rendered).
 * The whole upgrade on a real API server is test/e2e/upgrade-hops.test.ts.
 */

const test = suite('kfgen upgrade: diff, steps, refusals');

const o = (
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
  rest: Record<string, unknown> = {},
): KObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  ...rest,
});

const crd = (plural: string, group: string, storage: string, scope = 'Namespaced') =>
  o('apiextensions.k8s.io/v1', 'CustomResourceDefinition', `${plural}.${group}`, undefined, {
    spec: {
      group,
      scope,
      names: { plural, kind: plural.replace(/s$/, '') },
      versions: [
        { name: 'v1beta1', served: true, storage: storage === 'v1beta1' },
        { name: 'v1', served: true, storage: storage === 'v1' },
      ],
    },
  });

const webhook = (name: string, svc: string) =>
  o('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', name, undefined, {
    webhooks: [{ name: `${name}.x`, clientConfig: { service: { namespace: 'kubeflow', name: svc } } }],
  });

const OLD: KObject[] = [
  o('metacontroller.k8s.io/v1alpha1', 'CompositeController', 'kubeflow-pipelines-profile-controller', 'kubeflow', {
    spec: {},
  }),
  o('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'meta-controller-cluster-role-binding', undefined, {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
  }),
  o('v1', 'PersistentVolumeClaim', 'minio-pvc', 'kubeflow', { spec: { accessModes: ['ReadWriteOnce'] } }),
  o('apps/v1', 'Deployment', 'training-operator', 'kubeflow', { spec: { selector: { matchLabels: { a: 'b' } } } }),
  o('v1', 'Service', 'training-operator', 'kubeflow', { spec: {} }),
  webhook('validator.training-operator.kubeflow.org', 'training-operator'),
  crd('tfjobs', 'kubeflow.org', 'v1'),
  crd('gateways', 'networking.istio.io', 'v1beta1'),
  o('v1', 'ConfigMap', 'jupyter-web-app-config-tk56dhd26b', 'kubeflow', { data: { a: '1' } }),
  o('v1', 'Secret', 'routing-serving-certs', 'knative-serving', { data: {} }),
  o('apps/v1', 'Deployment', 'ml-pipeline', 'kubeflow', {
    spec: { selector: { matchLabels: { app: 'ml-pipeline' } }, replicas: 1 },
  }),
];
const NEW: KObject[] = [
  o('metacontroller.k8s.io/v1alpha1', 'DecoratorController', 'kubeflow-pipelines-profile-controller', 'kubeflow', {
    spec: {},
  }),
  o('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'meta-controller-cluster-role-binding', undefined, {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeflow-metacontroller' },
  }),
  crd('gateways', 'networking.istio.io', 'v1'),
  o('v1', 'ConfigMap', 'jupyter-web-app-config-2h4dk8b9mc', 'kubeflow', { data: { a: '2' } }),
  o('networking.internal.knative.dev/v1alpha1', 'Certificate', 'routing-serving-certs', 'knative-serving', {
    spec: { secretName: 'routing-serving-certs' },
  }),
  o('apps/v1', 'Deployment', 'ml-pipeline', 'kubeflow', {
    spec: { selector: { matchLabels: { app: 'ml-pipeline' } }, replicas: 2 },
  }),
];

test('diff: removed, added, changed, with what each means for an upgrade', () => {
  const d = diffPlatforms(OLD, NEW);
  const labels = (refs: { kind: string; name: string }[]) => refs.map((r) => `${r.kind}/${r.name}`);
  assert.equal(labels(d.removed).length, 8);
  assert.equal(labels(d.added), [
    'Certificate/routing-serving-certs',
    'ConfigMap/jupyter-web-app-config-2h4dk8b9mc',
    'DecoratorController/kubeflow-pipelines-profile-controller',
  ]);
  assert.equal(
    d.replaced.map((r) => `${r.old.kind}→${r.new.kind}`),
    ['CompositeController→DecoratorController'],
  );
  const crb = d.changed.find((c) => c.ref.name === 'meta-controller-cluster-role-binding')!;
  assert.equal(crb.immutable, ['roleRef']);
  const mlp = d.changed.find((c) => c.ref.name === 'ml-pipeline')!;
  assert.equal([mlp.paths, mlp.immutable], [['spec'], []], 'replicas may change in place');
  assert.equal(
    d.dataBearing.map((x) => x.ref.name),
    ['tfjobs.kubeflow.org', 'minio-pvc'],
  );
  assert.equal(
    d.storageVersions.map((s) => `${s.resource} ${s.from}→${s.to}`),
    ['gateways.networking.istio.io v1beta1→v1'],
  );
  assert.equal(
    d.webhooksLosingService.map((w) => [w.webhook.name, w.service.name, w.webhookRemoved]),
    [['validator.training-operator.kubeflow.org', 'training-operator', true]],
  );
  assert.equal(labels(d.renamedGenerated), ['ConfigMap/jupyter-web-app-config-tk56dhd26b']);
  assert.equal(labels(d.takenOver), ['Secret/routing-serving-certs']);
  assert.equal(
    d.removedCrds.map((c) => c.resource),
    ['tfjobs.kubeflow.org'],
  );
  const text = formatDiff(d);
  assert.match(
    text,
    /^~ ClusterRoleBinding meta-controller-cluster-role-binding \(roleRef\)  \[immutable: roleRef\]$/m,
  );
  assert.match(
    text,
    /^- ValidatingWebhookConfiguration validator\.training-operator\.kubeflow\.org  \[webhook: Service kubeflow\/training-operator goes away\]$/m,
  );
  assert.match(text, /storage version: v1beta1 → v1/);
  assert.is(formatDiff(diffPlatforms([...OLD].reverse(), [...NEW].reverse())), text, 'input order does not matter');
});

function plan(
  from: 'v1.9.1' | 'v1.10.2' | 'v1.11.0',
  to: 'v1.10.2' | 'v1.11.0' | '26.03',
  extra: Partial<UpgradeInput> = {},
) {
  const input: UpgradeInput = {
    facts: hopFacts(from, to)!,
    diff: diffPlatforms(OLD, NEW),
    tenancy: false,
    config: { fromOut: '../kfgen.config.yaml', versionLine: 3, pathLine: 4, oldPath: '../m/v1', newPath: '../m/v2' },
    kfgen: 'npx kfgen',
    ...extra,
  };
  return renderUpgrade(upgradePlan(input), ['header']);
}

const before = (md: string, a: string, b: string) => {
  const i = md.indexOf(a);
  const j = md.indexOf(b);
  assert.ok(i >= 0, `missing: ${a}`);
  assert.ok(j >= 0, `missing: ${b}`);
  assert.ok(i < j, `"${a}" must come before "${b}"`);
};

test('steps: backups first, conflicts before the apply, guarded deletions after it, webhook before its Service', () => {
  const md = plan('v1.10.2', 'v1.11.0');
  before(md, 'mysqldump', '## 3. Apply');
  before(md, "deploy/katib-mysql -- sh -c 'exec mysqldump", '## 3. Apply');
  before(md, '$S3 sync s3://mlpipeline', '## 3. Apply');
  // The replaced kind and the immutable roleRef are deleted before the apply.
  before(
    md,
    'compositecontroller.metacontroller.k8s.io/kubeflow-pipelines-profile-controller',
    'kustomize build . | kubectl apply',
  );
  before(
    md,
    'clusterrolebinding.rbac.authorization.k8s.io/meta-controller-cluster-role-binding',
    'kustomize build . | kubectl apply',
  );
  // One-way points are said before the step that passes them.
  before(md, '**One-way points**', '## 3. Apply');
  before(md, '**Point of no return:** MySQL 8.0.26 → 8.4', 'kustomize build . | kubectl apply');
  // After the apply: the data move, then clean-up; the webhook goes before its Service.
  before(md, '## 3. Apply', '## 4. Move data');
  before(md, '## 4. Move data', '## 6. Clean up');
  before(
    md,
    'validatingwebhookconfiguration.admissionregistration.k8s.io/validator.training-operator.kubeflow.org',
    'service/training-operator',
  );
  // The CRD is deleted only without objects; the PVC only after the verified copy.
  assert.match(
    md,
    /n="\$\(kubectl get "\$crd" -A --no-headers 2>\/dev\/null \| wc -l\)"\n {2}if \[ "\$n" -eq 0 \]; then kubectl delete crd "\$crd"/,
  );
  assert.match(md, /if \[ -f "\$B\/object-store\/copied" \]; then kubectl delete pvc -n kubeflow minio-pvc/);
  before(md, 'touch "$B/object-store/copied"', 'kubectl delete pvc -n kubeflow minio-pvc');
  // The copy is compared before it counts as done.
  before(md, 'copied="$($S3 ls --recursive s3://mlpipeline | wc -l)"', 'touch "$B/object-store/copied"');
  // Per-profile attachments: backed up before they are deleted.
  before(
    md,
    '-o yaml --ignore-not-found > "$B/profiles/$ns-configmap-kfp-launcher.yaml"',
    'kubectl delete -n "$ns" --ignore-not-found secret/mlpipeline-minio-artifact configmap/kfp-launcher',
  );
  // Storage versions: rewritten, then recorded.
  before(md, 'kubectl get gateways.networking.istio.io -A -o json | kubectl replace -f -', `"storedVersions":["v1"]`);
  // The Secret a Certificate now writes is kept; a PVC, CRD or namespace is never in a plain delete.
  assert.not.match(md, /secret\/routing-serving-certs/);
  for (const line of md.split('\n').filter((l) => l.startsWith('kubectl delete --ignore-not-found')))
    assert.not.match(line, /persistentvolumeclaim|customresourcedefinition|namespace\//, line);
  // The last step changes the config.
  assert.match(md, /## 8\. Change the config[\s\S]*\[3, \/\(\[\\x22\\x27\]\?\)v1\\\.10\\\.2\\1\/, "\\"v1\.11\.0\\""\]/);
});

test('steps: each hop says what upstream components cannot take in one step, and the safe path', () => {
  const h1 = hopFacts('v1.9.1', 'v1.10.2')!;
  assert.equal(
    h1.jumps.filter((j) => j.safePath).map((j) => `${j.component} ${j.minors}`),
    ['Istio 4', 'Knative Serving 4', 'cert-manager 2'],
  );
  const h3 = hopFacts('v1.11.0', '26.03')!;
  assert.equal(
    h3.jumps.filter((j) => j.safePath).map((j) => `${j.component} ${j.from}→${j.to}`),
    ['Knative Serving 1.16.2→1.21.1', 'cert-manager 1.16.1→1.19.4'],
  );
  assert.is(hopFacts('v1.9.1', 'v1.11.0'), undefined, 'no facts for a skip');
  assert.is(hopFacts('v1.10.2', 'v1.9.1'), undefined, 'no facts for a downgrade');
  assert.ok(hopFacts('v1.10.2', 'v1.11.0')!.objectStoreMove, 'the object store move comes from the releases');
  assert.is(hopFacts('v1.9.1', 'v1.10.2')!.objectStoreMove, undefined);
  const md = plan('v1.9.1', 'v1.10.2');
  assert.match(md, /\| Istio \| 1\.22\.1 \| 1\.26\.1 \| \*\*no\*\*: 4 minors, upstream supports 1 \|/);
  assert.match(md, /- \*\*Istio 1\.22\.1 → 1\.26\.1\.\*\* .*reinstall.*Cost:/);
  assert.match(md, /## \d\. Restart[\s\S]*rollout restart deployment/);
  assert.not.match(md, /Move data/, 'no object store move in this hop');
});

// ---- the CLI's refusals

const skipCli = missingTools('manifests');
const run = promisify(execFile);
let dir: string;

function project(version: string): string {
  const config = readFileSync(fixtureConfig('dex-static-user'), 'utf8')
    .replace(/^(\s*version:\s*).*$/m, `$1"${version}"`)
    .replace(/^(\s*path:\s*).*$/m, `$1${manifestsDirFor(version)}`);
  writeFileSync(join(dir, 'kfgen.config.yaml'), config);
  copyFileSync(join(repoRoot, 'fixtures/dex-static-user/cookie-secret.txt'), join(dir, 'cookie-secret.txt'));
  return dir;
}

async function kfgen(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('node', [join(repoRoot, 'bin/kfgen.js'), ...args], {
      cwd: dir,
      env: { ...process.env, ...FIXTURE_ENV },
    });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'kfgen-upgrade-cli-'));
});
test.after.each(() => rmSync(dir, { recursive: true, force: true }));

const CASES: Array<{ name: string; version: string; args: string[]; code: number; line: RegExp }> = [
  {
    name: 'an unknown target',
    version: 'v1.9.1',
    args: ['--to', 'v2.0.0'],
    code: 2,
    line: /^kfgen: --to: unknown release "v2\.0\.0" \(allowed: v1\.9\.1, v1\.10\.2, v1\.11\.0, 26\.03\)$/,
  },
  {
    name: 'a downgrade',
    version: 'v1.10.2',
    args: ['--to', 'v1.9.1'],
    code: 1,
    line: /^kfgen\.config\.yaml:3: manifests\.version: is v1\.10\.2; --to v1\.9\.1 is a downgrade, which kfgen does not generate: its database and schema migrations are one-way \(allowed: --to v1\.11\.0\); to go back, restore the backups/,
  },
  {
    name: 'a skipped release',
    version: 'v1.9.1',
    args: ['--to', 'v1.11.0'],
    code: 1,
    line: /^kfgen\.config\.yaml:3: manifests\.version: is v1\.9\.1; --to v1\.11\.0 skips v1\.10\.2, .* \(allowed: --to v1\.10\.2\); upgrade one release at a time/,
  },
  {
    name: 'the release it already is',
    version: '26.03',
    args: ['--to', '26.03'],
    code: 1,
    line: /^kfgen\.config\.yaml:3: manifests\.version: is already 26\.03; nothing to upgrade$/,
  },
  {
    name: 'a tree that is not the target',
    version: 'v1.9.1',
    args: ['--to', 'v1.10.2', '--manifests', manifestsDirFor('v1.11.0')],
    code: 2,
    line: /^kfgen: --manifests .*v1\.11\.0: .* is kubeflow\/manifests v1\.11\.0 .*, but --to is v1\.10\.2/,
  },
  { name: 'no --to', version: 'v1.9.1', args: [], code: 2, line: /^kfgen: upgrade: --to RELEASE is required/ },
];

for (const c of CASES) {
  test(`kfgen upgrade refuses ${c.name}: one line, exit ${c.code}, nothing written`, async () => {
    if (skipCli) return;
    project(c.version);
    const r = await kfgen(['upgrade', ...c.args, '--out', 'next']);
    assert.is(r.code, c.code, r.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    assert.match(lines[0]!, c.line);
    assert.ok(lines.length <= 2 && !/\n\s+at /.test(r.stderr), `one error line, no stack trace:\n${r.stderr}`);
    assert.not.ok(existsSync(join(dir, 'next')), 'nothing written');
    assert.equal(readdirSync(dir).sort(), ['cookie-secret.txt', 'kfgen.config.yaml']);
  });
}

test('kfgen diff refuses a --from that is neither a directory nor a release', async () => {
  if (skipCli) return;
  project('v1.9.1');
  const r = await kfgen(['diff', '--from', 'v9', '--to', '.']);
  assert.is(r.code, 2);
  assert.match(
    r.stderr,
    /^kfgen: diff: --from v9: neither a directory nor a release \(allowed: a directory, v1\.9\.1, v1\.10\.2, v1\.11\.0, 26\.03\)/,
  );
});

test('kfgen diff renders two directories with kustomize and flags what an upgrade must handle', async () => {
  if (missingTools('kustomize')) return;
  const write = (name: string, objects: KObject[]) => {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'objects.yaml'), objects.map((x) => stringify(x)).join('---\n'));
    writeFileSync(join(dir, name, 'kustomization.yaml'), 'resources:\n  - objects.yaml\n');
  };
  write('old', OLD);
  write('new', NEW);
  const r = await kfgen(['diff', '--from', 'old', '--to', 'new']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, formatDiff(diffPlatforms(OLD, NEW)), 'the CLI prints the diff of what kustomize renders');
  assert.match(
    r.stdout,
    /^- PersistentVolumeClaim kubeflow\/minio-pvc {2}\[data: a PersistentVolumeClaim: deleting it deletes its volume\]$/m,
  );
});

test.run();

import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { missingTools, repoRoot, type K8sObject } from '../support/tools.js';
import { fixtureConfig, fixturesDir, renderFixture } from '../support/fixtures.js';
import { startControlPlane, type ControlPlane } from '../support/control-plane.js';
import { clusterState, added, resetCluster, type ClusterState } from '../support/runbook-cluster.js';
import {
  readCalls,
  requiredVariables,
  runBlock,
  runbookSections,
  selfSignedPair,
  writeFakeTools,
  type Call,
} from '../support/runbook.js';

/*
 * TEARDOWN.md run as written, after what NEXT_STEPS.md makes: the fresh-cluster steps of
 * NEXT_STEPS run (as in next-steps-runbook.test.ts), then, in place of its running-cluster steps,
 * the rendered platform and the tenancy files are applied server-side and the Profile Manager's
 * attach-trigger.sh runs; then every ```sh block of TEARDOWN.md, in order, each in a fresh
 * `bash -eo pipefail`. Afterwards no object the runbook or the apply made may be left, and every
 * cloud resource NEXT_STEPS created must have been deleted, in an order that lets it go.
 *
 * Real: kube-apiserver v1.30.14 + etcd on loopback, with kube-controller-manager running the
 * namespace controller (it empties and removes deleted namespaces), the garbage collector and the
 * PVC protection controller (it lifts kubernetes.io/pvc-protection from claims no pod uses); the
 * pinned kubectl and kustomize.
 * Simulated: eksctl, aws, az and helm are the recording fakes of test/support/runbook.ts (no cloud,
 * nothing installed). The fake aws keeps one thing, a user pool's settings (from
 * test/e2e/profile-manager/describe-user-pool.json), so attach-trigger.sh and detach-trigger.sh read
 * what the other wrote. The fake `eksctl delete cluster` removes the aws-auth its `create cluster`
 * left (the cluster goes with it) and notes the Ingresses and LoadBalancer
 * Services still there. In the Profile controller's stead (it does not run) this test creates each
 * Profile's namespace with the Profile as its controlling owner, and its ServiceAccounts
 * default-editor and default-viewer, as that controller does, so the
 * garbage collector removes it with the Profile; no pod, webhook (left out of the apply, as in
 * platform-apply.test.ts), load balancer or Istio runs.
 */

const skip = missingTools('kustomize', 'manifests', 'control-plane', 'jq');

/**
 * A whole platform applied and deleted takes minutes (the namespace controller empties every
 * namespace of every resource type), so by default the fixture with the most to undo: the Profile
 * Manager's trigger and stack, an ALB, an EKS cluster, Cognito and ADFS. KFGEN_TEARDOWN_FIXTURES=a,b
 * (or `all`) runs others: eks-entra-nginx (Helm release, TLS Secret), aks-entra-selfsigned (AKS
 * cluster, LoadBalancer Service), eks-entra-teams (tenancy/, the ApplySet), dex-static-user.
 */
const ALL = readdirSync(fixturesDir)
  .filter((n) => existsSync(fixtureConfig(n)))
  .sort();
const chosen = process.env.KFGEN_TEARDOWN_FIXTURES?.split(',').filter(Boolean);
const FIXTURES = chosen?.includes('all') ? ALL : (chosen ?? ['cognito-adfs-groups']);

const BLOCK_TIMEOUT_MS = 600_000;
const WEBHOOKS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

const test = suite('TEARDOWN runbook');
let cp: ControlPlane;
let base: ClusterState;
let work: string;
let bin: string;

test.before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'kfgen-teardown-'));
  bin = writeFakeTools(work);
  for (const n of FIXTURES) renderFixture(n).catch(() => undefined);
  cp = await startControlPlane({
    controllers: [
      'namespace-controller',
      'garbage-collector-controller',
      'persistentvolumeclaim-protection-controller',
    ],
  });
  base = await clusterState(cp);
});

test.after(async () => {
  await cp?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function runAll(title: string, blocks: string[], outDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  for (const block of blocks) {
    const r = await runBlock(block, { cwd: outDir, env, timeoutMs: BLOCK_TIMEOUT_MS });
    if (r.code !== 0)
      assert.unreachable(
        `${title} failed (exit ${r.code}):\n${block}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`,
      );
  }
}

/** The render applied as NEXT_STEPS' apply loop would, webhooks left out: until every CRD's objects are accepted. */
async function applyPlatform(objects: K8sObject[]): Promise<void> {
  const input = objects
    .filter((o) => !WEBHOOKS.has(o.kind))
    .map((o) => stringify(o))
    .join('---\n');
  for (let attempt = 1; ; attempt++) {
    const r = await cp.kubectl(['apply', '--server-side', '--force-conflicts', '-f', '-'], {
      input,
      allowFail: true,
    });
    if (r.code === 0) return;
    if (attempt >= 4) throw new Error(`the platform did not apply:\n${r.stderr.slice(-2000)}`);
    await cp.kubectl(['wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s'], { allowFail: true });
  }
}

/** In the Profile controller's stead: each Profile's namespace, owned by the Profile, as that controller makes it. */
async function profileNamespaces(): Promise<string[]> {
  const r = await cp.kubectl(['get', 'profiles.kubeflow.org', '-o', 'json'], { allowFail: true });
  if (r.code !== 0) return [];
  const profiles = (JSON.parse(r.stdout) as { items: Array<{ metadata: { name: string; uid: string } }> }).items;
  for (const p of profiles) {
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: p.metadata.name,
        ownerReferences: [
          {
            apiVersion: 'kubeflow.org/v1',
            kind: 'Profile',
            name: p.metadata.name,
            uid: p.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
    };
    const sa = (name: string) => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace: p.metadata.name },
    });
    await cp.kubectl(['apply', '--server-side', '--field-manager=simulated-profile-controller', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [ns, sa('default-editor'), sa('default-viewer')],
      }),
    });
  }
  return profiles.map((p) => p.metadata.name);
}

/** Until `f` holds or the time is up; the namespace controller and the garbage collector work asynchronously. */
async function eventually<T>(f: () => Promise<T>, done: (v: T) => boolean, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await f();
  while (!done(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 1000));
    v = await f();
  }
  return v;
}

const words = (c: Call) => `${c.tool} ${c.args.join(' ')}`;
/** Every cloud resource a NEXT_STEPS call creates, and the TEARDOWN call that must delete it. */
const COUNTERPARTS: Array<{ made: RegExp; gone: RegExp; what: string }> = [
  { made: /^eksctl create cluster -f (\S+)/, gone: /^eksctl delete cluster -f (\S+)/, what: 'the EKS cluster' },
  {
    made: /^aws cloudformation deploy --region \S+ --stack-name (\S+)/,
    gone: /^aws cloudformation delete-stack --region \S+ --stack-name (\S+)/,
    what: "the Profile Manager's stack",
  },
  {
    made: /^aws cognito-idp create-identity-provider .*--provider-name (\S+)/,
    gone: /^aws cognito-idp delete-identity-provider .*--provider-name (\S+)/,
    what: 'the SAML identity provider',
  },
  { made: /^helm upgrade --install (\S+)/, gone: /^helm uninstall (\S+)/, what: 'a Helm release' },
  {
    made: /^az network public-ip create .*--name (\S+)/,
    gone: /^az network public-ip delete .*--name (\S+)/,
    what: 'the static public IP',
  },
  {
    made: /^az role assignment create .*--role (.+?) --scope/,
    gone: /^az role assignment delete .*--role (.+?) --scope/,
    what: 'the role assignment',
  },
];

for (const name of FIXTURES) {
  test(`${name}: TEARDOWN removes what NEXT_STEPS made, cloud resources and cluster objects`, async () => {
    if (skip) return;
    const { outDir, objects, tree } = await renderFixture(name);
    const next = runbookSections(readFileSync(join(outDir, 'NEXT_STEPS.md'), 'utf8'));
    const teardown = runbookSections(readFileSync(join(outDir, 'TEARDOWN.md'), 'utf8'));
    const fresh = next.slice(
      0,
      next.findIndex((s) => s.needsRunningCluster),
    );
    const blocks = [...fresh, ...teardown].flatMap((s) => s.blocks);
    assert.equal(added(base, await clusterState(cp, base.resources)), [], 'the cluster is fresh');

    const log = join(work, `${name}.log`);
    const pool = join(work, `${name}-pool.json`);
    copyFileSync(join(repoRoot, 'test/e2e/profile-manager/describe-user-pool.json'), pool);
    const env: NodeJS.ProcessEnv = {
      PATH: `${bin}:/usr/bin:/bin`,
      HOME: mkdtempSync(join(work, `${name}-home-`)),
      KUBECONFIG: cp.kubeconfig,
      RUNBOOK_LOG: log,
      RUNBOOK_POOL: pool,
      LANG: 'C.UTF-8',
    };
    for (const v of requiredVariables(blocks)) env[v] = `runbook-${v.toLowerCase()}-${randomBytes(6).toString('hex')}`;
    if (blocks.some((b) => b.includes('fullchain.pem')))
      selfSignedPair(outDir, String(parse(readFileSync(fixtureConfig(name), 'utf8')).host));

    try {
      for (const s of fresh) await runAll(`NEXT_STEPS "${s.title}"`, s.blocks, outDir, env);
      // In place of NEXT_STEPS' running-cluster steps: the platform, the tenancy, the trigger.
      await applyPlatform(objects);
      const tenancy = [...tree.keys()].filter((p) => p.startsWith('tenancy/') && p.endsWith('.yaml'));
      const made = await profileNamespaces();
      if (tree.has('cluster/profile-manager/attach-trigger.sh')) {
        await runAll('attach-trigger.sh', ['bash cluster/profile-manager/attach-trigger.sh'], outDir, env);
        // As the function does at a sign-in: a managed Profile, and its namespace.
        await cp.kubectl(['apply', '--server-side', '-f', '-'], {
          input: JSON.stringify({
            apiVersion: 'kubeflow.org/v1',
            kind: 'Profile',
            metadata: { name: 'team-vision', labels: { 'app.kubernetes.io/managed-by': 'kfgen-profile-manager' } },
            spec: { owner: { kind: 'User', name: 'platform-admin@corp.example.org' } },
          }),
        });
        made.push(...(await profileNamespaces()));
      }
      if (tenancy.length) {
        const r = await cp.kubectl(['apply', '--server-side', ...tenancy.flatMap((t) => ['-f', join(outDir, t)])], {
          allowFail: true,
        });
        assert.is(r.code, 0, `tenancy/ applied:\n${r.stderr}`);
        await cp.kubectl(['create', '-f', join(outDir, 'applyset/kfgen-tenancy.yaml')]);
      }
      const before = added(base, await clusterState(cp, base.resources));
      assert.ok(before.length > 100, `the platform is there to tear down (${before.length} objects)`);
      const nextCalls = readCalls(log).length;

      for (const s of teardown) await runAll(`TEARDOWN "${s.title}"`, s.blocks, outDir, env);

      // Nothing the runbook or the apply made is left (the namespace controller may still be finishing).
      const left = await eventually(
        async () => added(base, await clusterState(cp, base.resources)),
        (l) => l.length === 0,
      );
      assert.equal(
        left.map((e) => `${e.resource} ${e.namespace}/${e.name}`),
        [],
        'no object of the platform, the tenancy or the runbook is left',
      );

      const calls = readCalls(log);
      const made_ = calls.slice(0, nextCalls).map(words);
      const gone = calls.slice(nextCalls).map(words);
      for (const c of COUNTERPARTS) {
        for (const m of made_) {
          const id = c.made.exec(m)?.[1];
          if (id === undefined) continue;
          assert.ok(
            gone.some((g) => c.gone.exec(g)?.[1] === id),
            `${c.what} (${m}) is deleted by TEARDOWN; it ran:\n${gone.join('\n')}`,
          );
        }
      }
      // The load balancers went before the cluster (an ALB left behind keeps eksctl from deleting the VPC).
      if (gone.some((g) => g.startsWith('eksctl delete cluster')))
        assert.is(
          readFileSync(`${log}.at-cluster-delete`, 'utf8').trim(),
          '',
          'no Ingress or LoadBalancer Service at cluster deletion',
        );
      // The trigger went before its stack: detach-trigger.sh put the pool's LambdaConfig back as it was.
      if (tree.has('cluster/profile-manager/attach-trigger.sh')) {
        const detach = gone.findIndex((g) => /^aws cognito-idp update-user-pool /.test(g));
        const deleteStack = gone.findIndex((g) => /^aws cloudformation delete-stack /.test(g));
        assert.ok(
          detach >= 0 && detach < deleteStack,
          `detached (${detach}) before the stack is deleted (${deleteStack})`,
        );
        const original = JSON.parse(
          readFileSync(join(repoRoot, 'test/e2e/profile-manager/describe-user-pool.json'), 'utf8'),
        ) as { LambdaConfig: unknown };
        assert.equal(
          (JSON.parse(readFileSync(pool, 'utf8')) as { LambdaConfig: unknown }).LambdaConfig,
          original.LambdaConfig,
          "the pool's other triggers stay, the Profile Manager's is gone",
        );
      }
      console.log(
        `teardown ${name}: ${before.length} objects (${made.length} profile namespaces) removed, ${calls.length - nextCalls} cloud CLI calls`,
      );
    } finally {
      await resetCluster(cp, base);
      for (const f of readdirSync(outDir))
        if (/^user-pool-.*-before\.json$|^cognito-app-client\.json$/.test(f)) rmSync(join(outDir, f));
      if (existsSync(`${log}.at-cluster-delete`)) rmSync(`${log}.at-cluster-delete`);
    }
  });
}

test.run();

import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FIXTURE_ENV, fixtureConfig } from '../support/fixtures.js';
import {
  kubeControllerManagerBin,
  kubectlBin,
  manifestsDirFor,
  missingTools,
  remoteBasesDir,
  repoRoot,
} from '../support/tools.js';
import { startControlPlane, type ControlPlane } from '../support/control-plane.js';
import { readCalls, runBlock, type Call } from '../support/runbook.js';
import { upgradeSections, writeControllerManagerWrapper, writeUpgradeFakes } from '../support/upgrade-runbook.js';
import { missingReleaseTools, releaseTools } from '../support/release-tools.js';

/*
 * A v1.9.1 platform built by kfgen from fixtures/dex-static-user, taken to 26.03 the way a user
 * would: `kfgen upgrade --to <next>` three times, each UPGRADE.md run top to bottom as written
 * (every ```bash block in a fresh `bash -eo pipefail`, from the output directory), against one API
 * server that keeps the users' data from the start.
 *
 * Real: etcd + kube-apiserver v1.30.14 on loopback (v1.34.4 with KFGEN_UPGRADE_KUBERNETES=v1.34.4), kube-controller-manager with the ClusterRole
 * aggregation controller, the garbage collector, the namespace and PVC-protection controllers (so that deleting an
 * owner deletes what it owns, as on a cluster), the pinned kubectl and kustomize, kfgen itself.
 * Simulated (test/support/upgrade-runbook.ts): no kubelet and no scheduler, so no pod runs — what
 * needs one (`kubectl exec` for mysqldump, `port-forward`, `rollout status`, `wait` for
 * Deployments and objects a controller creates) is recorded and answers as a healthy cluster would,
 * and the test checks that each was called; the S3 client is a fake over directories (MinIO and
 * SeaweedFS buckets); no webhook server runs, so webhooks are narrowed to match nothing; no
 * Istio, cert-manager, metacontroller, profile controller or training operator runs. The profile
 * controller's work for the user's Profile (its namespace, the Pipelines attachments) is done by
 * the test, as that controller would.
 */

const FIXTURE = 'dex-static-user';
const START = 'v1.9.1';
const HOPS = ['v1.10.2', 'v1.11.0', '26.03'] as const;
type Hop = (typeof HOPS)[number];

/**
 * The Kubernetes it runs on: v1.30.14 (install-tools.sh's) by default; KFGEN_UPGRADE_KUBERNETES=v1.34.4
 * takes the one 26.03 and v1.11.0 target (release-tools.ts; kube-apiserver, kube-controller-manager
 * and kubectl of that version) for the whole chain.
 */
const k8s = process.env.KFGEN_UPGRADE_KUBERNETES === 'v1.34.4' ? releaseTools['26.03'] : undefined;
const skipK8s = k8s ? missingReleaseTools('26.03', 'control-plane', 'kube-controller-manager') : undefined;
const kubectlUsed = k8s?.kubectl.bin ?? kubectlBin;

const missingTrees = [START, ...HOPS].filter(
  (v) => !existsSync(join(manifestsDirFor(v), 'example/kustomization.yaml')),
);
const skip =
  skipK8s ??
  missingTools('kustomize', 'manifests', 'control-plane') ??
  (missingTrees.length
    ? (() => {
        const m = `missing kubeflow/manifests ${missingTrees.join(', ')} (set KFGEN_MANIFESTS_ROOT)`;
        if (process.env.CI) throw new Error(`CI is set and a required tool is missing: ${m}`);
        console.log(`SKIP: ${m}`);
        return m;
      })()
    : existsSync(remoteBasesDir)
      ? undefined
      : (() => {
          const m = `missing the remote-bases mirror at ${remoteBasesDir} (set KFGEN_REMOTE_BASES)`;
          if (process.env.CI) throw new Error(`CI is set and a required tool is missing: ${m}`);
          console.log(`SKIP: ${m}`);
          return m;
        })());

/**
 * Upstream removes these between the releases, but they stay on purpose: the Secret is the one a
 * Certificate of the new release writes (cert-manager takes it over), the CRD still has a user's
 * TFJob (deleting the CRD would delete the job).
 */
const KEPT: Readonly<Record<Hop, readonly string[]>> = {
  'v1.10.2': ['Secret knative-serving/routing-serving-certs'],
  'v1.11.0': ['CustomResourceDefinition tfjobs.kubeflow.org'],
  '26.03': [],
};

const test = suite('kfgen upgrade, hop by hop on one API server');
let cp: ControlPlane;
let work: string;
let project: string;
let bin: string;
let env: NodeJS.ProcessEnv;
let log: string;
let fakeS3: string;
let previous: Obj[] = [];
const userUids = new Map<string, string>();
const timings: string[] = [];

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [k: string]: unknown;
}

const key = (o: Obj) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
const resource = (o: Obj) => `${o.kind}${o.apiVersion.includes('/') ? `.${o.apiVersion.split('/')[0]}` : ''}`;

function sh(cmd: string, args: string[], opts: { cwd: string; input?: string }) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(cmd, args, { cwd: opts.cwd, env, maxBuffer: 1 << 30 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

async function render(): Promise<Obj[]> {
  const r = await sh(join(bin, 'kustomize'), ['build', join(project, 'out')], { cwd: project });
  assert.is(r.code, 0, r.stderr);
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as Obj)
    .filter(Boolean);
}

/** What the user types; kubectl and kustomize are the fakes' (real kubectl behind them). */
const bash = (script: string, cwd: string) => runBlock(script, { cwd, env, timeoutMs: 20 * 60_000 });

async function kubectl(args: string[], input?: string) {
  return cp.kubectl(args, { input, allowFail: true, env });
}

async function uid(res: string, name: string, ns?: string): Promise<string> {
  const r = await kubectl(['get', res, name, ...(ns ? ['-n', ns] : []), '-o', 'jsonpath={.metadata.uid}']);
  return r.code === 0 ? r.stdout : '';
}

const USER_OBJECTS: ReadonlyArray<[string, string, string | undefined]> = [
  ['profiles.kubeflow.org', 'team-a', undefined],
  ['namespace', 'team-a', undefined],
  ['persistentvolumeclaim', 'workspace-nb', 'team-a'],
  ['notebooks.kubeflow.org', 'nb', 'team-a'],
  ['statefulset.apps', 'nb', 'team-a'],
  ['tfjobs.kubeflow.org', 'mnist', 'team-a'],
  ['persistentvolumeclaim', 'mysql-pv-claim', 'kubeflow'],
  ['persistentvolumeclaim', 'katib-mysql', 'kubeflow'],
];

const ARTIFACTS = [
  'artifacts/run-1/model.pkl',
  'artifacts/run-1/metrics.json',
  'private-artifacts/team-a/v2/artifacts/out.txt',
];

test.before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'kfgen-upgrade-'));
  project = join(work, 'project');
  mkdirSync(project);
  mkdirSync(join(work, 'home'));
  const config = readFileSync(fixtureConfig(FIXTURE), 'utf8').replace(
    /^(\s*path:\s*).*$/m,
    `$1${manifestsDirFor(START)}`,
  );
  writeFileSync(join(project, 'kfgen.config.yaml'), config);
  copyFileSync(join(repoRoot, 'fixtures', FIXTURE, 'cookie-secret.txt'), join(project, 'cookie-secret.txt'));
  bin = writeUpgradeFakes(work, kubectlUsed);
  log = join(work, 'calls.log');
  fakeS3 = join(work, 's3');
  const kcm = writeControllerManagerWrapper(work, k8s?.kubeControllerManager?.bin ?? kubeControllerManagerBin);
  const t0 = Date.now();
  cp = await startControlPlane({
    aggregation: true,
    binaries: {
      kubeControllerManager: kcm,
      ...(k8s ? { kubeApiserver: k8s.kubeApiserver.bin, kubectl: k8s.kubectl.bin } : {}),
    },
  });
  timings.push(
    `Kubernetes ${k8s?.kubeApiserver.version ?? 'v1.30.14'}; control plane ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  env = {
    ...process.env,
    ...FIXTURE_ENV,
    KFGEN_REMOTE_BASES: remoteBasesDir,
    PATH: `${bin}:${process.env.PATH}`,
    HOME: join(work, 'home'),
    KUBECONFIG: cp.kubeconfig,
    RUNBOOK_LOG: log,
    FAKE_S3: fakeS3,
  };
  delete env.KFGEN_BACKUP_DIR;
});

test.after(async () => {
  if (timings.length) console.log(`upgrade hops: ${timings.join('; ')}`);
  await cp?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A failure is printed at once (the hops take minutes; uvu reports only at the end). */
const loud = (fn: () => Promise<void>) => async (): Promise<void> => {
  try {
    await fn();
  } catch (e) {
    console.error(`\n${(e as Error).message}`);
    throw e;
  }
};

/** KFGEN_UPGRADE_DROP_STEP=<title> runs every UPGRADE.md without that step: the checks must then fail. */
const dropped = process.env.KFGEN_UPGRADE_DROP_STEP;

/** KFGEN_UPGRADE_HOPS=n runs only the first n hops (a quick loop while editing one step). */
const hops = HOPS.slice(0, Number(process.env.KFGEN_UPGRADE_HOPS ?? HOPS.length));

test(
  'v1.9.1: kfgen build, applied as NEXT_STEPS.md does; users create their work',
  loud(async () => {
    if (skip) return;
    const t0 = Date.now();
    const built = await sh('node', [join(repoRoot, 'bin/kfgen.js'), 'build'], { cwd: project });
    assert.is(built.code, 0, built.stderr);
    let ok = false;
    let last = '';
    for (let i = 0; i < 4 && !ok; i++) {
      const r = await bash(
        'kustomize build . | kubectl apply --server-side --force-conflicts -f - >/dev/null',
        join(project, 'out'),
      );
      ok = r.code === 0;
      last = r.stderr.split('\n').slice(-15).join('\n');
      if (!ok) await kubectl(['wait', '--for', 'condition=established', 'crd', '--all', '--timeout=120s']);
    }
    assert.ok(ok, `the v1.9.1 platform applies: ${last}`);
    previous = await render();

    // The user's Profile, and what the profile controller and the Pipelines profile controller make for it.
    const profile = `apiVersion: kubeflow.org/v1
kind: Profile
metadata: { name: team-a }
spec: { owner: { kind: User, name: alice@lab.internal } }
---
apiVersion: v1
kind: Namespace
metadata:
  name: team-a
  labels: { istio-injection: enabled, app.kubernetes.io/part-of: kubeflow-profile }
  annotations: { owner: alice@lab.internal }
---
apiVersion: v1
kind: Secret
metadata: { name: mlpipeline-minio-artifact, namespace: team-a }
stringData: { accesskey: minio, secretkey: minio123 }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: kfp-launcher, namespace: team-a }
data: { defaultPipelineRoot: "minio://mlpipeline/v2/artifacts" }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: workspace-nb, namespace: team-a }
spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 5Gi } } }
---
apiVersion: kubeflow.org/v1
kind: Notebook
metadata: { name: nb, namespace: team-a }
spec:
  template:
    spec:
      containers:
        - name: nb
          image: kubeflownotebookswg/jupyter-scipy:v1.9.2
          volumeMounts: [{ name: ws, mountPath: /home/jovyan }]
      volumes: [{ name: ws, persistentVolumeClaim: { claimName: workspace-nb } }]
---
apiVersion: kubeflow.org/v1
kind: TFJob
metadata: { name: mnist, namespace: team-a }
spec:
  tfReplicaSpecs:
    Worker:
      replicas: 1
      template:
        spec:
          containers: [{ name: tensorflow, image: kubeflow/tf-mnist-with-summaries:latest }]
`;
    const applied = await kubectl(['apply', '--server-side', '--field-manager=alice', '-f', '-'], profile);
    assert.is(applied.code, 0, applied.stderr);
    // The notebook controller's StatefulSet, owned by the Notebook: the garbage collector deletes it if the Notebook goes.
    const nbUid = await uid('notebooks.kubeflow.org', 'nb', 'team-a');
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: nb
  namespace: team-a
  ownerReferences: [{ apiVersion: kubeflow.org/v1, kind: Notebook, name: nb, uid: ${nbUid}, controller: true, blockOwnerDeletion: true }]
spec:
  replicas: 1
  serviceName: nb
  selector: { matchLabels: { statefulset: nb } }
  template:
    metadata: { labels: { statefulset: nb, notebook-name: nb } }
    spec:
      containers: [{ name: nb, image: kubeflownotebookswg/jupyter-scipy:v1.9.2 }]
`;
    assert.is(
      (await kubectl(['apply', '--server-side', '--field-manager=notebook-controller', '-f', '-'], sts)).code,
      0,
    );
    for (const [res, name, ns] of USER_OBJECTS) {
      const u = await uid(res, name, ns);
      assert.ok(u, `${res} ${ns ?? ''}/${name} exists`);
      userUids.set(`${res} ${ns ?? ''}/${name}`, u);
    }
    // The users' artifacts in MinIO's bucket (the fake S3 store behind the port-forward to deploy/minio).
    for (const a of ARTIFACTS) {
      mkdirSync(join(fakeS3, '19000/mlpipeline', a, '..'), { recursive: true });
      writeFileSync(join(fakeS3, '19000/mlpipeline', a), `artifact ${a}\n`);
    }
    timings.push(`v1.9.1 build + apply + users' data ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }),
);

function calls(tool: string, first: string): Call[] {
  return readCalls(log).filter((c) => c.tool === tool && c.args[0] === first);
}

for (const to of hops) {
  test(
    `→ ${to}: kfgen upgrade, then UPGRADE.md as written; users' objects intact, orphans gone, no webhook without its Service, strict re-apply clean`,
    loud(async () => {
      if (skip) return;
      const t0 = Date.now();
      writeFileSync(log, '');
      const up = await sh(
        'node',
        [
          join(repoRoot, 'bin/kfgen.js'),
          'upgrade',
          '--config',
          'kfgen.config.yaml',
          '--to',
          to,
          '--manifests',
          manifestsDirFor(to),
          '--out',
          'out',
        ],
        { cwd: project },
      );
      assert.is(up.code, 0, up.stderr);
      const md = readFileSync(join(project, 'out/UPGRADE.md'), 'utf8');
      const sections = upgradeSections(md);
      const titles = sections.map((s) => s.title.replace(/^\d+\. /, ''));
      const at = (t: string) => titles.indexOf(t);
      assert.ok(
        at('Back up') >= 0 && at('Back up') < at('Apply'),
        `backups come before the apply: ${titles.join(' | ')}`,
      );
      assert.ok(at('Verify') > at('Apply') && at('Change the config') === titles.length - 1, titles.join(' | '));
      const tUpgrade = Date.now();

      for (const s of sections) {
        if (dropped && s.title.replace(/^\d+\. /, '') === dropped) continue;
        for (const [i, block] of s.blocks.entries()) {
          const r = await bash(block, join(project, 'out'));
          if (r.code !== 0)
            assert.unreachable(
              `${to}: step "${s.title}" block ${i + 1} exited ${r.code}:\n${block}\n--- stderr:\n${r.stderr.split('\n').slice(-30).join('\n')}`,
            );
        }
      }
      const tRun = Date.now();
      const now = await render();

      // Users' objects: the same objects (same uid) as before the first upgrade.
      for (const [res, name, ns] of USER_OBJECTS) {
        const id = `${res} ${ns ?? ''}/${name}`;
        assert.is(await uid(res, name, ns), userUids.get(id), `${to}: ${id} is still the user's object`);
      }

      // What the old release rendered and this one does not: gone from the server, except what must stay.
      const nowKeys = new Set(now.map(key));
      const removed = previous.filter((o) => !nowKeys.has(key(o)));
      assert.ok(removed.length > 0, `${to}: the hop removes objects`);
      const left: string[] = [];
      for (const o of removed) {
        const ns = o.metadata.namespace;
        const clusterScoped = [
          'CompositeController',
          'CustomResourceDefinition',
          'ClusterRole',
          'ClusterRoleBinding',
          'ValidatingWebhookConfiguration',
          'MutatingWebhookConfiguration',
        ].includes(o.kind);
        const r = await kubectl([
          'get',
          resource(o),
          o.metadata.name,
          ...(ns && !clusterScoped ? ['-n', ns] : []),
          '--ignore-not-found',
          '-o',
          'name',
        ]);
        assert.is(r.code, 0, r.stderr);
        if (r.stdout.trim()) left.push(key(o));
      }
      assert.equal(left.sort(), [...KEPT[to]].sort(), `${to}: orphans left on the server`);

      // No webhook points at a Service that is not there.
      const hooks = await kubectl([
        'get',
        'mutatingwebhookconfigurations,validatingwebhookconfigurations',
        '-o',
        'json',
      ]);
      const missing: string[] = [];
      for (const h of JSON.parse(hooks.stdout).items as {
        metadata: { name: string };
        webhooks?: { clientConfig: { service?: { namespace: string; name: string } } }[];
      }[])
        for (const w of h.webhooks ?? []) {
          const s = w.clientConfig.service;
          if (s && (await kubectl(['get', 'service', '-n', s.namespace, s.name])).code !== 0)
            missing.push(`${h.metadata.name} → ${s.namespace}/${s.name}`);
        }
      assert.equal(missing, [], `${to}: webhooks without their Service`);

      // A strict re-apply of the new render: accepted, no warning.
      const again = await bash(
        'kustomize build . | kubectl apply --server-side --force-conflicts --validate=strict -f - >/dev/null',
        join(project, 'out'),
      );
      assert.is(again.code, 0, again.stderr);
      assert.not.match(again.stderr, /[Ww]arning/, `${to}: the strict re-apply warns:\n${again.stderr}`);

      // What needs pods was called, as written (recorded, not run).
      const execs = calls('kubectl', 'exec').map((c) => c.args.join(' '));
      for (const db of ['deploy/mysql', 'deploy/katib-mysql'])
        assert.ok(
          execs.some((e) => e.includes(db) && e.includes('mysqldump')),
          `${to}: mysqldump in ${db}`,
        );
      assert.ok(
        calls('kubectl', 'port-forward').length >= 1,
        `${to}: the object store is reached through a port-forward`,
      );
      assert.ok(
        calls('aws', '--endpoint-url').some((c) => c.args.includes('sync')),
        `${to}: the bucket is copied with an S3 client`,
      );
      const backup = join(work, 'home/kfgen-backup', `${previousRelease(to)}-to-${to}`);
      for (const f of [
        'mysql.sql',
        'katib-mysql.sql',
        'custom-resources.yaml',
        'persistentvolumeclaims.yaml',
        'UPGRADE.md',
      ])
        assert.ok(existsSync(join(backup, f)), `${to}: ${f} in the backup directory`);
      assert.match(
        readFileSync(join(backup, 'custom-resources.yaml'), 'utf8'),
        /name: mnist/,
        'the TFJob is in the backup',
      );

      // The config now declares the new release, and this directory is what it builds.
      assert.match(
        readFileSync(join(project, 'kfgen.config.yaml'), 'utf8'),
        new RegExp(`version: "${to.replace('.', '\\.')}"`),
      );
      assert.not.ok(existsSync(join(project, 'out/UPGRADE.md')), 'UPGRADE.md moved to the backup');

      await hopChecks(to, md);
      timings.push(
        `${to}: kfgen upgrade ${((tUpgrade - t0) / 1000).toFixed(0)} s, UPGRADE.md ${((tRun - tUpgrade) / 1000).toFixed(0)} s, checks ${((Date.now() - tRun) / 1000).toFixed(0)} s, ${removed.length} objects removed upstream (${removed.length - KEPT[to].length} deleted, ${KEPT[to].length} kept), ${sections.reduce((n, s) => n + s.blocks.length, 0)} blocks`,
      );
      previous = now;
    }),
  );
}

function previousRelease(to: Hop): string {
  return [START, ...HOPS][[START, ...HOPS].indexOf(to) - 1]!;
}

async function hopChecks(to: Hop, md: string) {
  const get = (args: string[]) =>
    kubectl(['get', ...args, '--ignore-not-found', '-o', 'name']).then((r) => r.stdout.trim());
  if (to === 'v1.10.2') {
    assert.is(await get(['compositecontrollers.metacontroller.k8s.io', 'kubeflow-pipelines-profile-controller']), '');
    assert.ok(await get(['decoratorcontrollers.metacontroller.k8s.io', 'kubeflow-pipelines-profile-controller']));
    const crb = await kubectl([
      'get',
      'clusterrolebinding',
      'meta-controller-cluster-role-binding',
      '-o',
      'jsonpath={.roleRef.name}',
    ]);
    assert.is(crb.stdout, 'kubeflow-metacontroller', 'the ClusterRoleBinding was re-created with its new roleRef');
    // Restarts for Istio CNI and native sidecars: the restart is a real patch of the pod template, the wait is recorded.
    const restarted = await kubectl([
      'get',
      'deployment',
      '-n',
      'kubeflow',
      'ml-pipeline',
      '-o',
      'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}',
    ]);
    assert.ok(restarted.stdout, 'the injected Deployments of kubeflow were restarted');
    assert.ok(
      calls('kubectl', 'rollout').some((c) => c.args.includes('status') && c.args.includes('kubeflow')),
      'and waited for',
    );
    assert.match(md, /Istio \| 1\.22\.1 \| 1\.26\.1 \| \*\*no\*\*: 4 minors/);
  }
  if (to === 'v1.11.0') {
    // One-way points are stated before the apply that passes them.
    const apply = md.search(/^## \d+\. Apply$/m);
    assert.ok(apply > 0, 'UPGRADE.md has an Apply step');
    assert.ok(
      md.indexOf('**One-way points**') < apply && md.indexOf('MySQL 8.0.26 → 8.4') < apply,
      'the one-way points are in step 0',
    );
    assert.ok(
      md.indexOf('**Point of no return:**') < md.indexOf('kustomize build . | kubectl apply'),
      'and said again right before the apply',
    );
    // The artifacts were copied to SeaweedFS before MinIO's volume went.
    const store = (port: number) =>
      existsSync(join(fakeS3, String(port), 'mlpipeline'))
        ? readdirSync(join(fakeS3, String(port), 'mlpipeline'), { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile())
            .map((e) =>
              join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(
                join(fakeS3, String(port), 'mlpipeline').length + 1,
              ),
            )
            .sort()
        : [];
    assert.equal(store(18333), [...ARTIFACTS].sort(), "SeaweedFS holds every one of MinIO's artifacts");
    assert.is(await get(['pvc', '-n', 'kubeflow', 'minio-pvc']), '', 'minio-pvc is deleted after the verified copy');
    // Per-profile attachments: backed up, deleted (the profile controller makes them anew), waited for.
    assert.is(await get(['secret', '-n', 'team-a', 'mlpipeline-minio-artifact']), '');
    assert.is(await get(['configmap', '-n', 'team-a', 'kfp-launcher']), '');
    const waits = calls('kubectl', 'wait').map((c) => c.args.join(' '));
    assert.ok(
      waits.some(
        (w) => w.includes('--for=create') && w.includes('secret/mlpipeline-minio-artifact') && w.includes('team-a'),
      ),
      waits.join('\n'),
    );
    const backup = join(work, 'home/kfgen-backup/v1.10.2-to-v1.11.0/profiles');
    assert.match(readFileSync(join(backup, 'team-a-configmap-kfp-launcher.yaml'), 'utf8'), /defaultPipelineRoot/);
    // The TFJob and its CRD stay; the training operator's webhook and Service are gone.
    assert.ok(await get(['crd', 'tfjobs.kubeflow.org']), 'the CRD of the TFJob stays');
    assert.is(await get(['crd', 'pytorchjobs.kubeflow.org']), '', 'a CRD without objects is deleted');
    assert.is(await get(['validatingwebhookconfiguration', 'validator.training-operator.kubeflow.org']), '');
    // Istio's CRDs record only v1 as stored.
    const sv = await kubectl([
      'get',
      'crd',
      'authorizationpolicies.security.istio.io',
      '-o',
      'jsonpath={.status.storedVersions}',
    ]);
    assert.is(sv.stdout, '["v1"]');
  }
  if (to === '26.03') {
    const stale = await get(['networkpolicy', '-n', 'kubeflow', 'default-allow-same-namespace-auth']);
    assert.is(stale, '', "v1.11.0's misplaced NetworkPolicies are gone from kubeflow");
    assert.ok(await get(['networkpolicy', '-n', 'auth', 'default-allow-same-namespace-auth']), '26.03 has it in auth');
    assert.match(md, /Knative Serving \| 1\.16\.2 \| 1\.21\.1 \| \*\*no\*\*: 5 minors/);
  }
}

test.run();

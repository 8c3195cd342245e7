import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { missingTools, type K8sObject } from '../support/tools.js';
import { KUBEFLOW_MIN_CAPACITY } from '../../src/kubeflow/capacity.js';
import { fixtureConfig, fixturesDir, renderFixture } from '../support/fixtures.js';
import { startControlPlane, type ControlPlane } from '../support/control-plane.js';
import { clusterState, added, resetCluster, type ClusterState } from '../support/runbook-cluster.js';
import {
  FAKE_VPC_ID,
  NODE_ROLE_ARN,
  flagValues,
  readCalls,
  requiredVariables,
  runBlock,
  runbookSections,
  selfSignedPair,
  writeFakeTools,
  type Call,
} from '../support/runbook.js';

/*
 * Every generator fixture's NEXT_STEPS.md, run as a user would on a fresh cluster: its ```sh blocks
 * in order, each in a fresh `bash` with `set -eo pipefail`, from the output directory, stopping at
 * the first step marked `<!-- needs: running cluster -->` (the Apply step and everything after:
 * its retry loop ends only once webhooks and controllers run, and the later steps wait for pods,
 * load balancers and certificates). Any failing command fails the test.
 *
 * Real: kube-apiserver v1.30.14 + etcd on loopback (one for all fixtures, put back to its starting
 * state between them), the pinned kubectl and kustomize.
 * Simulated: eksctl, aws, az and helm are recording fakes (test/support/runbook.ts) that call no
 * cloud and install nothing; they print only what the runbook reads (a VPC id, an address). The
 * fake `eksctl create cluster` leaves aws-auth as a cluster with a managed node group has it (the
 * node role mapped), so the test sees whether the runbook keeps that entry. `aws eks
 * update-kubeconfig` leaves the test's kubeconfig in place. The user's certificate files
 * (fullchain.pem, privkey.pem: a throw-away self-signed pair for the host) and exported secret
 * values (`${NAME:?}`: random strings) are provided as the runbook asks for them. curl and wget
 * refuse to run. No controller, webhook or pod runs.
 */

const skip = missingTools('kustomize', 'manifests', 'control-plane');

/** KFGEN_RUNBOOK_FIXTURES=a,b runs only those (a quick loop while editing one step). */
const only = process.env.KFGEN_RUNBOOK_FIXTURES?.split(',').filter(Boolean);
const FIXTURES = readdirSync(fixturesDir)
  .filter((n) => existsSync(fixtureConfig(n)) && (!only || only.includes(n)))
  .sort();

const BLOCK_TIMEOUT_MS = 60_000;

const test = suite('NEXT_STEPS runbook');
let cp: ControlPlane;
let base: ClusterState;
let work: string;
let bin: string;

test.before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'kfgen-runbook-'));
  bin = writeFakeTools(work);
  // Two renders at a time (renderFixture's limit) while the runbooks run; each test awaits its own.
  for (const n of FIXTURES) renderFixture(n).catch(() => undefined);
  cp = await startControlPlane();
  base = await clusterState(cp);
});

test.after(async () => {
  await cp?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

type AnyObject = K8sObject & Record<string, any>;

interface SecretRef {
  namespace: string;
  name: string;
  keys: string[];
  by: string;
}

function podSpecs(o: AnyObject): AnyObject[] {
  if (o.kind === 'Pod') return [o.spec];
  if (o.kind === 'CronJob') return [o.spec?.jobTemplate?.spec?.template?.spec].filter(Boolean);
  return [o.spec?.template?.spec].filter(Boolean);
}

/**
 * Secrets the rendered platform reads but does not contain, and cert-manager does not issue:
 * the ones someone must create before its pods can start. Optional references are left out.
 */
function secretsTheUserMustCreate(objects: AnyObject[]): SecretRef[] {
  const inRender = new Set(
    objects.filter((o) => o.kind === 'Secret').map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
  );
  const issued = new Set(
    objects.filter((o) => o.kind === 'Certificate').map((o) => `${o.metadata.namespace}/${o.spec?.secretName}`),
  );
  const refs = new Map<string, SecretRef>();
  const add = (namespace: string, name: string, key: string | undefined, by: string) => {
    const id = `${namespace}/${name}`;
    if (inRender.has(id) || issued.has(id)) return;
    const r = refs.get(id) ?? { namespace, name, keys: [], by };
    if (key && !r.keys.includes(key)) r.keys.push(key);
    refs.set(id, r);
  };
  for (const o of objects) {
    const ns = o.metadata.namespace ?? 'default';
    const by = `${o.kind} ${ns}/${o.metadata.name}`;
    for (const spec of podSpecs(o)) {
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (ref && !ref.optional) add(ns, ref.name, ref.key, by);
        }
        for (const e of c.envFrom ?? [])
          if (e.secretRef && !e.secretRef.optional) add(ns, e.secretRef.name, undefined, by);
      }
      for (const v of spec.volumes ?? []) {
        if (v.secret && !v.secret.optional) {
          if (v.secret.items?.length) for (const i of v.secret.items) add(ns, v.secret.secretName, i.key, by);
          else add(ns, v.secret.secretName, undefined, by);
        }
      }
    }
    if (o.kind === 'Ingress') for (const t of o.spec?.tls ?? []) if (t.secretName) add(ns, t.secretName, 'tls.crt', by);
    // The gateway pod reads credentialName from its own namespace.
    if (o.kind === 'Gateway')
      for (const s of o.spec?.servers ?? [])
        if (s.tls?.credentialName) add('istio-system', s.tls.credentialName, 'tls.crt', by);
  }
  return [...refs.values()];
}

const setArgs = (call: Call) =>
  new Map(
    [...flagValues(call, '--set'), ...flagValues(call, '--set-string')].map((s) => [
      s.slice(0, s.indexOf('=')),
      s.slice(s.indexOf('=') + 1),
    ]),
  );
const semver = /^\d+\.\d+\.\d+$/;

for (const name of FIXTURES) {
  test(`${name}: NEXT_STEPS runs top to bottom on a fresh cluster up to the running-cluster steps`, async () => {
    if (skip) return;
    const t0 = Date.now();
    const { outDir, objects } = await renderFixture(name);
    const t1 = Date.now();
    const all = objects as AnyObject[];
    const markdown = readFileSync(join(outDir, 'NEXT_STEPS.md'), 'utf8');
    const sections = runbookSections(markdown);
    const first = sections.findIndex((s) => s.needsRunningCluster);
    assert.ok(first > 0, 'some steps run on a fresh cluster and the Apply step is marked as needing a running cluster');
    assert.equal(
      sections[first]!.title.replace(/^\d+\. /, ''),
      'Apply',
      'the first step that needs a running cluster is Apply',
    );
    const unmarked = sections.slice(first).filter((s) => !s.needsRunningCluster);
    assert.equal(
      unmarked.map((s) => s.title),
      [],
      'every step after the first running-cluster step is marked too',
    );

    const fresh = sections.slice(0, first);
    const blocks = fresh.flatMap((s) => s.blocks);
    const state = await clusterState(cp, base.resources);
    assert.equal(added(base, state), [], 'the cluster is fresh');

    const log = join(work, `${name}.log`);
    const home = mkdtempSync(join(work, `${name}-home-`));
    const env: NodeJS.ProcessEnv = {
      PATH: `${bin}:/usr/bin:/bin`,
      HOME: home,
      KUBECONFIG: cp.kubeconfig,
      RUNBOOK_LOG: log,
      LANG: 'C.UTF-8',
    };
    const values: Record<string, string> = {};
    for (const v of requiredVariables(blocks))
      env[v] = values[v] = `runbook-${v.toLowerCase()}-${randomBytes(6).toString('hex')}`;
    if (blocks.some((b) => b.includes('fullchain.pem')))
      selfSignedPair(outDir, String(parse(readFileSync(fixtureConfig(name), 'utf8')).host));

    try {
      for (const section of fresh) {
        for (const block of section.blocks) {
          const r = await runBlock(block, { cwd: outDir, env, timeoutMs: BLOCK_TIMEOUT_MS });
          if (r.code !== 0) {
            assert.unreachable(
              `step "${section.title}" failed (exit ${r.code}):\n${block}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`,
            );
          }
        }
      }

      const calls = readCalls(log);
      console.log(
        `runbook ${name}: render ${((t1 - t0) / 1000).toFixed(1)}s, ${blocks.length} blocks in ${((Date.now() - t1) / 1000).toFixed(1)}s, ${calls.length} fake CLI calls`,
      );
      const calledAs = (tool: string, ...words: string[]) =>
        calls.filter((c) => c.tool === tool && words.every((w, i) => c.args[i] === w));

      // Every Secret the platform reads and does not bring exists, in the reader's namespace, with the keys it reads.
      const userSecrets = secretsTheUserMustCreate(all);
      console.log(
        `runbook ${name}: Secrets the platform reads and does not bring: ${userSecrets.map((r) => `${r.namespace}/${r.name}`).join(', ') || 'none'}`,
      );
      for (const ref of userSecrets) {
        const got = await cp.kubectl(['get', 'secret', ref.name, '-n', ref.namespace, '-o', 'json'], {
          allowFail: true,
        });
        assert.is(got.code, 0, `Secret ${ref.namespace}/${ref.name} (read by ${ref.by}) exists after the runbook`);
        const data = (JSON.parse(got.stdout) as { data?: Record<string, string> }).data ?? {};
        for (const k of ref.keys)
          assert.ok(data[k], `Secret ${ref.namespace}/${ref.name} has key ${k} (read by ${ref.by})`);
      }
      // What the user exported is what landed in the Secrets.
      const stored = new Set<string>();
      const secrets = await cp.kubectl(['get', 'secrets', '-A', '-o', 'json']);
      for (const s of (JSON.parse(secrets.stdout) as { items: Array<{ data?: Record<string, string> }> }).items) {
        for (const v of Object.values(s.data ?? {})) stored.add(Buffer.from(v, 'base64').toString('utf8'));
      }
      const secretVariables = blocks.flatMap((b) =>
        [...b.matchAll(/--from-literal=[^=\s]+="\$\{([A-Z0-9_]+):\?\}"/g)].map((m) => m[1]!),
      );
      for (const v of secretVariables)
        assert.ok(stored.has(values[v]!), `the value exported as ${v} is stored in a Secret`);

      // A controller the overlay relies on and does not contain is installed, pinned, before the apply.
      const nginxIngresses = all.filter(
        (o) =>
          o.kind === 'Ingress' &&
          Object.keys(o.metadata.annotations ?? {}).some((a) => a.startsWith('nginx.ingress.kubernetes.io/')),
      );
      const nginx = calledAs('helm', 'upgrade', '--install', 'ingress-nginx', 'ingress-nginx/ingress-nginx');
      if (nginxIngresses.length) {
        assert.is(nginx.length, 1, 'ingress-nginx is installed with helm, from chart ingress-nginx/ingress-nginx');
        const call = nginx[0]!;
        assert.match(flagValues(call, '--version')[0] ?? '', semver, 'the chart version is pinned');
        assert.ok(
          call.args.includes('--wait'),
          'helm waits for the controller (its admission webhook checks the Ingress)',
        );
        const set = setArgs(call);
        for (const ing of nginxIngresses) {
          assert.is(
            set.get('controller.ingressClassResource.name'),
            ing.spec.ingressClassName,
            'the IngressClass the Ingress names is the one installed',
          );
          assert.is(
            set.get('controller.config.proxy-buffer-size'),
            ing.metadata.annotations!['nginx.ingress.kubernetes.io/proxy-buffer-size'],
            'the controller buffers match the Ingress',
          );
        }
        assert.match(
          set.get('controller.config.large-client-header-buffers') ?? '',
          /^\d+ \d+k$/,
          'request header buffers are raised at the controller (no annotation can)',
        );
        const repo = calledAs('helm', 'repo', 'add', 'ingress-nginx');
        assert.ok(repo.length && calls.indexOf(repo[0]!) < calls.indexOf(call), 'the chart repository is added first');
      } else assert.is(nginx.length, 0, 'no ingress-nginx without an nginx Ingress');

      const awsLb = all.some(
        (o) =>
          (o.kind === 'Ingress' && o.spec?.ingressClassName === 'alb') ||
          (o.kind === 'Service' &&
            o.metadata.annotations?.['service.beta.kubernetes.io/aws-load-balancer-type'] === 'external'),
      );
      const lbc = calledAs(
        'helm',
        'upgrade',
        '--install',
        'aws-load-balancer-controller',
        'eks/aws-load-balancer-controller',
      );
      if (awsLb) {
        assert.is(lbc.length, 1, 'the AWS Load Balancer Controller is installed with helm');
        const call = lbc[0]!;
        const cluster = parse(readFileSync(join(outDir, 'cluster/eksctl-cluster.yaml'), 'utf8')) as {
          metadata: { name: string; region: string };
        };
        assert.match(flagValues(call, '--version')[0] ?? '', semver, 'the chart version is pinned');
        assert.ok(
          call.args.includes('--wait'),
          'helm waits for the controller (its webhook must see the Service and Ingress)',
        );
        const set = setArgs(call);
        assert.is(set.get('clusterName'), cluster.metadata.name);
        assert.is(set.get('region'), cluster.metadata.region);
        assert.is(set.get('vpcId'), FAKE_VPC_ID, 'the VPC id the runbook read from `aws eks describe-cluster`');
      } else assert.is(lbc.length, 0, 'no AWS Load Balancer Controller without an ALB or NLB');

      // AKS with platform.aks.cluster: the cluster is created first, with the config's version and node pool.
      const aksCluster = parse(readFileSync(fixtureConfig(name), 'utf8')).platform?.aks?.cluster as
        | { name: string; resourceGroup: string; kubernetesVersion: string; nodeVmSize?: string; nodeCount?: number }
        | undefined;
      if (aksCluster) {
        const create = calledAs('az', 'aks', 'create');
        assert.is(create.length, 1, 'az aks create runs once');
        const c = create[0]!;
        assert.equal(
          [flagValues(c, '--resource-group')[0], flagValues(c, '--name')[0], flagValues(c, '--kubernetes-version')[0]],
          [aksCluster.resourceGroup, aksCluster.name, aksCluster.kubernetesVersion],
        );
        const size = flagValues(c, '--node-vm-size')[0]!;
        const count = Number(flagValues(c, '--node-count')[0]);
        if (aksCluster.nodeVmSize) assert.is(size, aksCluster.nodeVmSize);
        // The default size: 4 vCPU and 16 GiB per node (Dsv5), so the pool meets Kubeflow's stated need.
        else assert.is(size, 'Standard_D4s_v5');
        assert.ok(
          4 * count >= KUBEFLOW_MIN_CAPACITY.cpu && 16 * count >= KUBEFLOW_MIN_CAPACITY.memGiB,
          `${count} × ${size}`,
        );
        const azCalls = calls.filter((x) => x.tool === 'az' && !(x.args[0] === 'group' && x.args[1] === 'create'));
        assert.is(azCalls[0], c, 'the cluster is created before anything else asks Azure about it');
        assert.ok(calledAs('az', 'aks', 'get-credentials').length === 1, 'and kubectl is pointed at it');
      }

      // EKS: the cluster first, then the aws-auth mappings added to what eksctl left there.
      const eksctlFile = join(outDir, 'cluster/eksctl-cluster.yaml');
      if (existsSync(eksctlFile)) {
        const cloud = calls.filter((c) => c.tool === 'eksctl' || (c.tool === 'aws' && c.args[0] === 'eks'));
        const create = calledAs('eksctl', 'create', 'cluster', '-f', 'cluster/eksctl-cluster.yaml');
        assert.is(create.length, 1, 'eksctl creates the cluster from the generated file');
        assert.is(cloud[0], create[0], 'the cluster is created before anything else talks to it');
        const cluster = parse(readFileSync(eksctlFile, 'utf8')) as { accessConfig?: { authenticationMode?: string } };
        const mappings = calledAs('eksctl', 'create', 'iamidentitymapping');
        const awsAuthFile = join(outDir, 'cluster/aws-auth.yaml');
        if (cluster.accessConfig?.authenticationMode === 'API') {
          assert.is(
            mappings.length,
            0,
            'no aws-auth mapping: with authenticationMode API the cluster ignores aws-auth',
          );
          assert.not.ok(existsSync(awsAuthFile), 'no aws-auth file either');
        } else if (existsSync(awsAuthFile)) {
          const cm = parse(readFileSync(awsAuthFile, 'utf8')) as { data: { mapRoles?: string; mapUsers?: string } };
          const want = [
            ...(
              (parse(cm.data.mapRoles ?? '[]') ?? []) as Array<{ rolearn: string; username: string; groups?: string[] }>
            ).map((r) => ({ arn: r.rolearn, username: r.username, groups: r.groups ?? [] })),
            ...(
              (parse(cm.data.mapUsers ?? '[]') ?? []) as Array<{ userarn: string; username: string; groups?: string[] }>
            ).map((u) => ({ arn: u.userarn, username: u.username, groups: u.groups ?? [] })),
          ];
          const got = mappings.map((c) => ({
            arn: flagValues(c, '--arn')[0],
            username: flagValues(c, '--username')[0],
            groups: flagValues(c, '--group'),
          }));
          assert.equal(
            got,
            want,
            'each mapping of cluster/aws-auth.yaml is added with eksctl, which merges into the ConfigMap',
          );
          const live = await cp.kubectl([
            'get',
            'configmap',
            'aws-auth',
            '-n',
            'kube-system',
            '-o',
            'jsonpath={.data.mapRoles}',
          ]);
          assert.ok(live.stdout.includes(NODE_ROLE_ARN), 'the node role eksctl mapped is still in aws-auth');
        }
      }
    } finally {
      await resetCluster(cp, base);
    }
  });
}

test.run();

/**
 * The release catalog (src/kubeflow/releases) against the real upstream trees: each tree is told
 * apart by its markers, the facts kfgen reads (components, namespaces, Pod Security, versions) are
 * what the rendered `example/` actually has, and v1.11.0/26.03 render offline through kfgen's
 * vendor/ copies pointed at the remote-bases mirror, to the object counts upstream's example gives.
 * Real kustomize; no cluster (the NetworkPolicy check evaluates the rendered policies as a CNI
 * would, with a small evaluator below; no CNI runs).
 */
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { suite } from '../support/suite.js';
import {
  kustomizeBuildAsync,
  manifestsDirFor,
  missingTools,
  remoteBasesDir,
  repoRoot,
  type K8sObject,
} from '../support/tools.js';
import { fixtureConfig, renderFixture } from '../support/fixtures.js';
import { offlineExample } from '../support/upstream.js';
import { RELEASES, release } from '../../src/kubeflow/releases/index.js';
import type { Release, ReleaseId } from '../../src/kubeflow/release.js';
import { identifyRelease, manifestsTreeProblem } from '../../src/config/manifests-tree.js';
import { vendorRemoteBases, VendorError } from '../../src/pipeline/vendor.js';
import { withReleasesTable } from '../../src/kubeflow/releases-doc.js';
import { MESH_CONFIGMAP, UPSTREAM_MESH } from '../../src/kubeflow/mesh.js';

const skip = missingTools('kustomize', 'manifests', 'release-manifests');
const test = suite('releases: the catalog against the upstream trees');
const scratch = mkdtempSync(join(tmpdir(), 'kfgen-releases-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** `example/` rendered offline: as it is, or through vendor/ copies where it fetches remote bases. */
const examples = new Map<ReleaseId, Promise<K8sObject[]>>();

/** What the checks below read of a workload and of a ConfigMap. */
type PodOwner = {
  spec?: { template?: { spec?: { containers?: Array<{ image: string }>; initContainers?: Array<{ image: string }> } } };
};
type ConfigMap = { data?: Record<string, string> };

function renderExample(r: Release): Promise<K8sObject[]> {
  let p = examples.get(r.id);
  if (!p) {
    p = kustomizeBuildAsync(offlineExample(r.id, scratch)).then((b) => b.objects);
    examples.set(r.id, p);
  }
  return p;
}

// PROVENANCE.md of the shared trees: `example/` renders to these counts (v1.11.0 and 26.03 with the mirror).
const EXAMPLE_OBJECTS: Record<ReleaseId, number> = { 'v1.9.1': 569, 'v1.10.2': 611, 'v1.11.0': 653, '26.03': 675 };

test("docs/releases.md has the catalog's table (regenerate: npm run docs:releases)", () => {
  const text = readFileSync(join(repoRoot, 'docs/releases.md'), 'utf8');
  assert.ok(text === withReleasesTable(text), 'docs/releases.md is stale: run npm run docs:releases');
});

test('each tree is identified as its own release and refused as any other', () => {
  if (skip) return;
  for (const r of RELEASES) {
    const dir = manifestsDirFor(r.id);
    assert.is(identifyRelease(dir), r.id, dir);
    assert.is(manifestsTreeProblem(dir, r.id), undefined);
    for (const other of RELEASES.filter((o) => o !== r)) {
      const problem = manifestsTreeProblem(dir, other.id);
      assert.match(problem ?? '', `is kubeflow/manifests ${r.id}`);
      assert.match(problem ?? '', `but manifests.version is ${other.id}`);
    }
  }
});

test("the catalog's component list is example/kustomization.yaml's", () => {
  if (skip) return;
  for (const r of RELEASES) {
    const k = parse(readFileSync(join(manifestsDirFor(r.id), 'example/kustomization.yaml'), 'utf8')) as {
      resources: string[];
      components?: string[];
    };
    const strip = (p: string) => p.replace(/^\.\.\//, '');
    assert.equal(
      r.components.map((c) => c.dir),
      k.resources.map(strip),
      r.id,
    );
    assert.equal(r.kustomizeComponents, (k.components ?? []).map(strip), r.id);
  }
});

for (const r of RELEASES) {
  test(`${r.id}: example/ renders offline to upstream's ${EXAMPLE_OBJECTS[r.id]} objects, with the catalog's namespaces, Pod Security and versions`, async () => {
    if (skip) return;
    const objects = await renderExample(r);
    assert.is(objects.length, EXAMPLE_OBJECTS[r.id]);
    const namespaces = new Map(
      objects.filter((o) => o.kind === 'Namespace').map((o) => [o.metadata.name, o.metadata.labels ?? {}]),
    );
    for (const ns of r.platformNamespaces) assert.ok(namespaces.has(ns), `${r.id} creates ${ns}`);
    const enforced = Object.fromEntries(
      [...namespaces]
        .filter(([name, l]) => l['pod-security.kubernetes.io/enforce'] && r.platformNamespaces.includes(name))
        .map(([name, l]) => [name, l['pod-security.kubernetes.io/enforce']]),
    );
    assert.equal(enforced, r.podSecurity, `${r.id} Pod Security of the platform namespaces`);
    const images = objects.flatMap((o) => {
      const pod = (o as PodOwner).spec?.template?.spec;
      return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])].map((c) => c.image);
    });
    const tag = (name: RegExp) => images.filter((i) => name.test(i)).map((i) => i.split(':').pop()!.split('@')[0]!);
    assert.ok(tag(/\/dex:/).includes(r.versions.dex), `Dex ${r.versions.dex} in ${tag(/\/dex:/)}`);
    assert.ok(
      tag(/oauth2-proxy:/).includes(r.versions.oauth2Proxy),
      `oauth2-proxy ${r.versions.oauth2Proxy} in ${tag(/oauth2-proxy:/)}`,
    );
    assert.ok(tag(/\/pilot:/).includes(r.versions.istio), `Istio ${r.versions.istio} in ${tag(/\/pilot:/)}`);
    assert.ok(
      tag(/cert-manager-controller:/).some((t) => t.replace(/^v/, '') === r.versions.certManager),
      `cert-manager ${r.versions.certManager} in ${tag(/cert-manager-controller:/)}`,
    );
    const minio = objects.some((o) => o.kind === 'Deployment' && o.metadata.name === 'minio');
    const seaweed = objects.some((o) => o.kind === 'Deployment' && o.metadata.name === 'seaweedfs');
    assert.equal({ minio, seaweed }, { minio: r.objectStore === 'minio', seaweed: r.objectStore === 'seaweedfs' });
    const training = objects.filter(
      (o) => o.kind === 'ClusterRole' && /^kubeflow-train(ing|er)-(admin|edit|view)$/.test(o.metadata.name),
    );
    assert.ok(training.length >= 3, `${r.id} training ClusterRoles`);
    assert.ok(training.every((o) => o.metadata.name.startsWith(`${r.trainingClusterRolePrefix}-`)));
    for (const f of r.crdFiles) assert.ok(existsSync(join(manifestsDirFor(r.id), f)), `${r.id} ${f}`);
    // kfgen's mesh patch carries the whole mesh config (one string), so it must be this release's.
    const mesh = objects.find(
      (o) =>
        o.kind === 'ConfigMap' &&
        o.metadata.name === MESH_CONFIGMAP.name &&
        o.metadata.namespace === MESH_CONFIGMAP.namespace,
    );
    assert.equal(
      parse((mesh as ConfigMap | undefined)?.data?.[MESH_CONFIGMAP.key] ?? ''),
      UPSTREAM_MESH,
      `${r.id} mesh config`,
    );
  });
}

test('vendor/ copies reference no remote URL, and a missing mirror names every URL and where it goes', async () => {
  if (skip) return;
  for (const r of RELEASES.filter((x) => x.remoteBases.length)) {
    const v = vendorRemoteBases({
      release: r,
      manifestsDir: manifestsDirFor(r.id),
      mirrorDir: remoteBasesDir,
      outDir: join(scratch, 'x'),
      components: r.components.map((c) => c.dir),
      mirrorSetting: 'manifests.remoteBases',
    });
    const kustomizations = Object.entries(v.files).filter(([p]) => p.endsWith('kustomization.yaml'));
    assert.ok(kustomizations.length >= 4, r.id);
    for (const [path, text] of kustomizations) assert.not.match(text, /https?:\/\//, path);
    try {
      vendorRemoteBases({
        release: r,
        manifestsDir: manifestsDirFor(r.id),
        mirrorDir: join(scratch, 'empty-mirror'),
        outDir: join(scratch, 'y'),
        components: r.components.map((c) => c.dir),
        mirrorSetting: 'manifests.remoteBases',
      });
      assert.unreachable('a missing mirror must be refused');
    } catch (e) {
      assert.instance(e, VendorError);
      const m = (e as Error).message;
      for (const b of r.remoteBases) {
        assert.match(m, b.url);
        assert.match(m, b.mirrorPath);
      }
      assert.match(m, 'git clone --depth 1 --branch v3.7.3 https://github.com/argoproj/argo-workflows');
    }
  }
});

/**
 * Ingress NetworkPolicies as a CNI enforces them: a pod selected by any policy of type Ingress
 * admits a connection only if some rule of such a policy admits its source and port.
 */
type NetworkPolicy = K8sObject & { spec: { podSelector?: unknown; policyTypes?: string[]; ingress?: unknown[] } };
type Source = { namespace?: string; namespaceLabels?: Record<string, string>; ip?: string };
function admits(
  objects: K8sObject[],
  target: { namespace: string; labels: Record<string, string> },
  from: Source,
  port: number,
): boolean {
  const matches = (sel: any, labels: Record<string, string>) =>
    Object.entries(sel?.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
    (sel?.matchExpressions ?? []).every((e: any) =>
      e.operator === 'In' ? e.values.includes(labels[e.key]) : e.operator === 'Exists' ? e.key in labels : true,
    );
  const policies = objects
    .filter((o): o is NetworkPolicy => o.kind === 'NetworkPolicy')
    .filter(
      (o) =>
        (o.metadata.namespace ?? 'default') === target.namespace &&
        matches(o.spec.podSelector, target.labels) &&
        (o.spec.policyTypes ?? ['Ingress']).includes('Ingress'),
    );
  if (!policies.length) return true;
  const inCidr = (ip: string, cidr: string) => {
    if (cidr.includes(':')) return ip.includes(':');
    if (ip.includes(':')) return false;
    const [base, bits] = cidr.split('/');
    const n = (a: string) => a.split('.').reduce((x, o) => x * 256 + Number(o), 0);
    const mask = Number(bits) === 0 ? 0 : 2 ** 32 - 2 ** (32 - Number(bits));
    return (n(ip) & mask) >>> 0 === (n(base!) & mask) >>> 0;
  };
  const nsLabels = { 'kubernetes.io/metadata.name': from.namespace ?? '', ...from.namespaceLabels };
  return policies.some((p) =>
    (p.spec.ingress ?? []).some((rule: any) => {
      const portOk = !rule.ports || rule.ports.some((pp: any) => pp.port === port);
      const peers = rule.from;
      const fromOk =
        !peers ||
        peers.some((peer: any) => {
          if (peer.ipBlock) return !!from.ip && inCidr(from.ip, peer.ipBlock.cidr);
          if (!from.namespace) return false;
          if (peer.namespaceSelector) return matches(peer.namespaceSelector, nsLabels) && !peer.podSelector;
          return !!peer.podSelector && from.namespace === target.namespace;
        });
      return portOk && fromOk;
    }),
  );
}

const GATEWAY = { namespace: 'istio-system', labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } };

test('26.03: upstream policies shut the gateway to ingress-nginx and load balancers; kfgen admits exactly its exposure', async () => {
  if (skip) return;
  const upstream = await renderExample(release('26.03'));
  const nginx = { namespace: 'ingress-nginx' };
  const lb = { ip: '203.0.113.7' };
  // What upstream's own policies do (the reason for kfgen's): the mesh gets in, nothing else.
  assert.ok(admits(upstream, GATEWAY, { namespace: 'knative-serving' }, 8080));
  assert.not.ok(admits(upstream, GATEWAY, nginx, 8080), 'upstream admits ingress-nginx');
  assert.not.ok(admits(upstream, GATEWAY, lb, 8443), 'upstream admits a load balancer');

  const viaNginx = (await renderFixture('release-26.03-eks-entra-nginx')).objects;
  assert.ok(admits(viaNginx, GATEWAY, nginx, 8080), 'ingress-nginx reaches the gateway');
  assert.not.ok(admits(viaNginx, GATEWAY, { namespace: 'kubeflow-user' }, 8080), 'another namespace does not');
  assert.not.ok(admits(viaNginx, GATEWAY, lb, 8080), 'nor the internet, past nginx');

  const viaLb = (await renderFixture('release-26.03-generic-acme-http01')).objects;
  for (const port of [8080, 8443, 15021]) assert.ok(admits(viaLb, GATEWAY, lb, port), `LoadBalancer → ${port}`);
  assert.not.ok(admits(viaLb, GATEWAY, lb, 15000), 'only the gateway ports');
  // The HTTP-01 solver runs in istio-system and is reached through the gateway: same namespace.
  assert.ok(
    admits(
      viaLb,
      { namespace: 'istio-system', labels: { 'acme.cert-manager.io/http01-solver': 'true' } },
      { namespace: 'istio-system' },
      8089,
    ),
  );
});

test('v1.11.0: the platform built from a fixture renders offline and keeps the vendored components', async () => {
  if (skip) return;
  const f = await renderFixture('release-v1.11.0-eks-cognito-adfs');
  const k = parse(f.tree.get('kustomization.yaml')!) as { resources: string[]; components?: string[] };
  assert.ok(k.resources.includes('vendor/applications/trainer/overlays'));
  assert.ok(
    k.resources.includes('vendor/applications/pipeline/upstream/env/cert-manager/platform-agnostic-multi-user'),
  );
  assert.equal(
    k.components?.map((c) => c.split('/').slice(-4).join('/')),
    ['security/PSS/dynamic/baseline'],
  );
  const names = new Set(f.objects.map((o) => `${o.kind}/${o.metadata.name}`));
  for (const n of [
    'Deployment/workflow-controller',
    'CustomResourceDefinition/jobsets.jobset.x-k8s.io',
    'Deployment/jobset-controller-manager',
    'Deployment/seaweedfs',
  ])
    assert.ok(names.has(n), n);
  assert.not.ok(names.has('Deployment/minio'));
});

test('kfgen check compares vendor/ when the tree and mirror are there, and skips it when they are not', async () => {
  if (skip) return;
  const { checkTree } = await import('../../src/cli/check.js');
  const f = await renderFixture('release-v1.11.0-eks-cognito-adfs');
  const configFile = fixtureConfig('release-v1.11.0-eks-cognito-adfs');
  const manifests = manifestsDirFor('v1.11.0');
  const run = (remoteBases?: string) =>
    checkTree({ cwd: repoRoot, configFile, outDir: f.outDir, manifestsDir: manifests, remoteBasesDir: remoteBases });
  assert.equal((await run(remoteBasesDir)).diff, { stale: [], missing: [], extra: [] });
  const vendored = join(f.outDir, 'vendor/applications/trainer/overlays/kustomization.yaml');
  const original = readFileSync(vendored, 'utf8');
  writeFileSync(vendored, `${original}# edited\n`);
  try {
    assert.equal((await run(remoteBasesDir)).diff.stale, ['vendor/applications/trainer/overlays/kustomization.yaml']);
    // Without the mirror (a hook on a machine without it): vendor/ is not regenerated, so not compared.
    assert.equal((await run(join(scratch, 'no-mirror'))).diff, { stale: [], missing: [], extra: [] });
  } finally {
    writeFileSync(vendored, original);
  }
});

test.run();

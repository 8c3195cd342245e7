import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { find, findGenerated, kustomizeBuild, missingTools, type K8sObject } from '../support/tools.js';
import { buildFixture, fixtureConfig, goldenDiff, withTenancyFiles } from '../support/fixtures.js';
import { objectKey, upstreamObjects, upstreamPlatform } from '../support/upstream.js';

const skip = missingTools('kustomize', 'manifests');

interface Built {
  objects: K8sObject[];
  tree: Map<string, string>;
  outDir: string;
  cleanup: () => void;
}

type AnyObject = K8sObject & Record<string, any>;

const GATEWAY = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';
const KFP_UI = 'cluster.local/ns/kubeflow/sa/ml-pipeline-ui';
const TOKEN_PATH = '/var/run/secrets/kubeflow/pipelines/token';

/**
 * KFAM's binding name (components/access-management/kfam/bindings.go, kubeflow v1.9.2), written
 * here from that source rather than imported, so the fixture checks the generator independently.
 */
function kfamName(user: string, role: string): string {
  return `User-${user.replace(/[^a-zA-Z0-9]+/g, '-')}-ClusterRole-${role}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function all(objects: K8sObject[], kind: string, namespace?: string): AnyObject[] {
  return objects.filter(
    (o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace),
  ) as AnyObject[];
}

function get(objects: K8sObject[], kind: string, name: string, namespace?: string): AnyObject {
  const o = find(objects, kind, name, namespace);
  assert.ok(o, `${kind} ${namespace ?? ''}/${name} is missing`);
  return o as AnyObject;
}

/** `profile user role` for each contributor RoleBinding KFAM would list (both annotations present). */
function contributorSet(objects: K8sObject[]): string[] {
  return all(objects, 'RoleBinding')
    .filter((rb) => rb.metadata.annotations?.user && rb.metadata.annotations?.role)
    .map((rb) => `${rb.metadata.namespace} ${rb.metadata.annotations!.user} ${rb.metadata.annotations!.role}`)
    .sort();
}

/** Every contributor binding is exactly the RoleBinding + AuthorizationPolicy pair KFAM creates. */
function assertKfamScheme(objects: K8sObject[]) {
  const bindings = all(objects, 'RoleBinding').filter((rb) => rb.metadata.annotations?.user);
  assert.ok(bindings.length > 0);
  for (const rb of bindings) {
    const { user, role } = rb.metadata.annotations!;
    const where = `${rb.metadata.namespace}/${rb.metadata.name}`;
    assert.is(rb.metadata.name, kfamName(user!, role!), where);
    assert.equal(
      rb.roleRef,
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `kubeflow-${role}` },
      where,
    );
    assert.equal(rb.subjects, [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }], where);
    const ap = get(objects, 'AuthorizationPolicy', rb.metadata.name, rb.metadata.namespace);
    assert.is(ap.apiVersion, 'security.istio.io/v1beta1');
    assert.equal(ap.metadata.annotations, { role, user }, where);
    assert.equal(
      ap.spec,
      {
        rules: [
          {
            from: [{ source: { principals: [GATEWAY, KFP_UI] } }],
            when: [{ key: 'request.headers[kubeflow-userid]', values: [user] }],
          },
        ],
      },
      where,
    );
  }
  // No stray policies: each KFAM-annotated AuthorizationPolicy has its RoleBinding.
  const policies = all(objects, 'AuthorizationPolicy').filter((ap) => ap.metadata.annotations?.user);
  assert.is(policies.length, bindings.length);
}

/**
 * The ml-pipeline-ui policy is upstream's, unchanged: rule 0 admits only the gateway with any
 * header; a CI account gets in through rule 1 (a token, no `kubeflow-userid`), so it can never
 * present a forged `kubeflow-userid`.
 */
function assertUiPolicyUpstream(objects: K8sObject[]) {
  const upstream = get(upstreamPlatform(), 'AuthorizationPolicy', 'ml-pipeline-ui', 'kubeflow');
  const built = get(objects, 'AuthorizationPolicy', 'ml-pipeline-ui', 'kubeflow');
  assert.equal(upstream.spec.rules[0].from[0].source.principals, [GATEWAY]);
  assert.equal(built.spec, upstream.spec);
}

function assertUiNetworkPolicy(objects: K8sObject[], namespaces: string[]) {
  const upstream = get(upstreamPlatform(), 'NetworkPolicy', 'ml-pipeline-ui', 'kubeflow');
  const built = get(objects, 'NetworkPolicy', 'ml-pipeline-ui', 'kubeflow');
  assert.equal(built.spec.ingress[0].from, [
    ...upstream.spec.ingress[0].from,
    {
      namespaceSelector: {
        matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: namespaces }],
      },
    },
  ]);
  assert.equal(built.spec.podSelector, upstream.spec.podSelector);
}

/** The PodDefault mounts a token the Pipelines API accepts where the SDK looks for it. */
function assertPodDefault(pd: AnyObject, label: string, serviceAccount?: string) {
  assert.is(pd.apiVersion, 'kubeflow.org/v1alpha1');
  assert.equal(pd.spec.selector, { matchLabels: { [label]: 'true' } });
  assert.is(pd.spec.serviceAccountName, serviceAccount);
  const volume = pd.spec.volumes[0];
  const token = volume.projected.sources[0].serviceAccountToken;
  assert.is(token.audience, 'pipelines.kubeflow.org');
  assert.ok(token.expirationSeconds >= 600, 'the kubelet refuses projected tokens shorter than 10 minutes');
  const mount = pd.spec.volumeMounts.find((m: { name: string }) => m.name === volume.name);
  assert.is(`${mount.mountPath}/${token.path}`, TOKEN_PATH);
  assert.equal(pd.spec.env, [{ name: 'KF_PIPELINES_SA_TOKEN_PATH', value: TOKEN_PATH }]);
}

function assertExampleProfileGone(objects: K8sObject[]) {
  assert.not.ok(objects.some((o) => o.kind === 'Profile' && o.metadata.name === 'kubeflow-user-example-com'));
  assert.not.ok(objects.some((o) => o.metadata.name.startsWith('default-install-config')));
  assert.ok(objects.filter((o) => o.kind === 'Profile').every((o) => o.apiVersion === 'kubeflow.org/v1'));
}

/** What the build adds to and removes from upstream's platform, by identity. */
function delta(objects: K8sObject[]) {
  const before = new Set(upstreamPlatform().map(objectKey));
  const after = new Set(objects.map(objectKey));
  return {
    added: [...after].filter((k) => !before.has(k)).sort(),
    removed: [...before].filter((k) => !after.has(k)).sort(),
  };
}

const TENANCY_KINDS = ['Profile', 'RoleBinding', 'AuthorizationPolicy', 'ServiceAccount', 'PodDefault', 'Pod'];

/** Added objects of the kinds tenancy emits; other concerns' additions (Ingress, issuers…) are theirs to count. */
function tenancyAdded(added: string[]): string[] {
  return added.filter((k) => TENANCY_KINDS.includes(k.split('/')[0]!));
}

function countByKind(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...keys].sort()) out[k.split('/')[0]!] = (out[k.split('/')[0]!] ?? 0) + 1;
  return out;
}

const REMOVED_FOR_ENTRA = () =>
  [
    ...upstreamObjects('common/dex/overlays/oauth2-proxy').map(objectKey),
    'ConfigMap//default-install-config',
    'Profile//kubeflow-user-example-com',
  ].sort();

// ---------------------------------------------------------------------------------------------
const teams = suite('fixture eks-entra-teams');
const T = {} as Built;

teams.before(async () => {
  if (skip) return;
  const built = await buildFixture('eks-entra-teams');
  Object.assign(T, built, withTenancyFiles(kustomizeBuild(built.outDir), built.tree));
});
teams.after(() => T.cleanup?.());

teams('output matches the golden tree', async () => {
  if (skip) return;
  assert.equal(await goldenDiff('eks-entra-teams', T.outDir, T.tree), []);
});

teams('profiles with owners and quotas; the example profile is gone', () => {
  if (skip) return;
  assertExampleProfileGone(T.objects);
  const profiles = all(T.objects, 'Profile');
  assert.equal(profiles.map((p) => `${p.metadata.name} ${p.spec.owner.kind} ${p.spec.owner.name}`).sort(), [
    'team-nlp User erin@example.com',
    'team-vision User alice@example.com',
  ]);
  assert.equal(get(T.objects, 'Profile', 'team-vision').spec.resourceQuotaSpec, {
    hard: { cpu: '16', memory: '64Gi', 'requests.nvidia.com/gpu': '2' },
  });
  assert.equal(get(T.objects, 'Profile', 'team-nlp').spec.resourceQuotaSpec, { hard: { cpu: '8', memory: '32Gi' } });
});

teams('group expansion yields exactly the right users, the stronger role winning', () => {
  if (skip) return;
  assert.equal(contributorSet(T.objects), [
    'team-nlp carol@example.com edit', // ml-platform edit beats her direct view
    'team-nlp dave@example.com edit',
    'team-nlp frank@example.com view',
    'team-vision bob@example.com edit',
    'team-vision carol@example.com view',
    'team-vision dave@example.com view',
  ]);
  assertKfamScheme(T.objects);
  assert.ok(find(T.objects, 'RoleBinding', 'user-bob-example-com-clusterrole-edit', 'team-vision'));
});

teams('the cluster admin is merged into profiles-config', () => {
  if (skip) return;
  const cm = findGenerated(T.objects, 'ConfigMap', 'profiles-config', 'kubeflow') as AnyObject;
  assert.is(cm.data.ADMIN, 'admin@example.com');
  assert.is(cm.data.USERID_HEADER, 'kubeflow-userid');
  assert.is(cm.data.USERID_PREFIX, '');
});

teams(
  'ml-pipeline-ui keeps its upstream AuthorizationPolicy; its NetworkPolicy gains exactly the profiles with access',
  () => {
    if (skip) return;
    assertUiPolicyUpstream(T.objects);
    assertUiNetworkPolicy(T.objects, ['team-nlp', 'team-vision']);
  },
);

teams('the CI account: ServiceAccount, the pipelines role in its profile only, PodDefault and client Pod', () => {
  if (skip) return;
  const sa = get(T.objects, 'ServiceAccount', 'ci-pipelines', 'team-vision');
  assert.ok(sa);
  const subject = [{ kind: 'ServiceAccount', name: 'ci-pipelines', namespace: 'team-vision' }];
  // The API server asks its SubjectAccessReviews in the profile: nothing is bound in kubeflow.
  assert.equal(
    all(T.objects, 'RoleBinding', 'kubeflow').filter((rb) =>
      rb.subjects?.some((x: { namespace?: string }) => x.namespace === 'team-vision'),
    ),
    [],
  );
  const ciBindings = all(T.objects, 'RoleBinding').filter((rb) =>
    rb.subjects?.some((x: { name?: string }) => x.name === 'ci-pipelines'),
  );
  assert.equal(
    ciBindings.map((rb) => `${rb.metadata.namespace}/${rb.metadata.name}`),
    ['team-vision/kubeflow-pipelines-edit.ci-pipelines'],
  );
  const inProfile = ciBindings[0]!;
  assert.equal(inProfile.roleRef, {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: 'kubeflow-pipelines-edit',
  });
  assert.equal(inProfile.subjects, subject);

  const pd = get(T.objects, 'PodDefault', 'access-ml-pipeline-ci-pipelines', 'team-vision');
  assertPodDefault(pd, 'access-ml-pipeline-ci-pipelines', 'ci-pipelines');
  const pod = get(T.objects, 'Pod', 'kfp-client-example-ci-pipelines', 'team-vision');
  // The PodDefault selects the Pod; kfgen's own label (every tenancy object carries it) is beside.
  assert.equal(pod.metadata.labels, { ...pd.spec.selector.matchLabels, 'app.kubernetes.io/managed-by': 'kfgen' });
  assert.is(pod.spec.serviceAccountName, 'ci-pipelines');
  assert.match(pod.spec.containers[0].command[2], 'list_experiments(namespace="team-vision")');
  assert.match(pod.spec.containers[0].command[2], 'http://ml-pipeline-ui.kubeflow.svc.cluster.local');
});

teams('team-nlp reads pipelines as default-editor, which the profile controller creates', () => {
  if (skip) return;
  assert.not.ok(find(T.objects, 'ServiceAccount', 'default-editor', 'team-nlp'));
  // Its profile controller binding (kubeflow-edit in team-nlp) already aggregates kubeflow-pipelines-edit.
  assert.equal(
    all(T.objects, 'RoleBinding').filter((rb) =>
      rb.subjects?.some((x: { namespace?: string }) => x.namespace === 'team-nlp'),
    ),
    [],
  );
  assertPodDefault(get(T.objects, 'PodDefault', 'access-ml-pipeline', 'team-nlp'), 'access-ml-pipeline', undefined);
  assert.is(all(T.objects, 'Pod', 'team-nlp').length, 0);
  assert.is(
    all(T.objects, 'RoleBinding', 'team-nlp').filter((r) => r.metadata.name.startsWith('pipelines-')).length,
    0,
  );
});

teams('object counts: upstream minus Dex and the example profile, plus what the scenario implies', () => {
  if (skip) return;
  const { added, removed } = delta(T.objects);
  assert.equal(removed, REMOVED_FOR_ENTRA());
  // 2 Profiles, 6 contributors × (RoleBinding + AuthorizationPolicy), the CI ServiceAccount and its
  // RoleBinding in the profile, 2 PodDefaults, 1 client Pod.
  assert.equal(countByKind(tenancyAdded(added)), {
    AuthorizationPolicy: 6,
    Pod: 1,
    PodDefault: 2,
    Profile: 2,
    RoleBinding: 6 + 1,
    ServiceAccount: 1,
  });
});

teams('NEXT_STEPS.md explains group expansion, ordering and both ways to call the API', () => {
  if (skip) return;
  const steps = T.tree.get('NEXT_STEPS.md')!;
  const titles = [...steps.matchAll(/^## \d+\. (.*)$/gm)].map((m) => m[1]);
  const at = (t: string) => titles.indexOf(t);
  // Both need the profile namespaces, which exist only once the platform is applied.
  assert.ok(at('Profiles, contributors and the cluster admin') > at('Apply'));
  assert.ok(at('Call the Pipelines API from outside the cluster (CI)') > at('Apply'));
  assert.match(steps, 'Kubeflow v1.9.1 authorizes by the `kubeflow-userid` header only');
  // Leavers are removed by the tenancy apply itself (ApplySet pruning; test/e2e/tenancy-prune.test.ts runs it).
  assert.match(steps, '--prune --applyset=applysets.kfgen.dev/kfgen-tenancy -f tenancy/');
  assert.match(steps, 'namespaces "team-vision" not found');
  assert.match(steps, 'from kfp.auth import ServiceAccountTokenVolumeCredentials');
  assert.match(steps, 'from kfp.client import ServiceAccountTokenVolumeCredentials');
  assert.match(steps, 'kubectl create token ci-pipelines -n team-vision --audience pipelines.kubeflow.org');
  assert.match(steps, 'https://kubeflow.example.com/pipeline');
});

teams.run();

// ---------------------------------------------------------------------------------------------
const tenants = suite('fixture cognito-adfs-tenants');
const C = {} as Built;
const tenantsConfig = parse(readFileSync(fixtureConfig('cognito-adfs-tenants'), 'utf8'));

tenants.before(async () => {
  if (skip) return;
  const built = await buildFixture('cognito-adfs-tenants');
  Object.assign(C, built, withTenancyFiles(kustomizeBuild(built.outDir), built.tree));
});
tenants.after(() => C.cleanup?.());

tenants('output matches the golden tree', async () => {
  if (skip) return;
  assert.equal(await goldenDiff('cognito-adfs-tenants', C.outDir, C.tree), []);
});

tenants('users sign in through Cognito, identified by email', () => {
  if (skip) return;
  const ra = get(C.objects, 'RequestAuthentication', 'dex-jwt', 'istio-system');
  assert.is(ra.spec.jwtRules[0].issuer, 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Ab12Cd34E');
  assert.equal(ra.spec.jwtRules[0].outputClaimToHeaders[0], { header: 'kubeflow-userid', claim: 'email' });
});

tenants('a personal profile for every user named anywhere, named as the dashboard would', () => {
  if (skip) return;
  assertExampleProfileGone(C.objects);
  const users = new Set<string>([tenantsConfig.tenancy.admin]);
  for (const p of tenantsConfig.profiles) users.add(p.owner);
  for (const members of Object.values(tenantsConfig.groups) as string[][]) for (const m of members) users.add(m);
  assert.is(users.size, 6);
  const profiles = all(C.objects, 'Profile')
    .map((p) => `${p.metadata.name} ${p.spec.owner.name}`)
    .sort();
  assert.equal(profiles, [
    'analytics sam@corp.example.org',
    'platform-admin-corp-example-org platform-admin@corp.example.org',
    'research rita@corp.example.org',
    'rita-corp-example-org rita@corp.example.org',
    'sam-corp-example-org sam@corp.example.org',
    'tom-lee-corp-example-org tom.lee@corp.example.org',
    'umapatel-corp-example-org Uma_Patel@corp.example.org',
    'vic-corp-example-org vic@corp.example.org',
  ]);
  assert.ok(all(C.objects, 'Profile').every((p) => p.spec.resourceQuotaSpec === undefined));
});

tenants('group members join each group namespace, once, with the stronger role', () => {
  if (skip) return;
  assert.equal(contributorSet(C.objects), [
    'analytics tom.lee@corp.example.org edit',
    'analytics vic@corp.example.org edit',
    'research Uma_Patel@corp.example.org edit',
    'research sam@corp.example.org view',
    'research tom.lee@corp.example.org edit', // researcher (edit) and analyst (view)
    'research vic@corp.example.org view',
  ]);
  assertKfamScheme(C.objects);
  assert.ok(find(C.objects, 'RoleBinding', 'user-uma-patel-corp-example-org-clusterrole-edit', 'research'));
  // Personal namespaces have only their owner.
  assert.not.ok(
    all(C.objects, 'RoleBinding').some(
      (rb) => rb.metadata.annotations?.user && rb.metadata.namespace!.endsWith('-corp-example-org'),
    ),
  );
});

tenants('programmatic access for a team and a personal profile', () => {
  if (skip) return;
  assertUiPolicyUpstream(C.objects);
  assertUiNetworkPolicy(C.objects, ['research', 'tom-lee-corp-example-org']);
  // Both accounts are the profile controller's, which already hold the needed role in their profile;
  // nothing is bound for them, in kubeflow or anywhere else.
  const ns = ['research', 'tom-lee-corp-example-org'];
  assert.is(all(C.objects, 'ServiceAccount').filter((s) => ns.includes(s.metadata.namespace!)).length, 0);
  assert.equal(
    all(C.objects, 'RoleBinding').filter((rb) =>
      rb.subjects?.some(
        (x: { kind: string; namespace?: string }) => x.kind === 'ServiceAccount' && ns.includes(x.namespace!),
      ),
    ),
    [],
  );
  assertPodDefault(get(C.objects, 'PodDefault', 'access-ml-pipeline', 'research'), 'access-ml-pipeline', undefined);
  assertPodDefault(
    get(C.objects, 'PodDefault', 'access-ml-pipeline-default-viewer', 'tom-lee-corp-example-org'),
    'access-ml-pipeline-default-viewer',
    'default-viewer',
  );
  assert.equal(
    all(C.objects, 'Pod').map((p) => `${p.metadata.namespace}/${p.metadata.name} ${p.spec.serviceAccountName}`),
    ['research/kfp-client-example default-editor'],
  );
});

tenants('object counts', () => {
  if (skip) return;
  const { added, removed } = delta(C.objects);
  assert.equal(removed, REMOVED_FOR_ENTRA());
  // 8 Profiles, 6 contributors × 2, 2 PodDefaults, 1 Pod.
  assert.equal(countByKind(tenancyAdded(added)), {
    AuthorizationPolicy: 6,
    Pod: 1,
    PodDefault: 2,
    Profile: 8,
    RoleBinding: 6,
  });
});

tenants('without machine tokens, NEXT_STEPS.md says how to enable the out-of-cluster call', () => {
  if (skip) return;
  const steps = C.tree.get('NEXT_STEPS.md')!;
  assert.match(steps, '`auth.machineTokens` is not set');
  assert.not.ok(steps.includes('kubectl create token'));
  assert.match(steps, 'Personal profiles (`tenancy.personalProfiles`)');
  assert.match(steps, '`umapatel-corp-example-org` (`Uma_Patel@corp.example.org`)');
  assert.match(steps, '`platform-admin@corp.example.org` is the Kubeflow cluster admin');
});

tenants.run();

/**
 * Least privilege of `programmaticAccess`, asked of a real API server the way Kubeflow asks it.
 *
 * What runs: etcd, kube-apiserver v1.30 (RBAC) and kube-controller-manager with only the ClusterRole
 * aggregation controller (test/support/control-plane.ts), so `kubeflow-edit`, `kubeflow-pipelines-edit`
 * and the rest carry the rules upstream aggregates into them. No profile controller, no Pipelines API
 * server, no Istio: nothing but RBAC is evaluated.
 *
 * What is applied: the RBAC of each rendered fixture (kfgen + kustomize + the tenancy files, as a user
 * applies them): its Namespaces, ClusterRoles, ClusterRoleBindings, Roles, RoleBindings and
 * ServiceAccounts, unchanged. SIMULATED, in the profile controller's stead (kubeflow v1.9.1
 * components/profile-controller), for each Profile: its namespace (labelled
 * `app.kubernetes.io/part-of: kubeflow-profile`), the ServiceAccounts `default-editor` and
 * `default-viewer`, and the RoleBindings that controller makes: `namespaceAdmin` (owner →
 * `kubeflow-admin`), `default-editor` (→ `kubeflow-edit`), `default-viewer` (→ `kubeflow-view`).
 *
 * The questions:
 * - as the Pipelines API server (KFP 2.3, backend/src/apiserver/resource/resource_manager.go
 *   IsAuthorized) asks them: SubjectAccessReview with `user: system:serviceaccount:<ns>:<sa>`, no
 *   groups (it passes the TokenReview's user name only), `pipelines.kubeflow.org/v1beta1`
 *   experiments/runs/jobs/pipelines and a verb, in the namespace of the request;
 * - as the Kubernetes API would see the same token used directly: that user with the groups a
 *   ServiceAccount token carries (`system:serviceaccounts`, `system:serviceaccounts:<ns>`,
 *   `system:authenticated`).
 */
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { suite } from '../support/suite.js';
import { missingTools, type K8sObject } from '../support/tools.js';
import { renderFixture } from '../support/fixtures.js';
import { startControlPlane, type ControlPlane } from '../support/control-plane.js';

const missing = missingTools('control-plane', 'manifests', 'kustomize');
const test = suite('programmatic access: SubjectAccessReviews on a real API server');

/**
 * Every programmaticAccess entry of the fixtures, with what it must be able to do. `default-editor`
 * edits whatever `pipelines` says: the profile controller binds it to kubeflow-edit in its profile
 * (NEXT_STEPS.md and docs/tenancy.md say so).
 */
const ACCOUNTS: Array<{ fixture: string; profile: string; sa: string; can: 'edit' | 'view'; kfgenCreates: boolean }> = [
  { fixture: 'eks-entra-teams', profile: 'team-vision', sa: 'ci-pipelines', can: 'edit', kfgenCreates: true },
  { fixture: 'eks-entra-teams', profile: 'team-nlp', sa: 'default-editor', can: 'edit', kfgenCreates: false },
  { fixture: 'cognito-adfs-tenants', profile: 'research', sa: 'default-editor', can: 'edit', kfgenCreates: false },
  {
    fixture: 'cognito-adfs-tenants',
    profile: 'tom-lee-corp-example-org',
    sa: 'default-viewer',
    can: 'view',
    kfgenCreates: false,
  },
  { fixture: 'eks-cognito-adfs', profile: 'fraud-detection', sa: 'default-editor', can: 'edit', kfgenCreates: false },
];
const FIXTURES = [...new Set(ACCOUNTS.map((a) => a.fixture))];

const RBAC_KINDS = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'ServiceAccount']);
const KFP = { group: 'pipelines.kubeflow.org', version: 'v1beta1' };
const EDIT_ONLY: Array<[string, string]> = [
  ['create', 'pipelines'],
  ['delete', 'pipelines'],
  ['create', 'experiments'],
  ['archive', 'experiments'],
  ['create', 'runs'],
  ['terminate', 'runs'],
  ['delete', 'runs'],
  ['create', 'jobs'],
];
const READ: Array<[string, string]> = [
  ['get', 'pipelines'],
  ['list', 'pipelines'],
  ['list', 'experiments'],
  ['get', 'runs'],
  ['list', 'runs'],
  ['readArtifact', 'runs'],
  ['list', 'jobs'],
];
/** What no CI account may do through the Kubernetes API where it is not the profile's own account. */
const WORKLOADS: Array<{ verb: string; group: string; resource: string; subresource?: string }> = [
  { verb: 'get', group: '', resource: 'secrets' },
  { verb: 'list', group: '', resource: 'secrets' },
  { verb: 'get', group: '', resource: 'configmaps' },
  { verb: 'create', group: '', resource: 'pods' },
  { verb: 'create', group: '', resource: 'pods', subresource: 'exec' },
  { verb: 'create', group: 'apps', resource: 'deployments' },
  { verb: 'create', group: 'batch', resource: 'jobs' },
  { verb: 'create', group: 'argoproj.io', resource: 'workflows' },
  { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
];

interface Question {
  what: string;
  allowed: boolean;
  spec: { user: string; groups?: string[]; resourceAttributes: Record<string, string> };
}

let cp: ControlPlane;
let profiles: string[] = [];

function profileControllerObjects(name: string, owner: string): K8sObject[] {
  const rb = (bindingName: string, role: string, subject: Record<string, string>) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: bindingName, namespace: name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [subject],
  });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default-editor', namespace: name } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default-viewer', namespace: name } },
    rb('namespaceAdmin', 'kubeflow-admin', { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: owner }),
    rb('default-editor', 'kubeflow-edit', { kind: 'ServiceAccount', name: 'default-editor', namespace: name }),
    rb('default-viewer', 'kubeflow-view', { kind: 'ServiceAccount', name: 'default-viewer', namespace: name }),
  ] as K8sObject[];
}

async function apply(objects: unknown[]) {
  await cp.kubectl(['apply', '--server-side', '--force-conflicts', '-f', '-'], {
    input: objects.map((o) => stringify(o)).join('---\n'),
  });
}

async function clusterRoleRules(
  name: string,
): Promise<Array<{ apiGroups?: string[]; resources?: string[]; verbs?: string[] }>> {
  const { stdout } = await cp.kubectl(['get', 'clusterrole', name, '-o', 'json']);
  return JSON.parse(stdout).rules ?? [];
}

/** Until the aggregation controller has filled the aggregated ClusterRoles the checks rely on. */
async function waitForAggregation() {
  const grants = (rules: Awaited<ReturnType<typeof clusterRoleRules>>, resource: string, verb: string) =>
    rules.some((r) => r.apiGroups?.includes(KFP.group) && r.resources?.includes(resource) && r.verbs?.includes(verb));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const edit = await clusterRoleRules('kubeflow-pipelines-edit');
    const view = await clusterRoleRules('kubeflow-pipelines-view');
    const kfEdit = await clusterRoleRules('kubeflow-edit');
    // -edit gets -view's rules through a second level of aggregation.
    if (
      grants(edit, 'runs', 'create') &&
      grants(edit, 'runs', 'list') &&
      grants(view, 'runs', 'list') &&
      grants(kfEdit, 'runs', 'create')
    )
      return;
    if (Date.now() > deadline)
      throw new Error(
        'the ClusterRole aggregation controller did not fill kubeflow-pipelines-edit/-view and kubeflow-edit within 90 s',
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Asks all questions in one `kubectl create`; the reviews come back in the order asked. */
async function ask(questions: Question[]): Promise<string[]> {
  // The API server drops empty strings (the core group, "all namespaces"): ask without them, to compare.
  for (const q of questions) {
    for (const [k, v] of Object.entries(q.spec.resourceAttributes)) if (v === '') delete q.spec.resourceAttributes[k];
  }
  const docs = questions.map((q) => ({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    spec: q.spec,
  }));
  const { stdout } = await cp.kubectl(['create', '-f', '-', '-o', 'json'], {
    input: docs.map((d) => stringify(d)).join('---\n'),
  });
  // One pretty-printed object per review, each opening with "{" at the start of a line.
  const items: Array<{ spec: Question['spec']; status: { allowed: boolean } }> = stdout
    .trim()
    .split(/\n(?=\{)/)
    .map((t) => JSON.parse(t));
  assert.is(items.length, questions.length);
  const wrong: string[] = [];
  questions.forEach((q, i) => {
    assert.equal(items[i]!.spec.resourceAttributes, q.spec.resourceAttributes, 'answers come back in the order asked');
    if (items[i]!.status.allowed !== q.allowed)
      wrong.push(`${q.allowed ? 'denied, should be allowed' : 'ALLOWED, should be denied'}: ${q.what}`);
  });
  return wrong;
}

const user = (a: { profile: string; sa: string }) => `system:serviceaccount:${a.profile}:${a.sa}`;

/** As KFP asks: the user name only. */
function kfp(
  a: (typeof ACCOUNTS)[number],
  verb: string,
  resource: string,
  namespace: string,
  allowed: boolean,
): Question {
  return {
    what: `${a.profile}/${a.sa}: KFP ${verb} ${resource} in ${namespace}`,
    allowed,
    spec: { user: user(a), resourceAttributes: { ...KFP, verb, resource, namespace } },
  };
}

/** As the Kubernetes API sees the ServiceAccount's token. */
function kube(
  a: (typeof ACCOUNTS)[number],
  w: (typeof WORKLOADS)[number],
  namespace: string,
  allowed: boolean,
): Question {
  const resourceAttributes: Record<string, string> = { group: w.group, resource: w.resource, verb: w.verb, namespace };
  if (w.subresource) resourceAttributes.subresource = w.subresource;
  return {
    what: `${a.profile}/${a.sa}: ${w.verb} ${w.group ? `${w.group}/` : ''}${w.resource}${w.subresource ? `/${w.subresource}` : ''} in ${namespace}`,
    allowed,
    spec: {
      user: user(a),
      groups: ['system:serviceaccounts', `system:serviceaccounts:${a.profile}`, 'system:authenticated'],
      resourceAttributes,
    },
  };
}

test.before(async () => {
  if (missing) return;
  const rendered = await Promise.all(FIXTURES.map((f) => renderFixture(f)));
  cp = await startControlPlane({ aggregation: true });
  const objects = rendered.flatMap((r) => r.objects);
  const profileObjects = objects.filter((o) => o.kind === 'Profile') as Array<
    K8sObject & { spec: { owner: { name: string } } }
  >;
  profiles = [...new Set(profileObjects.map((p) => p.metadata.name))].sort();
  for (const a of ACCOUNTS)
    assert.ok(profiles.includes(a.profile), `fixture ${a.fixture} renders Profile ${a.profile}`);
  const rbac = objects.filter((o) => RBAC_KINDS.has(o.kind));
  const namespaces = new Set([
    ...rbac.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name),
    ...rbac.flatMap((o) => (o.metadata.namespace ? [o.metadata.namespace] : [])),
  ]);
  for (const p of profiles) namespaces.delete(p);
  const rendererNamespaces = rbac.filter((o) => o.kind === 'Namespace');
  await apply([
    ...rendererNamespaces,
    ...[...namespaces]
      .filter((n) => !rendererNamespaces.some((o) => o.metadata.name === n))
      .map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    // The profile controller's namespaces (simulated, see the header).
    ...profiles.map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'app.kubernetes.io/part-of': 'kubeflow-profile' } },
    })),
  ]);
  await apply(rbac.filter((o) => o.kind !== 'Namespace'));
  await apply(profileObjects.flatMap((p) => profileControllerObjects(p.metadata.name, p.spec.owner.name)));
  await waitForAggregation();
});

test.after(async () => {
  await cp?.stop();
});

test('each CI account can do in its own profile what its level allows, as the Pipelines API asks', async () => {
  if (missing) return;
  const qs: Question[] = [];
  for (const a of ACCOUNTS) {
    for (const [verb, resource] of READ) qs.push(kfp(a, verb, resource, a.profile, true));
    for (const [verb, resource] of EDIT_ONLY) qs.push(kfp(a, verb, resource, a.profile, a.can === 'edit'));
  }
  assert.equal(await ask(qs), []);
});

test('no CI account can read or change Pipelines objects of another profile, or anything of Pipelines in kubeflow', async () => {
  if (missing) return;
  const qs: Question[] = [];
  for (const a of ACCOUNTS) {
    for (const ns of [...profiles.filter((p) => p !== a.profile), 'kubeflow']) {
      for (const [verb, resource] of [...READ, ...EDIT_ONLY]) qs.push(kfp(a, verb, resource, ns, false));
    }
  }
  assert.equal(await ask(qs), []);
});

test('no CI account can read Secrets, exec into Pods or create workloads in kubeflow or another profile', async () => {
  if (missing) return;
  const qs: Question[] = [];
  for (const a of ACCOUNTS) {
    for (const ns of ['kubeflow', 'istio-system', ...profiles.filter((p) => p !== a.profile)]) {
      for (const w of WORKLOADS) qs.push(kube(a, w, ns, false));
    }
  }
  assert.equal(await ask(qs), []);
});

test('the account kfgen creates holds only the Pipelines role in its own profile: no Secrets, Pods or RBAC there', async () => {
  if (missing) return;
  const qs: Question[] = [];
  for (const a of ACCOUNTS.filter((x) => x.kfgenCreates)) {
    // Argo workflows are part of kubeflow-pipelines-edit upstream (a run is one), so they are left out here.
    for (const w of WORKLOADS.filter((x) => x.group !== 'argoproj.io')) qs.push(kube(a, w, a.profile, false));
    qs.push(kube(a, { verb: 'create', group: 'argoproj.io', resource: 'workflows' }, a.profile, a.can === 'edit'));
  }
  assert.ok(qs.length > 0);
  assert.equal(await ask(qs), []);
});

test('a cluster-scoped question (all namespaces) is denied too', async () => {
  if (missing) return;
  const qs: Question[] = [];
  for (const a of ACCOUNTS) {
    qs.push(kfp(a, 'list', 'runs', '', false));
    qs.push(kube(a, { verb: 'list', group: '', resource: 'secrets' }, '', false));
  }
  assert.equal(await ask(qs), []);
});

test.run();

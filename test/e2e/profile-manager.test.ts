/**
 * The Profile Manager (src/generate/profile-manager/handler.py) run as Lambda would run it, in a
 * local Python, with recorded Cognito Pre Token Generation events (test/e2e/profile-manager/events),
 * against a real kube-apiserver on loopback.
 *
 * What runs: etcd, kube-apiserver (RBAC on) and kube-controller-manager with only the ClusterRole
 * aggregation controller, so upstream's kubeflow-edit carries its real rules. No Profile
 * controller, no Istio, no KFAM: Profiles and AuthorizationPolicies are stored objects, nothing
 * acts on them. The one thing this test does in the Profile controller's stead is to create a
 * Profile's namespace (as that controller would) between two logins, and says so where it does.
 *
 * What kfgen renders is what runs: the fixture cognito-adfs-groups is built (kfgen + kustomize);
 * its ClusterRole and ClusterRoleBinding are applied as rendered, and the function gets the
 * environment its CloudFormation template sets, plus only where this API server is.
 *
 * Identity: the function authenticates with a bearer token (KFGEN_PM_TOKEN_FILE replaces the IAM
 * token); a loopback proxy maps it to user `kfgen-profile-manager` in the group kfgen renders the
 * ClusterRoleBinding for, as EKS maps the function's IAM role, and the API server authorizes that
 * identity with its own RBAC. So every call the function makes here is allowed by kfgen's
 * ClusterRole and nothing else.
 */
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { suite } from '../support/suite.js';
import { missingTools, type K8sObject } from '../support/tools.js';
import { renderFixture } from '../support/fixtures.js';
import { startControlPlane, type ControlPlane } from '../support/control-plane.js';
import { startImpersonatingProxy, type ImpersonatingProxy } from '../support/profile-manager-proxy.js';
import { crdsYaml, kubeflowRolesYaml, readEvent, runHandler, type HandlerRun } from '../support/profile-manager.js';
import { PROFILE_MANAGER_GROUP, profileManagerClusterRole } from '../../src/generate/profile-manager/rbac.js';
import { authorizationPolicy, roleBinding } from '../../src/generate/tenancy/contributors.js';

const missing = missingTools('control-plane', 'python-tools', 'manifests', 'kustomize');
const test = suite('profile manager against a real API server');

const ALICE = 'alice.smith@corp.example.org';
const FIXTURE = 'cognito-adfs-groups';
const OWNER = 'platform-admin@corp.example.org';
const FUNCTION_USER = 'kfgen-profile-manager';
const MANAGED = { 'app.kubernetes.io/managed-by': 'kfgen-profile-manager' };

interface Obj {
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [k: string]: unknown;
}

let cp: ControlPlane;
let proxy: ImpersonatingProxy;
let env: Record<string, string>;
let tmp: string;
let rbac: K8sObject[];
let renderedEnv: Record<string, string>;

function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const ca = readFileSync(join(cp.dir, 'pki', 'apiserver.crt'), 'utf8');
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${cp.url}${path}`,
      {
        method,
        ca,
        headers: {
          authorization: `Bearer ${cp.token}`,
          accept: 'application/json',
          ...(data ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: text ? JSON.parse(text) : undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function get(path: string): Promise<Obj | undefined> {
  const r = await api('GET', path);
  if (r.status === 404) return undefined;
  assert.is(r.status, 200, `GET ${path}: ${JSON.stringify(r.json)}`);
  return r.json as Obj;
}

const profile = (name: string) => get(`/apis/kubeflow.org/v1/profiles/${name}`);
const rb = (ns: string, name: string) =>
  get(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings/${name}`);
const ap = (ns: string, name: string) =>
  get(`/apis/security.istio.io/v1beta1/namespaces/${ns}/authorizationpolicies/${name}`);
const list = async (path: string) =>
  ((await api('GET', path)).json.items as Obj[])
    .map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}@${o.metadata.resourceVersion}`)
    .sort();

/** Everything the function could have written, with resourceVersions: equal snapshots mean no write. */
async function snapshot(): Promise<string[]> {
  return [
    ...(await list('/apis/kubeflow.org/v1/profiles')),
    ...(await list('/apis/rbac.authorization.k8s.io/v1/rolebindings')).filter((s) => !s.startsWith('kube-')),
    ...(await list('/apis/security.istio.io/v1beta1/authorizationpolicies')),
    ...(await list('/api/v1/namespaces')),
  ];
}

/** What the Profile controller would do for a new Profile, and the only thing this test does in its place. */
async function profileControllerCreatesNamespace(name: string, owner: string) {
  const r = await api('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, annotations: { owner } },
  });
  assert.is(r.status, 201, JSON.stringify(r.json));
}

async function login(event: string): Promise<HandlerRun> {
  const before = proxy.seen.length;
  const run = await runHandler(event, env);
  assert.equal(run.errors, [], `errors logged by the function: ${run.errors.join('\n')}`);
  assert.equal(run.event, readEvent(event), 'the event comes back unchanged');
  // Every call it made was allowed for its own identity (403 would mean a missing permission).
  const denied = proxy.seen.slice(before).filter((s) => / \((401|403)\)$/.test(s));
  assert.equal(denied, [], 'no call was refused');
  return run;
}

function kfamShape(o: Obj | undefined) {
  assert.ok(o);
  const { metadata, ...rest } = o as Obj;
  const { name, namespace, annotations } = metadata;
  const { status: _status, ...spec } = rest as Record<string, unknown>;
  return { ...spec, metadata: { name, namespace, annotations } };
}

test.before(async () => {
  if (missing) return;
  cp = await startControlPlane({ aggregation: true });
  await cp.kubectl(['apply', '-f', '-'], { input: crdsYaml() });
  await cp.kubectl([
    'wait',
    '--for=condition=Established',
    '--timeout=60s',
    'crd/profiles.kubeflow.org',
    'crd/authorizationpolicies.security.istio.io',
  ]);
  await cp.kubectl(['apply', '-f', '-'], { input: kubeflowRolesYaml() });
  // The ClusterRole and binding exactly as kfgen renders them for the fixture (kustomize build).
  const rendered = await renderFixture(FIXTURE);
  rbac = rendered.objects.filter(
    (o) => o.metadata.name === 'kfgen-profile-manager' && /^ClusterRole(Binding)?$/.test(o.kind),
  );
  assert.is(rbac.length, 2, 'the fixture renders the ClusterRole and its binding');
  await cp.kubectl(['apply', '-f', '-'], { input: rbac.map((o) => stringify(o)).join('---\n') });
  const template = JSON.parse(rendered.tree.get('cluster/profile-manager/template.json')!);
  renderedEnv = template.Resources.Function.Properties.Environment.Variables;
  // Someone else's: a namespace without a Profile, and a Profile kfgen's static config made.
  await cp.kubectl(['create', 'namespace', 'legacy']);
  await cp.kubectl(['apply', '-f', '-'], {
    input: stringify({
      apiVersion: 'kubeflow.org/v1',
      kind: 'Profile',
      metadata: { name: 'data' },
      spec: { owner: { kind: 'User', name: 'dana@corp.example.org' } },
    }),
  });
  const token = randomBytes(24).toString('hex');
  proxy = await startImpersonatingProxy({
    apiserver: cp.url,
    adminToken: cp.token,
    controlPlaneDir: cp.dir,
    acceptToken: token,
    user: FUNCTION_USER,
    groups: [PROFILE_MANAGER_GROUP],
  });
  tmp = mkdtempSync(join(tmpdir(), 'kfgen-pm-'));
  writeFileSync(join(tmp, 'token'), `${token}\n`, { mode: 0o600 });
  // The settings kfgen writes into the stack, plus where this API server is and the test's token.
  env = {
    ...renderedEnv,
    KFGEN_PM_API_SERVER: proxy.url,
    KFGEN_PM_CA_FILE: proxy.caFile,
    KFGEN_PM_TOKEN_FILE: join(tmp, 'token'),
    // Nothing would create the namespace while it waits: see profileControllerCreatesNamespace.
    KFGEN_PM_NAMESPACE_WAIT_SECONDS: '0',
  };
  assert.is(env.KFGEN_PM_GROUP_OWNER, OWNER);
});

test.after(async () => {
  await proxy?.stop();
  await cp?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('first login: a managed Profile per prefixed group and a personal one; bindings wait for the namespaces', async () => {
  if (missing) return;
  const run = await login('alice-login.json');
  for (const [name, group] of [
    ['team-vision', 'kubeflow-Team Vision'],
    ['r-d', 'kubeflow-R&D'],
  ] as const) {
    const p = await profile(name);
    assert.ok(p, `Profile ${name}`);
    assert.equal(p.metadata.labels, MANAGED);
    assert.equal(p.metadata.annotations, {
      'profile-manager.kfgen.dev/group': group,
    });
    assert.equal(p.spec, { owner: { kind: 'User', name: OWNER } });
  }
  const personal = await profile('alice-smith-corp-example-org');
  assert.equal(personal?.spec, { owner: { kind: 'User', name: ALICE } });
  assert.is(await profile('domain-users'), undefined, 'an unprefixed group makes nothing');
  assert.ok(
    run.actions.some((a) => a.startsWith('deferred bindings in team-vision')),
    run.actions.join('\n'),
  );
  assert.is(await rb('team-vision', 'user-alice-smith-corp-example-org-clusterrole-edit'), undefined);
});

test('next refresh, once the namespaces exist: KFAM-identical RoleBinding and AuthorizationPolicy', async () => {
  if (missing) return;
  // In the Profile controller's stead (it is not running): the namespaces of the two new Profiles.
  await profileControllerCreatesNamespace('team-vision', OWNER);
  await profileControllerCreatesNamespace('r-d', OWNER);
  const run = await login('alice-refresh.json');
  assert.equal(
    run.actions.filter((a) => a.startsWith('created')),
    [
      'created RoleBinding r-d/user-alice-smith-corp-example-org-clusterrole-edit',
      'created AuthorizationPolicy r-d/user-alice-smith-corp-example-org-clusterrole-edit',
      'created RoleBinding team-vision/user-alice-smith-corp-example-org-clusterrole-edit',
      'created AuthorizationPolicy team-vision/user-alice-smith-corp-example-org-clusterrole-edit',
    ],
  );
  for (const ns of ['team-vision', 'r-d']) {
    const name = 'user-alice-smith-corp-example-org-clusterrole-edit';
    const m = { profile: ns, user: ALICE, role: 'edit' as const };
    // kfgen's own KFAM reproduction (contributors.ts), which the dashboard lists and deletes.
    assert.equal(kfamShape(await rb(ns, name)), roleBinding(m));
    assert.equal(kfamShape(await ap(ns, name)), authorizationPolicy(m));
    assert.equal((await rb(ns, name))?.metadata.labels, MANAGED);
  }
});

test('idempotent: the same login again writes nothing (resourceVersions unchanged, no duplicates)', async () => {
  if (missing) return;
  const before = await snapshot();
  const calls = proxy.seen.length;
  const run = await login('alice-refresh.json');
  assert.equal(run.actions, []);
  assert.equal(await snapshot(), before);
  const writes = proxy.seen.slice(calls).filter((s) => !s.startsWith('GET '));
  assert.equal(writes, [], 'only reads');
});

test('refuses what is not its own: an existing namespace, a Profile it did not make, a reserved namespace', async () => {
  if (missing) return;
  const legacyBefore = await get('/api/v1/namespaces/legacy');
  const dataBefore = await profile('data');
  const run = await login('bob-login.json');
  assert.ok(
    run.actions.includes('refused legacy: namespace exists and has no Profile of this function'),
    run.actions.join('\n'),
  );
  assert.ok(
    run.actions.includes('refused data: its Profile is not managed by kfgen-profile-manager'),
    run.actions.join('\n'),
  );
  assert.ok(
    run.actions.includes('refused group kubeflow-istio-system: namespace istio-system is reserved'),
    run.actions.join('\n'),
  );
  assert.is(await profile('legacy'), undefined);
  assert.is(await profile('istio-system'), undefined);
  assert.is(await profile('finance'), undefined, 'an unprefixed group makes nothing');
  assert.is((await get('/api/v1/namespaces/legacy'))?.metadata.resourceVersion, legacyBefore?.metadata.resourceVersion);
  assert.is((await profile('data'))?.metadata.resourceVersion, dataBefore?.metadata.resourceVersion);
  for (const ns of ['legacy', 'data']) {
    assert.is(await rb(ns, 'user-bob-corp-example-org-clusterrole-edit'), undefined, `no binding in ${ns}`);
  }
  // kubeflow-team-vision is alice's "kubeflow-Team Vision" in other case: the same namespace.
  assert.ok(await rb('team-vision', 'user-bob-corp-example-org-clusterrole-edit'));
  assert.ok(await ap('team-vision', 'user-bob-corp-example-org-clusterrole-edit'));
});

test("group loss: the user's managed bindings go, others' and the dashboard's stay, the Profile stays", async () => {
  if (missing) return;
  // What KFAM writes when an owner adds alice as a viewer in the dashboard: no kfgen label.
  const dashboard = roleBinding({
    profile: 'team-vision',
    user: ALICE,
    role: 'view',
  });
  const made = await api('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/team-vision/rolebindings', dashboard);
  assert.is(made.status, 201, JSON.stringify(made.json));
  const run = await login('alice-left-team.json');
  assert.equal(run.actions, [
    'deleted RoleBinding team-vision/user-alice-smith-corp-example-org-clusterrole-edit',
    'deleted AuthorizationPolicy team-vision/user-alice-smith-corp-example-org-clusterrole-edit',
  ]);
  assert.is(await rb('team-vision', 'user-alice-smith-corp-example-org-clusterrole-edit'), undefined);
  assert.is(await ap('team-vision', 'user-alice-smith-corp-example-org-clusterrole-edit'), undefined);
  assert.ok(
    await rb('team-vision', 'user-alice-smith-corp-example-org-clusterrole-view'),
    "the dashboard's binding stays",
  );
  assert.ok(await rb('team-vision', 'user-bob-corp-example-org-clusterrole-edit'), "bob's binding stays");
  assert.ok(await rb('r-d', 'user-alice-smith-corp-example-org-clusterrole-edit'), 'the group she kept');
  assert.ok(await profile('team-vision'));
});

test('a changed role (edit → view) replaces its own binding; RoleBinding roleRefs are immutable, so it is a new name', async () => {
  if (missing) return;
  const edit = 'user-alice-smith-corp-example-org-clusterrole-edit';
  const view = 'user-alice-smith-corp-example-org-clusterrole-view';
  const saved = env;
  env = { ...env, KFGEN_PM_ROLE: 'view' };
  // What kfgen renders for `role: view`: bind on kubeflow-view instead of kubeflow-edit.
  await cp.kubectl(['apply', '-f', '-'], { input: stringify(profileManagerClusterRole(['view'])) });
  try {
    const run = await login('alice-left-team.json');
    assert.equal(run.actions, [
      `created RoleBinding r-d/${view}`,
      `created AuthorizationPolicy r-d/${view}`,
      `deleted RoleBinding r-d/${edit}`,
      `deleted AuthorizationPolicy r-d/${edit}`,
    ]);
    assert.equal(kfamShape(await rb('r-d', view)), roleBinding({ profile: 'r-d', user: ALICE, role: 'view' }));
    assert.is(await rb('r-d', edit), undefined);
  } finally {
    env = saved;
    await cp.kubectl(['apply', '-f', '-'], { input: stringify(rbac.find((o) => o.kind === 'ClusterRole')) });
  }
});

test('a user without the groups claim gets only the personal Profile', async () => {
  if (missing) return;
  const run = await login('no-groups.json');
  assert.equal(run.actions, ['created personal Profile carol-corp-example-org for carol@corp.example.org']);
});

test("kfgen's ClusterRole is all it has: SubjectAccessReviews for anything else are denied", async () => {
  if (missing) return;
  const edit = await get('/apis/rbac.authorization.k8s.io/v1/clusterroles/kubeflow-edit');
  assert.ok(
    ((edit as { rules?: unknown[] }).rules ?? []).length > 0,
    'kubeflow-edit is aggregated: binding it needs `bind`, not its rules',
  );
  const can = async (attrs: Record<string, string>) => {
    const r = await api('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: FUNCTION_USER,
        groups: [PROFILE_MANAGER_GROUP, 'system:authenticated'],
        resourceAttributes: attrs,
      },
    });
    assert.is(r.status, 201, JSON.stringify(r.json));
    return r.json.status.allowed === true;
  };
  const allowed: Array<Record<string, string>> = [
    { group: 'kubeflow.org', resource: 'profiles', verb: 'create' },
    {
      group: 'kubeflow.org',
      resource: 'profiles',
      verb: 'patch',
      name: 'team-vision',
    },
    { group: 'kubeflow.org', resource: 'profiles', verb: 'list' },
    { resource: 'namespaces', verb: 'get', name: 'team-vision' },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'rolebindings',
      verb: 'create',
      namespace: 'team-vision',
    },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'rolebindings',
      verb: 'delete',
      namespace: 'team-vision',
    },
    {
      group: 'security.istio.io',
      resource: 'authorizationpolicies',
      verb: 'patch',
      namespace: 'r-d',
    },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterroles',
      verb: 'bind',
      name: 'kubeflow-edit',
    },
  ];
  const denied: Array<Record<string, string>> = [
    {
      group: 'kubeflow.org',
      resource: 'profiles',
      verb: 'delete',
      name: 'team-vision',
    },
    {
      group: 'kubeflow.org',
      resource: 'profiles',
      verb: 'update',
      name: 'team-vision',
    },
    { resource: 'namespaces', verb: 'create' },
    { resource: 'namespaces', verb: 'delete', name: 'team-vision' },
    { resource: 'namespaces', verb: 'list' },
    {
      resource: 'secrets',
      verb: 'get',
      namespace: 'team-vision',
      name: 'anything',
    },
    { resource: 'secrets', verb: 'list', namespace: 'kubeflow' },
    { resource: 'pods', verb: 'create', namespace: 'team-vision' },
    { resource: 'configmaps', verb: 'get', namespace: 'kubeflow' },
    {
      resource: 'serviceaccounts',
      verb: 'impersonate',
      namespace: 'kubeflow',
      name: 'default-editor',
    },
    { resource: 'users', verb: 'impersonate', name: 'admin' },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'rolebindings',
      verb: 'list',
      namespace: 'team-vision',
    },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'roles',
      verb: 'create',
      namespace: 'team-vision',
    },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterrolebindings',
      verb: 'create',
    },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterroles',
      verb: 'bind',
      name: 'cluster-admin',
    },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterroles',
      verb: 'bind',
      name: 'kubeflow-admin',
    },
    // role: edit in the fixture, so not even the other KFAM role.
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterroles',
      verb: 'bind',
      name: 'kubeflow-view',
    },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterroles',
      verb: 'escalate',
      name: 'kubeflow-edit',
    },
    {
      group: 'security.istio.io',
      resource: 'authorizationpolicies',
      verb: 'list',
      namespace: 'istio-system',
    },
    {
      group: 'apiextensions.k8s.io',
      resource: 'customresourcedefinitions',
      verb: 'get',
      name: 'profiles.kubeflow.org',
    },
  ];
  for (const a of allowed) assert.ok(await can(a), `allowed: ${JSON.stringify(a)}`);
  for (const a of denied) assert.not.ok(await can(a), `denied: ${JSON.stringify(a)}`);
  // And the group is not system:masters in kfgen's binding.
  assert.equal((rbac.find((o) => o.kind === 'ClusterRoleBinding') as unknown as { subjects: unknown[] }).subjects, [
    {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Group',
      name: PROFILE_MANAGER_GROUP,
    },
  ]);
});

test.run();

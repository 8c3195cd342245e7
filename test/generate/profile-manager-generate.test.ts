/**
 * What `kfgen build` writes for `tenancy.groupNamespaces` and `tenancy.registrationFlow`: the
 * fixture cognito-adfs-groups (only the Cognito pool, the ADFS mapping and groupNamespaces) built
 * by the real pipeline and kustomize, its CloudFormation template linted by cfn-lint as written,
 * and variants of existing fixtures (another provider; aws-auth; invalid settings). Nothing runs:
 * no AWS, no cluster (test/e2e/profile-manager.test.ts runs the function against an API server).
 */
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { suite } from '../support/suite.js';
import { cfnLintBin, find, kustomizeBuild, manifestsDir, missingTools, repoRoot } from '../support/tools.js';
import { FIXTURE_ENV, fixtureConfig, goldenDiff, renderFixture } from '../support/fixtures.js';
import { Ajv } from 'ajv';
import { buildProject } from '../../src/pipeline/index.js';
import { ConfigError } from '../../src/config/errors.js';
import { writeTreeAtomic } from '../../src/pipeline/write-tree.js';

const missing = missingTools('kustomize', 'manifests', 'cfn-lint');
const test = suite('profile manager: what kfgen build writes');
const FIXTURE = 'cognito-adfs-groups';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/kfgen-profile-manager-groups';
let tmp: string;

/** An existing fixture's config, changed, built by the real pipeline (lint gate on) into a temporary directory. */
async function variant(base: string, change: (c: any) => void) {
  const config = parse(readFileSync(fixtureConfig(base), 'utf8'));
  config.manifests.path = manifestsDir;
  change(config);
  const dir = mkdtempSync(join(tmp, `${base}-`));
  writeFileSync(join(dir, 'kfgen.config.yaml'), stringify(config));
  const outDir = join(dir, 'out');
  const r = await buildProject({
    cwd: dir,
    configFile: join(dir, 'kfgen.config.yaml'),
    outDir,
    env: FIXTURE_ENV,
    manifestsDir,
    lint: true,
  });
  return { ...r, dir };
}

async function problems(base: string, change: (c: any) => void): Promise<string[]> {
  try {
    await variant(base, change);
    return [];
  } catch (e) {
    if (e instanceof ConfigError)
      return e.problems.map((p) => `${p.path}: ${p.message}${p.allowed ? ` (allowed: ${p.allowed})` : ''}`);
    throw e;
  }
}

test.before(() => {
  if (missing) return;
  tmp = mkdtempSync(join(tmpdir(), 'kfgen-pm-gen-'));
});
test.after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('cognito-adfs-groups: the function, its stack and the attach script under cluster/profile-manager/', async () => {
  if (missing) return;
  const { tree } = await renderFixture(FIXTURE);
  const handler = readFileSync(join(repoRoot, 'src/generate/profile-manager/handler.py'), 'utf8');
  assert.is(tree.get('cluster/profile-manager/handler.py'), handler);
  const template = JSON.parse(tree.get('cluster/profile-manager/template.json')!);
  const fn = template.Resources.Function.Properties;
  assert.is(fn.Code.ZipFile, handler);
  assert.equal(fn.Environment.Variables, {
    KFGEN_PM_CLUSTER_NAME: 'groups',
    KFGEN_PM_GROUPS_CLAIM: 'custom:groups',
    KFGEN_PM_GROUP_OWNER: 'platform-admin@corp.example.org',
    KFGEN_PM_GROUP_PREFIX: 'kubeflow-',
    KFGEN_PM_NAMESPACE_PREFIX: '',
    KFGEN_PM_PERSONAL_PROFILES: 'true',
    KFGEN_PM_REGION: 'eu-central-1',
    KFGEN_PM_RESERVED_NAMESPACES:
      'auth,cert-manager,default,istio-system,knative-eventing,knative-serving,kube-node-lease,kube-public,kube-system,kubeflow,kubeflow-user-example-com,oauth2-proxy',
    KFGEN_PM_USERID_HEADER: 'kubeflow-userid',
    KFGEN_PM_KFAM_PRINCIPALS:
      'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account,cluster.local/ns/kubeflow/sa/ml-pipeline-ui',
    KFGEN_PM_ROLE: 'edit',
    KFGEN_PM_STRIP_PREFIX: 'true',
    KFGEN_PM_USER_CLAIM: 'email',
  });
  assert.is(fn.FunctionName, 'kfgen-profile-manager-groups');
  assert.is(template.Resources.Role.Properties.RoleName, 'kfgen-profile-manager-groups');
  assert.match(
    template.Resources.CognitoInvokePermission.Properties.SourceArn['Fn::Sub'],
    /userpool\/eu-central-1_Gr0up5AdF$/,
  );
  assert.match(tree.get('cluster/profile-manager/attach-trigger.sh')!, /^pool=eu-central-1_Gr0up5AdF$/m);
});

test('cfn-lint passes the template exactly as kfgen writes it', async () => {
  if (missing) return;
  const { outDir } = await renderFixture(FIXTURE);
  const file = join(outDir, 'cluster/profile-manager/template.json');
  const r = await promisify(execFile)(cfnLintBin, ['--format', 'parseable', file], { encoding: 'utf8' }).catch(
    (e) => e,
  );
  assert.is(r.code ?? 0, 0, `${r.stdout ?? ''}${r.stderr ?? ''}`);
});

test('the ClusterRole and its binding are in the platform build; the role ARN is in the eksctl access entries', async () => {
  if (missing) return;
  const { objects, tree } = await renderFixture(FIXTURE);
  const role = find(objects, 'ClusterRole', 'kfgen-profile-manager') as any;
  assert.ok(role);
  assert.equal(role.rules.at(-1), {
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['clusterroles'],
    verbs: ['bind'],
    resourceNames: ['kubeflow-edit'],
  });
  const binding = find(objects, 'ClusterRoleBinding', 'kfgen-profile-manager') as any;
  assert.equal(binding.subjects, [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'kfgen:profile-manager' },
  ]);
  assert.not.ok(
    JSON.stringify(objects.filter((o) => JSON.stringify(o).includes('kfgen:profile-manager'))).includes(
      'system:masters',
    ),
  );
  const eksctl = parse(tree.get('cluster/eksctl-cluster.yaml')!);
  assert.equal(eksctl.accessConfig.accessEntries, [
    { principalARN: ROLE_ARN, kubernetesGroups: ['kfgen:profile-manager'] },
  ]);
  const steps = tree.get('NEXT_STEPS.md')!;
  const order = [
    'Deploy the Profile Manager',
    'Create the EKS cluster',
    "Map the Profile Manager's role",
    'Apply',
    'Attach the Profile Manager',
  ];
  const at = order.map((t) => steps.indexOf(`. ${t}`));
  assert.ok(
    at.every((i) => i > 0),
    at.join(','),
  );
  assert.equal(
    [...at].sort((a, b) => a - b),
    at,
    'the stack before the cluster (its role is in the access entries), the trigger after the platform',
  );
});

test("cognito-adfs-groups: the golden tree is what kfgen writes, and its eksctl file validates against eksctl's schema", async () => {
  if (missing) return;
  const { outDir, tree } = await renderFixture(FIXTURE);
  assert.equal(goldenDiff(FIXTURE, outDir, tree), []);
  const schema = JSON.parse(readFileSync(join(manifestsDir, '../../schemas/eksctl-v1alpha5.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  assert.ok(validate(parse(tree.get('cluster/eksctl-cluster.yaml')!)), JSON.stringify(validate.errors, null, 1));
});

test('aws-auth: with aws-auth mappings in the config, the function role is mapped there too (CONFIG_MAP clusters)', async () => {
  if (missing) return;
  const r = await variant('eks-cognito-adfs', (c) => {
    c.tenancy.groupNamespaces = { prefix: 'kubeflow-', owner: 'ml-admin@globex.com', awsAccountId: '210987654321' };
  });
  assert.is(r.errors, 0, JSON.stringify(r.findings));
  const doc = parseAllDocuments(r.tree.get('cluster/aws-auth.yaml')!)[0]!.toJS();
  const roles = parse(doc.data.mapRoles);
  assert.equal(roles.at(-1), {
    rolearn: 'arn:aws:iam::210987654321:role/kfgen-profile-manager-globex-ml',
    username: 'kfgen-profile-manager',
    groups: ['kfgen:profile-manager'],
  });
  assert.is(
    roles[0].rolearn,
    'arn:aws:iam::210987654321:role/MLPlatformAdmins',
    "the config's own mapping stays first",
  );
  const eksctl = parse(r.tree.get('cluster/eksctl-cluster.yaml')!);
  assert.is(eksctl.accessConfig.authenticationMode, 'API_AND_CONFIG_MAP');
});

test('another provider: nothing runs at login, NEXT_STEPS says so; registrationFlow turns the dashboard flow on', async () => {
  if (missing) return;
  const r = await variant('eks-entra-nginx', (c) => {
    c.tenancy = {
      ...(c.tenancy ?? {}),
      groupNamespaces: { prefix: 'kubeflow-', owner: 'admin@contoso.com' },
      registrationFlow: true,
    };
  });
  assert.is(r.errors, 0, JSON.stringify(r.findings));
  assert.not.ok(
    [...r.tree.keys()].some((k) => k.includes('profile-manager')),
    'no function, no RBAC',
  );
  const steps = r.tree.get('NEXT_STEPS.md')!;
  assert.match(steps, 'Group namespaces: nothing runs at login with this identity provider');
  assert.match(steps, 'With Microsoft Entra ID nothing of kfgen runs at login');
  assert.match(steps, '`tenancy.registrationFlow: true`, which this config sets');
  writeTreeAtomic(r.outDir, r.tree);
  const { objects } = kustomizeBuild(r.outDir);
  const dashboard = find(objects, 'Deployment', 'centraldashboard', 'kubeflow') as any;
  const env = dashboard.spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
  assert.equal(
    env.find((e) => e.name === 'REGISTRATION_FLOW'),
    { name: 'REGISTRATION_FLOW', value: 'true' },
  );
  // Upstream's other settings, filled by its replacements, are untouched by the patch.
  assert.equal(
    env.find((e) => e.name === 'USERID_HEADER'),
    { name: 'USERID_HEADER', value: 'kubeflow-userid' },
  );
  assert.is(env.filter((e) => e.name === 'REGISTRATION_FLOW').length, 1);
});

test('without registrationFlow the dashboard keeps upstream\'s "false"', async () => {
  if (missing) return;
  const { objects } = await renderFixture(FIXTURE);
  const dashboard = find(objects, 'Deployment', 'centraldashboard', 'kubeflow') as any;
  const env = dashboard.spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
  assert.equal(
    env.find((e) => e.name === 'REGISTRATION_FLOW'),
    { name: 'REGISTRATION_FLOW', value: 'false' },
  );
});

test('bad groupNamespaces settings are refused with the field and what to do', async () => {
  if (missing) return;
  const withGroups = (gn: Record<string, unknown>) => (c: any) => {
    c.tenancy = { groupNamespaces: gn };
  };
  assert.equal(await problems('eks-cognito-adfs', withGroups({ prefix: 'kubeflow-', owner: 'ml-admin@globex.com' })), [
    "tenancy.groupNamespaces.awsAccountId: required with auth.provider cognito: the Profile Manager's IAM role, which the EKS access entry names, is created in this account (allowed: 12 digits)",
  ]);
  assert.equal(
    await problems(
      'eks-cognito-adfs',
      withGroups({ prefix: 'kubeflow-', owner: 'ml admin', awsAccountId: '210987654321' }),
    ),
    ['tenancy.groupNamespaces.owner: "ml admin" is not an email address, but user ids are the "email" claim'],
  );
  const noPrefix = await problems(
    'eks-cognito-adfs',
    withGroups({ prefix: '', owner: 'ml-admin@globex.com', awsAccountId: '210987654321' }),
  );
  assert.ok(
    noPrefix.some((p) => p.startsWith('tenancy.groupNamespaces.prefix:')),
    noPrefix.join('\n'),
  );
  const badNs = await problems(
    'eks-cognito-adfs',
    withGroups({
      prefix: 'kubeflow-',
      owner: 'ml-admin@globex.com',
      awsAccountId: '210987654321',
      namespace: { prefix: 'Grp_' },
    }),
  );
  assert.ok(
    badNs.some((p) => p.startsWith('tenancy.groupNamespaces.namespace.prefix:')),
    badNs.join('\n'),
  );
  const account = await problems(
    'eks-cognito-adfs',
    withGroups({ prefix: 'kubeflow-', owner: 'ml-admin@globex.com', awsAccountId: '2109' }),
  );
  assert.ok(
    account.some((p) => p.startsWith('tenancy.groupNamespaces.awsAccountId:')),
    account.join('\n'),
  );
});

test('Cognito on a platform other than EKS: refused, the function authenticates to EKS', async () => {
  if (missing) return;
  const got = await problems('aks-entra-selfsigned', (c) => {
    c.auth = {
      provider: 'cognito',
      cognito: {
        region: 'eu-west-1',
        userPoolId: 'eu-west-1_Ab12Cd34E',
        clientId: 'abc',
        clientSecret: { env: 'COGNITO_CLIENT_SECRET' },
        domain: 'auth.example.com',
      },
      cookieSecret: { env: 'KFGEN_COOKIE_SECRET' },
    };
    c.tenancy = { groupNamespaces: { prefix: 'kubeflow-', owner: 'admin@example.com', awsAccountId: '123456789012' } };
  });
  assert.ok(
    got.includes(
      'tenancy.groupNamespaces: the Profile Manager that makes group namespaces at login authenticates to EKS; platform.provider is "aks" (allowed: eks)',
    ),
    got.join('\n'),
  );
});

test.run();

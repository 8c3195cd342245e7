import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makePlan } from '../../src/plan/index.js';
import { generate } from '../../src/generate/index.js';
import { KFP_AUDIENCE } from '../../src/kubeflow/pipelines.js';
import type { KfgenConfig, SecretSource } from '../../src/config/types.js';
import { walkSecretSources } from '../../src/config/secret-source.js';
import { BASE, EKS } from '../support/config-check-tester.js';

// Pure: makePlan and generate on config objects; nothing is started or written.

const config = (patch: Record<string, unknown>): KfgenConfig =>
  structuredClone({ ...BASE, ...patch }) as unknown as KfgenConfig;

const eksIssuer = 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789';
const eks = (): KfgenConfig =>
  config({
    platform: { ...EKS, eks: { ...EKS.eks, oidcIssuer: eksIssuer } },
    auth: { ...BASE.auth, machineTokens: { eks: true } },
  });

test('the plan carries every default resolved, and no config', () => {
  const plan = makePlan(eks());
  assert.not.ok('config' in plan, 'generators must not reach the raw config through the plan');
  assert.equal(plan.auth.machineTokens, { eks: { issuer: eksIssuer, audiences: [KFP_AUDIENCE] }, issuers: [] });
  assert.equal(plan.auth.allowedGroups, []);
  assert.equal(plan.auth.dex?.connectors, []);
  assert.equal(plan.tenancy, { keepExampleProfile: false, registrationFlow: false, groupContributors: false });
  assert.equal(plan.exposure.ingressAnnotations, {});
  const group = plan.platform.eks!.nodeGroups[0]!;
  assert.is(group.volumeSize, 100);
  assert.is(group.privateNetworking, true, 'a VPC eksctl creates has private subnets behind NAT');
  assert.is(plan.platform.eks!.nat, 'Single');
  assert.is(plan.platform.eks!.endpointAccess, undefined);
});

test('a configured value wins over its default', () => {
  const c = eks();
  c.platform.eks!.vpc = { nat: 'Disable' };
  c.platform.eks!.nodeGroups[0]!.volumeSize = 250;
  c.auth.machineTokens!.eksAudiences = ['ci.example.com'];
  c.platform.eks!.endpointAccess = { publicAccessCIDRs: ['10.0.0.0/8'] };
  const plan = makePlan(c);
  assert.equal(plan.auth.machineTokens?.eks?.audiences, ['ci.example.com']);
  assert.is(plan.platform.eks!.nodeGroups[0]!.volumeSize, 250);
  assert.is(plan.platform.eks!.nodeGroups[0]!.privateNetworking, false, 'without NAT the nodes need public subnets');
  assert.equal(plan.platform.eks!.endpointAccess, {
    public: true,
    private: false,
    publicAccessCIDRs: ['10.0.0.0/8'],
    endpointsNamed: false,
  });
});

test('only the section of the configured platform and provider reaches the plan, and the output', () => {
  const c = config({ platform: { provider: 'aks', eks: EKS.eks } });
  (c.auth as unknown as Record<string, unknown>).cognito = { domain: 'stray' };
  const plan = makePlan(c);
  assert.is(plan.platform.eks, undefined);
  assert.equal(plan.platform.aks, {});
  assert.is(plan.auth.cognito, undefined);
  const secrets = new Map<SecretSource, string>();
  walkSecretSources(c, [], (source) => secrets.set(source, '0123456789abcdef'));
  const tree = generate({ plan, configName: 'k.yaml', secrets, upstreamRef: (d) => `../m/${d}` });
  assert.not.ok(tree.has('cluster/eksctl-cluster.yaml'), [...tree.keys()].join('\n'));
  assert.not.ok(tree.has('cluster/aws-auth.yaml'));
});

test('existingSecret sources resolve to the namespaces of the workloads that read them', () => {
  const c = config({});
  c.auth.dex!.clientSecret = { existingSecret: { name: 'oidc', key: 'client-secret' } };
  assert.equal(makePlan(c).auth.userSecrets, [
    { name: 'oidc', namespace: 'auth', keys: [{ key: 'client-secret', paths: ['auth.dex.clientSecret'] }] },
    { name: 'oidc', namespace: 'oauth2-proxy', keys: [{ key: 'client-secret', paths: ['auth.dex.clientSecret'] }] },
  ]);
});

test.run();

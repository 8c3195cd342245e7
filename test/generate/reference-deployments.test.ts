import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { Ajv } from 'ajv';
import { suite } from '../support/suite.js';
import { buildProject, validateProject } from '../../src/pipeline/index.js';
import { formatProblem } from '../../src/config/errors.js';
import { FIXTURE_ENV, fixtureConfig } from '../support/fixtures.js';
import { manifestsDir, missingTools, repoRoot } from '../support/tools.js';
import type { FileTree } from '../../src/generate/core/model.js';
import type { EksctlCluster } from '../support/eksctl.js';

/**
 * The parts of each reference deployment that live outside Kubernetes objects (issue 12, item 5):
 * the eksctl cluster's network and endpoint, the AKS certificate for an IP and a name, the
 * Pipelines SDK with a browser session, and Cognito + ADFS set-up. Generated in process (no
 * kustomize needed); eksctl's own schema checks the ClusterConfig.
 */
const skip = missingTools('manifests');
const trees = new Map<string, FileTree>();
async function tree(name: string): Promise<FileTree> {
  if (!trees.has(name)) {
    const { tree } = await buildProject({
      cwd: repoRoot,
      configFile: fixtureConfig(name),
      outDir: join(repoRoot, 'out-unused'),
      manifestsDir,
      env: FIXTURE_ENV,
    });
    trees.set(name, tree);
  }
  return trees.get(name)!;
}

/** A fixture's config with a change, built from a temporary file (the fixture itself stays as it is). */
async function variant(name: string, change: (config: any) => void): Promise<FileTree> {
  const dir = mkdtempSync(join(tmpdir(), `kfgen-${name}-`));
  try {
    const config = configOf(name);
    config.manifests.path = manifestsDir;
    change(config);
    writeFileSync(join(dir, 'kfgen.config.yaml'), stringify(config));
    return (await buildProject({ cwd: dir, outDir: join(dir, 'out'), env: FIXTURE_ENV })).tree;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const configOf = (name: string) => parse(readFileSync(fixtureConfig(name), 'utf8'));
/** The text of a NEXT_STEPS section, from its heading to the next one. */
function section(t: FileTree, title: string): string {
  const md = t.get('NEXT_STEPS.md')!;
  const start = md.indexOf(title);
  assert.ok(start >= 0, `NEXT_STEPS.md has no section "${title}"`);
  const next = md.indexOf('\n## ', start);
  return md.slice(start, next < 0 ? undefined : next);
}
const cfgValue = (t: FileTree, key: string) =>
  new RegExp(`^${key} = "([^"]*)"`, 'm').exec(t.get('oauth2-proxy/oauth2_proxy.cfg')!)?.[1];

const eks = suite('EKS cluster network, endpoint and node policies');
eks(
  'a new VPC over three zones, private nodes, both endpoints with the public one restricted; valid for eksctl',
  async () => {
    if (skip) return;
    const cluster: EksctlCluster = parse((await tree('eks-entra-nginx')).get('cluster/eksctl-cluster.yaml')!);
    const schema = JSON.parse(readFileSync(join(manifestsDir, '../../schemas/eksctl-v1alpha5.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    assert.ok(validate(cluster), JSON.stringify(validate.errors, null, 1));
    const c = configOf('eks-entra-nginx').platform.eks;
    assert.equal(cluster.availabilityZones, c.availabilityZones);
    assert.equal(cluster.vpc, {
      cidr: c.vpc.cidr,
      nat: { gateway: c.vpc.nat },
      clusterEndpoints: { publicAccess: true, privateAccess: true },
      publicAccessCIDRs: c.endpointAccess.publicAccessCIDRs,
    });
    assert.is(cluster.managedNodeGroups[0]!.privateNetworking, true);
    assert.equal(cluster.managedNodeGroups[0]!.iam, { withAddonPolicies: { autoScaler: true, cloudWatch: true } });
    const steps = section(await tree('eks-entra-nginx'), 'Create the EKS cluster');
    assert.match(steps, /public and private; the public one admits only `203\.0\.113\.0\/24`/);
    assert.match(steps, /node groups run in the private subnets, behind a NAT gateway per zone/);
  },
);

eks(
  'an existing VPC with private subnets keeps nodes private; one with only public subnets refuses private nodes',
  () => {
    const cfg = configOf('eks-cognito-adfs');
    cfg.manifests.path = manifestsDir;
    assert.equal(validateProject(cfg, 'k.yaml'), []);
    delete cfg.platform.eks.vpc.subnets.private;
    cfg.platform.eks.nodeGroups[0].privateNetworking = true;
    assert.equal(validateProject(cfg, 'k.yaml').map(formatProblem), [
      'k.yaml: platform.eks.nodeGroups[0].privateNetworking: needs private subnets, but vpc.subnets lists only public ones; add vpc.subnets.private or remove privateNetworking',
    ]);
  },
);

eks('contradictory network settings are refused with the field and the fix', () => {
  const cfg = configOf('eks-entra-nginx');
  cfg.manifests.path = manifestsDir;
  cfg.platform.eks.endpointAccess = { public: false, publicAccessCIDRs: ['10.0.0.0/8'] };
  cfg.platform.eks.availabilityZones = ['eu-west-1a', 'us-east-1b', 'eu-west-1a'];
  cfg.platform.eks.vpc = { cidr: '10.42.0.0/16', subnets: { private: { 'eu-west-1a': 'subnet-0123456789abcdef0' } } };
  const got = validateProject(cfg, 'k.yaml').map(formatProblem);
  for (const want of [
    'platform.eks.endpointAccess: turns off both endpoints',
    'platform.eks.endpointAccess.publicAccessCIDRs: restricts the public endpoint, which public: false turns off',
    'platform.eks.vpc.cidr: is for a VPC eksctl creates',
    'platform.eks.availabilityZones: is for a VPC eksctl creates',
    'platform.eks.availabilityZones[1]: "us-east-1b" is not an availability zone of region eu-west-1',
    'platform.eks.availabilityZones[2]: "eu-west-1a" is listed twice',
  ]) {
    assert.ok(
      got.some((g) => g.includes(want)),
      `missing "${want}" in\n${got.join('\n')}`,
    );
  }
});

const aks = suite('AKS: one certificate for the static IP and the DNS name');
aks('the Certificate names both, and the load balancer takes exactly that IP', async () => {
  if (skip) return;
  const staticIp = '203.0.113.42';
  const t = await variant('aks-entra-selfsigned', (c) => (c.platform.aks.staticIp = staticIp));
  const c = configOf('aks-entra-selfsigned');
  c.platform.aks.staticIp = staticIp;
  const cert = parseAllDocuments(t.get('tls/certificate.yaml')!)
    .map((d) => d.toJS())
    .find((o) => o.kind === 'Certificate');
  assert.equal(cert.spec.dnsNames, [c.host]);
  assert.equal(cert.spec.ipAddresses, [c.platform.aks.staticIp]);
  const svc = parse(t.get('patches/istio-system-istio-ingressgateway-service.yaml')!);
  assert.is(svc.metadata.annotations['service.beta.kubernetes.io/azure-load-balancer-ipv4'], c.platform.aks.staticIp);
  assert.is(svc.metadata.annotations['service.beta.kubernetes.io/azure-dns-label-name'], c.platform.aks.dnsLabel);
  assert.match(section(t, "Prepare the AKS load balancer's address"), /the certificate names both/);
});

aks('a static IP next to an IP host is refused', () => {
  const c = configOf('aks-entra-selfsigned');
  c.manifests.path = manifestsDir;
  c.host = '203.0.113.42';
  c.platform.aks.staticIp = '203.0.113.42';
  delete c.platform.aks.dnsLabel;
  assert.ok(
    validateProject(c, 'k.yaml')
      .map(formatProblem)
      .some((p) => p.includes('platform.aks.staticIp: host is already the IP address "203.0.113.42"')),
  );
});

const sdk = suite('Pipelines SDK from outside with the browser session');
sdk('names the session cookie oauth2-proxy sets and the host users browse to', async () => {
  if (skip) return;
  for (const name of ['eks-entra-nginx', 'aks-entra-selfsigned', 'dex-static-user']) {
    const t = await tree(name);
    const step = section(t, 'Use the Pipelines SDK from your own machine');
    const cookie = cfgValue(t, 'cookie_name')!;
    assert.ok(cookie, `${name}: oauth2_proxy.cfg sets cookie_name`);
    assert.match(step, new RegExp(`cookies="${cookie}=<value>"`));
    const redirect = cfgValue(t, 'redirect_url')!;
    assert.ok(
      step.includes(`host="${new URL(redirect).origin}/pipeline"`),
      `${name}: SDK host is the redirect URL's origin`,
    );
  }
  assert.match(section(await tree('aks-entra-selfsigned'), 'Use the Pipelines SDK'), /ssl_ca_cert="kubeflow-tls\.crt"/);
});

const cognito = suite('Cognito + ADFS set-up commands');
cognito(
  'the SAML provider, its attribute mapping and the app client carry the exact values the platform uses',
  async () => {
    if (skip) return;
    const t = await tree('eks-cognito-adfs');
    const c = configOf('eks-cognito-adfs').auth.cognito;
    const step = section(t, 'Federate ADFS into the Cognito user pool');
    assert.ok(
      step.includes(
        `create-identity-provider --user-pool-id ${c.userPoolId} --region ${c.region} --provider-name 'ADFS' --provider-type SAML`,
      ),
    );
    assert.ok(step.includes(`MetadataURL=${c.saml.metadataUrl}`));
    assert.ok(
      step.includes(`custom:groups=http://schemas.xmlsoap.org/claims/Group`),
      'the groups claim oauth2-proxy and the gateway read is mapped',
    );
    assert.ok(step.includes(`Name=groups,AttributeDataType=String`));
    // Merged into the app client as it is (jq `*`: TokenValidityUnits keeps the units of the other tokens).
    const merged = JSON.parse(/\* (\{.*\})' > cognito-app-client\.json/.exec(step)![1]!);
    assert.is(merged.IdTokenValidity, 3600, "Cognito's default ID-token lifetime, which the refresh period assumes");
    assert.equal(merged.TokenValidityUnits, { IdToken: 'seconds' });
    assert.equal(merged.CallbackURLs, [cfgValue(t, 'redirect_url')]);
    assert.equal(merged.SupportedIdentityProviders, ['ADFS']);
    assert.equal(merged.AllowedOAuthScopes.join(' '), cfgValue(t, 'scope'));
    assert.ok(
      step.includes(`urn:amazon:cognito:sp:${c.userPoolId}`) && step.includes(`https://${c.domain}/saml2/idpresponse`),
    );
    // The groups claim the set-up maps is the one the gateway turns into kubeflow-groups.
    const ra = parse(t.get('patches/istio-system-dex-jwt.yaml')!) as Array<{ path: string; value: unknown }>;
    assert.ok(ra.some((op) => JSON.stringify(op.value).includes('"claim":"custom:groups"')));
  },
);

/** The ADFS claim rules of the set-up, as printed. */
const claimRules = (step: string) => /```text\n([\s\S]*?)```/.exec(step)?.[1] ?? '';

cognito('ADFS users are verified: the rule that issues the claim mapped to email_verified', async () => {
  if (skip) return;
  const step = section(await tree('eks-cognito-adfs'), 'Federate ADFS into the Cognito user pool');
  const mapping = /--attribute-mapping '([^']*)'/.exec(step)![1]!.split(',');
  const verified = mapping.find((m) => m.startsWith('email_verified='))?.slice('email_verified='.length);
  assert.ok(verified, `email_verified is mapped: ${mapping.join(', ')}`);
  // The claim it is mapped from is issued, with the value Cognito reads as verified, for every user with an e-mail.
  assert.match(
    claimRules(step),
    new RegExp(
      `c:\\[Type == "${mapping
        .find((m) => m.startsWith('email='))!
        .slice(6)
        .replace(/[.]/g, '\\.')}"\\]\\n => issue\\(Type = "${verified}", Value = "true"\\);`,
    ),
  );
});

cognito('the group claim stays small: ADFS sends only the prefixed groups; without a filter it says so', async () => {
  if (skip) return;
  const step = section(await tree('cognito-adfs-groups'), 'Federate ADFS into the Cognito user pool');
  const prefix = configOf('cognito-adfs-groups').tenancy.groupNamespaces.prefix as string;
  const rule =
    /c:\[Type == "http:\/\/schemas\.xmlsoap\.org\/claims\/Group", Value =~ "([^"]+)"\]\n => issue\(claim = c\);/.exec(
      claimRules(step),
    );
  assert.ok(rule, `a filtered issuance rule:\n${claimRules(step)}`);
  // .NET's inline (?i) as JavaScript's i flag; the rest of the expression is the same in both.
  const filter = new RegExp(rule![1]!.replace(/^\(\?i\)/, ''), 'i');
  const user = [
    ...Array.from({ length: 300 }, (_, i) => `GG-Finance-Distribution-List-${i}`),
    `${prefix}Team Vision`,
    `${prefix.toUpperCase()}R&D`,
    'kubeflow',
  ];
  const sent = user.filter((g) => filter.test(g));
  assert.equal(sent, [`${prefix}Team Vision`, `${prefix.toUpperCase()}R&D`]);
  // As Cognito stores a multi-valued attribute: "[a, b]".
  assert.ok(`[${sent.join(', ')}]`.length <= 2048);
  assert.ok(`[${user.join(', ')}]`.length > 2048, 'unfiltered, this user could not sign in');
  // eks-cognito-adfs has no group namespaces: every group goes, and the set-up says what that costs.
  const open = section(await tree('eks-cognito-adfs'), 'Federate ADFS into the Cognito user pool');
  assert.match(open, /\*\*Every group of a user is sent\*\*: `custom:groups` holds at most 2048 characters/);
});

for (const s of [eks, aks, sdk, cognito]) s.run();

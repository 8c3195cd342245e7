import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { execa } from 'execa';
import { validateProject } from '../../src/pipeline/index.js';
import { formatProblem } from '../../src/config/errors.js';
import { buildProject } from '../../src/pipeline/index.js';
import { manifestsDir, missingTools, repoRoot } from '../support/tools.js';
import { FIXTURE_ENV } from '../support/fixtures.js';

type Config = Record<string, unknown> & {
  tls?: Record<string, unknown>;
  ingress?: Record<string, unknown>;
  platform: Record<string, unknown>;
};

const EKS = {
  provider: 'eks',
  eks: {
    clusterName: 'c1',
    region: 'us-east-2',
    kubernetesVersion: '1.29',
    nodeGroups: [{ name: 'w', instanceType: 'm5.2xlarge', minSize: 2, desiredCapacity: 2, maxSize: 3 }],
  },
};
const ARN = 'arn:aws:acm:us-east-2:111122223333:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

function base(over: Partial<Config> = {}): Config {
  return {
    manifests: { version: 'v1.9.1', path: manifestsDir },
    host: 'kubeflow.example.com',
    platform: { provider: 'generic' },
    auth: {
      provider: 'azure-ad',
      azureAd: {
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        clientId: '5d3f1c2a-9b8e-4f7a-a6d5-0c1b2e3f4a5b',
        clientSecret: { env: 'AZURE_CLIENT_SECRET' },
      },
      cookieSecret: { env: 'KFGEN_COOKIE_SECRET' },
    },
    ...over,
  };
}

/** The problems as the CLI prints them (file:line: path: message ...). */
function problems(config: Config): string[] {
  return validateProject(config, 'kfgen.config.yaml').map(formatProblem);
}

function assertProblem(config: Config, path: string, pattern: RegExp) {
  const found = problems(config);
  assert.ok(
    found.some((p) => p.includes(` ${path}: `) && pattern.test(p)),
    `expected a problem at ${path} matching ${pattern}, got:\n${found.join('\n')}`,
  );
}

// ---------------------------------------------------------------------------------------------
const rules = suite('exposure: invalid combinations are rejected with the field to change');

rules('valid combinations pass', () => {
  const valid: Config[] = [
    base({ tls: { mode: 'self-signed' }, ingress: { kind: 'loadbalancer' } }),
    base({
      host: '20.50.60.70',
      tls: { mode: 'self-signed' },
      ingress: { kind: 'loadbalancer' },
      platform: { provider: 'aks', aks: { loadBalancerResourceGroup: 'net-rg' } },
    }),
    base({ tls: { mode: 'acme', acme: { email: 'a@example.com' } }, ingress: { kind: 'nginx' } }),
    base({ tls: { mode: 'acm', acmCertificateArn: ARN }, ingress: { kind: 'alb', scheme: 'internal' }, platform: EKS }),
    base({ tls: { mode: 'secret', secretName: 'kubeflow-tls' }, ingress: { kind: 'none' } }),
  ];
  for (const c of valid) assert.equal(problems(c), [], JSON.stringify({ tls: c.tls, ingress: c.ingress }));
});

rules('acm without alb', () => {
  assertProblem(
    base({ tls: { mode: 'acm', acmCertificateArn: ARN }, ingress: { kind: 'nginx' }, platform: EKS }),
    'tls.mode',
    /"acm" needs ingress\.kind "alb".*ingress\.kind is "nginx"/,
  );
  assertProblem(
    base({ tls: { mode: 'acm', acmCertificateArn: ARN }, platform: EKS }),
    'tls.mode',
    /needs ingress\.kind "alb"/,
  );
});

rules('acm needs its ARN, in the cluster region', () => {
  assertProblem(
    base({ tls: { mode: 'acm' }, ingress: { kind: 'alb' }, platform: EKS }),
    'tls.acmCertificateArn',
    /is required when tls\.mode is "acm"/,
  );
  const elsewhere = ARN.replace('us-east-2', 'eu-west-1');
  assertProblem(
    base({ tls: { mode: 'acm', acmCertificateArn: elsewhere }, ingress: { kind: 'alb' }, platform: EKS }),
    'tls.acmCertificateArn',
    /region "eu-west-1".*"us-east-2"/,
  );
  assertProblem(
    base({ tls: { mode: 'self-signed', acmCertificateArn: ARN }, ingress: { kind: 'loadbalancer' } }),
    'tls.acmCertificateArn',
    /only used with tls\.mode "acm"/,
  );
});

rules('an ALB serves only ACM certificates, and only on EKS', () => {
  for (const mode of ['self-signed', 'acme', 'secret']) {
    const tls = { mode, secretName: 'x', ...(mode === 'acme' ? { acme: { email: 'a@example.com' } } : {}) };
    assertProblem(base({ tls, ingress: { kind: 'alb' }, platform: EKS }), 'tls.mode', /cannot be served by an ALB/);
  }
  assertProblem(
    base({ tls: { mode: 'none' }, ingress: { kind: 'alb' } }),
    'ingress.kind',
    /"alb" needs platform\.provider "eks"/,
  );
  assertProblem(
    base({ ingress: { kind: 'alb' }, platform: { provider: 'aks' } }),
    'ingress.kind',
    /use ingress\.kind loadbalancer on AKS/,
  );
});

rules('acme: needs its settings, a DNS name and a reachable challenge', () => {
  assertProblem(base({ tls: { mode: 'acme' }, ingress: { kind: 'loadbalancer' } }), 'tls.acme', /is required/);
  assertProblem(
    base({
      host: '20.1.2.3',
      tls: { mode: 'acme', acme: { email: 'a@example.com' } },
      ingress: { kind: 'loadbalancer' },
    }),
    'tls.mode',
    /cannot certify the IP address/,
  );
  assertProblem(
    base({
      tls: { mode: 'acme', acme: { email: 'a@example.com' } },
      ingress: { kind: 'loadbalancer', scheme: 'internal' },
      platform: EKS,
    }),
    'tls.acme.challenge',
    /"http01" cannot work behind an internal load balancer.*dns01/,
  );
  assertProblem(
    base({
      tls: { mode: 'acme', acme: { email: 'a@example.com', challenge: 'dns01' } },
      ingress: { kind: 'loadbalancer' },
    }),
    'tls.acme.route53',
    /is required for the dns01 challenge/,
  );
  assertProblem(
    base({
      tls: { mode: 'acme', acme: { email: 'a@example.com', route53: { region: 'us-east-1' } } },
      ingress: { kind: 'loadbalancer' },
    }),
    'tls.acme.route53',
    /only used with challenge "dns01"/,
  );
  assertProblem(
    base({ tls: { mode: 'self-signed', acme: { email: 'a@example.com' } }, ingress: { kind: 'loadbalancer' } }),
    'tls.acme',
    /only used with tls\.mode "acme"/,
  );
});

rules('ingress fields that the kind does not use', () => {
  assertProblem(
    base({ ingress: { kind: 'nginx', scheme: 'internal' } }),
    'ingress.scheme',
    /only used with ingress\.kind "alb" or "loadbalancer"/,
  );
  assertProblem(
    base({ ingress: { kind: 'loadbalancer', className: 'nginx' } }),
    'ingress.className',
    /creates no Ingress/,
  );
  assertProblem(
    base({ ingress: { kind: 'none', annotations: { a: 'b' } } }),
    'ingress.annotations',
    /nothing to annotate/,
  );
  assertProblem(
    base({ ingress: { kind: 'loadbalancer', scheme: 'internal' } }),
    'ingress.scheme',
    /needs a cloud platform/,
  );
});

rules('AKS: the DNS label and the host must name the same load balancer', () => {
  const aks = (host: string, aksCfg: Record<string, unknown>, kind = 'loadbalancer') =>
    base({ host, tls: { mode: 'self-signed' }, ingress: { kind }, platform: { provider: 'aks', aks: aksCfg } });
  assert.equal(problems(aks('kflow.westeurope.cloudapp.azure.com', { dnsLabel: 'kflow' })), []);
  assertProblem(
    aks('kubeflow.example.com', { dnsLabel: 'kflow' }),
    'host',
    /not the name Azure gives the DNS label "kflow"/,
  );
  assertProblem(aks('20.1.2.3', { dnsLabel: 'kflow' }), 'platform.aks.dnsLabel', /host is the IP address/);
  assertProblem(
    aks('kflow.westeurope.cloudapp.azure.com', {}),
    'platform.aks.dnsLabel',
    /is required.*set platform\.aks\.dnsLabel: kflow/,
  );
  assertProblem(
    aks('kflow.westeurope.cloudapp.azure.com', { dnsLabel: 'KF_1' }),
    'platform.aks.dnsLabel',
    /not a valid Azure DNS label/,
  );
  assertProblem(aks('kf.westeurope.cloudapp.azure.com', { dnsLabel: 'kf' }), 'platform.aks.dnsLabel', /3 to 63/);
  assertProblem(
    aks('kf.example.com', { loadBalancerResourceGroup: 'rg' }, 'nginx'),
    'platform.aks',
    /only creates with ingress\.kind "loadbalancer"/,
  );
  assertProblem(base({ platform: { provider: 'generic', aks: {} } }), 'platform.aks', /only used with provider "aks"/);
});

rules('EKS: subnets by availability zone, enough of them for the load balancer', () => {
  const vpc = (subnets: Record<string, unknown>, ingress: Record<string, unknown> = { kind: 'alb' }) =>
    base({
      tls: { mode: 'acm', acmCertificateArn: ARN },
      ingress,
      platform: { ...EKS, eks: { ...EKS.eks, vpc: { subnets } } },
    });
  assert.equal(
    problems(vpc({ public: { 'us-east-2a': 'subnet-0a1b2c3d4e5f60001', 'us-east-2b': 'subnet-0a1b2c3d4e5f60002' } })),
    [],
  );
  assertProblem(
    vpc({ public: { 'us-east-2a': 'subnet-0a1b2c3d4e5f60001' } }),
    'platform.eks.vpc.subnets.public',
    /an ALB needs subnets in at least two/,
  );
  assertProblem(
    vpc({ private: { 'us-east-2a': 'subnet-0a1b2c3d4e5f60001', 'us-east-2b': 'subnet-0a1b2c3d4e5f60002' } }),
    'platform.eks.vpc.subnets.public',
    /internet-facing load balancer.*public subnets/,
  );
  assertProblem(
    vpc({ public: { 'eu-west-1a': 'subnet-0a1b2c3d4e5f60001', 'us-east-2b': 'subnet-0a1b2c3d4e5f60002' } }),
    'platform.eks.vpc.subnets.public.eu-west-1a',
    /not an availability zone of region us-east-2/,
  );
  assertProblem(
    vpc({ public: { 'us-east-2a': 'sn-1', 'us-east-2b': 'subnet-0a1b2c3d4e5f60002' } }),
    'platform.eks.vpc.subnets.public.us-east-2a',
    /is not a subnet id/,
  );
  assertProblem(
    vpc({
      public: { 'us-east-2a': 'subnet-0a1b2c3d4e5f60001', 'us-east-2b': 'subnet-0a1b2c3d4e5f60002' },
      private: { 'us-east-2a': 'subnet-0a1b2c3d4e5f60001' },
    }),
    'platform.eks.vpc.subnets.private.us-east-2a',
    /listed twice/,
  );
});

rules('EKS: access entries that conflict with aws-auth or grant nothing', () => {
  const entries = (accessEntries: unknown[], awsAuth?: unknown) =>
    base({ platform: { ...EKS, eks: { ...EKS.eks, accessEntries, ...(awsAuth ? { awsAuth } : {}) } } });
  const admin = 'arn:aws:iam::111122223333:role/Admins';
  const policy = (type: string, namespaces?: string[]) => ({
    policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
    accessScope: { type, ...(namespaces ? { namespaces } : {}) },
  });
  assert.equal(problems(entries([{ principalARN: admin, accessPolicies: [policy('cluster')] }])), []);
  assertProblem(
    entries([{ principalARN: admin, kubernetesGroups: ['g'] }], {
      mapRoles: [{ rolearn: admin, username: 'a', groups: ['g'] }],
    }),
    'platform.eks.accessEntries[0].principalARN',
    /also mapped in awsAuth/,
  );
  assertProblem(
    entries([
      { principalARN: admin, kubernetesGroups: ['g'] },
      { principalARN: admin, kubernetesGroups: ['h'] },
    ]),
    'platform.eks.accessEntries[1].principalARN',
    /duplicate access entry/,
  );
  assertProblem(entries([{ principalARN: admin }]), 'platform.eks.accessEntries[0]', /grants nothing/);
  assertProblem(
    entries([{ principalARN: admin, accessPolicies: [policy('namespace')] }]),
    'platform.eks.accessEntries[0].accessPolicies[0].accessScope.namespaces',
    /is required when accessScope\.type is "namespace"/,
  );
  assertProblem(
    entries([{ principalARN: admin, accessPolicies: [policy('cluster', ['a'])] }]),
    'platform.eks.accessEntries[0].accessPolicies[0].accessScope.namespaces',
    /only used when/,
  );
});

// ---------------------------------------------------------------------------------------------
rules('an IP address cannot be an Ingress host', () => {
  assertProblem(
    base({ host: '10.0.0.5', tls: { mode: 'none' }, ingress: { kind: 'nginx' } }),
    'host',
    /is an IP address, but an Ingress rule host must be a DNS name/,
  );
  assert.equal(
    problems(base({ host: '10.0.0.5', tls: { mode: 'self-signed' }, ingress: { kind: 'loadbalancer' } })).filter((p) =>
      p.includes(' host: '),
    ),
    [],
  );
});
rules.run();

const cli = suite('exposure: the CLI refuses an invalid combination and writes nothing');
const bin = join(repoRoot, 'bin/kfgen.js');

cli('acm with nginx: exit 1, one line naming tls.mode', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-exposure-'));
  try {
    const config = base({ tls: { mode: 'acm', acmCertificateArn: ARN }, ingress: { kind: 'nginx' }, platform: EKS });
    writeFileSync(join(dir, 'kfgen.config.yaml'), stringify(config));
    mkdirSync(join(dir, 'out'));
    const r = await execa('node', [bin, 'build', '--config', 'kfgen.config.yaml', '--out', 'out'], {
      cwd: dir,
      reject: false,
      env: { ...FIXTURE_ENV, PATH: process.env.PATH },
      extendEnv: false,
    });
    assert.is(r.exitCode, 1, r.stderr);
    assert.match(r.stderr, /^kfgen\.config\.yaml:\d+: tls\.mode: "acm" needs ingress\.kind "alb"/m);
    assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(readdirSync(join(dir, 'out')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

cli.run();

// ---------------------------------------------------------------------------------------------
// Variants generated in-process (no kustomize): what each mode puts into the tree.
const variants = suite('exposure: generated objects per mode');
const needsManifests = missingTools('manifests');

async function generateTree(config: Config): Promise<Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-variant-'));
  try {
    writeFileSync(join(dir, 'kfgen.config.yaml'), stringify(config));
    const { tree } = await buildProject({
      cwd: dir,
      configFile: 'kfgen.config.yaml',
      outDir: join(dir, 'out'),
      env: FIXTURE_ENV,
      manifestsDir,
    });
    return tree;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const docs = (text: string | undefined) => parseAllDocuments(text ?? '').map((d) => d.toJS());

variants('self-signed for an IP address: ipAddresses, and AKS pins the load balancer to it', async () => {
  if (needsManifests) return;
  const tree = await generateTree(
    base({
      host: '20.50.60.70',
      tls: { mode: 'self-signed' },
      ingress: { kind: 'loadbalancer' },
      platform: { provider: 'aks', aks: { loadBalancerResourceGroup: 'net-rg' } },
    }),
  );
  const [cert] = docs(tree.get('tls/certificate.yaml'));
  assert.equal(cert.spec.ipAddresses, ['20.50.60.70']);
  assert.is(cert.spec.dnsNames, undefined);
  const svc = parse(tree.get('patches/istio-system-istio-ingressgateway-service.yaml')!);
  assert.is(svc.metadata.annotations['service.beta.kubernetes.io/azure-load-balancer-ipv4'], '20.50.60.70');
  assert.is(svc.metadata.annotations['service.beta.kubernetes.io/azure-load-balancer-resource-group'], 'net-rg');
  const md = tree.get('NEXT_STEPS.md')!;
  assert.match(md, /az network public-ip create --resource-group net-rg/);
  assert.match(md, /Network Contributor/);
});

variants('nginx terminates TLS with the certificate cert-manager issues; the gateway stays HTTP', async () => {
  if (needsManifests) return;
  const tree = await generateTree(
    base({ tls: { mode: 'self-signed', secretName: 'kf-cert' }, ingress: { kind: 'nginx' } }),
  );
  const ing = parse(tree.get('ingress.yaml')!);
  const [cert] = docs(tree.get('tls/certificate.yaml'));
  assert.equal(ing.spec.tls, [{ hosts: ['kubeflow.example.com'], secretName: 'kf-cert' }]);
  assert.is(cert.spec.secretName, 'kf-cert');
  assert.is(cert.metadata.namespace, ing.metadata.namespace);
  assert.not.ok(tree.has('patches/kubeflow-kubeflow-gateway-https.yaml'));
});

variants('acme behind nginx: HTTP-01 through the nginx class, no change to the login policies', async () => {
  if (needsManifests) return;
  const tree = await generateTree(
    base({
      tls: { mode: 'acme', acme: { email: 'a@example.com' } },
      ingress: { kind: 'nginx', className: 'public-nginx' },
    }),
  );
  const [issuer, cert] = docs(tree.get('tls/certificate.yaml'));
  assert.equal(issuer.spec.acme.solvers[0].http01, { ingress: { ingressClassName: 'public-nginx' } });
  assert.is(issuer.spec.acme.server, 'https://acme-v02.api.letsencrypt.org/directory');
  assert.is(cert.spec.issuerRef.name, issuer.metadata.name);
  assert.not.ok([...tree.keys()].some((k) => k.endsWith('-acme.yaml')));
});

variants("secret with ingress none: the gateway serves the user's Secret", async () => {
  if (needsManifests) return;
  const tree = await generateTree(base({ tls: { mode: 'secret', secretName: 'byo-tls' }, ingress: { kind: 'none' } }));
  const ops = parse(tree.get('patches/kubeflow-kubeflow-gateway-https.yaml')!);
  assert.is(ops[0].value[1].tls.credentialName, 'byo-tls');
  assert.not.ok(tree.has('tls/certificate.yaml'), 'the user brings the certificate');
});

variants('ALB without TLS: HTTP listener only, no redirect, no certificate', async () => {
  if (needsManifests) return;
  const tree = await generateTree(
    base({ tls: { mode: 'none' }, ingress: { kind: 'alb', scheme: 'internal' }, platform: EKS }),
  );
  const a = parse(tree.get('ingress.yaml')!).metadata.annotations;
  assert.equal(JSON.parse(a['alb.ingress.kubernetes.io/listen-ports']), [{ HTTP: 80 }]);
  assert.is(a['alb.ingress.kubernetes.io/ssl-redirect'], undefined);
  assert.is(a['alb.ingress.kubernetes.io/certificate-arn'], undefined);
  assert.is(a['alb.ingress.kubernetes.io/scheme'], 'internal');
});

variants.run();

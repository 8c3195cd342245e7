import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Ajv } from 'ajv';
import { find, manifestsDir, missingTools, type K8sObject } from '../support/tools.js';
import { fixtureConfig, goldenDiff, renderFixture, type RenderedFixture } from '../support/fixtures.js';
import { objectKey, upstreamObjects, upstreamPlatform } from '../support/upstream.js';
import { findGeneratedAs } from '../support/objects.js';
import type { EksctlCluster } from '../support/eksctl.js';

const skip = missingTools('kustomize', 'manifests');

// ---------------------------------------------------------------------------------------------
// Accessors for the rendered objects these tests look at.

interface Server {
  port: { number: number; name: string; protocol: string };
  hosts: string[];
  tls?: { httpsRedirect?: boolean; mode?: string; credentialName?: string };
}
interface Cert {
  metadata: { name: string; namespace: string };
  spec: {
    secretName: string;
    dnsNames?: string[];
    ipAddresses?: string[];
    isCA?: boolean;
    issuerRef: { kind: string; name: string; group?: string };
  };
}
interface Svc {
  metadata: { annotations?: Record<string, string> };
  spec: { type: string; ports: Array<{ name: string; port: number; targetPort: number }> };
}
interface Ing {
  metadata: { namespace: string; annotations: Record<string, string> };
  spec: {
    ingressClassName: string;
    tls?: Array<{ hosts: string[]; secretName: string }>;
    rules: Array<{
      host: string;
      http: { paths: Array<{ backend: { service: { name: string; port: { number: number } } } }> };
    }>;
  };
}
interface Policy {
  spec: { rules: Array<{ to: Array<{ operation: { notPaths: string[] } }> }> };
}

const gatewayServers = (objects: K8sObject[]) =>
  (find(objects, 'Gateway', 'kubeflow-gateway', 'kubeflow') as unknown as { spec: { servers: Server[] } }).spec.servers;
const gatewayService = (objects: K8sObject[]) =>
  find(objects, 'Service', 'istio-ingressgateway', 'istio-system') as unknown as Svc;
const certificates = (objects: K8sObject[]) =>
  objects.filter((o) => o.kind === 'Certificate' && o.metadata.namespace === 'istio-system') as unknown as Cert[];
const ingresses = (objects: K8sObject[]) => objects.filter((o) => o.kind === 'Ingress') as unknown as Ing[];
const notPaths = (objects: K8sObject[], name: string) =>
  (find(objects, 'AuthorizationPolicy', name, 'istio-system') as unknown as Policy).spec.rules[0]!.to[0]!.operation
    .notPaths;

function redirectUrl(objects: K8sObject[]): URL {
  const cm = findGeneratedAs<{ data: Record<string, string> }>(objects, 'ConfigMap', 'oauth2-proxy', 'oauth2-proxy');
  return new URL(/^redirect_url\s*=\s*"(.*)"$/m.exec(cm.data['oauth2_proxy.cfg']!)![1]!);
}

function forceHttps(objects: K8sObject[]): string {
  return findGeneratedAs<{ data: Record<string, string> }>(
    objects,
    'ConfigMap',
    'oauth2-proxy-parameters',
    'oauth2-proxy',
  ).data.FORCE_HTTPS!;
}

/** The gateway pods' container ports: an ALB or NLB with `ip` targets reaches the pods directly. */
function gatewayContainerPorts(objects: K8sObject[]): number[] {
  const d = find(objects, 'Deployment', 'istio-ingressgateway', 'istio-system') as unknown as {
    spec: { template: { spec: { containers: Array<{ ports: Array<{ containerPort: number }> }> } } };
  };
  return d.spec.template.spec.containers.flatMap((c) => c.ports.map((p) => p.containerPort));
}

/** The objects kfgen added to, and took away from, upstream's platform (generator hashes ignored). */
function delta(objects: K8sObject[]): { added: string[]; removed: string[] } {
  const upstream = new Set(upstreamPlatform().map(objectKey));
  const rendered = new Set(objects.map(objectKey));
  return {
    added: [...rendered].filter((k) => !upstream.has(k)).sort(),
    removed: [...upstream].filter((k) => !rendered.has(k)).sort(),
  };
}

let dexKeys: Set<string> | undefined;
const dexObjects = () => (dexKeys ??= new Set(upstreamObjects('common/dex/overlays/oauth2-proxy').map(objectKey)));
let exampleKeys: string[] | undefined;
/** Upstream's example profile directory: its Profile and the namespace-less ConfigMap feeding it. */
const exampleProfile = () => (exampleKeys ??= upstreamObjects('common/user-namespace/base').map(objectKey));

/** Certificate agreement: one Secret, named by the Certificate and served by the gateway or Ingress. */
function assertCertificateServes(objects: K8sObject[], host: string, issuer: { kind: string; name: string }): Cert {
  const certs = certificates(objects);
  assert.is(certs.length, 1, 'one certificate for the public host');
  const cert = certs[0]!;
  assert.is(cert.metadata.namespace, 'istio-system', "the Secret must be in the gateway workload's namespace");
  assert.equal(cert.spec.issuerRef, { group: 'cert-manager.io', ...issuer });
  assert.ok(find(objects, issuer.kind, issuer.name), `issuer ${issuer.kind}/${issuer.name} exists in the build`);
  assert.not.ok(cert.spec.isCA, 'a serving certificate is not a CA');
  assert.is(redirectUrl(objects).host, host);
  return cert;
}

function assertGatewayServesHttps(objects: K8sObject[], secretName: string) {
  const servers = gatewayServers(objects);
  assert.equal(
    servers.map((s) => [s.port.number, s.port.protocol, s.tls]),
    [
      [80, 'HTTP', { httpsRedirect: true }],
      [443, 'HTTPS', { mode: 'SIMPLE', credentialName: secretName }],
    ],
  );
  // The other gateway on the same workload must not claim 443 (it would conflict with the TLS server).
  const others = objects.filter(
    (o) => o.kind === 'Gateway' && o.metadata.name !== 'kubeflow-gateway',
  ) as unknown as Array<{ spec: { selector: Record<string, string>; servers: Server[] } }>;
  for (const g of others.filter((g) => g.spec.selector.istio === 'ingressgateway'))
    assert.not.ok(g.spec.servers.some((s) => s.port.number === 443));
  // The Service must expose the port the HTTPS server listens on.
  assert.ok(gatewayService(objects).spec.ports.some((p) => p.port === 443 && p.name === 'https'));
  assert.is(forceHttps(objects), 'true');
}

function assertGatewayUntouched(objects: K8sObject[]) {
  const upstream = gatewayServers(upstreamPlatform());
  assert.equal(gatewayServers(objects), upstream);
}

const configOf = (name: string) => parse(readFileSync(fixtureConfig(name), 'utf8'));

function eksctlValidator() {
  const schema = JSON.parse(readFileSync(join(manifestsDir, '../../schemas/eksctl-v1alpha5.schema.json'), 'utf8'));
  return new Ajv({ strict: false, allErrors: true }).compile(schema);
}

// ---------------------------------------------------------------------------------------------
const aks = suite('fixture aks-entra-selfsigned (scenario 2)');
const A = {} as RenderedFixture;
const aksConfig = configOf('aks-entra-selfsigned');
aks.before(async () => {
  if (!skip) Object.assign(A, await renderFixture('aks-entra-selfsigned'));
});

aks('output matches the golden tree', async () => {
  if (skip) return;
  assert.equal(await goldenDiff('aks-entra-selfsigned', A.outDir, A.tree), []);
});

aks('a self-signed certificate for the AKS DNS name, served by the gateway on 443', () => {
  if (skip) return;
  const cert = assertCertificateServes(A.objects, aksConfig.host, {
    kind: 'ClusterIssuer',
    name: 'kubeflow-self-signing-issuer',
  });
  assert.equal(cert.spec.dnsNames, [aksConfig.host]);
  assert.is(cert.spec.ipAddresses, undefined);
  assertGatewayServesHttps(A.objects, cert.spec.secretName);
  assert.equal(ingresses(A.objects), [], 'no ingress controller in front of the gateway');
});

aks('the gateway Service is an Azure load balancer with the DNS label and probes on the status port', () => {
  if (skip) return;
  const svc = gatewayService(A.objects);
  const a = svc.metadata.annotations!;
  assert.is(svc.spec.type, 'LoadBalancer');
  assert.is(a['service.beta.kubernetes.io/azure-dns-label-name'], aksConfig.platform.aks.dnsLabel);
  assert.ok(
    aksConfig.host.startsWith(`${aksConfig.platform.aks.dnsLabel}.`) && aksConfig.host.endsWith('.cloudapp.azure.com'),
    'host is the DNS label name',
  );
  const statusPort = svc.spec.ports.find((p) => p.name === 'status-port')!;
  for (const port of [80, 443]) {
    assert.ok(svc.spec.ports.some((p) => p.port === port));
    assert.is(
      a[`service.beta.kubernetes.io/port_${port}_health-probe_port`],
      String(statusPort.port),
      `port ${port} probes the status port`,
    );
    assert.is(a[`service.beta.kubernetes.io/port_${port}_health-probe_protocol`], 'http');
  }
  assert.is(a['service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path'], '/healthz/ready');
  assert.is(a['service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout'], '30', 'user annotation merged');
  assert.equal(
    svc.spec.ports,
    (find(upstreamPlatform(), 'Service', 'istio-ingressgateway', 'istio-system') as unknown as Svc).spec.ports,
    'ports kept',
  );
});

aks('only the certificate is added; Dex and the example profile are gone; nothing cloud-specific for AWS', () => {
  if (skip) return;
  const { added, removed } = delta(A.objects);
  assert.equal(added, ['Certificate/istio-system/kubeflow-tls']);
  assert.equal(removed, [...dexObjects(), ...exampleProfile()].sort());
  assert.is(A.objects.length, upstreamPlatform().length - removed.length + added.length);
  assert.not.ok(
    [...A.tree.keys()].some((p) => p.startsWith('cluster/')),
    'no cluster file on AKS',
  );
});

aks('NEXT_STEPS.md: the address, the certificate to trust and the redirect URI', () => {
  if (skip) return;
  const md = A.tree.get('NEXT_STEPS.md')!;
  assert.match(md, /DNS label `kubeflow-fabrikam`/);
  assert.match(md, /kubectl get secret kubeflow-tls -n istio-system/);
  assert.ok(md.includes(`\`${redirectUrl(A.objects).href}\``));
  assert.ok(
    md.indexOf('## ') >= 0 && md.indexOf('Trust the self-signed') > md.indexOf('. Apply'),
    'trust the certificate after applying',
  );
});

aks.run();

// ---------------------------------------------------------------------------------------------
const alb = suite('fixture eks-alb-acm');
const L = {} as RenderedFixture;
const albConfig = configOf('eks-alb-acm');
alb.before(async () => {
  if (!skip) Object.assign(L, await renderFixture('eks-alb-acm'));
});

alb('output matches the golden tree', async () => {
  if (skip) return;
  assert.equal(await goldenDiff('eks-alb-acm', L.outDir, L.tree), []);
});

alb('an internet-facing ALB with the ACM certificate, HTTPS redirect and a health check that needs no login', () => {
  if (skip) return;
  const [ing, ...more] = ingresses(L.objects);
  assert.is(more.length, 0);
  const a = ing!.metadata.annotations;
  assert.is(ing!.spec.ingressClassName, 'alb');
  assert.is(a['alb.ingress.kubernetes.io/scheme'], 'internet-facing');
  assert.is(a['alb.ingress.kubernetes.io/target-type'], 'ip');
  assert.equal(JSON.parse(a['alb.ingress.kubernetes.io/listen-ports']!), [{ HTTP: 80 }, { HTTPS: 443 }]);
  assert.is(a['alb.ingress.kubernetes.io/ssl-redirect'], '443');
  assert.is(a['alb.ingress.kubernetes.io/certificate-arn'], albConfig.tls.acmCertificateArn);
  assert.is(a['alb.ingress.kubernetes.io/healthcheck-path'], '/healthz/ready');
  assert.ok(
    gatewayContainerPorts(L.objects).includes(Number(a['alb.ingress.kubernetes.io/healthcheck-port'])),
    'health check on a port the gateway pods listen on',
  );
  assert.is(a['alb.ingress.kubernetes.io/subnets'], Object.values(albConfig.platform.eks.vpc.subnets.public).join(','));
  assert.is(
    a['alb.ingress.kubernetes.io/load-balancer-attributes'],
    'idle_timeout.timeout_seconds=300',
    'user annotation merged',
  );
  assert.not.ok(
    Object.keys(a).some((k) => k.startsWith('nginx.')),
    'no annotations of another controller',
  );
  assert.is(ing!.spec.tls, undefined, 'TLS ends at the ALB');
  assert.is(ing!.spec.rules[0]!.host, redirectUrl(L.objects).host);
  const backend = ing!.spec.rules[0]!.http.paths[0]!.backend.service;
  assert.ok(
    find(L.objects, 'Service', backend.name, ing!.metadata.namespace),
    'backend Service in the Ingress namespace',
  );
});

alb('the gateway stays plain HTTP behind the ALB, and cookies are still Secure', () => {
  if (skip) return;
  assertGatewayUntouched(L.objects);
  assert.is(gatewayService(L.objects).spec.type, 'ClusterIP');
  assert.is(certificates(L.objects).length, 0);
  assert.is(forceHttps(L.objects), 'true');
  const { added } = delta(L.objects);
  assert.equal(added, ['Ingress/istio-system/kubeflow', 'StorageClass//gp3']);
});

alb(
  'eksctl: existing VPC subnets, access entries only (API mode), IAM role for the LB controller; valid by schema',
  () => {
    if (skip) return;
    const cluster: EksctlCluster = parse(L.tree.get('cluster/eksctl-cluster.yaml')!);
    const validate = eksctlValidator();
    assert.ok(validate(cluster), JSON.stringify(validate.errors, null, 1));
    const eks = albConfig.platform.eks;
    for (const side of ['public', 'private'] as const) {
      for (const [az, id] of Object.entries(eks.vpc.subnets[side] as Record<string, string>))
        assert.equal(cluster.vpc.subnets[side]![az], { id });
    }
    assert.ok(cluster.managedNodeGroups.every((g: { privateNetworking?: boolean }) => g.privateNetworking === true));
    assert.is(cluster.accessConfig.authenticationMode, 'API');
    assert.equal(cluster.accessConfig.accessEntries, eks.accessEntries);
    assert.not.ok(L.tree.has('cluster/aws-auth.yaml'), 'no aws-auth with API authentication mode');
    assert.equal(cluster.iam.serviceAccounts, [
      {
        metadata: { name: 'aws-load-balancer-controller', namespace: 'kube-system' },
        wellKnownPolicies: { awsLoadBalancerController: true },
      },
    ]);
    const md = L.tree.get('NEXT_STEPS.md')!;
    assert.match(md, /helm upgrade --install aws-load-balancer-controller [^]*?--set clusterName=initech-ml/);
    assert.match(md, /serviceAccount\.name=aws-load-balancer-controller/);
    assert.ok(md.includes(`--certificate-arn ${albConfig.tls.acmCertificateArn}`));
  },
);

alb.run();

// ---------------------------------------------------------------------------------------------
const http01 = suite('fixture generic-acme-http01');
const H = {} as RenderedFixture;
const http01Config = configOf('generic-acme-http01');
http01.before(async () => {
  if (!skip) Object.assign(H, await renderFixture('generic-acme-http01'));
});

http01('output matches the golden tree', async () => {
  if (skip) return;
  assert.equal(await goldenDiff('generic-acme-http01', H.outDir, H.tree), []);
});

http01("a Let's Encrypt staging ClusterIssuer solving HTTP-01 through the Istio gateway", () => {
  if (skip) return;
  const issuer = find(H.objects, 'ClusterIssuer', 'letsencrypt-staging') as unknown as {
    spec: {
      acme: {
        email: string;
        server: string;
        privateKeySecretRef: { name: string };
        solvers: Array<{ selector: { dnsNames: string[] }; http01: { ingress: { class: string } } }>;
      };
    };
  };
  assert.is(issuer.spec.acme.server, 'https://acme-staging-v02.api.letsencrypt.org/directory');
  assert.is(issuer.spec.acme.email, http01Config.tls.acme.email);
  assert.equal(issuer.spec.acme.solvers, [
    { selector: { dnsNames: [http01Config.host] }, http01: { ingress: { class: 'istio' } } },
  ]);
  const cert = assertCertificateServes(H.objects, http01Config.host, {
    kind: 'ClusterIssuer',
    name: 'letsencrypt-staging',
  });
  assert.is(cert.spec.secretName, http01Config.tls.secretName);
  assert.equal(cert.spec.dnsNames, [http01Config.host]);
  assertGatewayServesHttps(H.objects, http01Config.tls.secretName);
});

http01('the challenge path is exempt from both login policies, and nothing else changes in them', () => {
  if (skip) return;
  for (const name of ['istio-ingressgateway-oauth2-proxy', 'istio-ingressgateway-require-jwt']) {
    const upstream = notPaths(upstreamPlatform(), name);
    // Upstream's policies would send Let's Encrypt to the login page (CUSTOM) or deny it (DENY).
    assert.not.ok(
      upstream.some((p) => '/.well-known/acme-challenge/x'.startsWith(p.replace(/\*+$/, ''))),
      `upstream ${name} blocks the challenge`,
    );
    assert.equal(notPaths(H.objects, name), [...upstream, '/.well-known/acme-challenge/*']);
    const rendered = find(H.objects, 'AuthorizationPolicy', name, 'istio-system') as unknown as Policy;
    const original = find(upstreamPlatform(), 'AuthorizationPolicy', name, 'istio-system') as unknown as Policy;
    assert.is(rendered.spec.rules.length, original.spec.rules.length);
  }
});

http01('the gateway Service is a plain LoadBalancer with the user annotation; Dex stays', () => {
  if (skip) return;
  const svc = gatewayService(H.objects);
  assert.is(svc.spec.type, 'LoadBalancer');
  assert.equal(svc.metadata.annotations, { 'metallb.universe.tf/address-pool': 'public' });
  const { added, removed } = delta(H.objects);
  assert.equal(added, [
    'Certificate/istio-system/kubeflow-hooli-tls',
    'ClusterIssuer//letsencrypt-staging',
    'Secret/auth/dex-secrets',
  ]);
  assert.equal(removed, [...exampleProfile()].sort());
  const md = H.tree.get('NEXT_STEPS.md')!;
  assert.match(md, /\*\*staging\*\*/);
  assert.ok(md.indexOf('Obtain the Let') > md.indexOf('Point DNS at the load balancer'), 'the certificate follows DNS');
});

http01.run();

// ---------------------------------------------------------------------------------------------
const dns01 = suite('fixture eks-nlb-acme-dns01');
const N = {} as RenderedFixture;
const dns01Config = configOf('eks-nlb-acme-dns01');
dns01.before(async () => {
  if (!skip) Object.assign(N, await renderFixture('eks-nlb-acme-dns01'));
});

dns01('output matches the golden tree', async () => {
  if (skip) return;
  assert.equal(await goldenDiff('eks-nlb-acme-dns01', N.outDir, N.tree), []);
});

dns01("DNS-01 in Route 53, so the login policies keep upstream's exemptions", () => {
  if (skip) return;
  const issuer = find(N.objects, 'ClusterIssuer', 'letsencrypt-production') as unknown as {
    spec: { acme: { server: string; solvers: Array<Record<string, unknown>> } };
  };
  assert.is(issuer.spec.acme.server, 'https://acme-v02.api.letsencrypt.org/directory');
  assert.equal(issuer.spec.acme.solvers, [
    { selector: { dnsNames: [dns01Config.host] }, dns01: { route53: dns01Config.tls.acme.route53 } },
  ]);
  const cert = assertCertificateServes(N.objects, dns01Config.host, {
    kind: 'ClusterIssuer',
    name: 'letsencrypt-production',
  });
  assertGatewayServesHttps(N.objects, cert.spec.secretName);
  for (const name of ['istio-ingressgateway-oauth2-proxy', 'istio-ingressgateway-require-jwt']) {
    assert.equal(notPaths(N.objects, name), notPaths(upstreamPlatform(), name));
  }
});

dns01('an internal NLB in the private subnets, targeting the gateway pods, health-checked on the status port', () => {
  if (skip) return;
  const svc = gatewayService(N.objects);
  const a = svc.metadata.annotations!;
  assert.is(svc.spec.type, 'LoadBalancer');
  assert.is(a['service.beta.kubernetes.io/aws-load-balancer-type'], 'external');
  assert.is(a['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type'], 'ip');
  assert.is(a['service.beta.kubernetes.io/aws-load-balancer-scheme'], 'internal');
  assert.is(
    a['service.beta.kubernetes.io/aws-load-balancer-subnets'],
    Object.values(dns01Config.platform.eks.vpc.subnets.private).join(','),
  );
  assert.ok(
    gatewayContainerPorts(N.objects).includes(
      Number(a['service.beta.kubernetes.io/aws-load-balancer-healthcheck-port']),
    ),
  );
  assert.is(a['service.beta.kubernetes.io/aws-load-balancer-healthcheck-path'], '/healthz/ready');
});

dns01('eksctl: IAM roles for the LB controller and cert-manager, aws-auth and access entries side by side', () => {
  if (skip) return;
  const cluster: EksctlCluster = parse(N.tree.get('cluster/eksctl-cluster.yaml')!);
  const validate = eksctlValidator();
  assert.ok(validate(cluster), JSON.stringify(validate.errors, null, 1));
  assert.is(cluster.accessConfig.authenticationMode, 'API_AND_CONFIG_MAP');
  assert.equal(cluster.accessConfig.accessEntries, dns01Config.platform.eks.accessEntries);
  assert.ok(N.tree.has('cluster/aws-auth.yaml'));
  assert.equal(
    cluster.iam.serviceAccounts.map(
      (s: { metadata: { namespace: string; name: string } }) => `${s.metadata.namespace}/${s.metadata.name}`,
    ),
    ['kube-system/aws-load-balancer-controller', 'cert-manager/cert-manager'],
  );
  // The ServiceAccount eksctl annotates is the one cert-manager's controller runs as.
  const cm = find(N.objects, 'Deployment', 'cert-manager', 'cert-manager') as unknown as {
    spec: { template: { spec: { serviceAccountName: string } } };
  };
  assert.is(cm.spec.template.spec.serviceAccountName, 'cert-manager');
  assert.not.ok(cluster.vpc.subnets.public, 'only private subnets given');
});

dns01.run();

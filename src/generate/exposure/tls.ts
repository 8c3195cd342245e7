import type { Context, Contribution, NextStep, PatchEntry } from '../core/model.js';
import { toYaml } from '../../util/yaml.js';
import { jsonPatch } from '../core/json-patch.js';
import type { Plan } from '../../plan/index.js';
import { SELF_SIGNING_ISSUER } from '../../kubeflow/upstream.js';
import { PHASE } from '../core/phases.js';

const LETSENCRYPT = {
  production: 'https://acme-v02.api.letsencrypt.org/directory',
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
} as const;

export const ACME_CHALLENGE_PATH = '/.well-known/acme-challenge/*';

/**
 * The gateway's two login policies (upstream `components/istio-external-auth`). Both exempt paths
 * through `notPaths`; an HTTP-01 challenge from Let's Encrypt carries no session or token, so its
 * path must be exempt from both or the challenge gets a login redirect (CUSTOM) or a 403 (DENY).
 */
export const LOGIN_POLICIES = ['istio-ingressgateway-oauth2-proxy', 'istio-ingressgateway-require-jwt'] as const;

/**
 * The certificate for the public host, in `istio-system`: the gateway reads `credentialName` from
 * its own namespace, and the nginx Ingress lives there too, so one Secret serves either.
 */
export function certificate({ host, exposure }: Plan): Record<string, unknown> {
  const secretName = exposure.tlsSecretName!;
  const selfSigned = exposure.tlsMode === 'self-signed';
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: secretName, namespace: 'istio-system' },
    spec: {
      secretName,
      // A CN is limited to 64 bytes; browsers read the SANs anyway.
      ...(host.length <= 64 ? { commonName: host } : {}),
      ...(exposure.certificateNames.dnsNames.length ? { dnsNames: exposure.certificateNames.dnsNames } : {}),
      ...(exposure.certificateNames.ipAddresses.length ? { ipAddresses: exposure.certificateNames.ipAddresses } : {}),
      // Every renewal of a self-signed certificate is a new certificate users must trust again,
      // so it lives a year rather than cert-manager's default 90 days.
      ...(selfSigned ? { duration: '8760h', renewBefore: '720h' } : {}),
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      usages: ['server auth', 'digital signature', 'key encipherment'],
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: exposure.certificateIssuer },
    },
  };
}

export function acmeClusterIssuer(plan: Plan): Record<string, unknown> {
  const { exposure } = plan;
  const acme = exposure.acme!;
  const name = exposure.acmeIssuerName;
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name },
    spec: {
      acme: {
        email: acme.email,
        server: LETSENCRYPT[acme.environment],
        privateKeySecretRef: { name: `${name}-account-key` },
        solvers: [{ selector: { dnsNames: [plan.host] }, ...acmeSolver(plan) }],
      },
    },
  };
}

function acmeSolver({ exposure }: Plan): Record<string, unknown> {
  const acme = exposure.acme!;
  if (exposure.acmeChallenge === 'dns01') {
    const r = acme.route53!;
    // No credentials here: cert-manager uses its service account's IAM role (see NEXT_STEPS.md).
    return { dns01: { route53: { region: r.region, ...(r.hostedZoneID ? { hostedZoneID: r.hostedZoneID } : {}) } } };
  }
  if (exposure.termination === 'ingress') {
    return { http01: { ingress: { ingressClassName: exposure.ingressClassName } } };
  }
  // Istio serves Ingresses whose (legacy) class annotation is `istio` on the `istio: ingressgateway`
  // workload, which is the gateway this overlay exposes; it ships no IngressClass object, so the
  // annotation form (`class`) is the one it honours.
  return { http01: { ingress: { class: 'istio' } } };
}

/** HTTPS on 443 from the certificate's Secret; HTTP on 80 only redirects. */
export function gatewayHttpsPatch(secretName: string): PatchEntry {
  const servers = [
    { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'], tls: { httpsRedirect: true } },
    {
      port: { number: 443, name: 'https', protocol: 'HTTPS' },
      hosts: ['*'],
      tls: { mode: 'SIMPLE', credentialName: secretName },
    },
  ];
  return {
    file: 'patches/kubeflow-kubeflow-gateway-https.yaml',
    // JSON6902: a strategic merge patch on a custom resource would replace the list anyway, but
    // silently; `replace` fails the build if upstream ever drops the field.
    content: jsonPatch([{ op: 'replace', path: '/spec/servers', value: servers }]),
    target: {
      group: 'networking.istio.io',
      version: 'v1alpha3',
      kind: 'Gateway',
      name: 'kubeflow-gateway',
      namespace: 'kubeflow',
    },
  };
}

/** Appends the challenge path to both login policies' `notPaths` (JSON6902: an SMP would drop upstream's rules). */
export function acmeChallengePatches(): PatchEntry[] {
  return LOGIN_POLICIES.map((name) => ({
    file: `patches/istio-system-${name}-acme.yaml`,
    content: jsonPatch([{ op: 'add', path: '/spec/rules/0/to/0/operation/notPaths/-', value: ACME_CHALLENGE_PATH }]),
    target: {
      group: 'security.istio.io',
      version: 'v1beta1',
      kind: 'AuthorizationPolicy',
      name,
      namespace: 'istio-system',
    },
  }));
}

/** Certificate, issuer and gateway changes that `tls.mode` implies. */
export function tls(ctx: Context): Contribution {
  const { exposure } = ctx.plan;
  const out: Required<Pick<Contribution, 'files' | 'resources' | 'patches' | 'nextSteps'>> = {
    files: {},
    resources: [],
    patches: [],
    nextSteps: [],
  };
  const where = exposure.termination;
  if (exposure.issuesCertificate) {
    const docs: unknown[] = [];
    if (exposure.tlsMode === 'acme') docs.push(acmeClusterIssuer(ctx.plan));
    docs.push(certificate(ctx.plan));
    out.files['tls/certificate.yaml'] = docs.map(toYaml).join('---\n');
    out.resources.push('tls/certificate.yaml');
    out.nextSteps.push(certificateStep(ctx));
  }
  if (where === 'gateway') out.patches.push(gatewayHttpsPatch(exposure.tlsSecretName!));
  if (exposure.tlsMode === 'acme' && exposure.acmeChallenge === 'http01' && where === 'gateway')
    out.patches.push(...acmeChallengePatches());
  if (exposure.tlsMode === 'acm') out.nextSteps.push(acmStep(ctx));
  return out;
}

/** After applying (and after DNS): the Certificate only exists once the overlay is applied. */
function certificateStep(ctx: Context): NextStep {
  const { plan } = ctx;
  const { exposure } = plan;
  const secret = exposure.tlsSecretName!;
  const wait = `kubectl wait --for=condition=Ready certificate/${secret} -n istio-system --timeout=600s`;
  const { dnsNames, ipAddresses } = exposure.certificateNames;
  const names = (one: string, many: string, list: string[]) =>
    list.length ? [`${list.length > 1 ? many : one} ${list.map((n) => `\`${n}\``).join(', ')}`] : [];
  const covers = [
    ...names('DNS name', 'DNS names', dnsNames),
    ...names('IP address', 'IP addresses', ipAddresses),
  ].join(' and ');
  if (exposure.tlsMode === 'self-signed') {
    return {
      order: PHASE.certificate,
      title: 'Trust the self-signed certificate',
      body: [
        `cert-manager issues \`${secret}\` (namespace \`istio-system\`) for the ${covers} from upstream's ClusterIssuer`,
        `\`${SELF_SIGNING_ISSUER}\`. Browsers warn until the certificate is trusted:`,
        '```sh',
        wait,
        `kubectl get secret ${secret} -n istio-system -o jsonpath='{.data.tls\\.crt}' | base64 -d > ${secret}.crt`,
        `curl --cacert ${secret}.crt -sI ${ctx.plan.auth.baseUrl}/`,
        '```',
        `Import \`${secret}.crt\` into the trust store of the machines that open Kubeflow. It is valid for a year and is`,
        'replaced (and must be trusted again) 30 days before it expires. Switch to `tls.mode: acme` once you own a domain.',
      ].join('\n'),
    };
  }
  const acme = exposure.acme!;
  const staging = acme.environment === 'staging';
  const lines = [
    `cert-manager obtains \`${secret}\` (namespace \`istio-system\`) for the ${covers} from Let's Encrypt`,
    `${staging ? '**staging** (browsers do not trust it; switch `tls.acme.environment` to `production` once it works)' : 'production'} through ClusterIssuer \`${exposure.acmeIssuerName}\`, account \`${acme.email}\`.`,
  ];
  if (exposure.acmeChallenge === 'http01') {
    lines.push(
      '',
      `The HTTP-01 challenge is fetched from \`http://${plan.host}/.well-known/acme-challenge/...\` on port 80: it succeeds once the DNS`,
      'record for the host points at this cluster and port 80 is open to the internet (cert-manager retries until then).',
      exposure.termination === 'gateway'
        ? 'cert-manager routes the challenge through the Istio gateway (Ingress class `istio`); kfgen exempts that path, and only that path, from the login policies.'
        : `cert-manager routes the challenge through ingress-nginx (IngressClass \`${exposure.ingressClassName}\`), in front of the login policies.`,
    );
  } else {
    const r = acme.route53!;
    const zone = `Route 53${r.hostedZoneID ? ` (hosted zone \`${r.hostedZoneID}\`)` : ''}`;
    if (plan.platform.provider === 'eks') {
      lines.push(
        '',
        `The DNS-01 challenge writes a TXT record into ${zone}. The cluster config already gave ServiceAccount`,
        "`cert-manager/cert-manager` an IAM role with eksctl's well-known cert-manager policy (Route 53 record changes);",
        'applying the overlay keeps that role annotation.',
      );
    } else {
      lines.push(
        '',
        `The DNS-01 challenge writes a TXT record into ${zone}. The ClusterIssuer names no credentials, so cert-manager`,
        "uses those of its environment (the node's instance profile, or a role bound to ServiceAccount `cert-manager/cert-manager`).",
        'Give that identity this policy:',
        '```json',
        JSON.stringify(route53Policy(r.hostedZoneID), null, 2),
        '```',
      );
    }
  }
  lines.push(
    '',
    'Then wait for the certificate; if it stays pending, the challenge says why:',
    '```sh',
    wait,
    'kubectl describe challenges -A',
    '```',
  );
  return { order: PHASE.certificate, title: "Obtain the Let's Encrypt certificate", body: lines.join('\n') };
}

/** cert-manager's documented Route 53 policy, narrowed to TXT records (and to one zone when it is known). */
function route53Policy(hostedZoneID: string | undefined): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'route53:GetChange', Resource: 'arn:aws:route53:::change/*' },
      {
        Effect: 'Allow',
        Action: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
        Resource: `arn:aws:route53:::hostedzone/${hostedZoneID ?? '*'}`,
        Condition: { 'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'] } },
      },
      ...(hostedZoneID ? [] : [{ Effect: 'Allow', Action: 'route53:ListHostedZonesByName', Resource: '*' }]),
    ],
  };
}

function acmStep(ctx: Context): NextStep {
  const { plan } = ctx;
  const arn = plan.exposure.acmCertificateArn!;
  const region = arn.split(':')[3];
  return {
    order: PHASE.acmCertificate,
    title: 'Check the ACM certificate',
    body: [
      `The ALB serves ACM certificate \`${arn}\`. It must be issued, in region \`${region}\`, and cover \`${plan.host}\`:`,
      '```sh',
      `aws acm describe-certificate --region ${region} --certificate-arn ${arn} --query 'Certificate.[Status,SubjectAlternativeNames]'`,
      '```',
    ].join('\n'),
  };
}

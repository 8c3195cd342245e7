import { perObjectRule } from '../templates.js';
import type { ParsedObject } from '../types.js';
import { ns } from '../kubeflow/facts.js';

/** The legacy file-mounted gateway certificate: upstream's istio-ingressgateway mounts this Secret here. */
const LEGACY_MOUNT = { path: '/etc/istio/ingressgateway-certs', secret: 'istio-ingressgateway-certs' };

function podLabels(o: ParsedObject): Record<string, string> {
  return o.object.spec?.template?.metadata?.labels ?? {};
}

/**
 * Secrets a Gateway reads from files (`tls.serverCertificate`/`privateKey` paths): the secret
 * volumes of the gateway Deployments its selector picks that are mounted above the path, or
 * upstream's legacy mount when the input does not contain the Deployment.
 */
function fileMountedSecrets(gateways: ParsedObject[], deployments: ParsedObject[]): Set<string> {
  const out = new Set<string>();
  for (const g of gateways) {
    const selector: Record<string, string> = g.object.spec?.selector ?? {};
    const paths: string[] = (g.object.spec?.servers ?? [])
      .map((s: any) => s?.tls?.serverCertificate)
      .filter((p: unknown): p is string => typeof p === 'string');
    if (!paths.length) continue;
    const pods = deployments.filter(
      (d) => Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => podLabels(d)[k] === v),
    );
    for (const path of paths) {
      if (pods.length === 0 && path.startsWith(LEGACY_MOUNT.path + '/')) out.add(LEGACY_MOUNT.secret);
      for (const d of pods) {
        const spec = d.object.spec?.template?.spec ?? {};
        const secretOf = new Map<string, string>(
          (spec.volumes ?? []).filter((v: any) => v?.secret?.secretName).map((v: any) => [v.name, v.secret.secretName]),
        );
        for (const c of spec.containers ?? []) {
          for (const m of c?.volumeMounts ?? []) {
            const s = secretOf.get(m?.name);
            if (s && typeof m.mountPath === 'string' && path.startsWith(m.mountPath.replace(/\/$/, '') + '/'))
              out.add(s);
          }
        }
      }
    }
  }
  return out;
}

const PRIVATE_IP = /^(10\.|127\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|f[cd][0-9a-f]{2}:|fe80:)/i;

export default perObjectRule(
  {
    id: 'serving-cert-is-ca',
    family: 'networking',
    severity: 'error',
    summary:
      'A serving certificate for an external name or public IP (or one a Gateway or Ingress uses, by credentialName or file mount) is marked isCA: true.',
    rationale:
      'A CA certificate presented as a server certificate is rejected by browsers and many clients (and would let its key sign certificates for any name).',
    remediation:
      'Remove isCA from serving certificates; issue a separate CA Certificate for an Issuer if you need one.',
    messages: {
      servingCa: 'Certificate {{name}} serves a Gateway but is marked isCA: true',
      servingCaFileMounted:
        'Certificate {{name}} serves a Gateway (file-mounted serverCertificate) but is marked isCA: true',
      servingCaIngress: 'Certificate {{name}} serves an Ingress but is marked isCA: true',
      servingCaDnsNames: 'Certificate {{name}} serves dnsNames {{dnsNames}} but is marked isCA: true',
      servingCaIpAddresses: 'Certificate {{name}} serves ipAddresses {{ipAddresses}} but is marked isCA: true',
    },
  },
  ['Certificate'],
  (c, report, ctx) => {
    if (!String(c.object.apiVersion).startsWith('cert-manager.io/') || c.object.spec?.isCA !== true) return;
    const secret = c.object.spec?.secretName;
    const gateways = ctx.facts.kind('Gateway');
    const usedByGateway = gateways.some((g) =>
      (g.object.spec?.servers ?? []).some((s: any) => s?.tls?.credentialName === secret),
    );
    const mounted = fileMountedSecrets(
      gateways,
      ctx.facts.kind('Deployment').filter((d) => !ns(c) || !ns(d) || ns(d) === ns(c)),
    ).has(secret);
    const usedByIngress = ctx.facts
      .kind('Ingress')
      .some((i) => (i.object.spec?.tls ?? []).some((t: any) => t?.secretName === secret));
    const namespaces = new Set(ctx.facts.kind('Namespace').map((n) => n.object.metadata?.name));
    // in-cluster webhook certificates are self-signed CAs by upstream design (cainjector copies
    // them into caBundle); the risk is a CA certificate on a name or address clients browse to
    const external = (n: string) =>
      n.includes('.') && !/\.(svc|cluster\.local|local)$/.test(n) && !namespaces.has(n.split('.').pop());
    const dns: string[] = (Array.isArray(c.object.spec?.dnsNames) ? c.object.spec.dnsNames : []).filter(
      (n: unknown) => typeof n === 'string' && external(n),
    );
    const ips: string[] = (Array.isArray(c.object.spec?.ipAddresses) ? c.object.spec.ipAddresses : []).filter(
      (n: unknown) => typeof n === 'string' && !PRIVATE_IP.test(n),
    );
    const messageId = usedByGateway
      ? 'servingCa'
      : mounted
        ? 'servingCaFileMounted'
        : usedByIngress
          ? 'servingCaIngress'
          : dns.length
            ? 'servingCaDnsNames'
            : ips.length
              ? 'servingCaIpAddresses'
              : undefined;
    if (messageId)
      report({
        path: ['spec', 'isCA'],
        messageId,
        data: { name: c.object.metadata?.name, dnsNames: dns.join(', '), ipAddresses: ips.join(', ') },
      });
  },
);

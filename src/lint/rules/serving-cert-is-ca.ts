import { perObjectRule } from '../templates.js';

export default perObjectRule(
  {
    id: 'serving-cert-is-ca',
    family: 'networking',
    severity: 'error',
    summary: 'A serving certificate for an external name (or one a Gateway/Ingress uses) is marked isCA: true.',
    rationale: 'A CA certificate presented as a server certificate is rejected by browsers and many clients (and would let its key sign certificates for any name).',
    remediation: 'Remove isCA from serving certificates; issue a separate CA Certificate for an Issuer if you need one.',
  },
  ['Certificate'],
  (c, report, ctx) => {
    if (!String(c.object.apiVersion).startsWith('cert-manager.io/') || c.object.spec?.isCA !== true) return;
    const secret = c.object.spec?.secretName;
    const usedByGateway = ctx.facts.kind('Gateway').some((g) => (g.object.spec?.servers ?? []).some((s: any) => s?.tls?.credentialName === secret));
    const usedByIngress = ctx.facts.kind('Ingress').some((i) => (i.object.spec?.tls ?? []).some((t: any) => t?.secretName === secret));
    const namespaces = new Set(ctx.facts.kind('Namespace').map((n) => n.object.metadata?.name));
    // in-cluster webhook certificates are self-signed CAs by upstream design (cainjector copies
    // them into caBundle); the risk is a CA certificate on a name users or clients browse to
    const external = (n: string) => n.includes('.') && !/\.(svc|cluster\.local|local)$/.test(n) && !namespaces.has(n.split('.').pop());
    const dns: string[] = (Array.isArray(c.object.spec?.dnsNames) ? c.object.spec.dnsNames : []).filter((n: unknown) => typeof n === 'string' && external(n));
    if (usedByGateway || usedByIngress || dns.length > 0) {
      report({ path: ['spec', 'isCA'], message: `Certificate ${c.object.metadata?.name} serves ${usedByGateway ? 'a Gateway' : usedByIngress ? 'an Ingress' : `dnsNames ${dns.join(', ')}`} but is marked isCA: true` });
    }
  },
);

import type { PlanCheck } from './check.js';
import { ingressKind, tlsMode } from '../../config/defaults.js';
import { isIpAddress } from '../../util/ip.js';

const check: PlanCheck = {
  meta: {
    id: 'tls-acme',
    description:
      "With `tls.mode: acme`, `tls.acme` is set, the host is a DNS name, `route53` goes with the dns01 challenge only, and http01 is not behind an internal load balancer (Let's Encrypt must reach it); `tls.acme` is only set with that mode.",
    fields: ['tls.mode', 'tls.acme', 'tls.acme.route53', 'tls.acme.challenge'],
    messages: {
      acmeRequired: 'is required when tls.mode is "acme"',
      ipHost: `"acme" cannot certify the IP address "{{host}}": Let's Encrypt issues certificates for domain names`,
      route53Required: 'is required for the dns01 challenge (kfgen solves it with Route 53)',
      route53Unused: 'is only used with challenge "dns01"',
      http01Internal: `"http01" cannot work behind an internal load balancer: Let's Encrypt fetches the challenge from the internet`,
      acmeUnused: 'is only used with tls.mode "acme", but tls.mode is "{{mode}}"',
    },
  },
  check({ config: c, plan }, report) {
    const tls = c.tls;
    if (!tls) return;
    const mode = tlsMode(c);
    if (mode !== 'acme') {
      if (tls.acme) report({ path: ['tls', 'acme'], messageId: 'acmeUnused', data: { mode } });
      return;
    }
    if (!tls.acme) {
      report({ path: ['tls', 'acme'], messageId: 'acmeRequired', suggestion: 'e.g. acme: { email: you@example.com }' });
      return;
    }
    const kind = ingressKind(c);
    const challenge = plan.exposure.acmeChallenge;
    if (isIpAddress(c.host))
      report({
        path: ['tls', 'mode'],
        messageId: 'ipHost',
        data: { host: c.host },
        suggestion: 'use tls.mode self-signed for an address, or a DNS name as host',
      });
    if (challenge === 'dns01' && !tls.acme.route53)
      report({
        path: ['tls', 'acme', 'route53'],
        messageId: 'route53Required',
        suggestion: 'e.g. route53: { region: us-east-1, hostedZoneID: Z0123456789ABC }',
      });
    if (challenge === 'http01' && tls.acme.route53)
      report({
        path: ['tls', 'acme', 'route53'],
        messageId: 'route53Unused',
        suggestion: 'set challenge: dns01, or remove route53',
      });
    if (challenge === 'http01' && (kind === 'loadbalancer' || kind === 'nginx') && c.ingress?.scheme === 'internal')
      report({
        path: ['tls', 'acme', 'challenge'],
        messageId: 'http01Internal',
        suggestion: 'use challenge: dns01 (Route 53)',
      });
  },
};
export default check;

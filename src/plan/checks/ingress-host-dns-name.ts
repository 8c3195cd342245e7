import type { PlanCheck } from './check.js';
import { isIpAddress } from '../../util/ip.js';

const check: PlanCheck = {
  meta: {
    id: 'ingress-host-dns-name',
    description:
      'With `ingress.kind` `nginx` or `alb`, `host` is a DNS name: an Ingress rule cannot name an IP address.',
    fields: ['host'],
    messages: {
      ipHost: 'is an IP address, but an Ingress rule host must be a DNS name (ingress.kind "{{kind}}")',
    },
  },
  check({ config: c }, report) {
    const kind = c.ingress?.kind;
    if ((kind === 'nginx' || kind === 'alb') && isIpAddress(c.host))
      report({
        path: ['host'],
        messageId: 'ipHost',
        data: { kind },
        suggestion: 'use a DNS name, or ingress.kind loadbalancer, which serves an IP address',
      });
  },
};
export default check;

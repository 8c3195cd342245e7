import type { PlanCheck } from './check.js';
import { isIpAddress } from '../../util/ip.js';

const check: PlanCheck = {
  meta: {
    id: 'aks-static-ip',
    description:
      '`platform.aks.staticIp` is not set when `host` is an IP address already: the load balancer takes that address.',
    fields: ['platform.aks.staticIp'],
    messages: {
      hostIsIp: 'host is already the IP address "{{host}}", which the load balancer takes',
    },
  },
  check({ config: c }, report) {
    const p = c.platform;
    if (p.provider !== 'aks' || !p.aks) return;
    const { staticIp } = p.aks;
    if (staticIp !== undefined && isIpAddress(c.host))
      report({
        path: ['platform', 'aks', 'staticIp'],
        messageId: 'hostIsIp',
        data: { host: c.host },
        suggestion:
          staticIp === c.host ? 'remove staticIp' : 'set host to the DNS name users browse to, or remove staticIp',
      });
  },
};
export default check;

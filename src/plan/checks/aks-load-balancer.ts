import type { PlanCheck } from './check.js';
import { ingressKind } from '../../config/defaults.js';

const check: PlanCheck = {
  meta: {
    id: 'aks-load-balancer',
    description:
      "`platform.aks.dnsLabel`, `loadBalancerResourceGroup` and `staticIp` configure the gateway's load balancer, so they need `ingress.kind: loadbalancer`.",
    fields: ['platform.aks'],
    messages: {
      noLoadBalancer:
        'configures the gateway\'s load balancer, which kfgen only creates with ingress.kind "loadbalancer" (ingress.kind is "{{kind}}")',
    },
  },
  check({ config: c }, report) {
    const p = c.platform;
    if (p.provider !== 'aks' || !p.aks) return;
    const { dnsLabel, loadBalancerResourceGroup, staticIp } = p.aks;
    const kind = ingressKind(c);
    if ((dnsLabel || loadBalancerResourceGroup || staticIp) && kind !== 'loadbalancer')
      report({ path: ['platform', 'aks'], messageId: 'noLoadBalancer', data: { kind } });
  },
};
export default check;

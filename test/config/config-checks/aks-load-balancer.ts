import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [
    {
      name: 'a resource group for the load balancer',
      config: {
        ingress: { kind: 'loadbalancer' },
        platform: { provider: 'aks', aks: { loadBalancerResourceGroup: 'net-rg' } },
      },
    },
  ],
  invalid: [
    {
      name: 'a resource group without a load balancer',
      config: {
        ingress: { kind: 'nginx' },
        platform: { provider: 'aks', aks: { loadBalancerResourceGroup: 'net-rg' } },
      },
      errors: [{ messageId: 'noLoadBalancer', path: 'platform.aks', message: '(ingress.kind is "nginx")' }],
    },
  ],
} satisfies CheckCases;

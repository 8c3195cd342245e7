import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [
    {
      name: 'an AKS section on AKS',
      config: {
        ingress: { kind: 'loadbalancer' },
        platform: { provider: 'aks', aks: { loadBalancerResourceGroup: 'net-rg' } },
      },
    },
  ],
  invalid: [
    {
      name: 'an AKS section on a generic cluster',
      config: { platform: { provider: 'generic', aks: { loadBalancerResourceGroup: 'net-rg' } } },
      errors: [{ messageId: 'unused', path: 'platform.aks', message: 'platform.provider is "generic"' }],
    },
  ],
} satisfies CheckCases;

import { EKS, type CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [
    { name: 'eks with its section', config: { platform: EKS } },
    { name: 'generic without', config: {} },
  ],
  invalid: [
    {
      name: 'eks without its section',
      config: { platform: { provider: 'eks' } },
      errors: [{ messageId: 'required', path: 'platform.eks' }],
    },
    {
      name: 'a section on aks',
      config: { platform: { ...EKS, provider: 'aks' } },
      errors: [{ messageId: 'unused', path: 'platform.eks', message: '"aks"' }],
    },
  ],
} satisfies CheckCases;

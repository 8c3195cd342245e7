import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'aks-section',
    description: '`platform.aks` is only set with `platform.provider: aks`.',
    fields: ['platform.aks'],
    messages: {
      unused: 'is only used with provider "aks", but platform.provider is "{{provider}}"',
    },
  },
  check({ config: c }, report) {
    const p = c.platform;
    if (p.aks && p.provider !== 'aks')
      report({
        path: ['platform', 'aks'],
        messageId: 'unused',
        data: { provider: p.provider },
        suggestion: 'remove it or set platform.provider: aks',
      });
  },
};
export default check;

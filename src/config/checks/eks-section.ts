import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'eks-section',
    description: '`platform.eks` is given exactly when `platform.provider` is "eks".',
    fields: ['platform.eks'],
    messages: {
      required: 'is required when platform.provider is "eks"',
      unused: 'is only used with provider "eks", but platform.provider is "{{provider}}"',
    },
  },
  check({ config: c }, report) {
    if (c.platform.provider === 'eks' && !c.platform.eks) report({ path: ['platform', 'eks'], messageId: 'required' });
    if (c.platform.provider !== 'eks' && c.platform.eks)
      report({
        path: ['platform', 'eks'],
        messageId: 'unused',
        data: { provider: c.platform.provider },
        suggestion: 'remove it or set platform.provider: eks',
      });
  },
};
export default check;

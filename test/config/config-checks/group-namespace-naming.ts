import type { CheckCases } from '../../support/config-check-tester.js';

const gn = (g: Record<string, unknown>) => ({
  tenancy: { groupNamespaces: { prefix: 'kubeflow-', owner: 'alice@example.com', ...g } },
});

export default {
  valid: [{ name: 'a prefix, default naming', config: gn({}) }],
  invalid: [
    {
      name: 'an empty prefix',
      config: gn({ prefix: ' ' }),
      errors: [{ messageId: 'emptyPrefix', path: 'tenancy.groupNamespaces.prefix' }],
    },
    {
      name: 'a prefix whose lower case changes with what follows (final sigma)',
      config: gn({ prefix: 'ΟΔΟΣ' }),
      errors: [{ messageId: 'noNamespace', path: 'tenancy.groupNamespaces.namespace' }],
    },
  ],
} satisfies CheckCases;

import type { CheckCases } from '../../support/config-check-tester.js';

const gn = (owner: string) => ({ tenancy: { groupNamespaces: { prefix: 'kubeflow-', owner } } });

export default {
  valid: [{ name: 'an email address', config: gn('alice@example.com') }],
  invalid: [
    {
      name: 'a user name',
      config: gn('alice'),
      errors: [{ messageId: 'notEmail', path: 'tenancy.groupNamespaces.owner' }],
    },
  ],
} satisfies CheckCases;

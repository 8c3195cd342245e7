import { COGNITO, EKS, type CheckCases } from '../../support/config-check-tester.js';

const gn = (g: Record<string, unknown>) => ({
  tenancy: { groupNamespaces: { prefix: 'kubeflow-', owner: 'alice@example.com', ...g } },
});

export default {
  valid: [
    {
      name: 'cognito on eks with an account',
      config: { auth: COGNITO, platform: EKS, ...gn({ awsAccountId: '123456789012' }) },
    },
    { name: 'dex on generic needs neither', config: gn({}) },
  ],
  invalid: [
    {
      name: 'cognito on generic without an account',
      config: { auth: COGNITO, ...gn({}) },
      errors: [
        { messageId: 'notEks', path: 'tenancy.groupNamespaces' },
        { messageId: 'noAccount', path: 'tenancy.groupNamespaces.awsAccountId' },
      ],
    },
  ],
} satisfies CheckCases;

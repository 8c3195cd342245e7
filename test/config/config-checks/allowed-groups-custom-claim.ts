import { COGNITO, type CheckCases } from '../../support/config-check-tester.js';

const groups = (groupsClaim: string) => ({
  auth: { ...COGNITO, allowedGroups: ['kubeflow-users'], cognito: { ...COGNITO.cognito, groupsClaim } },
});

export default {
  valid: [{ name: "Cognito's own groups", config: groups('cognito:groups') }],
  invalid: [
    {
      name: 'a custom SAML attribute',
      config: groups('custom:groups'),
      errors: [{ messageId: 'customClaim', path: 'auth.allowedGroups' }],
    },
  ],
} satisfies CheckCases;

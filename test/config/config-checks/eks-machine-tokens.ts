import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const tokens = { auth: { machineTokens: { eks: true } } };

export default {
  valid: [
    {
      name: 'eks with its issuer',
      config: {
        ...tokens,
        platform: {
          ...EKS,
          eks: {
            ...EKS.eks,
            oidcIssuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789',
          },
        },
      },
    },
  ],
  invalid: [
    { name: 'not on eks', config: tokens, errors: [{ messageId: 'needsEks', path: 'auth.machineTokens.eks' }] },
    {
      name: 'eks without its issuer',
      config: { ...tokens, platform: EKS },
      errors: [{ messageId: 'needsIssuer', path: 'platform.eks.oidcIssuer' }],
    },
  ],
} satisfies CheckCases;

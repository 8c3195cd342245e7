import type { CheckCases } from '../../support/config-check-tester.js';

const entra = (a: Record<string, unknown>) => ({
  auth: {
    provider: 'azure-ad',
    dex: undefined,
    ...a,
    azureAd: {
      tenantId: '00000000-0000-1000-8000-000000000000',
      clientId: '00000000-0000-1000-8000-000000000000',
      clientSecret: { env: 'S' },
      emailClaim: 'upn',
    },
  },
});

export default {
  valid: [{ name: 'userClaim upn too', config: entra({ userClaim: 'upn' }) }],
  invalid: [
    {
      name: 'emailClaim upn, userClaim email',
      config: entra({}),
      errors: [{ messageId: 'userClaimEmail', path: 'auth.azureAd.emailClaim' }],
    },
  ],
} satisfies CheckCases;

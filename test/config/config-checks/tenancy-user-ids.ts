import type { CheckCases } from '../../support/config-check-tester.js';

const profile = (owner: string) => ({ profiles: [{ name: 'team-a', owner }] });

export default {
  valid: [{ name: 'a Dex user owns a profile', config: profile('alice@example.com') }],
  invalid: [
    {
      name: 'not a Dex user',
      config: profile('bob@example.com'),
      errors: [{ messageId: 'notDexUser', path: 'profiles[0].owner' }],
    },
    {
      name: 'whitespace',
      config: { tenancy: { admin: 'alice @example.com' } },
      errors: [{ messageId: 'whitespace', path: 'tenancy.admin' }],
    },
    {
      name: 'not an email with Dex connectors',
      config: {
        ...profile('alice'),
        auth: { dex: { users: undefined, connectors: [{ type: 'oidc', id: 'corp', name: 'Corp', config: {} }] } },
      },
      errors: [{ messageId: 'notEmail', path: 'profiles[0].owner', message: 'auth.userClaim is "email"' }],
    },
    {
      name: 'not a UUID with userClaim oid',
      config: {
        ...profile('alice@example.com'),
        auth: {
          provider: 'azure-ad',
          userClaim: 'oid',
          dex: undefined,
          azureAd: {
            tenantId: '00000000-0000-1000-8000-000000000000',
            clientId: '00000000-0000-1000-8000-000000000000',
            clientSecret: { env: 'S' },
          },
        },
      },
      errors: [{ messageId: 'notUuid', path: 'profiles[0].owner' }],
    },
  ],
} satisfies CheckCases;

import type { CheckCases } from '../../support/config-check-tester.js';

const connector = (config: Record<string, unknown>) => ({
  auth: { dex: { users: undefined, connectors: [{ type: 'oidc', id: 'corp', name: 'Corp', config }] } },
});

export default {
  valid: [
    {
      name: 'a client secret from the environment',
      config: connector({ issuer: 'https://idp.example.com', clientSecret: { env: 'CORP_SECRET' } }),
    },
    { name: "Dex's own callback", config: connector({ redirectURI: 'http://kubeflow.example.com/dex/callback' }) },
  ],
  invalid: [
    {
      name: 'a foreign redirect URI',
      config: connector({ redirectURI: 'https://other.example.com/callback' }),
      errors: [{ messageId: 'redirectURI', path: 'auth.dex.connectors[0].config.redirectURI' }],
    },
    {
      name: 'a literal bind password',
      config: connector({ bindPW: 'hunter2' }),
      errors: [{ messageId: 'literalSecret', path: 'auth.dex.connectors[0].config.bindPW' }],
    },
    {
      name: 'an empty env name',
      config: connector({ clientSecret: { env: '' } }),
      errors: [{ messageId: 'notSecretSource', path: 'auth.dex.connectors[0].config.clientSecret' }],
    },
    {
      name: 'a dollar',
      config: connector({ groups: ['a', 'b$c'] }),
      errors: [{ messageId: 'dollar', path: 'auth.dex.connectors[0].config.groups[1]' }],
    },
  ],
} satisfies CheckCases;

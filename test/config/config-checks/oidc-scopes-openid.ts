import type { CheckCases } from '../../support/config-check-tester.js';

const oidc = (scopes: string[]) => ({
  auth: {
    provider: 'oidc',
    dex: undefined,
    oidc: { issuer: 'https://idp.example.com', clientId: 'kubeflow', clientSecret: { env: 'S' }, scopes },
  },
});

export default {
  valid: [{ name: 'openid and more', config: oidc(['openid', 'email']) }],
  invalid: [
    {
      name: 'no openid',
      config: oidc(['email', 'profile']),
      errors: [{ messageId: 'noOpenid', path: 'auth.oidc.scopes' }],
    },
  ],
} satisfies CheckCases;

import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [
    {
      name: 'a Secret of its own',
      config: { auth: { cookieSecret: { env: undefined, existingSecret: { name: 'kubeflow-oidc', key: 'cookie' } } } },
    },
  ],
  invalid: [
    {
      name: "oauth2-proxy's generated Secret",
      config: { auth: { cookieSecret: { env: undefined, existingSecret: { name: 'oauth2-proxy', key: 'cookie' } } } },
      errors: [{ messageId: 'generated', path: 'auth.cookieSecret.existingSecret.name' }],
    },
  ],
} satisfies CheckCases;

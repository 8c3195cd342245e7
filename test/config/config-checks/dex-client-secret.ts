import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [{ name: 'a client secret from the environment', config: {} }],
  invalid: [
    {
      name: 'no client secret',
      config: { auth: { dex: { clientSecret: undefined } } },
      errors: [{ messageId: 'required', path: 'auth.dex.clientSecret' }],
    },
  ],
} satisfies CheckCases;

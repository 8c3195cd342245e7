import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [{ name: 'an hour', config: { auth: { dex: { idTokenLifetime: '1h' } } } }],
  invalid: [
    {
      name: 'zero',
      config: { auth: { dex: { idTokenLifetime: '0s' } } },
      errors: [{ messageId: 'zero', path: 'auth.dex.idTokenLifetime' }],
    },
  ],
} satisfies CheckCases;

import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [{ name: 'a static user', config: {} }],
  invalid: [
    {
      name: 'no users, no connectors',
      config: { auth: { dex: { users: [] } } },
      errors: [{ messageId: 'nobody', path: 'auth.dex' }],
    },
  ],
} satisfies CheckCases;

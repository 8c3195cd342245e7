import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [{ name: 'a known rule', config: { lint: { rules: { 'auth-scopes': 'warning' } } } }],
  invalid: [
    {
      name: 'a misspelt rule',
      config: { lint: { rules: { 'auth-scope': 'off' } } },
      errors: [{ messageId: 'unknown', path: 'lint.rules.auth-scope' }],
    },
  ],
} satisfies CheckCases;

import { COGNITO, type CheckCases } from '../../support/config-check-tester.js';

const lifetime = (idTokenLifetime: string) => ({
  auth: { ...COGNITO, cognito: { ...COGNITO.cognito, idTokenLifetime } },
});

export default {
  valid: [{ name: 'an hour', config: lifetime('60m') }],
  invalid: [
    {
      name: 'two days',
      config: lifetime('48h'),
      errors: [{ messageId: 'outOfRange', path: 'auth.cognito.idTokenLifetime', message: '"48h"' }],
    },
  ],
} satisfies CheckCases;

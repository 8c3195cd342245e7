import { COGNITO, type CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [
    { name: 'dex with its section', config: {} },
    { name: 'cognito with its section', config: { auth: COGNITO } },
  ],
  invalid: [
    {
      name: 'cognito without its section',
      config: { auth: { ...COGNITO, cognito: undefined } },
      errors: [{ messageId: 'required', path: 'auth.cognito', message: '"cognito"' }],
    },
    {
      name: 'a dex section beside cognito',
      config: { auth: { ...COGNITO, dex: { connectors: [] } } },
      errors: [{ messageId: 'unused', path: 'auth.dex', message: 'but auth.provider is "cognito"' }],
    },
  ],
} satisfies CheckCases;

import { COGNITO, type CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [
    {
      name: 'the same claim twice',
      config: {
        auth: {
          ...COGNITO,
          groupsClaim: 'cognito:groups',
          cognito: { ...COGNITO.cognito, groupsClaim: 'cognito:groups' },
        },
      },
    },
  ],
  invalid: [
    {
      name: 'two claims',
      config: {
        auth: { ...COGNITO, groupsClaim: 'groups', cognito: { ...COGNITO.cognito, groupsClaim: 'cognito:groups' } },
      },
      errors: [
        { messageId: 'differs', path: 'auth.groupsClaim', message: 'auth.cognito.groupsClaim says "cognito:groups"' },
      ],
    },
  ],
} satisfies CheckCases;

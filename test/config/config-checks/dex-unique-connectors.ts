import type { CheckCases } from '../../support/config-check-tester.js';

const connectors = (...ids: string[]) => ({
  auth: { dex: { users: undefined, connectors: ids.map((id) => ({ type: 'oidc', id, name: id, config: {} })) } },
});

export default {
  valid: [{ name: 'two connectors', config: connectors('github', 'corp') }],
  invalid: [
    {
      name: 'an id twice',
      config: connectors('github', 'github'),
      errors: [{ messageId: 'duplicate', path: 'auth.dex.connectors[1].id' }],
    },
  ],
} satisfies CheckCases;

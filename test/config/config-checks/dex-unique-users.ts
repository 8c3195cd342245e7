import type { CheckCases } from '../../support/config-check-tester.js';

const users = (...emails: string[]) => ({
  auth: { dex: { users: emails.map((email) => ({ email, passwordHash: { env: 'H' } })) } },
});

export default {
  valid: [{ name: 'two users', config: users('alice@example.com', 'bob@example.com') }],
  invalid: [
    {
      name: 'one user twice, in other case',
      config: users('alice@example.com', 'Alice@Example.com'),
      errors: [{ messageId: 'duplicate', path: 'auth.dex.users[1].email', message: '"alice@example.com"' }],
    },
  ],
} satisfies CheckCases;

import type { CheckCases } from '../../support/config-check-tester.js';

const dexUsers = (...emails: string[]) => ({
  auth: { dex: { users: emails.map((email) => ({ email, passwordHash: { env: 'H' } })) } },
});

export default {
  valid: [
    {
      name: 'two users, two personal profiles',
      config: {
        ...dexUsers('alice@example.com', 'bob@example.com'),
        tenancy: { personalProfiles: true, admin: 'bob@example.com' },
        profiles: [{ name: 'team-a', owner: 'alice@example.com' }],
      },
    },
  ],
  invalid: [
    {
      name: "a declared profile takes a user's personal name",
      config: {
        ...dexUsers('alice@example.com', 'bob@example.com'),
        tenancy: { personalProfiles: true },
        profiles: [
          { name: 'alice-example-com', owner: 'bob@example.com' },
          { name: 'team', owner: 'alice@example.com' },
        ],
      },
      errors: [{ messageId: 'declared', path: 'profiles[0].name' }],
    },
    {
      name: 'two users, one personal name',
      config: {
        ...dexUsers('a.b@example.com', 'a-b@example.com'),
        tenancy: { personalProfiles: true, admin: 'a.b@example.com' },
        groups: { team: ['a-b@example.com'] },
      },
      errors: [{ messageId: 'shared', path: 'tenancy.admin' }],
    },
    {
      name: 'a user id with no valid name',
      config: {
        ...dexUsers('_@example.com', 'x'.repeat(60) + '@example.com'),
        tenancy: { personalProfiles: true, admin: 'x'.repeat(60) + '@example.com' },
      },
      errors: [{ messageId: 'invalidName', path: 'tenancy.admin' }],
    },
  ],
} satisfies CheckCases;

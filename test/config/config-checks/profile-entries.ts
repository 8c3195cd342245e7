import type { CheckCases } from '../../support/config-check-tester.js';

const owner = 'alice@example.com';
const users = {
  auth: {
    dex: { users: ['alice@example.com', 'bob@example.com'].map((email) => ({ email, passwordHash: { env: 'H' } })) },
  },
};

export default {
  valid: [
    {
      name: 'two profiles, a group and a user contributor',
      config: {
        ...users,
        groups: { team: [owner] },
        profiles: [
          {
            name: 'team-a',
            owner,
            contributors: [
              { group: 'team', role: 'edit' },
              { user: 'bob@example.com', role: 'view' },
            ],
          },
          { name: 'team-b', owner },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'a name twice',
      config: {
        profiles: [
          { name: 'team-a', owner },
          { name: 'team-a', owner },
        ],
      },
      errors: [{ messageId: 'duplicate', path: 'profiles[1].name', message: 'also profiles[0]' }],
    },
    {
      name: 'a platform namespace',
      config: { profiles: [{ name: 'kubeflow', owner }] },
      errors: [{ messageId: 'reserved', path: 'profiles[0].name' }],
    },
    {
      name: 'the kept example profile',
      config: { tenancy: { keepExampleProfile: true }, profiles: [{ name: 'kubeflow-user-example-com', owner }] },
      errors: [{ messageId: 'keptExample', path: 'profiles[0].name' }],
    },
    {
      name: 'an unknown group',
      config: { profiles: [{ name: 'team-a', owner, contributors: [{ group: 'team', role: 'edit' }] }] },
      errors: [{ messageId: 'unknownGroup', path: 'profiles[0].contributors[0].group' }],
    },
    {
      name: 'the owner and a user twice as contributors',
      config: {
        ...users,
        profiles: [
          {
            name: 'team-a',
            owner,
            contributors: [
              { user: owner, role: 'edit' },
              { user: 'bob@example.com', role: 'edit' },
              { user: 'bob@example.com', role: 'view' },
            ],
          },
        ],
      },
      errors: [
        { messageId: 'ownerContributor', path: 'profiles[0].contributors[0].user' },
        { messageId: 'duplicateContributor', path: 'profiles[0].contributors[2].user', message: 'contributors[1]' },
      ],
    },
  ],
} satisfies CheckCases;

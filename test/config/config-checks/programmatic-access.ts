import type { CheckCases } from '../../support/config-check-tester.js';

const owner = 'alice@example.com';
const profiles = { profiles: [{ name: 'team-a', owner }] };

export default {
  valid: [
    {
      name: "a declared profile's default editor",
      config: { ...profiles, programmaticAccess: [{ profile: 'team-a' }, { profile: 'team-a', serviceAccount: 'ci' }] },
    },
  ],
  invalid: [
    {
      name: 'an unknown profile',
      config: { ...profiles, programmaticAccess: [{ profile: 'team-b' }] },
      errors: [{ messageId: 'unknownProfile', path: 'programmaticAccess[0].profile' }],
    },
    {
      name: 'a ServiceAccount name too long for the label',
      config: { ...profiles, programmaticAccess: [{ profile: 'team-a', serviceAccount: 'a'.repeat(45) }] },
      errors: [{ messageId: 'serviceAccount', path: 'programmaticAccess[0].serviceAccount' }],
    },
    {
      name: 'one access twice',
      config: {
        ...profiles,
        programmaticAccess: [{ profile: 'team-a' }, { profile: 'team-a', serviceAccount: 'default-editor' }],
      },
      errors: [{ messageId: 'duplicate', path: 'programmaticAccess[1]', message: 'programmaticAccess[0]' }],
    },
  ],
} satisfies CheckCases;

import type { PlanCheck } from './check.js';
import { profileNames } from './tenancy-names.js';

const check: PlanCheck = {
  meta: {
    id: 'personal-profiles',
    description:
      'With `tenancy.personalProfiles`, every user id gives a valid namespace name, and no two users, or a user and a declared profile of someone else, get the same one.',
    fields: ['profiles.*.name', 'profiles.*.owner', 'profiles.*.contributors.*.user', 'groups.*.*', 'tenancy.admin'],
    messages: {
      invalidName: '"{{id}}" gives no valid namespace name for its personal profile (got "{{name}}")',
      declared:
        '"{{name}}" is also the personal profile of "{{id}}" (tenancy.personalProfiles), but this one is owned by "{{owner}}"',
      shared: '"{{id}}" and "{{other}}" would both get the personal profile "{{name}}"',
    },
  },
  check({ config }, report) {
    for (const p of profileNames(config).problems) {
      if (p.kind === 'invalidName')
        report({
          path: p.path,
          messageId: 'invalidName',
          data: p,
          allowed: '/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, at most 63 characters',
          suggestion: "declare this user's profile under profiles: with a name of your choice",
        });
      else if (p.kind === 'declared')
        report({
          path: ['profiles', p.index, 'name'],
          messageId: 'declared',
          data: p,
          suggestion: 'rename this profile',
        });
      else
        report({
          path: p.path,
          messageId: 'shared',
          data: p,
          suggestion: 'declare a profile for one of them under profiles:',
        });
    }
  },
};
export default check;

import { didYouMean } from '../../util/did-you-mean.js';
import { EXAMPLE_PROFILE } from '../../kubeflow/kfam.js';
import { isReservedNamespace } from '../../kubeflow/namespaces.js';
import type { PlanCheck } from './check.js';

/** One check for the list, so that its problems stay in profile order: the name, then the contributors. */
const check: PlanCheck = {
  meta: {
    id: 'profile-entries',
    description:
      "Each profile has a name of its own (not twice, not a platform namespace, not upstream's kept example profile), and its contributors name defined groups and other users than the owner, once each.",
    fields: ['profiles.*.name', 'profiles.*.contributors.*.group', 'profiles.*.contributors.*.user'],
    messages: {
      duplicate: 'duplicate profile "{{name}}" (also profiles[{{first}}])',
      reserved: '"{{name}}" is a namespace of the platform itself, not a profile',
      keptExample: '"{{name}}" is upstream\'s example profile, which tenancy.keepExampleProfile keeps',
      unknownGroup: 'unknown group "{{group}}"',
      ownerContributor: '"{{user}}" owns profile "{{name}}" and already has admin access there',
      duplicateContributor: '"{{user}}" is already a contributor (contributors[{{first}}])',
    },
  },
  check({ config, plan }, report) {
    const groups = config.groups ?? {};
    const groupNames = Object.keys(groups);
    const declared = new Map<string, number>();
    (config.profiles ?? []).forEach((p, i) => {
      const path = ['profiles', i, 'name'];
      const first = declared.get(p.name);
      if (first !== undefined)
        report({
          path,
          messageId: 'duplicate',
          data: { name: p.name, first },
          suggestion: 'each profile is one namespace; merge the two entries',
        });
      else declared.set(p.name, i);
      if (isReservedNamespace(p.name, plan.release))
        report({
          path,
          messageId: 'reserved',
          data: { name: p.name },
          suggestion: 'choose a team or user name, e.g. team-vision',
        });
      if (p.name === EXAMPLE_PROFILE && config.tenancy?.keepExampleProfile)
        report({
          path,
          messageId: 'keptExample',
          data: { name: p.name },
          suggestion: 'remove keepExampleProfile, or rename this profile',
        });

      const seen = new Map<string, number>();
      (p.contributors ?? []).forEach((c, j) => {
        const at = ['profiles', i, 'contributors', j];
        if ('group' in c) {
          if (!(c.group in groups)) {
            const guess = didYouMean(c.group, groupNames);
            report({
              path: [...at, 'group'],
              messageId: 'unknownGroup',
              data: { group: c.group },
              allowed: groupNames.length ? groupNames.join(', ') : undefined,
              suggestion: guess ? `did you mean "${guess}"?` : 'define it under groups: with its members',
            });
          }
          return;
        }
        if (c.user === p.owner)
          report({
            path: [...at, 'user'],
            messageId: 'ownerContributor',
            data: { user: c.user, name: p.name },
            suggestion: 'remove this contributor',
          });
        const dup = seen.get(c.user);
        if (dup !== undefined)
          report({
            path: [...at, 'user'],
            messageId: 'duplicateContributor',
            data: { user: c.user, first: dup },
            suggestion: 'keep one entry with the role it needs',
          });
        else seen.set(c.user, j);
      });
    });
  },
};
export default check;

import { didYouMean } from '../../util/did-you-mean.js';
import { NAMESPACE_NAME } from '../../kubeflow/namespaces.js';
import type { PlanCheck } from './check.js';
import { profileNames } from './tenancy-names.js';

/** A PodDefault selects Pods by the label `access-ml-pipeline-<sa>`, whose name part holds 63 characters. */
const MAX_SERVICE_ACCOUNT = 63 - 'access-ml-pipeline-'.length;

const check: PlanCheck = {
  meta: {
    id: 'programmatic-access',
    description:
      'Each `programmaticAccess` entry names a profile that exists (declared, kept or personal) and a usable ServiceAccount name, once per profile.',
    fields: ['programmaticAccess.*', 'programmaticAccess.*.profile', 'programmaticAccess.*.serviceAccount'],
    messages: {
      unknownProfile: 'unknown profile "{{profile}}"',
      serviceAccount: '"{{serviceAccount}}" is not a usable ServiceAccount name',
      duplicate:
        'ServiceAccount "{{serviceAccount}}" of profile "{{profile}}" already has access (programmaticAccess[{{first}}])',
    },
  },
  check({ config, plan }, report) {
    const { all } = profileNames(config);
    const pairs = new Map<string, number>();
    (config.programmaticAccess ?? []).forEach((a, i) => {
      const at = ['programmaticAccess', i];
      if (!all.has(a.profile)) {
        const known = [...all].sort();
        const guess = didYouMean(a.profile, known);
        report({
          path: [...at, 'profile'],
          messageId: 'unknownProfile',
          data: { profile: a.profile },
          allowed: known.length ? known.join(', ') : undefined,
          suggestion: guess ? `did you mean "${guess}"?` : 'declare it under profiles:',
        });
      }
      const sa = plan.access[i]!.serviceAccount;
      if (!NAMESPACE_NAME.test(sa) || sa.length > MAX_SERVICE_ACCOUNT)
        report({
          path: [...at, 'serviceAccount'],
          messageId: 'serviceAccount',
          data: { serviceAccount: sa },
          allowed: `/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, at most ${MAX_SERVICE_ACCOUNT} characters (it becomes part of a label)`,
        });
      const key = `${a.profile}/${sa}`;
      const dup = pairs.get(key);
      if (dup !== undefined)
        report({
          path: at,
          messageId: 'duplicate',
          data: { serviceAccount: sa, profile: a.profile, first: dup },
          suggestion: 'keep one entry',
        });
      else pairs.set(key, i);
    });
  },
};
export default check;

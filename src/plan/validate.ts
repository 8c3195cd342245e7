import type { KfgenConfig } from '../config/types.js';
import type { Problem } from '../config/errors.js';
import type { Locate } from '../config/validate.js';
import { makePlan } from './index.js';
import { exposureProblems } from './validate-exposure.js';
import { tenancyProblems } from './validate-tenancy.js';
import { groupNamespaceProblems } from './validate-group-namespaces.js';
import { sessionProblems } from './validate-session.js';
import { planChecks } from './checks/index.js';
import { runChecks } from '../config/checks/collect.js';

/** The checks that need the resolved plan: what they check is exactly what the generators emit. */
export function planProblems(config: KfgenConfig, file: string, locate: Locate): Problem[] {
  const plan = makePlan(config);
  return [
    ...tenancyProblems(plan, file, locate),
    ...groupNamespaceProblems(plan, file, locate),
    ...exposureProblems(plan, file, locate),
    ...sessionProblems(plan, file, locate),
    ...runChecks(planChecks, { plan }, file, locate),
  ];
}

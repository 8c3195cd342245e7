import type { KfgenConfig } from '../config/types.js';
import type { Problem } from '../config/errors.js';
import type { Locate } from '../config/validate.js';
import type { Plan } from './index.js';
import { planChecks } from './checks/index.js';
import { runChecks } from '../config/checks/collect.js';

/** The checks that need the resolved plan: what they check is exactly what the generators emit. */
export function planProblems(config: KfgenConfig, file: string, locate: Locate, plan: Plan): Problem[] {
  return runChecks(planChecks, { config, plan }, file, locate);
}

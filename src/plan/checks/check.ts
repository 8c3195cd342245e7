import type { Check } from '../../config/checks/check.js';
import type { Plan } from '../index.js';

export interface PlanContext {
  plan: Plan;
}

/** A check that needs the resolved plan: what it checks is what the generators write. */
export type PlanCheck = Check<PlanContext>;

import type { Check } from '../../config/checks/check.js';
import type { KfgenConfig } from '../../config/types.js';
import type { Plan } from '../index.js';

/** The config, for the field paths a check reports, and the plan built from it, for what is written. */
export interface PlanContext {
  config: KfgenConfig;
  plan: Plan;
}

/** A check that needs the resolved plan: what it checks is what the generators write. */
export type PlanCheck = Check<PlanContext>;

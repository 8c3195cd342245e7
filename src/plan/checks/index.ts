// The plan checks: one per file, each reading the resolved plan. Run in this order (the order of
// their problems), after the config checks of src/config/checks/ found nothing.
import type { PlanCheck } from './check.js';

export const planChecks: readonly PlanCheck[] = [];

import { durationSeconds } from '../../util/duration.js';
import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'dex-id-token-lifetime',
    description: '`auth.dex.idTokenLifetime` is longer than 0s: Dex would issue tokens that are already expired.',
    fields: ['auth.dex.idTokenLifetime'],
    messages: { zero: 'must be longer than 0s: Dex would issue tokens that are already expired' },
  },
  check({ config }, report) {
    const dex = config.auth.provider === 'dex' ? config.auth.dex : undefined;
    if (dex?.idTokenLifetime !== undefined && !durationSeconds(dex.idTokenLifetime))
      report({ path: ['auth', 'dex', 'idTokenLifetime'], messageId: 'zero' });
  },
};
export default check;

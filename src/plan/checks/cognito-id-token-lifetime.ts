import { durationSeconds } from '../../util/duration.js';
import { COGNITO_ID_TOKEN_RANGE } from '../session.js';
import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'cognito-id-token-lifetime',
    description: '`auth.cognito.idTokenLifetime` is an ID-token validity Cognito accepts (5 minutes to 24 hours).',
    fields: ['auth.cognito.idTokenLifetime'],
    messages: { outOfRange: '{{lifetime}} is not an ID-token validity Cognito accepts' },
  },
  check({ config }, report) {
    const cognito = config.auth.provider === 'cognito' ? config.auth.cognito : undefined;
    if (cognito?.idTokenLifetime === undefined) return;
    const s = durationSeconds(cognito.idTokenLifetime) ?? 0;
    if (s < COGNITO_ID_TOKEN_RANGE.min || s > COGNITO_ID_TOKEN_RANGE.max)
      report({
        path: ['auth', 'cognito', 'idTokenLifetime'],
        messageId: 'outOfRange',
        data: { lifetime: JSON.stringify(cognito.idTokenLifetime) },
        allowed: '5m to 24h',
      });
  },
};
export default check;

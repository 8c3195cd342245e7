import { durationSeconds, formatDuration } from '../../util/duration.js';
import { defaultRefresh } from '../session.js';
import type { PlanCheck } from './check.js';

/**
 * A session that outlives the provider's ID token must be refreshed before the token expires:
 * oauth2-proxy otherwise keeps handing the gateway the expired token, and every request gets
 * 401 "Jwt is expired" until the cookie ends.
 */
const check: PlanCheck = {
  meta: {
    id: 'session-refresh-id-token',
    description:
      'A session that outlives the provider\'s ID token is refreshed before the token expires: otherwise every request gets 401 "Jwt is expired".',
    fields: ['auth.session.cookieRefresh'],
    messages: {
      refreshOff:
        '"{{cookieRefresh}}" turns refresh off, but {{source}}: after {{lifetime}} oauth2-proxy keeps handing the gateway the expired ID token and every request gets 401 "Jwt is expired" until the cookie ends (cookieExpire {{cookieExpire}})',
      refreshTooLate:
        '"{{cookieRefresh}}" is not shorter than the ID-token lifetime: {{source}}, so from {{lifetime}} until the refresh at {{refreshAt}} oauth2-proxy keeps handing the gateway the expired ID token and every request gets 401 "Jwt is expired"',
    },
  },
  check({ plan: { session } }, report) {
    const token = session.idToken;
    const expire = durationSeconds(session.cookieExpire) ?? 0;
    if (!token || !token.seconds || expire <= token.seconds || session.refreshDefaulted) return;
    const refresh = durationSeconds(session.cookieRefresh) ?? 0;
    const fix = defaultRefresh(token.seconds, expire);
    const data = {
      cookieRefresh: session.cookieRefresh,
      source: token.source,
      lifetime: token.lifetime,
      cookieExpire: session.cookieExpire,
    };
    const path = ['auth', 'session', 'cookieRefresh'];
    const allowed = `a period shorter than ${token.lifetime}`;
    if (refresh === 0)
      report({
        path,
        messageId: 'refreshOff',
        data,
        allowed,
        suggestion: `remove it (kfgen refreshes at ${fix}), or make cookieExpire at most ${token.lifetime}`,
      });
    else if (refresh >= token.seconds)
      report({
        path,
        messageId: 'refreshTooLate',
        data: { ...data, refreshAt: formatDuration(refresh) },
        allowed,
        suggestion: `remove it (kfgen refreshes at ${fix})`,
      });
  },
};
export default check;

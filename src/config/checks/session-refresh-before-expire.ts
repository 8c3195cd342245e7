import { cookieExpire } from '../defaults.js';
import type { ConfigOnlyCheck } from './check.js';

function seconds(duration: string): number {
  const m = /^(\d+)([hms])$/.exec(duration);
  return m ? Number(m[1]) * { h: 3600, m: 60, s: 1 }[m[2] as 'h' | 'm' | 's'] : 0;
}

const check: ConfigOnlyCheck = {
  meta: {
    id: 'session-refresh-before-expire',
    description: '`auth.session.cookieRefresh` is shorter than cookieExpire: oauth2-proxy refuses to start otherwise.',
    fields: ['auth.session.cookieRefresh'],
    messages: {
      notShorter: 'must be shorter than cookieExpire ({{cookieExpire}}): oauth2-proxy refuses to start otherwise',
    },
  },
  check({ config: c }, report) {
    const expire = seconds(cookieExpire(c));
    const refresh = seconds(c.auth.session?.cookieRefresh ?? '0s');
    if (refresh > 0 && refresh >= expire)
      report({
        path: ['auth', 'session', 'cookieRefresh'],
        messageId: 'notShorter',
        data: { cookieExpire: cookieExpire(c) },
      });
  },
};
export default check;

import type { CheckCases } from '../../support/config-check-tester.js';

const session = (s: Record<string, unknown>) => ({ auth: { dex: { idTokenLifetime: '1h' }, session: s } });

export default {
  valid: [
    { name: 'kfgen picks the refresh', config: session({ cookieExpire: '8h' }) },
    { name: 'a refresh within the token', config: session({ cookieExpire: '8h', cookieRefresh: '30m' }) },
  ],
  invalid: [
    {
      name: 'refresh off',
      config: session({ cookieExpire: '8h', cookieRefresh: '0s' }),
      errors: [{ messageId: 'refreshOff', path: 'auth.session.cookieRefresh' }],
    },
    {
      name: 'refresh after the token',
      config: session({ cookieExpire: '8h', cookieRefresh: '2h' }),
      errors: [{ messageId: 'refreshTooLate', path: 'auth.session.cookieRefresh', message: 'until the refresh at 2h' }],
    },
  ],
} satisfies CheckCases;

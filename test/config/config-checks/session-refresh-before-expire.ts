import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [
    { name: 'refresh within the cookie', config: { auth: { session: { cookieExpire: '8h', cookieRefresh: '1h' } } } },
  ],
  invalid: [
    {
      name: 'refresh at the default expiry',
      config: { auth: { session: { cookieRefresh: '24h' } } },
      errors: [{ messageId: 'notShorter', path: 'auth.session.cookieRefresh', message: '(24h)' }],
    },
  ],
} satisfies CheckCases;

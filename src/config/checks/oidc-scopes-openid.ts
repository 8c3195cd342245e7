import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'oidc-scopes-openid',
    description: '`auth.oidc.scopes`, when given, includes "openid": without it the provider issues no ID token.',
    fields: ['auth.oidc.scopes'],
    messages: { noOpenid: 'must include "openid": without it the provider issues no ID token' },
  },
  check({ config: c }, report) {
    const scopes = c.auth.oidc?.scopes;
    if (scopes && !scopes.includes('openid'))
      report({ path: ['auth', 'oidc', 'scopes'], messageId: 'noOpenid', suggestion: 'e.g. [openid, profile, email]' });
  },
};
export default check;

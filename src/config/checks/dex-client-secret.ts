import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'dex-client-secret',
    description: 'Dex and oauth2-proxy share a client secret of the config, not the upstream default.',
    fields: ['auth.dex.clientSecret'],
    messages: { required: 'is required: the secret Dex and oauth2-proxy share must not be the upstream default' },
  },
  check({ config: { auth: a } }, report) {
    if (a.provider !== 'dex' || !a.dex || a.dex.clientSecret) return;
    report({
      path: ['auth', 'dex', 'clientSecret'],
      messageId: 'required',
      suggestion: 'e.g. clientSecret: { env: DEX_CLIENT_SECRET }',
    });
  },
};
export default check;

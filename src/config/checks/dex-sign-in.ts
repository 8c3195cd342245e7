import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'dex-sign-in',
    description: "Dex has its own users or connectors: upstream's default user must not survive.",
    fields: ['auth.dex'],
    messages: { nobody: 'needs users or connectors: the upstream default user must not survive' },
  },
  check({ config: { auth: a } }, report) {
    if (a.provider !== 'dex' || !a.dex) return;
    if (!a.dex.users?.length && !a.dex.connectors?.length)
      report({
        path: ['auth', 'dex'],
        messageId: 'nobody',
        suggestion: 'add users: [{ email, passwordHash: { env: NAME } }] or connectors: [...]',
      });
  },
};
export default check;

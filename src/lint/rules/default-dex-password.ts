import type { Rule } from '../rule.js';
import { innerLineOf, secretValue } from '../kubeflow/facts.js';

// bcrypt of "12341234" for user@example.com, as shipped in kubeflow/manifests v1.9.1 common/dex/base.
const DEFAULT_HASH = '$2y$12$4K/VkmDd1q1Orb3xAt82zu8gk7Ad6ReFR4LCP9UeYE90NLiN9Df72';

const rule: Rule = {
  meta: {
    id: 'default-dex-password',
    family: 'secrets',
    severity: 'error',
    summary: "Dex's static user still has the upstream default password (user@example.com / 12341234).",
    rationale: 'The password is printed in the Kubeflow README; a reachable deployment with it is open to anyone.',
    remediation:
      'Set a new bcrypt hash (`htpasswd -bnBC 12 "" <password> | tr -d ":\\n"`) in Secret auth/dex-passwords DEX_USER_PASSWORD, or disable the password DB and use a connector.',
    messages: {
      defaultEnvPassword: 'DEX_USER_PASSWORD is the upstream default (password "12341234")',
      defaultStaticPassword: 'static password of {{user}} is the upstream default ("12341234")',
      defaultStaticPasswordNoEmail: 'static password of a user is the upstream default ("12341234")',
    },
  },
  check(ctx) {
    for (const s of ctx.facts.kind('Secret')) {
      const v = secretValue(s, 'DEX_USER_PASSWORD');
      if (v && v.value.trim() === DEFAULT_HASH) ctx.report({ ...v, messageId: 'defaultEnvPassword' });
    }
    const dex = ctx.facts.dex.config;
    for (const p of dex?.parsed.staticPasswords ?? []) {
      if (p?.hash === DEFAULT_HASH)
        ctx.report({
          on: dex!.on,
          path: dex!.path,
          innerLine: innerLineOf(dex!.text, /hash:/),
          ...(p.email == null
            ? { messageId: 'defaultStaticPasswordNoEmail' }
            : { messageId: 'defaultStaticPassword', data: { user: p.email } }),
        });
    }
  },
};
export default rule;

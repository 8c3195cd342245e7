import type { Rule } from '../rule.js';
import { oauth2ProxyIssuer } from '../kubeflow/issuers.js';

const rule: Rule = {
  meta: {
    id: 'auth-open-sign-in',
    family: 'auth',
    severity: 'warning',
    summary:
      'oauth2-proxy admits every user the identity provider signs in: `email_domains` is `*` and there is no `allowed_groups`.',
    rationale:
      'A company tenant (Entra ID), a user pool (Cognito) or a federated directory holds far more people than should use Kubeflow. With `email_domains = ["*"]` and no `allowed_groups`, any of them who signs in gets a session, and with the registration flow or group namespaces a namespace of their own. Dex with static users only is a closed list and is not reported.',
    remediation:
      "Set `auth.allowedGroups` (oauth2-proxy `allowed_groups`, read from the groups claim), and close the provider's own gate: Entra ID's enterprise application with Assignment required = Yes and the groups assigned; for Cognito, only the identity providers your users need on the app client.",
    messages: {
      openSignIn:
        'every user who can sign in at {{issuer}} may enter: email_domains is "*" and no allowed_groups is set (kfgen: auth.allowedGroups)',
      openSignInNoIssuer:
        'every user who can sign in at the identity provider may enter: email_domains is "*" and no allowed_groups is set (kfgen: auth.allowedGroups)',
    },
  },
  check(ctx) {
    const cfg = ctx.facts.oauth2Proxy.cfg;
    if (!cfg) return;
    const domains = cfg.entries.get('email_domains');
    const list = Array.isArray(domains?.value) ? domains.value : [domains?.value];
    if (!list.includes('*')) return;
    const groups = cfg.entries.get('allowed_groups')?.value;
    if ((Array.isArray(groups) ? groups.length : groups) || cfg.entries.get('authenticated_emails_file')) return;
    const issuer = oauth2ProxyIssuer(ctx.facts)?.value;
    const dex = ctx.facts.dex.config?.parsed as { issuer?: string; connectors?: unknown[] } | undefined;
    // Dex with its password database only: the static users are the whole list.
    if (dex && dex.issuer === issuer && !dex.connectors?.length) return;
    ctx.report({
      on: cfg.on,
      path: cfg.path,
      innerLine: domains?.line,
      ...(issuer === undefined ? { messageId: 'openSignInNoIssuer' } : { messageId: 'openSignIn', data: { issuer } }),
    });
  },
};
export default rule;

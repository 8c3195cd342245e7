import { USERID_HEADER } from '../../kubeflow/gateway.js';
import type { Rule } from '../rule.js';
import { oauth2ProxyIssuer } from '../kubeflow/issuers.js';

/** The scope that makes an IdP put each claim into the ID token. */
const CLAIM_SCOPE: Record<string, string> = {
  email: 'email',
  email_verified: 'email',
  groups: 'groups',
  preferred_username: 'profile',
  name: 'profile',
};

const rule: Rule = {
  meta: {
    id: 'auth-scopes',
    family: 'auth',
    severity: 'error',
    summary: "oauth2-proxy's scope lacks `openid` or the scope that provides the claim mapped to `kubeflow-userid`.",
    rationale:
      'Without `openid` there is no ID token; without e.g. `email` the claim Istio copies into kubeflow-userid is missing, and every Kubeflow app sees an anonymous user.',
    remediation: 'Set `scope = "openid email profile groups"` (or at least openid plus the scope of the userid claim).',
    params: { claimScopes: CLAIM_SCOPE },
    messages: {
      noOpenid: 'oauth2-proxy scope "{{scope}}" lacks "openid"',
      claimNeedsScope:
        'kubeflow-userid comes from claim "{{claim}}", which needs scope "{{scope}}"; oauth2-proxy scope is "{{oauth2ProxyScope}}"',
    },
  },
  check(ctx) {
    const cfg = ctx.facts.oauth2Proxy.cfg;
    if (!cfg) return;
    const e = cfg.entries.get('scope');
    const scopes =
      typeof e?.value === 'string' ? e.value.split(/[\s,]+/).filter(Boolean) : ['openid', 'email', 'profile'];
    const at = { on: cfg.on, path: cfg.path, innerLine: e?.line };
    if (!scopes.includes('openid')) ctx.report({ ...at, messageId: 'noOpenid', data: { scope: scopes.join(' ') } });
    const issuer = oauth2ProxyIssuer(ctx.facts)?.value;
    for (const ra of ctx.facts.kind('RequestAuthentication')) {
      for (const r of ra.object.spec?.jwtRules ?? []) {
        if (issuer && r?.issuer !== issuer) continue;
        for (const h of r?.outputClaimToHeaders ?? []) {
          if (h?.header !== USERID_HEADER) continue;
          const needed = CLAIM_SCOPE[h.claim];
          if (needed && !scopes.includes(needed))
            ctx.report({
              ...at,
              messageId: 'claimNeedsScope',
              data: { claim: h.claim, scope: needed, oauth2ProxyScope: scopes.join(' ') },
            });
        }
      }
    }
  },
};
export default rule;

import type { Rule } from '../rule.js';
import { oauth2ProxyIssuer } from '../kubeflow/issuers.js';

const IN_CLUSTER = /(\.svc(\.cluster\.local)?|localhost|127\.0\.0\.1)$/i;

const rule: Rule = {
  meta: {
    id: 'insecure-issuer-skip-verify',
    family: 'secrets',
    severity: 'warning',
    summary: 'ALLOW_SELF_SIGNED_ISSUER=true (TLS verification off) while the issuer is a public HTTPS endpoint.',
    rationale:
      'Upstream turns verification off for the in-cluster Dex. Against a public IdP it only opens the token exchange to interception.',
    remediation:
      'Set ALLOW_SELF_SIGNED_ISSUER=false in oauth2-proxy-parameters when the issuer has a publicly trusted certificate.',
    messages: {
      skipVerify: 'TLS verification is off (ALLOW_SELF_SIGNED_ISSUER=true) for public issuer {{issuer}}',
    },
  },
  check(ctx) {
    const p = ctx.facts.oauth2Proxy.params;
    const issuer = oauth2ProxyIssuer(ctx.facts);
    if (!p || !issuer || String(p.data.ALLOW_SELF_SIGNED_ISSUER).toLowerCase() !== 'true') return;
    let url: URL;
    try {
      url = new URL(issuer.value);
    } catch {
      return;
    }
    if (url.protocol === 'https:' && !IN_CLUSTER.test(url.hostname)) {
      ctx.report({
        on: p.on,
        path: ['data', 'ALLOW_SELF_SIGNED_ISSUER'],
        messageId: 'skipVerify',
        data: { issuer: issuer.value },
      });
    }
  },
};
export default rule;

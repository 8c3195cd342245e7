import type { Rule } from '../rule.js';
import { dexIssuer, issuerDifference, oauth2ProxyIssuer, requestAuthIssuers } from '../kubeflow/issuers.js';

const rule: Rule = {
  meta: {
    id: 'auth-issuer-mismatch',
    family: 'auth',
    severity: 'error',
    summary:
      'The OIDC issuer differs between oauth2-proxy, the RequestAuthentications and Dex (compared exactly: case, scheme, trailing slash).',
    rationale:
      'Istio accepts a JWT only if its `iss` claim equals a jwtRules issuer byte for byte, and oauth2-proxy checks discovery against its own oidc_issuer_url. `.../v2.0` vs `.../V2.0` or a trailing slash gives a login loop or 401 on every request after sign-in.',
    remediation:
      'Use one issuer string everywhere: oauth2_proxy.cfg `oidc_issuer_url`, RequestAuthentication `spec.jwtRules[].issuer`, and Dex `issuer` when Dex is the IdP.',
    messages: {
      issuerDiffers:
        '{{where}} issuer "{{issuer}}" does not equal {{oauth2ProxyWhere}} "{{oauth2ProxyIssuer}}": {{difference}}',
      noRequestAuthentication:
        '{{where}} "{{issuer}}" matches no RequestAuthentication issuer ({{issuers}}); Istio will reject the user\'s token',
      dexIssuerDiffers:
        '{{where}} "{{issuer}}" does not equal {{oauth2ProxyWhere}} "{{oauth2ProxyIssuer}}": {{difference}}',
    },
  },
  check(ctx) {
    const o2p = oauth2ProxyIssuer(ctx.facts);
    if (!o2p) return;
    const ras = requestAuthIssuers(ctx.facts);
    if (ras.length && !ras.some((r) => r.value === o2p.value)) {
      const near = ras.find((r) => issuerDifference(r.value, o2p.value) !== 'different issuers');
      if (near) {
        ctx.report({
          ...near,
          messageId: 'issuerDiffers',
          data: {
            where: near.where,
            issuer: near.value,
            oauth2ProxyWhere: o2p.where,
            oauth2ProxyIssuer: o2p.value,
            difference: issuerDifference(near.value, o2p.value),
          },
        });
      } else {
        ctx.report({
          ...o2p,
          messageId: 'noRequestAuthentication',
          data: { where: o2p.where, issuer: o2p.value, issuers: ras.map((r) => `"${r.value}"`).join(', ') },
        });
      }
    }
    const dex = dexIssuer(ctx.facts);
    if (dex && dex.value !== o2p.value) {
      const diff = issuerDifference(dex.value, o2p.value);
      // oauth2-proxy talking straight to another IdP (Entra ID, Okta) legitimately differs from Dex
      if (diff !== 'different issuers' || /\/dex\/?$/i.test(o2p.value)) {
        ctx.report({
          ...dex,
          messageId: 'dexIssuerDiffers',
          data: {
            where: dex.where,
            issuer: dex.value,
            oauth2ProxyWhere: o2p.where,
            oauth2ProxyIssuer: o2p.value,
            difference: diff,
          },
        });
      }
    }
  },
};
export default rule;

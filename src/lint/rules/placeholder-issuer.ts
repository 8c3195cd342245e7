import type { Rule } from '../rule.js';
import { dexIssuer, oauth2ProxyIssuer, requestAuthIssuers } from '../kubeflow/issuers.js';

const PLACEHOLDERS = ['AWS_REGION', 'CLUSTER_ID', 'PATCH_ME'];

const rule: Rule = {
  meta: {
    id: 'placeholder-issuer',
    family: 'platform',
    severity: 'error',
    summary: `An issuer still contains an upstream placeholder (${PLACEHOLDERS.join(', ')}).`,
    rationale:
      'The EKS and M2M overlays ship `https://oidc.eks.AWS_REGION.amazonaws.com/id/CLUSTER_ID` and `PATCH_ME`; left in place, Istio cannot fetch keys and every machine-to-machine token is rejected.',
    remediation:
      'Patch the issuer with the real value (`aws eks describe-cluster --query cluster.identity.oidc.issuer`).',
    params: { placeholders: PLACEHOLDERS },
    messages: {
      placeholder: '{{where}} "{{issuer}}" still contains placeholder {{placeholders}}',
    },
  },
  check(ctx) {
    const sites = [...requestAuthIssuers(ctx.facts)];
    const o2p = oauth2ProxyIssuer(ctx.facts);
    const dex = dexIssuer(ctx.facts);
    if (o2p) sites.push(o2p);
    if (dex) sites.push(dex);
    const params = ctx.facts.oauth2Proxy.params;
    if (params && typeof params.data.EXTRA_JWT_ISSUERS === 'string') {
      sites.push({
        on: params.on,
        value: params.data.EXTRA_JWT_ISSUERS,
        path: ['data', 'EXTRA_JWT_ISSUERS'],
        where: 'oauth2-proxy EXTRA_JWT_ISSUERS',
      });
    }
    for (const s of sites) {
      const hit = PLACEHOLDERS.filter((p) => s.value.includes(p));
      if (hit.length)
        ctx.report({
          ...s,
          messageId: 'placeholder',
          data: { where: s.where, issuer: s.value, placeholders: hit.join(', ') },
        });
    }
  },
};
export default rule;

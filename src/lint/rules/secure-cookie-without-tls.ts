import type { Rule } from '../rule.js';

const rule: Rule = {
  meta: {
    id: 'secure-cookie-without-tls',
    family: 'secrets',
    severity: 'warning',
    summary:
      'oauth2-proxy sets Secure cookies (FORCE_HTTPS=true) but no Gateway or Ingress in the input terminates TLS.',
    rationale:
      'Browsers drop Secure cookies on plain HTTP, so the session cookie never comes back and login loops. A warning, because TLS may end at a load balancer outside these manifests.',
    remediation:
      'Add an HTTPS server to the Gateway or a tls section to the Ingress; or, for a plain-HTTP test setup, set FORCE_HTTPS=false; if TLS ends outside the cluster, suppress with a reason.',
    messages: {
      noTls:
        'FORCE_HTTPS=true makes the oauth2-proxy cookie Secure, but no Gateway server or Ingress here terminates TLS',
    },
  },
  check(ctx) {
    const p = ctx.facts.oauth2Proxy.params;
    if (!p || String(p.data.FORCE_HTTPS).toLowerCase() !== 'true') return;
    if (!ctx.facts.hasFrontDoor || ctx.facts.hasTls) return;
    const albTls = ctx.facts
      .kind('Ingress')
      .some((i) => Object.keys(i.object.metadata?.annotations ?? {}).some((k) => k.endsWith('/certificate-arn')));
    if (albTls) return;
    ctx.report({
      on: p.on,
      path: ['data', 'FORCE_HTTPS'],
      messageId: 'noTls',
    });
  },
};
export default rule;

import type { Rule } from '../rule.js';
import { secretValue } from '../kubeflow/facts.js';

// Published in kubeflow/manifests v1.9.1 (common/oauth2-proxy/base, common/dex/base); anyone can read them.
const DEFAULTS: Record<string, string> = {
  pUBnBOY80SnXgjibTYM9ZWNzY2xreNGQok: 'upstream default OIDC client secret',
  '7d16fee92f8d11b8940b081b3f8b8acb': 'upstream default oauth2-proxy cookie secret',
};
const KEYS = ['client-secret', 'cookie-secret', 'OIDC_CLIENT_SECRET'];

const rule: Rule = {
  meta: {
    id: 'default-oauth2-proxy-secrets',
    family: 'secrets',
    severity: 'error',
    summary: 'The OIDC client secret or the oauth2-proxy cookie secret is the public upstream default.',
    rationale:
      'The defaults are in a public repository. With the cookie secret anyone can forge a session cookie for any user; with the client secret anyone can impersonate the client to Dex.',
    remediation:
      'Generate new values (`openssl rand -hex 16` for the cookie secret) and set them in both the oauth2-proxy and dex-oidc-client Secrets.',
    params: { keys: KEYS },
    messages: {
      upstreamDefault: '{{key}} is the {{what}}',
    },
  },
  check(ctx) {
    for (const s of ctx.facts.kind('Secret')) {
      for (const key of KEYS) {
        const v = secretValue(s, key);
        const what = v && DEFAULTS[v.value.trim()];
        if (v && what) ctx.report({ ...v, messageId: 'upstreamDefault', data: { key, what } });
      }
    }
  },
};
export default rule;

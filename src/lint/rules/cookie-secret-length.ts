import type { Rule } from '../rule.js';
import { secretValue } from '../kubeflow/facts.js';
import { COOKIE_SECRET_BYTES, cookieSecretBytes, oauth2ProxySecretBytes } from '../../kubeflow/cookie-secret.js';

const rule: Rule = {
  meta: {
    id: 'cookie-secret-length',
    family: 'secrets',
    severity: 'error',
    summary:
      'oauth2-proxy v7.6.0 refuses the cookie secret: it is neither 16, 24 or 32 bytes raw nor URL-safe base64 of that.',
    rationale:
      'oauth2-proxy uses it as an AES key and refuses to start with any other length; the pod crash-loops and nobody can log in. It decodes only URL-safe base64 (unpadded or padded), so standard base64 with + or / (what `openssl rand -base64 32` prints) is taken raw: 44 bytes.',
    remediation:
      "Use `openssl rand -hex 16` (32 characters), or URL-safe base64: `openssl rand -base64 32 | tr -- '+/' '-_'`.",
    params: { validBytes: COOKIE_SECRET_BYTES },
    messages: {
      wrongLength: 'cookie-secret is {{bytes}} bytes; oauth2-proxy needs 16, 24 or 32',
      wrongLengthNotUrlSafe:
        'cookie-secret is {{bytes}} bytes (it looks like standard base64: oauth2-proxy decodes only URL-safe base64, so it takes the text raw); oauth2-proxy needs 16, 24 or 32',
    },
  },
  check(ctx) {
    const s = ctx.facts.oauth2Proxy.secret;
    const v = s && secretValue(s, 'cookie-secret');
    if (!v || cookieSecretBytes(v.value) !== undefined) return;
    const n = oauth2ProxySecretBytes(v.value).length;
    // A `+` or `/` is standard base64, which oauth2-proxy does not decode: worth saying why.
    ctx.report({
      ...v,
      messageId: /[+/]/.test(v.value) ? 'wrongLengthNotUrlSafe' : 'wrongLength',
      data: { bytes: n },
    });
  },
};
export default rule;

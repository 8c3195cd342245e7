import type { Rule } from '../types.js';
import { secretValue } from '../kubeflow/facts.js';

const VALID = [16, 24, 32];

/** oauth2-proxy uses the base64-decoded value when that has a valid AES key length, else the raw bytes. */
export function cookieSecretBytes(secret: string): number {
  if (/^[A-Za-z0-9+/_=-]+$/.test(secret)) {
    const decoded = Buffer.from(secret.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (VALID.includes(decoded.length)) return decoded.length;
  }
  return Buffer.byteLength(secret, 'utf8');
}

const rule: Rule = {
  meta: {
    id: 'cookie-secret-length',
    family: 'secrets',
    severity: 'error',
    summary: 'The oauth2-proxy cookie secret is not 16, 24 or 32 bytes (raw or base64-decoded).',
    rationale: 'oauth2-proxy uses it as an AES key and refuses to start with any other length; the pod crash-loops and nobody can log in.',
    remediation: 'Use `openssl rand -hex 16` (32 characters) or `openssl rand -base64 32 | head -c 32`.',
    params: { validBytes: VALID },
  },
  check(ctx) {
    const s = ctx.facts.oauth2Proxy.secret;
    const v = s && secretValue(s, 'cookie-secret');
    if (!v) return;
    const n = cookieSecretBytes(v.value);
    if (!VALID.includes(n)) ctx.report({ ...v, message: `cookie-secret is ${n} bytes; oauth2-proxy needs 16, 24 or 32` });
  },
};
export default rule;

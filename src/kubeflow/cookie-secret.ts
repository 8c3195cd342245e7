/** The AES key lengths oauth2-proxy accepts for its cookie secret. */
export const COOKIE_SECRET_BYTES = [16, 24, 32] as const;

const valid = (n: number) => (COOKIE_SECRET_BYTES as readonly number[]).includes(n);

/**
 * Go's `base64.RawURLEncoding.DecodeString`: URL-safe alphabet, no padding, CR and LF skipped,
 * a final group of one character is an error. Returns undefined where Go returns an error.
 */
function goRawUrlDecode(s: string): Buffer | undefined {
  const text = s.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64url');
}

/**
 * oauth2-proxy v7.6.0's `encryption.SecretBytes` (pkg/encryption/utils.go): strip trailing "=",
 * decode as unpadded URL-safe base64, and use the decoding only when it is 16, 24 or 32 bytes;
 * otherwise the raw string is the key. Standard base64 with `+` or `/` (what
 * `openssl rand -base64 32` prints) never decodes, so it is taken raw: 44 bytes, refused.
 */
export function oauth2ProxySecretBytes(value: string): Buffer {
  const decoded = goRawUrlDecode(value.replace(/=+$/, ''));
  if (decoded && valid(decoded.length)) return decoded;
  return Buffer.from(value, 'utf8');
}

/**
 * The key length oauth2-proxy v7.6.0 uses for this cookie secret, or undefined when it refuses to
 * start ("cookie_secret must be 16, 24, or 32 bytes to create an AES cipher").
 */
export function cookieSecretBytes(value: string): number | undefined {
  const n = oauth2ProxySecretBytes(value).length;
  return valid(n) ? n : undefined;
}

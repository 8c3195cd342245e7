// oauth2-proxy v7.6.0's cookie-secret decoding (pkg/encryption/utils.go `SecretBytes`, checked by
// pkg/validation/cookie.go): strip trailing "=", base64.RawURLEncoding, keep the decoding only at
// 16/24/32 bytes, else the raw text. The vectors follow that code; the last test checks them
// against the real oauth2-proxy v7.6.0 binary (skipped, with a SKIP line, when it is not installed).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cookieSecretBytes, oauth2ProxySecretBytes } from '../../src/kubeflow/cookie-secret.js';
import { lintSources } from '../../src/lint/index.js';
import { rendered } from './helpers.js';
import { spawn } from 'node:child_process';
import { missingTools, oauth2ProxyBin } from '../support/tools.js';

const key32 = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 251) % 256));
const std = key32.toString('base64'); // what `openssl rand -base64 32` prints: 44 chars, may hold + and /

test('standard base64 with + or / is not decoded: 44 raw bytes, refused', () => {
  assert.ok(/[+/]/.test(std), `vector must contain + or /: ${std}`);
  assert.is(oauth2ProxySecretBytes(std).length, 44);
  assert.is(cookieSecretBytes(std), undefined);
});

test('URL-safe base64, padded or not, decodes to the 32-byte key', () => {
  const url = std.replace(/\+/g, '-').replace(/\//g, '_');
  assert.equal(oauth2ProxySecretBytes(url), key32);
  assert.equal(oauth2ProxySecretBytes(url.replace(/=+$/, '')), key32);
  assert.is(cookieSecretBytes(key32.subarray(0, 16).toString('base64url')), 16);
  assert.is(cookieSecretBytes(key32.subarray(0, 24).toString('base64url')), 24);
});

test('decoding comes first: 32 hex characters are a 24-byte key (their base64url decoding)', () => {
  assert.is(cookieSecretBytes('0123456789abcdef0123456789abcdef'), 24);
});

test('raw text is the key when the decoding is not 16/24/32 bytes', () => {
  assert.is(cookieSecretBytes('0123456789abcdef'), 16, '16 chars decode to 12 bytes, so the raw 16 count');
  assert.is(cookieSecretBytes('abcdefghijklmnopqrstuvwx'), 24);
  assert.is(cookieSecretBytes('p@ssw0rd-p@ssw0rd-p@ssw0rd-p@ss'), undefined, '31 raw bytes, not base64');
  assert.is(cookieSecretBytes('too-short-secret-0123456789'), undefined);
});

test('Go decoder details: a 1-char tail is an error (raw length counts); CR/LF are skipped', () => {
  const tail1 = 'A'.repeat(33); // 33 % 4 == 1
  assert.is(oauth2ProxySecretBytes(tail1).length, 33);
  assert.is(cookieSecretBytes(key32.toString('base64url') + '\n'), 32);
});

test('the lint rule uses the same decoding and names standard base64', async () => {
  const secret = (v: string) => ({
    file: 's.yaml',
    text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: oauth2-proxy\n  namespace: oauth2-proxy\nstringData:\n  cookie-secret: "${v}"\n`,
  });
  const bad = (await lintSources([secret(std)])).filter((f) => f.ruleId === 'cookie-secret-length');
  assert.is(bad.length, 1);
  assert.is(bad[0]!.messageId, 'wrongLengthNotUrlSafe');
  assert.is(bad[0]!.message, rendered('cookie-secret-length', 'wrongLengthNotUrlSafe', { bytes: 44 }));
  assert.is(bad[0]!.line, 7);
  const good = (await lintSources([secret(std.replace(/\+/g, '-').replace(/\//g, '_'))])).filter(
    (f) => f.ruleId === 'cookie-secret-length',
  );
  assert.equal(good, []);
});

/**
 * Starts the real oauth2-proxy v7.6.0 with the secret (GitHub provider: no discovery, no network;
 * it listens on 127.0.0.1 only) and reports what it says: refused with the byte count it saw, or
 * configured (then it is stopped).
 */
function realVerdict(secret: string): Promise<{ refused: boolean; bytes?: number; output: string }> {
  return new Promise((resolve, reject) => {
    const args = [
      '--provider=github',
      '--client-id=x',
      '--client-secret=y',
      '--email-domain=*',
      '--upstream=static://200',
      '--http-address=127.0.0.1:0',
      `--cookie-secret=${secret}`,
    ];
    const p = spawn(oauth2ProxyBin, args, { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), 15000);
    const onData = (d: Buffer) => {
      output += String(d);
      if (/OAuthProxy configured/.test(output)) p.kill('SIGTERM');
    };
    p.stdout.on('data', onData);
    p.stderr.on('data', onData);
    p.on('error', reject);
    p.on('close', () => {
      clearTimeout(timer);
      const m = /cookie_secret must be 16, 24, or 32 bytes to create an AES cipher, but is (\d+) bytes/.exec(output);
      if (m) resolve({ refused: true, bytes: Number(m[1]), output });
      else if (/OAuthProxy configured/.test(output)) resolve({ refused: false, output });
      else reject(new Error(`oauth2-proxy neither started nor refused the secret:\n${output}`));
    });
  });
}

test('the real oauth2-proxy v7.6.0 agrees on every vector (accepts exactly what cookieSecretBytes accepts, and counts the same bytes when it refuses)', async () => {
  if (missingTools('oauth2-proxy')) return;
  const url = std.replace(/\+/g, '-').replace(/\//g, '_');
  const vectors = [
    std,
    url,
    url.replace(/=+$/, ''),
    '0123456789abcdef0123456789abcdef',
    '0123456789abcdef',
    'abcdefghijklmnopqrstuvwx',
    'too-short-secret-0123456789',
    'A'.repeat(33),
    key32.subarray(0, 24).toString('base64url'),
  ];
  for (const v of vectors) {
    const real = await realVerdict(v);
    assert.is(
      real.refused,
      cookieSecretBytes(v) === undefined,
      `${v}: oauth2-proxy ${real.refused ? 'refused' : 'accepted'} it\n${real.output}`,
    );
    if (real.refused) assert.is(real.bytes, oauth2ProxySecretBytes(v).length, v);
  }
});

test.run();

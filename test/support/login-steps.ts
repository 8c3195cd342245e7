import * as assert from 'uvu/assert';
import { generateKeyPairSync, sign } from 'node:crypto';
import { Browser, forms, submit, type Page } from './login-http.js';

/**
 * The steps of a browser's login that the login-flow tests share: signing in through a Dex
 * password form, reading what the echo upstream behind the gateway stand-in received, and JWT
 * helpers for the bearer-token checks.
 */

/** The decoded payload of a JWT (not verified: for assertions only). */
export const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/** The same header and claims, signed by a key nobody trusts. */
export function resign(jwt: string): string {
  const [h, p] = jwt.split('.');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return `${h}.${p}.${sign('RSA-SHA256', Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`;
}

/** The request the echo upstream (the stand-in's Kubeflow web apps) received; asserts it was reached. */
export const echoed = (page: Page) => {
  assert.is(
    page.status,
    200,
    `expected the echo upstream, got ${page.status} at ${page.url}: ${page.body.slice(0, 300)}`,
  );
  return JSON.parse(page.body) as {
    path: string;
    headers: Record<string, string>;
  };
};

/**
 * A browser's sign-in: the first page (oauth2-proxy's sign-in page, or straight to the IdP), the
 * Dex password form, the callback, back to where it started. Dex's consent screen, if shown, is
 * granted and reported.
 */
export async function signIn(
  b: Browser,
  start: string,
  user: { login: string; password: string },
  stopAt?: (url: string) => boolean,
): Promise<{ page: Page; hops: Page['hops']; consent: boolean }> {
  let page = await b.navigate(start, {}, stopAt);
  const hops = [...page.hops];
  const startForm = forms(page).find((f) => new URL(f.action).pathname === '/oauth2/start');
  if (startForm) {
    page = await submit(b, startForm, {}, stopAt);
    hops.push(...page.hops);
  }
  const login = forms(page).find((f) => 'login' in f.fields && 'password' in f.fields);
  if (!login)
    throw new Error(
      `no Dex password form at ${page.url} (${page.status}); hops: ${hops.map((h) => `${h.status} ${h.url}`).join(' → ')}\n${page.body.slice(0, 500)}`,
    );
  page = await submit(b, login, { login: user.login, password: user.password }, stopAt);
  hops.push(...page.hops);
  // Dex's consent screen: shown despite skipApprovalScreen when the client sends approval_prompt=force.
  const grant = forms(page).find((f) => f.fields.approval === 'approve');
  if (grant) {
    page = await submit(b, grant, {}, stopAt);
    hops.push(...page.hops);
  }
  return { page, hops, consent: grant !== undefined };
}

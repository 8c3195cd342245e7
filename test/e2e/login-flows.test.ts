/**
 * Real login flows. The REAL Dex v2.39.1 and oauth2-proxy v7.6.0 binaries (`npm run tools`) are
 * started with the configuration of a rendered fixture: the Deployments' args, env resolved from
 * their Secrets and ConfigMaps as the kubelet would, and the mounted ConfigMap files. Only the
 * changes listed in dexStaticUserChanges (support/login-dex.ts) and entraChanges are made (loopback addresses,
 * Dex's storage, file paths), and the first test asserts that nothing else differs. A browser-like client with a cookie jar then
 * signs in and out, and bearer tokens are tried.
 *
 * Simulated, not real:
 * - Istio's ingress gateway: test/support/login-gateway.ts is a loopback STAND-IN that reads the
 *   rendered AuthorizationPolicies, RequestAuthentications, the mesh config's ext_authz provider
 *   and the VirtualServices. It is not Envoy.
 * - Kubernetes: no API server, no pods; Dex keeps its state in memory instead of CRDs.
 * - The Kubeflow web apps: an echo upstream inside the stand-in answers with the request it got.
 * - Entra ID: eks-entra-nginx talks to Microsoft Entra ID directly. Here a second Dex, whose whole
 *   configuration THIS TEST writes (see entraStandInConfig), plays the identity provider at a
 *   loopback issuer with the tenant's path. (generic-oidc-keycloak was not used: its userClaim is
 *   preferred_username, which Dex's password database never puts into a token.)
 */
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse, stringify } from 'yaml';
import { suite } from '../support/suite.js';
import { FIXTURE_ENV, fixtureConfig, renderFixture } from '../support/fixtures.js';
import { dexBin, missingTools, type K8sObject } from '../support/tools.js';
import { Browser, forms } from '../support/login-http.js';
import { gatewayConfigFrom, startGateway, type Gateway } from '../support/login-gateway.js';
import { freePort, startProc, waitReady, type Proc } from '../support/login-procs.js';
import { planDex, planOauth2Proxy, type Launch } from '../support/login-platform.js';
import { resolveContainer } from '../support/login-env.js';
import type { Change } from '../support/login-launch.js';
import { dexStaticUserChanges } from '../support/login-dex.js';
import { claimsOf, echoed, resign, signIn } from '../support/login-steps.js';
import {
  CALLBACK,
  ENTRA_USER,
  entraChanges,
  entraStandInConfig,
  gatewayObjects,
  type Ports,
} from '../support/login-entra.js';

const skip = missingTools('kustomize', 'manifests', 'dex', 'oauth2-proxy');
const test = suite('login flows: real Dex and oauth2-proxy, gateway stand-in');

// fixtures/dex-static-user's user; FIXTURE_ENV.DEX_ADMIN_HASH is a bcrypt hash of "password".
const ADMIN = { login: 'admin@lab.internal', password: 'password' };

interface Platform {
  objects: K8sObject[];
  ports: Ports;
  root: string;
  changes: Change[];
  dex: Launch;
  proxy: Launch & { cfg: Record<string, unknown> };
  issuer: string;
  clientId: string;
  gateway?: Gateway;
  services: Record<string, string>;
}

const scratch = mkdtempSync(join(tmpdir(), 'kfgen-login-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
let dexPlatform: Platform;
let entraPlatform: Platform;
const startup = new Map<string, Error>();
/** Throws why a platform's programs did not start, if they did not. */
const up = (...platforms: string[]) =>
  platforms.forEach((p) => {
    const e = startup.get(p);
    if (e) throw e;
  });
let wrongSecret: { proxy: Launch; proc?: Proc; port: number };
let badCookie: { proxy: Launch; proc?: Proc; secret: string };
const gatewayProblems: string[] = [];
const timings: Record<string, number> = {};
const all: Proc[] = [];
const gateways: Gateway[] = [];

async function timed<T>(name: string, f: () => Promise<T>): Promise<T> {
  const t = Date.now();
  try {
    return await f();
  } finally {
    timings[name] = Date.now() - t;
  }
}

test.before(async () => {
  if (skip) return;
  const [dexStatic, entra] = await timed('render both fixtures (kfgen + kustomize)', () =>
    Promise.all([renderFixture('dex-static-user'), renderFixture('eks-entra-nginx')]),
  );
  const ports = async (): Promise<Ports> => ({
    dex: await freePort(),
    proxy: await freePort(),
    gateway: await freePort(),
  });

  // --- dex-static-user: Dex and oauth2-proxy both from the rendered objects.
  {
    const p = await ports();
    const root = join(scratch, 'dex-static-user');
    const changes = dexStaticUserChanges(p, root, { bin: dexBin });
    const dex = planDex(dexStatic.objects, changes, root);
    const proxy = planOauth2Proxy(dexStatic.objects, changes, root);
    const g = gatewayObjects(dexStatic.objects, changes);
    gatewayProblems.push(...g.problems);
    const issuer = dex.config.issuer as string;
    const clientId = proxy.env.OAUTH2_PROXY_CLIENT_ID!;
    const services = {
      'dex.auth.svc.cluster.local:5556': `http://127.0.0.1:${p.dex}`,
      'oauth2-proxy.oauth2-proxy.svc.cluster.local:80': `http://127.0.0.1:${p.proxy}`,
    };
    const gateway = await startGateway(gatewayConfigFrom(g.objects), services, p.gateway);
    gateways.push(gateway);
    dexPlatform = {
      objects: dexStatic.objects,
      ports: p,
      root,
      changes,
      dex,
      proxy,
      issuer,
      clientId,
      gateway,
      services,
    };

    // The same platform, but oauth2-proxy holds a client secret Dex does not have.
    const wsPort = await freePort();
    const wsRoot = join(scratch, 'wrong-client-secret');
    const wsChanges: Change[] = [
      ...dexStaticUserChanges({ ...p, proxy: wsPort }, wsRoot, { bin: dexBin }).filter((c) =>
        c.in.startsWith('oauth2'),
      ),
      {
        in: 'oauth2-proxy env',
        at: 'OAUTH2_PROXY_CLIENT_SECRET',
        to: 'not-the-secret-dex-has',
        why: 'the failure under test',
      },
    ];
    wrongSecret = {
      proxy: planOauth2Proxy(dexStatic.objects, wsChanges, wsRoot),
      port: wsPort,
    };

    // The same platform, but its cookie secret is 32 random bytes in standard base64 with + or /.
    let secret: string;
    do secret = randomBytes(32).toString('base64');
    while (!/[+/]/.test(secret));
    const bcRoot = join(scratch, 'bad-cookie-secret');
    const bcChanges: Change[] = [
      ...dexStaticUserChanges({ ...p, proxy: await freePort() }, bcRoot, { bin: dexBin }).filter((c) =>
        c.in.startsWith('oauth2'),
      ),
      {
        in: 'oauth2-proxy env',
        at: 'OAUTH2_PROXY_COOKIE_SECRET',
        to: secret,
        why: 'the failure under test',
      },
    ];
    badCookie = {
      proxy: planOauth2Proxy(dexStatic.objects, bcChanges, bcRoot),
      secret,
    };
  }

  // --- eks-entra-nginx: oauth2-proxy from the rendered objects, a test-written Dex as Entra ID.
  {
    const p = await ports();
    const root = join(scratch, 'eks-entra-nginx');
    const azureAd = (
      parse(readFileSync(fixtureConfig('eks-entra-nginx'), 'utf8')) as {
        auth: { azureAd: { tenantId: string; clientId: string } };
      }
    ).auth.azureAd;
    const changes = entraChanges(p, root);
    const proxy = planOauth2Proxy(entra.objects, changes, root);
    const g = gatewayObjects(entra.objects, changes);
    gatewayProblems.push(...g.problems);
    const config = entraStandInConfig(p, azureAd, FIXTURE_ENV.AZURE_CLIENT_SECRET!);
    writeFileSync(join(scratch, 'entra-standin.yaml'), stringify(config));
    const dex: Launch = {
      bin: dexBin,
      args: ['serve', join(scratch, 'entra-standin.yaml')],
      env: {},
      problems: [],
    };
    const services = {
      'oauth2-proxy.oauth2-proxy.svc.cluster.local:80': `http://127.0.0.1:${p.proxy}`,
    };
    const gateway = await startGateway(gatewayConfigFrom(g.objects), services, p.gateway);
    gateways.push(gateway);
    entraPlatform = {
      objects: entra.objects,
      ports: p,
      root,
      changes,
      dex,
      proxy,
      issuer: config.issuer,
      clientId: azureAd.clientId,
      gateway,
      services,
    };
  }

  // Each Dex once, then the oauth2-proxies (an OIDC-discovering oauth2-proxy needs its issuer up).
  // A program that does not come up fails the tests of its platform only.
  const settle = async (platform: string, f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (e) {
      if (!startup.has(platform)) startup.set(platform, e as Error);
    }
  };
  await timed('start both Dex', async () => {
    const a = startProc('dex (dex-static-user)', dexPlatform.dex.bin, dexPlatform.dex.args, dexPlatform.dex.env);
    const idp = startProc('dex (Entra ID stand-in)', entraPlatform.dex.bin, entraPlatform.dex.args, {});
    all.push(a, idp);
    await Promise.all([
      settle('dex-static-user', () => waitReady(a, `${dexPlatform.issuer}/.well-known/openid-configuration`)),
      settle('eks-entra-nginx', () => waitReady(idp, `${entraPlatform.issuer}/.well-known/openid-configuration`)),
    ]);
  });
  await timed('start oauth2-proxy ×3, and the one that must refuse', async () => {
    const a = startProc(
      'oauth2-proxy (dex-static-user)',
      dexPlatform.proxy.bin,
      dexPlatform.proxy.args,
      dexPlatform.proxy.env,
    );
    const b = startProc(
      'oauth2-proxy (eks-entra-nginx)',
      entraPlatform.proxy.bin,
      entraPlatform.proxy.args,
      entraPlatform.proxy.env,
    );
    const c = startProc(
      'oauth2-proxy (wrong client secret)',
      wrongSecret.proxy.bin,
      wrongSecret.proxy.args,
      wrongSecret.proxy.env,
    );
    const d = startProc(
      'oauth2-proxy (bad cookie secret)',
      badCookie.proxy.bin,
      badCookie.proxy.args,
      badCookie.proxy.env,
    );
    all.push(a, b, c, d);
    wrongSecret.proc = c;
    badCookie.proc = d;
    await Promise.all([
      settle('dex-static-user', () => waitReady(a, `http://127.0.0.1:${dexPlatform.ports.proxy}/ping`)),
      settle('eks-entra-nginx', () => waitReady(b, `http://127.0.0.1:${entraPlatform.ports.proxy}/ping`)),
      settle('wrong-client-secret', () => waitReady(c, `http://127.0.0.1:${wrongSecret.port}/ping`)),
      Promise.race([d.exited, new Promise((r) => setTimeout(r, 10000))]),
    ]);
  });
});

test.after(async () => {
  await Promise.all([...all.map((p) => p.stop()), ...gateways.map((g) => g.close())]);
  rmSync(scratch, { recursive: true, force: true });
  if (!skip)
    console.log(
      `login flows: ${Object.entries(timings)
        .map(([k, v]) => `${k} ${v} ms`)
        .join('; ')}`,
    );
});

const diag = (p: Platform) => `gateway log:\n${p.gateway!.log.slice(-8).join('\n')}`;

let dexIdToken = '';
let entraIdToken = '';
/** The signed-in browsers, for the sign-out tests. */
const sessions = new Map<Platform, Browser>();

/** The user id as the central dashboard reads it: its USERID_HEADER, less its USERID_PREFIX. */
function dashboardUser(p: Platform, upstream: { headers: Record<string, string> }): string | undefined {
  const env = resolveContainer(p.objects, 'kubeflow', 'centraldashboard').env;
  const v = upstream.headers[env.USERID_HEADER!.toLowerCase()];
  return v?.startsWith(env.USERID_PREFIX ?? '') ? v.slice((env.USERID_PREFIX ?? '').length) : v;
}

test('the programs run with the rendered configuration: only the listed changes were made', () => {
  if (skip) return;
  const problems = [
    ...[dexPlatform.dex, dexPlatform.proxy, entraPlatform.proxy, wrongSecret.proxy, badCookie.proxy].flatMap(
      (l) => l.problems,
    ),
    ...gatewayProblems,
  ];
  assert.equal(problems, []);
  // Re-hosting kept the rendered paths: Dex's issuer and oauth2-proxy's Dex URLs still agree.
  const cfg = dexPlatform.proxy.cfg;
  assert.equal(
    [cfg.oidc_issuer_url, cfg.redeem_url, cfg.oidc_jwks_url],
    [dexPlatform.issuer, `${dexPlatform.issuer}/token`, `${dexPlatform.issuer}/keys`],
  );
});

test('dex-static-user: sign-in page → Dex login form → callback → session cookie → the upstream gets kubeflow-userid', async () => {
  if (skip) return;
  up('dex-static-user');
  const p = dexPlatform;
  const b = new Browser();
  const first = await b.navigate(`${p.gateway!.url}/`);
  // skip_provider_button = false: oauth2-proxy's own sign-in page, answered through ext_authz.
  assert.is(first.status, 403, diag(p));
  assert.ok(
    forms(first).some((f) => new URL(f.action).pathname === '/oauth2/start'),
    'the sign-in page has a form to /oauth2/start',
  );

  const { page, hops, consent } = await signIn(b, `${p.gateway!.url}/`, ADMIN);
  assert.not.ok(consent, 'no consent screen (the cfg sends prompt=none, Dex has skipApprovalScreen)');
  const authorize = hops.find((h) => new URL(h.url).pathname === '/dex/auth');
  assert.ok(
    authorize,
    `the browser went to Dex's /dex/auth through the gateway: ${hops.map((h) => h.url).join(' → ')}`,
  );
  const q = new URL(authorize!.url).searchParams;
  assert.is(q.get('client_id'), p.clientId);
  assert.is(q.get('redirect_uri'), `${p.gateway!.url}${CALLBACK}`);
  assert.is(q.get('code_challenge_method'), 'S256');
  const callback = hops.find((h) => new URL(h.url).pathname === CALLBACK);
  assert.ok(callback && new URL(callback.url).searchParams.get('code'), 'Dex redirected to the callback with a code');
  assert.ok(
    b.cookies(p.gateway!.url).has('oauth2_proxy_kubeflow'),
    'oauth2-proxy set its session cookie (cookie_name)',
  );

  const upstream = echoed(page);
  assert.is(upstream.path, '/');
  assert.is(upstream.headers['kubeflow-userid'], ADMIN.login, `${diag(p)}`);
  assert.is(dashboardUser(p, upstream), ADMIN.login, "the header and prefix the central dashboard's env names");
  sessions.set(p, b);
  assert.is(upstream.headers['x-auth-request-email'], ADMIN.login, 'set_xauthrequest');
  assert.match(upstream.headers.authorization ?? '', /^Bearer /, 'set_authorization_header');
  dexIdToken = upstream.headers.authorization!.slice('Bearer '.length);
  const claims = claimsOf(dexIdToken);
  assert.is(claims.iss, p.issuer);
  assert.is(claims.aud, p.clientId);
  assert.is(claims.email, ADMIN.login);

  // A background request with the session cookie: api_routes, still the same user.
  assert.is(
    echoed(await b.navigate(`${p.gateway!.url}/api/workgroup/env-info`)).headers['kubeflow-userid'],
    ADMIN.login,
  );
  // Without the cookie an API route gets 401, not a login redirect.
  assert.is((await new Browser().navigate(`${p.gateway!.url}/api/workgroup/env-info`)).status, 401);
});

test('dex-static-user: the Dex id_token is a bearer token for oauth2-proxy and the gateway; one signed by another key is refused', async () => {
  if (skip) return;
  up('dex-static-user');
  const p = dexPlatform;
  assert.ok(dexIdToken, 'needs the token of the sign-in test');
  const proxy = `http://127.0.0.1:${p.ports.proxy}/api/v1/pipelines`;
  const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
  const b = new Browser();

  // oauth2-proxy itself (skip_jwt_bearer_tokens from ENABLE_M2M_TOKENS): 200 from its static upstream.
  assert.is((await b.fetch(proxy, bearer(dexIdToken))).status, 200, 'oauth2-proxy accepts the Dex id_token');
  assert.is(
    (await b.fetch(proxy, bearer(resign(dexIdToken)))).status,
    401,
    'oauth2-proxy refuses a token signed by another key',
  );
  assert.is((await b.fetch(proxy)).status, 401, 'and a request without any credential');

  // Through the gateway a bearer request skips ext_authz; the RequestAuthentication decides.
  const gw = `${p.gateway!.url}/pipeline/apis/v2beta1/pipelines`;
  assert.is(echoed(await b.fetch(gw, bearer(dexIdToken))).headers['kubeflow-userid'], ADMIN.login, diag(p));
  const forged = await b.fetch(gw, bearer(resign(dexIdToken)));
  assert.is(forged.status, 401, diag(p));
  assert.is(forged.body, 'Jwt verification fails');
});

test('dex-static-user: a wrong password gets no session', async () => {
  if (skip) return;
  up('dex-static-user');
  const p = dexPlatform;
  const b = new Browser();
  const { page, hops } = await signIn(b, `${p.gateway!.url}/`, {
    login: ADMIN.login,
    password: 'not-the-password',
  });
  assert.not.ok(
    hops.some((h) => new URL(h.url).pathname === CALLBACK),
    'no redirect to the callback',
  );
  assert.ok(
    forms(page).some((f) => 'password' in f.fields),
    'Dex shows the password form again',
  );
  assert.match(page.body, /Invalid (Email Address|username) and password/i);
  assert.not.ok(b.cookies(p.gateway!.url).has('oauth2_proxy_kubeflow'));
});

test('dex-static-user: an oauth2-proxy whose client secret Dex does not have fails at the callback', async () => {
  if (skip) return;
  up('dex-static-user', 'wrong-client-secret');
  const p = dexPlatform;
  const key = 'oauth2-proxy.oauth2-proxy.svc.cluster.local:80';
  const good = p.services[key]!;
  p.services[key] = `http://127.0.0.1:${wrongSecret.port}`;
  try {
    const b = new Browser();
    const { page, hops } = await signIn(b, `${p.gateway!.url}/`, ADMIN);
    assert.ok(
      hops.some((h) => new URL(h.url).pathname === CALLBACK),
      'Dex accepted the password and redirected to the callback',
    );
    assert.is(page.status, 500, `the code redemption fails: ${page.status} ${page.body.slice(0, 200)}`);
    assert.not.ok(b.cookies(p.gateway!.url).has('oauth2_proxy_kubeflow'), 'no session cookie');
    assert.match(
      wrongSecret.proc!.output(),
      /token exchange failed: oauth2: "invalid_client"/,
      'Dex refused the client credentials',
    );
  } finally {
    p.services[key] = good;
  }
});

test('a cookie secret in standard base64 (with + or /) of 32 bytes: oauth2-proxy refuses to start', async () => {
  if (skip) return;
  const code = await Promise.race([
    badCookie.proc!.exited,
    new Promise<string>((r) => setTimeout(() => r('still running'), 5000)),
  ]);
  assert.is.not(code, 0);
  assert.is.not(code, 'still running', 'oauth2-proxy must not start with this cookie secret');
  assert.match(badCookie.proc!.output(), /cookie_secret must be 16, 24, or 32 bytes/);
});

test('eks-entra-nginx (direct OIDC, Dex standing in for Entra ID): sign-in → session → the upstream gets kubeflow-userid', async () => {
  if (skip) return;
  up('eks-entra-nginx');
  const p = entraPlatform;
  const b = new Browser();
  // oauth2-proxy sends approval_prompt=force (this cfg sets no prompt), so the Dex playing Entra ID
  // shows its consent screen and signIn grants it; Entra ID itself ignores approval_prompt.
  const { page, hops } = await signIn(b, `${p.gateway!.url}/jupyter/`, ENTRA_USER);
  // skip_provider_button = true: straight from the gateway to the identity provider.
  const authorize = hops[1];
  assert.ok(
    authorize && authorize.url.startsWith(`${p.issuer}/auth?`),
    `second hop is the IdP's authorization endpoint: ${hops.map((h) => h.url).join(' → ')}`,
  );
  assert.is(new URL(authorize!.url).searchParams.get('scope'), p.proxy.cfg.scope as string);
  assert.ok(
    b.cookies(p.gateway!.url).has('oauth2_proxy_kubeflow'),
    `session cookie; hops: ${hops.map((h) => `${h.status} ${h.url}`).join(' → ')}`,
  );
  const upstream = echoed(page);
  assert.is(upstream.path, '/jupyter/', 'back where the user started');
  assert.is(upstream.headers['kubeflow-userid'], ENTRA_USER.login, diag(p));
  assert.is(dashboardUser(p, upstream), ENTRA_USER.login, "the header and prefix the central dashboard's env names");
  sessions.set(p, b);
  assert.is(upstream.headers['x-auth-request-email'], ENTRA_USER.login);
  entraIdToken = (upstream.headers.authorization ?? '').replace(/^Bearer /, '');
  assert.is(claimsOf(entraIdToken).aud, p.clientId);
});

test('eks-entra-nginx: the id_token is a bearer token; tokens for another audience or signed by another key are refused', async () => {
  if (skip) return;
  up('eks-entra-nginx');
  const p = entraPlatform;
  assert.ok(entraIdToken, 'needs the token of the sign-in test');
  // A token the same identity provider issued to another application (client another-app).
  const b = new Browser();
  const redirect = 'http://127.0.0.1:9/callback';
  const authorize = `${p.issuer}/auth?${new URLSearchParams({ client_id: 'another-app', redirect_uri: redirect, response_type: 'code', scope: 'openid email profile', state: 'x' })}`;
  const { page } = await signIn(b, authorize, ENTRA_USER, (u) => u.startsWith(redirect));
  const code = new URL(page.headers.get('location')!, page.url).searchParams.get('code');
  assert.ok(code, 'another-app got a code');
  const token = (await (
    await fetch(`${p.issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('another-app:another-app-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: code!,
        redirect_uri: redirect,
      }),
    })
  ).json()) as { id_token: string };
  const otherAudience = token.id_token;
  assert.is(claimsOf(otherAudience).aud, 'another-app');

  const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
  const proxy = `http://127.0.0.1:${p.ports.proxy}/api/v1/pipelines`;
  assert.is((await b.fetch(proxy, bearer(entraIdToken))).status, 200, 'oauth2-proxy accepts the id_token');
  assert.is((await b.fetch(proxy, bearer(otherAudience))).status, 401, 'oauth2-proxy refuses another audience');
  assert.is((await b.fetch(proxy, bearer(resign(entraIdToken)))).status, 401, 'oauth2-proxy refuses another key');

  const gw = `${p.gateway!.url}/pipeline/apis/v2beta1/pipelines`;
  assert.is(echoed(await b.fetch(gw, bearer(entraIdToken))).headers['kubeflow-userid'], ENTRA_USER.login, diag(p));
  const refused = async (t: string) => {
    const r = await b.fetch(gw, bearer(t));
    return `${r.status} ${r.body}`;
  };
  assert.is(await refused(otherAudience), '401 Audiences in Jwt are not allowed');
  assert.is(await refused(resign(entraIdToken)), '401 Jwt verification fails');
});

test("each platform refuses the other's tokens (another issuer)", async () => {
  if (skip) return;
  up('dex-static-user', 'eks-entra-nginx');
  assert.ok(dexIdToken && entraIdToken, 'needs the tokens of both sign-in tests');
  const b = new Browser();
  for (const [p, foreign] of [
    [dexPlatform, entraIdToken],
    [entraPlatform, dexIdToken],
  ] as const) {
    const headers = { authorization: `Bearer ${foreign}` };
    assert.is(
      (await b.fetch(`http://127.0.0.1:${p.ports.proxy}/api/v1/pipelines`, { headers })).status,
      401,
      'oauth2-proxy',
    );
    const r = await b.fetch(`${p.gateway!.url}/pipeline/apis/v2beta1/pipelines`, { headers });
    assert.is(
      `${r.status} ${r.body}`,
      `401 Jwt issuer is not configured (${String(claimsOf(foreign).iss)})`,
      'gateway',
    );
  }
});

test("sign-out: the central dashboard's LOGOUT_URL ends the session and continues where the config says", async () => {
  if (skip) return;
  up('dex-static-user', 'eks-entra-nginx');
  for (const [p, continueTo] of [
    [dexPlatform, '/'],
    // The rendered rd= is Entra ID's end-session URL (not re-hosted): oauth2-proxy must allow it
    // (whitelist_domains). The client stops there: it never leaves loopback.
    [entraPlatform, 'https://login.microsoftonline.com/'],
  ] as const) {
    const b = sessions.get(p);
    assert.ok(b, 'needs the browser of the sign-in test');
    const logout = resolveContainer(p.objects, 'kubeflow', 'centraldashboard').env.LOGOUT_URL!;
    const out = await b!.fetch(`${p.gateway!.url}${logout}`);
    assert.is(out.status, 302, `${logout}: ${out.body.slice(0, 200)}`);
    const location = out.headers.get('location')!;
    assert.ok(location.startsWith(continueTo), `${logout} continues to ${location}`);
    if (logout.includes('rd=')) assert.is(location, new URL(logout, 'http://x').searchParams.get('rd'));
    assert.not.ok(b!.cookies(p.gateway!.url).has('oauth2_proxy_kubeflow'), 'the session cookie is gone');
    assert.is.not((await b!.fetch(`${p.gateway!.url}/`)).status, 200, 'and the next request is not let through');
  }
});

test.run();

/**
 * Browser sessions that outlive ID tokens, on the REAL oauth2-proxy v7.6.0 and Dex v2.39.1.
 *
 * Entra ID issues ID tokens valid for 60 minutes, Cognito (by default) too. kfgen's output for a
 * config with NO session settings (eks-entra-nginx, eks-cognito-adfs) is started as rendered, with
 * time scaled: a Dex written by this test stands in for the provider with `expiry.idTokens`
 * shortened to a few seconds, and oauth2-proxy's cookie_refresh and cookie_expire are scaled by
 * the same factor (the only changes besides loopback addresses and file paths; the first test
 * checks that). A browser-like client signs in once and then asks the gateway every second for
 * several token lifetimes: every answer must be the upstream's (no 401, no new sign-in), each
 * carrying an unexpired ID token, and oauth2-proxy's own /oauth2/auth must hand on unexpired
 * tokens too. The same run with refresh off (what kfgen wrote before) must fail: that is the
 * proof the check can fail.
 *
 * Simulated, not real: the identity providers (Dex playing Entra ID and Cognito; Cognito returns a
 * refresh token for any code grant, Dex only with offline_access, which the Cognito run adds);
 * the Istio gateway (test/support/login-gateway.ts, a loopback stand-in that reads the rendered
 * policies, RequestAuthentications and mesh config, not Envoy); no Kubernetes, no kubelet, no
 * Istio proxy; the Kubeflow apps are an echo upstream.
 */
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { suite } from '../support/suite.js';
import { FIXTURE_ENV, fixtureConfig, renderFixture } from '../support/fixtures.js';
import { find, manifestsDir, missingTools, type K8sObject } from '../support/tools.js';
import { Browser, forms, submit, type Page } from '../support/login-http.js';
import { startStandIn, type StandIn, type StandInUser } from '../support/login-standin.js';
import type { Change } from '../support/login-launch.js';
import { durationSeconds } from '../../src/util/duration.js';

const skip = missingTools('kustomize', 'manifests', 'dex', 'oauth2-proxy');
const test = suite('sessions through several ID-token lifetimes: real oauth2-proxy and Dex, time-scaled');

/** The providers' real ID-token lifetimes (Microsoft's and AWS's documented defaults), in seconds. */
const ENTRA_ID_TOKEN_SECONDS = 3600;
const COGNITO_DEFAULT_ID_TOKEN_SECONDS = 3600;
const USER: StandInUser = { email: 'megan@contoso.com', hash: FIXTURE_ENV.DEX_ADMIN_HASH!, password: 'password' };

const scratch = mkdtempSync(join(tmpdir(), 'kfgen-session-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** cookie_refresh and cookie_expire as rendered, scaled by test lifetime / real lifetime. */
function timeScaled(realSeconds: number, testSeconds: number) {
  const f = testSeconds / realSeconds;
  return (cfg: Record<string, unknown>): Change[] =>
    (['cookie_refresh', 'cookie_expire'] as const).map((key) => {
      const s = durationSeconds(String(cfg[key]));
      if (s === undefined) throw new Error(`rendered ${key} ${String(cfg[key])} is not a duration`);
      return {
        in: 'oauth2_proxy.cfg',
        at: key,
        to: `${s * f}s`,
        why: `time-scaled: ID tokens live ${testSeconds}s here instead of ${realSeconds}s`,
      };
    });
}

interface Run {
  label: string;
  lifetime: number;
  lifetimes: number;
  standIn?: StandIn;
  startError?: Error;
  result?: Walk;
}

interface Walk {
  answers: number;
  failures: string[];
  /** distinct ID tokens the upstream saw */
  tokens: Set<string>;
  signIns: number;
}

const exp = (jwt: string) =>
  (JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number }).exp;

async function signIn(b: Browser, start: string, user: StandInUser): Promise<Page> {
  let page = await b.navigate(start);
  const login = forms(page).find((f) => 'login' in f.fields && 'password' in f.fields);
  if (!login) throw new Error(`no Dex password form at ${page.url} (${page.status}): ${page.body.slice(0, 300)}`);
  page = await submit(b, login, { login: user.email, password: user.password });
  const grant = forms(page).find((f) => f.fields.approval === 'approve');
  if (grant) page = await submit(b, grant);
  return page;
}

/**
 * One sign-in, then a request through the gateway every second for `lifetimes` token lifetimes.
 * Each answer must be the upstream's with an unexpired bearer token; after each, oauth2-proxy's
 * /oauth2/auth (asked with the browser's cookies, its Set-Cookie not kept) must answer 202 with an
 * unexpired token as well.
 */
async function holdSession(s: StandIn, lifetime: number, lifetimes: number): Promise<Walk> {
  const b = new Browser();
  const first = await signIn(b, `${s.gateway.url}/jupyter/`, USER);
  const walk: Walk = { answers: 0, failures: [], tokens: new Set(), signIns: 1 };
  if (first.status !== 200) {
    walk.failures.push(`sign-in ended with ${first.status}: ${first.body.slice(0, 200)}`);
    return walk;
  }
  const start = Date.now();
  const at = () => `${((Date.now() - start) / 1000).toFixed(1)}s`;
  while (Date.now() - start < lifetimes * lifetime * 1000) {
    const page = await b.fetch(`${s.gateway.url}/jupyter/`);
    walk.answers++;
    if (page.status !== 200) {
      const to = page.headers.get('location');
      if (to && new URL(to, page.url).origin !== s.gateway.url) walk.signIns++;
      walk.failures.push(`${at()}: gateway answered ${page.status} ${page.body.slice(0, 60)}${to ? ` → ${to}` : ''}`);
    } else {
      const token = (
        (JSON.parse(page.body) as { headers: Record<string, string> }).headers.authorization ?? ''
      ).replace(/^Bearer /, '');
      walk.tokens.add(token);
      if (exp(token) * 1000 <= Date.now()) walk.failures.push(`${at()}: the upstream got an expired token`);
    }
    const cookie = [...b.cookies(s.proxyUrl)].map(([k, v]) => `${k}=${v}`).join('; ');
    const auth = await fetch(`${s.proxyUrl}/oauth2/auth`, { headers: { cookie }, redirect: 'manual' });
    await auth.arrayBuffer();
    const bearer = (auth.headers.get('authorization') ?? '').replace(/^Bearer /, '');
    if (auth.status !== 202) walk.failures.push(`${at()}: /oauth2/auth answered ${auth.status}`);
    else if (!bearer) walk.failures.push(`${at()}: /oauth2/auth handed on no token`);
    else if (exp(bearer) * 1000 <= Date.now())
      walk.failures.push(
        `${at()}: /oauth2/auth handed on a token that expired ${Date.now() / 1000 - exp(bearer)}s ago`,
      );
    await new Promise((r) => setTimeout(r, 1000));
  }
  return walk;
}

const entraRuns: Run[] = [
  { label: 'Entra ID, 10 s tokens', lifetime: 10, lifetimes: 4 },
  { label: 'Entra ID, 20 s tokens', lifetime: 20, lifetimes: 3 },
];
const cognitoRun: Run = { label: 'Cognito, 15 s tokens', lifetime: 15, lifetimes: 4 };
const offRun: Run = { label: 'Entra ID, 10 s tokens, refresh off', lifetime: 10, lifetimes: 2 };
const noCookieRun: Run = {
  label: 'Entra ID, 10 s tokens, mesh without set-cookie on allow',
  lifetime: 10,
  lifetimes: 2,
};
const runs = [...entraRuns, cognitoRun, offRun, noCookieRun];
let rendered: Array<{ name: string; objects: K8sObject[] }> = [];

test.before(async () => {
  if (skip) return;
  const [entra, cognito] = await Promise.all([renderFixture('eks-entra-nginx'), renderFixture('eks-cognito-adfs')]);
  rendered = [
    { name: 'eks-entra-nginx', objects: entra.objects },
    { name: 'eks-cognito-adfs', objects: cognito.objects },
  ];
  const entraConfig = parse(readFileSync(fixtureConfig('eks-entra-nginx'), 'utf8')) as {
    auth: { azureAd: { tenantId: string; clientId: string }; session?: unknown };
  };
  const cognitoConfig = parse(readFileSync(fixtureConfig('eks-cognito-adfs'), 'utf8')) as {
    auth: { cognito: { region: string; userPoolId: string; clientId: string }; session?: unknown };
  };
  assert.is(entraConfig.auth.session, undefined, 'eks-entra-nginx sets no session: what a new user writes');
  assert.is(cognitoConfig.auth.session, undefined, 'eks-cognito-adfs sets no session');
  const { tenantId, clientId } = entraConfig.auth.azureAd;
  const c = cognitoConfig.auth.cognito;
  const entraOpts = (run: Run, extra: (cfg: Record<string, unknown>) => Change[]) => ({
    name: run.label,
    objects: entra.objects,
    issuerOrigin: 'https://login.microsoftonline.com',
    issuerPath: `/${tenantId}/v2.0`,
    publicOrigin: 'https://kubeflow.contoso.com',
    clientId,
    clientSecret: FIXTURE_ENV.AZURE_CLIENT_SECRET!,
    dex: { expiry: { idTokens: `${run.lifetime}s` } },
    users: [USER],
    extra,
    root: join(scratch, run.label.replace(/\W+/g, '-')),
  });
  const starts: Array<[Run, Parameters<typeof startStandIn>[0]]> = [
    ...entraRuns.map((r): [Run, Parameters<typeof startStandIn>[0]] => [
      r,
      entraOpts(r, timeScaled(ENTRA_ID_TOKEN_SECONDS, r.lifetime)),
    ]),
    [
      offRun,
      entraOpts(offRun, (cfg) => [
        ...timeScaled(ENTRA_ID_TOKEN_SECONDS, offRun.lifetime)(cfg).filter((x) => x.at !== 'cookie_refresh'),
        { in: 'oauth2_proxy.cfg', at: 'cookie_refresh', to: '0s', why: 'the failure under test: refresh off' },
      ]),
    ],
    [
      noCookieRun,
      {
        ...entraOpts(noCookieRun, timeScaled(ENTRA_ID_TOKEN_SECONDS, noCookieRun.lifetime)),
        withoutDownstreamOnAllow: true,
      },
    ],
    [
      cognitoRun,
      {
        name: cognitoRun.label,
        objects: cognito.objects,
        issuerOrigin: `https://cognito-idp.${c.region}.amazonaws.com`,
        issuerPath: `/${c.userPoolId}`,
        publicOrigin: 'https://kubeflow.globex.com',
        clientId: c.clientId,
        clientSecret: FIXTURE_ENV.COGNITO_CLIENT_SECRET!,
        dex: { expiry: { idTokens: `${cognitoRun.lifetime}s` } },
        users: [USER],
        extra: (cfg) => [
          ...timeScaled(COGNITO_DEFAULT_ID_TOKEN_SECONDS, cognitoRun.lifetime)(cfg),
          {
            in: 'oauth2_proxy.cfg',
            at: 'scope',
            to: `${String(cfg.scope)} offline_access`,
            why: 'Dex returns a refresh token only for offline_access; Cognito returns one for every code grant',
          },
        ],
        root: join(scratch, 'cognito'),
      },
    ],
  ];
  await Promise.all(
    starts.map(async ([run, opts]) => {
      try {
        run.standIn = await startStandIn(opts);
      } catch (e) {
        run.startError = e as Error;
      }
    }),
  );
  // Every session at once: the walks take several token lifetimes each.
  await Promise.all(
    runs
      .filter((r) => r.standIn)
      .map(async (r) => {
        r.result = await holdSession(r.standIn!, r.lifetime, r.lifetimes);
      }),
  );
});

test.after(async () => {
  await Promise.all(runs.map((r) => r.standIn?.stop()));
  if (!skip)
    for (const r of runs)
      console.log(
        `${r.label}: ${r.result?.answers ?? 0} answers over ${r.lifetimes * r.lifetime}s, ${r.result?.tokens.size ?? 0} distinct ID tokens, ${r.result?.signIns ?? 0} sign-in(s), ${r.result?.failures.length ?? 0} failures${r.result?.failures.length ? ` (first: ${r.result.failures[0]})` : ''}`,
      );
});

const started = (r: Run): StandIn => {
  if (r.startError) throw r.startError;
  return r.standIn!;
};

test('the programs run with the rendered configuration: only the declared changes were made', () => {
  if (skip) return;
  for (const r of runs) assert.equal(started(r).problems, [], r.label);
});

test("the rendered mesh config is upstream's plus set-cookie on allowed checks", () => {
  if (skip) return;
  const meshOf = (text: string) =>
    parse(text) as { extensionProviders: Array<{ envoyExtAuthzHttp: Record<string, unknown> }> };
  const upstream = parse(
    readFileSync(
      join(
        manifestsDir,
        'common/oauth2-proxy/components/istio-external-auth-patches/patches/cm.enable-oauth2-proxy.yaml',
      ),
      'utf8',
    ),
  ) as { data: { mesh: string } };
  const [theirs] = meshOf(upstream.data.mesh).extensionProviders;
  for (const { name, objects } of rendered) {
    const cm = find(objects, 'ConfigMap', 'istio', 'istio-system') as { data: { mesh: string } } | undefined;
    assert.ok(cm, `${name}: the mesh ConfigMap is rendered`);
    const mesh = meshOf(cm!.data.mesh);
    const { headersToDownstreamOnAllow, ...rest } = mesh.extensionProviders[0]!.envoyExtAuthzHttp;
    assert.equal(headersToDownstreamOnAllow, ['set-cookie'], name);
    assert.equal(rest, theirs!.envoyExtAuthzHttp, `${name}: the rest of the provider is upstream's`);
    const strip = (m: Record<string, unknown>) => ({ ...m, extensionProviders: undefined });
    assert.equal(strip(mesh), strip(meshOf(upstream.data.mesh)), `${name}: the rest of the mesh is upstream's`);
  }
});

for (const r of [...entraRuns, cognitoRun])
  test(`${r.label}: one sign-in holds for ${r.lifetimes} token lifetimes, every token handed on unexpired`, () => {
    if (skip) return;
    started(r);
    const w = r.result!;
    assert.equal(
      w.failures,
      [],
      `${r.label}: ${w.failures.join('; ')}\n${r.standIn!.gateway.log.slice(-6).join('\n')}`,
    );
    assert.is(w.signIns, 1, 'the browser signed in once');
    // About one answer a second; the session was refreshed about every 0.75 lifetimes.
    assert.ok(w.answers >= r.lifetimes * r.lifetime * 0.6, `${w.answers} answers`);
    assert.ok(w.tokens.size >= r.lifetimes, `only ${w.tokens.size} distinct ID tokens: the session was not refreshed`);
  });

test('refresh off (kfgen before issue #19): the gateway gets an expired token within the session', () => {
  if (skip) return;
  started(offRun);
  const w = offRun.result!;
  assert.ok(
    w.failures.some((f) => /gateway answered 401 Jwt is expired/.test(f)),
    `expected 401 "Jwt is expired" from the gateway: ${w.failures.join('; ')}`,
  );
  assert.ok(
    w.failures.some((f) => /\/oauth2\/auth handed on a token that expired/.test(f)),
    `expected oauth2-proxy to hand on the expired token: ${w.failures.join('; ')}`,
  );
});

test("without set-cookie on allowed checks (upstream's mesh): the refreshed cookie never reaches the browser and the session ends", () => {
  if (skip) return;
  started(noCookieRun);
  const w = noCookieRun.result!;
  assert.ok(
    w.signIns > 1 || w.failures.some((f) => / 401/.test(f)),
    `the session should have broken (else this check cannot tell): ${w.failures.join('; ')}`,
  );
});

test.run();

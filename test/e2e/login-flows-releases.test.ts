/**
 * Real login flows for each newer Kubeflow release: the login flow runs with THAT release's Dex and
 * oauth2-proxy (test/support/release-tools.ts; where the Go module proxy does not serve the version a
 * release deploys, the nearest served one stands in, and the test names say so).
 *
 * For each of v1.10.2, v1.11.0 and 26.03, the config of fixtures/dex-static-user with only
 * `manifests.version`, `manifests.path` (and, for v1.11.0 and 26.03, `manifests.remoteBases`)
 * changed is built with kfgen (buildProject, into a temporary directory) and rendered with the real
 * kustomize. The release's Dex and oauth2-proxy binaries are then started with the configuration of
 * the rendered objects, exactly as test/e2e/login-flows.test.ts does for v1.9.1: the Deployments'
 * command and args, env resolved from their Secrets and ConfigMaps as the kubelet would, the mounted
 * ConfigMap files. Only the changes listed in `changesFor` are made (loopback addresses, Dex's
 * storage, file paths), and the first test of each release asserts that nothing else differs.
 * A browser-like client with a cookie jar then signs in through Dex's password form and out, a
 * wrong password is tried, the Dex id_token is tried as a bearer token at oauth2-proxy and at the
 * gateway (the rendered RequestAuthentication), the rendered probes are asked, and oauth2-proxy is
 * started with the cookie secrets users paste, against kfgen's own check of them.
 *
 * For 26.03 also fixtures/release-26.03-eks-entra-nginx (direct OIDC, as test/e2e/login-flows.test.ts
 * does for v1.9.1's eks-entra-nginx): its oauth2-proxy, with a Dex whose whole configuration THIS
 * TEST writes standing in for Entra ID, signs in, refreshes the session (cookie_refresh shortened:
 * a declared change) and signs out to the end-session URL.
 *
 * Simulated, not real:
 * - Istio's ingress gateway: test/support/login-gateway.ts is a loopback STAND-IN that reads the
 *   rendered AuthorizationPolicies, RequestAuthentications, the mesh config's ext_authz provider and
 *   the VirtualServices. It is not Envoy (and not the release's Istio version).
 * - Kubernetes: no API server, no pods, no NetworkPolicies (26.03's are evaluated by
 *   test/kubeflow/releases.test.ts); Dex keeps its state in memory instead of CRDs.
 * - The Kubeflow web apps: an echo upstream inside the stand-in answers with the request it got.
 */
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { suite } from '../support/suite.js';
import { FIXTURE_ENV, fixtureConfig, fixturesDir, renderFixture, withTenancyFiles } from '../support/fixtures.js';
import {
  find,
  kustomizeBuildAsync,
  manifestsDirFor,
  missingTools,
  remoteBasesDir,
  type K8sObject,
} from '../support/tools.js';
import { missingReleaseTools, releaseTools, type KubeflowRelease } from '../support/release-tools.js';
import { buildProject } from '../../src/pipeline/index.js';
import { release as releaseFacts } from '../../src/kubeflow/releases/index.js';
import { writeTreeAtomic } from '../../src/pipeline/write-tree.js';
import { cookieSecretBytes } from '../../src/kubeflow/cookie-secret.js';
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

const RELEASES: readonly KubeflowRelease[] = ['v1.10.2', 'v1.11.0', '26.03'];

// fixtures/dex-static-user's user; FIXTURE_ENV.DEX_ADMIN_HASH is a bcrypt hash of "password".
const ADMIN = { login: 'admin@lab.internal', password: 'password' };
const SESSION_COOKIE = 'oauth2_proxy_kubeflow';
/**
 * How long a program may take to answer after its start. Generous: the other releases' kustomize
 * builds run at the same time (Dex v2.41.1 was measured at 14.7 s to its first answer then, 0.6 s alone).
 */
const READY_MS = 60_000;

/** dexStaticUserChanges (test/support/login-dex.ts) with the release's Dex binary. */
function changesFor(release: KubeflowRelease, p: Ports, root: string): Change[] {
  return dexStaticUserChanges(p, root, releaseTools[release].dex);
}

const scratch = mkdtempSync(join(tmpdir(), 'kfgen-login-releases-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

/**
 * fixtures/dex-static-user's config for another release: only `manifests` differs. The cookie secret
 * file it names is copied beside it (from the fixture in this repository).
 */
function releaseConfig(release: KubeflowRelease, dir: string): string {
  const config = parse(readFileSync(fixtureConfig('dex-static-user'), 'utf8')) as Record<string, unknown>;
  // The releases that fetch remote bases build offline from the mirror (docs/releases.md).
  const offline = releaseFacts(release).remoteBases.length > 0;
  config.manifests = {
    version: release,
    path: manifestsDirFor(release),
    ...(offline ? { remoteBases: remoteBasesDir } : {}),
  };
  const file = join(dir, 'kfgen.config.yaml');
  writeFileSync(file, stringify(config));
  copyFileSync(join(fixturesDir, 'dex-static-user', 'cookie-secret.txt'), join(dir, 'cookie-secret.txt'));
  return file;
}

/** Builds the release's Dex static-user platform with kfgen and renders it with kustomize. */
async function render(release: KubeflowRelease): Promise<{ objects: K8sObject[]; ms: number }> {
  const t = Date.now();
  const dir = join(scratch, `build-${release}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const configFile = releaseConfig(release, dir);
  const outDir = join(dir, 'out');
  const { tree } = await buildProject({
    cwd: dir,
    configFile,
    outDir,
    manifestsDir: manifestsDirFor(release),
    env: FIXTURE_ENV,
  });
  writeTreeAtomic(outDir, tree);
  const { objects } = withTenancyFiles(await kustomizeBuildAsync(outDir), tree);
  return { objects, ms: Date.now() - t };
}

const treesMissing = missingTools('kustomize', 'release-manifests');

/** Why a release cannot run here: SKIP (undefined error) for a developer, an error under CI. */
function missingFor(release: KubeflowRelease): { skip?: string; error?: Error } {
  if (treesMissing) return { skip: treesMissing };
  try {
    const skip = missingReleaseTools(release, 'dex', 'oauth2-proxy');
    return skip ? { skip } : {};
  } catch (e) {
    return { error: e as Error };
  }
}

/** The version a binary reports: `Dex Version: v2.44.0`, `oauth2-proxy v7.15.6 (built with …)`. */
function reportedVersion(bin: string, args: string[], pattern: RegExp): string | undefined {
  const out = execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return pattern.exec(out)?.[1];
}

/** The image tag a rendered Deployment's container runs. */
function imageTag(objects: K8sObject[], namespace: string, name: string): string | undefined {
  const d = objects.find(
    (o) => o.kind === 'Deployment' && o.metadata.name === name && o.metadata.namespace === namespace,
  ) as
    (K8sObject & { spec: { template: { spec: { containers: Array<{ name: string; image: string }> } } } }) | undefined;
  return d?.spec.template.spec.containers
    .find((c) => c.name === name)
    ?.image.split(':')
    .pop();
}

interface ProbedContainer {
  name: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  livenessProbe?: { httpGet?: { path: string; port: number | string; scheme?: string } };
  readinessProbe?: { httpGet?: { path: string; port: number | string; scheme?: string } };
  startupProbe?: { httpGet?: { path: string; port: number | string; scheme?: string } };
}

/** A container's HTTP probes as the kubelet sends them: path and container port (a named port resolved). */
function httpProbes(
  objects: K8sObject[],
  namespace: string,
  name: string,
): Array<{ probe: string; path: string; port: number }> {
  const d = find(objects, 'Deployment', name, namespace) as
    (K8sObject & { spec: { template: { spec: { containers: ProbedContainer[] } } } }) | undefined;
  const c = d?.spec.template.spec.containers.find((x) => x.name === name);
  if (!c) throw new Error(`Deployment ${namespace}/${name}: no container ${name}`);
  return (['startupProbe', 'readinessProbe', 'livenessProbe'] as const).flatMap((probe) => {
    const get = c[probe]?.httpGet;
    if (!get) return [];
    if ((get.scheme ?? 'HTTP') !== 'HTTP') throw new Error(`${namespace}/${name} ${probe}: scheme ${get.scheme}`);
    const port = typeof get.port === 'number' ? get.port : c.ports?.find((x) => x.name === get.port)?.containerPort;
    if (port === undefined) throw new Error(`${namespace}/${name} ${probe}: no container port named ${get.port}`);
    return [{ probe, path: get.path, port }];
  });
}

/** The port of a rendered listen address (`0.0.0.0:5556`, `--http-address=0.0.0.0:4180`). */
const listenPort = (address: string) => Number(/:(\d+)$/.exec(address)?.[1]);

// Every release renders at once (kustomize runs in child processes), each suite waits for its own.
const rendered = new Map<KubeflowRelease, Promise<{ objects: K8sObject[]; ms: number }>>();
const missing = new Map(RELEASES.map((r) => [r, missingFor(r)]));
for (const release of RELEASES) {
  if (missing.get(release)!.skip || missing.get(release)!.error) continue;
  const p = render(release);
  p.catch(() => undefined); // reported by the suite's before hook
  rendered.set(release, p);
}

interface Platform {
  objects: K8sObject[];
  ports: Ports;
  changes: Change[];
  dex: Launch & { config: Record<string, unknown> };
  proxy: Launch & { cfg: Record<string, unknown> };
  gatewayProblems: string[];
  issuer: string;
  clientId: string;
  gateway: Gateway;
  procs: { dex: Proc; proxy: Proc };
}

for (const release of RELEASES) {
  const t = releaseTools[release];
  const runs = `${t.dex.label} and ${t.oauth2Proxy.label}`;
  const test = suite(`login flows, Kubeflow ${release}: real ${runs}, gateway stand-in`);
  const { skip, error } = missing.get(release)!;
  /** Every test of a release whose tools are missing: skipped for a developer, failed under CI. */
  const absent = () => {
    if (error) throw error;
    return skip !== undefined;
  };
  const timings: Record<string, number> = {};
  let p: Platform;
  let idToken = '';
  let session: Browser | undefined;
  let checksFrom = 0;

  test.before(async () => {
    if (skip || error) return;
    const r = await rendered.get(release)!;
    timings[`build + render (kfgen + kustomize, concurrently with the other releases)`] = r.ms;
    const ports: Ports = { dex: await freePort(), proxy: await freePort(), gateway: await freePort() };
    const root = join(scratch, release);
    const changes = changesFor(release, ports, root);
    const dex = planDex(r.objects, changes, root);
    // The image's entrypoint is the release's oauth2-proxy binary (the launch is otherwise the rendered one).
    const proxy = { ...planOauth2Proxy(r.objects, changes, root), bin: t.oauth2Proxy.bin };
    const g = gatewayObjects(r.objects, changes);
    const services = {
      'dex.auth.svc.cluster.local:5556': `http://127.0.0.1:${ports.dex}`,
      'oauth2-proxy.oauth2-proxy.svc.cluster.local:80': `http://127.0.0.1:${ports.proxy}`,
    };
    const gateway = await startGateway(gatewayConfigFrom(g.objects), services, ports.gateway);
    const started = Date.now();
    const dexProc = startProc(`dex (${release}, ${t.dex.label})`, dex.bin, dex.args, dex.env);
    // Assigned before waiting, so that after() stops whatever started.
    p = {
      objects: r.objects,
      ports,
      changes,
      dex,
      proxy,
      gatewayProblems: g.problems,
      issuer: dex.config.issuer as string,
      clientId: proxy.env.OAUTH2_PROXY_CLIENT_ID!,
      gateway,
      procs: { dex: dexProc, proxy: undefined as unknown as Proc },
    };
    await waitReady(dexProc, `${p.issuer}/.well-known/openid-configuration`, READY_MS);
    p.procs.proxy = startProc(`oauth2-proxy (${release}, ${t.oauth2Proxy.label})`, proxy.bin, proxy.args, proxy.env);
    await waitReady(p.procs.proxy, `http://127.0.0.1:${ports.proxy}/ping`, READY_MS);
    timings['start Dex, then oauth2-proxy'] = Date.now() - started;
    checksFrom = Date.now();
  });

  test.after(async () => {
    if (checksFrom) timings['the checks'] = Date.now() - checksFrom;
    await Promise.all([p?.procs.dex?.stop(), p?.procs.proxy?.stop(), p?.gateway.close()]);
    if (!skip && !error)
      console.log(
        `login flows ${release}: ${Object.entries(timings)
          .map(([k, v]) => `${k} ${v} ms`)
          .join('; ')}`,
      );
  });

  const diag = () => `gateway log:\n${p.gateway.log.slice(-8).join('\n')}\n${p.procs.proxy?.output().slice(-1500)}`;

  /** The user id as the central dashboard reads it: its USERID_HEADER, less its USERID_PREFIX. */
  const dashboardUser = (upstream: { headers: Record<string, string> }) => {
    const env = resolveContainer(p.objects, 'kubeflow', 'centraldashboard').env;
    const v = upstream.headers[env.USERID_HEADER!.toLowerCase()];
    return v?.startsWith(env.USERID_PREFIX ?? '') ? v.slice((env.USERID_PREFIX ?? '').length) : v;
  };

  test(`${release}: ${runs} run with the rendered configuration: only the listed changes were made`, () => {
    if (absent()) return;
    assert.equal([...p.dex.problems, ...p.proxy.problems, ...p.gatewayProblems], []);
    // Re-hosting kept the rendered paths: Dex's issuer and oauth2-proxy's Dex URLs still agree.
    const cfg = p.proxy.cfg;
    assert.equal(
      [cfg.oidc_issuer_url, cfg.redeem_url, cfg.oidc_jwks_url],
      [p.issuer, `${p.issuer}/token`, `${p.issuer}/keys`],
    );
    // The rendered images are the release's, and the binaries that run are the versions the names say.
    assert.is(imageTag(p.objects, 'auth', 'dex'), t.dex.upstream, 'the rendered Dex image');
    assert.is(
      imageTag(p.objects, 'oauth2-proxy', 'oauth2-proxy'),
      t.oauth2Proxy.upstream,
      'the rendered oauth2-proxy image',
    );
    assert.is(reportedVersion(t.dex.bin, ['version'], /Dex Version: (\S+)/), t.dex.version);
    assert.is(reportedVersion(t.oauth2Proxy.bin, ['--version'], /oauth2-proxy (v\S+)/), t.oauth2Proxy.version);
  });

  test(`${release}: the rendered probes answer on ${runs}`, async () => {
    if (absent()) return;
    // Rendered listen port → where the program listens here (the declared loopback changes).
    const rendered = {
      dex: parse(resolveContainer(p.objects, 'auth', 'dex').files.get('/etc/dex/cfg/config.yaml')!) as {
        web: { http: string };
      },
      proxy: resolveContainer(p.objects, 'oauth2-proxy', 'oauth2-proxy').args[0]!,
    };
    const targets = [
      { ns: 'auth', name: 'dex', ports: { [listenPort(rendered.dex.web.http)]: p.ports.dex } },
      { ns: 'oauth2-proxy', name: 'oauth2-proxy', ports: { [listenPort(rendered.proxy)]: p.ports.proxy } },
    ];
    const answers: string[] = [];
    for (const t of targets)
      for (const probe of httpProbes(p.objects, t.ns, t.name)) {
        const port = t.ports[probe.port];
        const where = `${t.ns}/${t.name} ${probe.probe} ${probe.path} on port ${probe.port}`;
        if (port === undefined) {
          answers.push(`${where}: the program does not listen on that port`);
          continue;
        }
        const r = await fetch(`http://127.0.0.1:${port}${probe.path}`);
        answers.push(`${where}: ${r.status}`);
        await r.arrayBuffer();
      }
    assert.ok(answers.length > 0, 'the Deployments have HTTP probes');
    assert.equal(
      answers.filter((a) => !a.endsWith(': 200')),
      [],
      answers.join('\n'),
    );
  });

  test(`${release}: sign-in page → ${t.dex.label} login form → callback → ${t.oauth2Proxy.label} session cookie → the upstream gets kubeflow-userid`, async () => {
    if (absent()) return;
    const b = new Browser();
    const first = await b.navigate(`${p.gateway.url}/`);
    // skip_provider_button = false: oauth2-proxy's own sign-in page, answered through ext_authz.
    assert.is(first.status, 403, diag());
    assert.ok(
      forms(first).some((f) => new URL(f.action).pathname === '/oauth2/start'),
      'the sign-in page has a form to /oauth2/start',
    );

    const { page, hops, consent } = await signIn(b, `${p.gateway.url}/`, ADMIN);
    assert.not.ok(consent, 'no consent screen (the cfg sends prompt=none, Dex has skipApprovalScreen)');
    const authorize = hops.find((h) => new URL(h.url).pathname === '/dex/auth');
    assert.ok(
      authorize,
      `the browser went to Dex's /dex/auth through the gateway: ${hops.map((h) => h.url).join(' → ')}`,
    );
    const q = new URL(authorize!.url).searchParams;
    assert.is(q.get('client_id'), p.clientId);
    assert.is(q.get('redirect_uri'), `${p.gateway.url}${CALLBACK}`);
    assert.is(q.get('code_challenge_method'), 'S256');
    const callback = hops.find((h) => new URL(h.url).pathname === CALLBACK);
    assert.ok(callback && new URL(callback.url).searchParams.get('code'), 'Dex redirected to the callback with a code');
    assert.ok(
      b.cookies(p.gateway.url).has(SESSION_COOKIE),
      `oauth2-proxy set its session cookie (cookie_name): ${diag()}`,
    );

    const upstream = echoed(page);
    assert.is(upstream.path, '/');
    assert.is(upstream.headers['kubeflow-userid'], ADMIN.login, diag());
    assert.is(dashboardUser(upstream), ADMIN.login, "the header and prefix the central dashboard's env names");
    session = b;
    assert.is(upstream.headers['x-auth-request-email'], ADMIN.login, 'set_xauthrequest');
    assert.match(upstream.headers.authorization ?? '', /^Bearer /, 'set_authorization_header');
    idToken = upstream.headers.authorization!.slice('Bearer '.length);
    const claims = claimsOf(idToken);
    assert.is(claims.iss, p.issuer);
    assert.is(claims.aud, p.clientId);
    assert.is(claims.email, ADMIN.login);

    // A background request with the session cookie: api_routes, still the same user.
    assert.is(
      echoed(await b.navigate(`${p.gateway.url}/api/workgroup/env-info`)).headers['kubeflow-userid'],
      ADMIN.login,
    );
    // Without the cookie an API route gets 401, not a login redirect.
    assert.is((await new Browser().navigate(`${p.gateway.url}/api/workgroup/env-info`)).status, 401);
  });

  test(`${release}: a wrong password gets no session from ${t.dex.label}`, async () => {
    if (absent()) return;
    const b = new Browser();
    const { page, hops } = await signIn(b, `${p.gateway.url}/`, { login: ADMIN.login, password: 'not-the-password' });
    assert.not.ok(
      hops.some((h) => new URL(h.url).pathname === CALLBACK),
      'no redirect to the callback',
    );
    assert.ok(
      forms(page).some((f) => 'password' in f.fields),
      'Dex shows the password form again',
    );
    assert.match(page.body, /Invalid (Email Address|username) and password/i);
    assert.not.ok(b.cookies(p.gateway.url).has(SESSION_COOKIE));
    assert.is((await b.navigate(`${p.gateway.url}/api/workgroup/env-info`)).status, 401, 'and the API stays closed');
  });

  test(`${release}: ${t.oauth2Proxy.label} starts with exactly the cookie secrets kfgen's check accepts`, async () => {
    if (absent()) return;
    // What users paste (docs: openssl rand); kfgen's model (src/kubeflow/cookie-secret.ts) is of
    // oauth2-proxy v7.6.0's SecretBytes, and is used for every release.
    let standard: string;
    do standard = randomBytes(32).toString('base64');
    while (!/[+/]/.test(standard));
    const secrets: Record<string, string> = {
      'openssl rand -hex 16': randomBytes(16).toString('hex'),
      'openssl rand -base64 32 (with + or /)': standard,
      'the same in URL-safe base64, padded': standard.replace(/\+/g, '-').replace(/\//g, '_'),
      '16 raw characters': 'kfgen-raw-16char',
      '20 characters of base64 (15 bytes decoded)': randomBytes(15).toString('base64url'),
    };
    const outcomes: string[] = [];
    await Promise.all(
      Object.entries(secrets).map(async ([what, secret], i) => {
        const port = await freePort();
        const root = join(scratch, `${release}-cookie-${i}`);
        const changes: Change[] = [
          ...changesFor(release, { ...p.ports, proxy: port }, root).filter((c) => c.in.startsWith('oauth2')),
          { in: 'oauth2-proxy env', at: 'OAUTH2_PROXY_COOKIE_SECRET', to: secret, why: 'the secret under test' },
        ];
        const launch = { ...planOauth2Proxy(p.objects, changes, root), bin: t.oauth2Proxy.bin };
        assert.equal(launch.problems, []);
        const proc = startProc(
          `oauth2-proxy (${release}, cookie secret: ${what})`,
          launch.bin,
          launch.args,
          launch.env,
        );
        const started = await waitReady(proc, `http://127.0.0.1:${port}/ping`, READY_MS).then(
          () => true,
          () => false,
        );
        await proc.stop();
        const kfgen = cookieSecretBytes(secret) !== undefined;
        outcomes.push(
          `${what}: oauth2-proxy ${started ? 'starts' : 'refuses'}, kfgen ${kfgen ? 'accepts' : 'refuses'}${started ? '' : ` (${/cookie_secret[^\n]*/.exec(proc.output())?.[0] ?? proc.output().slice(-200)})`}`,
        );
      }),
    );
    // A refusal counts only for the cookie secret's reason (not a port taken or a config error).
    const disagree = outcomes.filter(
      (o) =>
        /starts, kfgen refuses|refuses, kfgen accepts/.test(o) ||
        (/oauth2-proxy refuses/.test(o) && !/cookie_secret must be 16, 24, or 32 bytes/.test(o)),
    );
    assert.equal(disagree, [], outcomes.join('\n'));
  });

  test(`${release}: the ${t.dex.label} id_token is a bearer token for ${t.oauth2Proxy.label} and for the gateway where the rendered RequestAuthentication says; one signed by another key is refused`, async () => {
    if (absent()) return;
    assert.ok(idToken, 'needs the token of the sign-in test');
    const proxy = `http://127.0.0.1:${p.ports.proxy}/api/v1/pipelines`;
    const bearer = (tok: string) => ({ headers: { authorization: `Bearer ${tok}` } });
    const b = new Browser();

    // oauth2-proxy itself (skip_jwt_bearer_tokens from ENABLE_M2M_TOKENS): 200 from its static upstream.
    assert.is((await b.fetch(proxy, bearer(idToken))).status, 200, `oauth2-proxy accepts the Dex id_token: ${diag()}`);
    assert.is(
      (await b.fetch(proxy, bearer(resign(idToken)))).status,
      401,
      'oauth2-proxy refuses a token signed by another key',
    );
    assert.is((await b.fetch(proxy)).status, 401, 'and a request without any credential');

    // Through the gateway a bearer request skips ext_authz; the RequestAuthentication decides:
    // its issuer (Dex's, re-hosted) and the claim it maps to kubeflow-userid.
    const rule = (
      p.objects.find(
        (o) =>
          o.kind === 'RequestAuthentication' &&
          o.metadata.name === 'dex-jwt' &&
          o.metadata.namespace === 'istio-system',
      ) as unknown as { spec: { jwtRules: Array<{ outputClaimToHeaders: Array<{ header: string; claim: string }> }> } }
    ).spec.jwtRules[0]!;
    assert.equal(
      rule.outputClaimToHeaders.find((o) => o.header === 'kubeflow-userid'),
      { header: 'kubeflow-userid', claim: 'email' },
    );
    const gw = `${p.gateway.url}/pipeline/apis/v2beta1/pipelines`;
    assert.is(echoed(await b.fetch(gw, bearer(idToken))).headers['kubeflow-userid'], ADMIN.login, diag());
    const forged = await b.fetch(gw, bearer(resign(idToken)));
    assert.is(forged.status, 401, diag());
    assert.is(forged.body, 'Jwt verification fails');
    // And a request to the gateway with neither a token nor a session is not let through.
    assert.is.not((await b.fetch(gw)).status, 200);
  });

  test(`${release}: sign-out through the central dashboard's LOGOUT_URL ends the ${t.oauth2Proxy.label} session`, async () => {
    if (absent()) return;
    const b = session;
    assert.ok(b, 'needs the browser of the sign-in test');
    const logout = resolveContainer(p.objects, 'kubeflow', 'centraldashboard').env.LOGOUT_URL!;
    const out = await b!.fetch(`${p.gateway.url}${logout}`);
    assert.is(out.status, 302, `${logout}: ${out.body.slice(0, 200)}`);
    const location = out.headers.get('location')!;
    assert.ok(location.startsWith('/'), `${logout} continues to ${location}`);
    if (logout.includes('rd=')) assert.is(location, new URL(logout, 'http://x').searchParams.get('rd'));
    assert.not.ok(b!.cookies(p.gateway.url).has(SESSION_COOKIE), 'the session cookie is gone');
    assert.is.not((await b!.fetch(`${p.gateway.url}/`)).status, 200, 'and the next request is not let through');
    assert.is((await b!.fetch(`${p.gateway.url}/api/workgroup/env-info`)).status, 401, 'nor an API request');
  });

  test.run();
}

// --- 26.03 with direct OIDC: fixtures/release-26.03-eks-entra-nginx, whose session refreshes. ---

const ENTRA_FIXTURE = 'release-26.03-eks-entra-nginx';
/** Seconds: the rendered cookie_refresh is changed to this, so a refresh happens within the test. */
const REFRESH_AFTER = 2;

{
  const release: KubeflowRelease = '26.03';
  const t = releaseTools[release];
  const test = suite(
    `login flows, Kubeflow ${release} ${ENTRA_FIXTURE} (direct OIDC, a ${t.dex.label} standing in for Entra ID): real ${t.oauth2Proxy.label}, gateway stand-in`,
  );
  const { skip, error } = missing.get(release)!;
  const absent = () => {
    if (error) throw error;
    return skip !== undefined;
  };
  let p: {
    objects: K8sObject[];
    ports: Ports;
    proxy: Launch & { cfg: Record<string, unknown> };
    gatewayProblems: string[];
    issuer: string;
    clientId: string;
    gateway: Gateway;
    procs: { dex?: Proc; proxy?: Proc };
  };
  let session: Browser | undefined;
  const timings: Record<string, number> = {};
  // Rendered concurrently with the other releases' platforms (renderFixture keeps the promise).
  if (!skip && !error) renderFixture(ENTRA_FIXTURE).catch(() => undefined);

  test.before(async () => {
    if (skip || error) return;
    const started = Date.now();
    const r = await renderFixture(ENTRA_FIXTURE);
    timings['waited for build + render (kfgen + kustomize, begun at load)'] = Date.now() - started;
    const ports: Ports = { dex: await freePort(), proxy: await freePort(), gateway: await freePort() };
    const root = join(scratch, `${release}-entra`);
    const changes = entraChanges(ports, root, [
      {
        in: 'oauth2_proxy.cfg',
        at: 'cookie_refresh',
        to: `${REFRESH_AFTER}s`,
        why: 'the session refreshes within the test instead of after the rendered period',
      },
    ]);
    const azureAd = (
      parse(readFileSync(fixtureConfig(ENTRA_FIXTURE), 'utf8')) as {
        auth: { azureAd: { tenantId: string; clientId: string } };
      }
    ).auth.azureAd;
    const proxy = { ...planOauth2Proxy(r.objects, changes, root), bin: t.oauth2Proxy.bin };
    const g = gatewayObjects(r.objects, changes);
    const config = entraStandInConfig(ports, azureAd, FIXTURE_ENV.AZURE_CLIENT_SECRET!);
    const standIn = join(scratch, `${release}-entra-standin.yaml`);
    writeFileSync(standIn, stringify(config));
    const services = { 'oauth2-proxy.oauth2-proxy.svc.cluster.local:80': `http://127.0.0.1:${ports.proxy}` };
    const gateway = await startGateway(gatewayConfigFrom(g.objects), services, ports.gateway);
    p = {
      objects: r.objects,
      ports,
      proxy,
      gatewayProblems: g.problems,
      issuer: config.issuer,
      clientId: azureAd.clientId,
      gateway,
      procs: {},
    };
    const up = Date.now();
    p.procs.dex = startProc(`dex (Entra ID stand-in, ${t.dex.label})`, t.dex.bin, ['serve', standIn], {});
    await waitReady(p.procs.dex, `${p.issuer}/.well-known/openid-configuration`, READY_MS);
    p.procs.proxy = startProc(
      `oauth2-proxy (${ENTRA_FIXTURE}, ${t.oauth2Proxy.label})`,
      proxy.bin,
      proxy.args,
      proxy.env,
    );
    await waitReady(p.procs.proxy, `http://127.0.0.1:${ports.proxy}/ping`, READY_MS);
    timings['start the IdP stand-in, then oauth2-proxy'] = Date.now() - up;
  });

  test.after(async () => {
    await Promise.all([p?.procs.dex?.stop(), p?.procs.proxy?.stop(), p?.gateway.close()]);
    if (!skip && !error)
      console.log(
        `login flows ${release} ${ENTRA_FIXTURE}: ${Object.entries(timings)
          .map(([k, v]) => `${k} ${v} ms`)
          .join('; ')}`,
      );
  });

  const diag = () => `gateway log:\n${p.gateway.log.slice(-8).join('\n')}\n${p.procs.proxy?.output().slice(-1500)}`;

  test(`${release} ${ENTRA_FIXTURE}: ${t.oauth2Proxy.label} runs with the rendered configuration: only the listed changes were made`, () => {
    if (absent()) return;
    assert.equal([...p.proxy.problems, ...p.gatewayProblems], []);
    assert.is(
      imageTag(p.objects, 'oauth2-proxy', 'oauth2-proxy'),
      t.oauth2Proxy.upstream,
      'the rendered oauth2-proxy image',
    );
    assert.ok(
      (p.proxy.cfg.scope as string).split(' ').includes('offline_access'),
      'a refreshing session asks for a refresh token',
    );
  });

  test(`${release} ${ENTRA_FIXTURE}: sign-in at the identity provider → ${t.oauth2Proxy.label} session → the upstream gets kubeflow-userid; after cookie_refresh the session is refreshed and stays signed in`, async () => {
    if (absent()) return;
    const b = new Browser();
    const { page, hops } = await signIn(b, `${p.gateway.url}/jupyter/`, ENTRA_USER);
    // skip_provider_button = true: straight from the gateway to the identity provider.
    assert.ok(
      hops[1]?.url.startsWith(`${p.issuer}/auth?`),
      `second hop is the IdP's authorization endpoint: ${hops.map((h) => h.url).join(' → ')}`,
    );
    assert.is(new URL(hops[1]!.url).searchParams.get('scope'), p.proxy.cfg.scope as string);
    const upstream = echoed(page);
    assert.is(upstream.path, '/jupyter/', 'back where the user started');
    assert.is(upstream.headers['kubeflow-userid'], ENTRA_USER.login, diag());
    const first = upstream.headers.authorization;
    assert.match(first ?? '', /^Bearer /);
    session = b;

    await new Promise((r) => setTimeout(r, REFRESH_AFTER * 1000 + 1200));
    const again = await b.navigate(`${p.gateway.url}/jupyter/api/namespaces`);
    const refreshed = echoed(again);
    assert.is(refreshed.headers['kubeflow-userid'], ENTRA_USER.login, `still signed in after the refresh: ${diag()}`);
    assert.match(p.procs.proxy!.output(), /Refreshing session - User: /, 'oauth2-proxy refreshed the session');
    assert.not.match(p.procs.proxy!.output(), /Unable to refresh session|access_token validation failed/, diag());
    // The refresh redeemed the refresh token at the IdP: a new id_token goes to the gateway.
    assert.is.not(refreshed.headers.authorization, first, 'a new id_token after the refresh');
    assert.is(claimsOf(refreshed.headers.authorization!.slice('Bearer '.length)).email, ENTRA_USER.login);
    // And that id_token is one the gateway's RequestAuthentication accepts.
    const gw = `${p.gateway.url}/pipeline/apis/v2beta1/pipelines`;
    const bearer = { headers: { authorization: refreshed.headers.authorization! } };
    assert.is(echoed(await new Browser().fetch(gw, bearer)).headers['kubeflow-userid'], ENTRA_USER.login, diag());
  });

  test(`${release} ${ENTRA_FIXTURE}: sign-out continues to the identity provider's end-session URL (whitelist_domains)`, async () => {
    if (absent()) return;
    const b = session;
    assert.ok(b, 'needs the browser of the sign-in test');
    const logout = resolveContainer(p.objects, 'kubeflow', 'centraldashboard').env.LOGOUT_URL!;
    const out = await b!.fetch(`${p.gateway.url}${logout}`);
    assert.is(out.status, 302, `${logout}: ${out.body.slice(0, 200)}`);
    // The rendered rd= is Entra ID's end-session URL (not re-hosted); the client never leaves loopback.
    assert.is(out.headers.get('location'), new URL(logout, 'http://x').searchParams.get('rd'));
    assert.ok(out.headers.get('location')!.startsWith('https://login.microsoftonline.com/'));
    assert.not.ok(b!.cookies(p.gateway.url).has(SESSION_COOKIE), 'the session cookie is gone');
    assert.is.not((await b!.fetch(`${p.gateway.url}/`)).status, 200, 'and the next request is not let through');
  });

  test.run();
}

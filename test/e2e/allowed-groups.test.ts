/**
 * `auth.allowedGroups` on the REAL oauth2-proxy v7.6.0: a user outside the groups gets 403, one
 * inside gets in. Two configs (eks-entra-nginx plus `allowedGroups`) are built by kfgen and
 * kustomize; each oauth2-proxy runs as rendered, with loopback addresses and file paths changed
 * and one declared change: `groups` added to the scope, because Dex emits the groups claim only
 * for that scope, where Entra ID emits it from the app registration's groups claim (NEXT_STEPS).
 *
 * Simulated, not real: Entra ID (a Dex written by this test, whose `mockCallback` connector signs
 * in a fixed user, kilgore@kilgore.trout, member of the group "authors"; Dex's static passwords
 * carry no groups); the Istio gateway (the loopback stand-in of test/support/login-gateway.ts, not
 * Envoy); no Kubernetes, no kubelet, no Istio proxy; the Kubeflow apps are an echo upstream.
 */
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { suite } from '../support/suite.js';
import { FIXTURE_ENV, fixtureConfig } from '../support/fixtures.js';
import { kustomizeBuildAsync, manifestsDir, missingTools, repoRoot, type K8sObject } from '../support/tools.js';
import { Browser, forms, submit, type Page } from '../support/login-http.js';
import { startStandIn, type StandIn } from '../support/login-standin.js';
import { buildProject } from '../../src/pipeline/index.js';
import { writeTreeAtomic } from '../../src/pipeline/write-tree.js';

const skip = missingTools('kustomize', 'manifests', 'dex', 'oauth2-proxy');
const test = suite('auth.allowedGroups: real oauth2-proxy admits members and refuses the others');

/** Dex's mockCallback connector signs in this user, with these groups (dex connector/mock). */
const MOCK_USER = { email: 'kilgore@kilgore.trout', groups: ['authors'] };

const scratch = mkdtempSync(join(tmpdir(), 'kfgen-groups-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

async function render(name: string, allowedGroups: string[]): Promise<K8sObject[]> {
  const config = parse(readFileSync(fixtureConfig('eks-entra-nginx'), 'utf8')) as { auth: Record<string, unknown> };
  config.auth.allowedGroups = allowedGroups;
  const dir = join(scratch, name);
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, stringify(config));
  const { tree } = await buildProject({ cwd: repoRoot, configFile: file, outDir: dir, manifestsDir, env: FIXTURE_ENV });
  writeTreeAtomic(dir, tree);
  return (await kustomizeBuildAsync(dir)).objects;
}

const platforms: Record<'inside' | 'outside', { allowed: string[]; s?: StandIn; error?: Error }> = {
  inside: { allowed: ['kubeflow-admins', 'authors'] },
  outside: { allowed: ['kubeflow-admins'] },
};

test.before(async () => {
  if (skip) return;
  const entra = parse(readFileSync(fixtureConfig('eks-entra-nginx'), 'utf8')) as {
    auth: { azureAd: { tenantId: string; clientId: string } };
  };
  await Promise.all(
    Object.entries(platforms).map(async ([name, p]) => {
      try {
        const objects = await render(name, p.allowed);
        p.s = await startStandIn({
          name,
          objects,
          issuerOrigin: 'https://login.microsoftonline.com',
          issuerPath: `/${entra.auth.azureAd.tenantId}/v2.0`,
          publicOrigin: 'https://kubeflow.contoso.com',
          clientId: entra.auth.azureAd.clientId,
          clientSecret: FIXTURE_ENV.AZURE_CLIENT_SECRET!,
          dex: { connectors: [{ type: 'mockCallback', id: 'mock', name: 'Mock directory' }] },
          extra: (cfg) => [
            {
              in: 'oauth2_proxy.cfg',
              at: 'scope',
              to: `${String(cfg.scope)} groups`,
              why: 'Dex emits the groups claim only for the groups scope; Entra ID from the app registration',
            },
          ],
          root: join(scratch, `${name}-run`),
        });
      } catch (e) {
        p.error = e as Error;
      }
    }),
  );
});

test.after(async () => {
  await Promise.all(Object.values(platforms).map((p) => p.s?.stop()));
});

const up = (name: keyof typeof platforms): StandIn => {
  const p = platforms[name];
  if (p.error) throw p.error;
  return p.s!;
};

/** Gateway → Dex → mockCallback → (consent) → oauth2-proxy's callback → back, as a browser follows it. */
async function signIn(s: StandIn): Promise<{ page: Page; hops: Page['hops']; browser: Browser }> {
  const browser = new Browser();
  let page = await browser.navigate(`${s.gateway.url}/jupyter/`);
  const hops = [...page.hops];
  const grant = forms(page).find((f) => f.fields.approval === 'approve');
  if (grant) {
    page = await submit(browser, grant);
    hops.push(...page.hops);
  }
  return { page, hops, browser };
}

test('the programs run with the rendered configuration: only the declared changes were made', () => {
  if (skip) return;
  for (const name of ['inside', 'outside'] as const) {
    assert.equal(up(name).problems, [], name);
    assert.equal(up(name).proxy.cfg.allowed_groups, platforms[name].allowed, `${name}: kfgen wrote allowed_groups`);
  }
});

test('a member of an allowed group signs in and reaches the app as herself', async () => {
  if (skip) return;
  const s = up('inside');
  const { page, hops, browser } = await signIn(s);
  assert.ok(
    hops.some((h) => new URL(h.url).pathname === '/oauth2/callback'),
    hops.map((h) => h.url).join(' → '),
  );
  assert.is(page.status, 200, `${page.status} ${page.body.slice(0, 200)}\n${s.gateway.log.slice(-4).join('\n')}`);
  const upstream = JSON.parse(page.body) as { path: string; headers: Record<string, string> };
  assert.is(upstream.path, '/jupyter/');
  assert.is(upstream.headers['kubeflow-userid'], MOCK_USER.email);
  assert.ok(browser.cookies(s.gateway.url).has('oauth2_proxy_kubeflow'), 'a session');
});

test('a user in none of the allowed groups gets 403 at the callback and no session', async () => {
  if (skip) return;
  const s = up('outside');
  const { page, hops, browser } = await signIn(s);
  assert.ok(
    hops.some((h) => new URL(h.url).pathname === '/oauth2/callback'),
    `the identity provider signed the user in and returned: ${hops.map((h) => h.url).join(' → ')}`,
  );
  assert.is(page.status, 403, `${page.status} ${page.body.slice(0, 200)}`);
  assert.not.ok(browser.cookies(s.gateway.url).has('oauth2_proxy_kubeflow'), 'no session cookie');
  const again = await browser.fetch(`${s.gateway.url}/jupyter/`);
  assert.is.not(again.status, 200, 'and the app stays out of reach');
});

test.run();

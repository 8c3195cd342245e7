import { makePlan } from '../../src/plan/index.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { generate } from '../../src/generate/index.js';
import type { KfgenConfig, SecretSource } from '../../src/config/types.js';
import { validateProject } from '../../src/pipeline/index.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../support/tools.js';
import { PROVIDERS } from '../../src/plan/providers/index.js';
import { PROVIDER_OUTPUTS } from '../../src/generate/auth/providers/index.js';

const clientSecret: SecretSource = { existingSecret: { name: 'kubeflow-oidc', key: 'client-secret' } };
const cookieSecret: SecretSource = { env: 'COOKIE' };
const config: KfgenConfig = {
  manifests: { version: 'v1.9.1', git: 'https://github.com/kubeflow/manifests' },
  host: 'kubeflow.example.com',
  platform: { provider: 'generic' },
  tls: { mode: 'secret', secretName: 'kubeflow-tls' },
  ingress: { kind: 'nginx' },
  auth: {
    provider: 'azure-ad',
    azureAd: {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      clientId: '5d3f1c2a-9b8e-4f7a-a6d5-0c1b2e3f4a5b',
      clientSecret,
    },
    cookieSecret,
  },
};
const secrets = new Map([[cookieSecret, '0123456789abcdef']]);

test('manifests.git refers to remote bases pinned to the release', () => {
  assert.equal(validateProject(config, 'k.yaml'), []);
  const tree = generate({
    plan: makePlan(config),
    configName: 'k.yaml',
    secrets,
    upstreamRef: (d) => `https://github.com/kubeflow/manifests//${d}?ref=v1.9.1`,
  });
  const k = parse(tree.get('kustomization.yaml')!);
  const remote = k.resources.filter((r: string) => r.startsWith('https://'));
  assert.ok(remote.length > 20);
  for (const r of remote) assert.match(r, /^https:\/\/github\.com\/kubeflow\/manifests\/\/[a-z].*\?ref=v1\.9\.1$/);
  assert.not.ok(
    remote.some((r: string) => r.includes('common/dex/')),
    'Dex left out',
  );
});

test('an existingSecret is wired into the container and never copied', () => {
  const tree = generate({ plan: makePlan(config), configName: 'k.yaml', secrets, upstreamRef: (d) => `../m/${d}` });
  const patch = parse(tree.get('patches/oauth2-proxy-oauth2-proxy-deployment.yaml')!);
  const env = patch.spec.template.spec.containers[0].env;
  assert.equal(env, [
    {
      name: 'OAUTH2_PROXY_CLIENT_SECRET',
      valueFrom: { secretKeyRef: { name: 'kubeflow-oidc', key: 'client-secret' } },
    },
  ]);
  const k = parse(tree.get('kustomization.yaml')!);
  const gen = k.secretGenerator.find((g: { name: string }) => g.name === 'oauth2-proxy');
  assert.equal(gen.literals, ['client-id=5d3f1c2a-9b8e-4f7a-a6d5-0c1b2e3f4a5b']);
  assert.equal(gen.envs, ['secrets/oauth2-proxy-oauth2-proxy.env']);
  assert.is(tree.get('secrets/oauth2-proxy-oauth2-proxy.env'), 'cookie-secret=0123456789abcdef\n');
  assert.match(
    tree.get('NEXT_STEPS.md')!,
    /kubectl create secret generic kubeflow-oidc -n oauth2-proxy \\\n +--from-literal=client-secret=/,
  );
});

test('generation is deterministic and sorted by path', () => {
  const run = () =>
    generate({ plan: makePlan(config), configName: 'k.yaml', secrets, upstreamRef: (d) => `../m/${d}` });
  const a = run();
  assert.equal([...a.keys()], [...a.keys()].sort());
  assert.equal([...run().entries()], [...a.entries()]);
});

test('the order in which the user wrote map keys does not change a byte of the output', async () => {
  const { readFileSync } = await import('node:fs');
  const { parse: parseYaml } = await import('yaml');
  const { fixtureConfig } = await import('../support/fixtures.js');
  const { walkSecretSources } = await import('../../src/config/secret-source.js');
  // Reverse every object's key order; arrays keep theirs (their order is meaningful).
  const reversed = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(reversed)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .reverse()
              .map(([k, x]) => [k, reversed(x)]),
          )
        : v;
  for (const name of ['eks-cognito-adfs', 'cognito-adfs-tenants', 'aks-entra-selfsigned', 'dex-ldap']) {
    const run = (config: KfgenConfig) => {
      const resolved = new Map<SecretSource, string>();
      walkSecretSources(config, [], (s) => {
        if (!('existingSecret' in s)) resolved.set(s, '0123456789abcdef');
      });
      return generate({
        plan: makePlan(config),
        configName: 'k.yaml',
        secrets: resolved,
        upstreamRef: (d) => `../m/${d}`,
      });
    };
    const config = parseYaml(readFileSync(fixtureConfig(name), 'utf8')) as KfgenConfig;
    assert.equal([...run(reversed(config) as KfgenConfig).entries()], [...run(config).entries()], name);
  }
});
test('every NEXT_STEPS and TEARDOWN step names its phase (src/generate/core/phases.ts), none writes a number', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((e) => {
      const full = join(dir, e);
      return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
    });
  const literal = files(join(repoRoot, 'src/generate'))
    .filter((f) => !f.endsWith('phases.ts'))
    .flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((l, i) => (/\border: \d/.test(l) ? [`${relative(repoRoot, f)}:${i + 1}`] : [])),
    );
  assert.equal(literal, [], 'use PHASE or TEARDOWN_PHASE from src/generate/core/phases.ts');
});
test('every auth.provider of the schema has its entry in both provider tables and a fixture', () => {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas/kfgen.config.schema.json'), 'utf8'));
  const ids = [...(schema.definitions.AuthConfig.properties.provider.enum as string[])].sort();
  assert.equal(Object.keys(PROVIDERS).sort(), ids, 'src/plan/providers/index.ts');
  assert.equal(Object.keys(PROVIDER_OUTPUTS).sort(), ids, 'src/generate/auth/providers/index.ts');
  for (const [id, p] of [...Object.entries(PROVIDERS), ...Object.entries(PROVIDER_OUTPUTS)]) assert.is(p.id, id);
  const used = new Set(
    readdirSync(join(repoRoot, 'fixtures')).flatMap((d) => {
      const file = join(repoRoot, 'fixtures', d, 'kfgen.config.yaml');
      try {
        return [(parse(readFileSync(file, 'utf8')) as KfgenConfig).auth.provider];
      } catch {
        return [];
      }
    }),
  );
  assert.equal(
    ids.filter((id) => !used.has(id as KfgenConfig['auth']['provider'])),
    [],
    'a provider without a fixture',
  );
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { configSchemaText, schemaPath } from '../../scripts/config-schema.js';
import { validateProject } from '../../src/pipeline/index.js';
import { starterConfig } from '../../src/cli/init.js';

test('schemas/kfgen.config.schema.json is what the TypeScript types generate', () => {
  assert.ok(
    readFileSync(schemaPath, 'utf8') === configSchemaText(),
    'schema drifted from src/config/types.ts: run npm run schema',
  );
});

test('the schema rejects what the types reject and accepts what they accept', () => {
  const base = {
    manifests: { version: 'v1.9.1', path: '.' },
    host: 'kubeflow.example.com',
    platform: { provider: 'generic' },
    auth: {
      provider: 'dex',
      dex: { users: [{ email: 'a@b.c', passwordHash: { env: 'H' } }], clientSecret: { env: 'C' } },
      cookieSecret: { env: 'K' },
    },
  };
  assert.equal(validateProject(base, 'x.yaml'), []);
  const problems = validateProject(
    {
      ...base,
      platform: {
        provider: 'eks',
        eks: { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.30', nodeGroups: [] },
      },
    },
    'x.yaml',
  );
  assert.equal(
    problems.map((p) => p.path),
    ['platform.eks.nodeGroups'],
  );
});

test('every init template is a valid config once its placeholders are filled', () => {
  for (const provider of ['azure-ad', 'dex', 'cognito', 'oidc'] as const) {
    for (const platform of ['eks', 'aks', 'generic'] as const) {
      const text = starterConfig(provider, platform);
      // The template is TypeScript; evaluate its object literal the way the config loader would.
      const literal = text.slice(text.indexOf('defineConfig(') + 'defineConfig('.length, text.lastIndexOf(');'));
      const config = new Function(`return (${literal});`)();
      assert.equal(validateProject(config, `${provider}-${platform}`), [], `${provider} on ${platform}`);
    }
  }
});

test.run();

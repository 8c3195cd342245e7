import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { missingTools } from './support/tools.js';
import { fixtureConfig, fixturesDir, renderFixture } from './support/fixtures.js';
import { lintSources } from '../src/lint/index.js';

const skip = missingTools('kustomize', 'manifests');
const fixtures = readdirSync(fixturesDir).filter((n) => existsSync(fixtureConfig(n))).sort();

test('there are generator fixtures to check', () => {
  assert.ok(fixtures.length >= 2, fixtures.join(', '));
});

for (const name of fixtures) {
  test(`the rendered build of fixtures/${name} lints with zero errors`, async () => {
    if (skip) return;
    const r = await renderFixture(name);
    const cluster = [...r.tree.keys()].filter((p) => p.startsWith('cluster/')).map((p) => ({ file: join('out', p), text: r.tree.get(p)! }));
    const findings = await lintSources([{ file: `${name} (kustomize build)`, text: r.text }, ...cluster]);
    const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`);
    assert.equal(errors, []);
  });
}

test.run();

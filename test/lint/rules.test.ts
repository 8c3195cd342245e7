import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalog, lintSources } from '../../src/lint/index.js';
import { eksctlValidator } from '../../src/lint/schema/eksctl.js';
import { fixture, lintFixtures, repo } from './helpers.js';

test('catalog: unique ids, one file per rule named by its id, complete metadata', () => {
  const ids = catalog.map((r) => r.meta.id);
  assert.is(new Set(ids).size, ids.length);
  const files = readdirSync(join(repo, 'src/lint/rules')).filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
  assert.equal([...files].sort(), [...ids].sort());
  for (const { meta } of catalog) {
    for (const k of ['summary', 'rationale', 'remediation'] as const) assert.ok(meta[k].length > 10, `${meta.id}.${k}`);
    assert.ok(['error', 'warning', 'info'].includes(meta.severity), meta.id);
  }
  assert.ok(catalog.length >= 25);
});

test('every rule has a good and a bad example, and no stray fixture folders', () => {
  const dirs = readdirSync(lintFixtures).sort();
  assert.equal(dirs, catalog.map((r) => r.meta.id).sort());
  for (const id of dirs) for (const k of ['good', 'bad']) assert.ok(existsSync(join(lintFixtures, id, `${k}.yaml`)), `${id}/${k}.yaml`);
});

// Without eksctl's schema a ClusterConfig is (correctly) reported as unvalidated; that is not the rule under test.
const noEksctlSchema = !eksctlValidator();
const incidental = (f: { ruleId: string; message: string }) => noEksctlSchema && f.ruleId === 'schema-unknown-kind' && f.message.includes('ClusterConfig');

for (const { meta } of catalog) {
  test(`${meta.id}: bad example triggers it (and no other error-level rule)`, async () => {
    const findings = (await lintSources([fixture(meta.id, 'bad')])).filter((f) => !incidental(f));
    assert.ok(findings.some((f) => f.ruleId === meta.id), `expected ${meta.id}, got ${JSON.stringify(findings.map((f) => f.ruleId))}`);
    const others = findings.filter((f) => f.ruleId !== meta.id && f.severity === 'error');
    assert.equal(others.map((f) => `${f.ruleId}: ${f.message}`), []);
    for (const f of findings.filter((f) => f.ruleId === meta.id)) assert.ok(f.line >= 1 && f.column >= 1);
  });
  test(`${meta.id}: good example triggers nothing`, async () => {
    const findings = (await lintSources([fixture(meta.id, 'good')])).filter((f) => !incidental(f));
    assert.equal(findings.map((f) => `${f.ruleId}: ${f.message}`), []);
  });
}

test.run();

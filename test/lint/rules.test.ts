import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../../src/lint/index.js';
import { RULE_IDS } from '../../src/util/rule-ids.js';
import { lintFixtures, repo } from './helpers.js';

test('catalog: unique ids, one file per rule named by its id, complete metadata', () => {
  const ids = catalog.map((r) => r.meta.id);
  assert.is(new Set(ids).size, ids.length);
  const files = readdirSync(join(repo, 'src/lint/rules'))
    .filter((f) => f !== 'index.ts' && f !== 'ids.ts')
    .map((f) => f.replace(/\.ts$/, ''));
  assert.equal([...files].sort(), [...ids].sort());
  for (const { meta } of catalog) {
    for (const k of ['summary', 'rationale', 'remediation'] as const) assert.ok(meta[k].length > 10, `${meta.id}.${k}`);
    assert.ok(['error', 'warning', 'info'].includes(meta.severity), meta.id);
  }
});

test('the leaf list of rule ids is exactly the catalog (src/util/rule-ids.ts)', () => {
  assert.equal([...RULE_IDS], catalog.map((r) => r.meta.id).sort());
  // a leaf: importing it loads no rule (what src/config needs to check `lint.rules` keys)
  assert.not.match(readFileSync(join(repo, 'src/util/rule-ids.ts'), 'utf8'), /^\s*(import|export .* from)\b/m);
});

// Each rule's good and bad examples, and more cases, run in rule-cases.test.ts.
test('every rule has a good and a bad example, and no stray fixture folders', () => {
  const dirs = readdirSync(lintFixtures).sort();
  assert.equal(dirs, catalog.map((r) => r.meta.id).sort());
  for (const id of dirs)
    for (const k of ['good', 'bad']) assert.ok(existsSync(join(lintFixtures, id, `${k}.yaml`)), `${id}/${k}.yaml`);
});

test.run();

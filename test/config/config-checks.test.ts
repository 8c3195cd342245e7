// Every config check's valid and invalid cases (test/support/config-check-tester.ts), one file of
// cases per check id under test/config/config-checks/; and the catalog's own rules: every check has cases,
// ids are kebab-case and unique, and no check reports a field its meta does not name.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { configChecksDocPath, renderConfigChecksMarkdown } from '../../scripts/config-checks-doc.js';
import { join } from 'node:path';
import { configChecks } from '../../src/config/checks/index.js';
import { planChecks } from '../../src/plan/checks/index.js';
import { reportsField } from '../../src/config/checks/collect.js';
import { configCheckTester, configOf, findCheck, reportsOn, type CheckCases } from '../support/config-check-tester.js';

const dir = join(import.meta.dirname, 'config-checks');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
const cases = new Map<string, CheckCases>();
for (const f of files.sort()) {
  const mod = (await import(join(dir, f))) as { default: CheckCases };
  cases.set(f.replace(/\.ts$/, ''), mod.default);
}
const all = [...configChecks, ...planChecks];

test('check ids are kebab-case and unique; every check has valid and invalid cases, and every case file a check', () => {
  const ids = all.map((c) => c.meta.id);
  for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  assert.equal(ids.length, new Set(ids).size, 'ids are unique');
  for (const id of ids) {
    const c = cases.get(id);
    assert.ok(c, `test/config/config-checks/${id}.ts is missing`);
    assert.ok(c!.valid.length >= 1 && c!.invalid.length >= 1, `${id} has a valid and an invalid case`);
  }
  assert.equal(
    [...cases.keys()].filter((f) => !findCheck(f)),
    [],
    'case files without a check',
  );
});

test('every message id of a check is used by one of its invalid cases', () => {
  for (const { meta } of all) {
    const used = new Set(cases.get(meta.id)?.invalid.flatMap((c) => c.errors.map((e) => e.messageId)) ?? []);
    assert.equal(
      Object.keys(meta.messages).filter((m) => !used.has(m)),
      [],
      `${meta.id}: messages without a case`,
    );
  }
});

test('no check reports a field its meta.fields does not name, on any case of any check', () => {
  const meta = new Map(all.map((c) => [c.meta.id, c.meta]));
  for (const [id, c] of cases)
    for (const k of [...c.valid, ...c.invalid])
      for (const r of reportsOn(configOf(k)).reports)
        assert.ok(
          reportsField(meta.get(r.checkId)!, r.path),
          `${r.checkId} reported ${r.problem.path} (case ${id}: ${k.name})`,
        );
});

test('docs/config-checks.md matches the catalogs (regenerate: npm run docs:checks)', () => {
  assert.ok(
    readFileSync(configChecksDocPath, 'utf8') === renderConfigChecksMarkdown(),
    'docs/config-checks.md is stale: run `npm run docs:checks`',
  );
});

for (const [id, c] of cases) configCheckTester(test, id, c);

test.run();

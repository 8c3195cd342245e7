import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { execa } from 'execa';
import { repoRoot } from './tools.js';

test('a failing before hook fails its suite instead of passing silently', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-uvu-'));
  try {
    writeFileSync(
      join(dir, 'probe.test.ts'),
      `import { suite } from ${JSON.stringify(join(repoRoot, 'test/support/suite.ts'))};
const s = suite('probe');
s.before(() => { throw new Error('setup broke'); });
s('inner', () => {});
s.run();
`,
    );
    const r = await execa(
      'node',
      ['--import', 'tsx', join(repoRoot, 'node_modules/uvu/bin.js'), dir, '\\.test\\.ts$'],
      { cwd: repoRoot, reject: false },
    );
    assert.is(r.exitCode, 1, r.stdout);
    assert.match(r.stdout, /setup broke/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every test file with a before hook uses that wrapper', () => {
  const dir = join(repoRoot, 'test');
  const wrapper = join(dir, 'support/suite.js');
  let hooked = 0;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((n) => n.endsWith('.test.ts') && basename(n) !== 'suite-hooks.test.ts')
    .sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (!/\.before\(/.test(text)) continue;
    hooked++;
    const rel = relative(dirname(join(dir, f)), wrapper);
    const specifier = rel.startsWith('.') ? rel : `./${rel}`;
    assert.ok(text.includes(`from '${specifier}'`), `${f} imports suite from '${specifier}'`);
  }
  assert.ok(hooked > 0, 'the walk found the test files with a before hook');
});

test.run();

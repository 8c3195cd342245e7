import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesMarkdown } from '../../src/lint/docs.js';
import { repo } from './helpers.js';

test('docs/rules.md matches the catalog (regenerate: npx tsx scripts/gen-rules-doc.ts)', () => {
  assert.ok(
    readFileSync(join(repo, 'docs/rules.md'), 'utf8') === renderRulesMarkdown(),
    'docs/rules.md is stale: run `npx tsx scripts/gen-rules-doc.ts`',
  );
});

test.run();

/** Writes docs/rules.md from the rule catalog. `--check` exits 1 when the file is stale. */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRulesMarkdown } from '../src/lint/docs.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules.md');
const text = renderRulesMarkdown();
if (process.argv.includes('--check')) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current !== text) {
    console.error('docs/rules.md is stale: run `npx tsx scripts/gen-rules-doc.ts`');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}

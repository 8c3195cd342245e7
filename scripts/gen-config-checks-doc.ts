/** Writes docs/config-checks.md from the check catalogs. `--check` exits 1 when the file is stale. */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { configChecksDocPath as file, renderConfigChecksMarkdown } from './config-checks-doc.js';

const text = renderConfigChecksMarkdown();
if (process.argv.includes('--check')) {
  if ((existsSync(file) ? readFileSync(file, 'utf8') : '') !== text) {
    console.error('docs/config-checks.md is stale: run `npm run docs:checks`');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}

/** Rewrites the table of docs/releases.md from the release catalog. `--check` exits 1 when it is stale. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withReleasesTable } from '../src/kubeflow/releases-doc.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'releases.md');
const current = readFileSync(file, 'utf8');
const text = withReleasesTable(current);
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error('docs/releases.md is stale: run `npm run docs:releases`');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}

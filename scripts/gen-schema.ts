// Regenerates schemas/kfgen.config.schema.json from src/config/types.ts; `--check` fails on drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { configSchemaText, schemaPath } from './config-schema.js';

const text = configSchemaText();
if (process.argv.includes('--check')) {
  const current = readFileSync(schemaPath, 'utf8');
  if (current !== text) {
    console.error(`${schemaPath} is stale: run npm run schema`);
    process.exit(1);
  }
} else {
  writeFileSync(schemaPath, text);
  console.log(`wrote ${schemaPath}`);
}

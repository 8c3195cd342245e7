import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../util/compiled-cache.js';

/**
 * Documents this large are CRDs (their OpenAPI schemas are most of a platform's bytes, and they
 * rarely change): their parse is kept as JSON, which reads several times faster than YAML parses.
 */
const MIN_CACHED = 32 * 1024;

/**
 * `load(text)`, or its earlier result for the same text. The key is a hash of the text; a value
 * JSON cannot hold exactly (a non-finite number) is never cached, so the cache returns only what
 * `load` returned. Any cache failure means parsing as if there were none.
 */
export function cachedParse(text: string, load: () => unknown): unknown {
  const dir = text.length >= MIN_CACHED ? cacheDir() : undefined;
  if (!dir) return load();
  const file = join(dir, 'parse', `${createHash('sha256').update(text).digest('hex').slice(0, 40)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // not cached yet, or unreadable
  }
  const value = load();
  try {
    let exact = true;
    const json = JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) exact = false;
      return v;
    });
    if (exact && json !== undefined) {
      mkdirSync(join(dir, 'parse'), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, json);
      renameSync(tmp, file);
    }
  } catch {
    // read-only or full disk: the next run parses again
  }
  return value;
}

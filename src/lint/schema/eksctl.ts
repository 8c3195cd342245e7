import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { compileCached } from '../../util/compiled-cache.js';

/**
 * eksctl's own ClusterConfig schema is not redistributed with kfgen; it is read at run time from
 * an explicit path, `KFGEN_EKSCTL_SCHEMA`, or the shared folder next to the repository.
 */
export function eksctlSchemaCandidates(explicit?: string): string[] {
  const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return [
    explicit,
    process.env.KFGEN_EKSCTL_SCHEMA,
    join(repo, '..', 'shared', 'schemas', 'eksctl-v1alpha5.schema.json'),
  ].filter((p): p is string => !!p);
}

const cache = new Map<string, ValidateFunction | null>();

export function eksctlValidator(explicit?: string): { validate: ValidateFunction; path: string } | null {
  for (const path of eksctlSchemaCandidates(explicit)) {
    if (!existsSync(path)) continue;
    let v = cache.get(path);
    if (v === undefined) {
      try {
        // Cached across processes (src/util/compiled-cache.ts): it is the slowest schema of a `kfgen build`.
        v = compileCached(
          { strict: false, allErrors: true, verbose: true, validateFormats: false, validateSchema: false },
          JSON.parse(readFileSync(path, 'utf8')),
        );
      } catch {
        v = null;
      }
      cache.set(path, v);
    }
    if (v) return { validate: v, path };
  }
  return null;
}

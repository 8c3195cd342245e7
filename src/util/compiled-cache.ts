import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Options, ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
/** ajv itself (about 100 ms to load) is needed only on a cache miss. */
type AjvClass = new (o: Options) => { compile(schema: object): ValidateFunction };
function ajvLib(): { Ajv: AjvClass; standaloneCode: (ajv: unknown, fn: ValidateFunction) => string } {
  const m = require('ajv') as { default?: AjvClass } & AjvClass;
  const standalone = require('ajv/dist/standalone') as { default: (ajv: unknown, fn: ValidateFunction) => string };
  return { Ajv: m.default ?? m, standaloneCode: standalone.default };
}
/** Where ajv lives: the cached modules require its runtime helpers by absolute path, from anywhere. */
const AJV_DIR = dirname(require.resolve('ajv/package.json'));
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/**
 * Compiling a CRD's or eksctl's schema with ajv costs tens to hundreds of milliseconds each, and a
 * whole platform's custom resources need seconds of it on every cold `kfgen lint` (issue 13). The
 * generated validator code depends only on the schema and the options, so it is kept as a module
 * (ajv's standalone code) under KFGEN_CACHE_DIR, else $XDG_CACHE_HOME/kfgen, else ~/.cache/kfgen,
 * named by a hash of both; a later process loads it instead of compiling. Any failure to read or
 * write the cache falls back to compiling in memory, which gives the same function.
 */
export function compileCached(options: Options, schema: object): ValidateFunction {
  const dir = cacheDir();
  const key = createHash('sha256')
    .update(JSON.stringify([AJV_VERSION, options, schema]))
    .digest('hex')
    .slice(0, 32);
  const file = dir && join(dir, `ajv-${key}.cjs`);
  if (file && existsSync(file)) {
    try {
      return require(file) as ValidateFunction;
    } catch {
      // a damaged entry is compiled again and overwritten
    }
  }
  const { Ajv, standaloneCode } = ajvLib();
  const ajv = new Ajv({ ...options, code: { source: true } });
  const validate = ajv.compile(schema);
  if (file) {
    try {
      const code = standaloneCode(ajv, validate).replace(
        /require\("ajv\//g,
        `require(${JSON.stringify(`${AJV_DIR}/`).slice(0, -1)}`,
      );
      mkdirSync(dir!, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, file);
    } catch {
      // read-only or full disk: the next run compiles again
    }
  }
  return validate;
}

/** KFGEN_CACHE_DIR (empty: no cache), else $XDG_CACHE_HOME/kfgen, else ~/.cache/kfgen. */
export function cacheDir(): string | undefined {
  if (process.env.KFGEN_CACHE_DIR === '') return undefined;
  if (process.env.KFGEN_CACHE_DIR) return process.env.KFGEN_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : undefined);
  return base ? join(base, 'kfgen') : undefined;
}

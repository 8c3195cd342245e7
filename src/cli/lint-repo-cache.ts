import { createHash, type Hash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  type Dirent,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from '../util/compiled-cache.js';
import { parseDocumentBounded } from '../util/yaml-bounds.js';
import { identifyRelease } from '../config/manifests-tree.js';
import { kustomizeCandidates } from '../lint/io/kustomize.js';
import { eksctlSchemaCandidates } from '../lint/schema/eksctl.js';

/** What one `kfgen lint-repo` run printed and returned: replayed as it was when nothing changed. */
export interface HookResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Every name the config search may pick (config/load.ts SEARCH_PLACES; a test keeps them covered),
 * by pattern, so that hashing them does not load cosmiconfig. A few more names only cost a miss.
 */
export const CONFIG_NAMES = /^(kfgen\.config\.[a-z]+|\.kfgenrc(\.[a-z]+)?|package\.json)$/;

/** Entries kept: one per state of the repository the hook ran on; the least recently used go first. */
const KEEP = 32;

/** A hash over labelled parts: the label and length framing keep `ab`+`c` apart from `a`+`bc`. */
class InputHash {
  private readonly hash: Hash = createHash('sha256');
  add(label: string, content: string | Buffer): void {
    this.hash.update(`${label}\0${Buffer.byteLength(content)}\0`);
    this.hash.update(content);
  }
  digest(): string {
    return this.hash.digest('hex').slice(0, 40);
  }
}

/** Files below `dir`, relative and sorted, so the hash does not depend on the order readdir returns. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDir = statSync(join(d, e.name)).isDirectory();
        } catch {
          continue; // a dangling link: kustomize cannot read it either
        }
      }
      if (isDir) {
        if (e.name !== '.git') walk(join(d, e.name), `${prefix}${e.name}/`);
      } else out.push(`${prefix}${e.name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

const read = (file: string): Buffer | undefined => {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
};

/**
 * The kustomize that would render out/, and what it says its version is; `none` when there is
 * none (then the hook lints without rendering, which is cached just the same).
 */
function kustomizeIdentity(): string {
  for (const bin of kustomizeCandidates()) {
    try {
      const version = execFileSync(bin, ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      // A kustomize built with `go install` says `(devel)`: its size and time tell two builds apart.
      const file = onPath(bin);
      const s = file ? statSync(file) : undefined;
      return `${bin}\0${version.trim()}\0${s?.size}\0${s?.mtimeMs}`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return `${bin}\0unusable`;
    }
  }
  return 'none';
}

function onPath(bin: string): string | undefined {
  if (bin.includes('/')) return bin;
  return (process.env.PATH ?? '')
    .split(':')
    .map((d) => join(d || '.', bin))
    .find((f) => existsSync(f));
}

/**
 * The upstream trees out/'s kustomization reaches with `../` paths. kustomize reads them as well
 * as out/, but they are a vendor checkout of thousands of files that the hook does not lint, so
 * they count by path, size and modification time rather than by content.
 */
function upstreamFingerprint(outDir: string, kustomization: string, h: InputHash): void {
  let refs: unknown[] = [];
  try {
    const doc = parseDocumentBounded(kustomization);
    const k = doc.errors.length ? undefined : (doc.toJS() as Record<string, unknown> | null);
    refs = [k?.resources, k?.components].flatMap((v) => (Array.isArray(v) ? v : []));
  } catch {
    // kustomize will fail on it, and that failure is in the cached result
  }
  const roots = new Set<string>();
  for (const ref of refs) {
    if (typeof ref !== 'string' || !ref.startsWith('..') || ref.includes('://')) continue;
    let dir = resolve(outDir, ref);
    const start = dir;
    while (!identifyRelease(dir) && dirname(dir) !== dir) dir = dirname(dir);
    roots.add(dirname(dir) === dir ? start : dir);
  }
  for (const root of [...roots].sort()) {
    h.add('upstream', root);
    for (const f of filesUnder(root)) {
      try {
        const s = statSync(join(root, f));
        h.add('upstream-file', `${f}\0${s.size}\0${s.mtimeMs}`);
      } catch {
        h.add('upstream-file', `${f}\0gone`);
      }
    }
  }
}

export interface KeyInputs {
  cwd: string;
  /** The options that change what is linted or how it is printed. */
  options: Record<string, unknown>;
  configFile?: string;
  outDir: string;
  /** Every YAML file the hook may lint (git's tracked files), relative to `cwd`. */
  repoFiles: string[];
}

/**
 * The key of a run: a hash of everything its result depends on. The config (every file the search
 * could pick, or --config), each file of out/ (secrets/ too: kustomize reads it), each tracked YAML
 * file, the kustomize binary and its version, the upstream tree out/ points at, eksctl's schema,
 * and kfgen itself (its version and when this build of it was compiled).
 */
export function lintRepoKey(inputs: KeyInputs): string {
  const h = new InputHash();
  const own = fileURLToPath(import.meta.url);
  h.add('kfgen', `${createRequire(import.meta.url)('../../package.json').version}\0${statSync(own).mtimeMs}`);
  h.add('options', JSON.stringify({ cwd: inputs.cwd, ...inputs.options }));
  const configs = inputs.configFile
    ? [resolve(inputs.cwd, inputs.configFile)]
    : readdirSync(inputs.cwd)
        .filter((f) => CONFIG_NAMES.test(f))
        .sort()
        .map((f) => join(inputs.cwd, f));
  for (const file of configs) {
    const content = read(file);
    if (content) h.add(`config ${relative(inputs.cwd, file)}`, content);
  }
  for (const f of filesUnder(inputs.outDir)) h.add(`out ${f}`, read(join(inputs.outDir, f)) ?? '');
  for (const f of inputs.repoFiles) h.add(`repo ${f}`, read(join(inputs.cwd, f)) ?? '');
  const kustomization = read(join(inputs.outDir, 'kustomization.yaml'));
  if (kustomization) {
    h.add('kustomize', kustomizeIdentity());
    upstreamFingerprint(inputs.outDir, kustomization.toString('utf8'), h);
  }
  for (const schema of eksctlSchemaCandidates()) {
    const content = read(schema);
    if (content) h.add(`eksctl ${schema}`, content);
  }
  return h.digest();
}

function entryDir(): string | undefined {
  const dir = cacheDir();
  return dir && join(dir, 'lint-repo');
}

export function readCachedRun(key: string): HookResult | undefined {
  const dir = entryDir();
  if (!dir) return undefined;
  const file = join(dir, `${key}.json`);
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as HookResult;
    if (typeof r.stdout === 'string' && typeof r.stderr === 'string' && Number.isInteger(r.exitCode)) {
      // Pruning goes by modification time: an entry in use stays, however long ago it was written.
      try {
        const now = new Date();
        utimesSync(file, now, now);
      } catch {
        // read-only: it may be pruned earlier, which costs one render
      }
      return r;
    }
  } catch {
    // not cached, or damaged: run
  }
  return undefined;
}

/** Any failure to write leaves the cache as it was: the next run renders again. */
export function writeCachedRun(key: string, result: HookResult): void {
  const dir = entryDir();
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${key}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(result));
    renameSync(tmp, file);
    const entries = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of entries.slice(KEEP)) rmSync(join(dir, f), { force: true });
  } catch {
    // read-only or full disk
  }
}

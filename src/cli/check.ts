import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import type { ResolvedSecrets } from '../config/secrets.js';
import { walkSecretSources } from '../config/secret-source.js';
import { EXIT, UsageError } from '../config/errors.js';
import { PROJECT_OPTIONS } from './options.js';
import { generate } from '../generate/index.js';
import type { FileTree } from '../generate/model.js';
import { upstreamRef } from '../project.js';

const USAGE = `Usage: kfgen check [--config FILE] [--out DIR] [--manifests DIR]

Regenerates the overlay tree in memory and compares it with the committed output directory
(default out/). secrets/ is ignored: it is never committed, and no secret is read.

Exit codes: 0 up to date, 1 stale output (or invalid config), 2 usage error.`;

export interface TreeDiff {
  stale: string[];
  missing: string[];
  extra: string[];
}

/** Files under secrets/ hold values read at build time; they are git-ignored and never compared. */
const ignored = (path: string) => path === 'secrets' || path.startsWith('secrets/');

export function compareTree(tree: FileTree, dir: string): TreeDiff {
  const onDisk = readTree(dir);
  const diff: TreeDiff = { stale: [], missing: [], extra: [] };
  for (const [path, content] of tree) {
    if (ignored(path)) continue;
    const have = onDisk.get(path);
    if (have === undefined) diff.missing.push(path);
    else if (have !== content) diff.stale.push(path);
  }
  for (const path of onDisk.keys()) if (!tree.has(path)) diff.extra.push(path);
  for (const list of Object.values(diff)) list.sort();
  return diff;
}

/** The files below `root` (secrets/ left out), by relative path. */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(root)) return files;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      const rel = relative(root, full).split(sep).join('/');
      if (ignored(rel)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else files.set(rel, readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}

/**
 * Secret values only ever reach secrets/, which check ignores, so every source gets a placeholder
 * of a valid length: a hook must not need the deployment's secrets in its environment.
 */
function placeholderSecrets(config: unknown): ResolvedSecrets {
  const secrets: ResolvedSecrets = new Map();
  walkSecretSources(config, [], (source) => {
    if (!('existingSecret' in source)) secrets.set(source, '0123456789abcdef0123456789abcdef');
  });
  return secrets;
}

export async function checkTree(opts: { cwd: string; configFile?: string; outDir?: string; manifestsDir?: string }): Promise<{ outDir: string; configFile: string; diff: TreeDiff }> {
  const loaded = await loadConfig({ cwd: opts.cwd, configFile: opts.configFile, manifestsDir: opts.manifestsDir, requireManifests: false });
  const outDir = resolve(opts.cwd, opts.outDir ?? 'out');
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`--out ${opts.outDir}: not a directory`);
  const tree = generate({ config: loaded.config, configName: basename(loaded.file), secrets: placeholderSecrets(loaded.config), upstreamRef: upstreamRef(loaded, outDir) });
  return { outDir, configFile: loaded.displayFile, diff: compareTree(tree, outDir) };
}

export async function checkCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...PROJECT_OPTIONS, help: { type: 'boolean', short: 'h', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const cwd = process.cwd();
  const { outDir, configFile, diff } = await checkTree({ cwd, configFile: values.config, outDir: values.out, manifestsDir: values.manifests });
  const shown = relative(cwd, outDir) || '.';
  const count = diff.stale.length + diff.missing.length + diff.extra.length;
  if (!count) {
    console.log(`kfgen check: ${shown}/ is up to date with ${configFile}`);
    return EXIT.ok;
  }
  const lines = [`kfgen check: ${shown}/ is stale: ${count} file(s) differ from what ${configFile} generates`];
  if (!existsSync(outDir)) lines.push(`  ${shown}/ does not exist`);
  else {
    const LIMIT = 20;
    const all = [...diff.stale.map((p) => `  stale    ${shown}/${p}`), ...diff.missing.map((p) => `  missing  ${shown}/${p}`), ...diff.extra.map((p) => `  extra    ${shown}/${p}`)];
    lines.push(...all.slice(0, LIMIT));
    if (all.length > LIMIT) lines.push(`  … and ${all.length - LIMIT} more`);
  }
  lines.push(`Run \`kfgen build${values.config ? ` --config ${values.config}` : ''}${values.out ? ` --out ${values.out}` : ''}\` and commit the result.`);
  console.error(lines.join('\n'));
  return EXIT.invalid;
}

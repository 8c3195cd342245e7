import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { isNode, LineCounter } from 'yaml';
import type { KfgenConfig } from './types.js';
import { cloneHint, manifestsTreeProblem } from './manifests-tree.js';
import { ConfigError, UsageError } from './errors.js';
import { validateConfig, type ConfigCheck, type Locate } from './validate.js';
import { parseDocumentBounded, shapeProblem, valueBudget } from '../util/yaml-bounds.js';

export interface LoadedConfig {
  config: KfgenConfig;
  /** Absolute path of the config file. */
  file: string;
  /** The path shown in messages: relative to the working directory. */
  displayFile: string;
  configDir: string;
  locate: Locate;
  /** Absolute path of the local manifests checkout, when `manifests.path` is used. */
  manifestsDir?: string;
  /** Absolute path of the remote-bases mirror: `--remote-bases`, else `manifests.remoteBases`, else `KFGEN_REMOTE_BASES`. */
  remoteBasesDir?: string;
  /** How the user names the mirror, for messages. */
  remoteBasesSetting: string;
}

export const SEARCH_PLACES = [
  'kfgen.config.ts',
  'kfgen.config.mjs',
  'kfgen.config.js',
  'kfgen.config.json',
  'kfgen.config.yaml',
  'kfgen.config.yml',
  '.kfgenrc',
  '.kfgenrc.json',
  '.kfgenrc.yaml',
  '.kfgenrc.yml',
  '.kfgenrc.ts',
  '.kfgenrc.mjs',
  '.kfgenrc.js',
  'package.json',
];

const YAML_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '']);

/** Finds, parses and validates the config. Throws ConfigError (exit 1) or UsageError (exit 2). */
/**
 * `requireManifests: false` is for commands that never read the tree (`check`, the hooks): they
 * must work in a clone without the manifests checkout.
 */
export interface LoadOptions {
  cwd: string;
  configFile?: string;
  manifestsDir?: string;
  /** `--remote-bases DIR`, relative to cwd. */
  remoteBasesDir?: string;
  requireManifests?: boolean;
  /** Checks beyond the config's own (the pipeline passes the plan's). */
  check?: ConfigCheck;
}

export async function loadConfig(opts: LoadOptions): Promise<LoadedConfig> {
  let file: string;
  // What cosmiconfig's search already loaded: a TS/JS config must not run twice.
  let searched: { config: unknown } | undefined;
  if (opts.configFile) {
    file = resolve(opts.cwd, opts.configFile);
    if (!existsSync(file) || !statSync(file).isFile())
      throw new UsageError(`config file not found: ${opts.configFile}`);
  } else {
    const found = await explorer()
      .search(opts.cwd)
      .catch((e: unknown) => {
        const filepath = (e as { filepath?: string }).filepath;
        // cosmiconfig's parse error names neither line nor field; for YAML and JSON, readRaw's own parse does.
        if (filepath && basename(filepath) !== 'package.json' && YAML_EXTENSIONS.has(extname(filepath)))
          return { filepath, config: undefined };
        throw new ConfigError([
          {
            file: filepath ? relative(opts.cwd, filepath) || basename(filepath) : opts.cwd,
            path: '',
            message: firstLine(e),
          },
        ]);
      });
    // cosmiconfig passes over a file whose content is null (only comments, `~`, junk YAML reads as
    // null): that file is still the config, an invalid one (exit 1), not a missing one (exit 2).
    const skipped = found
      ? undefined
      : SEARCH_PLACES.filter((p) => p !== 'package.json')
          .map((p) => resolve(opts.cwd, p))
          .find((f) => existsSync(f) && statSync(f).isFile());
    if (!found && !skipped) {
      throw new UsageError(
        `no kfgen config found in ${opts.cwd} (looked for ${SEARCH_PLACES.join(', ')}); run \`kfgen init\` or pass --config FILE`,
      );
    }
    file = found?.filepath ?? skipped!;
    searched = found ?? undefined;
  }
  const displayFile = relative(opts.cwd, file) || basename(file);
  const { raw, locate } = await readRaw(file, displayFile, searched);
  const problems = validateConfig(raw, displayFile, locate, opts.check);
  if (problems.length) throw new ConfigError(problems);
  const config = raw as KfgenConfig;
  const configDir = dirname(file);
  const loaded: LoadedConfig = {
    config,
    file,
    displayFile,
    configDir,
    locate,
    ...remoteBases(config, configDir, opts),
  };
  if (opts.manifestsDir) {
    // --manifests: a checkout elsewhere than the config says (CI machines, tests).
    loaded.manifestsDir = resolve(opts.cwd, opts.manifestsDir);
    const problem =
      opts.requireManifests === false ? undefined : manifestsTreeProblem(loaded.manifestsDir, config.manifests.version);
    if (problem) throw new UsageError(`--manifests ${opts.manifestsDir}: ${problem}`);
  } else if (config.manifests.path) {
    loaded.manifestsDir = resolve(configDir, config.manifests.path);
    if (opts.requireManifests !== false) checkManifestsTree(loaded.manifestsDir, config, displayFile, locate);
  }
  return loaded;
}

/** Where the remote-bases mirror is, and how the user would name it. */
export function remoteBases(
  config: KfgenConfig,
  configDir: string,
  opts: { cwd: string; remoteBasesDir?: string },
): Pick<LoadedConfig, 'remoteBasesDir' | 'remoteBasesSetting'> {
  const setting =
    'manifests.remoteBases (or --remote-bases DIR, KFGEN_REMOTE_BASES, or a remote-bases folder beside the manifests checkout or its parent)';
  if (opts.remoteBasesDir)
    return { remoteBasesDir: resolve(opts.cwd, opts.remoteBasesDir), remoteBasesSetting: setting };
  if (config.manifests.remoteBases)
    return { remoteBasesDir: resolve(configDir, config.manifests.remoteBases), remoteBasesSetting: setting };
  const env = process.env.KFGEN_REMOTE_BASES;
  return { remoteBasesDir: env ? resolve(opts.cwd, env) : undefined, remoteBasesSetting: setting };
}

function explorer() {
  // An empty kfgen.config.yaml is a config with nothing in it (exit 1), not a missing one (exit 2).
  return cosmiconfig('kfgen', { searchPlaces: SEARCH_PLACES, cache: false, ignoreEmptySearchPlaces: false });
}

/**
 * A config written as code can build any value: a JS config has no text to measure, so only a
 * cycle, excessive depth or tens of millions of values (a loop gone wrong) stop it here.
 */
const CODE_CONFIG_VALUES = 10_000_000;

async function readRaw(
  file: string,
  displayFile: string,
  searched?: { config: unknown },
): Promise<{ raw: unknown; locate: Locate }> {
  const read = await readRawUnchecked(file, displayFile, searched);
  // YAML is checked while parsing, where its lines are known.
  if (basename(file) !== 'package.json' && YAML_EXTENSIONS.has(extname(file))) return read;
  // The validator and the secret-source walk recurse over the value: it must be a finite, shallow tree.
  const maxNodes = basename(file) === 'package.json' ? valueBudget(statSync(file).size) : CODE_CONFIG_VALUES;
  const shape = shapeProblem(read.raw, { maxNodes });
  if (shape) throw new ConfigError([{ file: displayFile, path: shape.path, message: shape.message }]);
  return read;
}

async function readRawUnchecked(
  file: string,
  displayFile: string,
  searched?: { config: unknown },
): Promise<{ raw: unknown; locate: Locate }> {
  const ext = extname(file);
  if (basename(file) === 'package.json') {
    let pkg: { kfgen?: unknown };
    try {
      pkg = JSON.parse(readFileSync(file, 'utf8')) as { kfgen?: unknown };
    } catch (e) {
      throw new ConfigError([{ file: displayFile, path: '', message: `not valid JSON: ${firstLine(e)}` }]);
    }
    return { raw: pkg.kfgen, locate: () => undefined };
  }
  if (YAML_EXTENSIONS.has(ext)) {
    const lineCounter = new LineCounter();
    const text = readFileSync(file, 'utf8');
    // Aliases are bounded below, with the path of the offending value, rather than by yaml's count.
    const doc = parseDocumentBounded(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length) {
      throw new ConfigError(
        // With prettyErrors off the errors carry offsets only (no linePos).
        doc.errors.map((e) => ({
          file: displayFile,
          line: lineCounter.linePos(e.pos[0]).line,
          path: '',
          message: `not valid YAML: ${e.message.split('\n')[0]}`,
        })),
      );
    }
    const locate: Locate = (path) => {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    };
    let raw: unknown;
    try {
      raw = doc.toJS({ maxAliasCount: -1 });
    } catch (e) {
      throw new ConfigError([{ file: displayFile, path: '', message: `not valid YAML: ${firstLine(e)}` }]);
    }
    // toJS shares aliased values, so a cycle or an alias bomb is cheap until the validator walks it.
    const shape = shapeProblem(raw, { maxNodes: valueBudget(text.length) });
    if (shape) {
      throw new ConfigError([
        { file: displayFile, line: locate(shape.keys), path: shape.path, message: shape.message },
      ]);
    }
    return { raw, locate };
  }
  if (searched) return { raw: searched.config, locate: () => undefined };
  try {
    const result = await explorer().load(file);
    return { raw: result?.config, locate: () => undefined };
  } catch (e) {
    throw new ConfigError([{ file: displayFile, path: '', message: `cannot load: ${firstLine(e)}` }]);
  }
}

function checkManifestsTree(dir: string, config: KfgenConfig, displayFile: string, locate: Locate): void {
  const problem = manifestsTreeProblem(dir, config.manifests.version);
  if (!problem) return;
  throw new ConfigError([
    {
      file: displayFile,
      line: locate(['manifests', 'path']),
      path: 'manifests.path',
      message: problem,
      suggestion: `point it at a ${config.manifests.version} checkout: ${cloneHint(config.manifests.version)}`,
    },
  ]);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

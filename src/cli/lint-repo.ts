import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import type { Args, LINT_REPO_OPTIONS } from './options.js';
import { EXIT, UsageError } from '../config/errors.js';
import type { OutputFormat } from '../lint/format/index.js';
import type { LintSource } from '../lint/index.js';
import { kustomizeBuild, KustomizeFailed } from '../lint/io/kustomize.js';
import { repositoryManifests, repositoryYamlFiles } from './repo-inputs.js';
import { lintRepoKey, readCachedRun, writeCachedRun, type HookResult } from './lint-repo-cache.js';
import { readTree } from '../pipeline/compare-tree.js';

/** The formatters (and the rule catalog they describe) load only when something is linted. */
const FORMAT_NAMES: Record<OutputFormat, true> = { text: true, json: true, sarif: true };
const FORMATS = Object.keys(FORMAT_NAMES) as OutputFormat[];

export async function lintRepoCommand({ values }: Args<typeof LINT_REPO_OPTIONS>): Promise<number> {
  const format = values.format as OutputFormat;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings']);
  if (!(maxWarnings === Infinity || (Number.isInteger(maxWarnings) && maxWarnings >= 0)))
    throw new UsageError(`--max-warnings needs a non-negative integer`);
  const exclude = values.exclude.map((p) => {
    try {
      return new RegExp(p);
    } catch (e) {
      throw new UsageError(`--exclude ${p}: ${(e as Error).message}`);
    }
  });

  const cwd = process.cwd();
  const outDir = resolve(cwd, values.out ?? 'out');
  const repoFiles = repositoryYamlFiles(cwd);
  const options = { exclude: values.exclude, format, maxWarnings: String(maxWarnings), config: values.config, outDir };
  // The key is computed before kustomize starts: on a hit no render runs at all, at the price of
  // the hashing (a fraction of a second) on a miss.
  const key = values['no-cache']
    ? undefined
    : lintRepoKey({ cwd, options, configFile: values.config, outDir, repoFiles });
  const cached = key ? readCachedRun(key) : undefined;
  if (cached) {
    emit(cached);
    if (format === 'text')
      console.error('kfgen lint-repo: nothing it reads changed since an earlier run; that result is reused');
    return cached.exitCode;
  }
  // kustomize renders in its own process while this one loads the config and reads the
  // repository: the hook then costs little more than the build itself (issue 13).
  const rendering = existsSync(join(outDir, 'kustomization.yaml')) ? settle(kustomizeBuild(outDir)) : undefined;
  const result = await lintRepo({
    cwd,
    outDir,
    rendering,
    repoFiles,
    exclude,
    format,
    maxWarnings,
    config: values.config,
  });
  if (key) writeCachedRun(key, result);
  emit(result);
  return result.exitCode;
}

function emit(r: HookResult): void {
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
}

/** One run, its output kept for the cache: what goes to stdout and stderr, and the exit code. */
async function lintRepo(o: {
  cwd: string;
  outDir: string;
  rendering: Rendering | undefined;
  repoFiles: string[];
  exclude: RegExp[];
  format: OutputFormat;
  maxWarnings: number;
  config: string | undefined;
}): Promise<HookResult> {
  const { cwd, outDir, format, maxWarnings } = o;
  // Loaded here, not at the top: a run answered from the cache needs none of the linter.
  const [{ lintSources }, { formatFindings }] = await Promise.all([
    import('../lint/index.js'),
    import('../lint/format/index.js'),
  ]);
  let stderr = '';
  const note = (line: string) => (stderr += `${line}\n`);
  const loaded = await findConfig(cwd, o.config);
  const sources: LintSource[] = [];
  if (loaded) sources.push(...(await outputSources(cwd, outDir, o.rendering, note)));
  // kfgen's output is linted above; a vendored manifests tree is upstream's, with upstream's defaults.
  const skipDirs = loaded
    ? [
        outDir,
        ...(loaded.manifestsDir && !relative(cwd, loaded.manifestsDir).startsWith('..') ? [loaded.manifestsDir] : []),
      ]
    : [];
  const repo = repositoryManifests(cwd, { exclude: o.exclude, skipDirs, files: o.repoFiles });
  sources.push(...repo.sources);

  const findings = await lintSources(sources, { rules: loaded?.config.lint?.rules });
  const stdout = formatFindings(findings, format);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (format === 'text') {
    const what = `${repo.sources.length} manifest file(s)${loaded ? `, ${loaded.displayFile} and ${relative(cwd, outDir) || '.'}/` : ''}`;
    note(`kfgen lint-repo: checked ${what}${repo.skipped.excluded ? `; ${repo.skipped.excluded} excluded` : ''}`);
  }
  if (errors) return { stdout, stderr, exitCode: EXIT.invalid };
  if (warnings > maxWarnings) {
    note(`kfgen lint-repo: ${warnings} warnings exceed --max-warnings ${maxWarnings}`);
    return { stdout, stderr, exitCode: EXIT.invalid };
  }
  return { stdout, stderr, exitCode: EXIT.ok };
}

/** A repository without a kfgen config is fine: the hook then lints its manifests only. */
async function findConfig(cwd: string, file: string | undefined): Promise<LoadedConfig | undefined> {
  const { loadProject } = await import('../pipeline/index.js');
  try {
    return await loadProject({ cwd, configFile: file, requireManifests: false });
  } catch (e) {
    if (!file && e instanceof UsageError && /no kfgen config found/.test(e.message)) return undefined;
    throw e;
  }
}

/**
 * kfgen's output rendered by kustomize is what gets deployed, so that is what is linted when
 * possible. Rendering needs kustomize and the git-ignored secrets/ that `kfgen build` wrote; a
 * fresh clone (CI) has neither, and then the output's whole objects are linted on their own.
 */
/** A promise whose rejection is kept for later instead of being unhandled meanwhile. */
function settle<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

type Rendering = Promise<{ value?: string | null; error?: unknown }>;

async function outputSources(
  cwd: string,
  outDir: string,
  rendering: Rendering | undefined,
  note: (line: string) => void,
): Promise<LintSource[]> {
  const shown = relative(cwd, outDir) || '.';
  if (!existsSync(join(outDir, 'kustomization.yaml'))) {
    note(
      `kfgen lint-repo: ${shown}/kustomization.yaml does not exist; run \`kfgen build\` (kfgen-check reports this too)`,
    );
    return [];
  }
  const files = readTree(outDir);
  const cluster = [...files.keys()]
    .filter((p) => p.startsWith('cluster/') && /\.ya?ml$/.test(p))
    .map((p) => ({ file: `${shown}/${p}`, text: files.get(p)! }));
  let rendered: string | null = null;
  let why = 'kustomize was not found (set KUSTOMIZE or put it on PATH)';
  const result = await (rendering ?? settle(kustomizeBuild(outDir)));
  if (result.error === undefined) rendered = result.value ?? null;
  else {
    const e = result.error;
    if (!(e instanceof KustomizeFailed)) throw e;
    why = `kustomize build ${shown} failed (${e.message.split('\n').slice(1).join(' ').slice(0, 200)})`;
  }
  const { plainAppliedSources, standaloneSources } = await import('../pipeline/sources.js');
  // The tenancy files are applied beside the build (docs/tenancy.md), so they are linted with it.
  if (rendered !== null)
    return [{ file: `${shown} (kustomize build)`, text: rendered }, ...cluster, ...plainAppliedSources(files, shown)];
  note(`kfgen lint-repo: ${why}; linting the files of ${shown}/ without rendering`);
  try {
    return standaloneSources(files, shown);
  } catch {
    // An unreadable kustomization.yaml is itself the finding (yaml-syntax).
    return [{ file: `${shown}/kustomization.yaml`, text: files.get('kustomization.yaml')! }, ...cluster];
  }
}

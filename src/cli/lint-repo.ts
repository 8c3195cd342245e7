import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LoadedConfig } from '../config/load.js';
import { loadProject } from '../pipeline/index.js';
import { PROJECT_OPTIONS } from './options.js';
import { EXIT, UsageError } from '../config/errors.js';
import { formatFindings, FORMATS, type OutputFormat } from '../lint/format/index.js';
import { lintSources, type LintSource } from '../lint/index.js';
import { kustomizeBuild, KustomizeFailed } from '../lint/io/kustomize.js';
import { repositoryManifests } from './repo-inputs.js';
import { readTree } from '../pipeline/compare-tree.js';
import { plainAppliedSources, standaloneSources } from '../pipeline/sources.js';

const USAGE = `Usage: kfgen lint-repo [--exclude REGEX]... [--config FILE] [--out DIR] [--format text|json|sarif]

Lints, in one pass (rules cross files): the kfgen config, its committed output directory (rendered
with kustomize when it can be, else its files), and every other Kubernetes manifest tracked by git.
Patches, generator inputs, function configs and kustomizations are not objects and are skipped.
This is the pre-commit hook kfgen-lint (docs/pre-commit.md).

Options:
  --exclude REGEX        skip repository paths matching REGEX (Python/JS syntax); repeatable
  -c, --config FILE      the kfgen config (default: found in the current directory); optional
  -o, --out DIR          kfgen's output directory (default out)
  -f, --format FORMAT    text (default), json or sarif
      --max-warnings N   fail when there are more than N warnings

Exit codes: 0 clean, 1 errors (or too many warnings, or an invalid config), 2 usage error.`;

export async function lintRepoCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      exclude: { type: 'string', multiple: true, default: [] },
      config: PROJECT_OPTIONS.config,
      out: PROJECT_OPTIONS.out,
      format: { type: 'string', short: 'f', default: 'text' },
      'max-warnings': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
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
  // kustomize renders in its own process while this one loads the config and reads the repository:
  // the hook then costs little more than the build itself (issue 13).
  const rendering = existsSync(join(outDir, 'kustomization.yaml')) ? settle(kustomizeBuild(outDir)) : undefined;
  const loaded = await findConfig(cwd, values.config);
  const sources: LintSource[] = [];
  if (loaded) sources.push(...(await outputSources(cwd, outDir, rendering)));
  // kfgen's output is linted above; a vendored manifests tree is upstream's, with upstream's defaults.
  const skipDirs = loaded
    ? [
        outDir,
        ...(loaded.manifestsDir && !relative(cwd, loaded.manifestsDir).startsWith('..') ? [loaded.manifestsDir] : []),
      ]
    : [];
  const repo = repositoryManifests(cwd, { exclude, skipDirs });
  sources.push(...repo.sources);

  const findings = await lintSources(sources, { rules: loaded?.config.lint?.rules });
  process.stdout.write(formatFindings(findings, format));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (format === 'text') {
    const what = `${repo.sources.length} manifest file(s)${loaded ? `, ${loaded.displayFile} and ${relative(cwd, outDir) || '.'}/` : ''}`;
    console.error(
      `kfgen lint-repo: checked ${what}${repo.skipped.excluded ? `; ${repo.skipped.excluded} excluded` : ''}`,
    );
  }
  if (errors) return EXIT.invalid;
  if (warnings > maxWarnings) {
    console.error(`kfgen lint-repo: ${warnings} warnings exceed --max-warnings ${maxWarnings}`);
    return EXIT.invalid;
  }
  return EXIT.ok;
}

/** A repository without a kfgen config is fine: the hook then lints its manifests only. */
async function findConfig(cwd: string, file: string | undefined): Promise<LoadedConfig | undefined> {
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

async function outputSources(
  cwd: string,
  outDir: string,
  rendering: Promise<{ value?: string | null; error?: unknown }> | undefined,
): Promise<LintSource[]> {
  const shown = relative(cwd, outDir) || '.';
  if (!existsSync(join(outDir, 'kustomization.yaml'))) {
    console.error(
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
  // The tenancy files are applied beside the build (docs/tenancy.md), so they are linted with it.
  if (rendered !== null)
    return [{ file: `${shown} (kustomize build)`, text: rendered }, ...cluster, ...plainAppliedSources(files, shown)];
  console.error(`kfgen lint-repo: ${why}; linting the files of ${shown}/ without rendering`);
  try {
    return standaloneSources(files, shown);
  } catch {
    // An unreadable kustomization.yaml is itself the finding (yaml-syntax).
    return [{ file: `${shown}/kustomization.yaml`, text: files.get('kustomization.yaml')! }, ...cluster];
  }
}

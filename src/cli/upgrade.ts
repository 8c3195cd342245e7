import type { Args, DIFF_OPTIONS, UPGRADE_OPTIONS } from './options.js';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadProject, runPipeline, validateProject } from '../pipeline/index.js';
import { writeTreeAtomic, assertReplaceable } from '../pipeline/write-tree.js';
import { ConfigError, EXIT, UsageError } from '../config/errors.js';
import type { LoadedConfig } from '../config/load.js';
import type { KfgenConfig } from '../config/types.js';
import { identifyRelease, manifestsTreeProblem } from '../config/manifests-tree.js';
import { RELEASE_IDS, type ReleaseId } from '../kubeflow/release.js';
import { isReleaseId, nextRelease } from '../kubeflow/releases/index.js';
import { hopFacts } from '../kubeflow/upgrades.js';
import type { FileTree } from '../generate/core/model.js';
import { diffPlatforms, formatDiff, type KObject } from '../upgrade/diff.js';
import { renderUpgrade, upgradePlan } from '../upgrade/steps.js';

/**
 * `kfgen upgrade`: the target release built from the same config, and UPGRADE.md, the steps from
 * the release the config declares to the next one. `kfgen diff`: two renders compared. Both render
 * with kustomize here, at the edge; the diff and the steps are pure (src/upgrade).
 */

function kustomizeRender(dir: string): Promise<string> {
  return import('../lint/io/kustomize.js').then(async ({ kustomizeBuild }) => {
    const text = await kustomizeBuild(dir);
    if (text === null) throw new UsageError('kustomize not found: set KUSTOMIZE or put kustomize on PATH');
    return text;
  });
}

function parseObjects(text: string): KObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KObject | null)
    .filter((o): o is KObject => !!o && typeof o === 'object' && typeof o.kind === 'string');
}

function writePlain(dir: string, tree: FileTree): void {
  for (const [path, content] of tree) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content, { mode: path.startsWith('secrets/') ? 0o600 : 0o644 });
  }
}

/** Builds `loaded` into a scratch directory beside `outDir` (same depth: same relative paths) and renders it. */
async function renderBeside(loaded: LoadedConfig, outDir: string, what: string) {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const scratch = mkdtempSync(join(parent, `${basename(outDir)}.kfgen-${what}-`));
  try {
    const result = await runPipeline({ loaded, outDir: scratch, secrets: { env: process.env }, lint: what === 'new' });
    writePlain(scratch, result.tree);
    const objects = parseObjects(await kustomizeRender(scratch));
    return { ...result, objects };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function versionProblem(loaded: LoadedConfig, message: string, allowed?: string, suggestion?: string): ConfigError {
  return new ConfigError([
    {
      file: loaded.displayFile,
      line: loaded.locate(['manifests', 'version']),
      path: 'manifests.version',
      message,
      ...(allowed ? { allowed } : {}),
      ...(suggestion ? { suggestion } : {}),
    },
  ]);
}

/** The target tree: --manifests, else the sibling of the config's tree named after the target release. */
function targetTree(loaded: LoadedConfig, to: ReleaseId, flag: string | undefined, cwd: string): string | undefined {
  if (flag) {
    const dir = resolve(cwd, flag);
    const problem = manifestsTreeProblem(dir, to);
    if (problem) throw new UsageError(`--manifests ${flag}: ${problem.replace('manifests.version is', '--to is')}`);
    return dir;
  }
  if (!loaded.manifestsDir) return undefined; // manifests.git: remote bases at ?ref=<to>
  const sibling = join(dirname(loaded.manifestsDir), to);
  if (existsSync(sibling) && identifyRelease(sibling) === to) return sibling;
  throw new UsageError(
    `--manifests: no kubeflow/manifests ${to} tree given, and ${sibling} is not one; pass --manifests DIR (git clone --depth 1 --branch ${to} https://github.com/kubeflow/manifests)`,
  );
}

interface Prepared {
  loaded: LoadedConfig;
  target: LoadedConfig;
  from: ReleaseId;
  to: ReleaseId;
  outDir: string;
}

async function prepare(values: { [k: string]: string | boolean | undefined }, cwd: string): Promise<Prepared> {
  const toArg = values.to as string | undefined;
  if (!toArg) throw new UsageError('upgrade: --to RELEASE is required (allowed: ' + RELEASE_IDS.join(', ') + ')');
  if (!isReleaseId(toArg))
    throw new UsageError(`--to: unknown release "${toArg}" (allowed: ${RELEASE_IDS.join(', ')})`);
  if (!values.out)
    throw new UsageError('upgrade: --out DIR is required (the target release is built there, with UPGRADE.md)');
  const outDir = resolve(cwd, values.out as string);
  assertReplaceable(outDir);
  const loaded = await loadProject({
    cwd,
    configFile: values.config as string | undefined,
    remoteBasesDir: values['remote-bases'] as string | undefined,
  });
  const from = loaded.config.manifests.version;
  const to = toArg;
  const order = (id: ReleaseId) => RELEASE_IDS.indexOf(id);
  const next = nextRelease(from)?.id;
  if (to === from)
    throw versionProblem(loaded, `is already ${to}; nothing to upgrade`, next ? `--to ${next}` : undefined);
  if (order(to) < order(from))
    throw versionProblem(
      loaded,
      `is ${from}; --to ${to} is a downgrade, which kfgen does not generate: its database and schema migrations are one-way`,
      next ? `--to ${next}` : undefined,
      `to go back, restore the backups the upgrade to ${from} made (UPGRADE.md step 1) onto a ${to} platform`,
    );
  if (to !== next)
    throw versionProblem(
      loaded,
      `is ${from}; --to ${to} skips ${RELEASE_IDS.slice(order(from) + 1, order(to)).join(', ')}, and upstream components do not take two releases in one step`,
      `--to ${next}`,
      `upgrade one release at a time: kfgen upgrade --to ${next}, then again from there`,
    );
  const treeDir = targetTree(loaded, to, values.manifests as string | undefined, cwd);
  const manifests: KfgenConfig['manifests'] = { ...loaded.config.manifests, version: to };
  if (treeDir && loaded.config.manifests.path !== undefined) {
    const rel = relative(loaded.configDir, treeDir).split(sep).join('/');
    manifests.path = isAbsolute(loaded.config.manifests.path) ? treeDir : rel;
  }
  const config = { ...loaded.config, manifests } as KfgenConfig;
  const problems = validateProject(config, loaded.displayFile, loaded.locate);
  if (problems.length) throw new ConfigError(problems);
  const target: LoadedConfig = { ...loaded, config, ...(treeDir ? { manifestsDir: treeDir } : {}) };
  return { loaded, target, from, to, outDir };
}

export async function upgradeCommand({ values }: Args<typeof UPGRADE_OPTIONS>): Promise<number> {
  const cwd = process.cwd();
  const p = await prepare(values, cwd);
  const facts = hopFacts(p.from, p.to)!;
  const [old, next] = await Promise.all([
    renderBeside(p.loaded, p.outDir, 'old'),
    renderBeside(p.target, p.outDir, 'new'),
  ]);
  if (next.errors) {
    const { formatFindings } = await import('../lint/index.js');
    process.stderr.write(formatFindings(next.findings, 'text'));
    console.error(
      `kfgen: ${next.errors} lint error(s) in the ${p.to} build; nothing was written. Fix the config first.`,
    );
    return EXIT.invalid;
  }
  // The tree is rendered in a scratch directory beside outDir; rebuild it for outDir itself (same bytes).
  const built = await runPipeline({ loaded: p.target, outDir: p.outDir, secrets: { env: process.env }, lint: false });
  const diff = diffPlatforms(old.objects, next.objects);
  const fromOut = relative(p.outDir, p.loaded.file).split(sep).join('/');
  const plan = upgradePlan({
    facts,
    diff,
    tenancy: [...built.tree.keys()].some((k) => k.startsWith('tenancy/')),
    config: {
      fromOut,
      versionLine: p.loaded.locate(['manifests', 'version']),
      ...(p.target.config.manifests.path !== undefined
        ? {
            pathLine: p.loaded.locate(['manifests', 'path']),
            oldPath: p.loaded.config.manifests.path,
            newPath: p.target.config.manifests.path,
          }
        : {}),
    },
    kfgen: 'npx kfgen',
  });
  const md = renderUpgrade(plan, [
    `Generated by kfgen from \`${basename(p.loaded.file)}\` (${p.from}) for ${p.to}. Do not edit: run \`kfgen upgrade\` again.`,
    `Run the blocks in order, from this directory, against the cluster that runs ${p.from}; each block stops at its first failing command. Read step 0 first.`,
  ]);
  const entries: [string, string][] = [...built.tree, ['UPGRADE.md', md]];
  const tree: FileTree = new Map(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeTreeAtomic(p.outDir, tree, built.setupFiles);
  const shown = relative(cwd, p.outDir) || '.';
  console.log(
    `kfgen: wrote ${p.to} to ${shown}/ (${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed objects) — read ${shown}/UPGRADE.md`,
  );
  return EXIT.ok;
}

/** `kfgen diff --from <out dir | release> --to <out dir>`. */
export async function diffCommand({ values }: Args<typeof DIFF_OPTIONS>): Promise<number> {
  const cwd = process.cwd();
  if (!values.from || !values.to)
    throw new UsageError('diff: --from (an output directory or a release) and --to (an output directory) are required');
  const isDir = (p: string) => existsSync(resolve(cwd, p)) && statSync(resolve(cwd, p)).isDirectory();
  if (!isDir(values.to)) throw new UsageError(`diff: --to ${values.to}: not a directory`);
  let oldObjects: KObject[];
  if (isDir(values.from)) oldObjects = parseObjects(await kustomizeRender(resolve(cwd, values.from)));
  else if (isReleaseId(values.from)) {
    const loaded = await loadProject({ cwd, configFile: values.config, remoteBasesDir: values['remote-bases'] });
    if (loaded.config.manifests.version !== values.from) {
      const tree = loaded.manifestsDir ? join(dirname(loaded.manifestsDir), values.from) : undefined;
      if (tree && identifyRelease(tree) !== values.from)
        throw new UsageError(
          `diff: --from ${values.from}: the config is ${loaded.config.manifests.version} and ${tree} is not a ${values.from} tree`,
        );
      const config = {
        ...loaded.config,
        manifests: { ...loaded.config.manifests, version: values.from, ...(tree ? { path: tree } : {}) },
      } as KfgenConfig;
      Object.assign(loaded, { config, ...(tree ? { manifestsDir: tree } : {}) });
    }
    oldObjects = (await renderBeside(loaded, resolve(cwd, values.to), 'old')).objects;
  } else
    throw new UsageError(
      `diff: --from ${values.from}: neither a directory nor a release (allowed: a directory, ${RELEASE_IDS.join(', ')})`,
    );
  const newObjects = parseObjects(await kustomizeRender(resolve(cwd, values.to)));
  process.stdout.write(formatDiff(diffPlatforms(oldObjects, newObjects)));
  return EXIT.ok;
}

import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { loadConfig, remoteBases, type LoadedConfig, type LoadOptions } from '../config/load.js';
import { release } from '../kubeflow/releases/index.js';
import { componentFor } from '../kubeflow/release.js';
import { VENDOR_DIR, VendorError, vendorRemoteBases, type Vendored } from './vendor.js';
import { defaultRemoteBases, manifestsTreeProblem } from '../config/manifests-tree.js';
import { resolveSecrets, type ResolvedSecrets } from '../config/secrets.js';
import { walkSecretSources } from '../config/secret-source.js';
import { ConfigError, type Problem } from '../config/errors.js';
import { validateConfig, type Locate } from '../config/validate.js';
import type { KfgenConfig } from '../config/types.js';
import { planProblems } from '../plan/validate.js';
import { makePlan, type Plan } from '../plan/index.js';
import { generateOutput } from '../generate/index.js';
import type { FileTree } from '../generate/core/model.js';
import type { Finding } from '../lint/types.js';
import type { LintSource } from '../lint/index.js';
import { standaloneSources } from './sources.js';
import { readGenerateAssets } from './assets.js';
import { EXAMPLE_PROFILE } from '../kubeflow/kfam.js';
import { RULE_IDS } from '../util/rule-ids.js';

/**
 * The one pipeline behind `build`, `check`, `lint`, `lint-repo` and the KRM function:
 * load → validate (config, then plan) → secrets → generate → lint gate. Writing, comparing and
 * rendering are the callers' last step; nothing here writes.
 */

/** Each validated config's plan, made once: the plan checks and the generators read the same object. */
const plans = new WeakMap<KfgenConfig, Plan>();

function planOf(config: KfgenConfig): Plan {
  let plan = plans.get(config);
  if (!plan) plans.set(config, (plan = makePlan(config)));
  return plan;
}

function checkPlan(config: KfgenConfig, file: string, locate: Locate): Problem[] {
  return planProblems(config, file, locate, planOf(config));
}

/** Loads and validates a config file, with the plan's checks. */
export function loadProject(opts: Omit<LoadOptions, 'check'>): Promise<LoadedConfig> {
  return loadConfig({ ...opts, check: checkPlan });
}

/** Every check of a config object, the plan's included: what a file or a KRM spec gets. */
export function validateProject(raw: unknown, file: string, locate?: Locate): Problem[] {
  return validateConfig(raw, file, locate, checkPlan);
}

/** The KRM function's config arrives as an object; it gets exactly the checks a file gets. */
export function loadFromObject(
  raw: unknown,
  displayFile: string,
  dir: string,
): { loaded?: LoadedConfig; problems: Problem[] } {
  const problems = validateProject(raw, displayFile);
  if (problems.length) return { problems };
  const config = raw as KfgenConfig;
  const loaded: LoadedConfig = {
    config,
    file: resolve(dir, displayFile),
    displayFile,
    configDir: dir,
    locate: () => undefined,
    ...remoteBases(config, dir, { cwd: dir }),
  };
  if (config.manifests.path) {
    loaded.manifestsDir = resolve(dir, config.manifests.path);
    const problem = manifestsTreeProblem(loaded.manifestsDir, config.manifests.version);
    if (problem)
      return {
        problems: [
          {
            file: displayFile,
            path: 'manifests.path',
            message: `${problem.replace(/^directory /, '')}; the path is relative to the kustomization directory ${dir}`,
          },
        ],
      };
  }
  return { loaded, problems: [] };
}

/** kustomize rejects absolute paths in `resources:`, so local trees are referenced relatively. */
export function upstreamRef(loaded: LoadedConfig, outDir: string): (dir: string) => string {
  const m = loaded.config.manifests;
  if (loaded.manifestsDir) {
    const base = relative(outDir, loaded.manifestsDir).split(sep).join('/');
    return (dir) => `${base}/${dir}`;
  }
  const repo = m.git!.replace(/\.git$/, '').replace(/\/$/, '');
  return (dir) => `${repo}//${dir}?ref=${m.version}`;
}

/**
 * Secret values only ever reach secrets/, which `check` ignores, so every source gets a
 * placeholder of a valid length: a hook must not need the deployment's secrets in its environment.
 */
export function placeholderSecrets(config: KfgenConfig): ResolvedSecrets {
  const secrets: ResolvedSecrets = new Map();
  walkSecretSources(config, [], (source) => {
    if (!('existingSecret' in source)) secrets.set(source, '0123456789abcdef0123456789abcdef');
  });
  return secrets;
}

export interface PipelineInput {
  loaded: LoadedConfig;
  /** Where the tree will be written (paths to the manifests are computed from there). */
  outDir: string;
  /** `placeholder`: for commands that never write secrets/ (check, hooks). */
  secrets: { env: NodeJS.ProcessEnv } | 'placeholder';
  /** Run the lint gate over the files kfgen writes whole. */
  lint: boolean;
  /** Prefix of finding file names (the output directory as the user sees it). */
  shown?: string;
}

export interface PipelineResult {
  loaded: LoadedConfig;
  outDir: string;
  tree: FileTree;
  /** Lint findings in what kfgen writes (info-level left out: CRDs only exist after kustomize). */
  findings: Finding[];
  errors: number;
  /** vendor/ could not be regenerated (a command that never reads the tree, without it or the mirror). */
  vendorSkipped: boolean;
  /** Files NEXT_STEPS has the user write into the output directory: kept by a rebuild, not compared. */
  setupFiles: string[];
}

export async function runPipeline(input: PipelineInput): Promise<PipelineResult> {
  const { loaded, outDir } = input;
  let secrets: ResolvedSecrets;
  if (input.secrets === 'placeholder') secrets = placeholderSecrets(loaded.config);
  else {
    const resolved = resolveSecrets(loaded.config, {
      file: loaded.displayFile,
      configDir: loaded.configDir,
      env: input.secrets.env,
      locate: loaded.locate,
    });
    if (resolved.problems.length) throw new ConfigError(resolved.problems);
    secrets = resolved.secrets;
  }
  const tolerant = input.secrets === 'placeholder';
  const vendored = vendor(loaded, outDir, tolerant);
  const vendoredDirs = vendored?.dirs ?? (tolerant ? committedVendorDirs(loaded, outDir) : []);
  const ref = upstreamRef(loaded, outDir);
  const { tree, setupFiles } = generateOutput({
    plan: planOf(loaded.config),
    configName: basename(loaded.file),
    secrets,
    upstreamRef: (dir) => (vendoredDirs.includes(dir) ? `${VENDOR_DIR}/${dir}` : ref(dir)),
    upstreamFiles: vendored?.files ?? {},
    assets: readGenerateAssets(),
  });
  const findings = input.lint ? await lintGate(tree, input.shown ?? '', loaded) : [];
  const vendorSkipped = !vendored && release(loaded.config.manifests.version).remoteBases.length > 0;
  return {
    loaded,
    outDir,
    tree,
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    vendorSkipped: vendorSkipped && !!loaded.manifestsDir,
    setupFiles,
  };
}

/**
 * The offline copies of the components that fetch remote bases. Commands that never read the tree
 * (`check`, the hooks) skip them when the tree or the mirror is not there; `vendor/` is then not compared.
 */
function vendor(loaded: LoadedConfig, outDir: string, tolerant: boolean): Vendored | undefined {
  const rel = release(loaded.config.manifests.version);
  if (!loaded.manifestsDir || !rel.remoteBases.length) return undefined;
  const mirrorDir = loaded.remoteBasesDir ?? defaultRemoteBases(loaded.manifestsDir);
  if (tolerant && (!existsSync(loaded.manifestsDir) || !mirrorDir || !existsSync(mirrorDir))) return undefined;
  try {
    return vendorRemoteBases({
      release: rel,
      manifestsDir: loaded.manifestsDir,
      mirrorDir,
      outDir,
      components: rel.components.map((c) => c.dir),
      mirrorSetting: loaded.remoteBasesSetting,
    });
  } catch (e) {
    if (!(e instanceof VendorError)) throw e;
    throw new ConfigError([
      {
        file: loaded.displayFile,
        line: loaded.locate(['manifests', 'remoteBases']) ?? loaded.locate(['manifests', 'version']),
        path: 'manifests.remoteBases',
        message: e.message,
      },
    ]);
  }
}

/**
 * Without the tree or the mirror, which components a build put into vendor/ is read from the
 * output being compared, so that its kustomization.yaml (which refers to them there) compares as
 * written; what vendor/ holds is then not compared.
 */
function committedVendorDirs(loaded: LoadedConfig, outDir: string): string[] {
  return release(loaded.config.manifests.version)
    .components.map((c) => c.dir)
    .filter((dir) => existsSync(join(outDir, VENDOR_DIR, dir, 'kustomization.yaml')));
}

/** The same checks as `kfgen lint`, on the objects kfgen writes whole; errors block writing. */
async function lintGate(tree: FileTree, shown: string, loaded: LoadedConfig): Promise<Finding[]> {
  const { config } = loaded;
  // Lazily: `kfgen check` and the hooks never pay for loading the rule catalog.
  const { lintSources } = await import('../lint/index.js');
  const sources = standaloneSources(tree, shown);
  // The example Profile that keepExampleProfile keeps comes from upstream, so only kustomize's
  // output holds it; without it the checks would call its namespace one nobody creates.
  if (config.tenancy?.keepExampleProfile)
    sources.push({
      file: `${componentFor(release(config.manifests.version), 'user-namespace')!.dir} (upstream)`,
      text: EXAMPLE_PROFILE_OBJECT,
    });
  const whole = await lintSources(sources, { rules: config.lint?.rules, crdSources: releaseCrds(loaded) });
  // The generator inputs (oauth2_proxy.cfg, Dex's config.yaml) become ConfigMaps only in kustomize;
  // the rules that read nothing else see them here, as those ConfigMaps.
  const inputs = await lintSources(generatorInputSources(tree, shown), {
    rules: {
      ...Object.fromEntries(RULE_IDS.filter((id) => !GENERATOR_INPUT_RULES.includes(id)).map((id) => [id, 'off'])),
      ...Object.fromEntries(
        GENERATOR_INPUT_RULES.flatMap((id) => (config.lint?.rules?.[id] ? [[id, config.lint.rules[id]]] : [])),
      ),
    },
  });
  const inFile = inputs.map((f) => ({ ...f, line: Math.max(1, f.line - 7), column: 1 }));
  return [...whole, ...inFile].filter((f) => f.severity !== 'info');
}

/** Rules that need only oauth2-proxy's and Dex's config files, so the build gate can run them before kustomize. */
const GENERATOR_INPUT_RULES: readonly string[] = ['auth-open-sign-in'];

/**
 * oauth2_proxy.cfg and Dex's config.yaml as the ConfigMaps kustomize makes of them, each file's
 * text a block scalar starting on line 8, so a finding's line minus 7 is the line in the file.
 */
function generatorInputSources(tree: FileTree, shown: string): Array<{ file: string; text: string }> {
  const at = (path: string) => (shown ? `${shown}/${path}` : path);
  const configMap = (name: string, namespace: string, key: string, text: string) =>
    [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      `  name: ${name}`,
      `  namespace: ${namespace}`,
      'data:',
      `  ${key}: |`,
      ...text
        .trimEnd()
        .split('\n')
        .map((l) => (l ? `    ${l}` : '')),
      '',
    ].join('\n');
  const out: Array<{ file: string; text: string }> = [];
  const cfg = tree.get('oauth2-proxy/oauth2_proxy.cfg');
  if (cfg)
    out.push({
      file: at('oauth2-proxy/oauth2_proxy.cfg'),
      text: configMap('oauth2-proxy', 'oauth2-proxy', 'oauth2_proxy.cfg', cfg),
    });
  const dex = tree.get('dex/config.yaml');
  if (dex) out.push({ file: at('dex/config.yaml'), text: configMap('dex', 'auth', 'config.yaml', dex) });
  return out;
}
/** The release's cert-manager and Istio CRDs from the tree, where it is here (the schemas the cluster will enforce). */
function releaseCrds(loaded: LoadedConfig): LintSource[] {
  const dir = loaded.manifestsDir;
  if (!dir) return [];
  return release(loaded.config.manifests.version)
    .crdFiles.map((f) => join(dir, f))
    .filter((f) => existsSync(f))
    .map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));
}

/** The example profile's profile-instance.yaml (the same in every release), with its params.env filled in. */
const EXAMPLE_PROFILE_OBJECT = `apiVersion: kubeflow.org/v1beta1\nkind: Profile\nmetadata:\n  name: ${EXAMPLE_PROFILE}\nspec:\n  owner:\n    kind: User\n    name: user@example.com\n`;

/** Load, then run: what `kfgen build` does before it writes. */
export async function buildProject(opts: {
  cwd: string;
  configFile?: string;
  outDir?: string;
  manifestsDir?: string;
  remoteBasesDir?: string;
  env?: NodeJS.ProcessEnv;
  lint?: boolean;
  shown?: string;
}): Promise<PipelineResult> {
  const loaded = await loadProject({
    cwd: opts.cwd,
    configFile: opts.configFile,
    manifestsDir: opts.manifestsDir,
    remoteBasesDir: opts.remoteBasesDir,
  });
  const outDir = resolve(opts.cwd, opts.outDir ?? 'out');
  return runPipeline({
    loaded,
    outDir,
    secrets: { env: opts.env ?? process.env },
    lint: opts.lint ?? false,
    shown: opts.shown,
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { LoadedConfig } from '../config/load.js';
import { ConfigError, type Problem } from '../config/errors.js';
import { loadFromObject, runPipeline } from '../pipeline/index.js';
import { writeTreeAtomic } from '../pipeline/write-tree.js';
import { isTenancyFile } from '../generate/tenancy/files.js';
import { formatFindings } from '../lint/index.js';
import { kustomizeBuild, KustomizeFailed } from '../lint/io/kustomize.js';
import { API_GROUP, describe, FunctionConfigError, type FieldProblem } from './function-config.js';
import type { KrmObject, ResourceList } from './resource-list.js';
import { prefixLines, toResult, type ProcessorOutput } from './validate.js';

export interface GenerateContext {
  /** The kustomization directory: kustomize runs exec functions there. Relative paths start here. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function toFieldProblem(p: Problem): FieldProblem {
  const extra = `${p.allowed ? ` (allowed: ${p.allowed})` : ''}${p.suggestion ? `; ${p.suggestion}` : ''}`;
  return { path: p.path ? `spec.${p.path}` : 'spec', message: `${p.message}${extra}` };
}

/** The same checks `kfgen build` runs on a config file, on the function config's `spec`. */
export function loadSpec(fc: KrmObject, ctx: GenerateContext): LoadedConfig {
  const spec = fc.spec;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new FunctionConfigError([
      { path: 'spec', message: 'is missing; it holds the kfgen config (the same shape as kfgen.config.yaml)' },
    ]);
  }
  const { loaded, problems } = loadFromObject(spec, describe(fc), ctx.cwd);
  if (!loaded) throw new FunctionConfigError(problems.map(toFieldProblem));
  return loaded;
}

/**
 * Generator and transformer: renders exactly what `kfgen build` + `kustomize build` renders for
 * the spec (the same generator, the same kustomize), and adds it to the items it was given. Input
 * items that the platform also renders are an error, as kustomize reports for two generators.
 */
export async function generateItems(
  input: ResourceList,
  fc: KrmObject,
  ctx: GenerateContext,
): Promise<ProcessorOutput> {
  const loaded = loadSpec(fc, ctx);
  const scratch = mkdtempSync(join(tmpdir(), 'kfgen-fn-'));
  try {
    const outDir = join(scratch, 'out');
    let run;
    try {
      run = await runPipeline({ loaded, outDir, secrets: { env: ctx.env }, lint: true });
    } catch (e) {
      if (e instanceof ConfigError) throw new FunctionConfigError(e.problems.map(toFieldProblem));
      throw e;
    }
    // As `kfgen build`: lint errors in what kfgen writes stop the build.
    const { tree, findings } = run;
    const results = findings.map((f) => toResult(f, undefined));
    const stderr = findings.length ? prefixLines(formatFindings(findings, 'text')) : '';
    if (findings.some((f) => f.severity === 'error')) {
      // Items go back as they came: a failed run must not read as a deletion.
      return {
        list: { ...input, results },
        stderr: `${stderr}kfgen-fn: the generated overlay has lint errors; nothing was rendered\n`,
        exitCode: 1,
      };
    }
    writeTreeAtomic(outDir, tree);
    let rendered: string | null;
    try {
      rendered = await kustomizeBuild(outDir);
    } catch (e) {
      if (e instanceof KustomizeFailed) throw new FunctionConfigError([{ path: 'spec', message: e.message }]);
      throw e;
    }
    if (rendered === null) {
      throw new FunctionConfigError([
        {
          path: 'spec',
          message: 'kustomize was not found: set KUSTOMIZE to the standalone kustomize binary, or put it on PATH',
        },
      ]);
    }
    // The tenancy objects are applied beside the build as plain files (docs/tenancy.md); here they join the items.
    const tenancy = [...tree.keys()].filter(isTenancyFile).map((path) => tree.get(path)!);
    const platform = [rendered, ...tenancy]
      .flatMap((text) => yaml.loadAll(text, undefined, { schema: yaml.CORE_SCHEMA }) as KrmObject[])
      .filter((o) => o && typeof o === 'object');
    const passed = input.items.filter((item) => !isOwnConfig(item));
    const clashes = clashesWith(passed, platform);
    if (clashes.length) {
      throw new FunctionConfigError(
        clashes.map((id) => ({
          path: 'items',
          message: `${id} is in the input and in the rendered platform; remove it from the kustomization or patch the platform instead`,
        })),
      );
    }
    return { list: { ...input, items: [...passed, ...platform], results }, stderr, exitCode: 0 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** In `generators:` kustomize passes the function config itself as the only item. */
function isOwnConfig(item: KrmObject): boolean {
  return typeof item.apiVersion === 'string' && item.apiVersion.split('/')[0] === API_GROUP;
}

function idOf(o: KrmObject): string {
  const group = String(o.apiVersion ?? '').includes('/') ? String(o.apiVersion).split('/')[0] : '';
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind}${group ? `.${group}` : ''} ${ns}${o.metadata?.name}`;
}

function clashesWith(items: KrmObject[], platform: KrmObject[]): string[] {
  const rendered = new Set(platform.map(idOf));
  return items.map(idOf).filter((id) => rendered.has(id));
}

import { describe, functionKind, FunctionConfigError, CONFIG_KIND } from './function-config.js';
import {
  errorResourceList,
  KrmInputError,
  parseResourceList,
  serializeResourceList,
  type KrmObject,
  type KrmResult,
  type ResourceList,
} from './resource-list.js';
import { LintUsageError } from '../lint/index.js';

export interface FunctionRun {
  stdout: string;
  stderr: string;
  /** 0 success, 1 errors found or the input/config is unusable (the KRM spec: non-zero is failure). */
  exitCode: number;
}

/**
 * One invocation of the function, free of process I/O so the spec tests can call it directly.
 * Whatever goes wrong, stdout holds a ResourceList with an error result and stderr a one-line
 * reason; only a bug in kfgen shows a stack, and only with KFGEN_DEBUG set.
 */
export async function runFunction(stdin: string, ctx: { cwd: string; env: NodeJS.ProcessEnv }): Promise<FunctionRun> {
  let input: ResourceList;
  try {
    input = parseResourceList(stdin);
  } catch (e) {
    if (!(e instanceof KrmInputError)) throw e;
    return { stdout: errorResourceList(e.message), stderr: `kfgen-fn: ${e.message}\n`, exitCode: 1 };
  }
  const fc = input.functionConfig;
  try {
    const kind = functionKind(fc);
    const out =
      kind === CONFIG_KIND
        ? await (await import('./generate.js')).generateItems(input, fc!, ctx)
        : await (await import('./validate.js')).validateItems(input, fc?.spec);
    return { stdout: serializeResourceList(out.list), stderr: out.stderr, exitCode: out.exitCode };
  } catch (e) {
    const problems =
      e instanceof FunctionConfigError
        ? e.problems
        : e instanceof LintUsageError
          ? [{ path: 'spec.rules', message: e.message }]
          : undefined;
    if (problems) {
      const where = describe(fc);
      const ref = refOf(fc);
      const results: KrmResult[] = problems.map((p) => ({
        message: `${where}: ${p.path}: ${p.message}`,
        severity: 'error',
        ...(ref && { resourceRef: ref }),
        field: { path: p.path },
      }));
      // Items go back unchanged: a failed run must not look like a deletion to whoever reads the output.
      const stdout = serializeResourceList({ ...input, results });
      return { stdout, stderr: results.map((r) => `kfgen-fn: ${r.message}\n`).join(''), exitCode: 1 };
    }
    const detail =
      process.env.KFGEN_DEBUG || ctx.env.KFGEN_DEBUG ? ((e as Error).stack ?? String(e)) : (e as Error).message;
    const message = `internal error: ${detail} (set KFGEN_DEBUG=1 for a stack trace, and please report it)`;
    return { stdout: errorResourceList(message), stderr: `kfgen-fn: ${message}\n`, exitCode: 1 };
  }
}

function refOf(fc: KrmObject | undefined): KrmResult['resourceRef'] {
  if (!fc || typeof fc.apiVersion !== 'string' || typeof fc.kind !== 'string') return undefined;
  return { apiVersion: fc.apiVersion, kind: fc.kind, name: String(fc.metadata?.name ?? '') };
}

import type { KrmObject } from './resource-list.js';

export const API_GROUP = 'kfgen.dev';
export const API_VERSION = `${API_GROUP}/v1alpha1`;
/** Generator/transformer: `spec` is a kfgen config, the same shape as kfgen.config.yaml. */
export const CONFIG_KIND = 'KfgenConfig';
/** Validator: `spec.rules` optionally overrides rule severities. */
export const LINT_KIND = 'KfgenLint';

export interface FieldProblem {
  /** Dotted path inside the function config, e.g. `spec.auth.provider`. */
  path: string;
  message: string;
  line?: number;
}

/** A function config we cannot act on: each problem becomes an error result. */
export class FunctionConfigError extends Error {
  override name = 'FunctionConfigError';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  }
}

export type FunctionKind = typeof CONFIG_KIND | typeof LINT_KIND;

/**
 * kustomize v5's exec spec has no `args`, so the function config's kind says what to do. No
 * function config at all (an ad-hoc `kfgen-fn < list.yaml`) means: validate, which changes nothing.
 */
export function functionKind(fc: KrmObject | undefined): FunctionKind {
  if (!fc) return LINT_KIND;
  const { apiVersion, kind } = fc;
  if (typeof apiVersion !== 'string' || apiVersion.split('/')[0] !== API_GROUP) {
    throw new FunctionConfigError([
      {
        path: 'apiVersion',
        message: `is ${JSON.stringify(apiVersion ?? null)}; kfgen-fn reads ${API_VERSION} ${CONFIG_KIND} or ${LINT_KIND}`,
      },
    ]);
  }
  if (apiVersion !== API_VERSION)
    throw new FunctionConfigError([
      { path: 'apiVersion', message: `${apiVersion} is not supported; use ${API_VERSION}` },
    ]);
  if (kind === CONFIG_KIND || kind === LINT_KIND) return kind;
  throw new FunctionConfigError([
    {
      path: 'kind',
      message: `is ${JSON.stringify(kind ?? null)}; expected ${CONFIG_KIND} (generate the platform) or ${LINT_KIND} (validate items)`,
    },
  ]);
}

export function describe(fc: KrmObject | undefined): string {
  if (!fc) return 'ResourceList';
  const path =
    fc.metadata?.annotations?.['config.kubernetes.io/path'] ??
    fc.metadata?.annotations?.['internal.config.kubernetes.io/path'];
  return `${fc.kind ?? '?'}/${fc.metadata?.name ?? '?'}${typeof path === 'string' ? ` (${path})` : ''}`;
}

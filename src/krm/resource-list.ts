/**
 * The wire format of the KRM Functions Specification (kustomize repository,
 * cmd/config/docs/api-conventions/functions-spec.md): a `config.kubernetes.io/v1` ResourceList on
 * stdin and on stdout. The Result shape follows kyaml's fn/framework (result.go).
 */
import yaml from 'js-yaml';
import { JS_YAML_DEPTH, shapeProblem, valueBudget } from '../util/yaml-bounds.js';

export type KrmSeverity = 'error' | 'warning' | 'info';

export interface KrmResult {
  message: string;
  severity?: KrmSeverity;
  resourceRef?: { apiVersion: string; kind: string; name: string; namespace?: string };
  field?: { path: string };
  file?: { path: string; index?: number };
  tags?: Record<string, string>;
}

export interface ResourceList {
  apiVersion: string;
  kind: string;
  items: KrmObject[];
  functionConfig?: KrmObject;
  results?: KrmResult[];
}

export type KrmObject = Record<string, any>;

export const RESOURCE_LIST_API_VERSION = 'config.kubernetes.io/v1';

/** Input that is not a ResourceList we can work on: reported as an error result, never a stack. */
export class KrmInputError extends Error {
  override name = 'KrmInputError';
}

/**
 * CORE_SCHEMA: kustomize writes YAML 1.1-safe quoting, and js-yaml's default schema would turn
 * unquoted dates into Date objects and change them on the way back out. No `json` option: with it
 * js-yaml lets a duplicate key silently override the first, where kyaml (and `kfgen lint`) refuse.
 */
const LOAD = { schema: yaml.CORE_SCHEMA, ...JS_YAML_DEPTH } as yaml.LoadOptions;

export function parseResourceList(text: string): ResourceList {
  if (!text.trim())
    throw new KrmInputError(
      'no input on stdin: a KRM function reads a ResourceList (kustomize passes one; see docs/krm.md)',
    );
  let doc: unknown;
  try {
    const docs = yaml.loadAll(text, undefined, LOAD).filter((d) => d !== null && d !== undefined);
    if (docs.length !== 1)
      throw new KrmInputError(`expected one YAML document holding a ResourceList, got ${docs.length}`);
    doc = docs[0];
  } catch (e) {
    if (e instanceof KrmInputError) throw e;
    throw new KrmInputError(`input is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new KrmInputError('input is not a YAML mapping; expected a ResourceList');
  // js-yaml builds aliases as shared (even cyclic) objects; the linter and the output expand them.
  const shape = shapeProblem(doc, { maxNodes: valueBudget(text.length) });
  if (shape) {
    const where = shape.path ? `input ${shape.path}` : 'input';
    throw new KrmInputError(
      shape.kind === 'size'
        ? `input expands to more than ${valueBudget(text.length)} nodes through YAML aliases (at ${shape.path || 'the top'}); write the items out instead of aliasing them`
        : `${where}: ${shape.message}`,
    );
  }
  const rl = doc as Record<string, unknown>;
  const kind = rl.kind;
  // The spec also requires accepting plain Kubernetes Lists (v1 List, ConfigMapList, ...).
  const isList = kind === 'ResourceList' || (typeof kind === 'string' && kind.endsWith('List'));
  if (!isList)
    throw new KrmInputError(
      `input has kind ${JSON.stringify(kind ?? null)}; expected kind: ResourceList (apiVersion ${RESOURCE_LIST_API_VERSION})`,
    );
  const items = rl.items ?? [];
  if (!Array.isArray(items)) throw new KrmInputError('ResourceList.items is not a list');
  items.forEach((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item))
      throw new KrmInputError(`ResourceList.items[${i}] is not an object`);
  });
  const fc = rl.functionConfig;
  if (fc !== undefined && fc !== null && (typeof fc !== 'object' || Array.isArray(fc)))
    throw new KrmInputError('ResourceList.functionConfig is not an object');
  return {
    apiVersion: typeof rl.apiVersion === 'string' ? rl.apiVersion : RESOURCE_LIST_API_VERSION,
    kind: kind as string,
    items: items as KrmObject[],
    functionConfig: (fc ?? undefined) as KrmObject | undefined,
  };
}

/** Output matches the input's format, as the spec asks; plain Lists have no place for results. */
export function serializeResourceList(rl: ResourceList): string {
  const out: Record<string, unknown> = { apiVersion: rl.apiVersion, kind: rl.kind, items: rl.items };
  if (rl.kind === 'ResourceList' && rl.results?.length) out.results = rl.results;
  // DEFAULT_SCHEMA quotes every string another YAML reader could take for a non-string.
  return yaml.dump(out, { noRefs: true, lineWidth: -1, schema: yaml.DEFAULT_SCHEMA });
}

/** The output for input we could not even read: no items, one error result. */
export function errorResourceList(message: string): string {
  return serializeResourceList({
    apiVersion: RESOURCE_LIST_API_VERSION,
    kind: 'ResourceList',
    items: [],
    results: [{ message, severity: 'error' }],
  });
}

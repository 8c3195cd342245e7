import { formatFindings, lintObjects, type Finding, type SeveritySetting } from '../lint/index.js';
import { sourceOf, withoutBookkeeping } from './annotations.js';
import type { KrmObject, KrmResult, ResourceList } from './resource-list.js';
import { FunctionConfigError } from './function-config.js';

export interface ProcessorOutput {
  list: ResourceList;
  /** Human-readable report for stderr: kustomize passes stderr through but never prints results. */
  stderr: string;
  exitCode: number;
}

const SEVERITIES = new Set(['off', 'error', 'warning', 'info']);

/** `spec` of a KfgenLint function config: optional per-rule severities, as in `lint.rules`. */
export function readLintSpec(spec: unknown): { rules?: Record<string, SeveritySetting> } {
  if (spec === undefined || spec === null) return {};
  if (typeof spec !== 'object' || Array.isArray(spec))
    throw new FunctionConfigError([{ path: 'spec', message: 'must be a mapping' }]);
  const problems: Array<{ path: string; message: string }> = [];
  const { rules, ...rest } = spec as Record<string, unknown>;
  for (const key of Object.keys(rest))
    problems.push({ path: `spec.${key}`, message: 'unknown field (KfgenLint knows spec.rules)' });
  if (rules !== undefined) {
    if (!rules || typeof rules !== 'object' || Array.isArray(rules))
      problems.push({ path: 'spec.rules', message: 'must map rule ids to off, error, warning or info' });
    else
      for (const [id, v] of Object.entries(rules))
        if (!SEVERITIES.has(v as string))
          problems.push({
            path: `spec.rules.${id}`,
            message: `"${String(v)}" is not one of off, error, warning, info`,
          });
  }
  if (problems.length) throw new FunctionConfigError(problems);
  return rules ? { rules: rules as Record<string, SeveritySetting> } : {};
}

/**
 * Runs every lint check over the items together (rules cross objects) and returns the items
 * untouched: kustomize rejects a validator that changes anything.
 */
export async function validateItems(input: ResourceList, spec: unknown): Promise<ProcessorOutput> {
  const options = readLintSpec(spec);
  const labels = input.items.map((item, i) => label(item, i));
  const findings = await lintObjects(
    input.items.map((item, i) => ({ object: withoutBookkeeping(item), file: labels[i]!, line: 1 })),
    options,
  );
  const bySource = new Map(labels.map((l, i) => [l, input.items[i]!]));
  const results = findings.map((f) => toResult(f, bySource.get(f.file)));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const stderr = findings.length ? prefixLines(formatFindings(findings, 'text')) : '';
  return {
    list: { ...input, results: [...(input.results ?? []), ...results] },
    stderr: errors ? `${stderr}kfgen-fn: validation failed with ${errors} error(s)\n` : stderr,
    exitCode: errors ? 1 : 0,
  };
}

/** A readable place for messages: the source file when known, else the object itself. */
function label(item: KrmObject, i: number): string {
  const src = sourceOf(item);
  const ns = item.metadata?.namespace ? `${item.metadata.namespace}/` : '';
  const id = `${item.kind ?? '?'} ${ns}${item.metadata?.name ?? '?'}`;
  return src ? `${src.path} (${id})` : `items[${i}] (${id})`;
}

export function toResult(f: Finding, item: KrmObject | undefined): KrmResult {
  const r: KrmResult = { message: `${f.message} [${f.ruleId}]`, severity: f.severity };
  if (f.resourceRef) r.resourceRef = { ...f.resourceRef };
  if (f.field) r.field = { path: f.field };
  const src = item ? sourceOf(item) : undefined;
  if (src) r.file = src;
  r.tags = { 'kfgen.dev/rule': f.ruleId };
  // as `kfgen lint --format json` gives it: which of the rule's messages, for a reader that must not parse wording
  if (f.messageId) r.tags['kfgen.dev/message-id'] = f.messageId;
  if (f.remediation) r.tags['kfgen.dev/remediation'] = f.remediation;
  return r;
}

/** Every line of a report on stderr says which program wrote it: kustomize mixes several. */
export function prefixLines(text: string): string {
  return text.replace(/^(?=.)/gm, 'kfgen-fn: ');
}

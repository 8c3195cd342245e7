import type { Finding, LintOptions, LintSource, ParsedObject, Severity, SeveritySetting } from './types.js';
import type { MessageData, Report, Rule } from './rule.js';
import { parseSources, type ParseProblem } from './parse.js';
import { Facts } from './kubeflow/facts.js';
import { formatPath, locate } from './positions.js';
import { runSchemaPass } from './schema/validate.js';
import { catalog } from './rules/index.js';
import yamlSyntax from './rules/yaml-syntax.js';
import { isRuleId } from '../util/rule-ids.js';

import { IGNORE_PREFIX } from './suppress.js';
export { IGNORE_PREFIX };
const SCHEMA_RULES = new Set(['schema-invalid', 'schema-unknown-field', 'schema-unknown-kind']);

export class LintUsageError extends Error {}

function effectiveSeverity(
  rule: { id: string; severity: Severity },
  overrides: Record<string, SeveritySetting> | undefined,
): SeveritySetting {
  return overrides?.[rule.id] ?? rule.severity;
}

function checkOverrides(overrides: Record<string, SeveritySetting> | undefined): void {
  if (!overrides) return;
  for (const [id, v] of Object.entries(overrides)) {
    if (!isRuleId(id)) throw new LintUsageError(`lint.rules: unknown rule "${id}" (see \`kfgen rules\`)`);
    if (!['off', 'error', 'warning', 'info'].includes(v))
      throw new LintUsageError(`lint.rules.${id}: "${v}" is not one of off, error, warning, info`);
  }
}

function refOf(o: ParsedObject): Finding['resourceRef'] {
  const obj = o.object;
  if (typeof obj?.apiVersion !== 'string' || typeof obj?.kind !== 'string') return undefined;
  const ref: NonNullable<Finding['resourceRef']> = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: String(obj.metadata?.name ?? ''),
  };
  if (obj.metadata?.namespace) ref.namespace = String(obj.metadata.namespace);
  return ref;
}

function suppressed(o: ParsedObject, ruleId: string): boolean {
  const reason = o.object?.metadata?.annotations?.[IGNORE_PREFIX + ruleId];
  return typeof reason === 'string' && reason.trim() !== '';
}

/** What the parser found (documents that yield no object) as yaml-syntax findings, by the rule's messages. */
function parseFindings(problems: readonly ParseProblem[], options: LintOptions): Finding[] {
  const severity = effectiveSeverity(yamlSyntax.meta, options.rules);
  if (severity === 'off') return [];
  return problems.map((p) => ({
    ruleId: yamlSyntax.meta.id,
    messageId: p.messageId,
    severity,
    message: messageText(yamlSyntax, p.messageId, p.data),
    file: p.file,
    line: p.line,
    column: p.column,
    ...(p.field && { field: p.field }),
  }));
}

async function lintParsed(
  objects: ParsedObject[],
  early: readonly ParseProblem[],
  options: LintOptions = {},
  rules: readonly Rule[] = catalog,
): Promise<Finding[]> {
  checkOverrides(options.rules);
  const facts = new Facts(objects);
  const findings: Finding[] = parseFindings(early, options);
  const enabled = rules.filter((r) => effectiveSeverity(r.meta, options.rules) !== 'off');
  if (enabled.some((r) => SCHEMA_RULES.has(r.meta.id))) {
    const extra = options.crdSources?.length ? parseSources(options.crdSources).objects : [];
    facts.schemaIssues = await runSchemaPass(objects, options, extra);
  }
  for (const rule of enabled) {
    const severity = effectiveSeverity(rule.meta, options.rules) as Severity;
    const overridden = options.rules?.[rule.meta.id] !== undefined;
    const report = (r: Report) => {
      if (suppressed(r.on, rule.meta.id)) return;
      const pos = locate(r.on, r.path, r.innerLine);
      // A report is one of the rule's messages by id; free text (from a cast or plain JS) is a bug.
      if (typeof r.messageId !== 'string')
        throw new Error(`${rule.meta.id} reported without a messageId (one of its meta.messages)`);
      const finding: Finding = {
        ruleId: rule.meta.id,
        messageId: r.messageId,
        severity: overridden ? severity : (r.severity ?? severity),
        message: messageText(rule, r.messageId, r.data),
        file: r.on.file,
        line: pos.line,
        column: pos.column,
        remediation: rule.meta.remediation,
      };
      const ref = refOf(r.on);
      if (ref) finding.resourceRef = ref;
      if (r.path?.length) finding.field = formatPath(r.path);
      findings.push(finding);
    };
    try {
      await runRule(rule, { objects, facts, report });
    } catch (e) {
      // one broken rule must not hide the others' findings
      findings.push({
        ruleId: rule.meta.id,
        severity: 'error',
        message: `internal error in rule: ${(e as Error).message}`,
        file: objects[0]?.file ?? '-',
        line: 1,
        column: 1,
      });
    }
  }
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      order[a.severity] - order[b.severity] ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** A rule's message by id with its `{{placeholders}}` filled; a missing id or value is a bug in the rule. */
export function messageText(rule: Rule, id: string, data: MessageData = {}): string {
  const template = rule.meta.messages?.[id];
  if (template === undefined) throw new Error(`${rule.meta.id} has no message "${id}"`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    if (!(key in data)) throw new Error(`${rule.meta.id} message "${id}" needs data.${key}`);
    return String(data[key]);
  });
}

async function runRule(rule: Rule, ctx: Parameters<Rule['check']>[0]): Promise<void> {
  await rule.check(ctx);
}

export async function lintSources(sources: LintSource[], options?: LintOptions): Promise<Finding[]> {
  const { objects, problems } = parseSources(sources);
  return lintParsed(objects, problems, options);
}

/** lintSources with other rules than the catalog's: how tests run a rule the catalog must never hold. */
export async function lintSourcesWith(
  rules: readonly Rule[],
  sources: LintSource[],
  options?: LintOptions,
): Promise<Finding[]> {
  const { objects, problems } = parseSources(sources);
  return lintParsed(objects, problems, options, rules);
}

export async function lintObjects(
  objects: Array<{ object: any; file: string; line: number }>,
  options?: LintOptions,
): Promise<Finding[]> {
  return lintParsed(
    objects.map((o) => ({ object: o.object, file: o.file, line: o.line })),
    [],
    options,
  );
}

import type { Facts } from './kubeflow/facts.js';
import type { ParsedObject, PathSegment, RuleMeta, Severity } from './types.js';

/**
 * What a rule is and what it sees. Apart from types.ts so that the data types (which Facts and
 * its helpers use) do not import Facts back.
 */

/**
 * What a rule reports about an object: one of its `meta.messages` by id, with the data for its
 * placeholders. There is no free-text form: the engine refuses a report without a messageId.
 */
export type ReportBody = ReportFields & { messageId: string; data?: MessageData };
export type Report = ReportBody & { on: ParsedObject };

/** Each value is printed as a template literal prints it, so a message reads as it did before ids. */
export type MessageData = Record<string, unknown>;

interface ReportFields {
  /** Path inside the object; the finding points at this field's line when it can be found. */
  path?: PathSegment[];
  /** For a value holding an embedded document (a cfg or YAML string): 0-based line inside it. */
  innerLine?: number;
  /** A lower severity than the rule's for this finding (a rule's lesser cases); a config override still wins. */
  severity?: Severity;
}

export interface RuleContext {
  objects: readonly ParsedObject[];
  facts: Facts;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void | Promise<void>;
}

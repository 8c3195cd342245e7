import type { KfgenConfig } from '../types.js';

/**
 * A config check, in the shape of a lint rule (ESLint's `meta` + `check`): what it is, which
 * fields it may report and its messages by id, and one function that reports. Checks that need
 * only the config live in src/config/checks/, those that need the resolved plan in
 * src/plan/checks/; `runChecks` (collect.ts) turns the reports into problems.
 */

/** A path into the config, as the schema and the positions know it: `['auth', 'dex', 'users', 0]`. */
export type FieldPath = Array<string | number>;

/** The line of a config path, when the file's positions are known. */
export type Locate = (path: FieldPath) => number | undefined;

export interface CheckMeta {
  /** kebab-case, unique across the config and the plan checks. */
  id: string;
  /** One sentence: what combination it refuses, and why. */
  description: string;
  /**
   * The field paths it may report, dotted: `*` stands for one key or index, `**` for any number
   * of them (`auth.dex.connectors.*.config.**`). The tester fails on a report at any other path.
   */
  fields: readonly string[];
  /** Message templates by id; `{{name}}` is replaced by `data.name` as a template literal prints it. */
  messages: Readonly<Record<string, string>>;
}

export interface CheckReport {
  path: FieldPath;
  messageId: string;
  data?: Readonly<Record<string, unknown>>;
  allowed?: string;
  suggestion?: string;
}

export type Report = (r: CheckReport) => void;

export interface Check<Ctx> {
  meta: CheckMeta;
  check(ctx: Ctx, report: Report): void;
}

export interface ConfigContext {
  config: KfgenConfig;
}

/** A check that needs only the (schema-valid) config. */
export type ConfigOnlyCheck = Check<ConfigContext>;

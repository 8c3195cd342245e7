export type { Finding, LintOptions, LintSource, ResourceRef, RuleMeta, Severity, SeveritySetting } from './types.js';
export { lintSources, lintObjects, LintUsageError, IGNORE_PREFIX } from './engine.js';
export { catalog } from './rules/index.js';
export { formatFindings, type OutputFormat } from './format/index.js';

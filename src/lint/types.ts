export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = 'off' | Severity;

/** One YAML file (multi-document is fine). */
export interface LintSource {
  file: string;
  text: string;
}

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface Finding {
  ruleId: string;
  /**
   * Which of the rule's `meta.messages` this is: what tests assert, while the wording may change.
   * Every finding of a rule has one; only the engine's own "internal error in rule" has none.
   */
  messageId?: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  remediation?: string;
  resourceRef?: ResourceRef;
  field?: string;
}

export interface LintOptions {
  /** Per-rule overrides, from the config's `lint.rules`. */
  rules?: Record<string, SeveritySetting>;
  /** Extra CRDs (e.g. from the manifests tree) whose schemas validate custom resources. */
  crdSources?: LintSource[];
  /** eksctl ClusterConfig JSON schema; defaults to the shared schema when it exists. */
  eksctlSchemaPath?: string;
}

export type PathSegment = string | number;

/** A parsed Kubernetes object and where it came from. */
export interface ParsedObject {
  object: any;
  file: string;
  /** 1-based line of the object's first content line. */
  line: number;
  /** Source of the document, kept so positions can be recovered lazily for findings only. */
  doc?: { text: string; startLine: number };
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  summary: string;
  rationale: string;
  remediation: string;
  family: 'schema' | 'auth' | 'secrets' | 'networking' | 'tenancy' | 'platform' | 'meta';
  /**
   * The rule's messages by id, ESLint-style: `{{name}}` is replaced by the report's `data.name`.
   * Every rule reports by `messageId` (the engine refuses anything else), and tests assert the id
   * rather than the wording.
   */
  messages: Record<string, string>;
  params?: Record<string, unknown>;
}

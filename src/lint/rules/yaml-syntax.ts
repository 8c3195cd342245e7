import type { Rule } from '../rule.js';
import type { YamlSyntaxMessageId } from '../parse.js';

// Findings come from the parser (a file that does not parse has no objects to hand to rules),
// which names a message by id; the engine renders it from these messages. The rule exists so the
// id has a catalog entry and can be re-graded like any other.
const rule: Rule = {
  meta: {
    id: 'yaml-syntax',
    family: 'schema',
    severity: 'error',
    summary:
      'A document is not valid YAML, is not a mapping, or has no finite value (a cyclic alias, nesting deeper than 100 levels, aliases expanding past its size).',
    rationale: 'kubectl and kustomize reject the whole file; nothing in it gets applied.',
    remediation:
      'Fix the YAML at the reported line (indentation, unclosed quotes, tabs); write aliased values out instead of nesting them in themselves.',
    // {{problem}}: why the value is not finite (a cycle, too deep, too large), from util/yaml-bounds
    messages: {
      syntaxError: 'YAML syntax error: {{reason}}',
      notFinite: '{{problem}}',
      notFiniteAt: '{{path}}: {{problem}}',
      notMapping: 'document is not a mapping, so it is not a Kubernetes object',
    } satisfies Record<YamlSyntaxMessageId, string>,
  },
  check() {},
};
export default rule;

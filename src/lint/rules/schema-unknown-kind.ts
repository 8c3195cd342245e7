import type { Rule } from '../rule.js';
import type { NoSchemaMessageId } from '../schema/validate.js';

const rule: Rule = {
  meta: {
    id: 'schema-unknown-kind',
    family: 'schema',
    severity: 'info',
    summary: 'A kind has no schema (not built in, no model, no CRD in the input); reported once per kind.',
    rationale: 'Objects of that kind were not validated; saying so beats passing them silently.',
    remediation:
      'Lint together with the CRD (add it to the input, or lint a full build, which carries all CRDs), or switch this rule off for known-external kinds.',
    messages: {
      noSchema:
        'no schema for {{kind}} ({{apiVersion}}): not a built-in kind and no CRD for it in the input or the CRD sources; it was not validated',
      noEksctlSchema:
        'no schema for {{kind}} ({{apiVersion}}): eksctl schema not found (pass --eksctl-schema or set KFGEN_EKSCTL_SCHEMA); it was not validated',
    } satisfies Record<NoSchemaMessageId, string>,
  },
  check(ctx) {
    for (const i of ctx.facts.schemaIssues)
      if (i.kind === 'no-schema') ctx.report({ on: i.on, messageId: i.messageId, data: i.data, path: i.path });
  },
};
export default rule;

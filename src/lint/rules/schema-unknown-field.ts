import type { Rule } from '../rule.js';
import type { UnknownFieldMessageId } from '../schema/validate.js';

const rule: Rule = {
  meta: {
    id: 'schema-unknown-field',
    family: 'schema',
    severity: 'error',
    summary: 'A field is not in the schema of its kind (usually a misspelling); suggests the closest known field.',
    rationale:
      'The published schemas accept unknown fields and client-side apply drops them silently (server-side apply prunes them for CRDs), so a misspelt `imagePullPolicy` or `outputClaimToHeaders` just disappears and the setting never takes effect.',
    remediation: 'Rename the field to the suggested one, or remove it.',
    messages: {
      unknownField: 'unknown field "{{field}}"',
      unknownFieldDidYouMean: 'unknown field "{{field}}"; did you mean "{{suggestion}}"?',
      eksctlUnknownField: 'unknown field "{{field}}" (eksctl schema)',
      eksctlUnknownFieldDidYouMean: 'unknown field "{{field}}"; did you mean "{{suggestion}}"? (eksctl schema)',
      awsAuthUnknownField: 'aws-auth {{key}}[{{index}}]: unknown field "{{field}}"',
      awsAuthUnknownFieldDidYouMean:
        'aws-auth {{key}}[{{index}}]: unknown field "{{field}}"; did you mean "{{suggestion}}"?',
    } satisfies Record<UnknownFieldMessageId, string>,
  },
  check(ctx) {
    for (const i of ctx.facts.schemaIssues)
      if (i.kind === 'unknown-field')
        ctx.report({ on: i.on, messageId: i.messageId, data: i.data, path: i.path, innerLine: i.innerLine });
  },
};
export default rule;

import type { Rule } from '../rule.js';
import { IGNORE_PREFIX } from '../suppress.js';
import { RULE_IDS } from '../../util/rule-ids.js';

const rule: Rule = {
  meta: {
    id: 'lint-ignore-reason',
    family: 'meta',
    severity: 'error',
    summary: 'A `kfgen.dev/lint-ignore.<rule>` annotation has an empty reason or names no known rule.',
    rationale:
      'A suppression without a reason cannot be reviewed later; one naming an unknown rule suppresses nothing and hides a typo.',
    remediation: 'Write why the rule does not apply as the annotation value, and use a rule id from `kfgen rules`.',
    messages: {
      unknownRule: 'lint-ignore names unknown rule "{{id}}"',
      noReason: 'lint-ignore for "{{id}}" has no reason; the finding is not suppressed',
    },
  },
  async check(ctx) {
    const ids = new Set<string>(RULE_IDS);
    for (const o of ctx.objects) {
      const ann = o.object?.metadata?.annotations;
      if (!ann || typeof ann !== 'object') continue;
      for (const [key, value] of Object.entries(ann)) {
        if (!key.startsWith(IGNORE_PREFIX)) continue;
        const id = key.slice(IGNORE_PREFIX.length);
        const path = ['metadata', 'annotations', key];
        if (!ids.has(id)) ctx.report({ on: o, path, messageId: 'unknownRule', data: { id } });
        else if (typeof value !== 'string' || value.trim() === '')
          ctx.report({ on: o, path, messageId: 'noReason', data: { id } });
      }
    }
  },
};
export default rule;

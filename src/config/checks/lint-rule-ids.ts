import { didYouMean } from '../../util/did-you-mean.js';
import { RULE_IDS } from '../../util/rule-ids.js';
import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'lint-rule-ids',
    description: 'Every key of `lint.rules` is the id of a lint rule.',
    fields: ['lint.rules.*'],
    messages: { unknown: 'is not a lint rule' },
  },
  check({ config: c }, report) {
    const ruleIds: readonly string[] = RULE_IDS;
    for (const id of Object.keys(c.lint?.rules ?? {})) {
      if (ruleIds.includes(id)) continue;
      const guess = didYouMean(id, ruleIds);
      report({
        path: ['lint', 'rules', id],
        messageId: 'unknown',
        suggestion: guess ? `did you mean "${guess}"?` : 'kfgen rules lists them',
      });
    }
  },
};
export default check;

import type { Rule } from '../rule.js';

const rule: Rule = {
  meta: {
    id: 'schema-unknown-kind',
    family: 'schema',
    severity: 'info',
    summary: 'A kind has no schema (not built in, no model, no CRD in the input); reported once per kind.',
    rationale: 'Objects of that kind were not validated; saying so beats passing them silently.',
    remediation:
      'Lint together with the CRD (add it to the input, or lint a full build, which carries all CRDs), or switch this rule off for known-external kinds.',
  },
  check(ctx) {
    for (const i of ctx.facts.schemaIssues)
      if (i.kind === 'no-schema') ctx.report({ on: i.on, message: i.message, path: i.path });
  },
};
export default rule;

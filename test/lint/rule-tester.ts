/**
 * Rule tests in the style of ESLint's RuleTester and kube-linter's template tests: per rule, valid
 * inputs that must give no finding of it, and invalid ones that must give exactly the listed
 * findings (rule id, messageId, line, severity), in line order. A case asserts the `messageId`
 * (one of the rule's `meta.messages`) rather than wording; `data` may add a check of what the
 * message says, through the rule's own template (as ESLint's RuleTester does).
 */
import * as assert from 'uvu/assert';
import type { Test } from 'uvu';
import { lintSources, type Finding, type LintOptions, type LintSource, type Severity } from '../../src/lint/index.js';
import { eksctlValidator } from '../../src/lint/schema/eksctl.js';
import { catalog } from '../../src/lint/rules/index.js';
import { messageText } from '../../src/lint/engine.js';
import type { MessageData } from '../../src/lint/rule.js';
import { fixture } from './helpers.js';

export interface Expected {
  /** Which of the rule's `meta.messages` the finding is. */
  messageId: string;
  /** As ESLint's RuleTester: the message must be the `messageId` template filled with this data. */
  data?: MessageData;
  line: number;
  severity?: Severity;
}

export interface Case {
  name: string;
  /** Inline YAML, or one of the rule's examples under fixtures/lint/<id>/. */
  yaml?: string;
  fixture?: 'good' | 'bad';
  options?: LintOptions;
}

export interface RuleCases {
  valid: Case[];
  invalid: Array<Case & { errors: Expected[] }>;
}

// Without eksctl's schema a ClusterConfig is (correctly) reported as unvalidated; that is not the rule under test.
const noEksctlSchema = !eksctlValidator();
const incidental = (f: Finding) =>
  noEksctlSchema && f.ruleId === 'schema-unknown-kind' && f.messageId === 'noEksctlSchema';

function source(ruleId: string, c: Case): LintSource {
  if (c.fixture) return fixture(ruleId, c.fixture);
  return { file: `${ruleId}.${c.name.replace(/\W+/g, '-')}.yaml`, text: c.yaml! };
}

const show = (fs: Finding[]) => fs.map((f) => `${f.line} ${f.severity} ${f.ruleId}: ${f.message}`);

export function ruleTester(test: Test, ruleId: string, cases: RuleCases): void {
  const rule = catalog.find((r) => r.meta.id === ruleId);
  const messages = rule?.meta.messages;
  for (const c of cases.valid) {
    test(`${ruleId} valid: ${c.name}`, async () => {
      const findings = (await lintSources([source(ruleId, c)], c.options)).filter((f) => !incidental(f));
      // a rule's good example is clean of every rule; other valid cases only of this one
      assert.equal(show(c.fixture === 'good' ? findings : findings.filter((f) => f.ruleId === ruleId)), []);
    });
  }
  for (const c of cases.invalid) {
    test(`${ruleId} invalid: ${c.name}`, async () => {
      const all = (await lintSources([source(ruleId, c)], c.options)).filter((f) => !incidental(f));
      const mine = all.filter((f) => f.ruleId === ruleId).sort((a, b) => a.line - b.line || a.column - b.column);
      assert.is(
        mine.length,
        c.errors.length,
        `expected ${c.errors.length} finding(s) of ${ruleId}, got ${JSON.stringify(show(all))}`,
      );
      c.errors.forEach((e, i) => {
        const f = mine[i]!;
        // Asserted by id: the wording may change without touching the cases.
        assert.ok(messages, `${ruleId} is not in the catalog`);
        assert.ok(e.messageId in messages!, `${ruleId} has no message "${e.messageId}"`);
        assert.is(f.messageId, e.messageId, `finding ${i} messageId: ${f.message}`);
        if (e.data) assert.is(f.message, messageText(rule!, e.messageId, e.data), `finding ${i} data`);
        assert.is(f.line, e.line, `finding ${i} line: ${f.message}`);
        assert.ok(f.column >= 1);
        if (e.severity) assert.is(f.severity, e.severity, `finding ${i} severity`);
      });
      // the bad example shows this rule's mistake only
      if (c.fixture === 'bad') assert.equal(show(all.filter((f) => f.ruleId !== ruleId && f.severity === 'error')), []);
    });
  }
}

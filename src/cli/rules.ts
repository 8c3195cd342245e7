import { EXIT } from '../config/errors.js';
import { catalog } from '../lint/rules/index.js';

import type { Args, RULES_OPTIONS } from './options.js';

export async function rulesCommand({ values, positionals }: Args<typeof RULES_OPTIONS>): Promise<number> {
  if (values.format !== 'text' && values.format !== 'json') {
    console.error(`kfgen rules: --format must be text or json, not "${values.format}"`);
    return EXIT.usage;
  }
  let rules = catalog.map((r) => r.meta);
  if (positionals.length) {
    const unknown = positionals.filter((id) => !rules.some((r) => r.id === id));
    if (unknown.length) {
      console.error(`kfgen rules: unknown rule ${unknown.join(', ')}`);
      return EXIT.usage;
    }
    rules = rules.filter((r) => positionals.includes(r.id));
  }
  if (values.format === 'json') {
    process.stdout.write(JSON.stringify(rules, null, 2) + '\n');
    return EXIT.ok;
  }
  if (positionals.length) {
    for (const r of rules) {
      process.stdout.write(
        `${r.id} (${r.severity}, ${r.family})\n  ${r.summary}\n\n  Why: ${r.rationale}\n\n  Fix: ${r.remediation}\n\n`,
      );
    }
    return EXIT.ok;
  }
  const w = Math.max(...rules.map((r) => r.id.length));
  for (const r of rules)
    process.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.family.padEnd(10)}  ${r.summary}\n`);
  return EXIT.ok;
}

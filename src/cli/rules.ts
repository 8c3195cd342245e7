import { EXIT } from '../config/errors.js';
import { parseArgs } from 'node:util';
import { catalog } from '../lint/rules/index.js';

const USAGE = `Usage: kfgen rules [RULE-ID] [--format text|json]

Lists the lint rules (id, default severity, family, summary); with a RULE-ID, shows its rationale and fix.`;

export async function rulesCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    console.error(`kfgen rules: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
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

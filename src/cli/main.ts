import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { ConfigError, EXIT, UsageError } from '../config/errors.js';
import { COMMANDS, usage, type ParsedCommand } from './commands.js';
import { HELP_OPTION } from './options.js';

/**
 * The one path of every command: find it in the table (commands.ts), parse its options, answer
 * `--help`, run it, and turn what it throws into a message and an exit code (README, "Exit codes").
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    console.error(usage());
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    console.log(createRequire(import.meta.url)('../../package.json').version);
    return EXIT.ok;
  }
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) {
    console.error(`kfgen: unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    if ('raw' in spec) return await (await spec.load())(rest);
    const args = parse(spec, rest);
    if (!args) return EXIT.usage;
    if (args.values.help) {
      console.log(spec.help);
      return EXIT.ok;
    }
    return await (
      await spec.load()
    )(args);
  } catch (e) {
    return reportError(e);
  }
}

/** The command's options and `--help`; undefined when the error was printed with the command's help. */
function parse(spec: ParsedCommand, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { ...spec.options, ...HELP_OPTION },
      strict: true,
      allowPositionals: spec.positionals,
    });
  } catch (e) {
    if (!spec.usageOnParseError) throw e;
    console.error(`kfgen ${spec.name}: ${(e as Error).message}\n\n${spec.help}`);
    return undefined;
  }
}

export function reportError(e: unknown): number {
  if (e instanceof ConfigError) {
    console.error(e.message);
    return EXIT.invalid;
  }
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`kfgen: ${(e as Error).message}\nRun \`kfgen --help\` for usage.`);
    return EXIT.usage;
  }
  console.error(`kfgen: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return EXIT.usage;
}

import { createRequire } from 'node:module';
import { ConfigError, EXIT, UsageError } from '../config/errors.js';

const USAGE = `Usage: kfgen <command> [options]

Commands:
  build [--config FILE] [--out DIR] [--manifests DIR]
                                           write the overlay tree (default out/)
  check [--config FILE] [--out DIR]        exit 1 when the committed output is stale
  diff --from DIR|RELEASE --to DIR         objects added, removed, changed between two renders
  fn                                       run as a KRM exec function (stdin → stdout; docs/krm.md)
  init [--provider P] [--platform P] [--force]
                                           write a commented starter kfgen.config.ts
  lint [PATH...|-] [--format text|json|sarif] [--max-warnings N]
                                           check manifests and the project's output
  lint-repo [--exclude REGEX]...           lint config, output and every tracked manifest together
  rules                                    list the lint rules
  upgrade --to RELEASE --out DIR [--config FILE] [--manifests DIR]
                                           build the next release and write DIR/UPGRADE.md (docs/upgrade.md)

Options: --help, --version
Exit codes: 0 success, 1 invalid config or failed check, 2 usage error.`;

type Command = (argv: string[]) => Promise<number>;

/** Commands load lazily: `kfgen --version` and the hooks start a fresh process each time. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./build.js')).buildCommand,
  check: async () => (await import('./check.js')).checkCommand,
  diff: async () => (await import('./upgrade.js')).diffCommand,
  fn: async () => (await import('../krm/main.js')).fnMain,
  init: async () => (await import('./init.js')).initCommand,
  lint: async () => (await import('./lint.js')).lintCommand,
  'lint-repo': async () => (await import('./lint-repo.js')).lintRepoCommand,
  rules: async () => (await import('./rules.js')).rulesCommand,
  upgrade: async () => (await import('./upgrade.js')).upgradeCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    console.error(USAGE);
    return EXIT.usage;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    console.log(createRequire(import.meta.url)('../../package.json').version);
    return EXIT.ok;
  }
  const load = COMMANDS[command];
  if (!load) {
    console.error(`kfgen: unknown command "${command}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (e) {
    return reportError(e);
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

import {
  BUILD_OPTIONS,
  CHECK_OPTIONS,
  DIFF_OPTIONS,
  INIT_OPTIONS,
  LINT_OPTIONS,
  LINT_REPO_OPTIONS,
  RULES_OPTIONS,
  UPGRADE_OPTIONS,
  type Args,
  type ParseArgsOptionsConfig,
} from './options.js';

/**
 * The commands of `kfgen`, one table: name, the line of `kfgen --help`, the text of
 * `kfgen <command> --help`, the options, and the handler. main.ts parses every command's
 * arguments, answers `--help` and maps errors to exit codes the same way for all of them.
 * Handlers load lazily: `kfgen --version` and the hooks start a fresh process each time.
 */
export interface ParsedCommand {
  name: string;
  /** `kfgen --help`: the arguments after the name, and what the command does. */
  synopsis: string;
  summary: string;
  /** `kfgen <name> --help`. */
  help: string;
  options: ParseArgsOptionsConfig;
  positionals: boolean;
  /** A parse error prints this command's help after the message, instead of pointing at `kfgen --help`. */
  usageOnParseError?: boolean;
  load: () => Promise<(args: Args<ParseArgsOptionsConfig>) => Promise<number>>;
}

/** `kfgen fn` is `kfgen-fn`, which kustomize runs without arguments: it reads its own (`--help`, `--version`). */
export interface RawCommand {
  name: string;
  synopsis: string;
  summary: string;
  raw: true;
  load: () => Promise<(argv: string[]) => Promise<number>>;
}

export type CommandSpec = ParsedCommand | RawCommand;

/** Ties a handler's argument type to the options the table parses for it. */
function command<O extends ParseArgsOptionsConfig>(
  c: Omit<ParsedCommand, 'options' | 'load' | 'positionals'> & {
    options: O;
    positionals?: boolean;
    load: () => Promise<(args: Args<O>) => Promise<number>>;
  },
): ParsedCommand {
  return { ...c, positionals: c.positionals ?? false } as unknown as ParsedCommand;
}

export const COMMANDS: readonly CommandSpec[] = [
  command({
    name: 'build',
    synopsis: 'build [--config FILE] [--out DIR] [--manifests DIR]',
    summary: 'write the overlay tree (default out/)',
    help: `Usage: kfgen build [--config FILE] [--out DIR] [--manifests DIR] [--remote-bases DIR] [--force]

Validates the config, checks that the manifests tree is the declared release, reads the secrets,
and writes the overlay tree to the output directory (default out/), atomically. It refuses to
write when the lint checks on the objects it writes report an error.

Options:
  -c, --config FILE        the kfgen config (default: found in the current directory)
  -o, --out DIR            the output directory (default out)
      --manifests DIR      the Kubeflow manifests tree (default: manifests.path of the config)
      --remote-bases DIR   the local mirror of the release's remote bases (docs/releases.md)
      --force              write even when the lint checks report errors

Exit codes: 0 written, 1 invalid config, unreadable secret or lint errors, 2 usage error.`,
    options: BUILD_OPTIONS,
    load: async () => (await import('./build.js')).buildCommand,
  }),
  command({
    name: 'check',
    synopsis: 'check [--config FILE] [--out DIR]',
    summary: 'exit 1 when the committed output is stale',
    help: `Usage: kfgen check [--config FILE] [--out DIR] [--manifests DIR]

Regenerates the overlay tree in memory and compares it with the committed output directory
(default out/). secrets/ is ignored: it is never committed, and no secret is read.

Exit codes: 0 up to date, 1 stale output (or invalid config), 2 usage error.`,
    options: CHECK_OPTIONS,
    load: async () => (await import('./check.js')).checkCommand,
  }),
  command({
    name: 'diff',
    synopsis: 'diff --from DIR|RELEASE --to DIR',
    summary: 'objects added, removed, changed between two renders',
    help: `Usage: kfgen diff --from DIR|RELEASE --to DIR [--config FILE] [--remote-bases DIR]

Renders both with kustomize and lists the objects added, removed and changed between them, with
immutable fields, data-bearing objects, storage versions and webhooks losing their Service flagged.
--from is an output directory or a release (then the config is built for that release).

Exit codes: 0 success, 1 invalid config, 2 usage error.`,
    options: DIFF_OPTIONS,
    load: async () => (await import('./upgrade.js')).diffCommand,
  }),
  {
    name: 'fn',
    synopsis: 'fn',
    summary: 'run as a KRM exec function (stdin → stdout; docs/krm.md)',
    raw: true,
    load: async () => (await import('../krm/main.js')).fnMain,
  },
  command({
    name: 'init',
    synopsis: 'init [--provider P] [--platform P] [--force]',
    summary: 'write a commented starter kfgen.config.ts',
    help: `Usage: kfgen init [--provider azure-ad|dex|cognito|oidc] [--platform eks|aks|generic] [--force]

Writes a commented starter kfgen.config.ts in the current directory.

Options:
  --provider P   the identity provider (default azure-ad)
  --platform P   the platform (default eks)
  --force        overwrite an existing kfgen.config.ts

Exit codes: 0 written, 2 usage error.`,
    options: INIT_OPTIONS,
    load: async () => (await import('./init.js')).initCommand,
  }),
  command({
    name: 'lint',
    synopsis: 'lint [PATH...|-] [--format text|json|sarif] [--max-warnings N]',
    summary: "check manifests and the project's output",
    help: `Usage: kfgen lint [PATH...|-] [options]

With no PATH, lints the project's config, its generated tree and (with kustomize) the rendered build.
PATH may be a YAML file (multi-document is fine), a directory (a kustomization is rendered with
kustomize when available), or - for standard input.

Options:
  -f, --format text|json|sarif   output format (default text)
      --max-warnings N           exit 1 when there are more than N warnings (default: no limit)
      --crds PATH                extra CRDs (file or directory) to validate custom resources; repeatable
      --eksctl-schema FILE       eksctl ClusterConfig JSON schema
      --no-kustomize             lint a kustomization's files instead of rendering it
  -h, --help

Exit codes: 0 clean, 1 errors (or too many warnings), 2 usage or internal error.
Rules: \`kfgen rules\`; suppress on an object with annotation kfgen.dev/lint-ignore.<rule-id>: "<reason>".`,
    options: LINT_OPTIONS,
    positionals: true,
    usageOnParseError: true,
    load: async () => (await import('./lint.js')).lintCommand,
  }),
  command({
    name: 'lint-repo',
    synopsis: 'lint-repo [--exclude REGEX]...',
    summary: 'lint config, output and every tracked manifest together',
    help: `Usage: kfgen lint-repo [--exclude REGEX]... [--config FILE] [--out DIR] [--format text|json|sarif]

Lints, in one pass (rules cross files): the kfgen config, its committed output directory (rendered
with kustomize when it can be, else its files), and every other Kubernetes manifest tracked by git.
Patches, generator inputs, function configs and kustomizations are not objects and are skipped.
This is the pre-commit hook kfgen-lint (docs/pre-commit.md).

Options:
  --exclude REGEX        skip repository paths matching REGEX (Python/JS syntax); repeatable
  -c, --config FILE      the kfgen config (default: found in the current directory); optional
  -o, --out DIR          kfgen's output directory (default out)
  -f, --format FORMAT    text (default), json or sarif
      --max-warnings N   fail when there are more than N warnings
      --no-cache         run even when nothing the hook reads changed since an earlier run

Exit codes: 0 clean, 1 errors (or too many warnings, or an invalid config), 2 usage error.`,
    options: LINT_REPO_OPTIONS,
    load: async () => (await import('./lint-repo.js')).lintRepoCommand,
  }),
  command({
    name: 'rules',
    synopsis: 'rules',
    summary: 'list the lint rules',
    help: `Usage: kfgen rules [RULE-ID] [--format text|json]

Lists the lint rules (id, default severity, family, summary); with a RULE-ID, shows its rationale and fix.`,
    options: RULES_OPTIONS,
    positionals: true,
    usageOnParseError: true,
    load: async () => (await import('./rules.js')).rulesCommand,
  }),
  command({
    name: 'upgrade',
    synopsis: 'upgrade --to RELEASE --out DIR [--config FILE] [--manifests DIR]',
    summary: 'build the next release and write DIR/UPGRADE.md (docs/upgrade.md)',
    help: `Usage: kfgen upgrade --to RELEASE --out DIR [--config FILE] [--manifests DIR] [--remote-bases DIR]

Builds the next release from the same config into DIR and writes DIR/UPGRADE.md, the steps that
move a running platform there (docs/upgrade.md). One release at a time; a skip or a downgrade is
refused with the reason.

Options:
      --to RELEASE         the next release
  -o, --out DIR            where the target release is built, with UPGRADE.md
  -c, --config FILE        the kfgen config (default: found in the current directory)
      --manifests DIR      the target release's manifests tree (default: beside the current one)
      --remote-bases DIR   the local mirror of the release's remote bases

Exit codes: 0 written, 1 invalid config or lint errors, 2 usage error.`,
    options: UPGRADE_OPTIONS,
    load: async () => (await import('./upgrade.js')).upgradeCommand,
  }),
];

/** Where the summary starts in `kfgen --help`; a longer synopsis puts it on the next line. */
const SUMMARY_COLUMN = 43;

/** `kfgen --help`, from the table. */
export function usage(): string {
  const lines = COMMANDS.map((c) => {
    const head = `  ${c.synopsis}`;
    return head.length < SUMMARY_COLUMN
      ? `${head.padEnd(SUMMARY_COLUMN)}${c.summary}`
      : `${head}\n${' '.repeat(SUMMARY_COLUMN)}${c.summary}`;
  });
  return [
    'Usage: kfgen <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options: --help, --version',
    'Exit codes: 0 success, 1 invalid config or failed check, 2 usage error.',
  ].join('\n');
}

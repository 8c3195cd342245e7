import type { ParseArgsConfig, parseArgs } from 'node:util';

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * The options of every command, parsed once by main.ts (the command table in commands.ts names
 * them); a command's handler gets the parsed values. Here, not in the command modules, so that
 * the table loads no command to parse, print help or refuse an option.
 */

/** What a handler receives: `values` typed from its options, and the positionals. */
export type Args<O extends ParseArgsOptionsConfig> = Pick<
  ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>,
  'values' | 'positionals'
>;

/** `--help`/`-h`, which every command takes; main.ts answers it from the table. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** The options every command that works on a project takes (build, check). */
export const PROJECT_OPTIONS = {
  config: { type: 'string', short: 'c' },
  out: { type: 'string', short: 'o' },
  manifests: { type: 'string' },
  'remote-bases': { type: 'string' },
} as const;

export const BUILD_OPTIONS = { ...PROJECT_OPTIONS, force: { type: 'boolean', default: false } } as const;

export const CHECK_OPTIONS = PROJECT_OPTIONS;

export const UPGRADE_OPTIONS = {
  config: { type: 'string', short: 'c' },
  to: { type: 'string' },
  manifests: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'remote-bases': { type: 'string' },
} as const;

export const DIFF_OPTIONS = {
  config: UPGRADE_OPTIONS.config,
  from: { type: 'string' },
  to: { type: 'string' },
  'remote-bases': UPGRADE_OPTIONS['remote-bases'],
} as const;

export const INIT_OPTIONS = {
  provider: { type: 'string', default: 'azure-ad' },
  platform: { type: 'string', default: 'eks' },
  force: { type: 'boolean', default: false },
} as const;

export const LINT_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'text' },
  'max-warnings': { type: 'string' },
  crds: { type: 'string', multiple: true },
  'eksctl-schema': { type: 'string' },
  'no-kustomize': { type: 'boolean', default: false },
} as const;

export const LINT_REPO_OPTIONS = {
  exclude: { type: 'string', multiple: true, default: [] as string[] },
  config: PROJECT_OPTIONS.config,
  out: PROJECT_OPTIONS.out,
  format: { type: 'string', short: 'f', default: 'text' },
  'max-warnings': { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
} as const;

export const RULES_OPTIONS = { format: { type: 'string', short: 'f', default: 'text' } } as const;

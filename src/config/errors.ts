/** One problem with the user's input, printed as a single line. */
export interface Problem {
  file: string;
  line?: number;
  /** Dotted field path, e.g. `auth.azureAd.clientSecret`; empty for the whole file. */
  path: string;
  message: string;
  allowed?: string;
  suggestion?: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const field = p.path ? ` ${p.path}:` : '';
  const allowed = p.allowed ? ` (allowed: ${p.allowed})` : '';
  const suggestion = p.suggestion ? `; ${p.suggestion}` : '';
  return `${where}:${field} ${p.message}${allowed}${suggestion}`;
}

/** Exit codes are part of the CLI contract (README, "Exit codes"). */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** Invalid config or failed check: exit 1, nothing written. */
export class ConfigError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Wrong command line: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The options every command that works on a project takes (build, check). */
export const PROJECT_OPTIONS = {
  config: { type: 'string', short: 'c' },
  out: { type: 'string', short: 'o' },
  manifests: { type: 'string' },
  'remote-bases': { type: 'string' },
} as const;

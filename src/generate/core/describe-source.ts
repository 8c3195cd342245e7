import type { SecretSource } from '../../config/types.js';

/** Where a secret comes from, as NEXT_STEPS names it. */
export function describeSource(s: SecretSource): string {
  if ('env' in s) return `environment variable \`${s.env}\``;
  if ('file' in s) return `file \`${s.file}\``;
  return `Secret \`${s.existingSecret.name}\`, key \`${s.existingSecret.key}\``;
}

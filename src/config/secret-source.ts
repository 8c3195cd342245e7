import type { SecretSource } from './types.js';

export function isSecretSource(v: unknown): v is SecretSource {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && ['env', 'file', 'existingSecret'].includes(keys[0]!);
}

/** Visits every secret source below `node` (they may sit anywhere inside a Dex connector config). */
export function walkSecretSources(
  node: unknown,
  path: Array<string | number>,
  visit: (s: SecretSource, path: Array<string | number>) => void,
): void {
  if (isSecretSource(node)) return visit(node, path);
  if (Array.isArray(node)) node.forEach((n, i) => walkSecretSources(n, [...path, i], visit));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) walkSecretSources(v, [...path, k], visit);
}

/** The forms a secret source takes, as problems name them. */
export const SECRET_FORMS = '{ env: NAME } | { file: PATH } | { existingSecret: { name, key } }';

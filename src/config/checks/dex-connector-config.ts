import type { SecretSource } from '../types.js';
import { SECRET_FORMS, isSecretSource, walkSecretSources } from '../secret-source.js';
import { baseUrl } from '../defaults.js';
import { dexCallbackUrl } from '../../kubeflow/dex.js';
import type { ConfigOnlyCheck, FieldPath } from './check.js';

/** Connector config keys that always hold credentials (Dex v2.39 microsoft, oidc, ldap). */
const SECRET_CONNECTOR_KEYS = ['clientSecret', 'bindPW'] as const;

/**
 * One check for a connector's free-form `config` (the schema types it as anything), its problems
 * connector by connector: the redirect URI, credentials as secret sources, no `$`.
 */
const check: ConfigOnlyCheck = {
  meta: {
    id: 'dex-connector-config',
    description:
      "A Dex connector's `config` keeps Dex's callback through the gateway as redirectURI, holds its credentials (clientSecret, bindPW) as well-formed secret sources and contains no `$`, which Dex would expand.",
    fields: [
      'auth.dex.connectors.*.config.redirectURI',
      'auth.dex.connectors.*.config.clientSecret',
      'auth.dex.connectors.*.config.bindPW',
      'auth.dex.connectors.*.config.**',
    ],
    messages: {
      redirectURI: "must be Dex's callback through the gateway, {{callback}}, got {{got}}",
      literalSecret: 'a literal secret is not allowed: it would be written into the Dex ConfigMap',
      notSecretSource: 'is not a secret source',
      dollar: 'contains "$": Dex expands $VAR in connector config, so this value would be mangled',
    },
  },
  check({ config: c }, report) {
    const a = c.auth;
    if (a.provider !== 'dex' || !a.dex) return;
    const callback = dexCallbackUrl(baseUrl(c));
    a.dex.connectors?.forEach((k, i) => {
      const at: FieldPath = ['auth', 'dex', 'connectors', i, 'config'];
      const redirect = k.config.redirectURI;
      if (redirect !== undefined && redirect !== callback)
        report({
          path: [...at, 'redirectURI'],
          messageId: 'redirectURI',
          data: { callback, got: JSON.stringify(redirect) },
          suggestion: 'remove it: kfgen sets it',
        });
      for (const key of SECRET_CONNECTOR_KEYS) {
        const v = k.config[key];
        if (v !== undefined && !isSecretSource(v))
          report({ path: [...at, key], messageId: 'literalSecret', allowed: SECRET_FORMS });
      }
      walkSecretSources(k.config, at, (source, path) => {
        if (!wellFormedSource(source)) report({ path, messageId: 'notSecretSource', allowed: SECRET_FORMS });
      });
      findDollar(k.config, at, (path) =>
        report({
          path,
          messageId: 'dollar',
          suggestion: 'pass it as a secret source ({ env }, { file } or { existingSecret }) instead',
        }),
      );
    });
  },
};
export default check;

/** `{ env: NAME }`, `{ file: PATH }` or `{ existingSecret: { name, key } }`, with strings where they go. */
function wellFormedSource(source: SecretSource): boolean {
  const value: unknown = Object.values(source)[0];
  if (!('existingSecret' in source)) return typeof value === 'string' && value !== '';
  const ref = value as Record<string, unknown> | null;
  return (
    !!ref &&
    typeof ref === 'object' &&
    !Array.isArray(ref) &&
    Object.keys(ref).sort().join() === 'key,name' &&
    typeof ref.name === 'string' &&
    ref.name !== '' &&
    typeof ref.key === 'string' &&
    ref.key !== ''
  );
}

function findDollar(node: unknown, path: FieldPath, found: (path: FieldPath) => void): void {
  if (typeof node === 'string') {
    if (node.includes('$')) found(path);
  } else if (Array.isArray(node)) node.forEach((n, i) => findDollar(n, [...path, i], found));
  else if (node && typeof node === 'object' && !isSecretSource(node))
    for (const [k, v] of Object.entries(node)) findDollar(v, [...path, k], found);
}

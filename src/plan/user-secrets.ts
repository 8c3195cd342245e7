import { walkSecretSources } from '../config/secret-source.js';
import { dotted } from '../util/field-path.js';
import { cmp } from '../util/order.js';

/** A Secret the user creates: one per name and namespace, with every key the config reads from it. */
export interface UserSecret {
  name: string;
  namespace: string;
  keys: Array<{ key: string; paths: string[] }>;
}

/**
 * Where each `existingSecret` must exist: in the namespace of every workload that reads it.
 * The client secret Dex and oauth2-proxy share is read in both namespaces.
 */
export function planUserSecrets(auth: unknown): UserSecret[] {
  const byId = new Map<string, UserSecret>();
  walkSecretSources(auth, ['auth'], (source, path) => {
    if (!('existingSecret' in source)) return;
    const shown = dotted(path);
    const namespaces =
      shown === 'auth.dex.clientSecret' ? ['auth', 'oauth2-proxy'] : path.includes('dex') ? ['auth'] : ['oauth2-proxy'];
    const { name, key } = source.existingSecret;
    for (const namespace of namespaces) {
      const id = `${namespace}/${name}`;
      const secret = byId.get(id) ?? { name, namespace, keys: [] };
      byId.set(id, secret);
      const entry = secret.keys.find((k) => k.key === key);
      if (entry) entry.paths.push(shown);
      else secret.keys.push({ key, paths: [shown] });
    }
  });
  // The walk follows the config's key order, which must not change the output.
  const out = [...byId.values()].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  for (const s of out) {
    s.keys.sort((a, b) => cmp(a.key, b.key));
    for (const k of s.keys) k.paths.sort(cmp);
  }
  return out;
}

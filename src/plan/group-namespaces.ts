import { createHash } from 'node:crypto';
import { NAMESPACE_NAME } from '../kubeflow/namespaces.js';

/**
 * The group → namespace mapping of the Profile Manager, in TypeScript for NEXT_STEPS and the
 * validator. The function (profile-manager/handler.py, `namespace_for_group`) is what runs; a test
 * runs both on the same groups and compares.
 */
export interface GroupNaming {
  prefix: string;
  stripPrefix: boolean;
  namespacePrefix: string;
}

export function namespaceForGroup(group: string, n: GroupNaming): string | undefined {
  if (!group.toLowerCase().startsWith(n.prefix.toLowerCase())) return undefined;
  const base = n.stripPrefix ? group.slice(n.prefix.length) : group;
  // Python's str.lower() and JS toLowerCase() differ only outside ASCII, which the next step drops.
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) return undefined;
  let name = n.namespacePrefix + slug;
  if (name.length > 63) {
    const digest = createHash('sha256').update(group, 'utf8').digest('hex').slice(0, 8);
    name = `${name.slice(0, 54).replace(/-+$/, '')}-${digest}`;
  }
  return NAMESPACE_NAME.test(name) ? name : undefined;
}

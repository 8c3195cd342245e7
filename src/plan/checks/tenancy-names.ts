import type { KfgenConfig } from '../../config/types.js';
import type { FieldPath } from '../../config/checks/check.js';
import { EXAMPLE_PROFILE, personalProfileName } from '../../kubeflow/kfam.js';
import { NAMESPACE_NAME } from '../../kubeflow/namespaces.js';

/** What the tenancy checks share: where user ids are written, and which profiles exist. */

/** Every place a user id is written, first occurrence first, for problems that point at one. */
export function userIds(config: KfgenConfig): Array<{ id: string; path: FieldPath }> {
  const groups = config.groups ?? {};
  const out: Array<{ id: string; path: FieldPath }> = [];
  (config.profiles ?? []).forEach((p, i) => {
    out.push({ id: p.owner, path: ['profiles', i, 'owner'] });
    (p.contributors ?? []).forEach((c, j) => {
      if ('user' in c) out.push({ id: c.user, path: ['profiles', i, 'contributors', j, 'user'] });
    });
  });
  for (const g of Object.keys(groups)) (groups[g] ?? []).forEach((m, k) => out.push({ id: m, path: ['groups', g, k] }));
  if (config.tenancy?.admin) out.push({ id: config.tenancy.admin, path: ['tenancy', 'admin'] });
  return out;
}

/** Declared profile names, each at its first index. */
export function declaredProfiles(config: KfgenConfig): Map<string, number> {
  const declared = new Map<string, number>();
  (config.profiles ?? []).forEach((p, i) => {
    if (!declared.has(p.name)) declared.set(p.name, i);
  });
  return declared;
}

export type PersonalProblem =
  | { kind: 'invalidName'; id: string; name: string; path: FieldPath }
  | { kind: 'declared'; id: string; name: string; index: number; owner: string }
  | { kind: 'shared'; id: string; other: string; name: string; path: FieldPath };

/**
 * Personal profiles (tenancy.personalProfiles): named as the dashboard would, and so able to
 * collide with declared ones and each other. Returns every profile that will exist (declared,
 * the kept example, personal) and the collisions, in user-id order.
 */
export function profileNames(config: KfgenConfig): { all: Set<string>; problems: PersonalProblem[] } {
  const profiles = config.profiles ?? [];
  const declared = declaredProfiles(config);
  const all = new Set(declared.keys());
  const problems: PersonalProblem[] = [];
  if (config.tenancy?.keepExampleProfile) all.add(EXAMPLE_PROFILE);
  if (!config.tenancy?.personalProfiles) return { all, problems };
  const personal = new Map<string, string>();
  const firstPath = new Map<string, FieldPath>();
  for (const u of userIds(config)) if (!firstPath.has(u.id)) firstPath.set(u.id, u.path);
  for (const [id, path] of [...firstPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const name = personalProfileName(id);
    if (!NAMESPACE_NAME.test(name) || name.length > 63) {
      problems.push({ kind: 'invalidName', id, name, path });
      continue;
    }
    const i = declared.get(name);
    if (i !== undefined) {
      if (profiles[i]!.owner !== id) problems.push({ kind: 'declared', id, name, index: i, owner: profiles[i]!.owner });
      continue;
    }
    const other = personal.get(name);
    if (other !== undefined) {
      problems.push({ kind: 'shared', id, other, name, path });
      continue;
    }
    personal.set(name, id);
    all.add(name);
  }
  return { all, problems };
}

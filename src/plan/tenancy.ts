import type { KfgenConfig } from '../config/types.js';
import { cmp } from '../util/order.js';
import { personalProfileName, type Role } from '../kubeflow/kfam.js';

/**
 * The tenancy a config declares, resolved once: every profile (declared and personal) and every
 * contributor binding after group expansion. The generator and the validator both read this, so
 * what is checked is exactly what is emitted.
 */

export type { Role } from '../kubeflow/kfam.js';

export interface PlannedProfile {
  name: string;
  owner: string;
  quota?: Record<string, string>;
  /** Made by `tenancy.personalProfiles`, not declared under `profiles`. */
  personal: boolean;
}

export interface Membership {
  profile: string;
  user: string;
  role: Role;
}

/** Every user id the config names, in a stable order (sorted), without duplicates. */
export function namedUsers(config: KfgenConfig): string[] {
  const users = new Set<string>();
  for (const p of config.profiles ?? []) {
    users.add(p.owner);
    for (const c of p.contributors ?? []) if ('user' in c) users.add(c.user);
  }
  for (const members of Object.values(config.groups ?? {})) for (const m of members) users.add(m);
  if (config.tenancy?.admin) users.add(config.tenancy.admin);
  return [...users].sort();
}

export function planProfiles(config: KfgenConfig): PlannedProfile[] {
  const declared: PlannedProfile[] = (config.profiles ?? []).map((p) => ({
    name: p.name,
    owner: p.owner,
    ...(p.quota ? { quota: p.quota } : {}),
    personal: false,
  }));
  if (!config.tenancy?.personalProfiles) return declared;
  const taken = new Set(declared.map((p) => p.name));
  const personal: PlannedProfile[] = [];
  for (const user of namedUsers(config)) {
    const name = personalProfileName(user);
    // A declared profile of that name (same owner, or the validator has already refused the config) wins.
    if (taken.has(name)) continue;
    taken.add(name);
    personal.push({ name, owner: user, personal: true });
  }
  return [...declared, ...personal.sort((a, b) => cmp(a.name, b.name))];
}

/**
 * Contributor bindings after group expansion. KFAM names a binding by user and role, so a user
 * reached twice (directly and through a group, or through two groups) gets one binding with the
 * stronger role; the owner already has `namespaceAdmin` and gets none.
 */
export function planMemberships(config: KfgenConfig): Membership[] {
  const out: Membership[] = [];
  for (const p of config.profiles ?? []) {
    const roles = new Map<string, Role>();
    const grant = (user: string, role: Role) => {
      if (user === p.owner) return;
      if (roles.get(user) !== 'edit') roles.set(user, role);
    };
    for (const c of p.contributors ?? []) {
      if ('user' in c) grant(c.user, c.role);
      else for (const m of config.groups?.[c.group] ?? []) grant(m, c.role);
    }
    for (const user of [...roles.keys()].sort()) out.push({ profile: p.name, user, role: roles.get(user)! });
  }
  return out;
}

/** `tenancy` beyond the profiles: the cluster admin and the dashboard's own behaviour. */
export interface TenancyPlan {
  /** The Kubeflow cluster admin (`ADMIN` of `profiles-config`), when the config names one. */
  readonly admin?: string;
  /** Keep upstream's example profile. @default false */
  readonly keepExampleProfile: boolean;
  /** The dashboard's registration flow. @default false */
  readonly registrationFlow: boolean;
  /** Some profile has a group contributor (expanded into `plan.memberships`). */
  readonly groupContributors: boolean;
}

export function planTenancy(config: KfgenConfig): TenancyPlan {
  const t = config.tenancy;
  return {
    ...(t?.admin ? { admin: t.admin } : {}),
    keepExampleProfile: t?.keepExampleProfile ?? false,
    registrationFlow: t?.registrationFlow ?? false,
    groupContributors: (config.profiles ?? []).some((p) => (p.contributors ?? []).some((c) => 'group' in c)),
  };
}

import type { Plan } from './index.js';
import type { Problem } from '../config/errors.js';
import { problemList, type Locate } from '../config/validate.js';
import { didYouMean } from '../util/did-you-mean.js';
import { EXAMPLE_PROFILE, personalProfileName } from '../kubeflow/kfam.js';
import { NAMESPACE_NAME, isReservedNamespace } from '../kubeflow/namespaces.js';

type Path = Array<string | number>;

/** Namespaces the platform itself lives in: a Profile there would hand it to a user. */
/** A PodDefault selects Pods by the label `access-ml-pipeline-<sa>`, whose name part holds 63 characters. */
const MAX_SERVICE_ACCOUNT = 63 - 'access-ml-pipeline-'.length;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Cross-references between profiles, groups, contributors and programmatic access (issue 4). */
export function tenancyProblems(plan: Plan, file: string, locate: Locate): Problem[] {
  const { config } = plan;
  const { problems: out, add } = problemList(file, locate);

  const profiles = config.profiles ?? [];
  const groups = config.groups ?? {};
  const groupNames = Object.keys(groups);

  // Every place a user id is written, first occurrence first, for messages that point at one.
  const userIds: Array<{ id: string; path: Path }> = [];
  profiles.forEach((p, i) => {
    userIds.push({ id: p.owner, path: ['profiles', i, 'owner'] });
    (p.contributors ?? []).forEach((c, j) => {
      if ('user' in c) userIds.push({ id: c.user, path: ['profiles', i, 'contributors', j, 'user'] });
    });
  });
  for (const g of groupNames) (groups[g] ?? []).forEach((m, k) => userIds.push({ id: m, path: ['groups', g, k] }));
  if (config.tenancy?.admin) userIds.push({ id: config.tenancy.admin, path: ['tenancy', 'admin'] });
  for (const u of userIds) {
    const problem = userIdProblem(u.id, plan);
    if (problem) add(u.path, problem.message, undefined, problem.suggestion);
  }

  const declared = new Map<string, number>();
  profiles.forEach((p, i) => {
    const path = ['profiles', i, 'name'];
    const first = declared.get(p.name);
    if (first !== undefined)
      add(
        path,
        `duplicate profile "${p.name}" (also profiles[${first}])`,
        undefined,
        'each profile is one namespace; merge the two entries',
      );
    else declared.set(p.name, i);
    if (isReservedNamespace(p.name, plan.release)) {
      add(
        path,
        `"${p.name}" is a namespace of the platform itself, not a profile`,
        undefined,
        'choose a team or user name, e.g. team-vision',
      );
    }
    if (p.name === EXAMPLE_PROFILE && config.tenancy?.keepExampleProfile) {
      add(
        path,
        `"${p.name}" is upstream's example profile, which tenancy.keepExampleProfile keeps`,
        undefined,
        'remove keepExampleProfile, or rename this profile',
      );
    }

    const seen = new Map<string, number>();
    (p.contributors ?? []).forEach((c, j) => {
      const at = ['profiles', i, 'contributors', j];
      if ('group' in c) {
        if (!(c.group in groups)) {
          const guess = didYouMean(c.group, groupNames);
          add(
            [...at, 'group'],
            `unknown group "${c.group}"`,
            groupNames.length ? groupNames.join(', ') : undefined,
            guess ? `did you mean "${guess}"?` : 'define it under groups: with its members',
          );
        }
        return;
      }
      if (c.user === p.owner) {
        add(
          [...at, 'user'],
          `"${c.user}" owns profile "${p.name}" and already has admin access there`,
          undefined,
          'remove this contributor',
        );
      }
      const dup = seen.get(c.user);
      if (dup !== undefined)
        add(
          [...at, 'user'],
          `"${c.user}" is already a contributor (contributors[${dup}])`,
          undefined,
          'keep one entry with the role it needs',
        );
      else seen.set(c.user, j);
    });
  });

  // Personal profiles: named as the dashboard would, and so able to collide with declared ones and each other.
  const all = new Set(declared.keys());
  if (config.tenancy?.keepExampleProfile) all.add(EXAMPLE_PROFILE);
  if (config.tenancy?.personalProfiles) {
    const personal = new Map<string, string>();
    const firstPath = new Map<string, Path>();
    for (const u of userIds) if (!firstPath.has(u.id)) firstPath.set(u.id, u.path);
    for (const [id, path] of [...firstPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const name = personalProfileName(id);
      if (!NAMESPACE_NAME.test(name) || name.length > 63) {
        add(
          path,
          `"${id}" gives no valid namespace name for its personal profile (got "${name}")`,
          '/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, at most 63 characters',
          "declare this user's profile under profiles: with a name of your choice",
        );
        continue;
      }
      const i = declared.get(name);
      if (i !== undefined) {
        if (profiles[i]!.owner !== id) {
          add(
            ['profiles', i, 'name'],
            `"${name}" is also the personal profile of "${id}" (tenancy.personalProfiles), but this one is owned by "${profiles[i]!.owner}"`,
            undefined,
            'rename this profile',
          );
        }
        continue;
      }
      const other = personal.get(name);
      if (other !== undefined) {
        add(
          path,
          `"${id}" and "${other}" would both get the personal profile "${name}"`,
          undefined,
          'declare a profile for one of them under profiles:',
        );
        continue;
      }
      personal.set(name, id);
      all.add(name);
    }
  }

  const pairs = new Map<string, number>();
  (config.programmaticAccess ?? []).forEach((a, i) => {
    const at = ['programmaticAccess', i];
    if (!all.has(a.profile)) {
      const known = [...all].sort();
      const guess = didYouMean(a.profile, known);
      add(
        [...at, 'profile'],
        `unknown profile "${a.profile}"`,
        known.length ? known.join(', ') : undefined,
        guess ? `did you mean "${guess}"?` : 'declare it under profiles:',
      );
    }
    const sa = plan.access[i]!.serviceAccount;
    if (!NAMESPACE_NAME.test(sa) || sa.length > MAX_SERVICE_ACCOUNT) {
      add(
        [...at, 'serviceAccount'],
        `"${sa}" is not a usable ServiceAccount name`,
        `/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, at most ${MAX_SERVICE_ACCOUNT} characters (it becomes part of a label)`,
      );
    }
    const key = `${a.profile}/${sa}`;
    const dup = pairs.get(key);
    if (dup !== undefined)
      add(
        at,
        `ServiceAccount "${sa}" of profile "${a.profile}" already has access (programmaticAccess[${dup}])`,
        undefined,
        'keep one entry',
      );
    else pairs.set(key, i);
  });
  return out;
}

/** Kubeflow compares the header byte for byte, so an id must be what the `userClaim` carries. */
function userIdProblem(id: string, { config, auth }: Plan): { message: string; suggestion?: string } | undefined {
  const claim = auth.userClaim;
  if (!id.trim() || /\s/.test(id)) return { message: `${JSON.stringify(id)} is not a user id: it contains whitespace` };
  if (config.auth.provider === 'dex' && !config.auth.dex?.connectors?.length) {
    const emails = (config.auth.dex?.users ?? []).map((u) => u.email);
    if (!emails.includes(id)) {
      const guess = didYouMean(id, emails);
      return {
        message: `"${id}" is not one of the Dex users, the only people who can sign in`,
        suggestion: guess ? `did you mean "${guess}"?` : 'add the user under auth.dex.users',
      };
    }
    return undefined;
  }
  if ((claim === 'email' || claim === 'upn') && !EMAIL.test(id)) {
    return {
      message: `"${id}" does not look like an email address, but auth.userClaim is "${claim}", so users are identified by their ${claim}`,
      suggestion: 'write the user id exactly as the identity provider sends it, e.g. alice@example.com',
    };
  }
  const opaque = claim === 'oid' || (claim === 'sub' && config.auth.provider === 'cognito');
  if (opaque && !UUID.test(id)) {
    return {
      message: `"${id}" does not look like a ${claim} (a UUID), which auth.userClaim "${claim}" makes the user id`,
      suggestion: 'write the user id exactly as the identity provider sends it',
    };
  }
  return undefined;
}

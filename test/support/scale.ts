import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { KfgenConfig } from '../../src/config/types.js';
import { fixtureConfig } from './fixtures.js';

/**
 * The eks-entra-teams fixture grown to `users` users in `teams` teams: each team is a group of
 * users/teams members, a profile owned by its first member with the group as contributor (edit),
 * every user also gets a personal profile. What issue 13 measures kfgen at (10,000 in 1,000).
 */
export function scaleConfig(users: number, teams: number, manifestsPath: string): KfgenConfig {
  const config = parse(readFileSync(fixtureConfig('eks-entra-teams'), 'utf8')) as KfgenConfig;
  const per = Math.ceil(users / teams);
  const groups: Record<string, string[]> = {};
  const profiles: NonNullable<KfgenConfig['profiles']> = [];
  for (let t = 0; t < teams; t++) {
    const name = `team-${String(t).padStart(4, '0')}`;
    const members = Array.from({ length: per }, (_, i) => `user${t * per + i}@example.com`).filter(
      (_, i) => t * per + i < users,
    );
    groups[name] = members;
    profiles.push({ name, owner: members[0]!, contributors: [{ group: name, role: 'edit' }] });
  }
  return {
    ...config,
    manifests: { ...config.manifests, path: manifestsPath },
    profiles,
    groups,
    tenancy: { ...config.tenancy, personalProfiles: true },
    programmaticAccess: [{ profile: 'team-0000', serviceAccount: 'ci-pipelines', pipelines: 'edit' }],
  };
}

import type { Context, Contribution } from '../core/model.js';
import { toYaml } from '../../util/yaml.js';
import { profileManagerMapRoles } from '../profile-manager/index.js';
import { PHASE } from '../core/phases.js';

/**
 * eksctl (or EKS, for managed node groups) may already have written aws-auth with the node role,
 * and each mapping list is one string in the ConfigMap, so a merge patch or an apply of this file
 * would replace the list whole and lock the nodes out. `eksctl create iamidentitymapping` adds an
 * entry to what is there (creating the ConfigMap if there is none) and skips one that exists.
 */
function mappingCommand(
  cluster: string,
  region: string,
  arn: string,
  username: string,
  groups: string[] | undefined,
): string {
  const words = [
    'eksctl create iamidentitymapping --cluster',
    cluster,
    '--region',
    region,
    '--arn',
    arn,
    '--username',
    username,
    ...(groups ?? []).flatMap((g) => ['--group', g]),
  ];
  return words.map((w, i) => (i === 0 ? w : shellWord(w))).join(' ');
}

/** Usernames may hold `{{…}}` templates or spaces; anything beyond plain characters is single-quoted. */
function shellWord(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

export function awsAuth(ctx: Context): Contribution {
  const eks = ctx.plan.platform.eks;
  const auth = eks?.awsAuth;
  if (!eks || !auth) return {};
  const data: Record<string, string> = {};
  // aws-auth stores each mapping list as a YAML string inside the ConfigMap.
  // Fixed key order, whatever order the config wrote them in.
  // The Profile Manager's role is mapped here too, for clusters that still read the ConfigMap.
  const mapRoles = [...(auth.mapRoles ?? []), ...profileManagerMapRoles(ctx.plan)];
  if (mapRoles.length)
    data.mapRoles = toYaml(
      mapRoles.map(({ rolearn, username, groups }) => ({ rolearn, username, ...(groups ? { groups } : {}) })),
    );
  if (auth.mapUsers?.length)
    data.mapUsers = toYaml(
      auth.mapUsers.map(({ userarn, username, groups }) => ({ userarn, username, ...(groups ? { groups } : {}) })),
    );
  const patch = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws-auth', namespace: 'kube-system' }, data };
  const commands = [
    ...mapRoles.map((r) => mappingCommand(eks.clusterName, eks.region, r.rolearn, r.username, r.groups)),
    ...(auth.mapUsers ?? []).map((u) => mappingCommand(eks.clusterName, eks.region, u.userarn, u.username, u.groups)),
  ];
  const header = [
    '# The entries NEXT_STEPS.md adds to aws-auth with `eksctl create iamidentitymapping`, for review and lint.',
    "# Do not apply or merge-patch this file: each list is one string, so the cluster's own entries",
    '# (the node role eksctl or EKS wrote) would be replaced.',
  ].join('\n');
  return {
    files: { 'cluster/aws-auth.yaml': `${header}\n${toYaml(patch)}` },
    nextSteps: [
      {
        order: PHASE.awsAuth,
        title: 'Map IAM roles and users into the cluster (aws-auth)',
        body: [
          'Adds each mapping of `cluster/aws-auth.yaml` to the ConfigMap, keeping the entries already there (the node role);',
          'a mapping that exists is skipped, so this can run again:',
          '```sh',
          ...commands,
          `eksctl get iamidentitymapping --cluster ${eks.clusterName} --region ${eks.region}`,
          '```',
        ].join('\n'),
      },
    ],
  };
}

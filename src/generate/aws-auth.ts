import type { Context, Contribution } from './model.js';
import { toYaml } from '../util/yaml.js';
import { profileManagerMapRoles } from './profile-manager.js';

const APPLY = 'kubectl patch configmap aws-auth -n kube-system --type merge --patch-file cluster/aws-auth.yaml';

export function awsAuth(ctx: Context): Contribution {
  const auth = ctx.config.platform.eks?.awsAuth;
  if (ctx.config.platform.provider !== 'eks' || !auth) return {};
  const data: Record<string, string> = {};
  // aws-auth stores each mapping list as a YAML string inside the ConfigMap.
  // Fixed key order, whatever order the config wrote them in.
  // The Profile Manager's role is mapped here too, for clusters that still read the ConfigMap.
  const mapRoles = [...(auth.mapRoles ?? []), ...profileManagerMapRoles(ctx.config)];
  if (mapRoles.length) data.mapRoles = toYaml(mapRoles.map(({ rolearn, username, groups }) => ({ rolearn, username, ...(groups ? { groups } : {}) })));
  if (auth.mapUsers?.length) data.mapUsers = toYaml(auth.mapUsers.map(({ userarn, username, groups }) => ({ userarn, username, ...(groups ? { groups } : {}) })));
  const patch = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws-auth', namespace: 'kube-system' }, data };
  const header = [
    `# Apply after the cluster exists: ${APPLY}`,
    '# A merge patch replaces each list whole. eksctl gives managed node groups access entries',
    '# (authenticationMode API_AND_CONFIG_MAP), so their node roles do not need to be listed here.',
  ].join('\n');
  return {
    files: { 'cluster/aws-auth.yaml': `${header}\n${toYaml(patch)}` },
    nextSteps: [
      {
        order: 11,
        title: 'Map IAM roles and users into the cluster (aws-auth)',
        body: ['```sh', APPLY, 'kubectl get configmap aws-auth -n kube-system -o yaml', '```'].join('\n'),
      },
    ],
  };
}

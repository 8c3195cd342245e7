import type { GroupNamespacesConfig, KfgenConfig } from '../config/types.js';
import { providerPlan } from './providers/index.js';
import type { Role } from '../kubeflow/kfam.js';

/** `tenancy.groupNamespaces` with every default applied: what NEXT_STEPS shows and the function is given. */
export interface GroupNamespacesPlan {
  readonly prefix: string;
  readonly owner: string;
  /** @default 'edit' */
  readonly role: Role;
  /** @default true */
  readonly stripPrefix: boolean;
  /** @default '' */
  readonly namespacePrefix: string;
  /** @default false */
  readonly personalProfiles: boolean;
  /** The claim the function reads the groups from. @default the gateway's groups claim (`plan.auth.groupsClaim`) */
  readonly claim: string;
}

/**
 * The Profile Manager: set when the provider runs a function at sign-in (`loginTrigger` in the
 * provider table), the platform is EKS (the function authenticates to it) and the account of its
 * role is known. The generators, TEARDOWN and the cluster files all read this one answer.
 */
export interface ProfileManagerPlan {
  readonly functionName: string;
  readonly roleName: string;
  readonly stackName: string;
  /** The function's IAM role, which the EKS access entry and aws-auth name. */
  readonly roleArn: string;
  readonly userPoolId: string;
  readonly userPoolRegion: string;
  readonly clusterName: string;
  readonly clusterRegion: string;
}

export function planGroupNamespaces(config: KfgenConfig, groupsClaim: string): GroupNamespacesPlan | undefined {
  const gn: GroupNamespacesConfig | undefined = config.tenancy?.groupNamespaces;
  if (!gn) return undefined;
  return {
    prefix: gn.prefix,
    owner: gn.owner,
    role: gn.role ?? 'edit',
    stripPrefix: gn.namespace?.stripPrefix ?? true,
    namespacePrefix: gn.namespace?.prefix ?? '',
    personalProfiles: gn.personalProfiles ?? false,
    claim: gn.claim ?? groupsClaim,
  };
}

function partition(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

export function planProfileManager(config: KfgenConfig): ProfileManagerPlan | undefined {
  const gn = config.tenancy?.groupNamespaces;
  const trigger = providerPlan(config).loginTrigger?.(config);
  const eks = config.platform.provider === 'eks' ? config.platform.eks : undefined;
  if (!gn || !trigger || !eks || !gn.awsAccountId) return undefined;
  // One Profile Manager per cluster; IAM and Lambda names stop at 64 characters.
  const name = `kfgen-profile-manager-${eks.clusterName}`.slice(0, 64);
  return {
    functionName: name,
    roleName: name,
    stackName: name,
    roleArn: `arn:${partition(eks.region)}:iam::${gn.awsAccountId}:role/${name}`,
    userPoolId: trigger.userPoolId,
    userPoolRegion: trigger.region,
    clusterName: eks.clusterName,
    clusterRegion: eks.region,
  };
}

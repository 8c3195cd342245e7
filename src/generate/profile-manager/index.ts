import type { Context, Contribution, NextStep, PatchEntry } from '../core/model.js';
import type { GroupNamespacesPlan, Plan, ProfileManagerPlan } from '../../plan/index.js';
import { toYaml, toYamlStream } from '../../util/yaml.js';
import { KUBERNETES_NAMESPACES } from '../../kubeflow/namespaces.js';
import { EXAMPLE_PROFILE, KFAM_PRINCIPALS, USERID_HEADER } from '../../kubeflow/kfam.js';
import { cmp } from '../../util/order.js';
import { PROFILE_MANAGER_GROUP, profileManagerClusterRole, profileManagerClusterRoleBinding } from './rbac.js';
import { TEMPLATE_BODY_LIMIT, profileManagerTemplate } from './cfn.js';
import { attachTriggerScript } from './cognito.js';
import { namespaceForGroup } from '../../plan/group-namespaces.js';
import { PHASE } from '../core/phases.js';

/**
 * `tenancy.groupNamespaces`: with Cognito, the Profile Manager (a Pre Token Generation trigger
 * that makes group namespaces at login) and everything to deploy it; with another provider, where
 * nothing of kfgen runs at login, a NEXT_STEPS note. `tenancy.registrationFlow` turns on the
 * dashboard's own first-login namespace creation for any provider.
 */

export const PROFILE_MANAGER_DIR = 'cluster/profile-manager';
/** A resource of the overlay, applied with the platform: not under tenancy/, whose files are applied (and pruned) on their own. */
export const RBAC_FILE = 'profile-manager-rbac.yaml';
const REGISTRATION_PATCH = 'patches/kubeflow-centraldashboard-registration-flow.yaml';

/** The Kubernetes username the access entry / aws-auth mapping gives the function. */
export const PROFILE_MANAGER_USERNAME = 'kfgen-profile-manager';

/** The eksctl access entry for the function's role (cluster/eksctl.ts adds it to the ClusterConfig). */
export function profileManagerAccessEntries(plan: Plan): Array<{ principalARN: string; kubernetesGroups: string[] }> {
  const arn = plan.profileManager?.roleArn;
  return arn ? [{ principalARN: arn, kubernetesGroups: [PROFILE_MANAGER_GROUP] }] : [];
}

/** The aws-auth mapRoles entry for clusters that still read the ConfigMap (cluster/aws-auth.ts adds it). */
export function profileManagerMapRoles(plan: Plan): Array<{ rolearn: string; username: string; groups: string[] }> {
  const arn = plan.profileManager?.roleArn;
  return arn ? [{ rolearn: arn, username: PROFILE_MANAGER_USERNAME, groups: [PROFILE_MANAGER_GROUP] }] : [];
}

function functionEnvironment(ctx: Context, gn: GroupNamespacesPlan, pm: ProfileManagerPlan): Record<string, string> {
  // Namespaces the build itself declares are never the function's: its Profiles would race them.
  const reserved = new Set<string>([
    ...ctx.plan.release.platformNamespaces,
    ...KUBERNETES_NAMESPACES,
    'knative-eventing',
    EXAMPLE_PROFILE,
  ]);
  for (const p of ctx.plan.profiles) reserved.add(p.name);
  return {
    KFGEN_PM_CLUSTER_NAME: pm.clusterName,
    KFGEN_PM_REGION: pm.clusterRegion,
    KFGEN_PM_GROUPS_CLAIM: gn.claim,
    KFGEN_PM_USER_CLAIM: ctx.plan.auth.userClaim,
    KFGEN_PM_GROUP_PREFIX: gn.prefix,
    KFGEN_PM_STRIP_PREFIX: String(gn.stripPrefix),
    KFGEN_PM_NAMESPACE_PREFIX: gn.namespacePrefix,
    KFGEN_PM_ROLE: gn.role,
    KFGEN_PM_GROUP_OWNER: gn.owner,
    KFGEN_PM_PERSONAL_PROFILES: String(gn.personalProfiles),
    KFGEN_PM_RESERVED_NAMESPACES: [...reserved].sort(cmp).join(','),
    KFGEN_PM_USERID_HEADER: USERID_HEADER,
    KFGEN_PM_KFAM_PRINCIPALS: KFAM_PRINCIPALS.join(','),
  };
}

export function profileManager(ctx: Context): Contribution {
  const registration = registrationFlow(ctx);
  const { groupNamespaces: gn, profileManager: pm } = ctx.plan;
  if (!gn) return registration;
  if (!pm) return merge(registration, { nextSteps: [nothingAtLogin(ctx, gn)] });
  const source = ctx.assets?.profileManagerHandler;
  if (source === undefined)
    throw new Error('internal: the Profile Manager needs its handler.py (GenerateInput.assets)');
  // JSON, not YAML: kfgen lints every YAML file under cluster/ as Kubernetes objects, and CloudFormation reads both.
  const template = `${JSON.stringify(
    profileManagerTemplate({
      functionName: pm.functionName,
      roleName: pm.roleName,
      userPoolId: pm.userPoolId,
      clusterName: pm.clusterName,
      clusterRegion: pm.clusterRegion,
      environment: functionEnvironment(ctx, gn, pm),
      source,
    }),
    null,
    2,
  )}\n`;
  if (Buffer.byteLength(template) > TEMPLATE_BODY_LIMIT)
    throw new Error(`internal: the Profile Manager template exceeds ${TEMPLATE_BODY_LIMIT} bytes`);
  const rbac = `# The Profile Manager's rights in the cluster: kfgen:profile-manager is its IAM role's group (EKS access entry / aws-auth).\n${toYamlStream(
    [profileManagerClusterRole([gn.role]), profileManagerClusterRoleBinding()],
  )}`;
  return merge(registration, {
    files: {
      [`${PROFILE_MANAGER_DIR}/handler.py`]: source,
      [`${PROFILE_MANAGER_DIR}/template.json`]: template,
      [`${PROFILE_MANAGER_DIR}/attach-trigger.sh`]: attachTriggerScript({
        region: pm.userPoolRegion,
        userPoolId: pm.userPoolId,
        stackName: pm.stackName,
      }),
      [RBAC_FILE]: rbac,
    },
    resources: [RBAC_FILE],
    nextSteps: deploySteps(ctx, gn, pm),
  });
}

function merge(a: Contribution, b: Contribution): Contribution {
  return {
    files: { ...a.files, ...b.files },
    resources: [...(a.resources ?? []), ...(b.resources ?? [])],
    patches: [...(a.patches ?? []), ...(b.patches ?? [])],
    nextSteps: [...(a.nextSteps ?? []), ...(b.nextSteps ?? [])],
  };
}

function example(gn: GroupNamespacesPlan): string {
  const group = `${gn.prefix}Team Vision`;
  const ns = namespaceForGroup(group, gn);
  return `the group \`${group}\` becomes the namespace \`${ns}\``;
}

function deploySteps(ctx: Context, gn: GroupNamespacesPlan, pm: ProfileManagerPlan): NextStep[] {
  const { roleArn, functionName, stackName, userPoolRegion: cognitoRegion, clusterName: cluster } = pm;
  const eksRegion = pm.clusterRegion;
  const configMap = !!(
    ctx.plan.platform.eks?.awsAuth?.mapRoles?.length || ctx.plan.platform.eks?.awsAuth?.mapUsers?.length
  );
  return [
    {
      order: PHASE.profileManagerStack,
      title: 'Deploy the Profile Manager (namespaces from ADFS groups at login)',
      body: [
        `Cognito runs \`${functionName}\` at every sign-in and token refresh: for each of the user's groups starting with`,
        `\`${gn.prefix}\` it creates a Profile (${example(gn)}) and binds the user there as \`${gn.role}\`;`,
        'it removes the bindings it made when the user leaves a group, and never blocks a login (see docs/tenancy.md).',
        "Deploy its stack in the user pool's region before the cluster: the cluster's access entries name its role, which must exist.",
        '',
        '```sh',
        `aws cloudformation deploy --region ${cognitoRegion} --stack-name ${stackName} \\`,
        `  --template-file ${PROFILE_MANAGER_DIR}/template.json --capabilities CAPABILITY_NAMED_IAM`,
        '```',
        `The function reads the cluster's endpoint with eks:DescribeCluster and calls it over the network: the endpoint must be`,
        'reachable from Lambda (public endpoint access, or put the function in the VPC).',
      ].join('\n'),
    },
    {
      order: PHASE.profileManagerAccess,
      title: "Map the Profile Manager's role into the cluster",
      body: [
        `\`cluster/eksctl-cluster.yaml\` gives \`${roleArn}\` an access entry in the Kubernetes group \`${PROFILE_MANAGER_GROUP}\`,`,
        `whose only rights are the ClusterRole in \`${RBAC_FILE}\`, applied with the platform. A cluster eksctl created from that file`,
        'has the entry already; this adds it to a cluster that existed before (and does nothing otherwise):',
        '',
        '```sh',
        `aws eks describe-access-entry --region ${eksRegion} --cluster-name ${cluster} --principal-arn ${roleArn} >/dev/null 2>&1 || \\`,
        `  aws eks create-access-entry --region ${eksRegion} --cluster-name ${cluster} --principal-arn ${roleArn} --kubernetes-groups ${PROFILE_MANAGER_GROUP}`,
        '```',
        configMap
          ? 'The aws-auth step above maps the role as well (it is in `cluster/aws-auth.yaml`), for a cluster in `CONFIG_MAP` authentication mode.'
          : `A cluster in \`CONFIG_MAP\` authentication mode needs an aws-auth mapping instead: \`eksctl create iamidentitymapping --region ${eksRegion} --cluster ${cluster} --arn ${roleArn} --username ${PROFILE_MANAGER_USERNAME} --group ${PROFILE_MANAGER_GROUP}\`.`,
      ].join('\n'),
    },
    {
      order: PHASE.profileManagerAttach,
      title: 'Attach the Profile Manager to the user pool',
      body: [
        'After the platform is applied (its ClusterRole must exist before the first login). UpdateUserPool resets every setting',
        'it is not given, so the script reads the pool, merges only the trigger into LambdaConfig, sends the rest back unchanged',
        'and keeps the pool as it was in `user-pool-<id>-before.json` (needs the AWS CLI and jq):',
        '',
        '```sh',
        `bash ${PROFILE_MANAGER_DIR}/attach-trigger.sh`,
        `aws logs tail /aws/lambda/${functionName} --region ${cognitoRegion} --follow   # at the next sign-in`,
        'kubectl get profiles -l app.kubernetes.io/managed-by=kfgen-profile-manager',
        '```',
      ].join('\n'),
    },
  ];
}

function nothingAtLogin(ctx: Context, gn: GroupNamespacesPlan): NextStep {
  return {
    order: PHASE.groupNamespacesNote,
    title: 'Group namespaces: nothing runs at login with this identity provider',
    body: [
      `\`tenancy.groupNamespaces\` (groups starting with \`${gn.prefix}\`) takes effect with Amazon Cognito only, where kfgen's Profile`,
      `Manager runs as the Pre Token Generation trigger. With ${ctx.plan.auth.providerName} nothing of kfgen runs at login, so no namespace is`,
      'made from groups: declare them as `profiles` with group contributors, or let users create their own namespace at first',
      `login with the dashboard's registration flow (\`tenancy.registrationFlow: true\`${ctx.plan.tenancy.registrationFlow ? ', which this config sets' : ''}).`,
    ].join('\n'),
  };
}

/**
 * The dashboard's registration flow: upstream's base fills the Deployment env REGISTRATION_FLOW
 * from `CD_REGISTRATION_FLOW` in params.env with a replacement inside that base, so changing the
 * ConfigMap from the overlay would not reach the Deployment: the env itself is patched.
 */
function registrationFlow(ctx: Context): Contribution {
  if (!ctx.plan.tenancy.registrationFlow) return {};
  const patch: PatchEntry = {
    file: REGISTRATION_PATCH,
    content: toYaml({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'centraldashboard', namespace: 'kubeflow' },
      spec: {
        template: {
          spec: { containers: [{ name: 'centraldashboard', env: [{ name: 'REGISTRATION_FLOW', value: 'true' }] }] },
        },
      },
    }),
  };
  return {
    patches: [patch],
    nextSteps: [
      {
        order: PHASE.registrationFlow,
        title: 'Users create their own namespace at first login',
        body: [
          "The central dashboard's registration flow is on: a signed-in user without a namespace is offered to create one,",
          'named after their id (dots and other non-word characters as `-`, as kfgen names personal profiles).',
        ].join('\n'),
      },
    ],
  };
}

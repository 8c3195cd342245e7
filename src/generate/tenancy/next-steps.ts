import type { Context, Contribution, NextStep } from '../core/model.js';
import type { PlannedAccess } from '../../plan/index.js';
import { KFP_AUDIENCE, KFP_IN_CLUSTER_HOST, KFP_TOKEN_ENV, KFP_TOKEN_PATH } from '../../kubeflow/pipelines.js';

import { clientPodName } from './programmatic-access.js';
import { PHASE } from '../core/phases.js';

/** The kfp SDK's own in-cluster default (`IN_CLUSTER_DNS_NAME`); upstream's NetworkPolicy admits profile namespaces. */
const KFP_IN_CLUSTER_API = 'http://ml-pipeline.kubeflow.svc.cluster.local:8888';

/** The CI-access steps; profiles, contributors and the tenancy apply are in steps.ts. */
export function tenancyNextSteps(ctx: Context): Contribution {
  const steps: NextStep[] = [];
  const access = ctx.plan.access;
  if (access.length) steps.push(inClusterStep(access), outOfClusterStep(ctx, access));
  return steps.length ? { nextSteps: steps } : {};
}

function inClusterStep(access: PlannedAccess[]): NextStep {
  const a = access[0]!;
  const body = [
    'Once the platform is applied and the profile namespaces exist, these ServiceAccounts can call the Pipelines API',
    'with their own token:',
    '',
    '| Profile | ServiceAccount | Pipelines | Pod label |',
    '| --- | --- | --- | --- |',
    ...access.map(
      (x) => `| \`${x.profile}\` | \`${x.serviceAccount}\` | ${x.pipelines} | \`${x.podDefault}: "true"\` |`,
    ),
    '',
    'A Pod with the label gets, from the PodDefault of the same name in its profile, a projected token for audience',
    `\`${KFP_AUDIENCE}\` at \`${KFP_TOKEN_PATH}\`, and \`${KFP_TOKEN_ENV}\` pointing at it. In the notebook form`,
    'the PodDefault is offered under Configurations ("Allow access to Kubeflow Pipelines"). The kubelet refreshes the',
    "token, so let the SDK's credentials class read it on every call rather than reading it once. kfp 2:",
    '```python',
    'import kfp',
    'from kfp.client import ServiceAccountTokenVolumeCredentials',
    '',
    `client = kfp.Client(host="${KFP_IN_CLUSTER_HOST}", credentials=ServiceAccountTokenVolumeCredentials())`,
    `print(client.list_experiments(namespace="${a.profile}"))`,
    '```',
    'kfp 1.8:',
    '```python',
    'import kfp',
    'from kfp.auth import ServiceAccountTokenVolumeCredentials',
    '',
    `client = kfp.Client(host="${KFP_IN_CLUSTER_HOST}", credentials=ServiceAccountTokenVolumeCredentials(path=None))`,
    `print(client.list_experiments(namespace="${a.profile}"))`,
    '```',
  ];
  body.push(
    '',
    `\`kfp.Client()\` without \`host\` uses the SDK's in-cluster default, \`${KFP_IN_CLUSTER_API}\`, which works as`,
    'well. Either way the request carries the token and no `kubeflow-userid`, so the Pipelines API authenticates the',
    'token itself (TokenReview) and asks a SubjectAccessReview for `system:serviceaccount:<profile>:<serviceAccount>` in',
    'the namespace the request names. Each account holds its pipelines role in its own profile only: nothing in another',
    'profile, nothing in `kubeflow`.',
  );
  const overGranted = access.filter((x) => x.serviceAccount === 'default-editor' && x.pipelines === 'view');
  if (overGranted.length) {
    body.push(
      `${overGranted.map((x) => `\`${x.profile}/default-editor\``).join(', ')} can still edit: the profile controller binds it to \`kubeflow-edit\` in`,
      'its profile. Use `serviceAccount: default-viewer`, or a named account, where reading must be all it can do.',
    );
  }
  body.push('');
  const pods = access.filter((x) => x.clientPod);
  if (pods.length) {
    body.push(
      'The example client Pod does exactly this (it installs the SDK from PyPI, so it needs egress):',
      '```sh',
      ...pods.flatMap((x) => [
        `kubectl wait --for=jsonpath='{.status.phase}'=Succeeded pod/${clientPodName(x)} -n ${x.profile} --timeout=300s`,
        `kubectl logs pod/${clientPodName(x)} -n ${x.profile} -c kfp-client`,
      ]),
      '```',
      'A Pod cannot be re-run: `kubectl delete pod` it and apply again to repeat the check.',
    );
  }
  body.push(
    '',
    'Upgrading from a kfgen that bound `kubeflow-edit` in `kubeflow` and added the account to AuthorizationPolicy',
    '`kubeflow/ml-pipeline-ui`: applying restores the policy, but does not remove the old RoleBindings. Delete them:',
    '```sh',
    ...access.map(
      (x) =>
        `kubectl delete rolebinding --ignore-not-found -n kubeflow pipelines-${x.pipelines}.${x.profile}.${x.serviceAccount}`,
    ),
    ...access
      .filter((x) => x.profileBinding)
      .map(
        (x) =>
          `kubectl delete rolebinding --ignore-not-found -n ${x.profile} pipelines-${x.pipelines}.${x.serviceAccount}`,
      ),
    '```',
  );
  return {
    order: PHASE.pipelinesInCluster,
    title: 'Call the Pipelines API from inside the cluster',
    body: body.join('\n'),
  };
}

function outOfClusterStep(ctx: Context, access: PlannedAccess[]): NextStep {
  const { plan } = ctx;
  const d = plan.auth;
  const a = access[0]!;
  const mt = d.machineTokens;
  const enabled = Boolean(mt && (mt.eks || mt.issuers.length));
  if (!enabled) {
    return {
      order: PHASE.outsideCluster,
      title: 'Call the Pipelines API from outside the cluster',
      body: [
        "The gateway accepts only users' own sessions: `auth.machineTokens` is not set, so a CI job outside the cluster",
        'cannot use a ServiceAccount token. Run the job in the cluster (previous step), or enable machine tokens',
        `(${plan.platform.provider === 'eks' ? '`auth.machineTokens: { eks: true }` with `platform.eks.oidcIssuer`' : '`auth.machineTokens.issuers`'}), rebuild, and this step shows the call.`,
      ].join('\n'),
    };
  }
  const audience = mt?.issuers.find((i) => i.audiences?.length)?.audiences?.[0] ?? KFP_AUDIENCE;
  return {
    order: PHASE.outsideCluster,
    title: 'Call the Pipelines API from outside the cluster (CI)',
    body: [
      `Once the platform is applied, a job outside the cluster goes through the gateway with a token of \`${a.serviceAccount}\``,
      `in \`${a.profile}\`. The gateway verifies it (\`auth.machineTokens\`) and passes`,
      `\`system:serviceaccount:${a.profile}:${a.serviceAccount}\` on as the user, which the Pipelines API authorizes`,
      'against the profile:',
      '```sh',
      `export KFP_TOKEN=$(kubectl create token ${a.serviceAccount} -n ${a.profile} --audience ${audience} --duration 1h)`,
      `curl -sf -H "Authorization: Bearer $KFP_TOKEN" "${d.baseUrl}/pipeline/apis/v2beta1/experiments?namespace=${a.profile}"`,
      '```',
      '```python',
      'import os, kfp',
      '',
      `client = kfp.Client(host="${d.baseUrl}/pipeline", existing_token=os.environ["KFP_TOKEN"])`,
      `print(client.list_experiments(namespace="${a.profile}"))`,
      '```',
      'kfp 1.8 takes the same arguments. `kubectl create token` needs a kubeconfig allowed to create tokens for that',
      'ServiceAccount (`serviceaccounts/token` in the profile namespace); keep the duration short.',
    ].join('\n'),
  };
}

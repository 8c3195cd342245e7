import type { Context, Contribution, NextStep } from './model.js';
import { kfamBindingName } from '../kubeflow/kfam.js';
import type { Membership, PlannedAccess } from '../plan/index.js';
import { KFP_AUDIENCE, KFP_IN_CLUSTER_HOST, KFP_TOKEN_ENV, KFP_TOKEN_PATH } from '../kubeflow/pipelines.js';
import { clientPodName } from './programmatic-access.js';

/** Listing every personal profile in NEXT_STEPS.md stops helping past a screenful. */
const LIST_LIMIT = 20;

export function tenancyNextSteps(ctx: Context): Contribution {
  const steps: NextStep[] = [];
  const profiles = profilesStep(ctx);
  if (profiles) steps.push(profiles);
  const access = ctx.plan.access;
  if (access.length) steps.push(inClusterStep(access), outOfClusterStep(ctx, access));
  return steps.length ? { nextSteps: steps } : {};
}

function profilesStep(ctx: Context): NextStep | undefined {
  const { config } = ctx;
  const profiles = ctx.plan.profiles;
  const memberships = ctx.plan.memberships;
  const admin = config.tenancy?.admin;
  if (!profiles.length && !admin) return undefined;
  const body: string[] = [];
  const declared = profiles.filter((p) => !p.personal);
  const personal = profiles.filter((p) => p.personal);
  if (declared.length) {
    body.push('| Profile | Owner | Contributors |', '| --- | --- | --- |');
    for (const p of declared) {
      const members = memberships.filter((m) => m.profile === p.name).map((m) => `\`${m.user}\` (${m.role})`);
      body.push(`| \`${p.name}\` | \`${p.owner}\` | ${members.join(', ') || '—'} |`);
    }
    body.push('');
  }
  if (personal.length) {
    const shown = personal.slice(0, LIST_LIMIT).map((p) => `\`${p.name}\` (\`${p.owner}\`)`);
    const more = personal.length > LIST_LIMIT ? `, and ${personal.length - LIST_LIMIT} more in \`tenancy/profiles.yaml\`` : '';
    body.push(`Personal profiles (\`tenancy.personalProfiles\`), named as the dashboard's registration flow would: ${shown.join(', ')}${more}.`, '');
  }
  if (admin) body.push(`\`${admin}\` is the Kubeflow cluster admin (\`ADMIN\` in ConfigMap \`kubeflow/profiles-config\`).`, '');
  const grouped = groupMembership(ctx);
  if (grouped) {
    body.push(
      '**Groups are expanded at build time.** Kubeflow v1.9.1 authorizes by the `kubeflow-userid` header only: no',
      'AuthorizationPolicy, SubjectAccessReview or KFAM lookup reads `kubeflow-groups`. Each member of a group',
      'contributor therefore gets a binding of their own. When a group changes in the identity provider, change',
      '`groups` in the config, rebuild and apply. Applying does not remove objects, so delete the bindings of members',
      `who left yourself, e.g. for \`${grouped.user}\` in \`${grouped.profile}\`:`,
      '```sh',
      `kubectl delete rolebinding,authorizationpolicy -n ${grouped.profile} ${kfamBindingName(grouped.user, grouped.role)}`,
      '```',
      '',
    );
  }
  if (memberships.length) {
    body.push(
      'Contributors are the RoleBinding and AuthorizationPolicy pair the dashboard itself creates, so they appear under',
      '**Manage contributors** and can be removed there; a later apply brings back whatever the config still declares.',
      '',
    );
  }
  if (profiles.length) {
    const first = profiles[0]!.name;
    body.push(
      'The profile controller creates each namespace after its Profile is applied. Until then everything kfgen puts',
      `inside one (contributors, ServiceAccounts, PodDefaults) fails with \`namespaces "${first}" not found\`; the apply`,
      'loop below retries until the namespaces exist. To follow it:',
      '```sh',
      'kubectl get profiles',
      `kubectl wait --for=jsonpath='{.status.phase}'=Active namespace/${first} --timeout=300s`,
      `kubectl get rolebindings,authorizationpolicies -n ${first}`,
      '```',
    );
  }
  return { order: 42, title: 'Profiles, contributors and the cluster admin', body: body.join('\n').trimEnd() };
}

/** A contributor binding that exists only because of a group, to show what deleting one looks like. */
function groupMembership(ctx: Context): Membership | undefined {
  for (const p of ctx.config.profiles ?? []) {
    for (const c of p.contributors ?? []) {
      if (!('group' in c)) continue;
      const direct = new Set((p.contributors ?? []).flatMap((d) => ('user' in d ? [d.user] : [])));
      const user = (ctx.config.groups?.[c.group] ?? []).find((m) => m !== p.owner && !direct.has(m));
      if (user) return ctx.plan.memberships.find((m) => m.profile === p.name && m.user === user);
    }
  }
  return undefined;
}

function inClusterStep(access: PlannedAccess[]): NextStep {
  const a = access[0]!;
  const body = [
    'Once the platform is applied and the profile namespaces exist, these ServiceAccounts can call the Pipelines API',
    'with their own token:',
    '',
    '| Profile | ServiceAccount | Pipelines | Pod label |',
    '| --- | --- | --- | --- |',
    ...access.map((x) => `| \`${x.profile}\` | \`${x.serviceAccount}\` | ${x.pipelines} | \`${x.podDefault}: "true"\` |`),
    '',
    'A Pod with the label gets, from the PodDefault of the same name in its profile, a projected token for audience',
    `\`${KFP_AUDIENCE}\` at \`${KFP_TOKEN_PATH}\`, and \`${KFP_TOKEN_ENV}\` pointing at it. In the notebook form`,
    'the PodDefault is offered under Configurations ("Allow access to Kubeflow Pipelines"). The kubelet refreshes the',
    'token, so let the SDK\'s credentials class read it on every call rather than reading it once. kfp 2:',
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
  if (access.some((x) => x.pipelines === 'edit')) {
    body.push(
      '`kubeflow-edit` in namespace `kubeflow` grants more than Pipelines (it aggregates reading Secrets and exec into',
      'Pods there): treat these tokens as credentials for that namespace, and use `pipelines: view` where reading is enough.',
    );
  }
  const pods = access.filter((x) => x.clientPod);
  if (pods.length) {
    body.push(
      'The example client Pod does exactly this (it installs the SDK from PyPI, so it needs egress):',
      '```sh',
      ...pods.flatMap((x) => [`kubectl wait --for=jsonpath='{.status.phase}'=Succeeded pod/${clientPodName(x)} -n ${x.profile} --timeout=300s`, `kubectl logs pod/${clientPodName(x)} -n ${x.profile} -c kfp-client`]),
      '```',
      'A Pod cannot be re-run: `kubectl delete pod` it and apply again to repeat the check.',
    );
  }
  return { order: 47, title: 'Call the Pipelines API from inside the cluster', body: body.join('\n') };
}

function outOfClusterStep(ctx: Context, access: PlannedAccess[]): NextStep {
  const { config } = ctx;
  const d = ctx.plan.auth;
  const a = access[0]!;
  const mt = config.auth.machineTokens;
  const enabled = Boolean(mt && (mt.eks || mt.issuers?.length));
  if (!enabled) {
    return {
      order: 48,
      title: 'Call the Pipelines API from outside the cluster',
      body: [
        'The gateway accepts only users\' own sessions: `auth.machineTokens` is not set, so a CI job outside the cluster',
        'cannot use a ServiceAccount token. Run the job in the cluster (previous step), or enable machine tokens',
        `(${config.platform.provider === 'eks' ? '`auth.machineTokens: { eks: true }` with `platform.eks.oidcIssuer`' : '`auth.machineTokens.issuers`'}), rebuild, and this step shows the call.`,
      ].join('\n'),
    };
  }
  const audience = mt?.issuers?.find((i) => i.audiences?.length)?.audiences?.[0] ?? KFP_AUDIENCE;
  return {
    order: 48,
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

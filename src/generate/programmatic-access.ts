import type { Context, Contribution, PatchEntry } from './model.js';
import { toYaml } from '../util/yaml.js';
import { tenancyFiles } from './tenancy-files.js';
import type { PlannedAccess } from '../plan/access.js';
import { PROFILE_SERVICE_ACCOUNTS } from '../kubeflow/kfam.js';
import { KFP_AUDIENCE, KFP_IN_CLUSTER_HOST, KFP_TOKEN_DIR, KFP_TOKEN_ENV, KFP_TOKEN_PATH } from '../kubeflow/pipelines.js';
import { cmp } from '../util/order.js';

export const ACCESS_BASE = 'pipelines-access';
export const CLIENT_PODS_BASE = 'kfp-client-pods';

/** The kfp SDK the example Pod installs: 2.8 talks to KFP backend 2.3.0 of manifests v1.9.1. */
export const KFP_SDK = 'kfp==2.8.0';
export const CLIENT_IMAGE = 'python:3.11-slim';

/** Name of the RoleBinding in `kubeflow`; the role is part of it because a roleRef cannot change. */
export function kubeflowBindingName(a: PlannedAccess): string {
  return `pipelines-${a.pipelines}.${a.profile}.${a.serviceAccount}`;
}

export function programmaticAccess(ctx: Context): Contribution {
  const planned = ctx.plan.access;
  if (!planned.length) return {};
  const objects: unknown[] = [];
  for (const a of planned) {
    objects.push(kubeflowRoleBinding(a));
    const builtIn = PROFILE_SERVICE_ACCOUNTS[a.serviceAccount];
    if (!builtIn) objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: a.serviceAccount, namespace: a.profile } });
    // The API server checks runs and experiments against the profile namespace too; the profile
    // controller's own accounts already hold a role there, a named one (or a viewer asked to edit) does not.
    if (builtIn === undefined || (builtIn === 'view' && a.pipelines === 'edit')) objects.push(profileRoleBinding(a));
    objects.push(podDefault(a));
  }
  // Whole objects: applied as plain files after the platform, not through kustomize (tenancy-files.ts).
  const files: Record<string, string> = tenancyFiles(ACCESS_BASE, objects, 'namespace');
  const pods = planned.filter((a) => a.clientPod).map(clientPod);
  if (pods.length) {
    Object.assign(files, tenancyFiles(CLIENT_PODS_BASE, pods, 'namespace'));
  }
  return { files, patches: [uiPolicyPatch(planned), uiNetworkPolicyPatch(planned)] };
}

function kubeflowRoleBinding(a: PlannedAccess) {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: kubeflowBindingName(a), namespace: 'kubeflow' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `kubeflow-${a.pipelines}` },
    subjects: [{ kind: 'ServiceAccount', name: a.serviceAccount, namespace: a.profile }],
  };
}

function profileRoleBinding(a: PlannedAccess) {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `pipelines-${a.pipelines}.${a.serviceAccount}`, namespace: a.profile },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `kubeflow-${a.pipelines}` },
    subjects: [{ kind: 'ServiceAccount', name: a.serviceAccount, namespace: a.profile }],
  };
}

export function podDefault(a: PlannedAccess) {
  const spec: Record<string, unknown> = {
    desc: a.serviceAccount === 'default-editor' ? 'Allow access to Kubeflow Pipelines' : `Allow access to Kubeflow Pipelines as ${a.serviceAccount}`,
    selector: { matchLabels: { [a.podDefault]: 'true' } },
  };
  // The projected token is the Pod's own ServiceAccount's, so the Pod must run as the one authorized.
  if (a.serviceAccount !== 'default-editor') spec.serviceAccountName = a.serviceAccount;
  Object.assign(spec, {
    volumes: [
      {
        name: 'volume-kf-pipeline-token',
        projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 7200, audience: KFP_AUDIENCE } }] },
      },
    ],
    volumeMounts: [{ mountPath: KFP_TOKEN_DIR, name: 'volume-kf-pipeline-token', readOnly: true }],
    env: [{ name: KFP_TOKEN_ENV, value: KFP_TOKEN_PATH }],
  });
  return { apiVersion: 'kubeflow.org/v1alpha1', kind: 'PodDefault', metadata: { name: a.podDefault, namespace: a.profile }, spec };
}

export function clientPodName(a: PlannedAccess): string {
  return a.serviceAccount === 'default-editor' ? 'kfp-client-example' : `kfp-client-example-${a.serviceAccount}`;
}

function clientPod(a: PlannedAccess) {
  const python = [
    'import kfp',
    'from kfp.client import ServiceAccountTokenVolumeCredentials',
    `client = kfp.Client(host="${KFP_IN_CLUSTER_HOST}", credentials=ServiceAccountTokenVolumeCredentials())`,
    `print(client.list_experiments(namespace="${a.profile}"))`,
  ].join('\n');
  const script = [
    // The Istio sidecar would keep a finished Pod running; tell it to exit too.
    `quit() { python -c 'import urllib.request as r; r.urlopen(r.Request("http://localhost:15020/quitquitquit", method="POST"))' || true; }`,
    `pip install --quiet --no-cache-dir '${KFP_SDK}' || { quit; exit 1; }`,
    `python -c '${python}'`,
    'rc=$?',
    'quit',
    'exit $rc',
  ].join('\n');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: clientPodName(a),
      namespace: a.profile,
      labels: { [a.podDefault]: 'true' },
      // The first request would otherwise race the sidecar and fail without a mesh identity.
      annotations: { 'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": true}' },
    },
    spec: {
      serviceAccountName: a.serviceAccount,
      restartPolicy: 'Never',
      containers: [{ name: 'kfp-client', image: CLIENT_IMAGE, command: ['sh', '-c', script] }],
    },
  };
}

/**
 * JSON6902 `add …/-`, one per principal: a strategic merge patch on this custom resource would
 * replace `rules` whole and drop upstream's gateway and bearer-token rules.
 */
function uiPolicyPatch(planned: PlannedAccess[]): PatchEntry {
  const principals = [...new Set(planned.map((a) => a.principal))].sort(cmp);
  return {
    file: 'patches/kubeflow-ml-pipeline-ui-authorizationpolicy.yaml',
    content: toYaml(principals.map((value) => ({ op: 'add', path: '/spec/rules/0/from/0/source/principals/-', value }))),
    target: { group: 'security.istio.io', version: 'v1beta1', kind: 'AuthorizationPolicy', name: 'ml-pipeline-ui', namespace: 'kubeflow' },
  };
}

/** Upstream admits only istio-system to ml-pipeline-ui; only the profiles with access are added. */
function uiNetworkPolicyPatch(planned: PlannedAccess[]): PatchEntry {
  const namespaces = [...new Set(planned.map((a) => a.profile))].sort(cmp);
  const peer = { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: namespaces }] } };
  return {
    file: 'patches/kubeflow-ml-pipeline-ui-networkpolicy.yaml',
    content: toYaml([{ op: 'add', path: '/spec/ingress/0/from/-', value: peer }]),
    target: { group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', name: 'ml-pipeline-ui', namespace: 'kubeflow' },
  };
}

import type { Release } from '../../kubeflow/release.js';
import type { Context, Contribution, PatchEntry } from '../core/model.js';
import { toYaml } from '../../util/yaml.js';
import { tenancyFiles } from './files.js';
import type { PlannedAccess } from '../../plan/access.js';
import {
  KFP_AUDIENCE,
  KFP_IN_CLUSTER_HOST,
  KFP_TOKEN_DIR,
  KFP_TOKEN_ENV,
  KFP_TOKEN_PATH,
} from '../../kubeflow/pipelines.js';
import { cmp } from '../../util/order.js';

export const ACCESS_BASE = 'pipelines-access';
export const CLIENT_PODS_BASE = 'kfp-client-pods';

/** The kfp SDK the example Pod installs: the one released with the release's Pipelines backend. */
export const kfpSdk = (release: Release): string => `kfp==${release.kfpSdk}`;
export const CLIENT_IMAGE = 'python:3.11-slim';

export function programmaticAccess(ctx: Context): Contribution {
  const planned = ctx.plan.access;
  if (!planned.length) return {};
  const objects: unknown[] = [];
  for (const a of planned) {
    if (a.createServiceAccount)
      objects.push({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: a.serviceAccount, namespace: a.profile },
      });
    if (a.profileBinding) objects.push(profileRoleBinding(a));
    objects.push(podDefault(a));
  }
  // Whole objects: applied as plain files after the platform, not through kustomize (files.ts).
  const files: Record<string, string> = tenancyFiles(ACCESS_BASE, objects, 'namespace');
  const pods = planned.filter((a) => a.clientPod).map((a) => clientPod(a, ctx.plan.release));
  if (pods.length) {
    Object.assign(files, tenancyFiles(CLIENT_PODS_BASE, pods, 'namespace'));
  }
  return { files, patches: [uiNetworkPolicyPatch(planned)] };
}

/**
 * In the profile only: the API server asks its SubjectAccessReviews (pipelines.kubeflow.org
 * experiments, runs, jobs, pipelines) in the namespace the request names, and shared pipelines
 * (no namespace) are not authorized at all, so nothing in `kubeflow` is needed. The ClusterRole is
 * part of the name because a roleRef cannot change (earlier kfgen bound `kubeflow-edit` here, as
 * `pipelines-<role>.<serviceAccount>`).
 */
export function profileBindingName(a: PlannedAccess): string {
  return `${a.clusterRole}.${a.serviceAccount}`;
}

function profileRoleBinding(a: PlannedAccess) {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: profileBindingName(a), namespace: a.profile },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: a.clusterRole },
    subjects: [{ kind: 'ServiceAccount', name: a.serviceAccount, namespace: a.profile }],
  };
}

export function podDefault(a: PlannedAccess) {
  const spec: Record<string, unknown> = {
    desc:
      a.serviceAccount === 'default-editor'
        ? 'Allow access to Kubeflow Pipelines'
        : `Allow access to Kubeflow Pipelines as ${a.serviceAccount}`,
    selector: { matchLabels: { [a.podDefault]: 'true' } },
  };
  // The projected token is the Pod's own ServiceAccount's, so the Pod must run as the one authorized.
  if (a.serviceAccount !== 'default-editor') spec.serviceAccountName = a.serviceAccount;
  Object.assign(spec, {
    volumes: [
      {
        name: 'volume-kf-pipeline-token',
        projected: {
          sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 7200, audience: KFP_AUDIENCE } }],
        },
      },
    ],
    volumeMounts: [{ mountPath: KFP_TOKEN_DIR, name: 'volume-kf-pipeline-token', readOnly: true }],
    env: [{ name: KFP_TOKEN_ENV, value: KFP_TOKEN_PATH }],
  });
  return {
    apiVersion: 'kubeflow.org/v1alpha1',
    kind: 'PodDefault',
    metadata: { name: a.podDefault, namespace: a.profile },
    spec,
  };
}

export function clientPodName(a: PlannedAccess): string {
  return a.serviceAccount === 'default-editor' ? 'kfp-client-example' : `kfp-client-example-${a.serviceAccount}`;
}

function clientPod(a: PlannedAccess, release: Release) {
  const python = [
    'import kfp',
    'from kfp.client import ServiceAccountTokenVolumeCredentials',
    `client = kfp.Client(host="${KFP_IN_CLUSTER_HOST}", credentials=ServiceAccountTokenVolumeCredentials())`,
    `print(client.list_experiments(namespace="${a.profile}"))`,
  ].join('\n');
  const script = [
    // The Istio sidecar would keep a finished Pod running; tell it to exit too.
    `quit() { python -c 'import urllib.request as r; r.urlopen(r.Request("http://localhost:15020/quitquitquit", method="POST"))' || true; }`,
    `pip install --quiet --no-cache-dir '${kfpSdk(release)}' || { quit; exit 1; }`,
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
 * Upstream's NetworkPolicy admits only istio-system to ml-pipeline-ui (ml-pipeline's already admits
 * every profile namespace). Opening it to the profiles with access is all the in-cluster client
 * through ml-pipeline-ui needs: upstream's AuthorizationPolicy rule 1 admits a request with an
 * `authorization` header and no `kubeflow-userid`, so the API server authenticates the token
 * itself. No principal is added to rule 0, which admits the gateway with any header: a Pod
 * admitted there could send a forged `kubeflow-userid` and act as any user.
 */
function uiNetworkPolicyPatch(planned: PlannedAccess[]): PatchEntry {
  const namespaces = [...new Set(planned.map((a) => a.profile))].sort(cmp);
  const peer = {
    namespaceSelector: {
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: namespaces }],
    },
  };
  return {
    file: 'patches/kubeflow-ml-pipeline-ui-networkpolicy.yaml',
    content: toYaml([{ op: 'add', path: '/spec/ingress/0/from/-', value: peer }]),
    target: {
      group: 'networking.k8s.io',
      version: 'v1',
      kind: 'NetworkPolicy',
      name: 'ml-pipeline-ui',
      namespace: 'kubeflow',
    },
  };
}

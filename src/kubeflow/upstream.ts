/**
 * The platform as upstream `example/kustomization.yaml` (manifests v1.9.1) composes it, listed here
 * so that components can be swapped or left out (kustomize cannot remove a resource that a
 * referenced kustomization already added). Paths are relative to the manifests root.
 */
export const UPSTREAM_RESOURCES: ReadonlyArray<{ dir: string; note: string }> = [
  { dir: 'common/cert-manager/cert-manager/base', note: 'Cert-Manager' },
  { dir: 'common/cert-manager/kubeflow-issuer/base', note: 'Cert-Manager' },
  { dir: 'common/istio-1-22/istio-crds/base', note: 'Istio' },
  { dir: 'common/istio-1-22/istio-namespace/base', note: 'Istio' },
  { dir: 'common/istio-1-22/istio-install/overlays/oauth2-proxy', note: 'Istio' },
  { dir: 'common/oauth2-proxy/overlays/m2m-dex-only', note: 'oauth2-proxy' },
  { dir: 'common/dex/overlays/oauth2-proxy', note: 'Dex' },
  { dir: 'common/knative/knative-serving/overlays/gateways', note: 'KNative' },
  { dir: 'common/istio-1-22/cluster-local-gateway/base', note: 'KNative' },
  { dir: 'common/kubeflow-namespace/base', note: 'Kubeflow namespace' },
  { dir: 'common/networkpolicies/base', note: 'NetworkPolicies' },
  { dir: 'common/kubeflow-roles/base', note: 'Kubeflow Roles' },
  { dir: 'common/istio-1-22/kubeflow-istio-resources/base', note: 'Kubeflow Istio Resources' },
  { dir: 'apps/pipeline/upstream/env/cert-manager/platform-agnostic-multi-user', note: 'Kubeflow Pipelines' },
  { dir: 'apps/katib/upstream/installs/katib-with-kubeflow', note: 'Katib' },
  { dir: 'apps/centraldashboard/overlays/oauth2-proxy', note: 'Central Dashboard' },
  { dir: 'apps/admission-webhook/upstream/overlays/cert-manager', note: 'Admission Webhook' },
  { dir: 'apps/jupyter/jupyter-web-app/upstream/overlays/istio', note: 'Jupyter Web App' },
  { dir: 'apps/jupyter/notebook-controller/upstream/overlays/kubeflow', note: 'Notebook Controller' },
  { dir: 'apps/profiles/upstream/overlays/kubeflow', note: 'Profiles + KFAM' },
  { dir: 'apps/pvcviewer-controller/upstream/base', note: 'PVC Viewer' },
  { dir: 'apps/volumes-web-app/upstream/overlays/istio', note: 'Volumes Web App' },
  { dir: 'apps/tensorboard/tensorboard-controller/upstream/overlays/kubeflow', note: 'Tensorboards Controller' },
  { dir: 'apps/tensorboard/tensorboards-web-app/upstream/overlays/istio', note: 'Tensorboard Web App' },
  { dir: 'apps/training-operator/upstream/overlays/kubeflow', note: 'Training Operator' },
  { dir: 'common/user-namespace/base', note: 'User namespace' },
  { dir: 'contrib/kserve/kserve', note: 'KServe' },
  { dir: 'contrib/kserve/models-web-app/overlays/kubeflow', note: 'KServe' },
];

export const DEX_DIR = 'common/dex/overlays/oauth2-proxy';

/** Upstream's `sortOptions`, which an outer kustomization does not inherit from `example/`. */
export const SORT_OPTIONS = {
  order: 'legacy',
  legacySortOptions: {
    orderFirst: [
      'Namespace',
      'ResourceQuota',
      'StorageClass',
      'CustomResourceDefinition',
      'MutatingWebhookConfiguration',
      'ServiceAccount',
      'PodSecurityPolicy',
      'NetworkPolicy',
      'Role',
      'ClusterRole',
      'RoleBinding',
      'ClusterRoleBinding',
      'ConfigMap',
      'Secret',
      'Endpoints',
      'Service',
      'LimitRange',
      'PriorityClass',
      'PersistentVolume',
      'PersistentVolumeClaim',
      'Deployment',
      'StatefulSet',
      'CronJob',
      'PodDisruptionBudget',
    ],
    orderLast: ['ValidatingWebhookConfiguration'],
  },
};

/** The selfSigned ClusterIssuer upstream ships in `common/cert-manager/kubeflow-issuer`. */
export const SELF_SIGNING_ISSUER = 'kubeflow-self-signing-issuer';

/** Files that prove a directory is a kubeflow/manifests v1.9.1 checkout (the paths kfgen builds on). */
export const MANIFESTS_MARKERS = [
  'example/kustomization.yaml',
  'common/istio-1-22/istio-install/overlays/oauth2-proxy/kustomization.yaml',
] as const;

import { principal } from './gateway.js';
/**
 * Kubeflow Pipelines' service-account token contract (KFP SDK `ServiceAccountTokenVolumeCredentials`
 * and the API server's TokenReview): the audience, where the SDK reads the token, and the env var
 * that overrides that path.
 */
export const KFP_AUDIENCE = 'pipelines.kubeflow.org';
export const KFP_TOKEN_DIR = '/var/run/secrets/kubeflow/pipelines';
export const KFP_TOKEN_PATH = `${KFP_TOKEN_DIR}/token`;
export const KFP_TOKEN_ENV = 'KF_PIPELINES_SA_TOKEN_PATH';

/** The Pipelines UI's identity; it calls ml-pipeline on behalf of users. */
export const KFP_UI_PRINCIPAL = principal('kubeflow', 'ml-pipeline-ui');
/** The Pipelines services upstream's `ml-pipeline` policy admits with any header (…/multi-user/istio-authorization-config.yaml). */
export const KFP_SYSTEM_PRINCIPALS: readonly string[] = [
  principal('kubeflow', 'ml-pipeline'),
  KFP_UI_PRINCIPAL,
  principal('kubeflow', 'ml-pipeline-persistenceagent'),
  principal('kubeflow', 'ml-pipeline-scheduledworkflow'),
  principal('kubeflow', 'ml-pipeline-viewer-crd-service-account'),
  principal('kubeflow', 'kubeflow-pipelines-cache'),
];
/** The central dashboard calls KFAM on behalf of users. */
export const DASHBOARD_PRINCIPAL = principal('kubeflow', 'centraldashboard');
/** The notebook controller probes each notebook's kernels (upstream's notebook AuthorizationPolicy). */
export const NOTEBOOK_CONTROLLER_PRINCIPAL = principal('kubeflow', 'notebook-controller-service-account');
/** ml-pipeline-ui proxies `/pipeline` to ml-pipeline inside the mesh. */
export const KFP_IN_CLUSTER_HOST = 'http://ml-pipeline-ui.kubeflow.svc.cluster.local';
/**
 * Upstream's Pipelines-only ClusterRoles (apps/pipeline/upstream/base/installs/multi-user/
 * view-edit-cluster-roles.yaml), aggregated from `aggregate-to-kubeflow-pipelines-{edit,view}`;
 * `-view` aggregates into `-edit`, and both into `kubeflow-edit`/`kubeflow-view`.
 */
export const KFP_CLUSTER_ROLES = { edit: 'kubeflow-pipelines-edit', view: 'kubeflow-pipelines-view' } as const;

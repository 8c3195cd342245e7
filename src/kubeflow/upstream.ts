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

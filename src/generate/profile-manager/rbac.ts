/**
 * The Kubernetes side of the Profile Manager (the Cognito Pre Token Generation function that
 * turns identity-provider groups into Profiles at login): what it may do, and nothing more.
 */

/** The Kubernetes group the function's IAM role is mapped to (EKS access entry or aws-auth). */
export const PROFILE_MANAGER_GROUP = 'kfgen:profile-manager';
export const PROFILE_MANAGER_CLUSTER_ROLE = 'kfgen-profile-manager';
/** The label the function puts on every object it creates; it only ever changes objects carrying it. */
export const PROFILE_MANAGER_LABEL = { 'app.kubernetes.io/managed-by': 'kfgen-profile-manager' } as const;
/** On the RBAC that kfgen's build applies: part of the Profile Manager, not the function's to change. */
const RBAC_LABEL = { 'app.kubernetes.io/part-of': 'kfgen-profile-manager' } as const;

/**
 * RBAC cannot scope a ClusterRole to "the namespaces this function created", so the rules keep
 * the verbs narrow and the function checks its own label before it writes. Profiles are never
 * deleted (a group namespace may hold others' work); bindings are found by their KFAM name, so
 * no list on them is needed. `bind` on exactly the KFAM roles lets it create RoleBindings to
 * them without holding every permission they grant (RBAC's escalation check).
 */
export function profileManagerClusterRole(
  roles: ReadonlyArray<'edit' | 'view'> = ['edit', 'view'],
): Record<string, unknown> {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name: PROFILE_MANAGER_CLUSTER_ROLE,
      labels: { ...RBAC_LABEL },
    },
    rules: [
      {
        apiGroups: ['kubeflow.org'],
        resources: ['profiles'],
        verbs: ['get', 'list', 'create', 'patch'],
      },
      // Refuses to create a Profile over a namespace that exists, and waits for a new one.
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['rolebindings'],
        verbs: ['get', 'create', 'patch', 'delete'],
      },
      {
        apiGroups: ['security.istio.io'],
        resources: ['authorizationpolicies'],
        verbs: ['get', 'create', 'patch', 'delete'],
      },
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterroles'],
        verbs: ['bind'],
        resourceNames: [...new Set(roles)].sort().map((r) => `kubeflow-${r}`),
      },
    ],
  };
}

export function profileManagerClusterRoleBinding(group: string = PROFILE_MANAGER_GROUP): Record<string, unknown> {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: {
      name: PROFILE_MANAGER_CLUSTER_ROLE,
      labels: { ...RBAC_LABEL },
    },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: PROFILE_MANAGER_CLUSTER_ROLE,
    },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
  };
}

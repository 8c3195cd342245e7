/** The namespaces upstream's platform components live in. */
export const PLATFORM_NAMESPACES = [
  'auth',
  'cert-manager',
  'istio-system',
  'knative-serving',
  'kubeflow',
  'oauth2-proxy',
] as const;

/** Namespaces every Kubernetes cluster has. */
export const KUBERNETES_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

/** Namespaces a profile must never take: the platform's, and Kubernetes' own (any `kube-` name too). */
export function isReservedNamespace(name: string): boolean {
  return (
    (PLATFORM_NAMESPACES as readonly string[]).includes(name) ||
    (KUBERNETES_NAMESPACES as readonly string[]).includes(name) ||
    name.startsWith('kube-')
  );
}

/** An RFC 1123 label, what a namespace (and so a Profile) name must be. */
export const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

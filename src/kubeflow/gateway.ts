/** An Istio principal: the SPIFFE path of a ServiceAccount. */
export const principal = (namespace: string, serviceAccount: string): string =>
  `cluster.local/ns/${namespace}/sa/${serviceAccount}`;

/** The Istio ingress gateway as upstream installs it (common/istio in every release): its Service, pods and identity. */
export const GATEWAY_NAMESPACE = 'istio-system';
export const GATEWAY_SERVICE = 'istio-ingressgateway';
export const GATEWAY_POD_LABELS = { app: 'istio-ingressgateway' } as const;
export const GATEWAY_PRINCIPAL = principal(GATEWAY_NAMESPACE, 'istio-ingressgateway-service-account');
/** The headers the gateway's RequestAuthentications fill from a token's claims (`outputClaimToHeaders`). */
export const USERID_HEADER = 'kubeflow-userid';
export const GROUPS_HEADER = 'kubeflow-groups';
/** Its status port and readiness path: load balancers probe these, not the HTTP port. */
export const GATEWAY_STATUS_PORT = 15021;
export const GATEWAY_READY_PATH = '/healthz/ready';

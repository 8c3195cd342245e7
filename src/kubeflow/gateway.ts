/** The Istio ingress gateway as upstream installs it (common/istio-1-22). */
export const GATEWAY_PRINCIPAL = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';
/** Its status port and readiness path: load balancers probe these, not the HTTP port. */
export const GATEWAY_STATUS_PORT = 15021;
export const GATEWAY_READY_PATH = '/healthz/ready';

import type { KfgenConfig } from '../config/types.js';

/** The Secret that holds the certificate when kfgen does not get one named. */
export const DEFAULT_TLS_SECRET = 'kubeflow-tls';

/** Where the browser's TLS session ends. Every exposure object follows from this one answer. */
export type Termination =
  /** The Istio gateway serves 443 itself (`ingress.kind` loadbalancer or none). */
  | 'gateway'
  /** An ingress-nginx controller in front of the gateway. */
  | 'ingress'
  /** The AWS ALB, with an ACM certificate. */
  | 'alb'
  | 'none';

export function tlsMode(config: KfgenConfig): NonNullable<KfgenConfig['tls']>['mode'] {
  return config.tls?.mode ?? 'none';
}

export function ingressKind(config: KfgenConfig): NonNullable<KfgenConfig['ingress']>['kind'] {
  return config.ingress?.kind ?? 'none';
}

export function termination(config: KfgenConfig): Termination {
  const mode = tlsMode(config);
  if (mode === 'none') return 'none';
  if (mode === 'acm') return 'alb';
  const kind = ingressKind(config);
  if (kind === 'nginx') return 'ingress';
  if (kind === 'alb') return 'alb';
  return 'gateway';
}

/** The `kubernetes.io/tls` Secret the gateway or Ingress serves, in `istio-system`; none for ACM or plain HTTP. */
export function tlsSecretName(config: KfgenConfig): string | undefined {
  const mode = tlsMode(config);
  if (mode === 'secret') return config.tls!.secretName;
  if (mode === 'self-signed' || mode === 'acme') return config.tls!.secretName ?? DEFAULT_TLS_SECRET;
  return undefined;
}

/** Whether kfgen asks cert-manager for the certificate (rather than the user or ACM providing it). */
export function issuesCertificate(config: KfgenConfig): boolean {
  const mode = tlsMode(config);
  return mode === 'self-signed' || mode === 'acme';
}

export function isIpAddress(host: string): boolean {
  return /^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(host);
}

/** The ACME challenge type, defaulted. */
export function acmeChallenge(config: KfgenConfig): 'http01' | 'dns01' {
  return config.tls?.acme?.challenge ?? 'http01';
}

/** The scheme of the cloud load balancer; `internal` keeps it on the private network. */
export function lbScheme(config: KfgenConfig): 'internet-facing' | 'internal' {
  return config.ingress?.scheme ?? 'internet-facing';
}

/**
 * The subnets an AWS load balancer of this scheme belongs in, from `platform.eks.vpc`; undefined
 * lets the AWS Load Balancer Controller discover them by their `kubernetes.io/role/*elb` tags.
 */
export function lbSubnets(config: KfgenConfig): string[] | undefined {
  const subnets = config.platform.eks?.vpc?.subnets;
  const byAz = lbScheme(config) === 'internal' ? subnets?.private : subnets?.public;
  if (!byAz || !Object.keys(byAz).length) return undefined;
  return Object.keys(byAz)
    .sort()
    .map((az) => byAz[az]!);
}

/** The Istio gateway's readiness endpoint: served on its status port, never behind login. */
export const GATEWAY_STATUS_PORT = 15021;
export const GATEWAY_READY_PATH = '/healthz/ready';

/** The IngressClass of the Ingress kfgen writes: the configured one, else the controller's usual name. */
export function ingressClassName(config: KfgenConfig): string {
  return config.ingress?.className ?? (config.ingress?.kind === 'alb' ? 'alb' : 'nginx');
}

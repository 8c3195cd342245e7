import type { AcmeConfig, KfgenConfig } from '../config/types.js';
import {
  acmeChallenge,
  acmeEnvironment,
  DEFAULTS,
  ingressClassName,
  ingressKind,
  lbScheme,
  tlsMode,
  type IngressKind,
  type TlsMode,
} from '../config/defaults.js';
import { isIpAddress } from '../util/ip.js';
import { SELF_SIGNING_ISSUER } from '../kubeflow/upstream.js';

/** Where the browser's TLS session ends. Every exposure object follows from this one answer. */
export type Termination =
  /** The Istio gateway serves 443 itself (`ingress.kind` loadbalancer or none). */
  | 'gateway'
  /** An ingress-nginx controller in front of the gateway. */
  | 'ingress'
  /** The AWS ALB, with an ACM certificate. */
  | 'alb'
  | 'none';

/** How Kubeflow is reached from outside, resolved once from `host`, `tls` and `ingress`. */
export interface ExposurePlan {
  tlsMode: TlsMode;
  ingressKind: IngressKind;
  termination: Termination;
  /** The `kubernetes.io/tls` Secret the gateway or Ingress serves, in `istio-system`; none for ACM or plain HTTP. */
  tlsSecretName?: string;
  /** Whether kfgen asks cert-manager for the certificate (rather than the user or ACM providing it). */
  issuesCertificate: boolean;
  acmeChallenge: 'http01' | 'dns01';
  acmeIssuerName: string;
  /** The ClusterIssuer the Certificate names; upstream's for self-signed, kfgen's own for ACME. */
  certificateIssuer: string;
  /** The scheme of the cloud load balancer; `internal` keeps it on the private network. */
  lbScheme: 'internet-facing' | 'internal';
  /**
   * The subnets an AWS load balancer of this scheme belongs in, from `platform.eks.vpc`; undefined
   * lets the AWS Load Balancer Controller discover them by their `kubernetes.io/role/*elb` tags.
   */
  lbSubnets?: string[];
  ingressClassName: string;
  hostIsIp: boolean;
  /** The static public IP the gateway's load balancer takes (AKS): `host` itself, or `platform.aks.staticIp`. */
  staticIp?: string;
  /** What the serving certificate names: the host, and the static IP when users may reach that too. */
  certificateNames: { dnsNames: string[]; ipAddresses: string[] };
  /** Let's Encrypt, with `tls.mode: acme`. */
  acme?: AcmePlan;
  /** The ALB's certificate, with `tls.mode: acm`. */
  acmCertificateArn?: string;
  /** The user's annotations, merged over kfgen's own on the Ingress or the gateway Service. @default {} */
  ingressAnnotations: Readonly<Record<string, string>>;
}

/** `tls.acme`; its challenge is `ExposurePlan.acmeChallenge`. */
export interface AcmePlan extends Readonly<Omit<AcmeConfig, 'environment'>> {
  /** @default 'production' */
  readonly environment: 'production' | 'staging';
}

function termination(mode: TlsMode, kind: IngressKind): Termination {
  if (mode === 'none') return 'none';
  if (mode === 'acm') return 'alb';
  if (kind === 'nginx') return 'ingress';
  if (kind === 'alb') return 'alb';
  return 'gateway';
}

function subnetsFor(config: KfgenConfig, scheme: 'internet-facing' | 'internal'): string[] | undefined {
  const subnets = config.platform.eks?.vpc?.subnets;
  const byAz = scheme === 'internal' ? subnets?.private : subnets?.public;
  if (!byAz || !Object.keys(byAz).length) return undefined;
  return Object.keys(byAz)
    .sort()
    .map((az) => byAz[az]!);
}

export function planExposure(config: KfgenConfig): ExposurePlan {
  const mode = tlsMode(config);
  const kind = ingressKind(config);
  const scheme = lbScheme(config);
  const tlsSecretName =
    mode === 'secret'
      ? config.tls!.secretName
      : mode === 'self-signed' || mode === 'acme'
        ? (config.tls!.secretName ?? DEFAULTS.tlsSecretName)
        : undefined;
  const acmeIssuerName = `letsencrypt-${acmeEnvironment(config)}`;
  const lbSubnets = subnetsFor(config, scheme);
  const hostIsIp = isIpAddress(config.host);
  const staticIp = hostIsIp
    ? config.host
    : config.platform.provider === 'aks'
      ? config.platform.aks?.staticIp
      : undefined;
  const ipAddresses = staticIp ? [staticIp] : [];
  return {
    tlsMode: mode,
    ingressKind: kind,
    termination: termination(mode, kind),
    ...(tlsSecretName ? { tlsSecretName } : {}),
    issuesCertificate: mode === 'self-signed' || mode === 'acme',
    acmeChallenge: acmeChallenge(config),
    acmeIssuerName,
    certificateIssuer: mode === 'acme' ? acmeIssuerName : SELF_SIGNING_ISSUER,
    lbScheme: scheme,
    ...(lbSubnets ? { lbSubnets } : {}),
    ingressClassName: ingressClassName(config),
    hostIsIp,
    ...(staticIp ? { staticIp } : {}),
    certificateNames: { dnsNames: hostIsIp ? [] : [config.host], ipAddresses },
    ...(mode === 'acme' && config.tls?.acme
      ? { acme: { ...config.tls.acme, environment: acmeEnvironment(config) } }
      : {}),
    ...(mode === 'acm' && config.tls?.acmCertificateArn ? { acmCertificateArn: config.tls.acmCertificateArn } : {}),
    ingressAnnotations: config.ingress?.annotations ?? {},
  };
}

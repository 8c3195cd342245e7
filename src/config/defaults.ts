import type { KfgenConfig } from './types.js';
import { KFP_AUDIENCE } from '../kubeflow/pipelines.js';

/**
 * Every default of the config contract, in one place: validators, the plan and the generators
 * read optional fields through these, so a default cannot differ between what is checked and
 * what is written. The JSON Schema documents the same values (`@default` in types.ts).
 */
export const DEFAULTS = {
  tlsMode: 'none',
  ingressKind: 'none',
  lbScheme: 'internet-facing',
  acmeChallenge: 'http01',
  acmeEnvironment: 'production',
  tlsSecretName: 'kubeflow-tls',
  userClaim: 'email',
  groupsClaim: 'groups',
  cognitoGroupsClaim: 'cognito:groups',
  cookieExpire: '24h',
  /** The audience the gateway requires on EKS service-account tokens (the one the KFP API server checks), so tokens minted for others are refused. */
  eksTokenAudiences: [KFP_AUDIENCE] as readonly string[],
  /** Cognito's own default IdTokenValidity of an app client. */
  cognitoIdTokenLifetime: '60m',
  /** Dex's own default `expiry.idTokens`. */
  dexIdTokenLifetime: '24h',
  /** oauth2-proxy refreshes at this fraction of the ID-token lifetime: the rest is the margin. */
  refreshFraction: 0.75,
  /** 4 vCPU, 16 GiB: three give the capacity Kubeflow needs (kubeflow/capacity.ts). */
  aksNodeVmSize: 'Standard_D4s_v5',
  /** GiB of root volume per EKS node: room for Kubeflow's images. */
  eksNodeVolumeSize: 100,
  /** eksctl's own default for the VPC it creates. */
  eksNat: 'Single',
  aksNodeCount: 3,
  serviceAccount: 'default-editor',
  pipelines: 'edit',
} as const;

export type TlsMode = NonNullable<KfgenConfig['tls']>['mode'];
export type IngressKind = NonNullable<KfgenConfig['ingress']>['kind'];

export const tlsMode = (c: KfgenConfig): TlsMode => c.tls?.mode ?? DEFAULTS.tlsMode;
export const ingressKind = (c: KfgenConfig): IngressKind => c.ingress?.kind ?? DEFAULTS.ingressKind;
export const lbScheme = (c: KfgenConfig): 'internet-facing' | 'internal' => c.ingress?.scheme ?? DEFAULTS.lbScheme;
export const acmeChallenge = (c: KfgenConfig): 'http01' | 'dns01' => c.tls?.acme?.challenge ?? DEFAULTS.acmeChallenge;
export const acmeEnvironment = (c: KfgenConfig): 'production' | 'staging' =>
  c.tls?.acme?.environment ?? DEFAULTS.acmeEnvironment;
export const cookieExpire = (c: KfgenConfig): string => c.auth.session?.cookieExpire ?? DEFAULTS.cookieExpire;
/** Where users browse to: `https://<host>` with any TLS mode, else `http://<host>`. */
export const baseUrl = (c: KfgenConfig): string => `${tlsMode(c) === 'none' ? 'http' : 'https'}://${c.host}`;
/** The IngressClass of the Ingress kfgen writes: the configured one, else the controller's usual name. */
export const ingressClassName = (c: KfgenConfig): string =>
  c.ingress?.className ?? (c.ingress?.kind === 'alb' ? 'alb' : 'nginx');

/**
 * The kfgen config contract. `schemas/kfgen.config.schema.json` is generated from these types
 * (`npm run schema`) and a test fails when the two drift, so edit here and regenerate.
 */

/**
 * A secret value is never written into the config: it names where to read it.
 * `existingSecret` points at a Secret created outside kfgen; the overlay then references it
 * instead of generating one.
 */
export type SecretSource =
  | { env: string }
  | { file: string }
  | { existingSecret: { name: string; key: string } };

export interface KfgenConfig {
  /** JSON Schema reference for editors; ignored by kfgen. */
  $schema?: string;
  manifests: ManifestsConfig;
  /**
   * The public host users browse to: a DNS name or an IP address.
   * @pattern ^(([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*|[0-9]{1,3}(\.[0-9]{1,3}){3})$
   */
  host: string;
  platform: PlatformConfig;
  tls?: TlsConfig;
  ingress?: IngressConfig;
  auth: AuthConfig;
  /** Settings for `kfgen lint` and the checks `kfgen build` runs. */
  lint?: LintConfig;
}

export interface ManifestsConfig {
  /** The kubeflow/manifests release the overlay is written for. */
  version: 'v1.9.1';
  /** A local checkout of kubeflow/manifests, relative to the config file or absolute. */
  path?: string;
  /** A remote repository; bases are referenced as `<git>/<dir>?ref=<version>`. */
  git?: string;
}

export interface PlatformConfig {
  provider: 'eks' | 'aks' | 'generic';
  eks?: EksConfig;
}

export interface EksConfig {
  /** @pattern ^[a-zA-Z][-a-zA-Z0-9]*$ */
  clusterName: string;
  /** @pattern ^[a-z]{2}(-gov)?-[a-z]+-[0-9]$ */
  region: string;
  /** @pattern ^1\.[0-9]{2}$ */
  kubernetesVersion: string;
  /** @minItems 1 */
  nodeGroups: EksNodeGroup[];
  awsAuth?: AwsAuthConfig;
}

export interface EksNodeGroup {
  /** @pattern ^[a-zA-Z][-a-zA-Z0-9]*$ */
  name: string;
  instanceType: string;
  /** @minimum 0 */
  minSize: number;
  /** @minimum 0 */
  desiredCapacity: number;
  /** @minimum 1 */
  maxSize: number;
  /** Gibibytes of root volume per node. */
  volumeSize?: number;
}

export interface AwsAuthConfig {
  mapRoles?: AwsAuthRole[];
  mapUsers?: AwsAuthUser[];
}

export interface AwsAuthRole {
  /** @pattern ^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$ */
  rolearn: string;
  username: string;
  groups?: string[];
}

export interface AwsAuthUser {
  /** @pattern ^arn:aws[a-z-]*:iam::[0-9]{12}:user/.+$ */
  userarn: string;
  username: string;
  groups?: string[];
}

export interface TlsConfig {
  /** `secret`: you create a `kubernetes.io/tls` Secret; `none`: plain HTTP (lab use only). */
  mode: 'secret' | 'none';
  /** The TLS Secret, in `istio-system` (the namespace of the Ingress). Required with `mode: secret`. */
  secretName?: string;
}

export interface IngressConfig {
  /** `nginx`: an Ingress for ingress-nginx in front of the Istio gateway; `none`: expose it yourself. */
  kind: 'nginx' | 'none';
  /** The IngressClass of the controller. Default: `nginx`. */
  className?: string;
  /** Extra annotations merged over kfgen's own. */
  annotations?: Record<string, string>;
}

export interface AuthConfig {
  provider: 'azure-ad' | 'dex';
  azureAd?: AzureAdConfig;
  dex?: DexConfig;
  /** oauth2-proxy's cookie secret: 16, 24 or 32 bytes. */
  cookieSecret: SecretSource;
  /** The token claim that becomes the `kubeflow-userid` header. */
  userClaim?: string;
  session?: SessionConfig;
}

export interface AzureAdConfig {
  /** @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ */
  tenantId: string;
  /** @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ */
  clientId: string;
  clientSecret: SecretSource;
}

export interface DexConfig {
  /** Static users of Dex's password database. */
  users?: DexUser[];
  /** The secret oauth2-proxy and Dex share; generated from this source, never the upstream default. */
  clientSecret?: SecretSource;
}

export interface DexUser {
  /** @pattern ^[^@\s]+@[^@\s]+$ */
  email: string;
  /** Defaults to the part of `email` before `@`. */
  username?: string;
  /** A bcrypt hash (`$2a$`, `$2b$` or `$2y$`), e.g. from `htpasswd -nbBC 12 "" PASSWORD | tr -d ':\n'`. */
  passwordHash: SecretSource;
}

export interface SessionConfig {
  /** @pattern ^[0-9]+(h|m|s)$ */
  cookieExpire?: string;
  /** @pattern ^[0-9]+(h|m|s)$ */
  cookieRefresh?: string;
}

export interface LintConfig {
  rules?: Record<string, 'off' | 'error' | 'warning' | 'info'>;
}

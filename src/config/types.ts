/**
 * The kfgen config contract. `schemas/kfgen.config.schema.json` is generated from these types
 * (`npm run schema`) and a test fails when the two drift, so edit here and regenerate.
 */

import type { ReleaseId } from '../kubeflow/release.js';

/**
 * A secret value is never written into the config: it names where to read it.
 * `existingSecret` points at a Secret created outside kfgen; the overlay then references it
 * instead of generating one.
 */
export type SecretSource = { env: string } | { file: string } | { existingSecret: { name: string; key: string } };

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
  /** Kubeflow Profiles (namespaces) with their owners, contributors and quotas. */
  profiles?: ProfileConfig[];
  /** Named groups of user ids; a group contributor is expanded into one binding per member. */
  groups?: Record<string, string[]>;
  tenancy?: TenancyConfig;
  /** Service accounts that call the Pipelines API with their own token (CI/CD). */
  programmaticAccess?: ProgrammaticAccessConfig[];
  /** Settings for `kfgen lint` and the checks `kfgen build` runs. */
  lint?: LintConfig;
}

export interface ManifestsConfig {
  /**
   * The kubeflow/manifests release the overlay is written for (quote it in YAML: `version: "26.03"`).
   * The tree at `path` must be that release.
   */
  version: ReleaseId;
  /** A local checkout of kubeflow/manifests at that tag, relative to the config file or absolute. */
  path?: string;
  /**
   * A local mirror of the remote bases v1.11.0 and 26.03 fetch from GitHub during `kustomize build`
   * (Argo Workflows, JobSet), laid out as `<host>/<owner>/<repo>@<ref>/<path>` for a repository folder
   * and as the URL's path for a release download; relative to the config file. kfgen writes the
   * components that use them into `vendor/`, pointed at the mirror, so the build needs no network.
   * Also `KFGEN_REMOTE_BASES`. Not used by v1.9.1 and v1.10.2.
   */
  remoteBases?: string;
  /** A remote repository; bases are referenced as `<git>/<dir>?ref=<version>`. */
  git?: string;
}

export interface PlatformConfig {
  provider: 'eks' | 'aks' | 'generic';
  eks?: EksConfig;
  aks?: AksConfig;
}

export interface AksConfig {
  /** The AKS cluster NEXT_STEPS creates with `az aks create`; without it, the cluster is yours and the steps read its name from the shell. */
  cluster?: AksClusterConfig;
  /** The Azure resource group of a static public IP for the gateway's load balancer. */
  loadBalancerResourceGroup?: string;
  /** DNS label: the load balancer answers at `<label>.<region>.cloudapp.azure.com`. */
  dnsLabel?: string;
  /**
   * A static public IP for the gateway's load balancer when `host` is a DNS name; the certificate
   * then names both. (When `host` is itself an IP address, that address is the static IP.)
   * @pattern ^[0-9]{1,3}(\.[0-9]{1,3}){3}$
   */
  staticIp?: string;
}

export interface AksClusterConfig {
  /** @pattern ^[a-zA-Z0-9][-_a-zA-Z0-9]{0,62}$ */
  name: string;
  resourceGroup: string;
  /**
   * Azure region, e.g. `westeurope`.
   * @pattern ^[a-z0-9]+$
   */
  location: string;
  /** @pattern ^1\.[0-9]{2}(\.[0-9]+)?$ */
  kubernetesVersion: string;
  /** The node pool's VM size. Default `Standard_D4s_v5` (4 vCPU, 16 GiB). */
  nodeVmSize?: string;
  /**
   * Nodes of the system node pool. Default 3.
   * @minimum 1
   */
  nodeCount?: number;
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
  /** EKS access entries: the modern alternative to `aws-auth`. */
  accessEntries?: EksAccessEntry[];
  /**
   * The VPC: an existing one's subnets by availability zone, or the CIDR and NAT of the one eksctl
   * creates (a public and a private subnet in each of `availabilityZones`).
   */
  vpc?: EksVpcConfig;
  /**
   * Zones of the VPC eksctl creates; not with `vpc.subnets`, whose keys are the zones.
   * @minItems 2
   */
  availabilityZones?: string[];
  /** Who reaches the cluster's API server. Default: the public endpoint only (eksctl's default). */
  endpointAccess?: EksEndpointAccess;
  /**
   * The cluster's OIDC issuer, `https://oidc.eks.<region>.amazonaws.com/id/<ID>`
   * (`aws eks describe-cluster --query cluster.identity.oidc.issuer`).
   * @pattern ^https://oidc\.eks\.[a-z0-9-]+\.amazonaws\.com/id/[A-Z0-9]+$
   */
  oidcIssuer?: string;
}

export interface EksVpcConfig {
  subnets?: { public?: Record<string, string>; private?: Record<string, string> };
  /** @pattern ^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$ */
  cidr?: string;
  /** NAT gateways for the private subnets of a new VPC. Default `Single`. */
  nat?: 'Single' | 'HighlyAvailable' | 'Disable';
}

export interface EksEndpointAccess {
  /** Default true. */
  public?: boolean;
  /** Nodes and pods reach the API server inside the VPC. Default false. */
  private?: boolean;
  /**
   * Source CIDRs allowed on the public endpoint (default: anywhere).
   * @minItems 1
   */
  publicAccessCIDRs?: string[];
}

/** eksctl's node IAM add-on policies (`iam.withAddonPolicies`). */
export type EksNodeAddonPolicy =
  | 'autoScaler'
  | 'cloudWatch'
  | 'ebs'
  | 'efs'
  | 'fsx'
  | 'albIngress'
  | 'awsLoadBalancerController'
  | 'certManager'
  | 'externalDNS'
  | 'imageBuilder'
  | 'xRay';

export interface EksAccessEntry {
  /** @pattern ^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$ */
  principalARN: string;
  kubernetesGroups?: string[];
  /** EKS access policies, e.g. `arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`. */
  accessPolicies?: Array<{ policyARN: string; accessScope: { type: 'cluster' | 'namespace'; namespaces?: string[] } }>;
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
  /** Nodes in the private subnets (no public IP). Default true, unless the existing VPC has no private subnets. */
  privateNetworking?: boolean;
  /**
   * IAM policies for the nodes' role. kfgen already gives the EBS CSI driver, the load balancer
   * controller and cert-manager roles of their own, so most configs need none.
   */
  addonPolicies?: EksNodeAddonPolicy[];
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
  /**
   * `secret`: you create a `kubernetes.io/tls` Secret; `self-signed`: cert-manager issues one from
   * upstream's self-signing issuer; `acme`: Let's Encrypt; `acm`: an AWS ACM certificate on the ALB;
   * `none`: plain HTTP (lab use only).
   */
  mode: 'secret' | 'self-signed' | 'acme' | 'acm' | 'none';
  /** The TLS Secret, in `istio-system`. Required with `secret`; the certificate's Secret otherwise. */
  secretName?: string;
  acme?: AcmeConfig;
  /** @pattern ^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$ */
  acmCertificateArn?: string;
}

export interface AcmeConfig {
  /** @pattern ^[^@\s]+@[^@\s]+$ */
  email: string;
  /** Default: `production`. */
  environment?: 'production' | 'staging';
  /** Default: `http01`. */
  challenge?: 'http01' | 'dns01';
  /** For `dns01`: the Route 53 hosted zone and region. */
  route53?: { region: string; hostedZoneID?: string };
}

export interface IngressConfig {
  /**
   * `nginx`: an Ingress for ingress-nginx in front of the Istio gateway; `alb`: an Ingress for the AWS
   * Load Balancer Controller; `loadbalancer`: the gateway Service itself becomes a LoadBalancer;
   * `none`: expose it yourself.
   */
  kind: 'nginx' | 'alb' | 'loadbalancer' | 'none';
  /** For `alb`: default `internet-facing`. */
  scheme?: 'internet-facing' | 'internal';
  /** The IngressClass of the controller. Default: `nginx`. */
  className?: string;
  /** Extra annotations merged over kfgen's own (on the Ingress, or the Service for `loadbalancer`). */
  annotations?: Record<string, string>;
}

export interface AuthConfig {
  provider: 'azure-ad' | 'dex' | 'cognito' | 'oidc';
  azureAd?: AzureAdConfig;
  dex?: DexConfig;
  cognito?: CognitoConfig;
  oidc?: OidcConfig;
  /** oauth2-proxy's cookie secret: 16, 24 or 32 bytes. */
  cookieSecret: SecretSource;
  /** The token claim that becomes the `kubeflow-userid` header. */
  userClaim?: string;
  /** The token claim that becomes the `kubeflow-groups` header. */
  groupsClaim?: string;
  /**
   * Groups whose members may sign in (oauth2-proxy `allowed_groups`, read from the groups claim);
   * everyone else gets 403. Entra ID sends group object ids, Cognito its pool group names.
   * Without it, every user of the tenant or pool may enter.
   * @minItems 1
   */
  allowedGroups?: string[];
  /**
   * How long the browser session lives and how often oauth2-proxy refreshes its tokens. Default:
   * a 24h cookie, refreshed at three quarters of the provider's ID-token lifetime.
   */
  session?: SessionConfig;
  /** Bearer tokens the gateway accepts besides users' own (CI/CD calling the Pipelines API). */
  machineTokens?: MachineTokensConfig;
}

export interface CognitoConfig {
  /** @pattern ^[a-z]{2}(-gov)?-[a-z]+-[0-9]$ */
  region: string;
  /** @pattern ^[a-z]{2}(-gov)?-[a-z]+-[0-9]_[0-9a-zA-Z]+$ */
  userPoolId: string;
  clientId: string;
  clientSecret: SecretSource;
  /** The hosted UI domain, e.g. `auth.example.com` or `<prefix>.auth.<region>.amazoncognito.com`. */
  domain: string;
  /** The claim that carries groups: `cognito:groups`, or e.g. `custom:groups` for ADFS-federated pools. */
  groupsClaim?: string;
  /** A SAML identity provider (ADFS) federated behind the user pool; NEXT_STEPS gets its set-up commands. */
  saml?: CognitoSamlProvider;
  /**
   * The app client's ID-token validity (Cognito allows 5m to 1d). Default `60m`, Cognito's own;
   * the session is refreshed before it runs out.
   * @pattern ^[0-9]+(h|m|s)$
   */
  idTokenLifetime?: string;
}

export interface CognitoSamlProvider {
  /**
   * The provider's name in the user pool (what the hosted UI shows).
   * @pattern ^[\w.-]{1,32}$
   */
  name: string;
  /**
   * The federation metadata URL, e.g. `https://adfs.example.com/FederationMetadata/2007-06/FederationMetadata.xml`.
   * @pattern ^https://[^\s]+$
   */
  metadataUrl: string;
}

export interface OidcConfig {
  /** @pattern ^https://[^\s]+$ */
  issuer: string;
  clientId: string;
  clientSecret: SecretSource;
  /** Default: `openid profile email`. */
  scopes?: string[];
  emailClaim?: string;
  groupsClaim?: string;
  /** Where logout continues after oauth2-proxy, if the provider has an end-session URL. */
  endSessionUrl?: string;
}

export interface MachineTokensConfig {
  /** Trust the EKS cluster's service-account token issuer (`platform.eks.oidcIssuer`). */
  eks?: boolean;
  /**
   * Audiences the gateway accepts on EKS service-account tokens. Default `[pipelines.kubeflow.org]`,
   * so tokens minted for other purposes (IRSA's `sts.amazonaws.com`, the API server) are refused.
   * @minItems 1
   */
  eksAudiences?: string[];
  /** Extra issuers to trust (CI systems). */
  issuers?: MachineTokenIssuer[];
}

export interface MachineTokenIssuer {
  /** @pattern ^https://[^\s]+$ */
  issuer: string;
  jwksUri?: string;
  /**
   * Required: a shared issuer (GitHub Actions, GitLab) mints tokens for anyone who asks, so only
   * the audience says a token was meant for this Kubeflow.
   * @minItems 1
   */
  audiences: string[];
}

export interface AzureAdConfig {
  /** @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ */
  tenantId: string;
  /** @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ */
  clientId: string;
  clientSecret: SecretSource;
  /**
   * The claim oauth2-proxy takes as the user's e-mail. Default: `userClaim` when that is not `email`,
   * else `email`, which Entra ID sends only for users with a mailbox (`mail`); `preferred_username`
   * (the UPN) also admits users without one.
   */
  emailClaim?: 'email' | 'preferred_username' | 'upn';
}

export interface DexConfig {
  /** Static users of Dex's password database. */
  users?: DexUser[];
  /** Upstream identity providers Dex federates. */
  connectors?: DexConnector[];
  /** The secret oauth2-proxy and Dex share; generated from this source, never the upstream default. */
  clientSecret?: SecretSource;
  /**
   * Dex's `expiry.idTokens`. Default `24h`, Dex's own; the session is refreshed before it runs out.
   * @pattern ^[0-9]+(h|m|s)$
   */
  idTokenLifetime?: string;
}

export interface DexUser {
  /** @pattern ^[^@\s]+@[^@\s]+$ */
  email: string;
  /** Defaults to the part of `email` before `@`. */
  username?: string;
  /** A bcrypt hash (`$2a$`, `$2b$` or `$2y$`), e.g. from `htpasswd -nbBC 12 "" PASSWORD | tr -d ':\n'`. */
  passwordHash: SecretSource;
}

export interface DexConnector {
  type: 'microsoft' | 'saml' | 'oidc' | 'ldap';
  /** @pattern ^[a-z0-9][-a-z0-9]*$ */
  id: string;
  name: string;
  /** Dex's connector config; any value may be a secret source, passed to Dex through env. */
  config: Record<string, unknown>;
}

export interface SessionConfig {
  /**
   * How long the session cookie lives. Default `24h`.
   * @pattern ^[0-9]+(h|m|s)$
   */
  cookieExpire?: string;
  /**
   * Session age after which oauth2-proxy redeems its refresh token for fresh tokens. Default: three
   * quarters of the provider's ID-token lifetime; `0s` (off) or a period as long as that lifetime is
   * an error, because the gateway then gets expired ID tokens.
   * @pattern ^[0-9]+(h|m|s)$
   */
  cookieRefresh?: string;
}

export interface LintConfig {
  rules?: Record<string, 'off' | 'error' | 'warning' | 'info'>;
}

export interface ProfileConfig {
  /**
   * The namespace.
   * @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
   * @maxLength 63
   */
  name: string;
  /** A user id exactly as the identity provider sends it (the `userClaim`). */
  owner: string;
  contributors?: ContributorConfig[];
  /** ResourceQuota `hard` limits, e.g. `{ cpu: "16", memory: 64Gi }`. */
  quota?: Record<string, string>;
}

export type ContributorConfig = { user: string; role: 'edit' | 'view' } | { group: string; role: 'edit' | 'view' };

export interface TenancyConfig {
  /** Every user named anywhere gets a profile of their own. */
  personalProfiles?: boolean;
  /** The Kubeflow cluster admin. */
  admin?: string;
  /** Keep upstream's example profile for `user@example.com`. Default false. */
  keepExampleProfile?: boolean;
  /** Namespaces from identity-provider groups, made at login (with Cognito: the Profile Manager). */
  groupNamespaces?: GroupNamespacesConfig;
  /** The central dashboard's registration flow: a user without a namespace may create one at first login. Default false. */
  registrationFlow?: boolean;
}

/**
 * Namespaces from identity-provider groups, made at login. With Cognito kfgen generates the
 * Profile Manager (a Pre Token Generation trigger) that does it; with other providers nothing of
 * kfgen runs at login and NEXT_STEPS says so (see `registrationFlow`). See docs/tenancy.md.
 */
export interface GroupNamespacesConfig {
  /** The token claim with the user's groups. Default: `auth.cognito.groupsClaim` (else `auth.groupsClaim`). */
  claim?: string;
  /**
   * Only groups whose name starts with this, compared case-insensitively, get a namespace.
   * @minLength 1
   */
  prefix: string;
  /** How a group becomes a namespace: lowercased, runs of other characters than `a-z0-9` as `-`, at most 63 characters. */
  namespace?: GroupNamespaceNaming;
  /** The role members get in their group's namespace. Default: `edit`. */
  role?: 'edit' | 'view';
  /** The owner of every group Profile: a user id exactly as the identity provider sends it (the `userClaim`). */
  owner: string;
  /** Each user also gets a personal Profile at first login, named as the dashboard's registration flow would. Default false. */
  personalProfiles?: boolean;
  /**
   * With Cognito: the AWS account of the cluster, where the Profile Manager's IAM role is created.
   * @pattern ^[0-9]{12}$
   */
  awsAccountId?: string;
}

export interface GroupNamespaceNaming {
  /** Cut the group prefix off first (`kubeflow-Team A` → `team-a`). Default true. */
  stripPrefix?: boolean;
  /**
   * Put in front of every group namespace, e.g. `grp-`.
   * @pattern ^[a-z0-9][-a-z0-9]*$
   * @maxLength 30
   */
  prefix?: string;
}

export interface ProgrammaticAccessConfig {
  profile: string;
  /** Default: `default-editor`; another name makes kfgen create the ServiceAccount. */
  serviceAccount?: string;
  /** Default: `edit`. */
  pipelines?: 'edit' | 'view';
  /** Also emit an example client Pod. */
  clientPod?: boolean;
}

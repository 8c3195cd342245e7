import type {
  AuthConfig,
  AzureAdConfig,
  CognitoConfig,
  DexConfig,
  DexConnector,
  DexUser,
  KfgenConfig,
  MachineTokenIssuer,
  OidcConfig,
  SecretSource,
} from '../config/types.js';
import { baseUrl as baseUrlOf, DEFAULTS, tlsMode } from '../config/defaults.js';
import { dexCallbackUrl } from '../kubeflow/dex.js';
import { providerPlan, type InClusterIssuer } from './providers/index.js';
import type { SessionPlan } from './session.js';
import { planUserSecrets, type UserSecret } from './user-secrets.js';

/** Values several concerns must agree on; computed once so they cannot disagree. */
export interface AuthPlan {
  provider: AuthConfig['provider'];
  tls: boolean;
  /** `https://<host>` or `http://<host>`. */
  baseUrl: string;
  redirectUrl: string;
  /** Dex's own callback, where its upstream connectors return. */
  dexCallbackUrl: string;
  /** The issuer oauth2-proxy uses and the gateway's RequestAuthentication trusts. */
  issuer: string;
  userClaim: string;
  /** The OAuth client id oauth2-proxy presents. */
  clientId: string;
  /** Where the client secret oauth2-proxy presents comes from. */
  clientSecret: SecretSource;
  providerName: string;
  /** The token claim that carries groups, mapped to the `kubeflow-groups` header. */
  groupsClaim: string;
  /** oauth2-proxy's `oidc_email_claim`, when it is not `email`. */
  emailClaim?: string;
  /** The scopes oauth2-proxy asks for: the config's, or kfgen's with the refresh scopes when the session refreshes. */
  scopes: string[];
  /** Where sign-out continues after oauth2-proxy cleared its cookie, if the provider has one. */
  endSessionUrl?: string;
  /** The audiences the gateway requires (the client id), or none to keep upstream's rule. */
  audiences: string[];
  /** Set when only the cluster reaches the issuer (Dex): oauth2-proxy skips discovery. */
  inCluster?: InClusterIssuer;
  /** Who may sign in (oauth2-proxy `allowed_groups`). @default [] (everyone the provider admits) */
  allowedGroups: readonly string[];
  cookieSecret: SecretSource;
  /** Bearer tokens besides users' own; undefined when `auth.machineTokens` is not set. */
  machineTokens?: MachineTokensPlan;
  /** The Secrets the config names with `existingSecret`, where each must exist. */
  userSecrets: UserSecret[];
  /** The section of the configured provider; only that one. */
  azureAd?: Readonly<AzureAdConfig>;
  cognito?: Readonly<CognitoConfig>;
  oidc?: Readonly<OidcConfig>;
  dex?: DexPlan;
}

/** `auth.dex` with its lists defaulted. */
export interface DexPlan extends Readonly<Omit<DexConfig, 'users' | 'connectors'>> {
  /** @default [] */
  readonly users: readonly DexUser[];
  /** @default [] */
  readonly connectors: readonly DexConnector[];
}

export interface MachineTokensPlan {
  /** The EKS cluster's service-account issuer (`platform.eks.oidcIssuer`), with `auth.machineTokens.eks`. */
  readonly eks?: {
    readonly issuer: string;
    /** @default DEFAULTS.eksTokenAudiences */
    readonly audiences: readonly string[];
  };
  /** @default [] */
  readonly issuers: readonly MachineTokenIssuer[];
}

function planMachineTokens(config: KfgenConfig): MachineTokensPlan | undefined {
  const mt = config.auth.machineTokens;
  if (!mt) return undefined;
  const issuer = config.platform.eks?.oidcIssuer;
  return {
    // config/checks/eks-machine-tokens.ts requires the issuer whenever `eks` is set
    ...(mt.eks && issuer ? { eks: { issuer, audiences: mt.eksAudiences ?? DEFAULTS.eksTokenAudiences } } : {}),
    issuers: mt.issuers ?? [],
  };
}

function providerSection(a: AuthConfig): Pick<AuthPlan, 'azureAd' | 'cognito' | 'oidc' | 'dex'> {
  switch (a.provider) {
    case 'azure-ad':
      return a.azureAd ? { azureAd: a.azureAd } : {};
    case 'cognito':
      return a.cognito ? { cognito: a.cognito } : {};
    case 'oidc':
      return a.oidc ? { oidc: a.oidc } : {};
    case 'dex':
      return { dex: { ...a.dex, users: a.dex?.users ?? [], connectors: a.dex?.connectors ?? [] } };
  }
}

export function planAuth(config: KfgenConfig, session: SessionPlan): AuthPlan {
  const tls = tlsMode(config) !== 'none';
  const baseUrl = baseUrlOf(config);
  const a = config.auth;
  const provider = providerPlan(config);
  const p = provider.auth(config, baseUrl);
  const userClaim = a.userClaim ?? DEFAULTS.userClaim;
  const emailClaim = p.emailClaim ?? (userClaim !== 'email' ? userClaim : undefined);
  // Refreshing a session needs a refresh token, which some providers only issue for an extra scope.
  const scopes = p.configuredScopes ?? [
    'openid',
    'profile',
    'email',
    ...p.extraScopes,
    ...(session.refreshes ? session.refreshScopes : []),
  ];
  const machineTokens = planMachineTokens(config);
  return {
    provider: a.provider,
    tls,
    baseUrl,
    redirectUrl: `${baseUrl}/oauth2/callback`,
    dexCallbackUrl: dexCallbackUrl(baseUrl),
    issuer: p.issuer,
    userClaim,
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    providerName: p.providerName,
    groupsClaim: a.groupsClaim ?? p.groupsClaim,
    ...(emailClaim ? { emailClaim } : {}),
    scopes,
    ...(p.endSessionUrl ? { endSessionUrl: p.endSessionUrl } : {}),
    audiences: p.audiences,
    ...(p.inCluster ? { inCluster: p.inCluster } : {}),
    allowedGroups: a.allowedGroups ?? [],
    cookieSecret: a.cookieSecret,
    ...(machineTokens ? { machineTokens } : {}),
    userSecrets: planUserSecrets(a),
    ...providerSection(a),
  };
}

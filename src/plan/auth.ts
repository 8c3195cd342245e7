import type { KfgenConfig, SecretSource } from '../config/types.js';
import { baseUrl as baseUrlOf, DEFAULTS, tlsMode } from '../config/defaults.js';
import { dexCallbackUrl } from '../kubeflow/dex.js';
import { providerPlan, type InClusterIssuer } from './providers/index.js';
import type { SessionPlan } from './session.js';

/** Values several concerns must agree on; computed once so they cannot disagree. */
export interface AuthPlan {
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
  return {
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
  };
}

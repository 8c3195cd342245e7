import type { AuthConfig, KfgenConfig, SecretSource } from '../../config/types.js';

export type ProviderId = AuthConfig['provider'];

/** What one identity provider resolves from the config: the values oauth2-proxy, the gateway and NEXT_STEPS share. */
export interface ProviderAuth {
  /** The issuer oauth2-proxy uses and the gateway's RequestAuthentication trusts. */
  issuer: string;
  /** The OAuth client id oauth2-proxy presents. */
  clientId: string;
  /** Where the client secret oauth2-proxy presents comes from. */
  clientSecret: SecretSource;
  /** oauth2-proxy's `provider_display_name`. */
  providerName: string;
  /** The provider's groups claim, before `auth.groupsClaim` overrides it. */
  groupsClaim: string;
  /** Where sign-out continues after oauth2-proxy cleared its cookie, if the provider has one. */
  endSessionUrl?: string;
  /** The claim oauth2-proxy takes as the e-mail, when the provider section names one (before `userClaim`). */
  emailClaim?: string;
  /** Scopes the config sets instead of kfgen's defaults. */
  configuredScopes?: string[];
  /** Scopes kfgen asks for besides `openid profile email` (Dex: `groups`). */
  extraScopes: string[];
  /** The audiences the gateway requires of the provider's tokens; none keeps upstream's rule (Dex). */
  audiences: string[];
  /** Set when the browser cannot reach the issuer (Dex inside the cluster). */
  inCluster?: InClusterIssuer;
}

/**
 * An issuer only the cluster reaches: oauth2-proxy skips OIDC discovery, redeems and fetches keys
 * in the cluster, sends the browser to `loginUrl` through the gateway and lets `routes` pass
 * without a session.
 */
export interface InClusterIssuer {
  routes: string[];
  loginUrl: string;
  redeemUrl: string;
  jwksUrl: string;
}

/** The ID-token lifetime, when kfgen knows it, and where that number comes from. */
export interface IdTokenFact {
  lifetime: string;
  source: string;
}

/**
 * One identity provider: everything the plan needs to know about it, in one object. The table is
 * `PROVIDERS` in `./index.ts`; the provider's NEXT_STEPS, TEARDOWN and output are
 * `src/generate/auth/providers/`, its config checks `src/config/checks` and `src/plan/checks`.
 */
export interface ProviderPlan<P extends ProviderId = ProviderId> {
  id: P;
  /** Runs only on a config whose `auth.provider` is `id` and whose checks passed. */
  auth(config: KfgenConfig, baseUrl: string): ProviderAuth;
  idToken(config: KfgenConfig): IdTokenFact | undefined;
  /** Scopes without which this provider returns no refresh token (added when the session refreshes). */
  refreshScopes: string[];
  /**
   * Where the provider runs a function of ours at every sign-in (Cognito's Pre Token Generation
   * trigger): only such a provider gets the Profile Manager that makes group namespaces at login.
   */
  loginTrigger?(config: KfgenConfig): LoginTrigger;
}

/** The user pool whose sign-ins run the Profile Manager. */
export interface LoginTrigger {
  userPoolId: string;
  region: string;
}

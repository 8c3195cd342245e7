import type { KfgenConfig } from '../config/types.js';
import { cookieExpire, DEFAULTS } from '../config/defaults.js';
import { providerPlan } from './providers/index.js';
import { durationSeconds, formatDuration } from '../util/duration.js';

/**
 * How long a browser session lives and how oauth2-proxy keeps its ID token fresh. oauth2-proxy
 * hands the gateway the ID token of the session; once that token has expired the gateway's
 * RequestAuthentication answers 401 "Jwt is expired". With refresh off oauth2-proxy never looks at
 * the session again (v7.6.0 pkg/middleware/stored_session.go), so a session that outlives its ID
 * token must be refreshed before the token runs out.
 */
export interface SessionPlan {
  cookieExpire: string;
  /** oauth2-proxy's `cookie_refresh`: `0s` when off. */
  cookieRefresh: string;
  refreshes: boolean;
  /** Set when cookieRefresh is kfgen's default rather than the config's. */
  refreshDefaulted: boolean;
  /** The provider's ID-token lifetime, when kfgen knows it, and where that number comes from. */
  idToken?: { lifetime: string; seconds: number; source: string };
  /** Scopes without which this provider returns no refresh token (added when the session refreshes). */
  refreshScopes: string[];
}

/** Kept here for the plan check that reads it (src/plan/checks/cognito-id-token-lifetime.ts). */
export { COGNITO_ID_TOKEN_RANGE } from './providers/cognito.js';

/** kfgen's refresh period for a token lifetime: three quarters of it, or off when the cookie ends first. */
export function defaultRefresh(lifetimeSeconds: number, expireSeconds: number): string {
  const r = Math.floor(lifetimeSeconds * DEFAULTS.refreshFraction);
  return r > 0 && r < expireSeconds ? formatDuration(r) : '0s';
}

export function planSession(config: KfgenConfig): SessionPlan {
  const expire = cookieExpire(config);
  const provider = providerPlan(config);
  const known = provider.idToken(config);
  const seconds = known ? durationSeconds(known.lifetime) : undefined;
  const idToken = known && seconds !== undefined ? { ...known, seconds } : undefined;
  const configured = config.auth.session?.cookieRefresh;
  const cookieRefresh = configured ?? (idToken ? defaultRefresh(idToken.seconds, durationSeconds(expire) ?? 0) : '0s');
  return {
    cookieExpire: expire,
    cookieRefresh,
    refreshes: (durationSeconds(cookieRefresh) ?? 0) > 0,
    refreshDefaulted: configured === undefined,
    ...(idToken ? { idToken } : {}),
    refreshScopes: provider.refreshScopes,
  };
}

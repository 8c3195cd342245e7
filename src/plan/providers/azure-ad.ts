import { DEFAULTS } from '../../config/defaults.js';
import type { ProviderPlan } from './provider.js';

/** Microsoft Entra ID issues ID tokens valid for 60 minutes (its default token lifetime). */
export const ENTRA_ID_TOKEN_LIFETIME = '60m';

/** Microsoft Entra ID (Azure AD): the v2.0 endpoints of one tenant. */
export const azureAd: ProviderPlan<'azure-ad'> = {
  id: 'azure-ad',
  auth(config, baseUrl) {
    const az = config.auth.azureAd!;
    return {
      issuer: `https://login.microsoftonline.com/${az.tenantId}/v2.0`,
      clientId: az.clientId,
      clientSecret: az.clientSecret,
      providerName: 'Microsoft Entra ID',
      groupsClaim: DEFAULTS.groupsClaim,
      endSessionUrl: `https://login.microsoftonline.com/${az.tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(baseUrl + '/')}`,
      ...(az.emailClaim !== undefined && az.emailClaim !== 'email' ? { emailClaim: az.emailClaim } : {}),
      extraScopes: [],
      // Without an audience, any token the tenant issues to any application would be accepted.
      audiences: [az.clientId],
    };
  },
  idToken: () => ({ lifetime: ENTRA_ID_TOKEN_LIFETIME, source: 'Microsoft Entra ID issues ID tokens valid for 60m' }),
  // Entra ID returns a refresh token only for offline_access.
  refreshScopes: ['offline_access'],
};

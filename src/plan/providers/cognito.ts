import { DEFAULTS } from '../../config/defaults.js';
import type { ProviderPlan } from './provider.js';

/** Cognito accepts an app client IdTokenValidity from 5 minutes to 1 day. */
export const COGNITO_ID_TOKEN_RANGE = { min: 300, max: 86400 } as const;

/** Amazon Cognito: one app client of one user pool, signed in through its hosted UI domain. */
export const cognito: ProviderPlan<'cognito'> = {
  id: 'cognito',
  auth(config, baseUrl) {
    const c = config.auth.cognito!;
    return {
      issuer: `https://cognito-idp.${c.region}.amazonaws.com/${c.userPoolId}`,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      providerName: 'Amazon Cognito',
      groupsClaim: c.groupsClaim ?? DEFAULTS.cognitoGroupsClaim,
      endSessionUrl: `https://${c.domain}/logout?client_id=${encodeURIComponent(c.clientId)}&logout_uri=${encodeURIComponent(baseUrl + '/')}`,
      extraScopes: [],
      // Without an audience, any token the tenant issues to any application would be accepted.
      audiences: [c.clientId],
    };
  },
  idToken(config) {
    const lifetime = config.auth.cognito?.idTokenLifetime ?? DEFAULTS.cognitoIdTokenLifetime;
    return { lifetime, source: `the Cognito app client's ID tokens are valid for ${lifetime} (IdTokenValidity)` };
  },
  // Cognito's code grant always returns a refresh token.
  refreshScopes: [],
  loginTrigger(config) {
    const c = config.auth.cognito!;
    return { userPoolId: c.userPoolId, region: c.region };
  },
};

import { DEFAULTS } from '../../config/defaults.js';
import type { ProviderPlan } from './provider.js';

/** Any OpenID Connect provider (Okta, Keycloak, ADFS through OIDC, …): the config states every value. */
export const oidc: ProviderPlan<'oidc'> = {
  id: 'oidc',
  auth(config) {
    const o = config.auth.oidc!;
    return {
      issuer: o.issuer,
      clientId: o.clientId,
      clientSecret: o.clientSecret,
      providerName: 'Single sign-on',
      groupsClaim: o.groupsClaim ?? DEFAULTS.groupsClaim,
      ...(o.endSessionUrl ? { endSessionUrl: o.endSessionUrl } : {}),
      ...(o.emailClaim !== undefined ? { emailClaim: o.emailClaim } : {}),
      ...(o.scopes ? { configuredScopes: o.scopes } : {}),
      extraScopes: [],
      // Without an audience, any token the tenant issues to any application would be accepted.
      audiences: [o.clientId],
    };
  },
  // kfgen does not know the provider's ID-token lifetime: the session is not refreshed by default.
  idToken: () => undefined,
  refreshScopes: [],
};

import type { SecretSource } from '../../config/types.js';
import { DEFAULTS } from '../../config/defaults.js';
import { DEX_CLIENT_ID, DEX_IN_CLUSTER_ISSUER } from '../../kubeflow/dex.js';
import type { ProviderPlan } from './provider.js';

/** Dex, deployed in the cluster by the platform, with static users and upstream connectors. */
export const dex: ProviderPlan<'dex'> = {
  id: 'dex',
  auth(config) {
    return {
      issuer: DEX_IN_CLUSTER_ISSUER,
      clientId: DEX_CLIENT_ID,
      // The dex-client-secret check refuses a Dex config without one.
      clientSecret: config.auth.dex?.clientSecret as SecretSource,
      providerName: 'Dex',
      groupsClaim: DEFAULTS.groupsClaim,
      extraScopes: ['groups'],
      audiences: [],
      // Dex's in-cluster issuer is not reachable from the browser, so discovery is skipped and the
      // browser is sent to Dex through the gateway, which serves Dex without a session of its own.
      inCluster: {
        routes: ['^/dex/'],
        loginUrl: '/dex/auth',
        redeemUrl: `${DEX_IN_CLUSTER_ISSUER}/token`,
        jwksUrl: `${DEX_IN_CLUSTER_ISSUER}/keys`,
      },
    };
  },
  idToken(config) {
    const lifetime = config.auth.dex?.idTokenLifetime ?? DEFAULTS.dexIdTokenLifetime;
    return { lifetime, source: `Dex issues ID tokens valid for ${lifetime} (expiry.idTokens)` };
  },
  // Dex returns a refresh token only for offline_access.
  refreshScopes: ['offline_access'],
};

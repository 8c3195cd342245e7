import type { KfgenConfig } from '../../config/types.js';
import type { ProviderId, ProviderPlan } from './provider.js';
import { azureAd } from './azure-ad.js';
import { cognito } from './cognito.js';
import { dex } from './dex.js';
import { oidc } from './oidc.js';

/** The identity providers, keyed by `auth.provider`: a new provider is one more entry. */
export const PROVIDERS: { readonly [P in ProviderId]: ProviderPlan<P> } = {
  'azure-ad': azureAd,
  cognito,
  dex,
  oidc,
};

export function providerPlan(config: KfgenConfig): ProviderPlan {
  return PROVIDERS[config.auth.provider];
}

export type { InClusterIssuer, LoginTrigger, ProviderAuth, ProviderId, ProviderPlan, IdTokenFact } from './provider.js';

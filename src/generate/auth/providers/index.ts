import type { ProviderId } from '../../../plan/providers/index.js';
import type { Context, Contribution } from '../../core/model.js';
import type { ProviderOutput } from './provider.js';
import { azureAd } from './azure-ad.js';
import { cognito } from './cognito.js';
import { dex } from './dex.js';
import { oidc } from './oidc.js';

/** Each identity provider's NEXT_STEPS, TEARDOWN and output, keyed by `auth.provider`. */
export const PROVIDER_OUTPUTS: { readonly [P in ProviderId]: ProviderOutput<P> } = {
  'azure-ad': azureAd,
  cognito,
  dex,
  oidc,
};

export function providerOutput(ctx: Context): ProviderOutput {
  return PROVIDER_OUTPUTS[ctx.plan.auth.provider];
}

/** The concern of the identity provider: what its entry contributes (Dex's config; for the others, upstream's Dex dropped). */
export function identityProvider(ctx: Context): Contribution {
  return providerOutput(ctx).contribution(ctx);
}

export type { ProviderOutput } from './provider.js';

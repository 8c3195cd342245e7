import type { ProviderId } from '../../../plan/providers/index.js';
import type { Context, Contribution, NextStep } from '../../core/model.js';

/**
 * What one identity provider adds to the output: its registration steps in NEXT_STEPS.md, what
 * the login check expects, its lines of TEARDOWN.md. The plan's half (issuer, client id, claims,
 * scopes, token lifetime) is `src/plan/providers/`; the table is `PROVIDER_OUTPUTS` in `./index.ts`.
 */
export interface ProviderOutput<P extends ProviderId = ProviderId> {
  id: P;
  /** NEXT_STEPS: what to register at the provider (`PHASE.identityProvider`, Dex's connectors `PHASE.dexConnectors`). */
  registration(ctx: Context): NextStep[];
  /** Where a signed-out browser is sent, as the login check of NEXT_STEPS says it. */
  signInLocation(ctx: Context): string;
  /** The files, resources and patches of the provider, in the concerns' place of the identity provider. */
  contribution(ctx: Context): Contribution;
  /** Files its NEXT_STEPS leave in the output directory, which TEARDOWN's last step removes. */
  localFiles?(ctx: Context): string[];
  /** TEARDOWN: the body of "The identity provider" (empty lines are dropped). */
  teardown(ctx: Context): string[];
}

export type { Context, Contribution, NextStep };

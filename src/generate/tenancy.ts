import type { Context, Contribution } from './model.js';
import { mergeContributions } from './merge.js';
import { profiles } from './profiles.js';
import { contributors } from './contributors.js';
import { programmaticAccess } from './programmatic-access.js';
import { tenancyNextSteps } from './tenancy-next-steps.js';

/** Profiles, contributors and programmatic Pipelines access (issue 4). */
export function tenancy(ctx: Context): Contribution {
  return mergeContributions([profiles(ctx), contributors(ctx), programmaticAccess(ctx), tenancyNextSteps(ctx)]);
}

import type { Context, Contribution } from '../core/model.js';
import { mergeContributions } from '../core/merge.js';
import { profiles } from './profiles.js';
import { contributors } from './contributors.js';
import { programmaticAccess } from './programmatic-access.js';
import { tenancyNextSteps } from './next-steps.js';
import { tenancySteps } from './steps.js';
import { isTenancyFile } from './files.js';
import { APPLYSET_CRD_FILE, APPLYSET_PARENT_FILE, applySetCrd, applySetParent } from './applyset.js';

/**
 * Profiles, contributors and programmatic Pipelines access (issue 4), written as plain files under
 * tenancy/ and applied after the platform as one kubectl ApplySet (issue 13): the ApplySet's CRD
 * joins the platform, its parent object is created by the first tenancy apply.
 */
export function tenancy(ctx: Context): Contribution {
  const parts = [profiles(ctx), contributors(ctx), programmaticAccess(ctx)];
  const applied = parts.some((p) => Object.keys(p.files ?? {}).some(isTenancyFile));
  const applySet: Contribution = applied
    ? {
        files: { [APPLYSET_CRD_FILE]: applySetCrd(), [APPLYSET_PARENT_FILE]: applySetParent() },
        resources: [APPLYSET_CRD_FILE],
      }
    : {};
  const objects = mergeContributions([...parts, applySet]);
  return mergeContributions([objects, tenancySteps(ctx, objects.files), tenancyNextSteps(ctx)]);
}

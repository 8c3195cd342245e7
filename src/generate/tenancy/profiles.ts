import type { Context, Contribution } from '../core/model.js';
import { tenancyFiles } from './files.js';
import { sortKeys } from '../../util/order.js';
import { componentFor } from '../../kubeflow/release.js';
import type { PlannedProfile } from '../../plan/tenancy.js';

/** `tenancy/profiles.yaml`, or `tenancy/profiles-NNN.yaml` chunks at scale (files.ts). */
export const PROFILES_BASE = 'profiles';

/**
 * Profiles (v1, the storage version), the cluster admin, and the end of upstream's example
 * profile. The example directory is dropped whole: besides the Profile it only holds the
 * namespace-less `default-install-config` ConfigMap that feeds that Profile's replacements.
 */
export function profiles(ctx: Context): Contribution {
  const { tenancy } = ctx.plan;
  const out: Contribution = {};
  if (!tenancy.keepExampleProfile) out.dropUpstream = [componentFor(ctx.plan.release, 'user-namespace')!.dir];
  const planned = ctx.plan.profiles;
  if (planned.length) {
    // Applied as plain files after the platform, not through the kustomization (files.ts).
    out.files = tenancyFiles(PROFILES_BASE, planned.map(profileObject), 'name');
  }
  if (tenancy.admin) {
    // Merged by its current (prefixed) name; the profiles Deployment reads it through envFrom.
    out.configMapGenerator = [
      {
        name: 'profiles-config',
        namespace: 'kubeflow',
        behavior: 'merge',
        literals: [`ADMIN=${tenancy.admin}`],
      },
    ];
  }
  return out;
}

export function profileObject(p: PlannedProfile): Record<string, unknown> {
  const spec: Record<string, unknown> = { owner: { kind: 'User', name: p.owner } };
  if (p.quota && Object.keys(p.quota).length) spec.resourceQuotaSpec = { hard: sortKeys(p.quota) };
  return {
    apiVersion: 'kubeflow.org/v1',
    kind: 'Profile',
    metadata: { name: p.name },
    spec,
  };
}

import type { Context, Contribution } from '../core/model.js';
import { tenancyFiles } from './files.js';
import { KFAM_PRINCIPALS, USERID_HEADER, kfamBindingName } from '../../kubeflow/kfam.js';
import type { Membership } from '../../plan/tenancy.js';

/** `tenancy/contributors.yaml`, or chunks of it at scale, one profile's bindings in one chunk. */
export const CONTRIBUTORS_BASE = 'contributors';

/**
 * What KFAM creates when a contributor is added in the dashboard: a RoleBinding and an
 * AuthorizationPolicy of the same name, both annotated with `user` and `role`. KFAM lists only
 * bindings carrying both annotations, so these show up under "Manage contributors" and can be
 * removed there like any other.
 */
export function contributors(ctx: Context): Contribution {
  const memberships = ctx.plan.memberships;
  if (!memberships.length) return {};
  const objects = memberships.flatMap((m) => [roleBinding(m), authorizationPolicy(m)]);
  return { files: tenancyFiles(CONTRIBUTORS_BASE, objects, 'namespace') };
}

function metadata(m: Membership): { name: string; namespace: string; annotations: Record<string, string> } {
  return { name: kfamBindingName(m.user, m.role), namespace: m.profile, annotations: { role: m.role, user: m.user } };
}

export function roleBinding(m: Membership): Record<string, unknown> {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: metadata(m),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `kubeflow-${m.role}` },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: m.user }],
  };
}

export function authorizationPolicy(m: Membership): Record<string, unknown> {
  return {
    apiVersion: 'security.istio.io/v1beta1',
    kind: 'AuthorizationPolicy',
    metadata: metadata(m),
    spec: {
      rules: [
        {
          from: [{ source: { principals: [...KFAM_PRINCIPALS] } }],
          // profiles-config USERID_PREFIX is empty in v1.9.1, so the header carries the bare id.
          when: [{ key: `request.headers[${USERID_HEADER}]`, values: [m.user] }],
        },
      ],
    },
  };
}

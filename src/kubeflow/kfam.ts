import { GATEWAY_PRINCIPAL, USERID_HEADER } from './gateway.js';
import { KFP_UI_PRINCIPAL } from './pipelines.js';

/** Contributor roles as KFAM and the dashboard name them. */
export type Role = 'edit' | 'view';

/** The header KFAM writes into its AuthorizationPolicies (profiles-config `USERID_HEADER`): the gateway's. */
export { USERID_HEADER };
/** Principals KFAM admits in a contributor's AuthorizationPolicy (profiles-config defaults). */
export const KFAM_PRINCIPALS = [GATEWAY_PRINCIPAL, KFP_UI_PRINCIPAL] as const;

/** Upstream's example profile (common/user-namespace) for `user@example.com`. */
export const EXAMPLE_PROFILE = 'kubeflow-user-example-com';

/**
 * KFAM's `getBindingName` (kubeflow v1.9.2, components/access-management/kfam/bindings.go):
 * `User-<id, runs of non-alphanumerics as "-">-ClusterRole-<role>`, lowercased, then runs of
 * anything but [a-z0-9] as "-". The dashboard finds and deletes bindings by this name, so it must
 * match to the character.
 */
export function kfamBindingName(user: string, role: Role | 'admin'): string {
  const raw = ['User', user.replace(/[^a-zA-Z0-9]+/g, '-'), 'ClusterRole', role].join('-').toLowerCase();
  return raw.replace(/[^a-z0-9]+/g, '-');
}

/**
 * The namespace the central dashboard's registration flow proposes for a user
 * (kubeflow centraldashboard `registration-page.js`, `_onUserDetails`): every non-word character
 * and dot becomes "-", leading/trailing dashes and all underscores are dropped, then lowercased.
 * `alice@example.com` → `alice-example-com`.
 */
export function personalProfileName(user: string): string {
  return user
    .replace(/[^\w]|\./g, '-')
    .replace(/^-+|-+$|_/g, '')
    .toLowerCase();
}

/** The ServiceAccounts the profile controller creates, with the role it gives each in the profile. */
export const PROFILE_SERVICE_ACCOUNTS: Readonly<Record<string, Role>> = {
  'default-editor': 'edit',
  'default-viewer': 'view',
};

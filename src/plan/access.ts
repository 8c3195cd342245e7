import type { KfgenConfig } from '../config/types.js';
import { DEFAULTS } from '../config/defaults.js';
import { PROFILE_SERVICE_ACCOUNTS, type Role } from '../kubeflow/kfam.js';
import { KFP_CLUSTER_ROLES } from '../kubeflow/pipelines.js';

export interface PlannedAccess {
  profile: string;
  serviceAccount: string;
  pipelines: Role;
  clientPod: boolean;
  /** `kubeflow-pipelines-edit|view`: what the API server's SubjectAccessReviews ask for, and nothing else. */
  clusterRole: (typeof KFP_CLUSTER_ROLES)[Role];
  /**
   * Whether the account needs a RoleBinding in its profile. The profile controller's own accounts
   * already hold `kubeflow-edit`/`kubeflow-view` there, which aggregate the pipelines roles; a
   * named account, or `default-viewer` asked to edit, does not.
   */
  profileBinding: boolean;
  /** ServiceAccount kfgen must create (the profile controller creates only its own two). */
  createServiceAccount: boolean;
  /** PodDefault name, also its selector label key (value "true"). */
  podDefault: string;
}

export function planAccess(config: KfgenConfig): PlannedAccess[] {
  return (config.programmaticAccess ?? []).map((a) => {
    const serviceAccount = a.serviceAccount ?? DEFAULTS.serviceAccount;
    const pipelines = a.pipelines ?? DEFAULTS.pipelines;
    const builtIn = PROFILE_SERVICE_ACCOUNTS[serviceAccount];
    return {
      profile: a.profile,
      serviceAccount,
      pipelines,
      clientPod: a.clientPod ?? false,
      clusterRole: KFP_CLUSTER_ROLES[pipelines],
      profileBinding: builtIn === undefined || (builtIn === 'view' && pipelines === 'edit'),
      createServiceAccount: builtIn === undefined,
      // Upstream's name for the default-editor case, which the notebook form already knows.
      podDefault: serviceAccount === 'default-editor' ? 'access-ml-pipeline' : `access-ml-pipeline-${serviceAccount}`,
    };
  });
}

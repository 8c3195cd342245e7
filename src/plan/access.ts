import type { KfgenConfig } from '../config/types.js';
import { DEFAULTS } from '../config/defaults.js';
import type { Role } from '../kubeflow/kfam.js';

export interface PlannedAccess {
  profile: string;
  serviceAccount: string;
  pipelines: Role;
  clientPod: boolean;
  /** `cluster.local/ns/<profile>/sa/<serviceAccount>`: the mTLS identity ml-pipeline-ui sees. */
  principal: string;
  /** PodDefault name, also its selector label key (value "true"). */
  podDefault: string;
}

export function planAccess(config: KfgenConfig): PlannedAccess[] {
  return (config.programmaticAccess ?? []).map((a) => {
    const serviceAccount = a.serviceAccount ?? DEFAULTS.serviceAccount;
    return {
      profile: a.profile,
      serviceAccount,
      pipelines: a.pipelines ?? DEFAULTS.pipelines,
      clientPod: a.clientPod ?? false,
      principal: `cluster.local/ns/${a.profile}/sa/${serviceAccount}`,
      // Upstream's name for the default-editor case, which the notebook form already knows.
      podDefault: serviceAccount === 'default-editor' ? 'access-ml-pipeline' : `access-ml-pipeline-${serviceAccount}`,
    };
  });
}


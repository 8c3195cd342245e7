import type { Release } from '../release.js';
import { v1_10_2 } from './v1.10.2.js';
import { ARGO_AND_JOBSET } from './remote-bases.js';

/**
 * kubeflow/manifests v1.11.0 (2025-12-15): Trainer v2 in `kubeflow-system` replaces the training
 * operator, KFP stores artifacts in SeaweedFS, Argo and JobSet come from GitHub, a Pod Security
 * component labels dynamic namespaces.
 */
export const v1_11_0: Release = {
  ...v1_10_2,
  id: 'v1.11.0',
  commit: '854bd3a21044f767204def71b2dcda83e376891f',
  date: '2025-12-15',
  markers: {
    present: ['applications/trainer/overlays/kustomization.yaml', 'common/security/PSS/dynamic/baseline/'],
    absent: ['apps/', 'common/cert-manager/overlays/kubeflow/'],
  },
  components: v1_10_2.components.map((c) =>
    c.role === 'training' ? { dir: 'applications/trainer/overlays', note: 'Trainer', role: 'training' } : c,
  ),
  kustomizeComponents: ['common/security/PSS/dynamic/baseline'],
  remoteBases: ARGO_AND_JOBSET,
  versions: {
    istio: '1.28.0',
    certManager: '1.16.1',
    dex: 'v2.44.0',
    oauth2Proxy: 'v7.13.0',
    knative: '1.16.2',
    kfp: '2.15.0',
    kubeflowApps: 'v1.10.0',
  },
  kubernetes: { min: '1.34', source: 'README "targets Kubernetes version 1.34+"; upstream CI runs kind v1.34.0' },
  platformNamespaces: [...v1_10_2.platformNamespaces, 'kubeflow-system'],
  podSecurity: { ...v1_10_2.podSecurity, kubeflow: 'restricted', 'kubeflow-system': 'restricted' },
  objectStore: 'seaweedfs',
  trainingClusterRolePrefix: 'kubeflow-trainer',
  kfpSdk: '2.15.2',
};

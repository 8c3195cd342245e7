import type { Release } from '../release.js';
import { v1_11_0 } from './v1.11.0.js';

const REPLACED: Readonly<Record<string, string>> = {
  // base + the self-signing issuer + cert-manager's NetworkPolicies; `kubeflow-issuer/` is gone.
  'common/cert-manager/base': 'common/cert-manager/overlays/kubeflow',
  // wraps the v1.11.0 path with pipeline-install-config's securityContext keys.
  'applications/pipeline/upstream/env/cert-manager/platform-agnostic-multi-user': 'applications/pipeline/overlays',
};
/** Removed: the issuer moved into cert-manager's overlay, the policies into each component's folder. */
const REMOVED = new Set(['common/cert-manager/kubeflow-issuer/base', 'common/networkpolicies/base']);

/**
 * kubeflow/manifests 26.03 (2026-03-21): NetworkPolicies live beside their components and take
 * effect (istio-system admits only the mesh), cert-manager 1.19, Knative 1.21.
 */
export const r26_03: Release = {
  ...v1_11_0,
  id: '26.03',
  commit: 'd68ebc7fab366ab40ddd1541d2ec22febb31bc83',
  date: '2026-03-21',
  markers: {
    present: ['common/cert-manager/overlays/kubeflow/kustomization.yaml', 'applications/pipeline/overlays/'],
    absent: ['apps/', 'common/networkpolicies/'],
  },
  components: v1_11_0.components
    .filter((c) => !REMOVED.has(c.dir))
    .map((c) => (REPLACED[c.dir] ? { ...c, dir: REPLACED[c.dir]! } : c)),
  // The dynamic Pod Security component is gone; applications/profiles/pss labels profile namespaces.
  kustomizeComponents: [],
  versions: {
    // Istio's charts and CRDs say 1.29.0, the pilot/proxyv2/install-cni images are 1.28.0.
    istio: '1.28.0',
    certManager: '1.19.4',
    dex: 'v2.45.0',
    oauth2Proxy: 'v7.14.3',
    knative: '1.21.1',
    kfp: '2.16.0',
    kubeflowApps: 'v1.10.0',
  },
  kubernetes: { min: '1.34', source: 'upstream CI runs kind v1.34.0 (the README names no version)' },
  gatewayNetworkPolicy: true,
  kfpSdk: '2.16.1',
};

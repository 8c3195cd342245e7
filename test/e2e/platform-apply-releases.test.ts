/**
 * The fixtures of v1.10.2, v1.11.0 and 26.03 applied to a real kube-apiserver of a version each
 * release targets (v1.10.2 on v1.33, v1.11.0 and 26.03 on v1.34; test/support/release-tools.ts says
 * which build stands in for which), one API server per release. What is real and what is simulated:
 * test/support/platform-apply.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { missingTools } from '../support/tools.js';
import { missingReleaseTools, releaseTools } from '../support/release-tools.js';
import { fixtureConfig, fixtureManifests, fixturesDir } from '../support/fixtures.js';
import { platformApplySuite } from '../support/platform-apply.js';
import { release } from '../../src/kubeflow/releases/index.js';
import type { ReleaseId } from '../../src/kubeflow/release.js';

/** What upstream's own objects make the API server warn about, by release (read from the trees). */
const ISTIO_CNI_APPARMOR = {
  warning: /container\.apparmor\.security\.beta\.kubernetes\.io\/install-cni\]: deprecated since v1\.30/,
  why: "Istio's istio-cni-node DaemonSet (common/istio/istio-install/base/install.yaml) still sets the AppArmor annotation",
};
const ISTIO_CRD_BINARY = {
  warning: /^Warning: unrecognized format "binary"$/,
  why: "Istio's CRDs of v1.10.2 and v1.11.0 (common/istio/istio-crds/base/crd.yaml) declare fields with format: binary",
};
const UPSTREAM_WARNINGS: Record<string, ReadonlyArray<{ warning: RegExp; why: string }>> = {
  'v1.10.2': [ISTIO_CNI_APPARMOR, ISTIO_CRD_BINARY],
  'v1.11.0': [ISTIO_CNI_APPARMOR, ISTIO_CRD_BINARY],
  '26.03': [ISTIO_CNI_APPARMOR],
};

for (const id of ['v1.10.2', 'v1.11.0', '26.03'] as const satisfies readonly ReleaseId[]) {
  const tools = releaseTools[id];
  const aggregation = !!tools.kubeControllerManager;
  const level = release(id).profilePodSecurity;
  platformApplySuite({
    name: `platform-apply: ${tools.label}`,
    fixtures: readdirSync(fixturesDir)
      .filter((n) => existsSync(fixtureConfig(n)) && fixtureManifests(n).version === id)
      .sort(),
    skip:
      missingTools('kustomize', 'release-manifests') ??
      missingReleaseTools(id, 'control-plane', ...(aggregation ? (['kube-controller-manager'] as const) : [])),
    binaries: {
      kubeApiserver: tools.kubeApiserver.bin,
      kubectl: tools.kubectl.bin,
      kubeControllerManager: tools.kubeControllerManager?.bin,
    },
    serverVersion: tools.kubeApiserver.version,
    aggregation,
    profileNamespaceLabels: level ? { 'pod-security.kubernetes.io/enforce': level } : {},
    upstreamWarnings: UPSTREAM_WARNINGS[id],
  });
}

/**
 * The fixtures of v1.10.2, v1.11.0 and 26.03 applied to a real kube-apiserver of a version each
 * release targets (v1.10.2 on v1.33, v1.11.0 and 26.03 on v1.34; test/support/release-tools.ts says
 * which build stands in for which), one API server per release. What is real and what is simulated:
 * test/support/platform-apply.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { missingTools } from './support/tools.js';
import { missingReleaseTools, releaseTools } from './support/release-tools.js';
import { fixtureConfig, fixtureManifests, fixturesDir } from './support/fixtures.js';
import { platformApplySuite } from './support/platform-apply.js';
import { release } from '../src/kubeflow/releases/index.js';
import type { ReleaseId } from '../src/kubeflow/release.js';

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
  });
}

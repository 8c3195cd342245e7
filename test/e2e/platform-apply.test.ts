/**
 * Every v1.9.1 fixture's rendered platform applied to a real kube-apiserver v1.30.14 + etcd, with
 * the ClusterRole aggregation controller. What is real and what is simulated: test/support/platform-apply.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { missingTools } from '../support/tools.js';
import { fixtureConfig, fixtureManifests, fixturesDir } from '../support/fixtures.js';
import { platformApplySuite } from '../support/platform-apply.js';

export { LEFT_OUT } from '../support/platform-apply.js';

platformApplySuite({
  name: 'platform-apply: Kubeflow v1.9.1 on Kubernetes v1.30.14',
  fixtures: readdirSync(fixturesDir)
    .filter((n) => existsSync(fixtureConfig(n)) && fixtureManifests(n).version === 'v1.9.1')
    .sort(),
  skip: missingTools('kustomize', 'manifests', 'control-plane'),
  serverVersion: 'v1.30.14',
  aggregation: true,
  profileNamespaceLabels: {},
});

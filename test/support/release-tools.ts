import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  dexBin,
  etcdBin,
  kubeApiserverBin,
  kubeControllerManagerBin,
  kubectlBin,
  oauth2ProxyBin,
  repoRoot,
} from './tools.js';

/**
 * The real components each supported Kubeflow release is tested on: the Dex and oauth2-proxy it
 * deploys and a Kubernetes it targets. v1.9.1's are install-tools.sh's (.tools/bin, and the
 * environment overrides of tools.ts); the others are built by scripts/install-release-tools.sh into
 * .tools/releases/<component>/<version>/ (or KFGEN_RELEASE_TOOLS, a directory laid out the same way).
 *
 * Where the Go module proxy does not serve the version a release deploys, the nearest served one
 * stands in for it: `version` is what runs, `upstream` what the release deploys, and `label` says
 * both, for test names.
 */
export type KubeflowRelease = 'v1.9.1' | 'v1.10.2' | 'v1.11.0' | '26.03';
export const KUBEFLOW_RELEASES: readonly KubeflowRelease[] = ['v1.9.1', 'v1.10.2', 'v1.11.0', '26.03'];

export interface ReleaseBinary {
  /** Absolute path of the binary. */
  bin: string;
  /** The version that runs. */
  version: string;
  /** The version the Kubeflow release deploys (Dex, oauth2-proxy) or targets (Kubernetes). */
  upstream: string;
  /** `version` stands in for `upstream`, which the module proxy does not serve. */
  standIn: boolean;
  /** `oauth2-proxy v7.15.6 (for v7.13.0)`, or `Dex v2.44.0`: for test names and messages. */
  label: string;
}

export interface ReleaseTools {
  release: KubeflowRelease;
  kubeApiserver: ReleaseBinary;
  /** Built only where a test needs it (v1.9.1, and v1.34.4 for v1.11.0 and 26.03); undefined otherwise. */
  kubeControllerManager?: ReleaseBinary;
  /** The release's Kubernetes version where built, else install-tools.sh's v1.30.14 (`standIn`). */
  kubectl: ReleaseBinary;
  dex: ReleaseBinary;
  oauth2Proxy: ReleaseBinary;
  /** `Kubeflow v1.11.0 (Kubernetes v1.34.4, Dex v2.44.0, oauth2-proxy v7.15.6 for v7.13.0)` */
  label: string;
}

/** Where install-release-tools.sh puts its builds (or KFGEN_RELEASE_TOOLS). */
export const releaseToolsDir = process.env.KFGEN_RELEASE_TOOLS ?? join(repoRoot, '.tools/releases');

const INSTALL = '`npm run tools` (or `bash scripts/install-release-tools.sh`, which builds only the per-release tools)';

function binary(name: string, bin: string, version: string, upstream = version): ReleaseBinary {
  const standIn = version !== upstream;
  return { bin, version, upstream, standIn, label: `${name} ${version}${standIn ? ` (for ${upstream})` : ''}` };
}

const k8s = (v: string, b: string, upstream = v) =>
  binary(b, join(releaseToolsDir, 'kubernetes', v, 'bin', b), v, upstream);
const dex = (v: string) => binary('Dex', join(releaseToolsDir, 'dex', v, 'dex'), v);
const oauth2Proxy = (v: string, upstream = v) =>
  binary('oauth2-proxy', join(releaseToolsDir, 'oauth2-proxy', v, 'oauth2-proxy'), v, upstream);

/** install-tools.sh's v1.30.14 kubectl, for a release whose Kubernetes has no kubectl built. */
const kubectl130 = (target: string) => binary('kubectl', kubectlBin, 'v1.30.14', target);

function release(r: KubeflowRelease, t: Omit<ReleaseTools, 'release' | 'label'>): ReleaseTools {
  const parts = [t.kubeApiserver.label.replace('kube-apiserver', 'Kubernetes'), t.dex.label, t.oauth2Proxy.label];
  return { release: r, ...t, label: `Kubeflow ${r} (${parts.join(', ')})` };
}

export const releaseTools: Readonly<Record<KubeflowRelease, ReleaseTools>> = {
  'v1.9.1': release('v1.9.1', {
    kubeApiserver: binary('kube-apiserver', kubeApiserverBin, 'v1.30.14'),
    kubeControllerManager: binary('kube-controller-manager', kubeControllerManagerBin, 'v1.30.14'),
    kubectl: binary('kubectl', kubectlBin, 'v1.30.14'),
    dex: binary('Dex', dexBin, 'v2.39.1'),
    oauth2Proxy: binary('oauth2-proxy', oauth2ProxyBin, 'v7.6.0'),
  }),
  // Kubernetes v1.33.13 stands in for v1.33.7, six of whose staging modules the module proxy refuses.
  'v1.10.2': release('v1.10.2', {
    kubeApiserver: k8s('v1.33.13', 'kube-apiserver', 'v1.33.7'),
    kubectl: kubectl130('v1.33.7'),
    dex: dex('v2.41.1'),
    oauth2Proxy: oauth2Proxy('v7.7.1'),
  }),
  // The module proxy refuses oauth2-proxy v7.13.0 and v7.14.3 (and the versions between them that
  // were tried); v7.15.6 is the nearest it serves (scripts/install-release-tools.sh).
  'v1.11.0': release('v1.11.0', {
    kubeApiserver: k8s('v1.34.4', 'kube-apiserver'),
    kubeControllerManager: k8s('v1.34.4', 'kube-controller-manager'),
    kubectl: k8s('v1.34.4', 'kubectl'),
    dex: dex('v2.44.0'),
    oauth2Proxy: oauth2Proxy('v7.15.6', 'v7.13.0'),
  }),
  '26.03': release('26.03', {
    kubeApiserver: k8s('v1.34.4', 'kube-apiserver'),
    kubeControllerManager: k8s('v1.34.4', 'kube-controller-manager'),
    kubectl: k8s('v1.34.4', 'kubectl'),
    dex: dex('v2.45.0'),
    oauth2Proxy: oauth2Proxy('v7.15.6', 'v7.14.3'),
  }),
};

/** What a test of a release can need; 'control-plane' is etcd, kube-apiserver and kubectl. */
export type ReleaseNeed =
  'control-plane' | 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kubectl' | 'dex' | 'oauth2-proxy';

function problems(r: KubeflowRelease, need: ReleaseNeed): string[] {
  const t = releaseTools[r];
  const how = (b: ReleaseBinary, what: string) =>
    existsSync(b.bin) ? [] : [`${what} ${b.version} for Kubeflow ${r} at ${b.bin}: run ${INSTALL}`];
  switch (need) {
    case 'control-plane':
      return [...problems(r, 'etcd'), ...problems(r, 'kube-apiserver'), ...problems(r, 'kubectl')];
    case 'etcd':
      return etcdBin() ? [] : ['etcd 3.4+: apt-get install etcd-server (or set ETCD)'];
    case 'kube-apiserver':
      return how(t.kubeApiserver, 'kube-apiserver');
    case 'kube-controller-manager':
      return t.kubeControllerManager
        ? how(t.kubeControllerManager, 'kube-controller-manager')
        : [
            `kube-controller-manager ${t.kubeApiserver.version} for Kubeflow ${r}: not built; add it to that version's line of K8S_BUILDS in scripts/install-release-tools.sh`,
          ];
    case 'kubectl':
      return how(t.kubectl, 'kubectl');
    case 'dex':
      return how(t.dex, 'Dex');
    case 'oauth2-proxy':
      return how(t.oauth2Proxy, 'oauth2-proxy');
  }
}

/**
 * missingTools (tools.ts) for a release's components. Under CI a missing tool is a failure, never a
 * silent pass: it throws, naming what is missing and how to get it. For a developer it prints
 * `SKIP: missing …` with the how-to and returns that message; undefined when all are there.
 */
export function missingReleaseTools(release: KubeflowRelease, ...needs: ReleaseNeed[]): string | undefined {
  const missing = [...new Set(needs.flatMap((n) => problems(release, n)))];
  if (!missing.length) return undefined;
  const message = `missing ${missing.join('; ')}`;
  if (process.env.CI) throw new Error(`CI is set and a required tool is missing: ${message}`);
  console.log(`SKIP: ${message}`);
  return message;
}

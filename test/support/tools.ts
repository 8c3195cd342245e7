import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The v1.9.1 tree: KFGEN_MANIFESTS, else the workplace's shared copy beside the repository. */
export const manifestsDir = resolve(
  process.env.KFGEN_MANIFESTS ?? join(repoRoot, '../shared/kubeflow-manifests/v1.9.1'),
);

/** Where the trees of the other releases are, one folder per tag: KFGEN_MANIFESTS_ROOT, else the shared copies. */
export const manifestsRoot = resolve(
  process.env.KFGEN_MANIFESTS_ROOT ?? join(repoRoot, '../shared/kubeflow-manifests'),
);

/** The tree of one release (v1.9.1's is `manifestsDir`, so KFGEN_MANIFESTS keeps working). */
export function manifestsDirFor(version: string): string {
  return version === 'v1.9.1' ? manifestsDir : join(manifestsRoot, version);
}

/** The mirror of the remote bases v1.11.0 and 26.03 fetch: KFGEN_REMOTE_BASES, else the shared copy. */
export const remoteBasesDir = resolve(process.env.KFGEN_REMOTE_BASES ?? join(repoRoot, '../shared/remote-bases'));

/** The standalone kustomize that `.ci/run` installs (or KUSTOMIZE). */
export const kustomizeBin = process.env.KUSTOMIZE ?? join(repoRoot, '.tools/bin/kustomize');

/** pre-commit 4.x that `.ci/run` installs (or PRE_COMMIT). */
export const preCommitBin = process.env.PRE_COMMIT ?? join(repoRoot, '.tools/bin/pre-commit');

/** kube-apiserver, kube-controller-manager and kubectl v1.30.14 that `npm run tools` builds (or KUBE_APISERVER, KUBE_CONTROLLER_MANAGER, KUBECTL). */
export const kubeApiserverBin = process.env.KUBE_APISERVER ?? join(repoRoot, '.tools/bin/kube-apiserver');
export const kubeControllerManagerBin =
  process.env.KUBE_CONTROLLER_MANAGER ?? join(repoRoot, '.tools/bin/kube-controller-manager');
export const kubectlBin = process.env.KUBECTL ?? join(repoRoot, '.tools/bin/kubectl');

/** Dex v2.39.1 and oauth2-proxy v7.6.0 that `npm run tools` builds (or DEX, OAUTH2_PROXY). */
export const dexBin = process.env.DEX ?? join(repoRoot, '.tools/bin/dex');
export const oauth2ProxyBin = process.env.OAUTH2_PROXY ?? join(repoRoot, '.tools/bin/oauth2-proxy');

/** The project venv's Python with boto3/botocore (scripts/install-python-tools.sh), or KFGEN_PYTHON. */
export const venvPython = process.env.KFGEN_PYTHON ?? join(repoRoot, '.tools/venv/bin/python');
/** cfn-lint in the project venv (scripts/install-python-tools.sh), or CFN_LINT. */
export const cfnLintBin = process.env.CFN_LINT ?? join(repoRoot, '.tools/bin/cfn-lint');

/** etcd 3.4+: ETCD, else Debian's /usr/bin/etcd, else the first `etcd` on PATH. */
export function etcdBin(): string | undefined {
  if (process.env.ETCD) return process.env.ETCD;
  if (existsSync('/usr/bin/etcd')) return '/usr/bin/etcd';
  return (process.env.PATH ?? '')
    .split(':')
    .map((d) => join(d, 'etcd'))
    .find((p) => existsSync(p));
}

const HOW = {
  'pre-commit': `pre-commit at ${preCommitBin}: run \`npm run tools\` (or set PRE_COMMIT)`,
  kustomize: `standalone kustomize at ${kustomizeBin}: run \`GOBIN=$PWD/.tools/bin go install sigs.k8s.io/kustomize/kustomize/v5@v5.4.3\` (or set KUSTOMIZE)`,
  'control-plane': `kube-apiserver, kube-controller-manager and kubectl v1.30.14 in ${join(repoRoot, '.tools/bin')} and etcd 3.4+: run \`npm run tools\` (builds the Kubernetes binaries with Go; etcd comes from Debian's etcd-server package: apt-get install etcd-server) or set KUBE_APISERVER, KUBE_CONTROLLER_MANAGER, KUBECTL, ETCD`,
  dex: `Dex v2.39.1 at ${dexBin}: run \`npm run tools\` (builds it with Go from ../shared/sources/dex-v2.39.1.tar.gz, or KFGEN_DEX_SOURCE) or set DEX`,
  'oauth2-proxy': `oauth2-proxy v7.6.0 at ${oauth2ProxyBin}: run \`npm run tools\` (go install github.com/oauth2-proxy/oauth2-proxy/v7@v7.6.0) or set OAUTH2_PROXY`,
  'python-tools': `Python with boto3 and botocore at ${venvPython}: run \`bash scripts/install-python-tools.sh\` (or set KFGEN_PYTHON)`,
  'cfn-lint': `cfn-lint at ${cfnLintBin}: run \`bash scripts/install-python-tools.sh\` (or set CFN_LINT)`,
  jq: 'jq on PATH (the Profile Manager attach script uses it): apt-get install jq',
  manifests: `kubeflow/manifests v1.9.1 at ${manifestsDir}: set KFGEN_MANIFESTS to a checkout (git clone --branch v1.9.1 https://github.com/kubeflow/manifests)`,
  'release-manifests': `kubeflow/manifests v1.10.2, v1.11.0 and 26.03 in ${manifestsRoot}/<tag> and the remote-bases mirror at ${remoteBasesDir}: set KFGEN_MANIFESTS_ROOT to a folder of checkouts named by tag, and KFGEN_REMOTE_BASES to a mirror (the manifests.remoteBases layout, docs/releases.md)`,
};

/**
 * What a test needs from outside the repository. Under CI a missing tool is a failure, never a
 * silent pass; for a developer the suite says what it skipped and how to get it.
 */
export function missingTools(...needs: Array<keyof typeof HOW>): string | undefined {
  const present: Record<keyof typeof HOW, () => boolean> = {
    kustomize: () => existsSync(kustomizeBin),
    'pre-commit': () => existsSync(preCommitBin),
    'control-plane': () =>
      [kubeApiserverBin, kubeControllerManagerBin, kubectlBin].every((b) => existsSync(b)) && etcdBin() !== undefined,
    dex: () => existsSync(dexBin),
    'oauth2-proxy': () => existsSync(oauth2ProxyBin),
    'python-tools': () => existsSync(venvPython) && pythonHasBotocore(),
    'cfn-lint': () => existsSync(cfnLintBin),
    jq: () => (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, 'jq'))),
    manifests: () => existsSync(join(manifestsDir, 'example/kustomization.yaml')),
    'release-manifests': () =>
      ['v1.10.2', 'v1.11.0', '26.03'].every((v) =>
        existsSync(join(manifestsDirFor(v), 'example/kustomization.yaml')),
      ) && existsSync(join(remoteBasesDir, 'github.com')),
  };
  const missing = needs.filter((n) => !present[n]());
  if (!missing.length) return undefined;
  const message = `missing ${missing.map((m) => HOW[m]).join('; ')}`;
  if (process.env.CI) throw new Error(`CI is set and a required tool is missing: ${message}`);
  console.log(`SKIP: ${message}`);
  return message;
}

function pythonHasBotocore(): boolean {
  try {
    execFileSync(venvPython, ['-c', 'import boto3, botocore'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  [key: string]: unknown;
}

/** `kustomize build DIR`, parsed. Deprecation warnings on stderr are upstream's and harmless. */
export function kustomizeBuild(dir: string): { text: string; objects: K8sObject[] } {
  const text = execFileSync(kustomizeBin, ['build', dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const objects = parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject)
    .filter(Boolean);
  return { text, objects };
}

/** The same, without blocking: two builds in parallel use both cores of a CI machine. */
export async function kustomizeBuildAsync(dir: string): Promise<{ text: string; objects: K8sObject[] }> {
  const { stdout } = await promisify(execFile)(kustomizeBin, ['build', dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    text: stdout,
    objects: parseAllDocuments(stdout)
      .map((d) => d.toJS() as K8sObject)
      .filter(Boolean),
  };
}

export function find(objects: K8sObject[], kind: string, name: string, namespace?: string): K8sObject | undefined {
  return objects.find(
    (o) =>
      o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace),
  );
}

/** Generated ConfigMaps and Secrets carry a hash suffix: match on the prefix. */
export function findGenerated(
  objects: K8sObject[],
  kind: string,
  prefix: string,
  namespace: string,
): K8sObject | undefined {
  return objects.find(
    (o) =>
      o.kind === kind &&
      o.metadata.namespace === namespace &&
      new RegExp(`^${prefix}(-[a-z0-9]{10})?$`).test(o.metadata.name),
  );
}

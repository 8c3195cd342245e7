import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { kustomizeBuild, manifestsDir, manifestsDirFor, remoteBasesDir, type K8sObject } from './tools.js';
import { vendorRemoteBases } from '../../src/pipeline/vendor.js';
import { release } from '../../src/kubeflow/releases/index.js';
import type { ReleaseId } from '../../src/kubeflow/release.js';

let baseline: K8sObject[] | undefined;

/** The unmodified upstream platform (`example/`), built once per test process. */
export function upstreamPlatform(): K8sObject[] {
  baseline ??= kustomizeBuild(join(manifestsDir, 'example')).objects;
  return baseline;
}

/** Objects of one upstream directory, e.g. Dex's overlay. */
export function upstreamObjects(dir: string): K8sObject[] {
  return kustomizeBuild(join(manifestsDir, dir)).objects;
}

/**
 * The default secrets and passwords upstream ships, read from the tree itself so the test
 * follows upstream rather than a copy of it.
 */
export function upstreamDefaultSecrets(): string[] {
  const oauth = parse(readFileSync(join(manifestsDir, 'common/oauth2-proxy/base/kustomization.yaml'), 'utf8')) as {
    secretGenerator: Array<{ literals: string[] }>;
  };
  const values = oauth.secretGenerator.flatMap((g) => g.literals.map((l) => l.split('=').slice(1).join('=')));
  const dexParams = readFileSync(join(manifestsDir, 'common/dex/base/secret_params.env'), 'utf8');
  values.push(
    ...dexParams
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => l.split('=').slice(1).join('=')),
  );
  for (const doc of parseAllDocuments(readFileSync(join(manifestsDir, 'common/dex/base/dex-passwords.yaml'), 'utf8'))) {
    const s = doc.toJS() as { stringData?: Record<string, string> };
    values.push(...Object.values(s.stringData ?? {}));
  }
  // The client id is not secret, and may legitimately be reused.
  return values.filter((v) => v && v !== 'kubeflow-oidc-authservice');
}

/** Identity of an object independent of generator hash suffixes. */
export function objectKey(o: K8sObject): string {
  const name = ['ConfigMap', 'Secret'].includes(o.kind)
    ? o.metadata.name.replace(/-[a-z0-9]{10}$/, '')
    : o.metadata.name;
  return `${o.kind}/${o.metadata.namespace ?? ''}/${name}`;
}

/**
 * A release's `example/` as a folder kustomize renders offline: the tree's own, or (v1.11.0,
 * 26.03) kfgen's vendor/ copy of it under `work`, pointed at the remote-bases mirror.
 */
export function offlineExample(id: ReleaseId, work: string): string {
  const r = release(id);
  const tree = manifestsDirFor(id);
  if (!r.remoteBases.length) return join(tree, 'example');
  const out = join(work, `example-${id}`);
  const vendored = vendorRemoteBases({
    release: r,
    manifestsDir: tree,
    mirrorDir: remoteBasesDir,
    outDir: out,
    components: ['example'],
    mirrorSetting: 'KFGEN_REMOTE_BASES',
  });
  if (vendored.dirs.join() !== 'example') throw new Error(`${id}: example/ reaches no remote base`);
  for (const [path, text] of Object.entries(vendored.files)) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), text);
  }
  return join(out, 'vendor/example');
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { plainAppliedFiles } from '../../src/pipeline/sources.js';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { buildProject } from '../../src/pipeline/index.js';
import { writeTreeAtomic } from '../../src/pipeline/write-tree.js';
import type { FileTree } from '../../src/generate/core/model.js';
import { compareTree } from '../../src/pipeline/compare-tree.js';
import { kustomizeBuildAsync, manifestsDirFor, remoteBasesDir, repoRoot, type K8sObject } from './tools.js';

/**
 * Fake secret values for every fixture. They exist only in test processes; a real build reads
 * them from the user's environment.
 */
export const FIXTURE_ENV: NodeJS.ProcessEnv = {
  AZURE_CLIENT_SECRET: 'test-azure-client-secret-value',
  KFGEN_COOKIE_SECRET: '0123456789abcdef0123456789abcdef',
  DEX_CLIENT_SECRET: 'test-dex-client-secret-value',
  // bcrypt of "password" (cost 10), a hash format Dex accepts.
  DEX_ADMIN_HASH: '$2y$10$2b2cU8CPhOTaGrs1HRQuAueS7JTT5ZHsHSzYiFPm1leZck7Mc8T4W',
  COGNITO_CLIENT_SECRET: 'test-cognito-client-secret-value',
  OIDC_CLIENT_SECRET: 'test-oidc-client-secret-value',
  LDAP_BIND_PASSWORD: 'test-ldap-bind-password',
  ENTRA_DEX_SECRET: 'test-entra-dex-connector-secret',
};

export const fixturesDir = join(repoRoot, 'fixtures');

export function fixtureConfig(name: string): string {
  return join(fixturesDir, name, 'kfgen.config.yaml');
}

/** The fixture's `manifests` section. */
export function fixtureManifests(name: string): { version: string; path: string } {
  return (parse(readFileSync(fixtureConfig(name), 'utf8')) as { manifests: { version: string; path: string } })
    .manifests;
}

/** Where this machine has the tree of the fixture's release (KFGEN_MANIFESTS and friends, tools.ts). */
export function fixtureManifestsDir(name: string): string {
  return manifestsDirFor(fixtureManifests(name).version);
}

/**
 * vendor/ holds kfgen's copies of upstream kustomizations (the offline remote bases, v1.11.0 and
 * later): generated, never committed in fixtures, since nothing of the shared trees is copied into
 * this repository. Golden trees leave it out; the tests check it against the tree instead.
 */
export const isVendored = (path: string) => path.startsWith('vendor/');

/** Generates a fixture the way a user's `kfgen build` would, into a fresh temporary directory. */
export async function buildFixture(name: string): Promise<{ outDir: string; tree: FileTree; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), `kfgen-${name}-`));
  const outDir = join(dir, 'out');
  const { tree } = await buildProject({
    cwd: repoRoot,
    configFile: fixtureConfig(name),
    outDir,
    manifestsDir: fixtureManifestsDir(name),
    remoteBasesDir,
    env: FIXTURE_ENV,
  });
  writeTreeAtomic(outDir, tree);
  return { outDir, tree, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The committed golden tree is what `kfgen build --out fixtures/<name>/expected` writes in place.
 * The manifests tree may live elsewhere on this machine, so each side's path to it is normalized.
 */
export function goldenDiff(name: string, outDir: string, tree: FileTree): string[] {
  const expectedDir = join(fixturesDir, name, 'expected');
  // Where the fixture says the tree is, whether or not it is there on this machine.
  const configured = resolve(dirname(fixtureConfig(name)), fixtureManifests(name).path);
  const goldenPrefix = relative(expectedDir, configured).split(sep).join('/');
  const actualPrefix = relative(outDir, fixtureManifestsDir(name)).split(sep).join('/');
  // As if generated in place: the relative path to the manifests is the golden tree's own.
  const inPlace: FileTree = new Map(
    [...tree]
      .filter(([path]) => !isVendored(path))
      .map(([path, content]) => [path, content.split(`${actualPrefix}/`).join(`${goldenPrefix}/`)]),
  );
  const diff = compareTree(inPlace, expectedDir);
  const where = relative(repoRoot, expectedDir);
  return [
    ...diff.stale.map((p) => `${p}: differs from the golden file (run npm run fixtures:update and review the diff)`),
    ...diff.missing.map((p) => `${p}: generated but not in ${where}`),
    ...diff.extra.map((p) => `${p}: expected but not generated`),
  ];
}

/**
 * What the user applies: the kustomize build, then the tenancy files, applied as they are beside
 * it (docs/tenancy.md). The ApplySet parent is left out: it is how they are applied, not what.
 */
export function withTenancyFiles(
  built: { text: string; objects: K8sObject[] },
  tree: FileTree,
): { text: string; objects: K8sObject[] } {
  const plain = plainAppliedFiles(tree.keys())
    .filter((p) => p.startsWith('tenancy/'))
    .map((p) => tree.get(p)!);
  return {
    text: [built.text, ...plain].join('---\n'),
    objects: [...built.objects, ...plain.flatMap((t) => parseAllDocuments(t).map((d) => d.toJS() as K8sObject))],
  };
}

export interface RenderedFixture {
  outDir: string;
  tree: FileTree;
  text: string;
  objects: K8sObject[];
}

const rendered = new Map<string, Promise<RenderedFixture>>();
/** One exit listener for every rendered fixture's directory (one each would trip Node's listener warning). */
const cleanups: Array<() => void> = [];
process.once('exit', () => cleanups.forEach((c) => c()));
let running = 0;
const waiting: Array<() => void> = [];

/**
 * Generates a fixture and builds it with kustomize, once per test process, at most two builds at
 * a time. Output directories live until the process exits.
 */
export function renderFixture(name: string): Promise<RenderedFixture> {
  let p = rendered.get(name);
  if (!p) {
    p = (async () => {
      if (running >= 2) await new Promise<void>((r) => waiting.push(r));
      running++;
      try {
        const { outDir, tree, cleanup } = await buildFixture(name);
        cleanups.push(cleanup);
        return { outDir, tree, ...withTenancyFiles(await kustomizeBuildAsync(outDir), tree) };
      } finally {
        running--;
        waiting.shift()?.();
      }
    })();
    rendered.set(name, p);
  }
  return p;
}

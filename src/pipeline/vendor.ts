import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isScalar, isSeq, parseDocument } from 'yaml';
import type { Release, RemoteBase } from '../kubeflow/release.js';

/**
 * Offline builds of releases whose tree fetches remote bases during `kustomize build` (v1.11.0 and
 * 26.03 pull Argo Workflows and JobSet from GitHub). kustomize cannot be told to look elsewhere, and
 * the upstream tree is never edited, so kfgen copies the few kustomization folders on the way from a
 * platform component down to a remote reference into `vendor/`, with the same layout, and points
 * them at a local mirror instead: a repository folder by a relative path into the mirror, a release
 * download by a copy beside the kustomization (kustomize loads resource files only from inside a
 * kustomization's folder). Every other reference goes back to the tree, so nothing else is copied.
 * This is the pipeline's edge: it reads the tree and the mirror; the generator only gets the files.
 */

export const VENDOR_DIR = 'vendor';

export interface Vendored {
  /** Output-relative path → content, all under `vendor/`. */
  files: Record<string, string>;
  /** Upstream component directories the root kustomization must take from `vendor/` instead. */
  dirs: string[];
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const REFERENCE_FIELDS = ['resources', 'components', 'bases'] as const;
const isRemote = (ref: string) => /^(https?:\/\/|git@|github\.com\/)/.test(ref) || ref.includes('?ref=');

function kustomizationFile(dir: string): string | undefined {
  return KUSTOMIZATION_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
}

function references(dir: string): string[] {
  const file = kustomizationFile(dir);
  if (!file) return [];
  const doc = parseDocument(readFileSync(file, 'utf8')).toJS() as Record<string, unknown> | null;
  return REFERENCE_FIELDS.flatMap((f) => (Array.isArray(doc?.[f]) ? (doc[f] as unknown[]).map(String) : []));
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
const posix = (p: string) => p.split(sep).join('/');

export class VendorError extends Error {}

/**
 * The `vendor/` tree for `components` of `release` in the tree at `manifestsDir`, written to
 * `outDir`. `mirrorDir` is where the remote bases are; undefined when the user named none.
 */
export function vendorRemoteBases(input: {
  release: Release;
  manifestsDir: string;
  mirrorDir: string | undefined;
  outDir: string;
  components: string[];
  /** What the user sets to name the mirror, for the error. */
  mirrorSetting: string;
}): Vendored {
  const { release, manifestsDir, outDir } = input;
  const vendored: Vendored = { files: {}, dirs: [] };
  if (!release.remoteBases.length) return vendored;

  // Which folders reach a remote reference (memoised; the tree's references form a DAG).
  const reaches = new Map<string, boolean>();
  const remotes = new Map<string, string[]>();
  const visit = (abs: string): boolean => {
    const known = reaches.get(abs);
    if (known !== undefined) return known;
    reaches.set(abs, false);
    let found = false;
    for (const ref of references(abs)) {
      if (isRemote(ref)) {
        found = true;
        remotes.set(abs, [...(remotes.get(abs) ?? []), ref]);
      } else if (isDir(resolve(abs, ref)) && visit(resolve(abs, ref))) found = true;
    }
    reaches.set(abs, found);
    return found;
  };
  const roots = input.components.filter((c) => visit(resolve(manifestsDir, c)));
  if (!roots.length) return vendored;

  const needed = [...remotes.values()].flat();
  const bases = needed.map((url) => {
    const base = release.remoteBases.find((b) => b.url === url);
    if (!base)
      throw new VendorError(
        `the ${release.id} tree fetches ${url}, which kfgen has no mirror layout for; report it, or build with network access through manifests.git`,
      );
    return base;
  });
  const missing = [...new Set(bases)].filter(
    (b) => !input.mirrorDir || !existsSync(join(input.mirrorDir, b.mirrorPath)),
  );
  if (missing.length) throw new VendorError(missingMessage(release, missing, input.mirrorDir, input.mirrorSetting));

  const chain = [...reaches].filter(([, r]) => r).map(([abs]) => abs);
  const inChain = new Set(chain);
  for (const abs of chain) {
    const rel = posix(relative(manifestsDir, abs));
    const vendorAt = resolve(outDir, VENDOR_DIR, rel);
    for (const file of folderFiles(abs)) {
      const at = `${VENDOR_DIR}/${rel}/${posix(relative(abs, file))}`;
      vendored.files[at] = readFileSync(file, 'utf8');
    }
    const kfile = kustomizationFile(abs)!;
    const doc = parseDocument(readFileSync(kfile, 'utf8'));
    for (const field of REFERENCE_FIELDS) {
      const seq = doc.get(field, true);
      if (!isSeq(seq)) continue;
      for (const item of seq.items) {
        if (!isScalar(item)) continue;
        const ref = String(item.value);
        if (isRemote(ref)) {
          const base = release.remoteBases.find((b) => b.url === ref)!;
          item.value = localRef(base, input.mirrorDir!, vendorAt, rel, vendored);
        } else {
          const target = resolve(abs, ref);
          // A folder on the way down stays where it is in vendor/; any other goes back to the tree.
          if (isDir(target) && !inChain.has(target)) item.value = posix(relative(vendorAt, target));
        }
      }
    }
    vendored.files[`${VENDOR_DIR}/${rel}/${posix(relative(abs, kfile))}`] =
      `# Copied by kfgen from ${release.id} ${rel}: its remote bases point at the local mirror.\n${doc.toString()}`;
  }
  vendored.dirs = roots;
  return vendored;
}

function localRef(base: RemoteBase, mirrorDir: string, vendorAt: string, rel: string, out: Vendored): string {
  const source = join(mirrorDir, base.mirrorPath);
  if (base.kind === 'git') return posix(relative(vendorAt, source));
  const local = `remote/${base.mirrorPath}`;
  out.files[`${VENDOR_DIR}/${rel}/${local}`] = readFileSync(source, 'utf8');
  return local;
}

/** The folder's files, without subfolders that are kustomizations of their own (referenced, not copied). */
function folderFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, top: boolean) => {
    if (!top && kustomizationFile(d)) return;
    for (const entry of readdirSync(d).sort()) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full, false);
      else if (!KUSTOMIZATION_FILES.includes(entry) || !top) out.push(full);
    }
  };
  walk(dir, true);
  return out;
}

function missingMessage(
  release: Release,
  missing: RemoteBase[],
  mirrorDir: string | undefined,
  setting: string,
): string {
  const head = mirrorDir
    ? `the mirror ${mirrorDir} lacks remote bases that kubeflow/manifests ${release.id} fetches during kustomize build`
    : `kubeflow/manifests ${release.id} fetches remote bases during kustomize build, and kfgen builds offline from a local mirror: set ${setting}`;
  const urls = missing.map((b) => `${b.url} → <mirror>/${b.mirrorPath}`).join('; ');
  const fetches = [...new Set(missing.map((b) => b.fetch))].join(' && ');
  const each = `${urls}. Fetch them once where there is network: ${fetches}`;
  return `${head}: ${each}`;
}

import { fastToYaml } from '../../util/fast-yaml.js';

/**
 * Tenancy objects (Profiles, contributor bindings, programmatic-access objects) are written whole
 * and need no kustomize transformation, so they stay out of the kustomization: kustomize's cost
 * grows about quadratically with the number of objects (kubernetes-sigs/kustomize#5084), and at
 * 10,000 users they would dominate the build. They are applied as plain files after the platform,
 * as the members of one kubectl ApplySet, so that what the config no longer declares is pruned.
 */
export const TENANCY_DIR = 'tenancy';

/** Every tenancy object carries it, so `kubectl get … -l` finds what kfgen applied. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'kfgen';

/** Objects per file, about: small enough to review a diff, large enough that 10,000 users are ~100 files. */
export const CHUNK_OBJECTS = 500;

/** Whether a path of the output tree is one of the tenancy files applied as plain files. */
export function isTenancyFile(path: string): boolean {
  return path.startsWith(`${TENANCY_DIR}/`) && path.endsWith('.yaml');
}

type Obj = Record<string, unknown>;
interface Meta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  [k: string]: unknown;
}

/** A copy with the kfgen label; metadata keys in a fixed order (name, namespace, labels, the rest). */
export function withManagedLabel<T extends Obj>(o: T): T {
  const { name, namespace, labels, ...rest } = (o.metadata ?? {}) as Meta;
  const metadata = {
    name,
    ...(namespace !== undefined && { namespace }),
    labels: { ...labels, [MANAGED_BY_LABEL]: MANAGED_BY },
    ...rest,
  };
  return { ...o, metadata };
}

/**
 * `tenancy/<base>.yaml` while the objects fit one chunk; past that, `tenancy/<base>-NNN.yaml` with
 * each object in the bucket of a hash of its `by` field (the profile it is or belongs to). Buckets, unlike
 * consecutive slices, keep a diff small: one user more changes one file, not every file after it.
 * The bucket count is a power of two, so it changes only when the tenancy doubles.
 */
export function tenancyFiles(base: string, objects: unknown[], by: 'name' | 'namespace'): Record<string, string> {
  if (!objects.length) return {};
  const docs = (objects as Obj[]).map((o) => ({
    key: String((o.metadata as Meta | undefined)?.[by] ?? ''),
    text: fastToYaml(withManagedLabel(o)),
  }));
  if (docs.length <= CHUNK_OBJECTS) return { [`${TENANCY_DIR}/${base}.yaml`]: docs.map((d) => d.text).join('---\n') };
  let buckets = 1;
  while (docs.length / buckets > CHUNK_OBJECTS) buckets *= 2;
  const width = String(buckets - 1).length;
  const parts: string[][] = Array.from({ length: buckets }, () => []);
  for (const d of docs) parts[bucketOf(d.key, buckets)]!.push(d.text);
  const files: Record<string, string> = {};
  parts.forEach((texts, i) => {
    if (texts.length) files[`${TENANCY_DIR}/${base}-${String(i).padStart(width, '0')}.yaml`] = texts.join('---\n');
  });
  return files;
}

/** FNV-1a (32 bit): stable across runs and machines, and cheap enough for 30,000 objects. */
function bucketOf(key: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % buckets;
}

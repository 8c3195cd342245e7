import type { FileTree } from '../generate/core/model.js';
import { isTenancyFile } from '../generate/tenancy/files.js';
import { APPLYSET_PARENT_FILE } from '../generate/tenancy/applyset.js';
import type { LintSource } from '../lint/index.js';
import { parseDocumentBounded } from '../util/yaml-bounds.js';

/**
 * The files applied as they are, beside `kustomize build`: the tenancy objects and their ApplySet
 * parent (docs/tenancy.md). Whatever renders or lints "what is applied" adds these to the build.
 */
export function plainAppliedFiles(files: Iterable<string>): string[] {
  return [...files].filter((path) => isTenancyFile(path) || path === APPLYSET_PARENT_FILE).sort();
}

/** `plainAppliedFiles` as lint sources, named as the user sees them. */
export function plainAppliedSources(tree: ReadonlyMap<string, string>, prefix: string): LintSource[] {
  return plainAppliedFiles(tree.keys()).map((path) => ({
    file: prefix ? `${prefix}/${path}` : path,
    text: tree.get(path)!,
  }));
}

/**
 * The generated files that are whole objects (resources of the kustomization, the files applied
 * as they are, and the cluster files). Patches and generator inputs are fragments: they are
 * checked after kustomize renders.
 */
export function standaloneSources(tree: FileTree, prefix: string): LintSource[] {
  // In the hook this is the committed out/, which may be anything: bounded, and an error throws.
  const doc = parseDocumentBounded(tree.get('kustomization.yaml') ?? '{}');
  if (doc.errors.length) throw doc.errors[0];
  const kustomization = (doc.toJS() ?? {}) as { resources?: string[] };
  const local = new Set((kustomization.resources ?? []).filter((r) => !r.startsWith('..') && !r.includes('://')));
  for (const path of plainAppliedFiles(tree.keys())) local.add(path);
  return [...tree.keys()]
    .filter((path) => local.has(path) || (path.startsWith('cluster/') && path.endsWith('.yaml')))
    .map((path) => ({ file: prefix ? `${prefix}/${path}` : path, text: tree.get(path)! }));
}

import { parse } from 'yaml';
import type { FileTree } from '../generate/model.js';
import type { LintSource } from '../lint/index.js';

/**
 * The generated files that are whole objects (resources of the kustomization and the cluster
 * files). Patches and generator inputs are fragments: they are checked after kustomize renders.
 */
export function standaloneSources(tree: FileTree, prefix: string): LintSource[] {
  const kustomization = parse(tree.get('kustomization.yaml') ?? '{}') as { resources?: string[] };
  const local = new Set((kustomization.resources ?? []).filter((r) => !r.startsWith('..') && !r.includes('://')));
  return [...tree.keys()]
    .filter((path) => local.has(path) || (path.startsWith('cluster/') && path.endsWith('.yaml')))
    .map((path) => ({ file: prefix ? `${prefix}/${path}` : path, text: tree.get(path)! }));
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { FileTree } from '../generate/core/model.js';

export interface TreeDiff {
  stale: string[];
  missing: string[];
  extra: string[];
}

/** Files under secrets/ hold values read at build time; they are git-ignored and never compared. */
const ignored = (path: string) => path === 'secrets' || path.startsWith('secrets/');

/** `skip`: paths not regenerated this time (vendor/ without the tree or the mirror), so not compared. */
export function compareTree(tree: FileTree, dir: string, skip: (path: string) => boolean = () => false): TreeDiff {
  const onDisk = readTree(dir);
  for (const path of [...onDisk.keys()]) if (skip(path)) onDisk.delete(path);
  const diff: TreeDiff = { stale: [], missing: [], extra: [] };
  for (const [path, content] of tree) {
    if (ignored(path)) continue;
    const have = onDisk.get(path);
    if (have === undefined) diff.missing.push(path);
    else if (have !== content) diff.stale.push(path);
  }
  for (const path of onDisk.keys()) if (!tree.has(path)) diff.extra.push(path);
  for (const list of Object.values(diff)) list.sort();
  return diff;
}

/** The files below `root` (secrets/ left out), by relative path. */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(root)) return files;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      const rel = relative(root, full).split(sep).join('/');
      if (ignored(rel)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else files.set(rel, readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}

import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileTree } from '../generate/model.js';

/**
 * Writes the tree beside the target, then swaps it in, so a failure leaves the previous output
 * whole. Secret files are readable by the owner only.
 */
export function writeTreeAtomic(outDir: string, tree: FileTree): void {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `${basename(outDir)}.kfgen-tmp-`));
  try {
    for (const [path, content] of tree) {
      const full = join(staging, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content, { mode: path.startsWith('secrets/') ? 0o600 : 0o644 });
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  let previous: string | undefined;
  if (existsSync(outDir)) {
    previous = `${staging.replace('.kfgen-tmp-', '.kfgen-old-')}`;
    renameSync(outDir, previous);
  }
  try {
    renameSync(staging, outDir);
  } catch (e) {
    if (previous) renameSync(previous, outDir);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (previous) rmSync(previous, { recursive: true, force: true });
}

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { GENERATED_MARK, type FileTree } from '../generate/core/model.js';
import { UsageError } from '../config/errors.js';

/**
 * The output directory is replaced whole, so it must be one kfgen wrote (or an empty one): never
 * the project, a checkout, or a directory of someone else's files.
 */
export function assertReplaceable(outDir: string): void {
  if (!existsSync(outDir)) return;
  const entries = readdirSync(outDir);
  if (entries.length === 0) return;
  const kustomization = join(outDir, 'kustomization.yaml');
  if (existsSync(kustomization) && readFileSync(kustomization, 'utf8').startsWith(GENERATED_MARK)) return;
  throw new UsageError(
    `refusing to replace ${outDir}: it is not empty and was not written by kfgen (its kustomization.yaml does not start with "${GENERATED_MARK}"); choose another --out, or empty it`,
  );
}

/**
 * Writes the tree beside the target, then swaps it in, so a failure leaves the previous output
 * whole. Secret files are readable by the owner only. `keep`: files of the user's in the previous
 * output (what NEXT_STEPS wrote there, such as the user pool's backup) that the new one carries over.
 */
export function writeTreeAtomic(outDir: string, tree: FileTree, keep: readonly string[] = []): void {
  assertReplaceable(outDir);
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `${basename(outDir)}.kfgen-tmp-`));
  try {
    for (const [path, content] of tree) {
      const full = join(staging, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content, { mode: path.startsWith('secrets/') ? 0o600 : 0o644 });
    }
    for (const path of keep) {
      const from = join(outDir, path);
      if (tree.has(path) || !existsSync(from)) continue;
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      copyFileSync(from, join(staging, path));
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

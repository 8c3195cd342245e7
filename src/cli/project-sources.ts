import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProject } from '../project.js';
import { standaloneSources } from '../project-lint.js';
import { writeTreeAtomic } from '../util/write-tree.js';
import { UsageError } from '../config/errors.js';
import { kustomizeBuild } from '../lint/io/kustomize.js';
import type { LintOptions, LintSource } from '../lint/index.js';

/**
 * `kfgen lint` with no argument: the project's config (validated while loading), the tree it
 * generates, and, when kustomize is available, the fully rendered platform.
 */
export async function renderProjectSources(): Promise<{ sources: LintSource[]; options: LintOptions } | null> {
  // Generated into a scratch directory so linting never touches the user's output; the paths to
  // the manifests tree are computed for where the tree is actually written.
  const scratch = mkdtempSync(join(tmpdir(), 'kfgen-lint-'));
  const out = join(scratch, 'out');
  try {
    let build;
    try {
      build = await buildProject({ cwd: process.cwd(), outDir: out });
    } catch (e) {
      if (e instanceof UsageError && /no kfgen config found/.test(e.message)) return null;
      throw e;
    }
    const shown = 'out';
    const options: LintOptions = { rules: build.loaded.config.lint?.rules };
    writeTreeAtomic(out, build.tree);
    const rendered = build.loaded.manifestsDir ? await kustomizeBuild(out).catch(() => null) : null;
    const cluster = standaloneSources(build.tree, shown).filter((s) => s.file.includes('/cluster/'));
    if (rendered === null) {
      console.error('kfgen lint: kustomize not found (or the build failed): linting the generated files only; install it with `npm run tools`');
      return { sources: standaloneSources(build.tree, shown), options };
    }
    return { sources: [{ file: `${shown} (kustomize build)`, text: rendered }, ...cluster], options };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

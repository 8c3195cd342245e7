import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProject } from '../pipeline/index.js';
import { plainAppliedSources, standaloneSources } from '../pipeline/sources.js';
import { writeTreeAtomic } from '../pipeline/write-tree.js';
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
    writeTreeAtomic(out, build.tree, build.setupFiles);
    // A remote (manifests.git) base would be fetched over the network: lint what was generated.
    const rendered = build.loaded.manifestsDir ? await kustomizeBuild(out) : null;
    const cluster = standaloneSources(build.tree, shown).filter((s) => s.file.includes('/cluster/'));
    if (rendered === null) {
      const why = build.loaded.manifestsDir
        ? 'kustomize was not found (install it with `npm run tools`)'
        : 'manifests.git is not rendered locally';
      console.error(`kfgen lint: ${why}: linting the generated files only`);
      return { sources: standaloneSources(build.tree, shown), options };
    }
    // What is applied: the build, and the tenancy files applied beside it (docs/tenancy.md).
    return {
      sources: [
        { file: `${shown} (kustomize build)`, text: rendered },
        ...cluster,
        ...plainAppliedSources(build.tree, shown),
      ],
      options,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

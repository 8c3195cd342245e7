import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { buildProject } from '../project.js';
import { writeTreeAtomic } from '../util/write-tree.js';
import { standaloneSources } from '../project-lint.js';
import { EXIT } from '../config/errors.js';
import { PROJECT_OPTIONS } from './options.js';

export async function buildCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...PROJECT_OPTIONS, force: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  const { outDir, tree, loaded } = await buildProject({ cwd: process.cwd(), configFile: values.config, outDir: values.out, manifestsDir: values.manifests });
  const shown = relative(process.cwd(), outDir) || '.';
  // The same checks as `kfgen lint`, on the objects kfgen writes whole; errors block the write.
  const { lintSources, formatFindings } = await import('../lint/index.js');
  // "info" findings (kinds whose CRD is only in the manifests tree) are noise before kustomize runs.
  const findings = (await lintSources(standaloneSources(tree, shown), { rules: loaded.config.lint?.rules })).filter((f) => f.severity !== 'info');
  const errors = findings.filter((f) => f.severity === 'error');
  if (findings.length) process.stderr.write(formatFindings(findings, 'text'));
  if (errors.length && !values.force) {
    console.error(`kfgen: ${errors.length} lint error(s); nothing was written. Fix the config, or pass --force to write anyway.`);
    return EXIT.invalid;
  }
  writeTreeAtomic(outDir, tree);
  console.log(`kfgen: wrote ${tree.size} files to ${shown}/ — read ${shown}/NEXT_STEPS.md`);
  return EXIT.ok;
}

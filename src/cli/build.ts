import { relative, resolve } from 'node:path';
import { buildProject } from '../pipeline/index.js';
import { writeTreeAtomic } from '../pipeline/write-tree.js';
import { EXIT } from '../config/errors.js';
import type { Args, BUILD_OPTIONS } from './options.js';

export async function buildCommand({ values }: Args<typeof BUILD_OPTIONS>): Promise<number> {
  const cwd = process.cwd();
  const outDir = resolve(cwd, values.out ?? 'out');
  const shown = relative(cwd, outDir) || '.';
  const { tree, findings, errors, setupFiles } = await buildProject({
    cwd,
    configFile: values.config,
    outDir,
    manifestsDir: values.manifests,
    remoteBasesDir: values['remote-bases'],
    lint: true,
    shown,
  });
  if (findings.length) {
    const { formatFindings } = await import('../lint/index.js');
    process.stderr.write(formatFindings(findings, 'text'));
  }
  if (errors && !values.force) {
    console.error(
      `kfgen: ${errors} lint error(s); nothing was written. Fix the config, or pass --force to write anyway.`,
    );
    return EXIT.invalid;
  }
  writeTreeAtomic(outDir, tree, setupFiles);
  console.log(`kfgen: wrote ${tree.size} files to ${shown}/ — read ${shown}/NEXT_STEPS.md`);
  return EXIT.ok;
}

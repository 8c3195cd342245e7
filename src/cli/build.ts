import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { buildProject } from '../project.js';
import { writeTreeAtomic } from '../util/write-tree.js';
import { EXIT } from '../config/errors.js';

export async function buildCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string', short: 'c' }, out: { type: 'string', short: 'o' }, manifests: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const { outDir, tree } = await buildProject({ cwd: process.cwd(), configFile: values.config, outDir: values.out, manifestsDir: values.manifests });
  writeTreeAtomic(outDir, tree);
  const shown = relative(process.cwd(), outDir) || '.';
  console.log(`kfgen: wrote ${tree.size} files to ${shown}/ — read ${shown}/NEXT_STEPS.md`);
  return EXIT.ok;
}

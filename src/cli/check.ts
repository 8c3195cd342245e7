import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { EXIT, UsageError } from '../config/errors.js';
import type { Args, CHECK_OPTIONS } from './options.js';
import { loadProject, runPipeline } from '../pipeline/index.js';
import { compareTree, type TreeDiff } from '../pipeline/compare-tree.js';
import { VENDOR_DIR } from '../pipeline/vendor.js';

export async function checkTree(opts: {
  cwd: string;
  configFile?: string;
  outDir?: string;
  manifestsDir?: string;
  remoteBasesDir?: string;
}): Promise<{ outDir: string; configFile: string; diff: TreeDiff }> {
  const loaded = await loadProject({
    cwd: opts.cwd,
    configFile: opts.configFile,
    manifestsDir: opts.manifestsDir,
    remoteBasesDir: opts.remoteBasesDir,
    requireManifests: false,
  });
  const outDir = resolve(opts.cwd, opts.outDir ?? 'out');
  if (existsSync(outDir) && !statSync(outDir).isDirectory())
    throw new UsageError(`--out ${opts.outDir}: not a directory`);
  const { tree, vendorSkipped, setupFiles } = await runPipeline({
    loaded,
    outDir,
    secrets: 'placeholder',
    lint: false,
  });
  // What NEXT_STEPS had the user write there is theirs, not kfgen's output.
  const skip = (p: string) => setupFiles.includes(p) || (vendorSkipped && p.startsWith(`${VENDOR_DIR}/`));
  return { outDir, configFile: loaded.displayFile, diff: compareTree(tree, outDir, skip) };
}

export async function checkCommand({ values }: Args<typeof CHECK_OPTIONS>): Promise<number> {
  const cwd = process.cwd();
  const { outDir, configFile, diff } = await checkTree({
    cwd,
    configFile: values.config,
    outDir: values.out,
    manifestsDir: values.manifests,
    remoteBasesDir: values['remote-bases'],
  });
  const shown = relative(cwd, outDir) || '.';
  const count = diff.stale.length + diff.missing.length + diff.extra.length;
  if (!count) {
    console.log(`kfgen check: ${shown}/ is up to date with ${configFile}`);
    return EXIT.ok;
  }
  const lines = [`kfgen check: ${shown}/ is stale: ${count} file(s) differ from what ${configFile} generates`];
  if (!existsSync(outDir)) lines.push(`  ${shown}/ does not exist`);
  else {
    const LIMIT = 20;
    const all = [
      ...diff.stale.map((p) => `  stale    ${shown}/${p}`),
      ...diff.missing.map((p) => `  missing  ${shown}/${p}`),
      ...diff.extra.map((p) => `  extra    ${shown}/${p}`),
    ];
    lines.push(...all.slice(0, LIMIT));
    if (all.length > LIMIT) lines.push(`  … and ${all.length - LIMIT} more`);
  }
  lines.push(
    `Run \`kfgen build${values.config ? ` --config ${values.config}` : ''}${values.out ? ` --out ${values.out}` : ''}\` and commit the result.`,
  );
  console.error(lines.join('\n'));
  return EXIT.invalid;
}

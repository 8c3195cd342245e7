// Rewrites fixtures/<name>/expected/ from each fixture's config. Review the diff before committing.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildProject } from '../src/pipeline/index.js';
import { writeTreeAtomic } from '../src/pipeline/write-tree.js';
import { FIXTURE_ENV, fixtureConfig, fixtureManifestsDir, fixturesDir } from '../test/support/fixtures.js';
import { remoteBasesDir, repoRoot } from '../test/support/tools.js';

const only = process.argv.slice(2);
for (const name of readdirSync(fixturesDir).sort()) {
  if (!existsSync(fixtureConfig(name)) || (only.length && !only.includes(name))) continue;
  const outDir = join(fixturesDir, name, 'expected');
  const { tree } = await buildProject({
    cwd: repoRoot,
    configFile: fixtureConfig(name),
    outDir,
    env: FIXTURE_ENV,
    manifestsDir: fixtureManifestsDir(name),
    remoteBasesDir,
  });
  writeTreeAtomic(outDir, tree);
  rmSync(join(outDir, 'secrets'), { recursive: true, force: true });
  // Copies of upstream files: generated, not committed (test/support/fixtures.ts isVendored).
  rmSync(join(outDir, 'vendor'), { recursive: true, force: true });
  console.log(`updated fixtures/${name}/expected (${tree.size} files)`);
}

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { missingTools, remoteBasesDir, repoRoot } from '../support/tools.js';
import { FIXTURE_ENV, fixtureConfig, fixtureManifestsDir, fixturesDir } from '../support/fixtures.js';

const skip = missingTools('manifests', 'release-manifests');
const fixtures = readdirSync(fixturesDir)
  .filter((n) => existsSync(fixtureConfig(n)))
  .sort();

// The tests that render fixtures call the generator directly; this is the user's path, with the
// lint gate that `kfgen build` puts in front of every write.
test('`kfgen build` writes every fixture, with no lint error on the way', async () => {
  if (skip) return;
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-cli-fixtures-'));
  try {
    const runs = await Promise.all(
      fixtures.map((name) =>
        execa(
          'node',
          [
            join(repoRoot, 'bin/kfgen.js'),
            'build',
            '--config',
            fixtureConfig(name),
            '--out',
            join(dir, name),
            '--manifests',
            fixtureManifestsDir(name),
            '--remote-bases',
            remoteBasesDir,
          ],
          {
            reject: false,
            env: FIXTURE_ENV,
          },
        ).then((r) => ({ ...r, name })),
      ),
    );
    for (const r of runs) {
      assert.is(r.exitCode, 0, `${r.name}: ${r.stderr}`);
      assert.not.match(r.stderr, / error /, `${r.name}: ${r.stderr}`);
      assert.ok(existsSync(join(dir, r.name, 'kustomization.yaml')), r.name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();

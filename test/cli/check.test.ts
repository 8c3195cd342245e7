import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTree } from '../../src/cli/check.js';
import { manifestsDir, missingTools, repoRoot } from '../support/tools.js';
import { FIXTURE_ENV, buildFixture, fixtureConfig } from '../support/fixtures.js';

const skip = missingTools('manifests');
const cli = join(repoRoot, 'bin/kfgen.js');
const check = suite('kfgen check');

let built: Awaited<ReturnType<typeof buildFixture>>;
check.before(async () => {
  if (!skip) built = await buildFixture('dex-static-user');
});
check.after(() => built?.cleanup());

const run = (outDir: string) =>
  checkTree({ cwd: repoRoot, configFile: fixtureConfig('dex-static-user'), outDir, manifestsDir });

check('freshly built output is up to date, without reading any secret', async () => {
  if (skip) return;
  // checkTree gets no env at all: secrets only reach secrets/, which is ignored
  assert.equal((await run(built.outDir)).diff, { stale: [], missing: [], extra: [] });
});

check('secrets/ is ignored whatever it holds', async () => {
  if (skip) return;
  rmSync(join(built.outDir, 'secrets'), { recursive: true, force: true });
  mkdirSync(join(built.outDir, 'secrets'));
  writeFileSync(join(built.outDir, 'secrets/leftover.env'), 'X=1\n');
  assert.equal((await run(built.outDir)).diff, { stale: [], missing: [], extra: [] });
});

check('stale, missing and extra files are listed; the CLI exits 1 with a short list', async () => {
  if (skip) return;
  appendFileSync(join(built.outDir, 'kustomization.yaml'), '# edited by hand\n');
  unlinkSync(join(built.outDir, 'NEXT_STEPS.md'));
  writeFileSync(join(built.outDir, 'old.yaml'), 'kind: ConfigMap\n');
  const { diff } = await run(built.outDir);
  assert.equal(diff, { stale: ['kustomization.yaml'], missing: ['NEXT_STEPS.md'], extra: ['old.yaml'] });
  const r = spawnSync(
    process.execPath,
    [cli, 'check', '--config', fixtureConfig('dex-static-user'), '--out', built.outDir, '--manifests', manifestsDir],
    { encoding: 'utf8', cwd: repoRoot, env: { ...process.env, DEX_CLIENT_SECRET: '', DEX_ADMIN_HASH: '' } },
  );
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, /is stale: 3 file\(s\) differ from what .*kfgen\.config\.yaml generates/);
  assert.match(r.stderr, /stale +\S*kustomization\.yaml/);
  assert.match(r.stderr, /missing +\S*NEXT_STEPS\.md/);
  assert.match(r.stderr, /extra +\S*old\.yaml/);
  assert.match(r.stderr, /Run `kfgen build --config .* --out .*` and commit the result\./);
});

check('a missing output directory is stale; an up-to-date one exits 0', async () => {
  if (skip) return;
  const r = spawnSync(
    process.execPath,
    [
      cli,
      'check',
      '--config',
      fixtureConfig('dex-static-user'),
      '--out',
      join(built.outDir, 'nowhere'),
      '--manifests',
      manifestsDir,
    ],
    { encoding: 'utf8', cwd: repoRoot },
  );
  assert.is(r.status, 1);
  assert.match(r.stderr, /nowhere\/ does not exist/);
  const fresh = await buildFixture('dex-static-user');
  try {
    const ok = execFileSync(
      process.execPath,
      [cli, 'check', '--config', fixtureConfig('dex-static-user'), '--out', fresh.outDir, '--manifests', manifestsDir],
      { encoding: 'utf8', cwd: repoRoot },
    );
    assert.match(ok, /is up to date with/);
  } finally {
    fresh.cleanup();
  }
});

check(
  "what NEXT_STEPS wrote into out/ survives a rebuild and is not called extra (the user pool's backup TEARDOWN restores from)",
  () => {
    if (skip) return;
    // cognito-adfs-groups: Cognito + ADFS with the Profile Manager, whose attach step saves the pool.
    const fixture = 'cognito-adfs-groups';
    const dir = mkdtempSync(join(tmpdir(), 'kfgen-setup-files-'));
    const out = join(dir, 'out');
    const kfgen = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [cli, ...args, '--config', fixtureConfig(fixture), '--out', out, '--manifests', manifestsDir],
        {
          encoding: 'utf8',
          cwd: repoRoot,
          env: { ...process.env, ...FIXTURE_ENV },
        },
      );
    try {
      assert.is(kfgen('build').status, 0, 'first build');
      const teardown = readFileSync(join(out, 'TEARDOWN.md'), 'utf8');
      const backup = 'user-pool-eu-central-1_Gr0up5AdF-before.json';
      // The files TEARDOWN's last step names are the ones the set-up leaves here.
      for (const f of [backup, 'cognito-app-client.json'])
        assert.ok(teardown.includes(` ${f}`), `TEARDOWN.md names ${f}`);
      writeFileSync(join(out, backup), '{"LambdaConfig":{}}\n');
      writeFileSync(join(out, 'cognito-app-client.json'), '{"ClientId":"x"}\n');
      writeFileSync(join(out, 'notes.txt'), 'mine\n');
      const rebuilt = kfgen('build');
      assert.is(rebuilt.status, 0, rebuilt.stderr);
      assert.is(
        readFileSync(join(out, backup), 'utf8'),
        '{"LambdaConfig":{}}\n',
        'the backup is carried over byte for byte',
      );
      assert.is(readFileSync(join(out, 'cognito-app-client.json'), 'utf8'), '{"ClientId":"x"}\n');
      // Anything else is replaced with the directory, as before.
      assert.throws(() => readFileSync(join(out, 'notes.txt')), /ENOENT/);
      const checked = kfgen('check');
      assert.is(checked.status, 0, checked.stderr);
      writeFileSync(join(out, 'notes.txt'), 'mine\n');
      const extra = kfgen('check');
      assert.is(extra.status, 1, 'an unknown file is still extra');
      assert.match(extra.stderr, /extra +\S*notes\.txt/);
      assert.not.match(extra.stderr, /before\.json|cognito-app-client/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

check('usage errors exit 2', () => {
  const r = spawnSync(process.execPath, [cli, 'check', '--bogus'], { encoding: 'utf8', cwd: repoRoot });
  assert.is(r.status, 2);
});

check.run();

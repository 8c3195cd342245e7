import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { lintSources } from '../../src/lint/index.js';
import { manifestsDir, missingTools, repoRoot } from '../support/tools.js';
import { FIXTURE_ENV, fixtureConfig } from '../support/fixtures.js';

const bin = join(repoRoot, 'bin/kfgen.js');

test('an IstioOperator (no spec in the models) and an unquoted date are not lint errors', async () => {
  const findings = await lintSources([
    {
      file: 'profile.yaml',
      text: 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: p}\nspec:\n  profile: default\n  components: {pilot: {enabled: true}}\n',
    },
    {
      file: 'cm.yaml',
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d, namespace: x}\ndata: {released: 2024-01-01}\n',
    },
  ]);
  assert.equal(
    findings.filter((f) => f.severity === 'error').map((f) => `${f.file} ${f.ruleId} ${f.message}`),
    [],
  );
});

test('an unknown rule id in lint.rules is a config error with a suggestion, not a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-rules-'));
  try {
    const config = readFileSync(fixtureConfig('dex-static-user'), 'utf8').replace(
      /^  path: .*$/m,
      `  path: ${manifestsDir}`,
    );
    writeFileSync(join(dir, 'kfgen.config.yaml'), `${config}lint:\n  rules: { ingress-buffer-sise: off }\n`);
    writeFileSync(join(dir, 'cookie-secret.txt'), '0123456789abcdef');
    const r = await execa('node', [bin, 'build'], { cwd: dir, reject: false, env: FIXTURE_ENV });
    assert.is(r.exitCode, 1, r.stderr);
    assert.match(
      r.stderr,
      /^kfgen\.config\.yaml:\d+: lint\.rules\.ingress-buffer-sise: is not a lint rule; did you mean "ingress-buffer-size"\?$/m,
    );
    assert.not.match(r.stderr, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kfgen check works without the manifests checkout, and refuses a file as --out', async () => {
  if (missingTools('manifests')) return;
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-check-'));
  try {
    const config = readFileSync(fixtureConfig('eks-entra-nginx'), 'utf8').replace(
      /^  path: .*$/m,
      '  path: ../kubeflow-manifests-not-here',
    );
    writeFileSync(join(dir, 'kfgen.config.yaml'), config);
    const built = await execa('node', [bin, 'build', '--manifests', manifestsDir], {
      cwd: dir,
      reject: false,
      env: FIXTURE_ENV,
    });
    assert.is(built.exitCode, 0, built.stderr);
    // The output was written with the tree elsewhere; check compares text, which names the
    // configured path, so point the config at where the build found it.
    const r = await execa('node', [bin, 'check', '--manifests', manifestsDir], { cwd: dir, reject: false });
    assert.is(r.exitCode, 0, r.stderr);
    const alone = await execa('node', [bin, 'check'], { cwd: dir, reject: false });
    assert.not.match(alone.stderr, /does not exist/, 'check never needs the tree itself');
    const file = await execa('node', [bin, 'check', '--out', 'kfgen.config.yaml'], { cwd: dir, reject: false });
    assert.is(file.exitCode, 2);
    assert.match(file.stderr, /--out kfgen\.config\.yaml: not a directory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();

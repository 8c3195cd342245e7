/**
 * The real pre-commit runs .pre-commit-hooks.yaml from a snapshot of this work tree against a
 * temporary git repository holding a kfgen config and its output. `try-repo` installs the node
 * environment into a throwaway store on every call (npm install + first-run compile, ~15 s), so
 * each scenario runs both hooks in one call.
 */
import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildProject } from '../../src/pipeline/index.js';
import { writeTreeAtomic } from '../../src/pipeline/write-tree.js';
import { kustomizeBin, manifestsDir, missingTools, preCommitBin, repoRoot } from '../support/tools.js';
import { FIXTURE_ENV, fixtureConfig, fixturesDir } from '../support/fixtures.js';

const skip = missingTools('kustomize', 'manifests', 'pre-commit');
const scratch = mkdtempSync(join(tmpdir(), 'kfgen-pre-commit-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.name=kfgen-test', '-c', 'user.email=test@kfgen.invalid', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8' },
  );

/** try-repo only sees committed files: commit what the hooks need from the current work tree. */
function snapshotHookRepo(): string {
  const dir = join(scratch, 'kfgen');
  mkdirSync(dir);
  for (const f of [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    '.pre-commit-hooks.yaml',
    'src',
    'bin',
    'schemas',
    'overlays',
  ])
    cpSync(join(repoRoot, f), join(dir, f), { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'snapshot');
  return dir;
}

/** A deployment repository: the config, `kfgen build` output (secrets/ git-ignored) and nothing else. */
async function deploymentRepo(): Promise<string> {
  const dir = join(scratch, 'deploy');
  mkdirSync(dir);
  const config = readFileSync(fixtureConfig('eks-entra-nginx'), 'utf8').replace(
    /^  path: .*$/m,
    `  path: ${relative(dir, manifestsDir)}`,
  );
  writeFileSync(join(dir, 'kfgen.config.yaml'), config);
  const { outDir, tree } = await buildProject({ cwd: dir, env: FIXTURE_ENV });
  writeTreeAtomic(outDir, tree);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'kubeflow');
  return dir;
}

function tryRepo(hookRepo: string, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const env = {
      ...process.env,
      PRE_COMMIT_HOME: join(scratch, 'store'),
      KUSTOMIZE: kustomizeBin,
      PRE_COMMIT_COLOR: 'never',
    };
    execFile(
      preCommitBin,
      ['try-repo', hookRepo, '--all-files', '--verbose'],
      { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: stdout + stderr }),
    );
  });
}

/** pre-commit prints one section per hook; the text between a hook's status line and the next. */
function section(output: string, hookName: RegExp): string {
  const start = output.search(hookName);
  assert.ok(start >= 0, `no section for ${hookName} in:\n${output}`);
  const rest = output.slice(start);
  const next = rest.slice(1).search(/^kfgen (lint|check) \(/m);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

const hooks = suite('pre-commit: kfgen-lint and kfgen-check from .pre-commit-hooks.yaml');
let hookRepo = '';
let repo = '';

hooks.before(async () => {
  if (skip) return;
  hookRepo = snapshotHookRepo();
  repo = await deploymentRepo();
});

hooks('a clean repository passes both hooks', async () => {
  if (skip) return;
  const { code, output } = await tryRepo(hookRepo, repo);
  assert.is(code, 0, output);
  assert.match(section(output, /^kfgen lint \(/m), /Passed/);
  assert.match(section(output, /^kfgen check \(/m), /Passed/);
  assert.match(output, /kfgen lint-repo: checked 0 manifest file\(s\), kfgen\.config\.yaml and out\//);
});

hooks(
  'a broken manifest fails kfgen-lint with its rule; a stale output fails kfgen-check with the stale files',
  async () => {
    if (skip) return;
    mkdirSync(join(repo, 'apps'));
    cpSync(join(fixturesDir, 'lint/schema-invalid/bad.yaml'), join(repo, 'apps/web.yaml'));
    // a kustomize patch is a fragment, not a broken object: kfgen-lint must not report it
    writeFileSync(join(repo, 'apps/kustomization.yaml'), 'resources: [web.yaml]\npatches: [{path: replicas.yaml}]\n');
    writeFileSync(
      join(repo, 'apps/replicas.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n',
    );
    // the config moves to another host, the output is not rebuilt
    const config = join(repo, 'kfgen.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('host: kubeflow.contoso.com', 'host: ml.contoso.com'));
    git(repo, 'add', '-A');
    const { code, output } = await tryRepo(hookRepo, repo);
    assert.is.not(code, 0, output);
    const lint = section(output, /^kfgen lint \(/m);
    assert.match(lint, /Failed/);
    assert.match(lint, /apps\/web\.yaml:\d+:\d+ error schema-invalid spec\.ports\[0\]\.port/);
    assert.not.match(lint, /apps\/replicas\.yaml/);
    const check = section(output, /^kfgen check \(/m);
    assert.match(check, /Failed/);
    assert.match(check, /kfgen check: out\/ is stale: \d+ file\(s\) differ from what kfgen\.config\.yaml generates/);
    assert.match(check, /stale +out\/ingress\.yaml/);
    assert.match(check, /Run `kfgen build` and commit the result\./);
  },
);

hooks.run();

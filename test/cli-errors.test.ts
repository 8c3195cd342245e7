import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { repoRoot, manifestsDir } from './support/tools.js';

const bin = join(repoRoot, 'bin/kfgen.js');

const VALID = `manifests:
  version: v1.9.1
  path: ${manifestsDir}
host: kubeflow.example.com
platform:
  provider: generic
tls:
  mode: none
auth:
  provider: azure-ad
  azureAd:
    tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47
    clientId: 5d3f1c2a-9b8e-4f7a-a6d5-0c1b2e3f4a5b
    clientSecret: { env: T_CLIENT_SECRET }
  cookieSecret: { env: T_COOKIE_SECRET }
`;
const ENV = { T_CLIENT_SECRET: 'x', T_COOKIE_SECRET: '0123456789abcdef' };

/** Runs `kfgen build` on a config in a scratch dir whose out/ already holds a previous build. */
async function build(config: string, env: Record<string, string> = ENV, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-cli-'));
  writeFileSync(join(dir, 'kfgen.config.yaml'), config);
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'out', 'previous.txt'), 'previous build');
  const r = await execa('node', [bin, 'build', ...args], { cwd: dir, reject: false, env: { ...env, PATH: process.env.PATH }, extendEnv: false });
  const out = readdirSync(join(dir, 'out')).sort();
  const leftovers = readdirSync(dir).filter((f) => f.includes('kfgen-tmp') || f.includes('kfgen-old'));
  rmSync(dir, { recursive: true, force: true });
  return { code: r.exitCode, stderr: r.stderr, stdout: r.stdout, out, leftovers };
}

function assertRejected(r: Awaited<ReturnType<typeof build>>, pattern: RegExp) {
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(r.out, ['previous.txt'], 'previous output left intact');
  assert.equal(r.leftovers, []);
}

test('a valid config builds and replaces the previous output', async () => {
  const r = await build(VALID);
  assert.is(r.code, 0, r.stderr);
  assert.ok(r.out.includes('kustomization.yaml') && !r.out.includes('previous.txt'));
});

test('unknown key: file, line, path and a did-you-mean', async () => {
  const r = await build(VALID.replace('  provider: azure-ad', '  provider: azure-ad\n  userClam: email'));
  assertRejected(r, /^kfgen\.config\.yaml:\d+: auth\.userClam: unknown key \(allowed: .*userClaim.*\); did you mean "userClaim"\?$/m);
});

test('wrong type names the expected type', async () => {
  const r = await build(VALID.replace('host: kubeflow.example.com', 'host: 42'));
  assertRejected(r, /^kfgen\.config\.yaml:4: host: must be string, got number 42$/m);
});

test('a literal secret is refused with the three allowed forms', async () => {
  const r = await build(VALID.replace('clientSecret: { env: T_CLIENT_SECRET }', 'clientSecret: "s3cr3t"'));
  assertRejected(r, /auth\.azureAd\.clientSecret: a literal secret is not allowed.*\(allowed: \{ env: NAME \} \| \{ file: PATH \} \| \{ existingSecret: \{ name, key \} \}\)/);
  assert.not.match(r.stderr, /s3cr3t/, 'the secret is not echoed');
});

test('a missing environment variable is named', async () => {
  const r = await build(VALID, { T_COOKIE_SECRET: '0123456789abcdef' });
  assertRejected(r, /auth\.azureAd\.clientSecret: environment variable T_CLIENT_SECRET is not set/);
});

test('a missing secret file is named', async () => {
  const r = await build(VALID.replace('{ env: T_COOKIE_SECRET }', '{ file: nowhere/cookie.txt }'));
  assertRejected(r, /auth\.cookieSecret: cannot read secret file .*nowhere\/cookie\.txt/);
});

test('a cookie secret of the wrong length is refused', async () => {
  const r = await build(VALID, { ...ENV, T_COOKIE_SECRET: 'short' });
  assertRejected(r, /auth\.cookieSecret: oauth2-proxy needs a cookie secret of 16, 24 or 32 bytes, got 5/);
});

test('an unsupported manifests version is refused with what is supported', async () => {
  const r = await build(VALID.replace('version: v1.9.1', 'version: v1.10.2'));
  assertRejected(r, /^kfgen\.config\.yaml:2: manifests\.version: kubeflow\/manifests "v1\.10\.2" is not supported \(allowed: "v1\.9\.1"\)$/m);
});

test('a wrong enum value suggests the closest one', async () => {
  const r = await build(VALID.replace('provider: azure-ad', 'provider: azure'));
  assertRejected(r, /auth\.provider: "azure" is not allowed \(allowed: .*"azure-ad".*\); did you mean "azure-ad"\?/);
});

test('a missing manifests tree is an error with how to get it', async () => {
  const r = await build(VALID.replace(`path: ${manifestsDir}`, 'path: ./no-such-checkout'));
  assertRejected(r, /manifests\.path: directory .*no-such-checkout does not exist; clone it: git clone/);
});

test('several problems are reported together, one line each', async () => {
  const r = await build(VALID.replace('host: kubeflow.example.com', 'host: 42\nhots: x'));
  assert.is(r.code, 1);
  assert.is(r.stderr.trim().split('\n').length, 2, r.stderr);
});

test('usage errors exit 2', async () => {
  const r = await build(VALID, ENV, ['--no-such-flag']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /Unknown option '--no-such-flag'/);
  assert.equal(r.out, ['previous.txt']);
  const none = await execa('node', [bin, 'frobnicate'], { reject: false });
  assert.is(none.exitCode, 2);
});

test('no config found is a usage error that says where it looked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-empty-'));
  const r = await execa('node', [bin, 'build'], { cwd: dir, reject: false });
  rmSync(dir, { recursive: true, force: true });
  assert.is(r.exitCode, 2);
  assert.match(r.stderr, /no kfgen config found .*kfgen\.config\.ts.*run `kfgen init`/);
});

test('kfgen init writes a starter config that type-checks and builds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-init-'));
  try {
    const r = await execa('node', [bin, 'init', '--provider', 'dex', '--platform', 'generic'], { cwd: dir, reject: false });
    assert.is(r.exitCode, 0, r.stderr);
    const text = readFileSync(join(dir, 'kfgen.config.ts'), 'utf8');
    assert.match(text, /provider: 'dex'/);
    const again = await execa('node', [bin, 'init'], { cwd: dir, reject: false });
    assert.is(again.exitCode, 2, 'refuses to overwrite');
    // Point the starter at the real tree and build it as a user would.
    writeFileSync(join(dir, 'kfgen.config.ts'), text.replace("path: '../kubeflow-manifests'", `path: ${JSON.stringify(manifestsDir)}`).replace("from 'kfgen'", `from ${JSON.stringify(join(repoRoot, 'dist/index.js'))}`));
    const built = await execa('node', [bin, 'build'], {
      cwd: dir,
      reject: false,
      env: { DEX_ADMIN_HASH: '$2y$10$abcdefghijklmnopqrstuv', DEX_CLIENT_SECRET: 'c', KFGEN_COOKIE_SECRET: '0123456789abcdef' },
    });
    assert.is(built.exitCode, 0, built.stderr);
    assert.ok(existsSync(join(dir, 'out/kustomization.yaml')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the root kfgen.config.ts builds as written with no environment', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-root-'));
  try {
    const r = await execa('node', [bin, 'build', '--out', join(dir, 'out'), '--manifests', manifestsDir], {
      cwd: repoRoot,
      reject: false,
      env: { PATH: process.env.PATH! },
      extendEnv: false,
    });
    assert.is(r.exitCode, 0, r.stderr);
    assert.ok(existsSync(join(dir, 'out/NEXT_STEPS.md')));
    assert.not.ok(existsSync(join(dir, 'out/secrets')), 'existingSecret sources write no secret files');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();

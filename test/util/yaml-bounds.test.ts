/**
 * Hostile YAML at every entry point (issue 17): a cyclic alias (`a: &a [*a]`), an alias chain
 * deeper than the nesting limit, an alias bomb and 100,000 nested `[` must each end in one clear
 * error line and exit 1, never a stack trace, from the config loader (`kfgen build`), `kfgen lint`,
 * `kfgen-fn` (run as a process, as kustomize runs it) and the hook `kfgen lint-repo`.
 */
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import yaml from 'js-yaml';
import { suite } from '../support/suite.js';
import { main } from '../../src/cli/main.js';
import { cstDepthProblem, MAX_YAML_DEPTH, shapeProblem } from '../../src/util/yaml-bounds.js';
import { Parser } from 'yaml';
import { repoRoot } from '../support/tools.js';
import { Harness } from '../support/fuzz-harness.js';
import { aliasChain, aliasBomb, type InvalidCase } from '../support/arbitraries.js';

const STACK = /^\s+at .+[:(]\d+/m;
const N = 100_000;
const scratch = mkdtempSync(join(tmpdir(), 'kfgen-yaml-bounds-'));
let n = 0;
const fresh = () => {
  const dir = join(scratch, `d${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

async function inDir(dir: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cwd = process.cwd();
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((c: string | Uint8Array) => ((stdout += String(c)), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => ((stderr += String(c)), true)) as typeof process.stderr.write;
  process.chdir(dir);
  try {
    return { code: await main(argv), stdout, stderr };
  } finally {
    process.chdir(cwd);
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

const unit = suite('yaml bounds: the checks themselves');

unit('a cyclic alias is found, with the path of the alias and of what it refers back to', () => {
  const p = shapeProblem(yaml.load('a: {b: &x [1, {c: *x}]}\n'), { maxNodes: 1000 });
  assert.is(p?.kind, 'cycle');
  assert.is(p?.path, 'a.b[1].c');
  assert.match(p!.message, /^refers back to a\.b, which contains it \(a cyclic YAML alias\)/);
});

unit('an alias chain deeper than the limit, an alias bomb, and a shared value that is fine', () => {
  const deep = shapeProblem(yaml.load(aliasChain(MAX_YAML_DEPTH + 5)), { maxNodes: 1_000_000 });
  assert.is(deep?.kind, 'depth');
  assert.match(deep!.message, /nested more than 100 levels deep through YAML aliases/);
  const bomb = aliasBomb(9, 9);
  const big = shapeProblem(yaml.load(bomb), { maxNodes: bomb.length + 10_000 });
  assert.is(big?.kind, 'size');
  assert.is(shapeProblem(yaml.load('a: &a {x: [1, 2]}\nb: *a\nc: [*a, *a]\n'), { maxNodes: 100 }), undefined);
});

unit('the walks are iterative: a million levels and 100,000 nested `[` are answered, not overflowed', () => {
  const root: unknown[] = [];
  let at = root;
  for (let i = 0; i < 1_000_000; i++) at = at[0] = [] as unknown[];
  const p = shapeProblem(root, { maxNodes: Infinity });
  assert.is(p?.kind, 'depth');
  assert.ok(p!.path.endsWith('…'), 'the path is cut short');
  const tokens = [...new Parser().parse(`x: ${'['.repeat(N)}${']'.repeat(N)}\n`)];
  assert.is(cstDepthProblem(tokens), 3 + MAX_YAML_DEPTH - 1);
});

unit.run();

// ---------------------------------------------------------------------------------------------

const HOSTILE: Record<string, string> = {
  'a cyclic alias': 'a: &a [*a]\n',
  'an alias chain 150 deep': aliasChain(150),
  'an alias bomb': aliasBomb(9, 9),
  '100,000 nested [': `x: ${'['.repeat(N)}\n`,
  '100,000 nested [ ]': `x: ${'['.repeat(N)}${']'.repeat(N)}\n`,
};

const build = suite('yaml bounds: kfgen build with such a config');
const harness = new Harness();
build.after(() => harness.close());

const VALID: InvalidCase = {
  config: {
    manifests: { version: 'v1.9.1', path: 'manifests' },
    host: 'kubeflow.example.com',
    platform: { provider: 'generic' },
    tls: { mode: 'none' },
    ingress: { kind: 'none' },
    auth: {
      provider: 'oidc',
      oidc: { issuer: 'https://idp.example.com', clientId: 'kf', clientSecret: { env: 'FUZZ_SECRET_1' } },
      cookieSecret: { env: 'FUZZ_SECRET_2' },
    },
  },
  env: { FUZZ_SECRET_1: 'client-secret', FUZZ_SECRET_2: '0123456789abcdef' },
  files: {},
  format: 'yaml',
  mutation: 'hostile YAML',
};

for (const [what, text] of Object.entries(HOSTILE)) {
  build(`${what}: exit 1, one "file:line: …" line, out/ untouched`, async () => {
    // The harness checks the exit code, the line format, no stack trace and out/ byte for byte.
    const r = await harness.build({ ...VALID, text: `host: kubeflow.example.com\n${text}` }, { valid: false });
    assert.is(r.defect, undefined, r.defect);
    assert.is(r.stderr!.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr!, /^kfgen\.config\.yaml:\d+: /);
  });
}

build('the cycle is named by its field and line', async () => {
  const r = await harness.build({ ...VALID, text: 'host: x\nauth:\n  oidc: &o\n    issuer: *o\n' }, { valid: false });
  assert.is(r.defect, undefined, r.defect);
  assert.match(r.stderr!, /^kfgen\.config\.yaml:4: auth\.oidc\.issuer: refers back to auth\.oidc, which contains it/);
});

build('a package.json or JS config holding a cycle or deep nesting is refused the same way', async () => {
  const dir = fresh();
  const deep = `${'['.repeat(N)}${']'.repeat(N)}`;
  writeFileSync(join(dir, 'package.json'), `{"name": "x", "kfgen": {"host": ${deep}}}\n`);
  let r = await inDir(dir, ['build']);
  assert.is(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /^package\.json: host\[0\]\[0\].*…: is nested more than 100 levels deep; kfgen reads at most 100\n$/,
  );
  const js = fresh();
  writeFileSync(join(js, 'kfgen.config.mjs'), 'const c = { host: "x" };\nc.auth = { self: c };\nexport default c;\n');
  r = await inDir(js, ['build']);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /^kfgen\.config\.mjs: auth\.self: refers back to the whole document/);
  assert.not.match(r.stderr, STACK);
});

build.run();

// ---------------------------------------------------------------------------------------------

const lint = suite('yaml bounds: kfgen lint');

const manifest = (body: string) => `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n${body}`;
const indent = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => `  ${l}`)
    .join('\n') + '\n';

for (const [what, text] of Object.entries(HOSTILE)) {
  lint(`${what} in a manifest: a yaml-syntax error, exit 1`, async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'w.yaml'), manifest(indent(text)));
    const r = await inDir(dir, ['lint', 'w.yaml']);
    assert.is(r.code, 1, r.stdout + r.stderr);
    assert.not.match(r.stdout + r.stderr, STACK);
    const lines = r.stdout.trim().split('\n');
    assert.is(lines.length, 2, r.stdout);
    assert.match(lines[0]!, /^w\.yaml:\d+:\d+ error yaml-syntax /);
  });
}

lint('a cyclic alias is reported at the alias, with its path', async () => {
  const dir = fresh();
  writeFileSync(join(dir, 'w.yaml'), manifest('  a: &a\n    b: [1, *a]\n'));
  const r = await inDir(dir, ['lint', '--format', 'json', 'w.yaml']);
  assert.is(r.code, 1);
  const [f] = JSON.parse(r.stdout).findings ?? JSON.parse(r.stdout);
  assert.is(f.ruleId, 'yaml-syntax');
  assert.is(f.line, 6);
  assert.is(f.messageId, 'notFiniteAt');
  assert.is(f.field, 'spec.a.b[1]');
  // the cycle's target is in the problem (util/yaml-bounds), not the rule's wording
  assert.match(f.message, /refers back to spec\.a\b/);
});

lint('a cyclic alias inside an embedded document (aws-auth mapRoles) is a finding, not a crash', async () => {
  const dir = fresh();
  writeFileSync(
    join(dir, 'aws-auth.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: aws-auth, namespace: kube-system}\ndata:\n  mapRoles: |\n    - &a\n      rolearn: arn:aws:iam::111122223333:role/x\n      username: x\n      groups: [*a]\n',
  );
  const r = await inDir(dir, ['lint', '--format', 'json', 'aws-auth.yaml']);
  assert.is(r.code, 1, r.stdout + r.stderr);
  const findings: Array<{ ruleId: string; messageId?: string; field?: string; message: string }> =
    JSON.parse(r.stdout).findings ?? JSON.parse(r.stdout);
  const f = findings.find((x) => x.ruleId === 'schema-invalid');
  assert.is(f?.messageId, 'awsAuthNotYaml', r.stdout);
  assert.is(f!.field, 'data.mapRoles');
  // the reason names the cycle inside the embedded list (util/yaml-bounds)
  assert.match(f!.message, /\[0\]\.groups\[0\]: refers back to \[0\]/);
});

lint.run();

// ---------------------------------------------------------------------------------------------

const fn = suite('yaml bounds: kfgen-fn (as a process)');
const TSX = import.meta.resolve('tsx');
const ENTRY = join(repoRoot, 'test/support/kfgen-src.ts');
const RL = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n';

for (const [what, text] of Object.entries({ ...HOSTILE, 'a cyclic alias as the whole input': '&r\nitems: [*r]\n' })) {
  fn(`${what}: exit 1, a "kfgen-fn: …" line, an error result`, async () => {
    const stdin = what.endsWith('whole input') ? text : `${RL}${text}`;
    const p = await execa(process.execPath, ['--import', TSX, ENTRY, 'fn'], {
      cwd: fresh(),
      input: stdin,
      reject: false,
      timeout: 30_000,
    });
    assert.is(p.exitCode, 1, p.stderr);
    assert.not.match(p.stderr, STACK);
    const lines = p.stderr.trim().split('\n');
    assert.is(lines.length, 1, p.stderr);
    assert.match(lines[0]!, /^kfgen-fn: input /);
    const out = yaml.load(p.stdout) as { kind: string; items: unknown[]; results: Array<{ severity: string }> };
    assert.is(out.kind, 'ResourceList');
    assert.equal(out.items, []);
    assert.is(out.results[0]?.severity, 'error');
  });
}

fn('the issue\'s case names the alias: "input x[0]: refers back to x"', async () => {
  const p = await execa(process.execPath, ['--import', TSX, ENTRY, 'fn'], {
    cwd: fresh(),
    input: `${RL}x: &a [*a]\n`,
    reject: false,
  });
  assert.is(
    p.stderr,
    'kfgen-fn: input x[0]: refers back to x, which contains it (a cyclic YAML alias): the value is infinite; write it out instead',
  );
});

fn.run();

// ---------------------------------------------------------------------------------------------

const repo = suite('yaml bounds: kfgen lint-repo');
repo.after(() => rmSync(scratch, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'ignore' });

repo('hostile tracked manifests are yaml-syntax errors, each on its own line; exit 1', async () => {
  const dir = fresh();
  git(dir, 'init', '-q');
  const names = Object.keys(HOSTILE);
  names.forEach((what, i) => writeFileSync(join(dir, `m${i}.yaml`), manifest(indent(HOSTILE[what]!))));
  git(dir, 'add', '-A');
  const r = await inDir(dir, ['lint-repo']);
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.not.match(r.stdout + r.stderr, STACK);
  const errors = r.stdout.split('\n').filter((l) => / error yaml-syntax /.test(l));
  assert.equal(
    errors.map((l) => l.split(':')[0]),
    names.map((_, i) => `m${i}.yaml`),
  );
});

repo('a hostile config or out/kustomization.yaml: exit 1, one clear line, no stack', async () => {
  const dir = fresh();
  git(dir, 'init', '-q');
  writeFileSync(join(dir, 'kfgen.config.yaml'), 'host: &h [*h]\n');
  git(dir, 'add', '-A');
  let r = await inDir(dir, ['lint-repo']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /^kfgen\.config\.yaml:1: host\[0\]: refers back to host/m);
  assert.not.match(r.stderr, STACK);

  // A valid config; its committed output is the hostile part (and kustomize cannot render it).
  const ok = fresh();
  git(ok, 'init', '-q');
  const text = readFileSync(join(repoRoot, 'fixtures/generic-oidc-keycloak/kfgen.config.yaml'), 'utf8');
  writeFileSync(join(ok, 'kfgen.config.yaml'), text.replace(/^  path: .*$/m, '  path: manifests'));
  mkdirSync(join(ok, 'out'));
  writeFileSync(join(ok, 'out/kustomization.yaml'), `resources: ${'['.repeat(N)}${']'.repeat(N)}\n`);
  git(ok, 'add', '-A');
  r = await inDir(ok, ['lint-repo']);
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.not.match(r.stdout + r.stderr, STACK);
  assert.match(r.stdout, /^out\/kustomization\.yaml:1:\d+ error yaml-syntax /m);
});

repo.run();

/**
 * KRM Functions Specification conformance of kfgen-fn, in-process (no kustomize): the wire format,
 * results, unchanged items for validators, exit codes and error handling.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { runFunction } from '../../src/krm/run.js';
import { repoRoot } from '../support/tools.js';

const ctx = { cwd: repoRoot, env: {} as NodeJS.ProcessEnv };
const fixture = (rule: string, kind: 'good' | 'bad') =>
  yaml.loadAll(readFileSync(join(repoRoot, 'fixtures/lint', rule, `${kind}.yaml`), 'utf8')) as any[];

const LINT_FC = {
  apiVersion: 'kfgen.dev/v1alpha1',
  kind: 'KfgenLint',
  metadata: {
    name: 'lint',
    annotations: {
      'config.kubernetes.io/function': 'exec:\n  path: ./kfgen-fn\n',
      'config.kubernetes.io/local-config': 'true',
    },
  },
};

function list(items: any[], functionConfig: any = LINT_FC): string {
  return yaml.dump({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, functionConfig });
}

function out(stdout: string): any {
  return yaml.load(stdout);
}

function assertNoStack(text: string) {
  assert.not.match(text, /\n\s+at .+:\d+:\d+/, 'no stack trace');
}

// --------------------------------------------------------------------------------------------
const input = suite('krm: malformed input');

for (const [name, text, why] of [
  ['empty stdin', '', /no input/],
  ['not YAML', 'items: [unclosed\n  - {', /not valid YAML/],
  ['a YAML scalar', 'hello', /not a YAML mapping/],
  [
    'a Deployment instead of a list',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n',
    /kind "Deployment"; expected kind: ResourceList/,
  ],
  [
    'items not a list',
    'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: {a: 1}\n',
    /items is not a list/,
  ],
  [
    'an item that is not an object',
    'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: [3]\n',
    /items\[0\] is not an object/,
  ],
  ['two documents', 'a: 1\n---\nb: 2\n', /one YAML document/],
] as const) {
  input(`${name}: error result, clear message, exit 1`, async () => {
    const run = await runFunction(text, ctx);
    assert.is(run.exitCode, 1);
    const rl = out(run.stdout);
    assert.is(rl.kind, 'ResourceList');
    assert.is(rl.apiVersion, 'config.kubernetes.io/v1');
    assert.equal(rl.items, []);
    assert.is(rl.results.length, 1);
    assert.is(rl.results[0].severity, 'error');
    assert.match(rl.results[0].message, why);
    assert.match(run.stderr, /^kfgen-fn: /);
    assert.is(run.stderr.trim().split('\n').length, 1, 'one line on stderr');
    assertNoStack(run.stderr + run.stdout);
  });
}
input.run();

// --------------------------------------------------------------------------------------------
const config = suite('krm: bad function config');

const items = fixture('cookie-secret-length', 'good');

for (const [name, fc, path, why] of [
  [
    'foreign apiVersion',
    { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'x' } },
    'apiVersion',
    /kfgen-fn reads kfgen.dev\/v1alpha1/,
  ],
  [
    'unsupported version',
    { apiVersion: 'kfgen.dev/v9', kind: 'KfgenConfig', metadata: { name: 'x' } },
    'apiVersion',
    /not supported/,
  ],
  [
    'unknown kind',
    { apiVersion: 'kfgen.dev/v1alpha1', kind: 'KfgenThing', metadata: { name: 'x' } },
    'kind',
    /expected KfgenConfig .* or KfgenLint/,
  ],
  [
    'KfgenConfig without spec',
    { apiVersion: 'kfgen.dev/v1alpha1', kind: 'KfgenConfig', metadata: { name: 'x' } },
    'spec',
    /holds the kfgen config/,
  ],
  [
    'KfgenConfig with an invalid spec',
    {
      apiVersion: 'kfgen.dev/v1alpha1',
      kind: 'KfgenConfig',
      metadata: { name: 'x' },
      spec: { manifests: { version: 'v1.9.1' } },
    },
    'spec',
    /required/,
  ],
  ['KfgenLint with an unknown field', { ...LINT_FC, spec: { rulez: {} } }, 'spec.rulez', /unknown field/],
  [
    'KfgenLint with a bad severity',
    { ...LINT_FC, spec: { rules: { 'cookie-secret-length': 'fatal' } } },
    'spec.rules.cookie-secret-length',
    /not one of off, error, warning, info/,
  ],
  [
    'KfgenLint with an unknown rule',
    { ...LINT_FC, spec: { rules: { 'no-such-rule': 'off' } } },
    'spec.rules',
    /unknown rule "no-such-rule"/,
  ],
] as const) {
  config(`${name}: error result on ${path}, items unchanged, exit 1`, async () => {
    const run = await runFunction(list(items, fc), ctx);
    assert.is(run.exitCode, 1);
    const rl = out(run.stdout);
    assert.equal(rl.items, items, 'items go back as they came');
    assert.ok(rl.results.length >= 1);
    const r = rl.results.find((x: any) => x.field.path.startsWith(path));
    assert.ok(r, `a result on ${path}: ${JSON.stringify(rl.results)}`);
    assert.is(r.severity, 'error');
    assert.match(r.message, why);
    assert.equal(r.resourceRef, {
      apiVersion: fc.apiVersion,
      kind: fc.kind,
      name: 'x' === fc.metadata.name ? 'x' : fc.metadata.name,
    });
    assert.match(run.stderr, new RegExp(`kfgen-fn: ${fc.kind}/${fc.metadata.name}: ${path.replace(/\./g, '\\.')}`));
    assertNoStack(run.stderr + run.stdout);
  });
}

config('KfgenConfig whose manifests.path does not exist: says where relative paths start', async () => {
  const spec = yaml.load(readFileSync(join(repoRoot, 'fixtures/krm/transformer/kfgen.yaml'), 'utf8')) as any;
  spec.spec.manifests.path = 'no/such/dir';
  const run = await runFunction(list([spec], spec), { cwd: '/tmp', env: {} });
  assert.is(run.exitCode, 1);
  const r = out(run.stdout).results[0];
  assert.is(r.field.path, 'spec.manifests.path');
  assert.match(
    r.message,
    /\/tmp\/no\/such\/dir does not exist; the path is relative to the kustomization directory \/tmp/,
  );
});

config('KfgenConfig with an unset env secret: names the variable', async () => {
  const spec = yaml.load(readFileSync(join(repoRoot, 'fixtures/krm/transformer/kfgen.yaml'), 'utf8')) as any;
  spec.spec.manifests = { version: 'v1.9.1', git: 'https://github.com/kubeflow/manifests' };
  spec.spec.auth.azureAd.clientSecret = { env: 'KFGEN_TEST_UNSET_SECRET' };
  const run = await runFunction(list([spec], spec), ctx);
  assert.is(run.exitCode, 1);
  const r = out(run.stdout).results[0];
  assert.is(r.field.path, 'spec.auth.azureAd.clientSecret');
  assert.match(r.message, /environment variable KFGEN_TEST_UNSET_SECRET is not set/);
});
config.run();

// --------------------------------------------------------------------------------------------
const validator = suite('krm: validator');

const BOOKKEEPING = {
  'config.kubernetes.io/index': '0',
  'internal.config.kubernetes.io/index': '0',
  'internal.config.kubernetes.io/annotations-migration-resource-id': '0',
  'config.k8s.io/id': '1',
  'kustomize.config.k8s.io/id': 'kind: Secret\nname: oauth2-proxy\nnamespace: oauth2-proxy\nversion: v1\n',
};

validator(
  'returns every item unchanged, findings as results with severity, resourceRef, field, file and the rule',
  async () => {
    const bad = fixture('cookie-secret-length', 'bad');
    bad[0].metadata.annotations = {
      ...BOOKKEEPING,
      'config.kubernetes.io/path': 'secrets/oauth2-proxy.yaml',
      'internal.config.kubernetes.io/path': 'secrets/oauth2-proxy.yaml',
    };
    // A date-like string and a YAML 1.1 boolean word must survive the round trip as strings.
    const extra = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'plain', namespace: 'default' },
      data: { when: '2024-01-01', yes: 'on', octal: '012', empty: '' },
    };
    const items = [...bad, extra];
    const run = await runFunction(list(items), ctx);
    assert.is(run.exitCode, 1, 'errors fail the function');
    const rl = out(run.stdout);
    assert.equal(rl.items, items, 'items unchanged, bookkeeping annotations included');
    assert.is(rl.apiVersion, 'config.kubernetes.io/v1');
    assert.is(rl.kind, 'ResourceList');
    const r = rl.results.find((x: any) => x.tags['kfgen.dev/rule'] === 'cookie-secret-length');
    assert.ok(r, JSON.stringify(rl.results));
    assert.is(r.severity, 'error');
    assert.is(r.tags['kfgen.dev/message-id'], 'wrongLength');
    assert.match(r.message, / \[cookie-secret-length\]$/);
    assert.equal(r.resourceRef, { apiVersion: 'v1', kind: 'Secret', name: 'oauth2-proxy', namespace: 'oauth2-proxy' });
    assert.is(r.field.path, 'stringData.cookie-secret');
    assert.equal(r.file, { path: 'secrets/oauth2-proxy.yaml', index: 0 });
    assert.ok(r.tags['kfgen.dev/remediation']);
    // kustomize never prints results: stderr carries them
    assert.match(
      run.stderr,
      /kfgen-fn: secrets\/oauth2-proxy\.yaml \(Secret oauth2-proxy\/oauth2-proxy\):\d+:\d+ error cookie-secret-length/,
    );
    assert.match(run.stderr, /validation failed with 1 error/);
  },
);

validator('lint rules do not see the bookkeeping annotations', async () => {
  const good = fixture('cookie-secret-length', 'good');
  good[0].metadata.annotations = { ...BOOKKEEPING };
  const run = await runFunction(list(good), ctx);
  assert.is(run.exitCode, 0, run.stderr);
  assert.equal(out(run.stdout).results ?? [], []);
});

validator('warnings only: exit 0, results kept; spec.rules changes severities', async () => {
  const bad = fixture('cookie-secret-length', 'bad');
  const run = await runFunction(list(bad, { ...LINT_FC, spec: { rules: { 'cookie-secret-length': 'warning' } } }), ctx);
  assert.is(run.exitCode, 0);
  const rl = out(run.stdout);
  assert.is(rl.results[0].severity, 'warning');
  assert.not.match(run.stderr, /validation failed/);
  const off = await runFunction(list(bad, { ...LINT_FC, spec: { rules: { 'cookie-secret-length': 'off' } } }), ctx);
  assert.is(off.exitCode, 0);
  assert.is(off.stderr, '');
});

validator('rules cross items: an issuer mismatch between objects is found', async () => {
  const bad = fixture('auth-issuer-mismatch', 'bad');
  const run = await runFunction(list(bad), ctx);
  assert.is(run.exitCode, 1);
  assert.ok(out(run.stdout).results.some((r: any) => r.tags['kfgen.dev/rule'] === 'auth-issuer-mismatch'));
});

validator('no functionConfig: validates (the spec lets functions run ad hoc)', async () => {
  const text = yaml.dump({
    apiVersion: 'config.kubernetes.io/v1',
    kind: 'ResourceList',
    items: fixture('cookie-secret-length', 'bad'),
  });
  const run = await runFunction(text, ctx);
  assert.is(run.exitCode, 1);
  assert.match(run.stderr, /cookie-secret-length/);
});

validator('a plain v1 List in, a List out (no results field), findings on stderr', async () => {
  const bad = fixture('cookie-secret-length', 'bad');
  const run = await runFunction(yaml.dump({ apiVersion: 'v1', kind: 'List', items: bad }), ctx);
  assert.is(run.exitCode, 1);
  const rl = out(run.stdout);
  assert.is(rl.kind, 'List');
  assert.is(rl.apiVersion, 'v1');
  assert.equal(rl.items, bad);
  assert.is(rl.results, undefined);
  assert.match(run.stderr, /cookie-secret-length/);
});
validator.run();

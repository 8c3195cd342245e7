import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintObjects, lintSources } from '../../src/lint/index.js';
import { fixture, rendered } from './helpers.js';
import { lintSourcesWith, messageText } from '../../src/lint/engine.js';
import { catalog } from '../../src/lint/rules/index.js';
import type { Rule } from '../../src/lint/rule.js';

test('a finding carries its messageId, and the text is the template with its data', async () => {
  const [f] = (await lintSources([fixture('cookie-secret-length', 'bad')])).filter(
    (x) => x.ruleId === 'cookie-secret-length',
  );
  assert.is(f?.messageId, 'wrongLength');
  const rule = catalog.find((r) => r.meta.id === 'cookie-secret-length')!;
  assert.match(f!.message, /^cookie-secret is \d+ bytes.*; oauth2-proxy needs 16, 24 or 32$/);
  assert.ok(rule.meta.messages!.wrongLength!.includes('{{bytes}}'));
});

test('a message id the rule does not have, or a placeholder without data, is a bug in the rule', () => {
  const rule = { meta: { id: 'x', messages: { a: 'has {{n}}' } } } as unknown as Rule;
  assert.is(messageText(rule, 'a', { n: 3 }), 'has 3');
  assert.throws(() => messageText(rule, 'b'), /x has no message "b"/);
  assert.throws(() => messageText(rule, 'a', {}), /x message "a" needs data\.n/);
});

test('every rule has meta.messages, by camelCase id', () => {
  for (const r of catalog) {
    assert.ok(Object.keys(r.meta.messages ?? {}).length > 0, `${r.meta.id} has no meta.messages`);
    for (const [id, text] of Object.entries(r.meta.messages))
      assert.ok(/^[a-z][A-Za-z]*$/.test(id) && text.length > 0, `${r.meta.id}.${id}`);
  }
});

test('a rule that reports without a messageId, or with one it does not have, is an internal error, not a finding', async () => {
  const on = { file: 'x.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n' };
  const reporting = (id: string, body: object): Rule => ({
    meta: { id, severity: 'warning', messages: { found: 'found {{name}}' } } as unknown as Rule['meta'],
    check(ctx) {
      for (const o of ctx.objects) ctx.report({ on: o, ...body } as Parameters<typeof ctx.report>[0]);
    },
  });
  const findings = await lintSourcesWith(
    [
      reporting('by-id', { messageId: 'found', data: { name: 'a' } }),
      reporting('free-text', { message: 'found a' }),
      reporting('unknown-id', { messageId: 'lost' }),
    ],
    [on],
  );
  const by = (id: string) => findings.filter((f) => f.ruleId === id).map((f) => [f.severity, f.messageId, f.message]);
  assert.equal(by('by-id'), [['warning', 'found', 'found a']]);
  assert.equal(by('free-text'), [
    ['error', undefined, 'internal error in rule: free-text reported without a messageId (one of its meta.messages)'],
  ]);
  assert.equal(by('unknown-id'), [['error', undefined, 'internal error in rule: unknown-id has no message "lost"']]);
});

test('config overrides re-grade and switch off rules', async () => {
  const bad = fixture('ingress-buffer-size', 'bad');
  const asError = await lintSources([bad], { rules: { 'ingress-buffer-size': 'error' } });
  assert.ok(asError.some((f) => f.ruleId === 'ingress-buffer-size' && f.severity === 'error'));
  const off = await lintSources([bad], { rules: { 'ingress-buffer-size': 'off' } });
  assert.not.ok(off.some((f) => f.ruleId === 'ingress-buffer-size'));
});

test('an unknown rule id in the config is a usage error', async () => {
  try {
    await lintSources([], { rules: { 'no-such-rule': 'off' } });
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /unknown rule "no-such-rule"/);
  }
});

test('an annotation with a reason suppresses the rule on that object only', async () => {
  const text = fixture('ingress-class-annotation', 'bad').text.replace(
    '  annotations:\n',
    '  annotations:\n    kfgen.dev/lint-ignore.ingress-class-annotation: "old controller"\n',
  );
  const f = await lintSources([{ file: 'x.yaml', text }]);
  // Only that rule: the object is still reported for being served by ingress-nginx.
  assert.equal(
    f.map((x) => x.ruleId),
    ['ingress-nginx-retired'],
  );
});

test('an empty suppression reason is itself a finding and suppresses nothing', async () => {
  const f = await lintSources([fixture('lint-ignore-reason', 'bad')]);
  assert.ok(f.some((x) => x.ruleId === 'lint-ignore-reason'));
});

test('lintObjects lints already-parsed items (KRM function path)', async () => {
  const f = await lintObjects([
    {
      object: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'oauth2-proxy', namespace: 'oauth2-proxy' },
        stringData: { 'cookie-secret': 'x' },
      },
      file: 'items.yaml',
      line: 7,
    },
  ]);
  const c = f.find((x) => x.ruleId === 'cookie-secret-length')!;
  assert.is(c.line, 7);
  assert.is(c.file, 'items.yaml');
});

test('custom resources validate against a CRD from crdSources; unknown kinds are reported once', async () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: { type: integer }
              color: { type: string, enum: [red, blue] }
`;
  const widgets = `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: a\nspec:\n  size: big\n  colour: red\n---\napiVersion: other.io/v1\nkind: Gadget\nmetadata:\n  name: g1\n---\napiVersion: other.io/v1\nkind: Gadget\nmetadata:\n  name: g2\n`;
  const f = await lintSources([{ file: 'w.yaml', text: widgets }], { crdSources: [{ file: 'crd.yaml', text: crd }] });
  assert.ok(
    f.some((x) => x.ruleId === 'schema-invalid' && x.messageId === 'type' && x.field === 'spec.size'),
    JSON.stringify(f),
  );
  const unknown = f.find((x) => x.ruleId === 'schema-unknown-field');
  assert.is(unknown?.messageId, 'unknownFieldDidYouMean');
  assert.is(
    unknown!.message,
    rendered('schema-unknown-field', 'unknownFieldDidYouMean', { field: 'spec.colour', suggestion: 'color' }),
  );
  assert.equal(
    f.filter((x) => x.ruleId === 'schema-unknown-kind').map((x) => x.messageId),
    ['noSchema'],
  );
});

test('aws-auth embedded lists are validated', async () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aws-auth\n  namespace: kube-system\ndata:\n  mapRoles: |\n    - rolearn: arn:aws:iam::1:role/a\n      usernme: a\n    - username: b\n`;
  const f = await lintSources([{ file: 'a.yaml', text }]);
  const unknown = f.find((x) => x.ruleId === 'schema-unknown-field')!;
  assert.is(unknown.messageId, 'awsAuthUnknownFieldDidYouMean');
  assert.is(
    unknown.message,
    rendered('schema-unknown-field', 'awsAuthUnknownFieldDidYouMean', {
      key: 'mapRoles',
      index: 0,
      field: 'usernme',
      suggestion: 'username',
    }),
  );
  assert.is(unknown.line, 9);
  const missing = f.find((x) => x.ruleId === 'schema-invalid')!;
  assert.is(missing.messageId, 'awsAuthMissingField');
  assert.is(
    missing.message,
    rendered('schema-invalid', 'awsAuthMissingField', { key: 'mapRoles', index: 1, field: 'rolearn' }),
  );
  assert.is(missing.line, 10);
});

test.run();

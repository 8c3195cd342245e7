import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintSources } from '../../src/lint/index.js';
import { splitDocuments } from '../../src/lint/parse.js';
import { rendered } from './helpers.js';

const multi = `# leading comment
apiVersion: v1
kind: ConfigMap
metadata:
  name: first
data:
  a: "1"
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
    targetPrt: 8080
---
# comment inside the third document
apiVersion: v1
kind: Secret
metadata:
  name: oauth2-proxy
  namespace: oauth2-proxy
stringData:
  cookie-secret: short
`;

test("splitDocuments keeps each document's first line", () => {
  const docs = splitDocuments(multi);
  assert.equal(
    docs.map((d) => d.startLine),
    [1, 8, 17],
  );
});

test('findings point at the right line and column of a multi-document file', async () => {
  const f = await lintSources([{ file: 'multi.yaml', text: multi }]);
  const unknown = f.find((x) => x.ruleId === 'schema-unknown-field')!;
  assert.is(unknown.line, 16);
  assert.is(unknown.column, 5);
  assert.is(unknown.field, 'spec.ports[0].targetPrt');
  assert.is(unknown.messageId, 'unknownFieldDidYouMean');
  assert.is(
    unknown.message,
    rendered('schema-unknown-field', 'unknownFieldDidYouMean', { field: unknown.field, suggestion: 'targetPort' }),
  );
  assert.equal(unknown.resourceRef, { apiVersion: 'v1', kind: 'Service', name: 'web' });
  const cookie = f.find((x) => x.ruleId === 'cookie-secret-length')!;
  assert.is(cookie.line, 25);
});

test('a finding inside an embedded cfg points at the cfg line', async () => {
  const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: oauth2-proxy
  namespace: oauth2-proxy
data:
  oauth2_proxy.cfg: |
    provider = "oidc"
    oidc_issuer_url = "https://idp.example.com"
    scope = "profile email"
`;
  const f = await lintSources([{ file: 'cfg.yaml', text }]);
  const scope = f.find((x) => x.ruleId === 'auth-scopes')!;
  assert.is(scope.line, 10);
  assert.is(scope.column, 5);
});

test('YAML syntax errors carry the line of the broken document', async () => {
  const text = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: [b\n`;
  const f = await lintSources([{ file: 'broken.yaml', text }]);
  assert.is(f.length, 1);
  assert.is(f[0]!.ruleId, 'yaml-syntax');
  assert.is(f[0]!.messageId, 'syntaxError');
  assert.ok(f[0]!.line >= 9, `line ${f[0]!.line}`);
});

test.run();

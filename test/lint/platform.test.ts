import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { lintSources } from '../../src/lint/index.js';
import { kustomizeBin, manifestsDir, missingTools } from '../support/tools.js';
import { main } from '../../src/cli/main.js';
import { capture } from './helpers.js';

// Render once per file: the full platform takes ~3 s to build.
const missing = missingTools('kustomize', 'manifests');
const text = missing
  ? ''
  : execFileSync(kustomizeBin, ['build', join(manifestsDir, 'example')], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });

test('unmodified upstream v1.9.1: exactly the default Dex password and default client/cookie secrets', async () => {
  if (missing) return;
  const t = performance.now();
  const findings = await lintSources([{ file: 'full.yaml', text }]);
  const ms = performance.now() - t;
  const got = findings.map((f) => `${f.ruleId} ${f.resourceRef?.namespace}/${f.resourceRef?.name} ${f.field}`);
  assert.equal(got, [
    'default-oauth2-proxy-secrets auth/dex-oidc-client data.OIDC_CLIENT_SECRET',
    'default-dex-password auth/dex-passwords stringData.DEX_USER_PASSWORD',
    'default-oauth2-proxy-secrets oauth2-proxy/oauth2-proxy-h675gf55ht data.client-secret',
    'default-oauth2-proxy-secrets oauth2-proxy/oauth2-proxy-h675gf55ht data.cookie-secret',
  ]);
  // real line numbers in the 130k-line stream
  const lines = text.split('\n');
  for (const f of findings)
    assert.match(lines[f.line - 1]!, /^\s+(OIDC_CLIENT_SECRET|DEX_USER_PASSWORD|client-secret|cookie-secret):/);
  // generous bound for a loaded 2-core CI machine; `npm run bench` has the real numbers
  assert.ok(ms < 6000, `lint took ${ms.toFixed(0)} ms`);
});

test('a broken deployment: each mistake named with its rule', async () => {
  if (missing) return;
  const broken = text
    .replace(
      'issuer: http://dex.auth.svc.cluster.local:5556/dex\n    jwksUri',
      'issuer: http://dex.auth.svc.cluster.local:5556/dex/\n    jwksUri',
    )
    .replace(
      /(oidc_issuer_url = )"http:\/\/dex\.auth\.svc\.cluster\.local:5556\/dex"/,
      '$1"http://dex.auth.svc.cluster.local:5556/Dex"',
    )
    .replace(
      '- cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account\n',
      '- cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account\n        - cluster.local/ns/kubeflow-bob/sa/default-editor\n',
    );
  const findings = await lintSources([{ file: 'broken.yaml', text: broken }]);
  const ids = new Set(findings.map((f) => f.ruleId));
  for (const id of ['auth-issuer-mismatch', 'tenancy-unknown-namespace', 'default-dex-password'])
    assert.ok(ids.has(id), `${id} missing from ${[...ids]}`);
});

test('a kustomization directory is rendered with kustomize', async () => {
  if (missing) return;
  const r = await capture(() =>
    main(['lint', join(manifestsDir, 'common/dex/overlays/oauth2-proxy'), '--format', 'json']),
  );
  assert.is(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.ok(
    out.findings.some(
      (f: { ruleId: string; file: string }) =>
        f.ruleId === 'default-dex-password' && f.file.endsWith('(kustomize build)'),
    ),
  );
});

test.run();

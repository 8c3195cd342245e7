import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { missingTools } from '../support/tools.js';
import { fixtureConfig, fixturesDir, renderFixture } from '../support/fixtures.js';
import { lintSources } from '../../src/lint/index.js';

const skip = missingTools('kustomize', 'manifests');
const fixtures = readdirSync(fixturesDir)
  .filter((n) => existsSync(fixtureConfig(n)))
  .sort();
/** The rules built on the authorization model: no finding of any severity is acceptable. */
const AUTHZ_RULES = ['authz-forged-userid', 'authz-gateway-lockout', 'authz-profile-access'];

test('there are generator fixtures to check', () => {
  assert.ok(fixtures.length >= 2, fixtures.join(', '));
});

async function lintFixture(name: string) {
  const r = await renderFixture(name);
  // The YAML files, as lint-repo takes them: cluster/ also holds a Lambda's source, a shell script and a CloudFormation template.
  const cluster = [...r.tree.keys()]
    .filter((p) => p.startsWith('cluster/') && /\.ya?ml$/.test(p))
    .map((p) => ({ file: join('out', p), text: r.tree.get(p)! }));
  return lintSources([{ file: `${name} (kustomize build)`, text: r.text }, ...cluster]);
}

for (const name of fixtures) {
  test(`the rendered build of fixtures/${name} lints with zero errors`, async () => {
    if (skip) return;
    const findings = await lintFixture(name);
    const errors = findings
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`);
    assert.equal(errors, []);
  });
  test(`fixtures/${name}: no forgeable kubeflow-userid, no locked-out gateway, profiles admit only owner and contributors`, async () => {
    if (skip) return;
    // the same render (cached per process): every Kubeflow policy, profile and ServiceAccount the platform creates
    const findings = (await lintFixture(name)).filter((f) => AUTHZ_RULES.includes(f.ruleId));
    assert.equal(
      findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`),
      [],
    );
  });
}

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { formatFindings, lintSources } from '../../src/lint/index.js';
import { fixture, repo } from './helpers.js';

const Ajv = AjvModule.default ?? AjvModule;

/** What the test reads of a SARIF log. (validate() narrows what it checks to `unknown`.) */
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string }> } };
    results: Array<{ ruleId: string; ruleIndex: number; level: string }>;
  }>;
}

/**
 * The vendored schema (schemas/sarif-2.1.0.schema.json) is draft-04; ajv 8 speaks draft-07, and the
 * only draft-04 keyword it uses that differs is the root `id`.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(repo, 'schemas/sarif-2.1.0.schema.json'), 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  return new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
}

test('SARIF output validates against the SARIF 2.1.0 schema', async () => {
  const validate = sarifValidator();
  const findings = [
    ...(await lintSources([fixture('auth-issuer-mismatch', 'bad')])),
    ...(await lintSources([fixture('ingress-buffer-size', 'bad')])),
    ...(await lintSources([fixture('schema-unknown-kind', 'bad')])),
  ];
  const log: SarifLog = JSON.parse(formatFindings(findings, 'sarif'));
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5)));
  assert.is(log.version, '2.1.0');
  assert.equal(new Set(log.runs[0]!.results.map((r) => r.level)), new Set(['error', 'warning', 'note']));
  const r0 = log.runs[0]!.results[0]!;
  assert.is(log.runs[0]!.tool.driver.rules[r0.ruleIndex]!.id, r0.ruleId);
});

test('an empty SARIF log is valid too', () => {
  const validate = sarifValidator();
  assert.ok(validate(JSON.parse(formatFindings([], 'sarif'))));
});

test.run();

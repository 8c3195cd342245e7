/**
 * The Profile Manager's Python unit tests (test/e2e/profile-manager/test_*.py: group parsing, names,
 * never blocking a login, the EKS token with botocore's signer and stubber), run with the
 * project venv's Python. Simulates only AWS credentials (fake static ones); no network, no API server.
 */
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { suite } from '../support/suite.js';
import { missingTools, repoRoot, venvPython } from '../support/tools.js';

const missing = missingTools('python-tools');
const test = suite('profile manager: python unit tests');

test('python -m unittest test/e2e/profile-manager passes', async () => {
  if (missing) return;
  const r = await promisify(execFile)(
    venvPython,
    [
      '-W',
      'error::ResourceWarning',
      '-m',
      'unittest',
      'discover',
      '-v',
      '-s',
      'test/e2e/profile-manager',
      '-p',
      'test_*.py',
    ],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' },
      encoding: 'utf8',
    },
  ).catch((e: { stderr?: string; message: string }) => {
    throw new Error(`python unit tests failed:\n${e.stderr ?? e.message}`);
  });
  // unittest reports on stderr; a run that found no tests must not pass.
  const ran = /Ran (\d+) tests?/.exec(r.stderr);
  assert.ok(ran && Number(ran[1]) >= 10, r.stderr);
  assert.match(r.stderr, /\nOK\b/);
});

test.run();

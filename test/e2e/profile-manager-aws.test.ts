/**
 * The AWS side of the Profile Manager, checked with AWS's own tooling and nothing of AWS running:
 * the CloudFormation template with cfn-lint (AWS's linter, with its resource specifications), and
 * the attach-trigger script run by bash and jq against a stand-in `aws` command that answers
 * describe-stacks and describe-user-pool with a recorded pool and keeps what update-user-pool is
 * sent; that input is then validated by botocore against the UpdateUserPool API model.
 */
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { suite } from '../support/suite.js';
import { cfnLintBin, missingTools, repoRoot, venvPython } from '../support/tools.js';
import { LAMBDA_RUNTIME, TEMPLATE_BODY_LIMIT, profileManagerTemplate } from '../../src/generate/profile-manager/cfn.js';
import { USER_POOL_READ_ONLY, attachTriggerScript } from '../../src/generate/profile-manager/cognito.js';
import { readGenerateAssets } from '../../src/pipeline/assets.js';

const run = promisify(execFile);
const missing = missingTools('python-tools', 'cfn-lint', 'jq');
import { detachTriggerScript } from '../../src/generate/core/teardown.js';
import { makePlan } from '../../src/plan/index.js';
import type { Context } from '../../src/generate/core/model.js';
import type { KfgenConfig } from '../../src/config/types.js';
import { fixtureConfig } from '../support/fixtures.js';

/** Runs a generated script from `dir` with the fake aws first on PATH; `update` is what it sent to update-user-pool. */
async function runWithFakeAws(
  dir: string,
  script: string,
): Promise<{ code: number; stderr: string; update: Record<string, any> | undefined }> {
  let code = 0;
  let stderr = '';
  try {
    await run('bash', [join(dir, script)], { cwd: dir, env: { PATH: `${dir}:${process.env.PATH}` }, encoding: 'utf8' });
  } catch (e) {
    code = (e as { code?: number }).code ?? -1;
    stderr = (e as { stderr?: string }).stderr ?? '';
  }
  const updateFile = join(dir, 'update.json');
  const update = existsSync(updateFile)
    ? (JSON.parse(readFileSync(updateFile, 'utf8')) as Record<string, any>)
    : undefined;
  return { code, stderr, update };
}

const test = suite('profile manager: CloudFormation template and the attach- and detach-trigger scripts');

const POOL = 'eu-central-1_Ab12Cd34E';
const FN_ARN = 'arn:aws:lambda:eu-central-1:123456789012:function:kfgen-profile-manager-tenants';
const DESCRIBED = join(repoRoot, 'test/e2e/profile-manager/describe-user-pool.json');
const MODEL = join(repoRoot, 'test/e2e/profile-manager/cognito_model.py');
let tmp: string;

const template = () =>
  profileManagerTemplate({
    functionName: 'kfgen-profile-manager-tenants',
    roleName: 'kfgen-profile-manager-tenants',
    userPoolId: POOL,
    clusterName: 'tenants',
    clusterRegion: 'eu-central-1',
    environment: { KFGEN_PM_GROUP_PREFIX: 'kubeflow-', KFGEN_PM_CLUSTER_NAME: 'tenants' },
    source: readGenerateAssets().profileManagerHandler,
  });

async function cfnLint(doc: unknown): Promise<{ code: number; out: string }> {
  const file = join(tmp, `template-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(doc, { lineWidth: 0 }));
  try {
    const r = await run(cfnLintBin, ['--format', 'parseable', file], { encoding: 'utf8' });
    return { code: 0, out: r.stdout };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/** A stand-in `aws`: records its arguments, answers from `pool`, and copies the update input to update.json. */
function fakeAws(dir: string, pool: string): void {
  const script = [
    '#!/usr/bin/env bash',
    `printf '%s\\n' "$*" >> ${JSON.stringify(join(dir, 'calls'))}`,
    'case "$1 $2" in',
    `  "cloudformation describe-stacks") echo ${FN_ARN} ;;`,
    `  "cognito-idp describe-user-pool") cat ${JSON.stringify(pool)} ;;`,
    `  "cognito-idp update-user-pool") for a; do case "$a" in file://*) cp "\${a#file://}" ${JSON.stringify(join(dir, 'update.json'))} ;; esac; done ;;`,
    '  *) echo "unexpected aws call: $*" >&2; exit 2 ;;',
    'esac',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'aws'), script);
  chmodSync(join(dir, 'aws'), 0o755);
}

async function attach(
  pool: string,
): Promise<{ code: number; stderr: string; update?: Record<string, any>; calls: string[] }> {
  const dir = mkdtempSync(join(tmp, 'attach-'));
  fakeAws(dir, pool);
  writeFileSync(
    join(dir, 'attach.sh'),
    attachTriggerScript({ region: 'eu-central-1', userPoolId: POOL, stackName: 'kfgen-profile-manager-tenants' }),
  );
  const { code, stderr, update } = await runWithFakeAws(dir, 'attach.sh');
  return {
    code,
    stderr,
    update,
    calls: readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n'),
  };
}

async function botocoreValidates(input: unknown): Promise<string> {
  const file = join(tmp, `update-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(input));
  const r = await run(venvPython, [MODEL, 'validate', file], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, PYTHONDONTWRITEBYTECODE: '1' },
  });
  return (JSON.parse(r.stdout) as { errors: string }).errors;
}

test.before(() => {
  if (missing) return;
  tmp = mkdtempSync(join(tmpdir(), 'kfgen-pm-aws-'));
});
test.after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('cfn-lint passes the template, and fails it when it is wrong (the linter is live)', async () => {
  if (missing) return;
  const good = await cfnLint(template());
  assert.is(good.code, 0, good.out);
  const bad = template() as any;
  bad.Resources.Function.Properties.Runtime = 'python2.7';
  bad.Resources.Function.Properties.Timout = 5;
  const r = await cfnLint(bad);
  assert.is.not(r.code, 0);
  assert.match(r.out, /python2\.7/);
  assert.match(r.out, /Timout/);
});

test('the template is the whole deployment: inline source = handler.py, current runtime, under the body limit', () => {
  if (missing) return;
  const t = template() as any;
  const fn = t.Resources.Function.Properties;
  assert.is(fn.Code.ZipFile, readFileSync(join(repoRoot, 'src/generate/profile-manager/handler.py'), 'utf8'));
  assert.is(fn.Runtime, LAMBDA_RUNTIME);
  assert.is(fn.Handler, 'index.lambda_handler');
  assert.ok(fn.Timeout <= 5, 'Cognito waits 5 s');
  assert.ok(Buffer.byteLength(stringify(t, { lineWidth: 0 })) < TEMPLATE_BODY_LIMIT);
  // Round trip: the YAML kfgen writes parses back to the same template (block scalars intact).
  assert.equal(parse(stringify(t, { lineWidth: 0 })), t);
});

test('least privilege on the AWS side: its own log group and DescribeCluster of its cluster; only Cognito of this pool may invoke', () => {
  if (missing) return;
  const t = template() as any;
  const statements = t.Resources.Role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
  assert.equal(statements, [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': ['LogGroup', 'Arn'] },
    },
    {
      Effect: 'Allow',
      Action: 'eks:DescribeCluster',
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:eks:eu-central-1:${AWS::AccountId}:cluster/tenants' },
    },
  ]);
  assert.is(t.Resources.Role.Properties.ManagedPolicyArns, undefined);
  assert.is(t.Parameters, undefined, 'deployable before the cluster exists: nothing of the cluster is a parameter');
  const perm = t.Resources.CognitoInvokePermission.Properties;
  assert.is(perm.Principal, 'cognito-idp.amazonaws.com');
  assert.is(perm.Action, 'lambda:InvokeFunction');
  assert.match(perm.SourceArn['Fn::Sub'], new RegExp(`:userpool/${POOL}$`));
});

test("the read-only list is exactly what DescribeUserPool returns and UpdateUserPool does not take (botocore's model)", async () => {
  if (missing) return;
  const r = await run(venvPython, [MODEL, 'keys'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, PYTHONDONTWRITEBYTECODE: '1' },
  });
  const { describe, update } = JSON.parse(r.stdout) as { describe: string[]; update: string[] };
  assert.equal([...USER_POOL_READ_ONLY].sort(), describe.filter((k) => !update.includes(k)).sort());
  // What update takes and describe has no field of that name for: the id and the renamed Name.
  assert.equal(update.filter((k) => !describe.includes(k)).sort(), ['PoolName', 'UserPoolId']);
});

test('attach-trigger: everything the pool had is sent back, LambdaConfig gains only the trigger, botocore accepts the input', async () => {
  if (missing) return;
  const before = JSON.parse(readFileSync(DESCRIBED, 'utf8')) as Record<string, any>;
  // The recorded describe output itself is not valid update input: the check below can fail.
  assert.match(await botocoreValidates({ UserPoolId: POOL, ...before }), /Unknown parameter/);
  const r = await attach(DESCRIBED);
  assert.is(r.code, 0, r.stderr);
  assert.ok(r.update);
  assert.is(await botocoreValidates(r.update), '');
  const u = r.update!;
  assert.is(u.UserPoolId, POOL);
  assert.is(u.PoolName, before.Name);
  assert.equal(u.LambdaConfig, {
    ...before.LambdaConfig,
    PreTokenGeneration: FN_ARN,
    PreTokenGenerationConfig: { LambdaArn: FN_ARN, LambdaVersion: 'V1_0' },
  });
  const { UnusedAccountValidityDays: _dropped, ...adminCreate } = before.AdminCreateUserConfig;
  assert.equal(u.AdminCreateUserConfig, adminCreate);
  for (const [key, value] of Object.entries(before)) {
    if (
      (USER_POOL_READ_ONLY as readonly string[]).includes(key) ||
      key === 'LambdaConfig' ||
      key === 'AdminCreateUserConfig'
    )
      continue;
    assert.equal(u[key], value, `${key} is sent back unchanged`);
  }
  assert.equal(
    r.calls.map((c) => c.split(' ').slice(0, 2).join(' ')),
    [
      'cloudformation describe-stacks',
      'cognito-idp describe-user-pool',
      'cognito-idp update-user-pool',
      'cognito-idp describe-user-pool',
    ],
  );
});

test('attach-trigger refuses a pool whose Pre Token Generation trigger is another function, before any update', async () => {
  if (missing) return;
  const other = JSON.parse(readFileSync(DESCRIBED, 'utf8'));
  other.LambdaConfig.PreTokenGeneration = 'arn:aws:lambda:eu-central-1:123456789012:function:someone-elses';
  const file = join(tmp, 'pool-with-trigger.json');
  writeFileSync(file, JSON.stringify(other));
  const r = await attach(file);
  assert.is.not(r.code, 0);
  assert.match(
    r.stderr,
    /already has another Pre Token Generation trigger, arn:aws:lambda:eu-central-1:123456789012:function:someone-elses/,
  );
  assert.is(r.update, undefined);
  assert.not.ok(r.calls.some((c) => c.startsWith('cognito-idp update-user-pool')));
});

test('attach-trigger is idempotent: a pool that already has this trigger gets the same update', async () => {
  if (missing) return;
  const attached = JSON.parse(readFileSync(DESCRIBED, 'utf8'));
  attached.LambdaConfig.PreTokenGeneration = FN_ARN;
  attached.LambdaConfig.PreTokenGenerationConfig = { LambdaArn: FN_ARN, LambdaVersion: 'V1_0' };
  const file = join(tmp, 'pool-attached.json');
  writeFileSync(file, JSON.stringify(attached));
  const again = await attach(file);
  const first = await attach(DESCRIBED);
  assert.is(again.code, 0, again.stderr);
  assert.equal(again.update, first.update);
});

/** detach-trigger.sh as kfgen writes it for cognito-adfs-groups, run where attach-trigger.sh left `before` as its backup. */
async function detach(current: Record<string, any>, before: Record<string, any>) {
  const config = parse(readFileSync(fixtureConfig('cognito-adfs-groups'), 'utf8')) as KfgenConfig;
  const script = detachTriggerScript({ plan: makePlan(config) } as Context)!;
  const dir = mkdtempSync(join(tmp, 'detach-'));
  const pool = join(dir, 'pool.json');
  writeFileSync(pool, JSON.stringify(current));
  fakeAws(dir, pool);
  writeFileSync(join(dir, `user-pool-${config.auth.cognito!.userPoolId}-before.json`), JSON.stringify(before));
  writeFileSync(join(dir, 'detach.sh'), script);
  const { code, stderr, update } = await runWithFakeAws(dir, 'detach.sh');
  return {
    code,
    stderr,
    update,
  };
}

test("detach-trigger: LambdaConfig goes back to the backup's, everything else as the pool is now, botocore accepts it", async () => {
  if (missing) return;
  const before = JSON.parse(readFileSync(DESCRIBED, 'utf8')) as Record<string, any>;
  // The pool as it is now: the trigger attached, and a setting changed since (it must survive).
  const now = structuredClone(before);
  now.LambdaConfig = {
    ...before.LambdaConfig,
    PreTokenGeneration: FN_ARN,
    PreTokenGenerationConfig: { LambdaArn: FN_ARN, LambdaVersion: 'V1_0' },
  };
  now.DeletionProtection = 'INACTIVE';
  const r = await detach(now, before);
  assert.is(r.code, 0, r.stderr);
  assert.is(await botocoreValidates(r.update), '');
  assert.equal(r.update!.LambdaConfig, before.LambdaConfig, "the pool's own triggers, and not the Profile Manager's");
  assert.is(r.update!.DeletionProtection, 'INACTIVE', 'what changed since the attach stays');
});

test('detach-trigger refuses when the trigger is no longer the Profile Manager, before any update', async () => {
  if (missing) return;
  const before = JSON.parse(readFileSync(DESCRIBED, 'utf8')) as Record<string, any>;
  const now = structuredClone(before);
  now.LambdaConfig.PreTokenGeneration = 'arn:aws:lambda:eu-central-1:123456789012:function:someone-elses';
  const r = await detach(now, before);
  assert.is.not(r.code, 0);
  assert.match(
    r.stderr,
    /trigger of the pool is arn:aws:lambda:eu-central-1:123456789012:function:someone-elses, not the Profile Manager/,
  );
  assert.is(r.update, undefined);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadProject, validateProject } from '../../src/pipeline/index.js';
import { ConfigError, type Problem } from '../../src/config/errors.js';
import type { KfgenConfig } from '../../src/config/types.js';
import { profiles } from '../../src/generate/tenancy/profiles.js';
import type { Context } from '../../src/generate/core/model.js';
import { namedUsers, planMemberships, planProfiles } from '../../src/plan/tenancy.js';
import { makePlan } from '../../src/plan/index.js';
import { kfamBindingName, personalProfileName } from '../../src/kubeflow/kfam.js';
import { fixtureConfig } from '../support/fixtures.js';

/** The Entra fixture's config, as a fresh object each time so a test can break it. */
function base(): KfgenConfig {
  return parse(readFileSync(fixtureConfig('eks-entra-teams'), 'utf8')) as KfgenConfig;
}

function problems(config: KfgenConfig): Problem[] {
  return validateProject(config, 'kfgen.config.yaml');
}

function only(config: KfgenConfig): Problem {
  const found = problems(config);
  assert.is(found.length, 1, `expected one problem, got ${JSON.stringify(found, null, 2)}`);
  return found[0]!;
}

// ---------------------------------------------------------------------------------------------
const naming = suite('tenancy naming');

naming('binding names follow KFAM getBindingName', () => {
  assert.is(kfamBindingName('bob@example.com', 'edit'), 'user-bob-example-com-clusterrole-edit');
  assert.is(kfamBindingName('carol@example.com', 'view'), 'user-carol-example-com-clusterrole-view');
  // Runs of non-alphanumerics collapse; case folds after substitution.
  assert.is(kfamBindingName('Uma_Patel@Corp.Example.org', 'edit'), 'user-uma-patel-corp-example-org-clusterrole-edit');
  assert.is(kfamBindingName('a..b+tag@x.io', 'view'), 'user-a-b-tag-x-io-clusterrole-view');
  assert.is(kfamBindingName('trailing.@x.io.', 'edit'), 'user-trailing-x-io-clusterrole-edit');
});

naming('personal profile names follow the dashboard registration flow', () => {
  assert.is(personalProfileName('alice@example.com'), 'alice-example-com');
  assert.is(personalProfileName('tom.lee@corp.example.org'), 'tom-lee-corp-example-org');
  // Underscores are dropped, not replaced; dashes are not collapsed.
  assert.is(personalProfileName('Uma_Patel@corp.example.org'), 'umapatel-corp-example-org');
  assert.is(personalProfileName('a.-b@x.io'), 'a--b-x-io');
  assert.is(personalProfileName('.lead@x.io'), 'lead-x-io');
});

naming('users named anywhere, sorted and unique', () => {
  assert.equal(namedUsers(base()), [
    'admin@example.com',
    'alice@example.com',
    'bob@example.com',
    'carol@example.com',
    'dave@example.com',
    'erin@example.com',
    'frank@example.com',
  ]);
});

naming('group expansion: per-user bindings, strongest role wins, owner skipped', () => {
  const c = base();
  c.groups!['ml-platform']!.push('alice@example.com'); // owns team-vision
  const m = planMemberships(c).map((x) => `${x.profile} ${x.user} ${x.role}`);
  assert.equal(m, [
    'team-vision bob@example.com edit',
    'team-vision carol@example.com view',
    'team-vision dave@example.com view',
    'team-nlp alice@example.com edit',
    'team-nlp carol@example.com edit',
    'team-nlp dave@example.com edit',
    'team-nlp frank@example.com view',
  ]);
});

naming('personal profiles: one per user, a declared profile of the same name and owner wins', () => {
  const c = base();
  c.tenancy = { ...c.tenancy, personalProfiles: true };
  c.profiles!.push({ name: 'bob-example-com', owner: 'bob@example.com', quota: { cpu: '2' } });
  const p = planProfiles(c);
  assert.equal(
    p.map((x) => `${x.name}${x.personal ? '*' : ''}`),
    [
      'team-vision',
      'team-nlp',
      'bob-example-com',
      'admin-example-com*',
      'alice-example-com*',
      'carol-example-com*',
      'dave-example-com*',
      'erin-example-com*',
      'frank-example-com*',
    ],
  );
  assert.equal(p.find((x) => x.name === 'bob-example-com')!.quota, { cpu: '2' });
});

naming('the example profile goes unless kept, whatever else the config says', () => {
  const drop = (c: KfgenConfig) => profiles({ plan: makePlan(c) } as Context).dropUpstream ?? [];
  const bare = { ...base(), profiles: undefined, groups: undefined, tenancy: undefined, programmaticAccess: undefined };
  assert.equal(drop(bare), ['common/user-namespace/base']);
  assert.equal(drop({ ...bare, tenancy: { keepExampleProfile: true } }), []);
  assert.equal(drop(base()), ['common/user-namespace/base']);
});

naming.run();

// ---------------------------------------------------------------------------------------------
const checks = suite('tenancy cross-checks');

checks('the fixtures are valid', () => {
  assert.equal(problems(base()), []);
  assert.equal(problems(parse(readFileSync(fixtureConfig('cognito-adfs-tenants'), 'utf8')) as KfgenConfig), []);
});

checks('unknown profile in programmaticAccess, with did-you-mean', () => {
  const c = base();
  c.programmaticAccess![0]!.profile = 'team-visoin';
  const p = only(c);
  assert.is(p.path, 'programmaticAccess[0].profile');
  assert.is(p.message, 'unknown profile "team-visoin"');
  assert.is(p.suggestion, 'did you mean "team-vision"?');
  assert.is(p.allowed, 'team-nlp, team-vision');
});

checks('programmaticAccess may name a personal profile', () => {
  const c = base();
  c.programmaticAccess![0]!.profile = 'bob-example-com';
  assert.is(only(c).message, 'unknown profile "bob-example-com"');
  c.tenancy = { ...c.tenancy, personalProfiles: true };
  assert.equal(problems(c), []);
});

checks('unknown group, with did-you-mean', () => {
  const c = base();
  c.profiles![0]!.contributors![1] = { group: 'ml-platfrom', role: 'view' };
  const p = only(c);
  assert.is(p.path, 'profiles[0].contributors[1].group');
  assert.is(p.message, 'unknown group "ml-platfrom"');
  assert.is(p.suggestion, 'did you mean "ml-platform"?');
});

checks('duplicate profile', () => {
  const c = base();
  c.profiles!.push({ name: 'team-nlp', owner: 'zoe@example.com' });
  const p = only(c);
  assert.is(p.path, 'profiles[2].name');
  assert.is(p.message, 'duplicate profile "team-nlp" (also profiles[1])');
});

checks("a declared profile that takes another user's personal profile name", () => {
  const c = base();
  c.tenancy = { ...c.tenancy, personalProfiles: true };
  c.profiles![1]!.name = 'carol-example-com';
  c.programmaticAccess![1]!.profile = 'carol-example-com';
  const p = only(c);
  assert.is(p.path, 'profiles[1].name');
  assert.match(p.message, '"carol-example-com" is also the personal profile of "carol@example.com"');
});

checks('two users whose personal profiles would collide', () => {
  const c = base();
  c.tenancy = { ...c.tenancy, personalProfiles: true };
  c.groups!['ml-platform']!.push('dave_@example.com');
  const p = only(c);
  assert.is(p.path, 'groups.ml-platform[2]');
  assert.is(
    p.message,
    '"dave_@example.com" and "dave@example.com" would both get the personal profile "dave-example-com"',
  );
});

checks('a user id that is not what the email claim yields', () => {
  const c = base();
  c.profiles![0]!.contributors![0] = { user: 'bob', role: 'edit' };
  const p = only(c);
  assert.is(p.path, 'profiles[0].contributors[0].user');
  assert.is(
    p.message,
    '"bob" does not look like an email address, but auth.userClaim is "email", so users are identified by their email',
  );
});

checks('user ids: group members and the admin are checked too; oid claims want a UUID', () => {
  const c = base();
  c.groups!['ml-platform']!.push('carol at example.com');
  c.tenancy!.admin = 'admin';
  assert.equal(
    problems(c).map((p) => p.path),
    ['groups.ml-platform[2]', 'tenancy.admin'],
  );
  const o = base();
  o.auth.userClaim = 'oid';
  assert.ok(problems(o).every((p) => p.message.includes('(a UUID)')));
});

checks('with Dex and no connectors, user ids must be Dex users', () => {
  const c = base();
  c.auth = {
    provider: 'dex',
    dex: { users: [{ email: 'alice@example.com', passwordHash: { env: 'H' } }], clientSecret: { env: 'S' } },
    cookieSecret: { env: 'C' },
  };
  c.platform = { provider: 'generic' };
  c.profiles = [
    { name: 'team-vision', owner: 'alice@example.com', contributors: [{ user: 'alcie@example.com', role: 'edit' }] },
  ];
  delete c.groups;
  delete c.tenancy;
  c.programmaticAccess = [];
  const p = only(c);
  assert.is(p.path, 'profiles[0].contributors[0].user');
  assert.is(p.suggestion, 'did you mean "alice@example.com"?');
});

checks('owner as contributor, repeated contributor, platform namespace, bad or repeated service account', () => {
  const c = base();
  c.profiles![0]!.contributors!.push(
    { user: 'alice@example.com', role: 'view' },
    { user: 'bob@example.com', role: 'view' },
  );
  c.profiles!.push({ name: 'kubeflow', owner: 'zoe@example.com' });
  c.programmaticAccess!.push({ profile: 'team-nlp', serviceAccount: 'CI_Bot' }, { profile: 'team-nlp' });
  assert.equal(
    problems(c).map((p) => `${p.path}: ${p.message}`),
    [
      'profiles[0].contributors[2].user: "alice@example.com" owns profile "team-vision" and already has admin access there',
      'profiles[0].contributors[3].user: "bob@example.com" is already a contributor (contributors[0])',
      'profiles[2].name: "kubeflow" is a namespace of the platform itself, not a profile',
      'programmaticAccess[2].serviceAccount: "CI_Bot" is not a usable ServiceAccount name',
      'programmaticAccess[3]: ServiceAccount "default-editor" of profile "team-nlp" already has access (programmaticAccess[1])',
    ],
  );
});

checks('problems carry the line of the offending field', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-tenancy-'));
  try {
    const c = base() as unknown as Record<string, unknown>;
    (c.programmaticAccess as Array<{ profile: string }>)[1]!.profile = 'team-npl';
    const text = stringify(c);
    writeFileSync(join(dir, 'kfgen.config.yaml'), text);
    const err = await loadProject({ cwd: dir }).catch((e: unknown) => e);
    assert.instance(err, ConfigError);
    const p = (err as ConfigError).problems[0]!;
    assert.is(p.path, 'programmaticAccess[1].profile');
    assert.is(text.split('\n')[p.line! - 1]!.trim(), '- profile: team-npl');
    assert.is(p.suggestion, 'did you mean "team-nlp"?');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

checks.run();

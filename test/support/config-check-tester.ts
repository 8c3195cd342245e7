/**
 * Config check tests, the twin of the lint RuleTester (test/lint/rule-tester.ts): per check id,
 * valid configs that must give no report of it, and invalid ones that must give exactly the
 * listed reports (messageId and field path), in order. Each case is a patch on a small valid
 * config (`BASE`): objects merge, arrays and scalars replace, `undefined` removes a key. A case
 * asserts the `messageId` (one of the check's `meta.messages`) rather than wording; `message`
 * may add a check of the text. Every report must be at a field the check's `meta.fields` names.
 */
import * as assert from 'uvu/assert';
import type { Test } from 'uvu';
import type { KfgenConfig } from '../../src/config/types.js';
import { schemaCheck } from '../../src/config/validate.js';
import { configChecks } from '../../src/config/checks/index.js';
import { runChecks, reportsField, type Collected } from '../../src/config/checks/collect.js';
import type { CheckMeta } from '../../src/config/checks/check.js';
import { planChecks } from '../../src/plan/checks/index.js';
import { makePlan } from '../../src/plan/index.js';

export const BASE = {
  manifests: { version: 'v1.9.1', path: '.' },
  host: 'kubeflow.example.com',
  platform: { provider: 'generic' },
  auth: {
    provider: 'dex',
    dex: { users: [{ email: 'alice@example.com', passwordHash: { env: 'H' } }], clientSecret: { env: 'C' } },
    cookieSecret: { env: 'K' },
  },
};

/** A valid EKS platform section, for patches: `{ platform: EKS }`. */
export const EKS = {
  provider: 'eks',
  eks: {
    clusterName: 'kf',
    region: 'us-east-1',
    kubernetesVersion: '1.30',
    nodeGroups: [{ name: 'ng-1', instanceType: 'm5.xlarge', minSize: 1, desiredCapacity: 2, maxSize: 3 }],
  },
};

/** Cognito sign-in, for patches: `{ auth: COGNITO }` (replaces the Dex section). */
export const COGNITO = {
  provider: 'cognito',
  dex: undefined,
  cognito: {
    region: 'us-east-1',
    userPoolId: 'us-east-1_AbCdEfGhI',
    clientId: 'abcdefghijklmnopqrstuvwxyz',
    clientSecret: { env: 'COGNITO_SECRET' },
    domain: 'kubeflow-auth',
  },
};

export type Patch = Record<string, unknown>;

export interface Expected {
  messageId: string;
  /** The dotted field path of the problem, as the CLI prints it: `auth.dex.users[1].email`. */
  path: string;
  /** A fragment of the message, or a pattern it must match. */
  message?: string | RegExp;
}

export interface Case {
  name: string;
  /** Merged onto BASE; or a function of BASE that returns the whole config. */
  config: Patch | ((base: typeof BASE) => unknown);
}

export interface CheckCases {
  valid: Case[];
  invalid: Array<Case & { errors: Expected[] }>;
}

export function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export const configOf = (c: Case): unknown =>
  typeof c.config === 'function' ? c.config(structuredClone(BASE)) : merge(BASE, c.config);

export type Layer = 'config' | 'plan';

export function findCheck(id: string): { meta: CheckMeta; layer: Layer } | undefined {
  const config = configChecks.find((c) => c.meta.id === id);
  if (config) return { meta: config.meta, layer: 'config' };
  const plan = planChecks.find((c) => c.meta.id === id);
  return plan && { meta: plan.meta, layer: 'plan' };
}

/**
 * Every report of every check on a config, as the pipeline runs them: the schema first, then the
 * config checks, and the plan checks only when the config checks are clean. `setup` names what
 * stopped it earlier (schema problems or config-check problems of another layer).
 */
export function reportsOn(raw: unknown): { schema: string[]; reports: Collected[]; configClean: boolean } {
  const file = 'kfgen.config.yaml';
  const schema = schemaCheck(raw, file).map((p) => `${p.path}: ${p.message}`);
  const reports: Collected[] = [];
  if (schema.length) return { schema, reports, configClean: false };
  const config = raw as KfgenConfig;
  const own = runChecks(
    configChecks,
    { config },
    file,
    () => undefined,
    (c) => reports.push(c),
  );
  if (!own.length)
    runChecks(
      planChecks,
      { config, plan: makePlan(config) },
      file,
      () => undefined,
      (c) => reports.push(c),
    );
  return { schema, reports, configClean: !own.length };
}

const show = (rs: Collected[]) => rs.map((r) => `${r.checkId}/${r.messageId} ${r.problem.path}: ${r.problem.message}`);

export function configCheckTester(test: Test, id: string, cases: CheckCases): void {
  const found = findCheck(id);
  for (const c of cases.valid) {
    test(`${id} valid: ${c.name}`, () => {
      assert.ok(found, `no config check "${id}"`);
      const { schema, reports, configClean } = reportsOn(configOf(c));
      assert.equal(schema, [], 'the case is schema-valid');
      if (found!.layer === 'plan')
        assert.ok(configClean, `a plan check's case passes the config checks: ${show(reports)}`);
      assert.equal(show(reports.filter((r) => r.checkId === id)), []);
    });
  }
  for (const c of cases.invalid) {
    test(`${id} invalid: ${c.name}`, () => {
      assert.ok(found, `no config check "${id}"`);
      const { meta, layer } = found!;
      const { schema, reports, configClean } = reportsOn(configOf(c));
      assert.equal(schema, [], 'the case is schema-valid: the checks only see schema-valid configs');
      if (layer === 'plan') assert.ok(configClean, `a plan check's case passes the config checks: ${show(reports)}`);
      const mine = reports.filter((r) => r.checkId === id);
      assert.is(
        mine.length,
        c.errors.length,
        `expected ${c.errors.length} report(s) of ${id}, got ${JSON.stringify(show(reports))}`,
      );
      c.errors.forEach((e, i) => {
        const r = mine[i]!;
        assert.ok(e.messageId in meta.messages, `${id} has no message "${e.messageId}"`);
        assert.is(r.messageId, e.messageId, `report ${i} messageId: ${r.problem.message}`);
        assert.is(r.problem.path, e.path, `report ${i} path: ${r.problem.message}`);
        assert.ok(
          reportsField(meta, r.path),
          `report ${i} at ${r.problem.path}, which ${id}'s meta.fields does not name`,
        );
        if (typeof e.message === 'string')
          assert.ok(r.problem.message.includes(e.message), `report ${i}: "${r.problem.message}" lacks "${e.message}"`);
        else if (e.message) assert.match(r.problem.message, e.message);
      });
    });
  }
}

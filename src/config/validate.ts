import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileCached } from '../util/compiled-cache.js';
import { createRequire } from 'node:module';
import type { KfgenConfig } from './types.js';
import { SECRET_FORMS } from './secret-source.js';
import type { Problem } from './errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { pointerToPath } from '../util/json-pointer.js';
import { dotted } from '../util/field-path.js';
import { REFUSED_RELEASES, RELEASE_IDS } from '../kubeflow/release.js';
import type { Locate } from './checks/check.js';
import { configChecks } from './checks/index.js';
import { runChecks } from './checks/collect.js';

const require = createRequire(import.meta.url);
const schema = require('../../schemas/kfgen.config.schema.json') as Record<string, unknown>;

export type { Locate };
export { SECRET_FORMS };

let compiled: ValidateFunction | undefined;
function validator() {
  // Compiled once per schema and kept between processes: 0.25 s of every `kfgen` run otherwise (issue 13).
  compiled ??= compileCached({ allErrors: true, verbose: true, strict: true }, schema);
  return compiled;
}

/** Checks of a schema-valid config that need more than the config itself (the plan's, for one). */
export type ConfigCheck = (config: KfgenConfig, file: string, locate: Locate) => Problem[];

/**
 * Schema check, then the config checks (src/config/checks/: the cross-field rules a JSON Schema
 * cannot say clearly), then `more` (the pipeline passes the plan's checks, src/plan/checks/; the
 * config layer does not know the plan).
 */
export function validateConfig(
  raw: unknown,
  file: string,
  locate: Locate = () => undefined,
  more?: ConfigCheck,
): Problem[] {
  const validate = validator();
  if (validate(raw)) {
    // The plan is only made from a config whose own sections agree (a provider's section exists).
    const own = runChecks(configChecks, { config: raw as KfgenConfig }, file, locate);
    return own.length ? own : (more?.(raw as KfgenConfig, file, locate) ?? []);
  }
  return schemaProblems(validate.errors ?? [], raw, file, locate);
}

/** The schema's problems alone (none for a schema-valid config): what the config checks may assume. */
export function schemaCheck(raw: unknown, file: string, locate: Locate = () => undefined): Problem[] {
  const validate = validator();
  return validate(raw) ? [] : schemaProblems(validate.errors ?? [], raw, file, locate);
}

// The rest of config/ imports it from here; generate/ takes it from util/, below config.
export { dotted };

function schemaProblems(errors: ErrorObject[], raw: unknown, file: string, locate: Locate): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  // A value that should be a secret source fails every branch of the anyOf; report it once, with the why.
  const secretPaths = new Set(
    errors
      .filter(
        (e) =>
          e.schemaPath.includes('/definitions/SecretSource') || (e.keyword === 'anyOf' && isSecretSchema(e.schema)),
      )
      .map((e) => e.instancePath),
  );
  const version = versionProblem(errors, raw, file, locate);
  if (version) problems.push(version);
  for (const e of errors) {
    const path = pointerToPath(e.instancePath);
    if (version && e.instancePath === '/manifests/version') continue;
    const insideSecret = [...secretPaths].some((p) => e.instancePath === p || e.instancePath.startsWith(p + '/'));
    let problem: Problem;
    if (insideSecret) {
      const secretPath = [...secretPaths].find((p) => e.instancePath === p || e.instancePath.startsWith(p + '/'))!;
      const at = pointerToPath(secretPath);
      const value = valueAt(raw, at);
      problem = {
        file,
        line: locate(at),
        path: dotted(at),
        message:
          typeof value === 'string'
            ? 'a literal secret is not allowed: secrets must not be written into a config file that is committed; name where kfgen reads it'
            : 'is not a secret source',
        allowed: SECRET_FORMS,
      };
    } else if (e.keyword === 'additionalProperties') {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      const guess = didYouMean(key, known);
      problem = {
        file,
        line: locate([...path, key]),
        path: dotted([...path, key]),
        message: 'unknown key',
        allowed: known.join(', '),
        suggestion: guess ? `did you mean "${guess}"?` : undefined,
      };
    } else if (e.keyword === 'required') {
      const key = (e.params as { missingProperty: string }).missingProperty;
      problem = { file, line: locate(path), path: dotted([...path, key]), message: 'is required' };
    } else if (e.keyword === 'enum' || e.keyword === 'const') {
      const allowed =
        e.keyword === 'enum'
          ? (e.params as { allowedValues: unknown[] }).allowedValues
          : [(e.params as { allowedValue: unknown }).allowedValue];
      const value = valueAt(raw, path);
      const guess = typeof value === 'string' ? didYouMean(value, allowed.map(String)) : undefined;
      const isVersion = dotted(path) === 'manifests.version';
      problem = {
        file,
        line: locate(path),
        path: dotted(path),
        message: isVersion
          ? `kubeflow/manifests ${JSON.stringify(value)} is not supported`
          : `${JSON.stringify(value)} is not allowed`,
        allowed: allowed.map((a) => JSON.stringify(a)).join(', '),
        suggestion: guess && guess !== value ? `did you mean "${guess}"?` : undefined,
      };
    } else if (e.keyword === 'type') {
      const value = valueAt(raw, path);
      problem = {
        file,
        line: locate(path),
        path: dotted(path),
        message: `must be ${e.params.type as string}, got ${describe(value)}`,
      };
    } else if (e.keyword === 'pattern') {
      const value = valueAt(raw, path);
      const description = (e.parentSchema as { description?: string })?.description;
      problem = {
        file,
        line: locate(path),
        path: dotted(path),
        message: `${JSON.stringify(value)} does not have the expected form${description ? ` (${description.replace(/\.$/, '')})` : ''}`,
        allowed: `/${e.params.pattern as string}/`,
      };
    } else if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      continue; // the branch errors already say what is wrong
    } else {
      problem = { file, line: locate(path), path: dotted(path), message: e.message ?? 'is invalid' };
    }
    const key = `${problem.path}|${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

/**
 * `manifests.version` gets one message of its own: what to write. YAML reads an unquoted `26.03`
 * as the number 26.03, and v1.10.0/v1.10.1 are releases kfgen knows and refuses.
 */
function versionProblem(errors: ErrorObject[], raw: unknown, file: string, locate: Locate): Problem | undefined {
  if (!errors.some((e) => e.instancePath === '/manifests/version')) return undefined;
  const at = ['manifests', 'version'];
  const value = valueAt(raw, at);
  const allowed = RELEASE_IDS.map((r) => JSON.stringify(r)).join(', ');
  const problem = { file, line: locate(at), path: 'manifests.version', allowed };
  if (typeof value === 'number') {
    const meant = RELEASE_IDS.find((r) => Number(r) === value) ?? String(value);
    return {
      ...problem,
      message: `is the number ${value}: YAML reads an unquoted ${value} as a number, not a release name`,
      suggestion: `quote it: version: "${meant}"`,
    };
  }
  if (typeof value !== 'string') return { ...problem, message: `must be a release name, got ${describe(value)}` };
  const refused = REFUSED_RELEASES[value];
  if (refused) return { ...problem, message: `kubeflow/manifests ${value} is not supported: ${refused}` };
  const guess =
    didYouMean(value, [...RELEASE_IDS]) ?? RELEASE_IDS.find((r) => r.replace(/^v/, '') === value.replace(/^v/, ''));
  return {
    ...problem,
    message: `kubeflow/manifests ${JSON.stringify(value)} is not a release kfgen builds`,
    ...(guess && guess !== value ? { suggestion: `did you mean "${guess}"?` } : {}),
  };
}

function isSecretSchema(s: unknown): boolean {
  return (
    Array.isArray(s) &&
    s.some(
      (b) =>
        b &&
        typeof b === 'object' &&
        'required' in b &&
        JSON.stringify((b as { required: unknown }).required) === '["env"]',
    )
  );
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

export function valueAt(root: unknown, path: Array<string | number>): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileCached } from '../util/compiled-cache.js';
import { createRequire } from 'node:module';
import type { KfgenConfig, SecretSource } from './types.js';
import { isSecretSource, walkSecretSources } from './secret-source.js';
import type { Problem } from './errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { RULE_IDS } from '../util/rule-ids.js';
import { pointerToPath } from '../util/json-pointer.js';
import { dotted } from '../util/field-path.js';
import { GENERATED_SECRET_NAMES } from '../kubeflow/secrets.js';
import { baseUrl, cookieExpire } from './defaults.js';
import { dexCallbackUrl } from '../kubeflow/dex.js';
import { REFUSED_RELEASES, RELEASE_IDS } from '../kubeflow/release.js';

const require = createRequire(import.meta.url);
const schema = require('../../schemas/kfgen.config.schema.json') as Record<string, unknown>;

export type Locate = (path: Array<string | number>) => number | undefined;

/** Connector config keys that always hold credentials (Dex v2.39 microsoft, oidc, ldap). */
const SECRET_CONNECTOR_KEYS = ['clientSecret', 'bindPW'] as const;

export const SECRET_FORMS = '{ env: NAME } | { file: PATH } | { existingSecret: { name, key } }';

let compiled: ValidateFunction | undefined;
function validator() {
  // Compiled once per schema and kept between processes: 0.25 s of every `kfgen` run otherwise (issue 13).
  compiled ??= compileCached({ allErrors: true, verbose: true, strict: true }, schema);
  return compiled;
}

/** Checks of a schema-valid config that need more than the config itself (the plan's, for one). */
export type ConfigCheck = (config: KfgenConfig, file: string, locate: Locate) => Problem[];

/**
 * Schema check, then the cross-field rules a JSON Schema cannot say clearly, then `more` (the
 * pipeline passes the plan's checks; the config layer does not know the plan).
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
    const own = semanticProblems(raw as KfgenConfig, file, locate);
    return own.length ? own : (more?.(raw as KfgenConfig, file, locate) ?? []);
  }
  return schemaProblems(validate.errors ?? [], raw, file, locate);
}

export type AddProblem = (path: Array<string | number>, message: string, allowed?: string, suggestion?: string) => void;

/** Problems at config paths, each with its line when the file's positions are known. */
export function problemList(file: string, locate: Locate): { problems: Problem[]; add: AddProblem } {
  const problems: Problem[] = [];
  const add: AddProblem = (path, message, allowed, suggestion) =>
    problems.push({
      file,
      line: locate(path),
      path: dotted(path),
      message,
      ...(allowed ? { allowed } : {}),
      ...(suggestion ? { suggestion } : {}),
    });
  return { problems, add };
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

/** Rules between fields. Each returns the section the user must change. */
function semanticProblems(c: KfgenConfig, file: string, locate: Locate): Problem[] {
  const out: Problem[] = [];
  const add = (path: Array<string | number>, message: string, allowed?: string, suggestion?: string) =>
    out.push({ file, line: locate(path), path: dotted(path), message, allowed, suggestion });

  if (!c.manifests.path === !c.manifests.git) {
    add(
      ['manifests'],
      c.manifests.path ? 'set either path or git, not both' : 'needs the upstream tree',
      'path: <local checkout> | git: https://github.com/kubeflow/manifests',
    );
  }
  // The pattern cannot count (RFC 1123): the Ingress, the Gateway and the certificate all refuse longer names.
  const longLabel = c.host.split('.').find((l) => l.length > 63);
  if (longLabel) add(['host'], `has a label of ${longLabel.length} characters; a DNS label holds at most 63`);
  else if (c.host.length > 253) add(['host'], `is ${c.host.length} characters long; a DNS name holds at most 253`);
  if (c.platform.provider === 'eks' && !c.platform.eks) {
    add(['platform', 'eks'], 'is required when platform.provider is "eks"');
  }
  if (c.platform.provider !== 'eks' && c.platform.eks) {
    add(
      ['platform', 'eks'],
      `is only used with provider "eks", but platform.provider is "${c.platform.provider}"`,
      undefined,
      'remove it or set platform.provider: eks',
    );
  }
  c.platform.eks?.nodeGroups.forEach((g, i) => {
    if (!(g.minSize <= g.desiredCapacity && g.desiredCapacity <= g.maxSize)) {
      add(
        ['platform', 'eks', 'nodeGroups', i],
        `needs minSize <= desiredCapacity <= maxSize, got ${g.minSize} <= ${g.desiredCapacity} <= ${g.maxSize}`,
      );
    }
  });
  const names = c.platform.eks?.nodeGroups.map((g) => g.name) ?? [];
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) add(['platform', 'eks', 'nodeGroups', i, 'name'], `duplicate node group name "${n}"`);
  });

  if (c.tls?.mode === 'secret' && !c.tls.secretName) {
    add(['tls', 'secretName'], 'is required when tls.mode is "secret"', undefined, 'e.g. secretName: kubeflow-tls');
  }
  if (c.tls?.mode === 'none' && c.tls.secretName) {
    add(
      ['tls', 'secretName'],
      'is not used with tls.mode "none": nothing serves a certificate',
      undefined,
      'remove it, or choose a TLS mode',
    );
  }

  const a = c.auth;
  const sections = { 'azure-ad': 'azureAd', dex: 'dex', cognito: 'cognito', oidc: 'oidc' } as const;
  for (const [provider, key] of Object.entries(sections)) {
    if (a.provider === provider && !a[key]) add(['auth', key], `is required when auth.provider is "${provider}"`);
    if (a.provider !== provider && a[key]) {
      const hint = key === 'dex' && a.dex?.connectors ? '; to federate through Dex set auth.provider: dex' : '';
      add(
        ['auth', key],
        `is only used with provider "${provider}", but auth.provider is "${a.provider}"`,
        undefined,
        `remove it or set auth.provider: ${provider}${hint}`,
      );
    }
  }
  if (a.provider === 'dex' && a.dex) {
    if (!a.dex.users?.length && !a.dex.connectors?.length) {
      add(
        ['auth', 'dex'],
        'needs users or connectors: the upstream default user must not survive',
        undefined,
        'add users: [{ email, passwordHash: { env: NAME } }] or connectors: [...]',
      );
    }
    if (!a.dex.clientSecret)
      add(
        ['auth', 'dex', 'clientSecret'],
        'is required: the secret Dex and oauth2-proxy share must not be the upstream default',
        undefined,
        'e.g. clientSecret: { env: DEX_CLIENT_SECRET }',
      );
    const emails = a.dex.users?.map((u) => u.email.toLowerCase()) ?? [];
    emails.forEach((e, i) => {
      if (emails.indexOf(e) !== i) add(['auth', 'dex', 'users', i, 'email'], `duplicate user "${e}"`);
    });
    const ids = a.dex.connectors?.map((k) => k.id) ?? [];
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) add(['auth', 'dex', 'connectors', i, 'id'], `duplicate connector id "${id}"`);
    });
    const callback = dexCallbackUrl(baseUrl(c));
    a.dex.connectors?.forEach((k, i) => {
      const redirect = k.config.redirectURI;
      if (redirect !== undefined && redirect !== callback) {
        add(
          ['auth', 'dex', 'connectors', i, 'config', 'redirectURI'],
          `must be Dex's callback through the gateway, ${callback}, got ${JSON.stringify(redirect)}`,
          undefined,
          'remove it: kfgen sets it',
        );
      }
      for (const key of SECRET_CONNECTOR_KEYS) {
        const v = k.config[key];
        if (v !== undefined && !isSecretSource(v)) {
          add(
            ['auth', 'dex', 'connectors', i, 'config', key],
            'a literal secret is not allowed: it would be written into the Dex ConfigMap',
            SECRET_FORMS,
          );
        }
      }
      // The schema types connector config as anything, so the sources in it get their shape checked here.
      walkSecretSources(k.config, ['auth', 'dex', 'connectors', i, 'config'], (source, path) => {
        if (!wellFormedSource(source)) add(path, 'is not a secret source', SECRET_FORMS);
      });
      findDollar(k.config, ['auth', 'dex', 'connectors', i, 'config'], (path) =>
        add(
          path,
          'contains "$": Dex expands $VAR in connector config, so this value would be mangled',
          undefined,
          'pass it as a secret source ({ env }, { file } or { existingSecret }) instead',
        ),
      );
    });
  }
  const session = a.session ?? {};
  const expire = seconds(cookieExpire(c));
  const refresh = seconds(session.cookieRefresh ?? '0s');
  if (refresh > 0 && refresh >= expire) {
    add(
      ['auth', 'session', 'cookieRefresh'],
      `must be shorter than cookieExpire (${cookieExpire(c)}): oauth2-proxy refuses to start otherwise`,
    );
  }
  const providerGroups = a.cognito?.groupsClaim ?? a.oidc?.groupsClaim;
  if (a.groupsClaim && providerGroups && a.groupsClaim !== providerGroups) {
    add(
      ['auth', 'groupsClaim'],
      `says "${a.groupsClaim}" but auth.${a.cognito ? 'cognito' : 'oidc'}.groupsClaim says "${providerGroups}"`,
      undefined,
      'set it in one place',
    );
  }
  walkSecretSources(a, ['auth'], (source, path) => {
    if ('existingSecret' in source && GENERATED_SECRET_NAMES.includes(source.existingSecret.name)) {
      add(
        [...path, 'existingSecret', 'name'],
        `"${source.existingSecret.name}" is the name of a Secret kfgen generates; kustomize would point the reference at the generated one`,
        undefined,
        'name your Secret differently, e.g. kubeflow-oidc',
      );
    }
  });
  const ruleIds: readonly string[] = RULE_IDS;
  for (const id of Object.keys(c.lint?.rules ?? {})) {
    if (!ruleIds.includes(id)) {
      const guess = didYouMean(id, ruleIds);
      add(
        ['lint', 'rules', id],
        'is not a lint rule',
        undefined,
        guess ? `did you mean "${guess}"?` : 'kfgen rules lists them',
      );
    }
  }
  const oidcScopes = a.oidc?.scopes;
  if (oidcScopes && !oidcScopes.includes('openid'))
    add(
      ['auth', 'oidc', 'scopes'],
      'must include "openid": without it the provider issues no ID token',
      undefined,
      'e.g. [openid, profile, email]',
    );
  if (a.machineTokens?.eks) {
    if (c.platform.provider !== 'eks') add(['auth', 'machineTokens', 'eks'], 'needs platform.provider: eks');
    else if (!c.platform.eks?.oidcIssuer) {
      add(
        ['platform', 'eks', 'oidcIssuer'],
        "is required with auth.machineTokens.eks: the gateway must trust the cluster's real issuer, not upstream's placeholder",
        undefined,
        'aws eks describe-cluster --name <cluster> --query cluster.identity.oidc.issuer',
      );
    }
  }
  return out;
}

function seconds(duration: string): number {
  const m = /^(\d+)([hms])$/.exec(duration);
  return m ? Number(m[1]) * { h: 3600, m: 60, s: 1 }[m[2] as 'h' | 'm' | 's'] : 0;
}

/** `{ env: NAME }`, `{ file: PATH }` or `{ existingSecret: { name, key } }`, with strings where they go. */
function wellFormedSource(source: SecretSource): boolean {
  const value: unknown = Object.values(source)[0];
  if (!('existingSecret' in source)) return typeof value === 'string' && value !== '';
  const ref = value as Record<string, unknown> | null;
  return (
    !!ref &&
    typeof ref === 'object' &&
    !Array.isArray(ref) &&
    Object.keys(ref).sort().join() === 'key,name' &&
    typeof ref.name === 'string' &&
    ref.name !== '' &&
    typeof ref.key === 'string' &&
    ref.key !== ''
  );
}

function findDollar(node: unknown, path: Array<string | number>, report: (path: Array<string | number>) => void): void {
  if (typeof node === 'string') {
    if (node.includes('$')) report(path);
  } else if (Array.isArray(node)) node.forEach((n, i) => findDollar(n, [...path, i], report));
  else if (node && typeof node === 'object' && !isSecretSource(node))
    for (const [k, v] of Object.entries(node)) findDollar(v, [...path, k], report);
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KfgenConfig, SecretSource } from './types.js';
import type { Problem } from './errors.js';
import { dotted, type Locate } from './validate.js';

/** Values read from `{ env }` and `{ file }` sources, keyed by the source object in the config. */
export type ResolvedSecrets = Map<SecretSource, string>;

export type SecretValue = { kind: 'value'; value: string } | { kind: 'existing'; name: string; key: string };

export function isSecretSource(v: unknown): v is SecretSource {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && ['env', 'file', 'existingSecret'].includes(keys[0]!);
}

/** Looks a source up in what the edge resolved; the generator stays free of I/O. */
export function secretValue(secrets: ResolvedSecrets, source: SecretSource): SecretValue {
  if ('existingSecret' in source) return { kind: 'existing', ...source.existingSecret };
  const value = secrets.get(source);
  if (value === undefined) throw new Error(`internal: secret source ${JSON.stringify(source)} was not resolved`);
  return { kind: 'value', value };
}

/** Reads every env/file source in the config. This is the only place secret values enter kfgen. */
export function resolveSecrets(
  config: KfgenConfig,
  opts: { file: string; configDir: string; env: NodeJS.ProcessEnv; locate?: Locate },
): { secrets: ResolvedSecrets; problems: Problem[] } {
  const secrets: ResolvedSecrets = new Map();
  const problems: Problem[] = [];
  const locate = opts.locate ?? (() => undefined);
  const report = (path: Array<string | number>, message: string, suggestion?: string) =>
    problems.push({ file: opts.file, line: locate(path), path: dotted(path), message, suggestion });

  walk(config, [], (source, path) => {
    let value: string | undefined;
    if ('env' in source) {
      value = opts.env[source.env];
      if (value === undefined || value === '') {
        report(path, `environment variable ${source.env} is not set`, `export ${source.env}=... before running kfgen, or use { file: PATH } or { existingSecret: { name, key } }`);
        return;
      }
    } else if ('file' in source) {
      const full = resolve(opts.configDir, source.file);
      try {
        // Editors and `echo` add a final newline that is never part of the secret.
        value = readFileSync(full, 'utf8').replace(/\r?\n$/, '');
      } catch {
        report(path, `cannot read secret file ${full}`, 'check the path; it is relative to the config file');
        return;
      }
    } else return;
    if (/[\r\n]/.test(value)) {
      report(path, 'the secret value spans several lines; kfgen passes secrets through env files, which hold one line per key');
      return;
    }
    secrets.set(source, value);
  });

  const cookie = config.auth.cookieSecret;
  const cookieValue = secrets.get(cookie);
  if (cookieValue !== undefined && ![16, 24, 32].includes(Buffer.byteLength(cookieValue))) {
    report(['auth', 'cookieSecret'], `oauth2-proxy needs a cookie secret of 16, 24 or 32 bytes, got ${Buffer.byteLength(cookieValue)}`, 'generate one with: openssl rand -hex 16');
  }
  return { secrets, problems };
}

function walk(node: unknown, path: Array<string | number>, visit: (s: SecretSource, path: Array<string | number>) => void): void {
  if (isSecretSource(node)) return visit(node, path);
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...path, i], visit));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k], visit);
}

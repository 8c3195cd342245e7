import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KfgenConfig, SecretSource } from './types.js';
import type { Problem } from './errors.js';
import { dotted, type Locate } from './validate.js';
import { walkSecretSources } from './secret-source.js';
import { cookieSecretBytes, oauth2ProxySecretBytes } from '../kubeflow/cookie-secret.js';

/** Values read from `{ env }` and `{ file }` sources, keyed by the source object in the config. */
export type ResolvedSecrets = Map<SecretSource, string>;

export type SecretValue = { kind: 'value'; value: string } | { kind: 'existing'; name: string; key: string };

export { isSecretSource } from './secret-source.js';

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

  walkSecretSources(config, [], (source, path) => {
    let value: string | undefined;
    if ('env' in source) {
      value = opts.env[source.env];
      if (value === undefined || value === '') {
        report(
          path,
          `environment variable ${source.env} is not set`,
          `export ${source.env}=... before running kfgen, or use { file: PATH } or { existingSecret: { name, key } }`,
        );
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
      // As an unset variable: an empty secret would only fail later, in the pod that reads it.
      if (value === '') {
        report(
          path,
          `secret file ${full} is empty`,
          'write the secret into it, or use { env: NAME } or { existingSecret: { name, key } }',
        );
        return;
      }
    } else return;
    if (/[\r\n]/.test(value)) {
      report(
        path,
        'the secret value spans several lines; kfgen passes secrets through env files, which hold one line per key',
      );
      return;
    }
    secrets.set(source, value);
  });

  const cookieValue = secrets.get(config.auth.cookieSecret);
  if (cookieValue !== undefined && cookieSecretBytes(cookieValue) === undefined) {
    report(
      ['auth', 'cookieSecret'],
      `oauth2-proxy needs a cookie secret of 16, 24 or 32 bytes (or base64url of that), got ${oauth2ProxySecretBytes(cookieValue).length} bytes`,
      'generate one with: openssl rand -hex 16',
    );
  }
  config.auth.dex?.users?.forEach((u, i) => {
    const hash = secrets.get(u.passwordHash);
    if (hash !== undefined && !BCRYPT.test(hash)) {
      report(
        ['auth', 'dex', 'users', i, 'passwordHash'],
        'is not a bcrypt hash ($2a$, $2b$ or $2y$, cost, 53 characters): Dex refuses to start with it',
        `make one with: htpasswd -nbBC 12 "" 'PASSWORD' | tr -d ':\\n'`,
      );
    }
  });
  config.auth.dex?.connectors?.forEach((k, i) =>
    walkSecretSources(k.config, ['auth', 'dex', 'connectors', i, 'config'], (source, path) => {
      const v = secrets.get(source);
      // Dex substitutes $VAR into the connector's JSON text before parsing it.
      if (v !== undefined && /["\\]/.test(v))
        report(
          path,
          'contains " or \\, which Dex cannot take in connector config: it substitutes the value into JSON unescaped',
        );
    }),
  );
  return { secrets, problems };
}

const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

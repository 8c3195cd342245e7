import { createHash } from 'node:crypto';
import type { Context, Contribution } from './model.js';
import { containerEnvPatch, replaceSecret, type SecretKey } from './secret-keys.js';
import { mergeContributions } from './merge.js';
import { DEX_CLIENT_ID } from './derive.js';
import { toYaml } from '../util/yaml.js';
import { DEX_DIR } from './upstream.js';
import { isSecretSource } from '../config/secrets.js';

export function dexPasswordEnv(index: number): string {
  return `DEX_USER_PASSWORD_${index}`;
}

/** Dex's config. Secrets appear only as env var names; Dex reads them from its Secrets. */
export function dexConfig(ctx: Context): Record<string, unknown> {
  const { derived: d, config } = ctx;
  const users = config.auth.dex?.users ?? [];
  return {
    issuer: d.issuer,
    storage: { type: 'kubernetes', config: { inCluster: true } },
    web: { http: '0.0.0.0:5556' },
    logger: { level: 'info', format: 'text' },
    oauth2: { skipApprovalScreen: true },
    enablePasswordDB: users.length > 0,
    staticPasswords: users.map((u, i) => ({
      email: u.email,
      hashFromEnv: dexPasswordEnv(i),
      username: u.username ?? u.email.split('@')[0],
      // Dex needs a stable, unique id per user; derived from the email so rebuilds keep it.
      userID: createHash('sha256').update(u.email.toLowerCase()).digest('hex').slice(0, 16),
    })),
    staticClients: [{ idEnv: 'OIDC_CLIENT_ID', secretEnv: 'OIDC_CLIENT_SECRET', redirectURIs: [d.redirectUrl], name: 'Kubeflow' }],
    ...(config.auth.dex?.connectors?.length ? { connectors: dexConnectors(ctx).connectors } : {}),
  };
}

/** Where an upstream identity provider sends the browser back to Dex, through the gateway. */
export function dexCallbackUrl(ctx: Context): string {
  return `${ctx.derived.baseUrl}/dex/callback`;
}

/**
 * Connector configs with every secret source replaced by `$VAR`: Dex expands env vars in
 * connector config, so the values travel in a Secret and never appear in the ConfigMap.
 */
export function dexConnectors(ctx: Context): { connectors: unknown[]; keys: SecretKey[] } {
  const keys: SecretKey[] = [];
  const connectors = (ctx.config.auth.dex?.connectors ?? []).map((c) => {
    const replace = (node: unknown, path: string[]): unknown => {
      if (isSecretSource(node)) {
        const env = ['DEX', c.id, ...path].join('_').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
        keys.push({ key: env, env, from: node });
        return `$${env}`;
      }
      if (Array.isArray(node)) return node.map((n, i) => replace(n, [...path, String(i)]));
      if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replace(v, [...path, k])]));
      return node;
    };
    const config = replace(c.config, []) as Record<string, unknown>;
    if (c.type !== 'ldap' && config.redirectURI === undefined) config.redirectURI = dexCallbackUrl(ctx);
    return { type: c.type, id: c.id, name: c.name, config };
  });
  return { connectors, keys };
}

export function dex(ctx: Context): Contribution {
  if (!ctx.derived.dex) return { dropUpstream: [DEX_DIR] };
  const dexCfg = ctx.config.auth.dex!;
  const configText = toYaml(dexConfig(ctx));
  const checksum = createHash('sha256').update(configText).digest('hex').slice(0, 16);
  const client = replaceSecret(ctx, { name: 'dex-oidc-client', namespace: 'auth', disableNameSuffixHash: true }, [
    { key: 'OIDC_CLIENT_ID', env: 'OIDC_CLIENT_ID', from: { literal: DEX_CLIENT_ID } },
    { key: 'OIDC_CLIENT_SECRET', env: 'OIDC_CLIENT_SECRET', from: dexCfg.clientSecret! },
  ]);
  const passwords = replaceSecret(
    ctx,
    { name: 'dex-passwords', namespace: 'auth', disableNameSuffixHash: true },
    (dexCfg.users ?? []).map((u, i): SecretKey => ({ key: dexPasswordEnv(i), env: dexPasswordEnv(i), from: u.passwordHash })),
  );
  const connectorKeys = dexConnectors(ctx).keys;
  const connectors = connectorKeys.length ? replaceSecret(ctx, { name: 'dex-connectors', namespace: 'auth', behavior: 'create' }, connectorKeys) : undefined;
  const deployment = containerEnvPatch(
    { namespace: 'auth', deployment: 'dex', container: 'dex' },
    [...client.existingEnv, ...passwords.existingEnv, ...(connectors?.existingEnv ?? [])],
    // The ConfigMap `dex` has no hash suffix, so without this Dex would not restart on a change.
    { 'kfgen.dev/config-checksum': checksum },
  );
  return mergeContributions([
    client.contribution,
    passwords.contribution,
    ...(connectors ? [connectors.contribution, connectorEnvFrom()] : []),
    deployment,
    {
      files: { 'dex/config.yaml': configText },
      configMapGenerator: [{ name: 'dex', namespace: 'auth', behavior: 'replace', files: ['dex/config.yaml'], options: { disableNameSuffixHash: true } }],
    },
  ]);
}

/** JSON6902, because a strategic merge patch cannot append to `envFrom` (it has no merge key). */
function connectorEnvFrom(): Contribution {
  return {
    patches: [
      {
        file: 'patches/auth-dex-connectors-envfrom.yaml',
        content: toYaml([{ op: 'add', path: '/spec/template/spec/containers/0/envFrom/-', value: { secretRef: { name: 'dex-connectors' } } }]),
        target: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'dex', namespace: 'auth' },
      },
    ],
  };
}

import { createHash } from 'node:crypto';
import type { Context, Contribution } from '../core/model.js';
import { containerEnvPatch, replaceSecret, type SecretKey } from '../core/secret-keys.js';
import { mergeContributions } from '../core/merge.js';
import { DEX_CLIENT_ID } from '../../kubeflow/dex.js';
import { DEX_OIDC_CLIENT_SECRET, DEX_PASSWORDS_SECRET, DEX_SECRETS } from '../../kubeflow/secrets.js';
import { toYaml } from '../../util/yaml.js';
import { jsonPatch } from '../core/json-patch.js';
import { componentFor } from '../../kubeflow/release.js';
import { isSecretSource } from '../../config/secrets.js';
import { cmp } from '../../util/order.js';

export function dexPasswordEnv(index: number): string {
  return `DEX_USER_PASSWORD_${index}`;
}

/** Dex's config. Secrets appear only as env var names; Dex reads them from its Secrets. */
export function dexConfig(ctx: Context, connectors: unknown[]): Record<string, unknown> {
  const d = ctx.plan.auth;
  const users = d.dex!.users;
  return {
    issuer: d.issuer,
    storage: { type: 'kubernetes', config: { inCluster: true } },
    web: { http: '0.0.0.0:5556' },
    logger: { level: 'info', format: 'text' },
    oauth2: { skipApprovalScreen: true },
    // The lifetime kfgen's refresh period is computed from (plan/session.ts).
    ...(ctx.plan.session.idToken ? { expiry: { idTokens: ctx.plan.session.idToken.lifetime } } : {}),
    enablePasswordDB: users.length > 0,
    staticPasswords: users.map((u, i) => ({
      email: u.email,
      hashFromEnv: dexPasswordEnv(i),
      username: u.username ?? u.email.split('@')[0],
      // Dex needs a stable, unique id per user; derived from the email so rebuilds keep it.
      userID: createHash('sha256').update(u.email.toLowerCase()).digest('hex').slice(0, 16),
    })),
    staticClients: [
      { idEnv: 'OIDC_CLIENT_ID', secretEnv: 'OIDC_CLIENT_SECRET', redirectURIs: [d.redirectUrl], name: 'Kubeflow' },
    ],
    ...(connectors.length ? { connectors } : {}),
  };
}

/** Where an upstream identity provider sends the browser back to Dex, through the gateway. */
/**
 * Connector configs with every secret source replaced by `$VAR`: Dex expands env vars in
 * connector config, so the values travel in a Secret and never appear in the ConfigMap.
 */
export function dexConnectors(ctx: Context): { connectors: unknown[]; keys: SecretKey[] } {
  const keys: SecretKey[] = [];
  const connectors = ctx.plan.auth.dex!.connectors.map((c) => {
    const replace = (node: unknown, path: string[]): unknown => {
      if (isSecretSource(node)) {
        const env = ['DEX', c.id, ...path]
          .join('_')
          .toUpperCase()
          .replace(/[^A-Z0-9]+/g, '_');
        keys.push({ key: env, env, from: node });
        return `$${env}`;
      }
      if (Array.isArray(node)) return node.map((n, i) => replace(n, [...path, String(i)]));
      // Keys sorted, so the ConfigMap and the env names do not depend on how the config was written.
      if (node && typeof node === 'object')
        return Object.fromEntries(
          Object.entries(node)
            .sort(([a], [b]) => cmp(a, b))
            .map(([k, v]) => [k, replace(v, [...path, k])]),
        );
      return node;
    };
    const config = replace(c.config, []) as Record<string, unknown>;
    if (c.type !== 'ldap' && config.redirectURI === undefined) config.redirectURI = ctx.plan.auth.dexCallbackUrl;
    return { type: c.type, id: c.id, name: c.name, config };
  });
  return { connectors, keys };
}

/** The hashed Secret that carries every Dex secret kfgen reads, so a rotation rolls Dex. */

/** Every provider but Dex: upstream's example Dex is not deployed. */
export function upstreamDexDropped(ctx: Context): Contribution {
  return { dropUpstream: [componentFor(ctx.plan.release, 'dex')!.dir] };
}

/** Dex as the provider: its config, its Secrets, and a checksum that restarts it on a change. */
export function dex(ctx: Context): Contribution {
  const dexCfg = ctx.plan.auth.dex!;
  const connectorSetup = dexConnectors(ctx);
  const configText = toYaml(dexConfig(ctx, connectorSetup.connectors));
  // Upstream's dex-oidc-client and dex-passwords are replaced so their defaults go, but they keep
  // bare names (upstream never hashed them) and would not restart Dex on a change. Every secret
  // value therefore travels in one new, hash-suffixed Secret appended to envFrom, which wins over
  // earlier sources for the same key: a new value means a new name, and Dex rolls out.
  const client = replaceSecret(ctx, { ...DEX_OIDC_CLIENT_SECRET, disableNameSuffixHash: true }, [
    { key: 'OIDC_CLIENT_ID', env: 'OIDC_CLIENT_ID', from: { literal: DEX_CLIENT_ID } },
  ]);
  const passwords = replaceSecret(ctx, { ...DEX_PASSWORDS_SECRET, disableNameSuffixHash: true }, []);
  const secrets = replaceSecret(ctx, { ...DEX_SECRETS, behavior: 'create' }, [
    { key: 'OIDC_CLIENT_SECRET', env: 'OIDC_CLIENT_SECRET', from: dexCfg.clientSecret! },
    ...dexCfg.users.map((u, i): SecretKey => ({
      key: dexPasswordEnv(i),
      env: dexPasswordEnv(i),
      from: u.passwordHash,
    })),
    ...connectorSetup.keys,
  ]);
  const deployment = containerEnvPatch(
    { namespace: 'auth', deployment: 'dex', container: 'dex' },
    secrets.existingEnv,
    {
      // The ConfigMap `dex` has no hash suffix either; this digest of it restarts Dex on a change.
      'kfgen.dev/config-checksum': createHash('sha256').update(configText).digest('hex').slice(0, 16),
    },
  );
  return mergeContributions([
    client.contribution,
    passwords.contribution,
    ...(secrets.contribution.secretGenerator ? [secrets.contribution, secretsEnvFrom()] : []),
    deployment,
    {
      files: { 'dex/config.yaml': configText },
      configMapGenerator: [
        {
          name: 'dex',
          namespace: 'auth',
          behavior: 'replace',
          files: ['dex/config.yaml'],
          options: { disableNameSuffixHash: true },
        },
      ],
    },
  ]);
}

/** JSON6902, because a strategic merge patch cannot append to `envFrom` (it has no merge key). */
function secretsEnvFrom(): Contribution {
  return {
    patches: [
      {
        file: `patches/auth-${DEX_SECRETS.name}-envfrom.yaml`,
        content: jsonPatch([
          {
            op: 'add',
            path: '/spec/template/spec/containers/0/envFrom/-',
            value: { secretRef: { name: DEX_SECRETS.name } },
          },
        ]),
        target: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'dex', namespace: 'auth' },
      },
    ],
  };
}

import { createHash } from 'node:crypto';
import type { Context, Contribution } from './model.js';
import { containerEnvPatch, replaceSecret, type SecretKey } from './secret-keys.js';
import { mergeContributions } from './merge.js';
import { DEX_CLIENT_ID } from './derive.js';
import { toYaml } from '../util/yaml.js';
import { DEX_DIR } from './upstream.js';

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
  };
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
  const deployment = containerEnvPatch(
    { namespace: 'auth', deployment: 'dex', container: 'dex' },
    [...client.existingEnv, ...passwords.existingEnv],
    // The ConfigMap `dex` has no hash suffix, so without this Dex would not restart on a change.
    { 'kfgen.dev/config-checksum': checksum },
  );
  return mergeContributions([
    client.contribution,
    passwords.contribution,
    deployment,
    {
      files: { 'dex/config.yaml': configText },
      configMapGenerator: [{ name: 'dex', namespace: 'auth', behavior: 'replace', files: ['dex/config.yaml'], options: { disableNameSuffixHash: true } }],
    },
  ]);
}

/** Upstream Secrets whose default values kfgen replaces (the names upstream's Deployments read). */
export const OAUTH2_PROXY_SECRET = { name: 'oauth2-proxy', namespace: 'oauth2-proxy' } as const;
export const DEX_OIDC_CLIENT_SECRET = { name: 'dex-oidc-client', namespace: 'auth' } as const;
export const DEX_PASSWORDS_SECRET = { name: 'dex-passwords', namespace: 'auth' } as const;
/** kfgen's own Secret for Dex connector and user values (hash-suffixed, so Dex rolls on change). */
export const DEX_SECRETS = { name: 'dex-secrets', namespace: 'auth' } as const;

/** Every Secret the overlay generates: a user's existingSecret of the same name would be rewritten by kustomize. */
export const GENERATED_SECRET_NAMES: readonly string[] = [
  OAUTH2_PROXY_SECRET,
  DEX_OIDC_CLIENT_SECRET,
  DEX_PASSWORDS_SECRET,
  DEX_SECRETS,
].map((s) => s.name);

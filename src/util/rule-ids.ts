/**
 * The ids of the rule catalog, in a leaf module: code that only needs to know which ids exist (the
 * config validator checking `lint.rules` keys) imports this instead of every rule. A test keeps it
 * equal to the catalog.
 */
export const RULE_IDS = [
  'auth-client-mismatch',
  'auth-issuer-mismatch',
  'auth-open-sign-in',
  'auth-redirect-host-mismatch',
  'auth-scopes',
  'authz-forged-userid',
  'authz-gateway-lockout',
  'authz-profile-access',
  'aws-auth-role-in-mapusers',
  'contributor-annotations',
  'cookie-secret-length',
  'default-dex-password',
  'default-oauth2-proxy-secrets',
  'eks-nodegroup-capacity',
  'eks-version-unsupported',
  'gateway-credential-namespace',
  'ingress-buffer-size',
  'ingress-class-annotation',
  'ingress-cross-namespace',
  'ingress-foreign-annotations',
  'ingress-nginx-retired',
  'insecure-issuer-skip-verify',
  'lint-ignore-reason',
  'placeholder-issuer',
  'projected-token-audience',
  'projected-token-expiration',
  'projected-token-path',
  'schema-invalid',
  'schema-unknown-field',
  'schema-unknown-kind',
  'secure-cookie-without-tls',
  'serving-cert-is-ca',
  'system-masters-grant',
  'tenancy-unknown-namespace',
  'yaml-syntax',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}

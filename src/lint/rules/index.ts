// The rule catalog: one rule per file. Listed by family, then id (the order of `kfgen rules` and docs/rules.md).
import type { Rule } from '../rule.js';
import authClientMismatch from './auth-client-mismatch.js';
import authIssuerMismatch from './auth-issuer-mismatch.js';
import authOpenSignIn from './auth-open-sign-in.js';
import authRedirectHostMismatch from './auth-redirect-host-mismatch.js';
import authScopes from './auth-scopes.js';
import authzForgedUserid from './authz-forged-userid.js';
import authzGatewayLockout from './authz-gateway-lockout.js';
import authzProfileAccess from './authz-profile-access.js';
import awsAuthRoleInMapusers from './aws-auth-role-in-mapusers.js';
import contributorAnnotations from './contributor-annotations.js';
import cookieSecretLength from './cookie-secret-length.js';
import defaultDexPassword from './default-dex-password.js';
import defaultOauth2ProxySecrets from './default-oauth2-proxy-secrets.js';
import eksNodegroupCapacity from './eks-nodegroup-capacity.js';
import eksVersionUnsupported from './eks-version-unsupported.js';
import gatewayCredentialNamespace from './gateway-credential-namespace.js';
import ingressBufferSize from './ingress-buffer-size.js';
import ingressClassAnnotation from './ingress-class-annotation.js';
import ingressCrossNamespace from './ingress-cross-namespace.js';
import ingressForeignAnnotations from './ingress-foreign-annotations.js';
import ingressNginxRetired from './ingress-nginx-retired.js';
import insecureIssuerSkipVerify from './insecure-issuer-skip-verify.js';
import lintIgnoreReason from './lint-ignore-reason.js';
import placeholderIssuer from './placeholder-issuer.js';
import projectedTokenAudience from './projected-token-audience.js';
import projectedTokenExpiration from './projected-token-expiration.js';
import projectedTokenPath from './projected-token-path.js';
import schemaInvalid from './schema-invalid.js';
import schemaUnknownField from './schema-unknown-field.js';
import schemaUnknownKind from './schema-unknown-kind.js';
import secureCookieWithoutTls from './secure-cookie-without-tls.js';
import servingCertIsCa from './serving-cert-is-ca.js';
import systemMastersGrant from './system-masters-grant.js';
import tenancyUnknownNamespace from './tenancy-unknown-namespace.js';
import yamlSyntax from './yaml-syntax.js';

const FAMILY_ORDER = ['schema', 'meta', 'auth', 'secrets', 'networking', 'tenancy', 'platform'];
export const catalog: readonly Rule[] = [
  authClientMismatch,
  authIssuerMismatch,
  authOpenSignIn,
  authRedirectHostMismatch,
  authScopes,
  authzForgedUserid,
  authzGatewayLockout,
  authzProfileAccess,
  awsAuthRoleInMapusers,
  contributorAnnotations,
  cookieSecretLength,
  defaultDexPassword,
  defaultOauth2ProxySecrets,
  eksNodegroupCapacity,
  eksVersionUnsupported,
  gatewayCredentialNamespace,
  ingressBufferSize,
  ingressClassAnnotation,
  ingressCrossNamespace,
  ingressForeignAnnotations,
  ingressNginxRetired,
  insecureIssuerSkipVerify,
  lintIgnoreReason,
  placeholderIssuer,
  projectedTokenAudience,
  projectedTokenExpiration,
  projectedTokenPath,
  schemaInvalid,
  schemaUnknownField,
  schemaUnknownKind,
  secureCookieWithoutTls,
  servingCertIsCa,
  systemMastersGrant,
  tenancyUnknownNamespace,
  yamlSyntax,
].sort(
  (a, b) =>
    FAMILY_ORDER.indexOf(a.meta.family) - FAMILY_ORDER.indexOf(b.meta.family) || a.meta.id.localeCompare(b.meta.id),
);

import type { ParsedObject } from '../types.js';
import { appliesTo, DEFAULT_NAMESPACE, ROOT_NAMESPACE, type Workload } from './model.js';

/**
 * RequestAuthentication for one workload and one token
 * (https://istio.io/latest/docs/reference/config/security/request_authentication/): a request without
 * a token passes with no identity; a token where a rule looks for one must come from a configured
 * issuer, pass the audience check and verify, or the request gets 401; a valid token yields the
 * request principal `iss/sub` (https://istio.io/latest/docs/concepts/security/#principals).
 */
export interface JwtRule {
  issuer: string;
  audiences?: string[];
  fromHeaders?: Array<{ name: string; prefix?: string }>;
  fromParams?: string[];
  outputClaimToHeaders?: Array<{ header: string; claim: string }>;
}

export interface RequestAuthn {
  name: string;
  namespace: string;
  matchLabels?: Record<string, string>;
  targeted: boolean;
  jwtRules: JwtRule[];
  on?: ParsedObject;
}

export interface Jwt {
  iss: string;
  sub: string;
  aud?: string | string[];
  /** Further claims (email, groups, …). */
  claims?: Record<string, unknown>;
  /** Signature, expiry and JWKS verification; the model does not do cryptography. Default true. */
  valid?: boolean;
}

/** Where the request carries the token: a header (with its prefix) or a query parameter. */
export type TokenLocation = { header: string; prefix?: string } | { param: string };

export type AuthnResult =
  | { status: 401; reason: 'issuer-not-configured' | 'invalid-token' | 'audience-mismatch'; rule?: JwtRule }
  | {
      status: 'ok';
      requestPrincipal?: string;
      claims?: Record<string, unknown>;
      audiences?: string[];
      headers: Record<string, string>;
      rule?: JwtRule;
    };

export function requestAuthnFrom(o: ParsedObject): RequestAuthn | undefined {
  const obj = o.object;
  if (obj?.kind !== 'RequestAuthentication' || !/^security\.istio\.io\//.test(String(obj.apiVersion ?? '')))
    return undefined;
  const spec = obj.spec ?? {};
  const ra: RequestAuthn = {
    name: String(obj.metadata?.name ?? ''),
    namespace: String(obj.metadata?.namespace ?? DEFAULT_NAMESPACE),
    targeted: Boolean(spec.targetRef || spec.targetRefs?.length),
    jwtRules: (Array.isArray(spec.jwtRules) ? spec.jwtRules : [])
      .filter((r: any) => r && typeof r.issuer === 'string')
      .map((r: any) => ({
        issuer: r.issuer,
        ...(Array.isArray(r.audiences) ? { audiences: r.audiences.map(String) } : {}),
        ...(Array.isArray(r.fromHeaders)
          ? {
              fromHeaders: r.fromHeaders.map((h: any) => ({
                name: String(h?.name ?? ''),
                ...(h?.prefix !== undefined ? { prefix: String(h.prefix) } : {}),
              })),
            }
          : {}),
        ...(Array.isArray(r.fromParams) ? { fromParams: r.fromParams.map(String) } : {}),
        ...(Array.isArray(r.outputClaimToHeaders)
          ? {
              outputClaimToHeaders: r.outputClaimToHeaders.map((h: any) => ({
                header: String(h?.header ?? ''),
                claim: String(h?.claim ?? ''),
              })),
            }
          : {}),
      })),
    on: o,
  };
  const labels = spec.selector?.matchLabels;
  if (labels && typeof labels === 'object' && Object.keys(labels).length)
    ra.matchLabels = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
  return ra;
}

const DEFAULT_LOCATION: TokenLocation = { header: 'Authorization', prefix: 'Bearer ' };

/** Without fromHeaders/fromParams a rule reads `Authorization: Bearer …` and `?access_token=`. */
function reads(rule: JwtRule, at: TokenLocation): boolean {
  if ('param' in at)
    return rule.fromParams ? rule.fromParams.includes(at.param) : !rule.fromHeaders && at.param === 'access_token';
  if (!rule.fromHeaders && !rule.fromParams)
    return at.header.toLowerCase() === 'authorization' && (at.prefix ?? '') === 'Bearer ';
  return (rule.fromHeaders ?? []).some(
    (h) => h.name.toLowerCase() === at.header.toLowerCase() && (h.prefix ?? '') === (at.prefix ?? ''),
  );
}

export function authenticate(
  ras: readonly RequestAuthn[],
  workload: Workload,
  token?: Jwt,
  at: TokenLocation = DEFAULT_LOCATION,
  rootNamespace = ROOT_NAMESPACE,
): AuthnResult {
  if (!token) return { status: 'ok', headers: {} };
  const rules = ras
    .filter((ra) => appliesTo(ra, workload, rootNamespace))
    .flatMap((ra) => ra.jwtRules)
    .filter((r) => reads(r, at));
  // nobody looks for a token there: it is passed through unverified and gives no identity
  if (rules.length === 0) return { status: 'ok', headers: {} };
  const rule = rules.find((r) => r.issuer === token.iss);
  if (!rule) return { status: 401, reason: 'issuer-not-configured' };
  if (token.valid === false) return { status: 401, reason: 'invalid-token', rule };
  const aud = token.aud === undefined ? [] : Array.isArray(token.aud) ? token.aud : [token.aud];
  if (rule.audiences?.length && !aud.some((a) => rule.audiences!.includes(a)))
    return { status: 401, reason: 'audience-mismatch', rule };
  const claims: Record<string, unknown> = {
    ...token.claims,
    iss: token.iss,
    sub: token.sub,
    ...(token.aud !== undefined ? { aud: token.aud } : {}),
  };
  const headers: Record<string, string> = {};
  for (const h of rule.outputClaimToHeaders ?? []) {
    const v = claims[h.claim];
    if (v !== undefined) headers[h.header] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  }
  return { status: 'ok', requestPrincipal: `${token.iss}/${token.sub}`, claims, audiences: aud, headers, rule };
}

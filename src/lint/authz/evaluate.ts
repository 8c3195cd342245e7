import { anyMatch } from './match.js';
import {
  appliesTo,
  namespaceOfPrincipal,
  ROOT_NAMESPACE,
  type AuthzRequest,
  type AuthzRule,
  type Condition,
  type Operation,
  type Policy,
  type Source,
  type Workload,
} from './model.js';

/**
 * Istio's authorization decision for one request to one workload
 * (https://istio.io/latest/docs/concepts/security/#implicit-enablement, and the evaluation order in
 * https://istio.io/latest/docs/reference/config/security/authorization-policy/):
 * CUSTOM, then DENY, then "no ALLOW policy → allow", then "an ALLOW policy matches → allow", else deny.
 * AUDIT policies never change the decision.
 */
export interface Decision {
  allowed: boolean;
  status: 200 | 403;
  reason: 'custom-deny' | 'deny-policy' | 'no-allow-policy' | 'allow-policy' | 'no-allow-match';
  /** The policy (and rule index) that decided: the matching DENY/ALLOW/CUSTOM policy. */
  policy?: Policy;
  ruleIndex?: number;
  /** ALLOW policies that applied, when none matched (the ones to edit for a lockout). */
  allowPolicies?: Policy[];
  audited: boolean;
}

export interface EvaluateOptions {
  rootNamespace?: string;
  /** The external authorizer's answer for a matching CUSTOM policy; outside the model, so it allows unless told. */
  custom?: (policy: Policy, request: AuthzRequest) => boolean;
}

export function evaluate(
  policies: readonly Policy[],
  workload: Workload,
  request: AuthzRequest,
  opts: EvaluateOptions = {},
): Decision {
  const applied = policies.filter((p) => appliesTo(p, workload, opts.rootNamespace ?? ROOT_NAMESPACE));
  const of = (action: Policy['action']) => applied.filter((p) => p.action === action);
  const audited = of('AUDIT').some((p) => matchingRule(p, request) !== undefined);
  for (const p of of('CUSTOM')) {
    const i = matchingRule(p, request);
    if (i !== undefined && !(opts.custom ?? (() => true))(p, request))
      return { allowed: false, status: 403, reason: 'custom-deny', policy: p, ruleIndex: i, audited };
  }
  for (const p of of('DENY')) {
    const i = matchingRule(p, request);
    if (i !== undefined)
      return { allowed: false, status: 403, reason: 'deny-policy', policy: p, ruleIndex: i, audited };
  }
  const allows = of('ALLOW');
  if (allows.length === 0) return { allowed: true, status: 200, reason: 'no-allow-policy', audited };
  for (const p of allows) {
    const i = matchingRule(p, request);
    if (i !== undefined)
      return { allowed: true, status: 200, reason: 'allow-policy', policy: p, ruleIndex: i, audited };
  }
  return { allowed: false, status: 403, reason: 'no-allow-match', allowPolicies: allows, audited };
}

/** Index of the first rule of the policy that matches, or undefined (a policy without rules matches nothing). */
export function matchingRule(p: Policy, r: AuthzRequest): number | undefined {
  const i = (p.rules ?? []).findIndex((rule) => ruleMatches(rule, r));
  return i === -1 ? undefined : i;
}

/** At least one source, one operation and every condition (an empty rule always matches). */
export function ruleMatches(rule: AuthzRule, r: AuthzRequest): boolean {
  if (rule.from?.length && !rule.from.some((f) => !f.source || sourceMatches(f.source, r))) return false;
  if (rule.to?.length && !rule.to.some((t) => !t.operation || operationMatches(t.operation, r))) return false;
  return (rule.when ?? []).every((c) => conditionMatches(c, r));
}

const one = (v: string | undefined): string[] => (v === undefined ? [] : [v]);

/** `values` must match and `notValues` must not; an absent field checks nothing. */
function field(
  values: readonly string[],
  pos: string[] | undefined,
  neg: string[] | undefined,
  match: (ps: readonly string[], vs: readonly string[]) => boolean = anyMatch,
): boolean {
  if (pos && !match(pos, values)) return false;
  if (neg && match(neg, values)) return false;
  return true;
}

const sourceNamespace = (r: AuthzRequest) => r.namespace ?? namespaceOfPrincipal(r.principal);

function sourceMatches(s: Source, r: AuthzRequest): boolean {
  return (
    field(one(r.principal), s.principals, s.notPrincipals) &&
    field(one(r.requestPrincipal), s.requestPrincipals, s.notRequestPrincipals) &&
    field(one(sourceNamespace(r)), s.namespaces, s.notNamespaces) &&
    field(one(r.sourceIp), s.ipBlocks, s.notIpBlocks, cidrAny) &&
    field(one(r.remoteIp ?? r.sourceIp), s.remoteIpBlocks, s.notRemoteIpBlocks, cidrAny)
  );
}

function operationMatches(o: Operation, r: AuthzRequest): boolean {
  // authorization matches the path without its query string
  const path = r.path === undefined ? undefined : r.path.split('?')[0];
  const port = r.port === undefined ? undefined : String(r.port);
  return (
    field(one(r.host), o.hosts, o.notHosts, (ps, vs) => anyMatch(ps, vs, { ignoreCase: true })) &&
    field(one(port), o.ports, o.notPorts, exactAny) &&
    field(one(r.method), o.methods, o.notMethods) &&
    field(one(path), o.paths, o.notPaths)
  );
}

function exactAny(ps: readonly string[], vs: readonly string[]): boolean {
  return ps.some((p) => vs.includes(p));
}

export function header(r: AuthzRequest, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(r.headers ?? {})) if (k.toLowerCase() === want) return v;
  return undefined;
}

function claim(r: AuthzRequest, path: string[]): string[] {
  let v: unknown = r.claims;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map(String) : [typeof v === 'object' ? JSON.stringify(v) : String(v)];
}

/** Values of a condition key (https://istio.io/latest/docs/reference/config/security/conditions/). */
export function attribute(
  key: string,
  r: AuthzRequest,
): { values: string[]; match?: (ps: readonly string[], vs: readonly string[]) => boolean } | undefined {
  const hdr = /^request\.headers\[(.+)\]$/.exec(key);
  if (hdr) return { values: one(header(r, hdr[1]!)) };
  const cl = /^request\.auth\.claims((?:\[[^\]]+\])+)$/.exec(key);
  if (cl)
    return {
      values: claim(
        r,
        [...cl[1]!.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!),
      ),
    };
  switch (key) {
    case 'source.principal':
      return { values: one(r.principal) };
    case 'source.namespace':
      return { values: one(sourceNamespace(r)) };
    case 'request.auth.principal':
      return { values: one(r.requestPrincipal) };
    case 'request.auth.audiences':
      return { values: r.audiences ?? [] };
    case 'request.auth.presenter':
      return { values: one(r.presenter) };
    case 'source.ip':
      return { values: one(r.sourceIp), match: cidrAny };
    case 'remote.ip':
      return { values: one(r.remoteIp ?? r.sourceIp), match: cidrAny };
    case 'destination.port':
      return { values: one(r.port === undefined ? undefined : String(r.port)), match: exactAny };
    default:
      return undefined;
  }
}

/** A condition on an attribute the model does not know never matches (Istio's validation rejects unknown keys). */
function conditionMatches(c: Condition, r: AuthzRequest): boolean {
  const a = attribute(c.key, r);
  if (!a) return false;
  return field(a.values, c.values, c.notValues, a.match);
}

function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((n) => n > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

/** IPv4 address or CIDR blocks; anything else is compared as text. */
function cidrAny(blocks: readonly string[], ips: readonly string[]): boolean {
  return blocks.some((b) =>
    ips.some((ip) => {
      const [net, bits] = b.split('/');
      const a = ipv4(ip);
      const n = ipv4(net!);
      if (a === undefined || n === undefined) return b === ip;
      const len = bits === undefined ? 32 : Number(bits);
      const mask = len === 0 ? 0 : (~0 << (32 - len)) >>> 0;
      return (a & mask) >>> 0 === (n & mask) >>> 0;
    }),
  );
}

import type { ParsedObject } from '../types.js';

/** Istio's default root namespace: policies there apply to the whole mesh. */
export const ROOT_NAMESPACE = 'istio-system';
/** Where a namespace-less object lands when applied without `-n` (and kustomize sets no namespace). */
export const DEFAULT_NAMESPACE = 'default';

export type Action = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

export interface Source {
  principals?: string[];
  notPrincipals?: string[];
  requestPrincipals?: string[];
  notRequestPrincipals?: string[];
  namespaces?: string[];
  notNamespaces?: string[];
  ipBlocks?: string[];
  notIpBlocks?: string[];
  remoteIpBlocks?: string[];
  notRemoteIpBlocks?: string[];
}

export interface Operation {
  hosts?: string[];
  notHosts?: string[];
  ports?: string[];
  notPorts?: string[];
  methods?: string[];
  notMethods?: string[];
  paths?: string[];
  notPaths?: string[];
}

export interface Condition {
  key: string;
  values?: string[];
  notValues?: string[];
}

export interface AuthzRule {
  from?: Array<{ source?: Source }>;
  to?: Array<{ operation?: Operation }>;
  when?: Condition[];
}

/** An AuthorizationPolicy reduced to what decides a request, with where it came from. */
export interface Policy {
  name: string;
  namespace: string;
  action: Action;
  /** undefined: no selector (every workload of the namespace, or of the mesh in the root namespace). */
  matchLabels?: Record<string, string>;
  /** targetRef(s) bind a policy to a Gateway API gateway or waypoint, not to sidecars: such a policy never applies here. */
  targeted: boolean;
  provider?: string;
  /** undefined: no `rules` field (matches nothing). */
  rules?: AuthzRule[];
  on?: ParsedObject;
}

export interface Workload {
  namespace: string;
  labels: Record<string, string>;
}

/**
 * One request as the workload's sidecar sees it. Attribute names follow Istio's
 * authorization conditions (https://istio.io/latest/docs/reference/config/security/conditions/).
 */
export interface AuthzRequest {
  /** mTLS peer identity `<trust domain>/ns/<ns>/sa/<sa>`; undefined for plaintext. */
  principal?: string;
  /** Defaults to the namespace inside `principal`. */
  namespace?: string;
  /** `iss/sub` of a JWT validated by a RequestAuthentication; undefined without one. */
  requestPrincipal?: string;
  claims?: Record<string, unknown>;
  audiences?: string[];
  presenter?: string;
  /** Header names are case-insensitive. */
  headers?: Record<string, string>;
  path?: string;
  method?: string;
  port?: number | string;
  host?: string;
  sourceIp?: string;
  remoteIp?: string;
}

const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map((x) => String(x)) : undefined);

function toSource(s: any): Source | undefined {
  if (!s || typeof s !== 'object') return undefined;
  const out: Source = {};
  for (const k of [
    'principals',
    'notPrincipals',
    'requestPrincipals',
    'notRequestPrincipals',
    'namespaces',
    'notNamespaces',
    'ipBlocks',
    'notIpBlocks',
    'remoteIpBlocks',
    'notRemoteIpBlocks',
  ] as const) {
    const l = list(s[k]);
    if (l) out[k] = l;
  }
  return out;
}

function toOperation(o: any): Operation | undefined {
  if (!o || typeof o !== 'object') return undefined;
  const out: Operation = {};
  for (const k of ['hosts', 'notHosts', 'ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths'] as const) {
    const l = list(o[k]);
    if (l) out[k] = l;
  }
  return out;
}

/** Reads an AuthorizationPolicy object (security.istio.io v1 or v1beta1); undefined for anything else. */
export function policyFrom(o: ParsedObject): Policy | undefined {
  const obj = o.object;
  if (obj?.kind !== 'AuthorizationPolicy' || !/^security\.istio\.io\//.test(String(obj.apiVersion ?? '')))
    return undefined;
  const spec = obj.spec && typeof obj.spec === 'object' ? obj.spec : {};
  const action = (['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'].includes(spec.action) ? spec.action : 'ALLOW') as Action;
  const p: Policy = {
    name: String(obj.metadata?.name ?? ''),
    namespace: String(obj.metadata?.namespace ?? DEFAULT_NAMESPACE),
    action,
    targeted: Boolean(spec.targetRef || (Array.isArray(spec.targetRefs) && spec.targetRefs.length)),
    on: o,
  };
  const labels = spec.selector?.matchLabels;
  if (labels && typeof labels === 'object' && Object.keys(labels).length)
    p.matchLabels = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
  if (spec.provider?.name) p.provider = String(spec.provider.name);
  if (Array.isArray(spec.rules)) {
    p.rules = spec.rules.map((r: any) => {
      const rule: AuthzRule = {};
      if (!r || typeof r !== 'object') return rule;
      if (Array.isArray(r.from)) rule.from = r.from.map((f: any) => ({ source: toSource(f?.source) }));
      if (Array.isArray(r.to)) rule.to = r.to.map((t: any) => ({ operation: toOperation(t?.operation) }));
      if (Array.isArray(r.when))
        rule.when = r.when.map((c: any) => ({
          key: String(c?.key ?? ''),
          values: list(c?.values),
          notValues: list(c?.notValues),
        }));
      return rule;
    });
  }
  return p;
}

/** Does the policy (or RequestAuthentication, same scoping) apply to the workload? */
export function appliesTo(
  p: { namespace: string; matchLabels?: Record<string, string>; targeted?: boolean },
  w: Workload,
  rootNamespace = ROOT_NAMESPACE,
): boolean {
  if (p.targeted) return false;
  if (p.namespace !== w.namespace && p.namespace !== rootNamespace) return false;
  if (!p.matchLabels) return true;
  return Object.entries(p.matchLabels).every(([k, v]) => w.labels[k] === v);
}

/** The namespace inside a SPIFFE-style principal `<td>/ns/<ns>/sa/<sa>`. */
export function namespaceOfPrincipal(principal: string | undefined): string | undefined {
  const m = principal ? /\/ns\/([^/]+)\/sa\/[^/]+$/.exec(principal) : null;
  return m ? m[1] : undefined;
}

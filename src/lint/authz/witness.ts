import { principal } from '../../kubeflow/gateway.js';
import { witnessOf } from './match.js';
import type { AuthzRequest, AuthzRule, Policy } from './model.js';

const PROBE = 'kfgen-probe';

function setClaim(claims: Record<string, unknown>, path: string[], value: string): void {
  let at = claims;
  path.slice(0, -1).forEach((p) => (at = (at[p] ??= {}) as Record<string, unknown>));
  at[path[path.length - 1]!] = value;
}

/**
 * Requests that satisfy each source × operation of a rule where it asks for something positive
 * (a principal, a path, a header value, …), over `base`. A rule that names no principal is tried
 * with every one of `principals`. Not-fields and notValues are left to the evaluation: the
 * witnesses are the requests a rule was written to let in, which is where a forged header hides.
 */
export function ruleWitnesses(
  rule: AuthzRule,
  base: AuthzRequest,
  principals: readonly (string | undefined)[],
): AuthzRequest[] {
  const out: AuthzRequest[] = [];
  const sources = rule.from?.length ? rule.from.map((f) => f.source ?? {}) : [{}];
  const ops = rule.to?.length ? rule.to.map((t) => t.operation ?? {}) : [{}];
  for (const s of sources) {
    for (const o of ops) {
      const r: AuthzRequest = { ...base, headers: { ...base.headers } };
      if (o.paths?.length) r.path = witnessOf(o.paths[0]!, PROBE);
      if (o.methods?.length) r.method = o.methods[0]!;
      if (o.ports?.length) r.port = o.ports[0]!;
      if (o.hosts?.length) r.host = witnessOf(o.hosts[0]!, PROBE);
      if (s.requestPrincipals?.length) r.requestPrincipal = witnessOf(s.requestPrincipals[0]!, PROBE);
      let who: (string | undefined)[] = s.principals?.length
        ? s.principals.map((p) => witnessOf(p, PROBE))
        : s.namespaces?.length
          ? s.namespaces.map((n) => principal(witnessOf(n, PROBE), PROBE))
          : [...principals];
      for (const c of rule.when ?? []) {
        const v = c.values?.[0];
        if (v === undefined) continue;
        const value = witnessOf(v, PROBE);
        const hdr = /^request\.headers\[(.+)\]$/.exec(c.key);
        const cl = /^request\.auth\.claims((?:\[[^\]]+\])+)$/.exec(c.key);
        if (hdr) r.headers![hdr[1]!.toLowerCase()] = value;
        else if (cl)
          setClaim(
            (r.claims = { ...(r.claims ?? {}) }),
            [...cl[1]!.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!),
            value,
          );
        else if (c.key === 'request.auth.principal') r.requestPrincipal = value;
        else if (c.key === 'source.principal') who = [value];
        else if (c.key === 'source.namespace') who = [principal(value, PROBE)];
      }
      for (const principal of who) out.push(principal === undefined ? { ...r } : { ...r, principal });
    }
  }
  return out;
}

/** Witnesses of every rule of the given ALLOW policies, deduplicated. */
export function allowWitnesses(
  policies: readonly Policy[],
  base: AuthzRequest,
  principals: readonly (string | undefined)[],
): AuthzRequest[] {
  const seen = new Map<string, AuthzRequest>();
  seen.set(JSON.stringify(base), base);
  for (const p of policies) {
    if (p.action !== 'ALLOW') continue;
    for (const rule of p.rules ?? [])
      for (const w of ruleWitnesses(rule, base, principals)) seen.set(JSON.stringify(w), w);
  }
  for (const principal of principals) {
    const r = principal === undefined ? { ...base } : { ...base, principal };
    seen.set(JSON.stringify(r), r);
  }
  return [...seen.values()];
}

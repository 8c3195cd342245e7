/**
 * Istio's string matching for AuthorizationPolicy fields and `when` values
 * (https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule):
 * exact "abc", prefix "abc*", suffix "*abc", presence "*" (any non-empty value).
 */
export function istioMatch(pattern: string, value: string | undefined, opts: { ignoreCase?: boolean } = {}): boolean {
  if (value === undefined || value === '') return false;
  let p = pattern;
  let v = value;
  if (opts.ignoreCase) {
    p = p.toLowerCase();
    v = v.toLowerCase();
  }
  if (p === '*') return true;
  if (p.endsWith('*')) return v.startsWith(p.slice(0, -1));
  if (p.startsWith('*')) return v.endsWith(p.slice(1));
  return v === p;
}

/** One of `patterns` matches one of `values` (a claim may hold a list). */
export function anyMatch(
  patterns: readonly string[],
  values: readonly string[],
  opts?: { ignoreCase?: boolean },
): boolean {
  return patterns.some((p) => values.some((v) => istioMatch(p, v, opts)));
}

/**
 * A concrete value the pattern matches, for building requests that exercise a rule
 * ("abc*" → "abc" + filler, "*abc" → filler + "abc", "*" → filler).
 */
export function witnessOf(pattern: string, filler = 'kfgen-probe'): string {
  if (pattern === '*') return filler;
  if (pattern.endsWith('*')) return pattern.slice(0, -1) + filler;
  if (pattern.startsWith('*')) return filler + pattern.slice(1);
  return pattern;
}

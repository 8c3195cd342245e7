import { isDeepStrictEqual } from 'node:util';
import type { K8sObject } from './tools.js';

/**
 * The login tests start Dex and oauth2-proxy with the configuration of the rendered objects and
 * change a declared list of fields only. These helpers apply such a list and, independently,
 * compute what differs, so a test can assert that nothing else was touched.
 */

/**
 * One declared change: in which document, at which dotted path, to what, and why. `to` may be a
 * function of the rendered value (see `rehost`), so that what the change keeps (a path, a query)
 * still comes from the rendered objects.
 */
export interface Change {
  in: string;
  at: string;
  to: unknown;
  why: string;
}

/**
 * Replaces the origin of a rendered URL and keeps the rest: a wrong path in the rendered value
 * stays wrong. A value that does not start with `from` is an error (the rendered origin is not
 * the one the change was written for).
 */
export function rehost(from: string, to: string): (rendered: unknown) => string {
  return (rendered) => {
    if (typeof rendered !== 'string' || !(rendered === from || rendered.startsWith(`${from}/`))) {
      throw new Error(`expected a URL at ${from}, the rendered value is ${JSON.stringify(rendered)}`);
    }
    return to + rendered.slice(from.length);
  };
}

const segments = (path: string) => (path === '' ? [] : path.split('.'));

/** A deep copy of `doc` with the changes for document `name` applied; a path that does not exist is an error. */
export function applyChanges<T>(name: string, doc: T, changes: Change[]): T {
  const out = structuredClone(doc);
  for (const c of changes.filter((x) => x.in === name)) {
    const segs = segments(c.at);
    let parent = out as unknown as Record<string, unknown>;
    for (const s of segs.slice(0, -1)) parent = parent[s] as Record<string, unknown>;
    const last = segs.at(-1)!;
    if (parent === undefined || !(last in parent))
      throw new Error(`${name}: ${c.at} is not in the rendered configuration (declared change: ${c.why})`);
    parent[last] = typeof c.to === 'function' ? (c.to as (v: unknown) => unknown)(parent[last]) : structuredClone(c.to);
  }
  return out;
}

/** The dotted paths at which two documents differ, computed without looking at any change list. */
export function diffPaths(a: unknown, b: unknown, prefix = ''): string[] {
  const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return isDeepStrictEqual(a, b) ? [] : [prefix];
}

/**
 * What differs between the rendered and the launched document but was not declared, and what was
 * declared but did not change anything. Both lists are empty when only the declared changes were made.
 */
export function undeclared(
  name: string,
  rendered: unknown,
  launched: unknown,
  changes: Change[],
): { extra: string[]; unchanged: string[] } {
  const declared = changes.filter((c) => c.in === name).map((c) => c.at);
  const under = (p: string, d: string) => d === '' || p === d || p.startsWith(`${d}.`);
  const diff = diffPaths(rendered, launched);
  return {
    extra: diff.filter((p) => !declared.some((d) => under(p, d))).map((p) => `${name}: ${p}`),
    unchanged: declared.filter((d) => !diff.some((p) => under(p, d))).map((d) => `${name}: ${d}`),
  };
}

/**
 * oauth2_proxy.cfg (TOML, as kfgen writes it: one `key = value` per line, values JSON-compatible)
 * as key → value, and back with only the changed lines rewritten.
 */
export function parseCfg(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)\s*=\s*(.*)$/.exec(line);
    if (m) out[m[1]!] = JSON.parse(m[2]!);
  }
  return out;
}

export function rewriteCfg(text: string, values: Record<string, unknown>): string {
  const before = parseCfg(text);
  for (const k of Object.keys(values))
    if (!(k in before)) throw new Error(`oauth2_proxy.cfg: ${k} is not in the rendered file`);
  return text
    .split('\n')
    .map((line) => {
      const m = /^([a-z_]+)\s*=/.exec(line);
      return m && !isDeepStrictEqual(before[m[1]!], values[m[1]!])
        ? `${m[1]} = ${JSON.stringify(values[m[1]!])}`
        : line;
    })
    .join('\n');
}

/** Applies the RequestAuthentication changes to a copy of the objects the gateway stand-in reads. */
export function gatewayObjects(objects: K8sObject[], changes: Change[]): { objects: K8sObject[]; problems: string[] } {
  const problems: string[] = [];
  const out = objects.map((o) => {
    if (o.kind !== 'RequestAuthentication' || o.metadata.namespace !== 'istio-system') return o;
    const name = `RequestAuthentication ${o.metadata.name}`;
    const changed = applyChanges(name, o, changes);
    const { extra, unchanged } = undeclared(name, o, changed, changes);
    problems.push(
      ...extra.map((x) => `undeclared change ${x}`),
      ...unchanged.map((x) => `declared change had no effect: ${x}`),
    );
    return changed;
  });
  return { objects: out, problems };
}

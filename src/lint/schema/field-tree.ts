import type { PathSegment } from '../types.js';

/**
 * A compact structural schema: `0` accepts anything, a string names a shared definition, and an
 * object lists known properties (`p`), the value schema of a map (`m`) or of array items (`i`).
 * An object with `p` and no `m` rejects keys it does not list.
 */
export type FieldNode = 0 | string | { p?: Record<string, FieldNode>; i?: FieldNode; m?: FieldNode };
export interface FieldTrees {
  roots: Record<string, FieldNode>;
  defs: Record<string, FieldNode>;
}

export interface UnknownField {
  path: PathSegment[];
  key: string;
  suggestion?: string;
}

function distance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function didYouMean(key: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lower = key.toLowerCase();
  for (const k of known) {
    if (k.toLowerCase() === lower) return k;
    const d = distance(lower, k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** Walks `value` against `node`, collecting keys the schema does not know. */
const ENVELOPE = new Set(['apiVersion', 'kind', 'metadata']);

/** A kind whose model has only the envelope (IstioOperator has no spec there) says nothing about the rest. */
export function modelsOnlyEnvelope(node: FieldNode, defs: Record<string, FieldNode>): boolean {
  while (typeof node === 'string') node = defs[node] ?? 0;
  return node !== 0 && !!node.p && Object.keys(node.p).every((k) => ENVELOPE.has(k));
}

export function findUnknownFields(value: unknown, node: FieldNode, defs: Record<string, FieldNode>, path: PathSegment[] = [], out: UnknownField[] = []): UnknownField[] {
  while (typeof node === 'string') node = defs[node] ?? 0;
  if (node === 0 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    if (node.i !== undefined) for (let i = 0; i < value.length; i++) findUnknownFields(value[i], node.i, defs, [...path, i], out);
    return out;
  }
  const p = node.p;
  for (const key of Object.keys(value)) {
    const child = p?.[key];
    const v = (value as Record<string, unknown>)[key];
    if (child !== undefined) findUnknownFields(v, child, defs, [...path, key], out);
    else if (node.m !== undefined) findUnknownFields(v, node.m, defs, [...path, key], out);
    else if (p) out.push({ path: [...path, key], key, suggestion: didYouMean(key, Object.keys(p)) });
  }
  return out;
}

import { didYouMean } from '../../util/did-you-mean.js';
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

/** Walks `value` against `node`, collecting keys the schema does not know. */
const ENVELOPE = new Set(['apiVersion', 'kind', 'metadata']);

/** A kind whose model has only the envelope (IstioOperator has no spec there) says nothing about the rest. */
export function modelsOnlyEnvelope(node: FieldNode, defs: Record<string, FieldNode>): boolean {
  while (typeof node === 'string') node = defs[node] ?? 0;
  return node !== 0 && !!node.p && Object.keys(node.p).every((k) => ENVELOPE.has(k));
}

export function findUnknownFields(
  value: unknown,
  node: FieldNode,
  defs: Record<string, FieldNode>,
  path: PathSegment[] = [],
  out: UnknownField[] = [],
): UnknownField[] {
  while (typeof node === 'string') node = defs[node] ?? 0;
  if (node === 0 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    if (node.i !== undefined)
      for (let i = 0; i < value.length; i++) findUnknownFields(value[i], node.i, defs, [...path, i], out);
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

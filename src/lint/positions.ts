import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Document } from 'yaml';
import type { ParsedObject, PathSegment } from './types.js';

interface Located {
  doc: Document;
  counter: LineCounter;
}

const cache = new WeakMap<object, Located | null>();

/**
 * Position-keeping parse of one document, done only for documents that have findings: the bulk
 * parse uses js-yaml, which is several times faster but forgets positions.
 */
function located(obj: ParsedObject): Located | null {
  if (!obj.doc) return null;
  let hit = cache.get(obj.doc);
  if (hit !== undefined) return hit;
  const counter = new LineCounter();
  try {
    const doc = parseDocument(obj.doc.text, { lineCounter: counter, keepSourceTokens: false });
    hit = { doc, counter };
  } catch {
    hit = null;
  }
  cache.set(obj.doc, hit);
  return hit;
}

export function formatPath(path: PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Line and column of `path` (the deepest part of it that exists); falls back to the object line. */
export function locate(
  obj: ParsedObject,
  path: PathSegment[] | undefined,
  innerLine?: number,
): { line: number; column: number } {
  const fallback = { line: obj.line, column: 1 };
  if (!path || path.length === 0) return fallback;
  const loc = located(obj);
  if (!loc) return fallback;
  let node: unknown = loc.doc.contents;
  let offset: number | undefined;
  let valueNode: unknown;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = (pair.key as { range?: [number, number, number] }).range?.[0];
      node = pair.value;
      valueNode = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as { range?: [number, number, number] } | undefined;
      if (!item) break;
      offset = item.range?.[0];
      node = item;
      valueNode = item;
    } else break;
  }
  if (offset === undefined) return fallback;
  const pos = loc.counter.linePos(offset);
  const base = obj.doc!.startLine - 1;
  if (innerLine !== undefined && isScalar(valueNode) && valueNode.range) {
    const type = valueNode.type;
    if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
      const header = loc.counter.linePos(valueNode.range[0]);
      const text = obj.doc!.text;
      // content lines start after the header; their indentation is the first content line's
      const contentStart = loc.counter.lineStarts[header.line] ?? valueNode.range[0];
      const indent = /^[ \t]*/.exec(text.slice(contentStart))?.[0].length ?? 0;
      return { line: base + header.line + 1 + innerLine, column: indent + 1 };
    }
  }
  return { line: base + pos.line, column: pos.col };
}

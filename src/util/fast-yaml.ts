import { toYaml } from './yaml.js';

/**
 * `toYaml` for many small objects of plain shape (the tenancy objects: 30,000 at 10,000 users),
 * about twenty times faster: block maps and sequences are laid out here, each distinct scalar is
 * rendered once by `yaml` itself and cached. Whatever this layout does not cover the way `yaml`
 * lays it out (multi-line or unusual strings, sequences of sequences, non-integer numbers) falls
 * back to `toYaml` for the whole object, so the bytes are always `toYaml`'s; test/generate/tenancy-scale.test.ts
 * checks that on every object of a large tenancy.
 */
export function fastToYaml(value: Record<string, unknown>): string {
  try {
    return map(value, '');
  } catch (e) {
    if (e !== UNSUPPORTED) throw e;
    return toYaml(value);
  }
}

const UNSUPPORTED = Symbol('unsupported');
const cache = new Map<string, string>();
/**
 * Keys are rendered in `yaml`'s implicit-key context, which quotes more: only these are taken as
 * rendered at the top level. A single-line value renders the same at the top level, as a map value
 * and as a sequence item in block style (no folding: lineWidth 0).
 */
const SIMPLE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_./@+-]*$/;

/** Starts with a letter, then letters, digits and `_ . / @ + -`: never a number, never quoted by `yaml`... */
const PLAIN = /^[A-Za-z][A-Za-z0-9_./@+-]*$/;
/** ...except YAML 1.2 core schema's booleans, nulls and special floats' spellings. */
const RESERVED = /^(true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;

function key(k: string): string {
  if (!SIMPLE_KEY.test(k)) throw UNSUPPORTED;
  return scalar(k);
}

function scalar(v: unknown): string {
  if (typeof v === 'string') {
    let out = cache.get(v);
    if (out === undefined) {
      // Most values (names, emails) are plain; asking `yaml` costs a Document per string.
      out = PLAIN.test(v) && !RESERVED.test(v) ? v : toYaml(v).replace(/\n$/, '');
      if (out.includes('\n')) throw UNSUPPORTED;
      cache.set(v, out);
    }
    return out;
  }
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (v === null) return 'null';
  throw UNSUPPORTED;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function inline(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.length ? undefined : '[]';
  if (isMap(v)) return Object.values(v).some((x) => x !== undefined) ? undefined : '{}';
  return scalar(v);
}

function map(m: Record<string, unknown>, pad: string): string {
  let out = '';
  for (const [k, v] of Object.entries(m)) {
    if (v === undefined) continue;
    const name = key(k);
    const one = inline(v);
    if (one !== undefined) out += `${pad}${name}: ${one}\n`;
    else if (Array.isArray(v)) out += `${pad}${name}:\n${seq(v, `${pad}  `)}`;
    else out += `${pad}${name}:\n${map(v as Record<string, unknown>, `${pad}  `)}`;
  }
  return out;
}

function seq(items: unknown[], pad: string): string {
  let out = '';
  for (const item of items) {
    if (item === undefined) throw UNSUPPORTED;
    const one = inline(item);
    if (one !== undefined) out += `${pad}- ${one}\n`;
    else if (Array.isArray(item)) throw UNSUPPORTED;
    else out += `${pad}- ${map(item as Record<string, unknown>, `${pad}  `).slice(pad.length + 2)}`;
  }
  return out;
}

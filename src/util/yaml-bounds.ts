import jsYaml from 'js-yaml';
import { Composer, Document, Parser, YAMLParseError } from 'yaml';
import type { CST, DocumentOptions, LineCounter, ParseOptions, SchemaOptions } from 'yaml';

/**
 * Every YAML reader in kfgen (config files, `kfgen lint` inputs, the KRM function's stdin, the
 * hook's repository files) bounds what a document may expand to, because the input is the
 * user's or a pipeline's and one line of YAML can describe an infinite or exponential value:
 *
 * - `a: &a [*a]` is a value that contains itself. Parsers build it as a cyclic object, and any
 *   later walk (a schema validator, a serializer, a rule) recurses until the stack runs out.
 * - ten levels of ten aliases each are 10^10 values once something expands them.
 * - 100,000 `[` is a parse that recurses 100,000 frames deep in a recursive-descent parser.
 *
 * The checks here are iterative and count, so they answer the same on any stack size, and say
 * where the document goes wrong instead of reporting `Maximum call stack size exceeded`.
 */

/** js-yaml's own default nesting limit; a CRD's schema, the deepest real manifest, is about 20. */
export const MAX_YAML_DEPTH = 100;

/**
 * Without aliases a document has fewer values than characters, so anything past this budget was
 * multiplied by aliases. The slack keeps small documents with a few legitimate aliases working.
 */
export function valueBudget(textLength: number): number {
  return textLength + 10_000;
}

/** js-yaml load options with the depth limit spelled out (its types predate the option). */
export const JS_YAML_DEPTH = { maxDepth: MAX_YAML_DEPTH } as const;

export type PathKey = string | number;

export interface ShapeProblem {
  /** Where in the value: `spec.template[0]`; empty for the whole document. */
  path: string;
  /** The same path as keys, for a caller that maps it back to a line. */
  keys: PathKey[];
  kind: 'cycle' | 'depth' | 'size';
  message: string;
}

/** `a.b[0].c`, cut after a dozen keys: the path of a 100-level nesting says nothing more past that. */
export function formatPath(keys: readonly PathKey[]): string {
  const shown = keys.length > 12 ? keys.slice(0, 12) : keys;
  const text = shown.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  return keys.length > shown.length ? `${text}…` : text;
}

interface Frame {
  value: object;
  key: PathKey | undefined;
  keys: string[] | undefined;
  length: number;
  next: number;
  /** Values in this subtree with every alias expanded. */
  size: number;
  /** Collection levels in this subtree, itself included. */
  levels: number;
}

const frame = (value: object, key: PathKey | undefined): Frame => {
  const keys = Array.isArray(value) ? undefined : Object.keys(value);
  const length = keys ? keys.length : (value as unknown[]).length;
  return { value, key, keys, length, next: 0, size: 1, levels: 1 };
};

/**
 * The first reason `root` (a parsed document, aliases as shared objects) cannot be used as a
 * finite tree of at most `maxNodes` values and `maxDepth` levels, or undefined. Each shared
 * object is walked once and its expanded size and height remembered, so the cost is the size of
 * the document as written, not as expanded.
 */
export function shapeProblem(root: unknown, limits: { maxNodes: number; maxDepth?: number }): ShapeProblem | undefined {
  if (!root || typeof root !== 'object') return undefined;
  const maxDepth = limits.maxDepth ?? MAX_YAML_DEPTH;
  const done = new Map<object, { size: number; levels: number }>();
  const open = new Set<object>([root]);
  const stack: Frame[] = [frame(root, undefined)];
  const pathTo = (extra?: PathKey): PathKey[] => {
    const keys = stack.slice(1).map((f) => f.key!);
    return extra === undefined ? keys : [...keys, extra];
  };
  const problem = (kind: ShapeProblem['kind'], keys: PathKey[], message: string): ShapeProblem => ({
    kind,
    keys,
    path: formatPath(keys),
    message,
  });
  const tooBig = (keys: PathKey[]) =>
    problem(
      'size',
      keys,
      `expands to more than ${limits.maxNodes} values through YAML aliases; write the values out instead of aliasing them`,
    );
  const tooDeep = (keys: PathKey[], viaAlias: boolean) =>
    problem(
      'depth',
      keys,
      `is nested more than ${maxDepth} levels deep${viaAlias ? ' through YAML aliases' : ''}; kfgen reads at most ${maxDepth}`,
    );

  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.length) {
      const key: PathKey = top.keys ? top.keys[top.next]! : top.next;
      top.next++;
      const child = (top.value as Record<PathKey, unknown>)[key];
      if (!child || typeof child !== 'object') {
        if (++top.size > limits.maxNodes) return tooBig(pathTo());
        continue;
      }
      if (open.has(child)) {
        const at = stack.findIndex((f) => f.value === child);
        const target = formatPath(stack.slice(1, at + 1).map((f) => f.key!)) || 'the whole document';
        return problem(
          'cycle',
          pathTo(key),
          `refers back to ${target}, which contains it (a cyclic YAML alias): the value is infinite; write it out instead`,
        );
      }
      const seen = done.get(child);
      if (seen) {
        top.size += seen.size;
        top.levels = Math.max(top.levels, seen.levels + 1);
        if (stack.length + seen.levels > maxDepth) return tooDeep(pathTo(key), true);
        if (top.size > limits.maxNodes) return tooBig(pathTo());
        continue;
      }
      if (stack.length + 1 > maxDepth) return tooDeep(pathTo(key), false);
      open.add(child);
      stack.push(frame(child, key));
      continue;
    }
    stack.pop();
    open.delete(top.value);
    done.set(top.value, { size: top.size, levels: top.levels });
    const parent = stack[stack.length - 1];
    if (!parent) break;
    parent.size += top.size;
    parent.levels = Math.max(parent.levels, top.levels + 1);
    if (parent.size > limits.maxNodes) return tooBig(pathTo());
  }
  return undefined;
}

type CstToken = CST.Token | CST.Token[] | undefined;

/**
 * The offset of the first collection nested deeper than `maxDepth` in a CST, or undefined. The
 * `yaml` library's Parser builds the CST with a stack of its own (no recursion), but its
 * Composer recurses per level, so this runs between the two.
 */
export function cstDepthProblem(tokens: readonly CST.Token[], maxDepth = MAX_YAML_DEPTH): number | undefined {
  const work: Array<{ token: CstToken; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  while (work.length) {
    const { token, depth } = work.pop()!;
    if (!token || Array.isArray(token) || typeof token !== 'object') continue;
    switch (token.type) {
      case 'document':
        work.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth + 1 > maxDepth) return token.offset;
        for (const item of token.items) {
          const kv = item as { key?: CstToken; value?: CstToken };
          work.push({ token: kv.key, depth: depth + 1 }, { token: kv.value, depth: depth + 1 });
        }
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

export type BoundedParseOptions = ParseOptions & DocumentOptions & SchemaOptions & { lineCounter?: LineCounter };

/**
 * `parseDocument` from `yaml`, refusing nesting deeper than MAX_YAML_DEPTH before composing it:
 * then the result is a Document whose only error says so, at the offset of the level past the
 * limit. Errors carry offsets only (as with `prettyErrors: false`).
 */
export function parseDocumentBounded(text: string, options: BoundedParseOptions = {}): Document.Parsed {
  const tokens = [...new Parser(options.lineCounter?.addNewLine).parse(text)];
  const deep = cstDepthProblem(tokens);
  if (deep !== undefined) {
    const doc = new Document(null, options) as Document.Parsed;
    doc.errors.push(
      new YAMLParseError(
        [deep, deep + 1],
        'RESOURCE_EXHAUSTION',
        `nested more than ${MAX_YAML_DEPTH} levels deep; kfgen reads at most ${MAX_YAML_DEPTH}`,
      ),
    );
    return doc;
  }
  const composer = new Composer(options);
  let doc: Document.Parsed | undefined;
  for (const d of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = d;
    else {
      doc.errors.push(
        new YAMLParseError(
          d.range.slice(0, 2) as [number, number],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  return doc!;
}

/**
 * js-yaml's `load` of a document held in a string field (aws-auth's mapRoles, Dex's config.yaml),
 * bounded like a file. A value that cannot be used throws as a syntax error does, with a `reason`,
 * so the callers' own error paths report it.
 */
export function loadEmbeddedYaml(text: string): unknown {
  const value = jsYaml.load(text, JS_YAML_DEPTH as jsYaml.LoadOptions);
  const problem = text.includes('*') ? shapeProblem(value, { maxNodes: valueBudget(text.length) }) : undefined;
  if (problem) {
    const reason = problem.path ? `${problem.path}: ${problem.message}` : problem.message;
    throw Object.assign(new Error(reason), { reason });
  }
  return value;
}

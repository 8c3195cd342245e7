import yaml from 'js-yaml';
import type { LintSource, ParsedObject } from './types.js';
import { cachedParse } from './parse-cache.js';
import { locate } from './positions.js';
import { JS_YAML_DEPTH, shapeProblem, valueBudget, type ShapeProblem } from '../util/yaml-bounds.js';

const DOC_MARKER = /^---(?=[ \t]|\r?$)/gm;

export interface DocChunk {
  text: string;
  /** 1-based line where the chunk starts in its file. */
  startLine: number;
}

/**
 * Splits a multi-document stream at `---` markers, keeping each chunk's first line, so every
 * object gets a real line number without a position-tracking parse of the whole file.
 */
export function splitDocuments(text: string): DocChunk[] {
  const chunks: DocChunk[] = [];
  let start = 0;
  let line = 1;
  let lineAtStart = 1;
  let counted = 0;
  const countTo = (offset: number) => {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    counted = offset;
  };
  DOC_MARKER.lastIndex = 0;
  for (let m = DOC_MARKER.exec(text); m; m = DOC_MARKER.exec(text)) {
    if (m.index > start) chunks.push({ text: text.slice(start, m.index), startLine: lineAtStart });
    countTo(m.index);
    start = m.index;
    lineAtStart = line;
  }
  if (start < text.length) chunks.push({ text: text.slice(start), startLine: lineAtStart });
  return chunks;
}

function firstContentLine(chunk: DocChunk): number {
  const lines = chunk.text.split('\n', 200);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l && !l.startsWith('#') && !/^---\s*$/.test(l) && l !== '...') return chunk.startLine + i;
  }
  return chunk.startLine;
}

/** A document that parses but cannot be used as a finite tree (a cyclic alias, an alias bomb). */
class ShapeError extends Error {
  constructor(readonly problem: ShapeProblem) {
    super(problem.message);
  }
}

function loadBounded(text: string, filename: string): unknown {
  const value = yaml.load(text, { filename, schema: yaml.CORE_SCHEMA, ...JS_YAML_DEPTH } as yaml.LoadOptions);
  // Only an alias makes a document shared, cyclic or deeper than js-yaml's own depth limit.
  if (text.includes('*')) {
    const problem = shapeProblem(value, { maxNodes: valueBudget(text.length) });
    if (problem) throw new ShapeError(problem);
  }
  return value;
}

/** The yaml-syntax rule's messages (its `meta.messages` lists exactly these). */
export type YamlSyntaxMessageId = 'syntaxError' | 'notFinite' | 'notFiniteAt' | 'notMapping';

/** A document that yields no object: a yaml-syntax finding, rendered by the engine from the rule's messages. */
export interface ParseProblem {
  messageId: YamlSyntaxMessageId;
  data?: Record<string, string>;
  file: string;
  line: number;
  column: number;
  field?: string;
}

export interface ParseResult {
  objects: ParsedObject[];
  problems: ParseProblem[];
}

export function parseSources(sources: LintSource[]): ParseResult {
  const objects: ParsedObject[] = [];
  const problems: ParseProblem[] = [];
  for (const src of sources) {
    for (const chunk of splitDocuments(src.text)) {
      let value: unknown;
      try {
        // CORE_SCHEMA: the API server reads 2024-01-01 as a string, js-yaml's default as a Date.
        value = cachedParse(chunk.text, () => loadBounded(chunk.text, src.file));
      } catch (e) {
        if (e instanceof ShapeError) {
          const at = locate({ object: {}, file: src.file, line: firstContentLine(chunk), doc: chunk }, e.problem.keys);
          problems.push({
            ...(e.problem.path
              ? { messageId: 'notFiniteAt', data: { path: e.problem.path, problem: e.problem.message } }
              : { messageId: 'notFinite', data: { problem: e.problem.message } }),
            file: src.file,
            line: at.line,
            column: at.column,
            ...(e.problem.path && { field: e.problem.path }),
          });
          continue;
        }
        const err = e as { mark?: { line: number; column: number }; reason?: string; message: string };
        problems.push({
          messageId: 'syntaxError',
          data: { reason: err.reason ?? err.message.split('\n')[0]! },
          file: src.file,
          line: chunk.startLine + (err.mark?.line ?? 0),
          column: (err.mark?.column ?? 0) + 1,
        });
        continue;
      }
      if (value === null || value === undefined) continue;
      const line = firstContentLine(chunk);
      const doc = { text: chunk.text, startLine: chunk.startLine };
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push({
          messageId: 'notMapping',
          file: src.file,
          line,
          column: 1,
        });
        continue;
      }
      const obj = value as Record<string, any>;
      // `kind: List` (kubectl output) wraps the objects to lint.
      if (obj.kind === 'List' && Array.isArray(obj.items)) {
        for (const item of obj.items) objects.push({ object: item, file: src.file, line, doc });
      } else {
        objects.push({ object: obj, file: src.file, line, doc });
      }
    }
  }
  return { objects, problems };
}

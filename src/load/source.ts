// A parsed document file that can answer "which line is this JSON pointer on?" lazily.
import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { type Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Position, SpecProblem } from '../model.js';
import { parsePointer } from '../util/pointer.js';
import { JsonLocator } from './json-locate.js';
import { LineIndex } from './lines.js';

export type Format = 'json' | 'yaml';

export interface SourceFile {
  /** Workspace-relative path. */
  path: string;
  format: Format;
  /** Parsed value; undefined when the text could not be parsed. */
  value: unknown;
  problems: SpecProblem[];
  /** Line and column of the deepest existing node on the pointer's way (keys are reported at the key). */
  position(pointer: string): Position;
}

/** Bounds on what a (hostile) document can make the tool do; configurable under `limits:` in the config. */
export interface ParseLimits {
  /** YAML aliases expanded per document before giving up (billion-laughs guard). */
  maxAliasCount: number;
  /** Largest file read, in bytes (GitHub's whole REST description is 12 MB). */
  maxFileBytes: number;
  /** Files one description may span through `$ref`s. */
  maxFiles: number;
  /** Operations read from one description; the rest are reported, not analysed. */
  maxEndpoints: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxAliasCount: 1000,
  maxFileBytes: 64 * 1024 * 1024,
  maxFiles: 1000,
  maxEndpoints: 20_000,
};

export function parseSource(
  path: string,
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): SourceFile {
  // A byte-order mark is not JSON (JSON.parse rejects it) and no editor counts it as a column.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const looksJson = /\.json$/i.test(path) || /^\s*[{[]/.test(text);
  if (looksJson) {
    try {
      return jsonSource(path, text, JSON.parse(text));
    } catch {
      if (/\.json$/i.test(path)) return jsonSource(path, text, undefined, jsonError(path, text));
      // not JSON after all: YAML below reports its own error
    }
  }
  return yamlSource(path, text, limits);
}

function jsonError(path: string, text: string): ProblemAt {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  const offset = first?.offset ?? 0;
  const what = first ? printParseErrorCode(first.error) : 'unexpected input';
  return { kind: 'parse', message: `invalid JSON: ${what}`, loc: { file: path, pointer: '' }, offset };
}

function jsonSource(path: string, text: string, value: unknown, problem?: ProblemAt): SourceFile {
  let lines: LineIndex | undefined;
  let locator: JsonLocator | undefined;
  const lineIndex = () => {
    lines ??= new LineIndex(text);
    return lines;
  };
  const at = (pointer: string, offset: number): Position => ({
    file: path,
    pointer,
    ...lineIndex().position(offset),
  });
  const problems: SpecProblem[] = [];
  if (problem) problems.push(withPosition(problem, at));
  return {
    path,
    format: 'json',
    value,
    problems,
    position(pointer) {
      locator ??= new JsonLocator(text);
      return at(pointer, locator.offset(parsePointer(pointer)));
    },
  };
}

function yamlSource(path: string, text: string, limits: ParseLimits): SourceFile {
  const lines = new LineIndex(text);
  const at = (pointer: string, offset: number): Position => ({
    file: path,
    pointer,
    ...lines.position(offset),
  });
  const problems: SpecProblem[] = [];
  let doc: Document.Parsed | undefined;
  let value: unknown;
  try {
    doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, merge: true });
    const fatal = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    for (const e of doc.errors) {
      const message = `invalid YAML: ${firstLine(e.message)}`;
      const kind = e.code === 'DUPLICATE_KEY' ? 'invalid' : 'parse';
      problems.push(withPosition({ kind, message, loc: { file: path, pointer: '' }, offset: e.pos[0] }, at));
    }
    if (fatal.length === 0) value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    value = undefined;
    problems.push({
      kind: 'parse',
      message: `invalid YAML: ${firstLine(String((error as Error)?.message ?? error))}`,
      loc: { file: path, pointer: '' },
    });
  }
  return {
    path,
    format: 'yaml',
    value,
    problems,
    position(pointer) {
      return at(pointer, doc ? yamlOffset(doc, parsePointer(pointer)) : 0);
    },
  };
}

function yamlOffset(doc: Document.Parsed, segments: string[]): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of segments) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === segment);
      if (pair) {
        offset = rangeStart(pair.key) ?? offset;
        next = pair.value;
      }
    } else if (isSeq(node) && /^\d+$/.test(segment)) {
      next = node.items[Number(segment)];
      offset = rangeStart(next) ?? offset;
    }
    if (next === undefined || next === null) break;
    node = next;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}

type ProblemAt = SpecProblem & { offset: number };

/** Parse errors carry an offset; turn it into line/column now, while the text is at hand. */
function withPosition(problem: ProblemAt, at: (pointer: string, offset: number) => Position): SpecProblem {
  const { offset, ...rest } = problem;
  const { line, column } = at('', offset);
  return { ...rest, line, column };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

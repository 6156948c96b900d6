// A parsed document file that can answer "which line is this JSON pointer on?" lazily.
import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { type Document, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Position, SpecProblem } from '../model.js';
import { parsePointer } from '../util/pointer.js';
import { JsonLocator } from './json-locate.js';
import { parseReusing } from './json-reuse.js';
import { BACKGROUND_MIN_CHARS, type JsonIndex, jsonTextOf, scanJson, scanJsonLater } from './json-scan.js';
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
  /** JSON that parsed: its text and index, which another version's parse can reuse (`parseReusing`). */
  json?: { text: string; index: () => JsonIndex };
}

/**
 * What a parse can start from: the index of its JSON text, started earlier (`indexAhead`, or a read on the
 * second thread; undefined when none was made); the other version's file.
 */
export interface ParseHints {
  index?: () => JsonIndex | undefined;
  like?: SourceFile;
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
  hints: ParseHints = {},
): SourceFile {
  const json = jsonTextOf(path, text);
  if (json !== undefined) {
    // Started before the parse so that, for a large text, the two run side by side.
    const ahead = hints.index;
    const later = ahead ? undefined : scanJsonLater(json);
    let known: JsonIndex | undefined;
    const index = () => {
      known ??= ahead?.() ?? later?.() ?? scanJson(json);
      return known;
    };
    try {
      return jsonSource(path, json, parseJson(json, index, hints.like), index);
    } catch {
      if (/\.json$/i.test(path)) return jsonSource(path, json, undefined, undefined, jsonError(path, json));
      // not JSON after all: YAML below reports its own error
    }
  }
  // A byte-order mark is no part of the document, and no editor counts it as a column.
  return yamlSource(path, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, limits);
}

/**
 * Starts indexing a file's JSON text before `parseSource` gets it (on the second thread when large), for
 * its `hints.index`; undefined for text that is not JSON.
 */
export function indexAhead(path: string, text: string): (() => JsonIndex) | undefined {
  const json = jsonTextOf(path, text);
  return json === undefined ? undefined : scanJsonLater(json);
}

/** `JSON.parse`, reusing the other version's values where the texts agree (large texts: see `parseReusing`). */
function parseJson(text: string, index: () => JsonIndex, like: SourceFile | undefined): unknown {
  if (like?.json && text.length >= BACKGROUND_MIN_CHARS) {
    const value = parseReusing(text, index(), {
      text: like.json.text,
      index: like.json.index(),
      value: like.value,
    });
    if (value !== undefined) return value;
  }
  return JSON.parse(text);
}

function jsonError(path: string, text: string): ProblemAt {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  const offset = first?.offset ?? 0;
  const what = first ? printParseErrorCode(first.error) : 'unexpected input';
  return { kind: 'parse', message: `invalid JSON: ${what}`, loc: { file: path, pointer: '' }, offset };
}

function jsonSource(
  path: string,
  text: string,
  value: unknown,
  index?: () => JsonIndex,
  problem?: ProblemAt,
): SourceFile {
  let lines: LineIndex | undefined;
  let locator: JsonLocator | undefined;
  // Text that parsed has its lines counted by the locator's one pass; text that did not may hold raw line
  // breaks inside strings, which that pass skips.
  const lineIndex = () => {
    lines ??= value !== undefined ? locate().lines() : LineIndex.of(text);
    return lines;
  };
  const locate = () => {
    locator ??= new JsonLocator(text, index?.());
    return locator;
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
      return at(pointer, locate().offsetOfPointer(pointer.startsWith('#') ? pointer.slice(1) : pointer));
    },
    ...(value !== undefined && index ? { json: { text, index } } : {}),
  };
}

function yamlSource(path: string, text: string, limits: ParseLimits): SourceFile {
  const lines = LineIndex.of(text);
  const at = (pointer: string, offset: number): Position => ({
    file: path,
    pointer,
    ...lines.position(offset),
  });
  const problems: SpecProblem[] = [];
  let doc: Document.Parsed | undefined;
  let value: unknown;
  const keyIndex = new WeakMap<object, Map<string, YamlPair>>();
  try {
    // The parser's own duplicate-key check compares each key with every other of its map: quadratic on a
    // 4,000-path `paths`. The same check, linear, follows.
    // `logLevel: 'error'`: the parser would print its own warning for a collection key to the process's
    // stderr; `keyProblems` reports it with the document's position instead.
    doc = parseDocument(text, {
      keepSourceTokens: false,
      prettyErrors: false,
      merge: true,
      uniqueKeys: false,
      logLevel: 'error',
    });
    for (const e of doc.errors) {
      const message = `invalid YAML: ${yamlReason(e)}`;
      problems.push(
        withPosition({ kind: 'parse', message, loc: { file: path, pointer: '' }, offset: e.pos[0] }, at),
      );
    }
    for (const { message, offset } of keyProblems(doc))
      problems.push(withPosition({ kind: 'invalid', message, loc: { file: path, pointer: '' }, offset }, at));
    if (doc.errors.length === 0) value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    value = undefined;
    problems.push({
      kind: 'parse',
      message: `invalid YAML: ${yamlReason(error)}`,
      loc: { file: path, pointer: '' },
    });
  }
  return {
    path,
    format: 'yaml',
    value,
    problems,
    position(pointer) {
      return at(pointer, doc ? yamlOffset(doc, parsePointer(pointer), keyIndex) : 0);
    },
  };
}

type YamlPair = { key: unknown; value: unknown };

/**
 * Keys that repeat an earlier scalar key of the same mapping (the last value wins), and keys that are
 * collections (`? [a, b]`), which a JSON value can only hold as their text.
 */
function keyProblems(doc: Document.Parsed): { message: string; offset: number }[] {
  const out: { message: string; offset: number }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (isMap(pair.key) || isSeq(pair.key)) {
          const message = 'invalid YAML: a mapping key must be a string, not a list or a mapping';
          out.push({ message, offset: rangeStart(pair.key) ?? 0 });
        }
        if (!isScalar(pair.key) || pair.key.value === '<<') continue;
        const key = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (seen.has(key))
          out.push({ message: 'invalid YAML: Map keys must be unique', offset: rangeStart(pair.key) ?? 0 });
        else seen.add(key);
      }
    },
  });
  return out;
}

/** A mapping's pairs by key, built the first time a pointer goes through it (a linear search per lookup
 * was quadratic: 20,000 findings under a 4,000-path `paths` map). The first of duplicate keys wins. */
function pairsByKey(node: { items: YamlPair[] }, index: WeakMap<object, Map<string, YamlPair>>) {
  let pairs = index.get(node);
  if (!pairs) {
    pairs = new Map();
    for (const p of node.items) {
      const key = String(isScalar(p.key) ? p.key.value : p.key);
      if (!pairs.has(key)) pairs.set(key, p);
    }
    index.set(node, pairs);
  }
  return pairs;
}

function yamlOffset(
  doc: Document.Parsed,
  segments: string[],
  index: WeakMap<object, Map<string, YamlPair>>,
): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of segments) {
    let next: unknown;
    if (isMap(node)) {
      const pair = pairsByKey(node as { items: YamlPair[] }, index).get(segment);
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

/**
 * The parser's reason for a YAML error, without any of the document's text: the library quotes the
 * offending token, tag or alias in many of its messages (`Unexpected scalar token in YAML stream: "…"`), and
 * an unparsable file can be anything (a credential file reached by a symlink). Only messages known to be
 * the library's own words are kept; any other gets a fixed sentence for its error code. The position goes
 * with the problem.
 */
export function yamlReason(error: unknown): string {
  const raw = String((error as { message?: unknown } | null)?.message ?? '');
  const first = (raw.split('\n')[0] ?? '').trim();
  // The stream error appends the token's source as JSON: drop it.
  const own = first
    .replace(
      /^(Unexpected [a-z]+(?:-[a-z]+)* token in YAML (?:stream|document)|Unexpected block-seq-ind on same line with key): ".*$/,
      '$1',
    )
    .replace(/^(Unresolved alias \(the anchor must be set before the alias\)): .*$/, '$1');
  if (OWN_YAML_MESSAGES.has(own) || OWN_YAML_TEMPLATES.some((t) => t.test(own))) return own;
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && YAML_CODE_REASONS[code]) || 'the text is not valid YAML here';
}

/** Messages of the `yaml` library that interpolate nothing. */
const OWN_YAML_MESSAGES = new Set([
  'Each pair must have its own sequence indicator',
  'Expected a mapping for this tag',
  'Expected a sequence for this tag',
  'Set items must all have null values',
  'Verbatim tags must end with a >',
  '%TAG directive should contain exactly two parts',
  '%YAML directive should contain exactly one part',
  'Anchor cannot be an empty string',
  'Map comment with trailing content',
  'Missing directives-end indicator line',
  'Implicit keys need to be on a single line',
  'The : indicator must be at most 1024 chars after the start of an implicit block mapping key',
  'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key',
  'Implicit map keys need to be followed by map values',
  'Map keys must be unique',
  'Tags and anchors must be separated from the next token by white space',
  'Alias ending in : is ambiguous',
  'Alias cannot be an empty string',
  'A block sequence may not be used as an implicit map key',
  'Nested mappings are not allowed in compact mappings',
  'Sequence item without - indicator',
  'All sequence items must start at the same column',
  'Block collection cannot start on same line with directives-end marker',
  'Block scalar header not found',
  "Missing closing 'quote",
  'Missing closing "quote',
  'Implicit keys of flow sequence pairs need to be on a single line',
  'Tabs are not allowed as indentation',
  'An alias node must not specify any properties',
  'Comments must be separated from other tokens by white space characters',
  'Missing directives-end/doc-start indicator line',
  'A node can have at most one anchor',
  'A node can have at most one tag',
  'Anchor ending in : is ambiguous',
  'All mapping items must start at the same column',
  'Flow end indicator should be more indented than parent',
  'Block collections are not allowed within flow collections',
  'With simple keys, collection cannot be used as a key value',
  'Unexpected doc-end without preceding document',
  'Missing newline after block sequence props',
  'Block scalars with more-indented leading empty lines must use an explicit indentation indicator',
  'Block scalar values in collections must be indented',
  'Excessive alias count indicates a resource exhaustion attack',
  'Unresolved alias (the anchor must be set before the alias)',
  'Unexpected block-seq-ind on same line with key',
  'Source contains multiple documents; please use YAML.parseAllDocuments()',
]);

/** Messages of the `yaml` library whose only variable part is a token type or a collection kind. */
const OWN_YAML_TEMPLATES = [
  /^Unexpected [a-z]+(?:-[a-z]+)* (?:token|at node end|token in YAML stream|token in YAML document)$/,
  /^Flow (?:map|sequence) (?:in block collection must be sufficiently indented and )?(?:must )?end with a [\]}]$/,
  /^Unexpected token in block scalar header: [a-z]+(?:-[a-z]+)*$/,
  /^(?:Missing , between|Missing , or : between) flow (?:map|sequence|collection) items$/,
  /^(?:Missing space after : in|Unexpected , in|Unexpected empty item in) flow (?:map|sequence|collection)$/,
];

/** A fixed reason per error code, for the messages that would quote the document. */
const YAML_CODE_REASONS: Record<string, string> = {
  ALIAS_PROPS: 'an alias node must not specify any properties',
  BAD_ALIAS: 'invalid alias or anchor',
  BAD_COLLECTION_TYPE: 'a tag does not fit the collection it is on',
  BAD_DIRECTIVE: 'invalid directive',
  BAD_DQ_ESCAPE: 'invalid escape sequence in a double-quoted string',
  BAD_INDENT: 'bad indentation',
  BAD_PROP_ORDER: 'anchors and tags must come after the indicator',
  BAD_SCALAR_START: 'a plain value cannot start with this character',
  BLOCK_AS_IMPLICIT_KEY: 'a block collection cannot be an implicit key',
  BLOCK_IN_FLOW: 'block collections are not allowed within flow collections',
  DUPLICATE_KEY: 'Map keys must be unique',
  IMPOSSIBLE: 'the parser could not continue here',
  KEY_OVER_1024_CHARS: 'an implicit key is longer than 1024 characters',
  MISSING_CHAR: 'a quote, comma, colon or space is missing',
  MULTILINE_IMPLICIT_KEY: 'implicit keys need to be on a single line',
  MULTIPLE_ANCHORS: 'a node can have at most one anchor',
  MULTIPLE_DOCS: 'the file holds more than one YAML document',
  MULTIPLE_TAGS: 'a node can have at most one tag',
  NON_STRING_KEY: 'a mapping key must be a string',
  RESOURCE_EXHAUSTION: 'too many alias expansions (limits.maxAliasCount)',
  TAB_AS_INDENT: 'tabs are not allowed as indentation',
  TAG_RESOLVE_FAILED: 'unknown tag',
  UNEXPECTED_TOKEN: 'unexpected token',
};

// Finding root OpenAPI documents in a workspace: by glob, or by parsing each candidate far enough to see
// whether its root mapping has an `openapi` or `swagger` key. What the PR writes decides the bytes, so
// the sniff reads the document as the loader will (indentation, comments, escapes, flow style), not its
// first lines.
import { closeSync, type Dirent, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createScanner } from 'jsonc-parser';
import picomatch from 'picomatch';
import { CST, Lexer, Parser } from 'yaml';
import { isInside } from './reader.js';
import { DEFAULT_PARSE_LIMITS } from './source.js';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage', '.venv', 'vendor']);
const CANDIDATE = /\.(ya?ml|json)$/i;
/** Most roots declare their version in the first lines: this much is parsed before the whole file. */
const SNIFF_BYTES = 64 * 1024;

/** True for a file name discovery considers (.yaml, .yml, .json). */
export function isCandidate(path: string): boolean {
  return CANDIDATE.test(path);
}

/** True for a path inside a folder discovery does not walk (SKIPPED_DIRS, dot-folders). */
export function isSkippedPath(path: string): boolean {
  return path
    .split('/')
    .slice(0, -1)
    .some((dir) => SKIPPED_DIRS.has(dir) || dir.startsWith('.'));
}

/** Splits an input like "a/*.yaml, b/**\/*.json\n c.yaml" into patterns. */
export function splitPatterns(input: string): string[] {
  return input
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** True when `path` matches one of the `specs` patterns. */
export function matchesAny(path: string, patterns: string[]): boolean {
  return patterns.some((p) => picomatch.isMatch(path, p.replace(/^\.\//, ''), { dot: false }));
}

/** The patterns no path matches, in the order given (a `specs` pattern with nothing to check). */
export function unmatchedPatterns(patterns: string[], paths: string[]): string[] {
  return patterns.filter((p) => !paths.some((path) => matchesAny(path, [p])));
}

/**
 * Workspace-relative paths of root documents, sorted. Without patterns, every file that is one. A symlink
 * to a file inside `root` counts under its own path; one leaving `root` is not read. Symlinked folders and
 * the folders in SKIPPED_DIRS (and dot-folders) are not walked: a root the base had there is still
 * followed by the pull request's own discovery (pull-request.ts).
 */
export function discoverSpecs(root: string, patterns: string[] = []): string[] {
  const realRoot = realpathSync(root);
  const matchers = patterns.map((p) => picomatch(p.replace(/^\.\//, ''), { dot: false }));
  const found: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name), path);
        continue;
      }
      if (!isCandidate(entry.name)) continue;
      const file = regularFileInside(realRoot, join(dir, entry.name), entry);
      if (file === undefined) continue;
      if (matchers.length > 0 ? matchers.some((m) => m(path)) : looksLikeRootDocument(file)) found.push(path);
    }
  };
  walk(realRoot, '');
  return found.sort();
}

/** The file to read for a directory entry: itself, or a symlink's target when that is a file inside `realRoot`. */
function regularFileInside(realRoot: string, full: string, entry: Dirent): string | undefined {
  if (entry.isFile()) return full;
  if (!entry.isSymbolicLink()) return undefined;
  try {
    const real = realpathSync(full);
    return isInside(realRoot, real) && statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined; // a dangling or looping link
  }
}

/**
 * True when the file's root mapping has an `openapi` or `swagger` key. Only the first 64 KB are read when
 * they already show one; a file over the loader's size limit counts as a root (the load then refuses it
 * and says why) rather than being read whole here or skipped.
 */
export function looksLikeRootDocument(file: string): boolean {
  const size = statSync(file).size;
  if (size > DEFAULT_PARSE_LIMITS.maxFileBytes) return true;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const length = readSync(fd, head, 0, head.length, 0);
    if (length >= size) return isRootDocumentText(head.subarray(0, length).toString('utf8'));
    if (hasRootKey(head.subarray(0, length).toString('utf8'), false)) return true;
    const whole = Buffer.alloc(size);
    return hasRootKey(whole.subarray(0, readSync(fd, whole, 0, size, 0)).toString('utf8'), true);
  } finally {
    closeSync(fd);
  }
}

/**
 * True when the text's root mapping has an `openapi` or `swagger` key, as the loader parses it: JSON (a
 * key written with escapes counts unescaped), or YAML in any layout — indented, after any amount of
 * comments, flow style, quoted or escaped keys, an explicit `? openapi` key. A root key the sniff cannot
 * name without building the document (an alias, a `<<` merge) counts as a root too.
 */
export function isRootDocumentText(text: string): boolean {
  if (text.length > DEFAULT_PARSE_LIMITS.maxFileBytes) return true; // as looksLikeRootDocument
  if (text.length > SNIFF_BYTES && hasRootKey(text.slice(0, SNIFF_BYTES), false)) return true;
  return hasRootKey(text, true);
}

/**
 * A key can only read `openapi` or `swagger` when the text spells it, or writes letters as escapes (`\x61`,
 * `\u0061`) or joins a quoted line with an escaped line break; aliases and merges repeat keys spelled
 * elsewhere in the text. Files without any of these (most that are not roots) need no parse.
 */
const MAY_NAME_VERSION_KEY = /openapi|swagger|\\[xuU\r\n]/;

/** `complete`: the text is the whole file; otherwise a prefix, whose last (perhaps cut) line is ignored. */
function hasRootKey(raw: string, complete: boolean): boolean {
  const text = readableText(raw);
  if (!MAY_NAME_VERSION_KEY.test(text)) return false;
  if (/^\s*(?:[{[]|\/[/*])/.test(text)) {
    const json = jsonRootKey(text);
    if (json !== 'unsure') return json === 'yes';
    // JSON (comments allowed: the loader refuses them, and says so). A cut JSON text waits for the whole;
    // not JSON (flow-style YAML, or broken): YAML decides, as for the loader.
    if (!complete) return false;
  }
  return yamlRootKey(complete ? text : text.slice(0, text.lastIndexOf('\n') + 1));
}

/**
 * The text without a byte-order mark; UTF-16 or UTF-32 read as UTF-8 keeps its ASCII characters between
 * NULs, so dropping the NULs (and the mark, now replacement characters) shows its keys.
 */
function readableText(raw: string): string {
  const text = raw.replace(/^\uFEFF/, '');
  return text.includes('\0') ? text.replace(/\0/g, '').replace(/^[\uFFFD\uFEFF]+/, '') : text;
}

/** jsonc-parser's `SyntaxKind` (a const enum, which this build cannot import). */
const SyntaxKind = {
  OpenBraceToken: 1,
  CloseBraceToken: 2,
  OpenBracketToken: 3,
  CloseBracketToken: 4,
  CommaToken: 5,
  ColonToken: 6,
  StringLiteral: 10,
  Unknown: 16,
  EOF: 17,
} as const;

/** Scans JSON tokens: 'yes' when the root object has the key, 'no' when well-formed without it, else 'unsure'. */
function jsonRootKey(text: string): 'yes' | 'no' | 'unsure' {
  const scanner = createScanner(text, true);
  let depth = 0;
  let inObject = false; // the root value is an object
  let expectKey = false;
  let key: string | undefined;
  let wellFormed = true;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (scanner.getTokenError() !== 0 || kind === SyntaxKind.Unknown) wellFormed = false;
    if (depth === 1 && inObject && key !== undefined && kind === SyntaxKind.ColonToken && isVersionKey(key))
      return 'yes';
    key = depth === 1 && expectKey && kind === SyntaxKind.StringLiteral ? scanner.getTokenValue() : undefined;
    expectKey = false;
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (depth === 0) inObject = kind === SyntaxKind.OpenBraceToken;
      depth++;
      expectKey = depth === 1 && inObject;
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) depth--;
    else if (kind === SyntaxKind.CommaToken) expectKey = depth === 1 && inObject;
  }
  return wellFormed && depth === 0 ? 'no' : 'unsure';
}

/**
 * Lexes and parses YAML into its syntax tree (no document is built, so aliases are never expanded),
 * stopping at the first root key that names the version.
 */
function yamlRootKey(text: string): boolean {
  const parser = new Parser();
  let root: CST.Token | undefined;
  let checked = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme))
      if (token.type === 'document' && rootKeys(token.value, 0, false)) return true;
    const value = parser.stack[0]?.type === 'document' ? parser.stack[1] : undefined;
    if (value !== root) {
      root = value;
      checked = 0;
    }
    const items = rootItems(root);
    // An item's key is complete once its `:` has been read.
    while (checked < items.length && items[checked]!.sep?.some((t) => t.type === 'map-value-ind')) {
      if (rootKeys(root, checked, true)) return true;
      checked++;
    }
  }
  for (const token of parser.end())
    if (token.type === 'document' && rootKeys(token.value, 0, false)) return true;
  return false;
}

function rootItems(value: CST.Token | undefined): CST.CollectionItem[] {
  if (value?.type === 'block-map') return value.items;
  if (value?.type === 'flow-collection' && value.start.source === '{') return value.items;
  return [];
}

/** Whether the root mapping's items from `from` (only that one when `one`) include a version key. */
function rootKeys(value: CST.Token | undefined, from: number, one: boolean): boolean {
  const items = rootItems(value);
  for (let i = from; i < (one ? from + 1 : items.length); i++) {
    const key = items[i]?.key;
    if (!key) continue;
    if (key.type === 'alias') return true; // names a key the sniff does not resolve
    const scalar = CST.resolveAsScalar(key);
    if (scalar && (isVersionKey(scalar.value) || scalar.value === '<<')) return true;
  }
  return false;
}

const isVersionKey = (key: string) => key === 'openapi' || key === 'swagger';

// JSON text in pieces: `JSON.stringify(value, null, 2)` exactly, without building it as one string.
// Node cannot hold a string over 512 MiB, and a report that large (a hostile document with a finding
// per item of a 200,000-item list) must still be written. Containers near the root are written member by
// member; a member is one `JSON.stringify`. One string is still faster (by about 60 ms on a 9 MB report),
// so the pieces are the fallback.

import { closeSync, openSync, writeSync } from 'node:fs';

const STREAMED_DEPTH = 4;

/** The pieces of `JSON.stringify(value, null, 2)`, for plain data (no `toJSON`, no cycles), in order. */
export function* jsonPieces(value: unknown, indent = '', depth = 0): Generator<string> {
  if (depth >= STREAMED_DEPTH || value === null || typeof value !== 'object' || hasToJson(value)) {
    yield (indent === '' ? JSON.stringify(value, null, 2) : indentedJson(value, indent)) ?? 'null';
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      const item = value[i];
      // In an array, what JSON cannot show (undefined, a function) is null.
      yield* jsonPieces(showable(item) ? item : null, inner, depth + 1);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  const keys = Object.keys(value).filter((k) => showable((value as Record<string, unknown>)[k]));
  if (keys.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (const [i, key] of keys.entries()) {
    yield `${inner}${JSON.stringify(key)}: `;
    yield* jsonPieces((value as Record<string, unknown>)[key], inner, depth + 1);
    yield i < keys.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

/**
 * `JSON.stringify(value, null, 2)` with every line after the first indented by `indent` (spaces, two per
 * level): indented by `JSON.stringify` itself, the value nested that many arrays deep and cut out of the
 * brackets. Indenting each line with `replaceAll` builds a rope of one piece per line (millions of objects
 * for the collector, and a slow flattening when written). Undefined when JSON cannot show the value.
 */
export function indentedJson(value: unknown, indent: string): string | undefined {
  if (!showable(value)) return undefined;
  const levels = indent.length / 2;
  if (!Number.isInteger(levels) || indent !== ' '.repeat(indent.length))
    return (JSON.stringify(value, null, 2) as string | undefined)?.replaceAll('\n', `\n${indent}`);
  let nested: unknown = value;
  for (let i = 0; i < levels; i++) nested = [nested];
  // `[\n` and the next level's indentation before the value, per level; a newline, the indentation and
  // `]` after it
  const before = 2 * levels + levels * (levels + 1);
  const after = 2 * levels + levels * (levels - 1);
  const text = JSON.stringify(nested, null, 2);
  return text.slice(before, text.length - after);
}

/** In an object, a member JSON cannot show is left out. */
function showable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * Calls `write` with `JSON.stringify(value, null, 2)` and a final newline: in one piece when Node can build
 * the string (the faster way), else in chunks of about a megabyte. `stringify` is for tests.
 */
export function writeJson(
  value: unknown,
  write: (chunk: string) => void,
  stringify: (value: unknown) => string = (v) => JSON.stringify(v, null, 2),
): void {
  let text: string;
  try {
    text = stringify(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error; // "Invalid string length": over 512 MiB
    let buffer = '';
    for (const piece of jsonPieces(value)) {
      buffer += piece;
      if (buffer.length >= 1 << 20) {
        write(buffer);
        buffer = '';
      }
    }
    write(`${buffer}\n`);
    return;
  }
  write(`${text}\n`);
}

/** `writeJson` into a file. */
export function writeJsonFile(path: string, value: unknown): void {
  const fd = openSync(path, 'w');
  try {
    writeJsonToFd(fd, value);
  } finally {
    closeSync(fd);
  }
}

/** `writeJson` into an open file (see `openReportFile` in publish/files.ts); the caller closes it. */
export function writeJsonToFd(fd: number, value: unknown): void {
  writeJson(value, (chunk) => writeSync(fd, chunk));
}

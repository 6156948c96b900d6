// Finds where a JSON pointer sits in JSON text without building a syntax tree.
//
// A full tree of a 13 MB description is millions of objects (about a second of parsing and
// as much again in garbage collection); a report needs a few thousand positions. So: one
// allocation-free pass (`scanJson`) records where each object/array closes, and an object's keys are read
// only when a pointer goes through it, once (cached). Iterative throughout: nesting depth
// cannot overflow the stack.

import { parsePointer, unescapeSegment } from '../util/pointer.js';
import { type JsonIndex, scanJson } from './json-scan.js';
import { LineIndex } from './lines.js';

export interface Member {
  /** Offset of the key's opening quote (an array element: of the element). */
  at: number;
  /** Offset of the value's first character. */
  value: number;
}

/** The `value` of a pointer that does not exist: nothing below it exists either. */
const MISSING = -1;

/** Longer pointers are looked up without remembering them (see `offsetOfPointer`). */
const MAX_REMEMBERED = 4096;

export class JsonLocator {
  private readonly opens: Int32Array;
  private readonly closes: Int32Array;
  private readonly members = new Map<number, Map<string, Member> | Member[]>();
  private readonly byPointer = new Map<string, Member>();
  private readonly root: number;

  private readonly lineStarts: Int32Array;

  /** `index`: the text's `scanJson`, when it was made elsewhere (on the second thread). */
  constructor(
    private readonly text: string,
    index: JsonIndex = scanJson(text),
  ) {
    this.opens = index.opens;
    this.closes = index.closes;
    this.lineStarts = index.lineStarts;
    this.root = this.skipSpace(0);
  }

  /** The text's lines, from the same pass (only for text that parsed as JSON: see `scanJson`). */
  lines(): LineIndex {
    return LineIndex.fromStarts(this.lineStarts);
  }

  /** Offset of the deepest node on the pointer's way; an object member is reported at its key. */
  offset(segments: readonly string[]): number {
    let node = this.root;
    let offset = node;
    for (const segment of segments) {
      const member = this.memberOf(node, segment);
      if (!member) break;
      offset = member.at;
      node = member.value;
    }
    return offset;
  }

  /**
   * `offset` for an escaped pointer (`/paths/~1users/get`). Findings repeat pointers and share their
   * prefixes, so each prefix is resolved once: a lookup walks only the segments below the longest one known.
   */
  offsetOfPointer(pointer: string): number {
    const known = this.byPointer.get(pointer);
    if (known !== undefined) return known.at;
    // V8 hashes a string longer than 16,383 characters by its length alone: such keys would all collide.
    if (pointer.length > MAX_REMEMBERED || (pointer !== '' && !pointer.startsWith('/')))
      return this.offset(parsePointer(pointer));
    let prefix = pointer;
    let found: Member | undefined;
    while (found === undefined) {
      const slash = prefix.lastIndexOf('/');
      if (slash === -1) {
        prefix = '';
        found = { at: this.root, value: this.root };
        break;
      }
      prefix = prefix.slice(0, slash);
      found = this.byPointer.get(prefix);
    }
    let current = found;
    let end = prefix.length;
    while (end < pointer.length && current.value !== MISSING) {
      const next = pointer.indexOf('/', end + 1);
      const stop = next === -1 ? pointer.length : next;
      const member = this.memberOf(current.value, unescapeSegment(pointer.slice(end + 1, stop)));
      // Past the deepest existing node every longer pointer reports that node's offset.
      current = member ?? { at: current.at, value: MISSING };
      end = stop;
      this.byPointer.set(pointer.slice(0, end), current);
    }
    if (end < pointer.length) this.byPointer.set(pointer, current);
    return current.at;
  }

  /** The root value's first character. */
  get rootOffset(): number {
    return this.root;
  }

  /** The members of the object whose `{` is at `offset` (the last of duplicate keys); undefined if not one. */
  objectMembers(offset: number): ReadonlyMap<string, Member> | undefined {
    if (this.text.charCodeAt(offset) !== 0x7b) return undefined;
    return this.childrenOf(offset) as Map<string, Member>;
  }

  /** The first `limit` members of the object whose `{` is at `offset`, read without reading the rest. */
  firstMembers(offset: number, limit: number): [string, Member][] {
    if (this.text.charCodeAt(offset) !== 0x7b) return [];
    return [...this.readObject(offset, limit)];
  }

  /**
   * Just past the object or array whose first character is at `offset` (the text's length if it never
   * closes). Only for containers: that is what the index knows.
   */
  containerEnd(offset: number): number {
    return Math.min(this.closeOf(offset) + 1, this.text.length);
  }

  private memberOf(node: number, segment: string): Member | undefined {
    const children = this.childrenOf(node);
    if (!children) return undefined;
    return Array.isArray(children)
      ? /^\d+$/.test(segment)
        ? children[Number(segment)]
        : undefined
      : children.get(segment);
  }

  private childrenOf(node: number): Map<string, Member> | Member[] | undefined {
    if (node === MISSING) return undefined;
    const open = this.text.charCodeAt(node);
    if (open !== 0x7b && open !== 0x5b) return undefined; // not { or [
    let children = this.members.get(node);
    if (!children) {
      children = open === 0x7b ? this.readObject(node) : this.readArray(node);
      this.members.set(node, children);
    }
    return children;
  }

  private readObject(start: number, limit = Number.POSITIVE_INFINITY): Map<string, Member> {
    const members = new Map<string, Member>();
    const end = this.closeOf(start);
    let i = this.skipSpace(start + 1);
    while (i < end && this.text.charCodeAt(i) === 0x22 && members.size < limit) {
      const keyEnd = this.stringEnd(i);
      const raw = this.text.slice(i + 1, keyEnd);
      const key = raw.includes('\\') ? decodeKey(raw) : raw;
      const colon = this.skipSpace(keyEnd + 1);
      if (this.text.charCodeAt(colon) !== 0x3a) break; // not ':' — malformed, stop here
      const value = this.skipSpace(colon + 1);
      members.set(key, { at: i, value }); // the last duplicate wins, as in JSON.parse
      i = this.nextMember(value, end);
    }
    return members;
  }

  private readArray(start: number): Member[] {
    const items: Member[] = [];
    const end = this.closeOf(start);
    let i = this.skipSpace(start + 1);
    while (i < end) {
      items.push({ at: i, value: i });
      const next = this.nextMember(i, end);
      if (next <= i) break;
      i = next;
    }
    return items;
  }

  /** From a value's first character to the first character of the following member (or `end`). */
  private nextMember(value: number, end: number): number {
    const c = this.text.charCodeAt(value);
    let i: number;
    if (c === 0x22) i = this.stringEnd(value) + 1;
    else if (c === 0x7b || c === 0x5b) i = this.closeOf(value) + 1;
    else {
      i = value;
      while (i < end) {
        const d = this.text.charCodeAt(i);
        if (d === 0x2c || d === 0x7d || d === 0x5d) break; // , } ]
        i++;
      }
    }
    i = this.skipSpace(i);
    if (this.text.charCodeAt(i) !== 0x2c) return end; // no comma: that was the last member
    return this.skipSpace(i + 1);
  }

  private closeOf(open: number): number {
    let lo = 0;
    let hi = this.opens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.opens[mid] as number;
      if (at === open) return this.closes[mid] as number;
      if (at < open) lo = mid + 1;
      else hi = mid - 1;
    }
    return this.text.length;
  }

  /** Offset of the quote closing the string that opens at `quote` (text length if unterminated). */
  private stringEnd(quote: number): number {
    const text = this.text;
    let i = text.indexOf('"', quote + 1);
    // Most strings hold no escaped quote: one look at the character before the quote settles it.
    while (i !== -1 && text.charCodeAt(i - 1) === 0x5c) {
      let backslashes = 1;
      while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
      if (backslashes % 2 === 0) return i;
      i = text.indexOf('"', i + 1);
    }
    return i === -1 ? text.length : i;
  }

  private skipSpace(i: number): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
      i++;
    }
  }
}

function decodeKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

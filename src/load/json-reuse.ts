// Parsing a base version's JSON by reusing its head's: a pull request changes a few of a description's
// thousands of path items and components, and the text of the rest is the same in both versions.
//
// The base text is cut into regions (the values of the root's members, and of the members of large
// objects below it, down to one path item or one schema). A region whose text equals the head's at the
// same key takes the head's parsed value, shared; any other region is parsed on its own. What is left
// (the skeleton: keys, scalars, punctuation, with `null` in place of each region) is parsed too, and the
// values are set into it. The result is what `JSON.parse` of the whole text gives: equal text parses to
// equal values, the skeleton keeps the text's key order and its last-duplicate-wins, and every part of
// the text is parsed by JSON.parse (the head's regions were, with the head). Invalid text, or anything
// unexpected, gives undefined: the caller then parses the whole text (and reports the error).

import { setOwn } from '../util/objects.js';
import { JsonLocator } from './json-locate.js';
import type { JsonIndex } from './json-scan.js';

export interface ParsedJson {
  text: string;
  index: JsonIndex;
  value: unknown;
}

/** Objects smaller than this are compared and parsed whole rather than member by member. */
const SPLIT_MIN_CHARS = 16 * 1024;
/** How far below the root objects are split: `components` → `schemas` → one schema. */
const MAX_SPLIT_DEPTH = 2;

interface Region {
  start: number;
  end: number;
  /** The keys from the root to the region's value. */
  path: string[];
  /** The head's value when the texts are equal; otherwise the region is parsed. */
  reused: boolean;
  value: unknown;
}

export function parseReusing(text: string, index: JsonIndex, like: ParsedJson): unknown {
  if (text === like.text) return like.value;
  const here = new JsonLocator(text, index);
  const there = new JsonLocator(like.text, like.index);
  const regions: Region[] = [];

  // Regions for the container members of the object at `at` (the head's at `likeAt`); false if either is not an object.
  const split = (at: number, likeAt: number, likeValue: unknown, path: string[], depth: number): boolean => {
    const members = here.objectMembers(at);
    const likeMembers = there.objectMembers(likeAt);
    if (!members || !likeMembers || !isRecord(likeValue)) return false;
    for (const [key, member] of members) {
      const start = member.value;
      const open = text.charCodeAt(start);
      if (open !== 0x7b && open !== 0x5b) continue; // a scalar: the skeleton holds it
      const end = here.containerEnd(start);
      const memberPath = [...path, key];
      const likeMember = likeMembers.get(key);
      if (likeMember && Object.hasOwn(likeValue, key) && like.text.charCodeAt(likeMember.value) === open) {
        const likeEnd = there.containerEnd(likeMember.value);
        if (sameText(text, start, end, like.text, likeMember.value, likeEnd)) {
          regions.push({ start, end, path: memberPath, reused: true, value: likeValue[key] });
          continue;
        }
        if (
          depth < MAX_SPLIT_DEPTH &&
          end - start >= SPLIT_MIN_CHARS &&
          split(start, likeMember.value, likeValue[key], memberPath, depth + 1)
        ) {
          continue;
        }
      }
      regions.push({ start, end, path: memberPath, reused: false, value: undefined });
    }
    return true;
  };

  try {
    if (!startsAlike(text, here, like.text, there)) return undefined;
    if (!split(here.rootOffset, there.rootOffset, like.value, [], 0)) return undefined;
    // Little in common (a reformatted document): parsing region by region would cost more than one parse.
    let reusedChars = 0;
    for (const region of regions) if (region.reused) reusedChars += region.end - region.start;
    if (reusedChars < text.length / 4) return undefined;
    // A key's value is its last duplicate's, but the map lists keys in first-seen order: sort by place.
    regions.sort((a, b) => a.start - b.start);
    const pieces: string[] = [];
    let from = 0;
    for (const region of regions) {
      if (region.start < from) return undefined; // overlapping: not text this reading understands
      pieces.push(text.slice(from, region.start), 'null');
      from = region.end;
    }
    pieces.push(text.slice(from));
    const root: unknown = JSON.parse(pieces.join(''));
    for (const region of regions) {
      const value = region.reused ? region.value : JSON.parse(text.slice(region.start, region.end));
      if (!place(root, region.path, value)) return undefined;
    }
    return root;
  } catch {
    return undefined;
  }
}

/** How many of the first members of the largest object are compared before the rest is read. */
const SAMPLE = 16;

/**
 * Whether one of the first members of the root's largest object (`paths`, mostly) has the same text in
 * both versions. A reformatted document has nothing in common with its head, and finding that out member
 * by member took a third of a parse on Microsoft Graph: this looks at a few members first.
 */
function startsAlike(text: string, here: JsonLocator, likeText: string, there: JsonLocator): boolean {
  let largest: { start: number; end: number; key: string } | undefined;
  for (const [key, member] of here.objectMembers(here.rootOffset) ?? []) {
    const open = text.charCodeAt(member.value);
    if (open !== 0x7b) continue;
    const end = here.containerEnd(member.value);
    if (!largest || end - member.value > largest.end - largest.start)
      largest = { start: member.value, end, key };
  }
  if (!largest) return true; // nothing large to split: the split below is cheap
  const likeMember = there.objectMembers(there.rootOffset)?.get(largest.key);
  if (!likeMember || likeText.charCodeAt(likeMember.value) !== 0x7b) return false;
  const likeEnd = there.containerEnd(likeMember.value);
  if (sameText(text, largest.start, largest.end, likeText, likeMember.value, likeEnd)) return true;
  const theirs = new Map(there.firstMembers(likeMember.value, SAMPLE));
  let compared = 0;
  for (const [key, member] of here.firstMembers(largest.start, SAMPLE)) {
    const like = theirs.get(key);
    const start = member.value;
    const open = text.charCodeAt(start);
    if (!like || (open !== 0x7b && open !== 0x5b) || likeText.charCodeAt(like.value) !== open) continue;
    compared++;
    const end = here.containerEnd(start);
    if (sameText(text, start, end, likeText, like.value, there.containerEnd(like.value))) return true;
  }
  // Nothing to compare (no objects among the first members): let the split find out.
  return compared === 0;
}

function sameText(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): boolean {
  return aEnd - aStart === bEnd - bStart && a.slice(aStart, aEnd) === b.slice(bStart, bEnd);
}

/** Sets the value where the skeleton holds its `null`; false if there is no such place. */
function place(root: unknown, path: string[], value: unknown): boolean {
  let parent = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string;
    if (!isRecord(parent) || !Object.hasOwn(parent, key)) return false;
    parent = parent[key];
  }
  const key = path[path.length - 1] as string;
  if (!isRecord(parent) || !Object.hasOwn(parent, key) || parent[key] !== null) return false;
  setOwn(parent, key, value); // the key may be `__proto__`: JSON.parse made it an own property
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

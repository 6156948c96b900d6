// The tree-free JSON locator against jsonc-parser's syntax tree (the oracle it replaced): same
// offset for every pointer, on generated documents in any layout and on GitHub's REST description.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { type Node as JsonNode, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { JsonLocator } from '../src/load/json-locate.js';
import {
  BACKGROUND_MIN_CHARS,
  type JsonIndex,
  scanJson,
  scanJsonInBackground,
  scanJsonLater,
} from '../src/load/json-scan.js';
import { LineIndex } from '../src/load/lines.js';
import { joinPointer } from '../src/util/pointer.js';
import { githubSpecPaths, isCorpusInstalled } from './corpus/index.js';

/** Offset per jsonc-parser: an object member at its key, an array element at the element. */
function oracleOffset(root: JsonNode, segments: string[]): number {
  let node = root;
  let offset = root.offset;
  for (const segment of segments) {
    let next: JsonNode | undefined;
    if (node.type === 'object') {
      const property = node.children?.find((p) => p.children?.[0]?.value === segment);
      if (property) {
        offset = property.offset;
        next = property.children?.[1];
      }
    } else if (node.type === 'array' && /^\d+$/.test(segment)) {
      next = node.children?.[Number(segment)];
      if (next) offset = next.offset;
    }
    if (!next) break;
    node = next;
  }
  return offset;
}

/** Every pointer into a value, plus ones that run past each leaf and through a missing key or index. */
function pointersOf(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pointersOf(v, [...prefix, String(i)], out);
    out.push([...prefix, String(value.length)], [...prefix, String(value.length), '0']);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pointersOf(v, [...prefix, k], out);
    // Past a missing key, an existing one must not be found again.
    out.push([...prefix, '\u0000missing'], [...prefix, '\u0000missing', ...Object.keys(value).slice(0, 1)]);
  } else out.push([...prefix, 'x'], [...prefix, 'x', 'y']);
  return out;
}

const layouts: ((v: unknown) => string)[] = [
  (v) => JSON.stringify(v),
  (v) => JSON.stringify(v, null, 2),
  (v) => JSON.stringify(v, null, '\t').replace(/\n/g, '\r\n'),
  (v) => ` \n${JSON.stringify(v, null, 1).replace(/": /g, '" :  ').replace(/,\n/g, '\n,')}\n`,
];

describe('JsonLocator', () => {
  it('agrees with a full syntax tree on every pointer of generated documents in several layouts', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('"', '\\', '/', '~', 'a"b', '\\"', '\u2028', '{', ']'));
    const doc = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(
          fc.string(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.boolean(),
          fc.constant(null),
        ),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(
        doc,
        fc.nat(layouts.length - 1),
        fc.array(fc.nat(), { maxLength: 60 }),
        (value, layout, order) => {
          const text = (layouts[layout] as (v: unknown) => string)(value);
          const tree = parseTree(text) as JsonNode;
          const locator = new JsonLocator(text);
          const pointers = pointersOf(value);
          for (const pointer of pointers) {
            expect(locator.offset(pointer), JSON.stringify({ text, pointer })).toBe(
              oracleOffset(tree, pointer),
            );
          }
          // The pointer-string lookup remembers prefixes: any order of asking gives the same answers.
          const remembering = new JsonLocator(text);
          for (const pointer of order.map((i) => pointers[i % pointers.length] as string[])) {
            expect(
              remembering.offsetOfPointer(joinPointer('', ...pointer)),
              JSON.stringify({ text, pointer }),
            ).toBe(oracleOffset(tree, pointer));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives nesting far deeper than any stack and text that is not JSON', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(new JsonLocator(deep).offset(['0', '0', '0'])).toBe(3);
    for (const text of ['', '{', '{"a"', '{"a":', '{"a":1,', '[1,,2]', '"abc', 'nul', '{"a" 1}']) {
      expect(() => new JsonLocator(text).offset(['a', '0'])).not.toThrow();
    }
  });

  it.skipIf(!isCorpusInstalled())(
    'agrees with a full syntax tree on every operation of GitHub’s REST description',
    () => {
      const text = readFileSync(githubSpecPaths().v23, 'utf8');
      const value = JSON.parse(text) as { paths: Record<string, Record<string, { responses?: object }>> };
      const tree = parseTree(text) as JsonNode;
      const locator = new JsonLocator(text);
      let compared = 0;
      for (const [path, item] of Object.entries(value.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          for (const code of Object.keys(operation.responses ?? {})) {
            const pointer = [
              'paths',
              path,
              method,
              'responses',
              code,
              'content',
              'application/json',
              'schema',
            ];
            expect(locator.offset(pointer)).toBe(oracleOffset(tree, pointer));
            expect(locator.offsetOfPointer(joinPointer('', ...pointer))).toBe(oracleOffset(tree, pointer));
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(2000);
    },
  );
});

describe('scanJson on the second thread', () => {
  const bytes = (a: Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const sameIndex = (a: JsonIndex, b: JsonIndex) =>
    a.opens.length > 0 &&
    bytes(a.opens).equals(bytes(b.opens)) &&
    bytes(a.closes).equals(bytes(b.closes)) &&
    bytes(a.lineStarts).equals(bytes(b.lineStarts));

  /** A 2 MB description-like text: pretty-printed, strings with escaped quotes, backslashes and brackets. */
  function largeText(seed: number): string {
    const items = Array.from({ length: 12_000 }, (_, i) => ({
      [`/things/{id}/${i + seed}`]: {
        description: `a "quoted" \\ value [${i}] {${seed}}`,
        tags: ['a', `b\\`, { nested: [i, null, true] }],
      },
    }));
    return JSON.stringify({ openapi: '3.0.3', paths: items }, null, 2);
  }

  it('gives the same index as the main thread, for several texts collected out of order', () => {
    const texts = [largeText(1), largeText(2), largeText(3)];
    expect(texts[0]!.length).toBeGreaterThanOrEqual(BACKGROUND_MIN_CHARS);
    const pending = texts.map((text) => scanJsonInBackground(text));
    for (const i of [2, 0, 1]) {
      const collect = pending[i];
      expect(collect, 'the thread started').toBeDefined();
      const index = collect!();
      expect(index, 'the thread answered').toBeDefined();
      expect(sameIndex(index!, scanJson(texts[i]!))).toBe(true);
      expect(collect!(), 'asking again gives the same answer').toBe(index);
    }
    // What the locator is built from either way gives the same positions.
    const later = scanJsonLater(texts[1]!);
    const locator = new JsonLocator(texts[1]!, later());
    expect(locator.offsetOfPointer('/paths/11999/~1things~1{id}~111999/tags/2/nested/1')).toBe(
      new JsonLocator(texts[1]!).offsetOfPointer('/paths/11999/~1things~1{id}~111999/tags/2/nested/1'),
    );
  });

  it('counts the same lines as a plain line index on valid JSON in any layout', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(layouts.length - 1), (value, layout) => {
        const text = (layouts[layout] as (v: unknown) => string)(value);
        const fromScan = new JsonLocator(text).lines();
        const plain = LineIndex.of(text);
        for (let offset = 0; offset <= text.length; offset += 1 + (offset % 7)) {
          expect(fromScan.position(offset)).toEqual(plain.position(offset));
        }
      }),
      { numRuns: 300 },
    );
  });
});

// Parsing a base text by reusing its head's parsed values (src/load/json-reuse.ts) must give exactly what
// JSON.parse gives - values, key order, the last of duplicate keys, `__proto__` as an own key - and
// nothing at all for text JSON.parse rejects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReusing } from '../src/load/json-reuse.js';
import { scanJson } from '../src/load/json-scan.js';

/** A description-like document with enough bulk that `paths` and `components.schemas` are split. */
function document(seed: number, items: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < items; i++) {
    paths[`/things/${i}/{id}`] = {
      get: {
        description: `${'lorem ipsum '.repeat(40)}${seed}`,
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: `#/components/schemas/S${i}` } } } },
        },
      },
    };
    schemas[`S${i}`] = {
      type: 'object',
      properties: { id: { type: 'integer', example: i }, tag: { enum: ['a', 'b'] } },
    };
  }
  return { openapi: '3.0.3', info: { title: 'T', version: '1' }, paths, components: { schemas } };
}

const layouts = [(v: unknown) => JSON.stringify(v, null, 2), (v: unknown) => JSON.stringify(v)];

function reuse(baseText: string, headText: string, headValue: unknown = JSON.parse(headText)): unknown {
  return parseReusing(baseText, scanJson(baseText), {
    text: headText,
    index: scanJson(headText),
    value: headValue,
  });
}

/** The same value with the same key order everywhere (and `__proto__` only as an own key). */
function expectSameParse(actual: unknown, text: string): void {
  const expected = JSON.parse(text) as unknown;
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  expect(Object.getPrototypeOf(actual)).toBe(Object.prototype);
}

describe('parseReusing', () => {
  it('equals JSON.parse after random edits of a document, and shares what did not change', () => {
    const head = document(1, 60);
    const pathKeys = Object.keys(head.paths as object);
    const edit = fc.oneof(
      // change one path item, remove one, add one
      fc.record({ kind: fc.constant('change' as const), at: fc.nat(59), text: fc.string() }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat(59) }),
      fc.record({ kind: fc.constant('add' as const), text: fc.string() }),
      fc.record({ kind: fc.constant('schema' as const), at: fc.nat(59), text: fc.string() }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 4 }), fc.nat(layouts.length - 1), (edits, layout) => {
        const base = structuredClone(head) as {
          paths: Record<string, unknown>;
          components: { schemas: Record<string, unknown> };
        };
        for (const e of edits) {
          if (e.kind === 'change') {
            const item = base.paths[pathKeys[e.at] ?? ''] as { get: Record<string, unknown> } | undefined;
            if (item) item.get.summary = e.text;
          } else if (e.kind === 'remove') delete base.paths[pathKeys[e.at]!];
          else if (e.kind === 'add') base.paths[`/new/${e.text}`] = { post: { description: e.text } };
          else base.components.schemas[`S${e.at}`] = { type: 'string', description: e.text };
        }
        const stringify = layouts[layout]!;
        const headText = stringify(head);
        const headValue = JSON.parse(headText) as typeof base;
        const baseText = stringify(base);
        const value = reuse(baseText, headText, headValue) as typeof base;
        expectSameParse(value, baseText);
        // An untouched path item is the head's own object.
        const untouched = pathKeys.find(
          (_, i) => !edits.some((e) => (e.kind === 'change' || e.kind === 'remove') && e.at === i),
        );
        if (untouched) expect(value.paths[untouched]).toBe(headValue.paths[untouched]);
      }),
      { numRuns: 60 },
    );
  });

  it('shares the head’s parsed objects where the texts agree', () => {
    const head = document(1, 60);
    const base = structuredClone(head) as { paths: Record<string, { get: { summary?: string } }> };
    base.paths['/things/7/{id}']!.get.summary = 'changed';
    const headText = JSON.stringify(head, null, 2);
    const headValue = JSON.parse(headText) as typeof base & {
      components: { schemas: Record<string, unknown> };
    };
    const baseText = JSON.stringify(base, null, 2);
    const value = reuse(baseText, headText, headValue) as typeof headValue;
    expectSameParse(value, baseText);
    expect(value.paths['/things/8/{id}']).toBe(headValue.paths['/things/8/{id}']);
    expect(value.components).toBe(headValue.components);
    expect(value.paths['/things/7/{id}']).not.toBe(headValue.paths['/things/7/{id}']);
    expect(value.paths['/things/7/{id}']?.get.summary).toBe('changed');
  });

  it('keeps the last of duplicate keys, and __proto__ as an own key, wherever they are', () => {
    const headText = JSON.stringify(document(1, 60), null, 2);
    const variants = [
      headText.replace('"paths": {', '"paths": {"/things/3/{id}": {"get": {"summary": "first"}},'),
      headText.replace('"paths": {', '"paths": {"__proto__": {"get": {"summary": "own"}},'),
      headText.replace('"components": {', '"__proto__": {"polluted": true}, "components": {'),
      headText.replace('"openapi": "3.0.3",', '"paths": {"/only": {}}, "openapi": "3.0.3",'),
    ];
    for (const text of variants) {
      const value = reuse(text, headText) as Record<string, unknown>;
      expectSameParse(value, text);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    const proto = reuse(variants[2]!, headText) as Record<string, unknown>;
    expect(Object.hasOwn(proto, '__proto__')).toBe(true);
  });

  it('gives nothing for a reformatted text, which has nothing in common with the head: it is parsed whole', () => {
    const head = document(1, 60);
    const headText = JSON.stringify(head, null, 2);
    expect(reuse(JSON.stringify(head), headText)).toBeUndefined();
    expect(reuse(JSON.stringify(head, null, 4), headText)).toBeUndefined();
    // Only one member laid out differently: the rest is still reused.
    expect(reuse(headText.replace('"openapi": "3.0.3"', '"openapi":"3.0.3"'), headText)).toBeDefined();
  });

  it('gives nothing for text JSON.parse rejects, and for valid text what JSON.parse gives, whatever is changed and where', () => {
    const headText = JSON.stringify(document(1, 60), null, 2);
    fc.assert(
      fc.property(
        fc.nat(headText.length - 1),
        fc.constantFrom('', '"', '{', '}', ',', ']', '0', 'x', '\\', '.5', 'e5'),
        fc.boolean(),
        (at, insert, replace) => {
          const text = headText.slice(0, at) + insert + headText.slice(at + (replace ? 1 : 0));
          let parsed: unknown;
          let valid = true;
          try {
            parsed = JSON.parse(text);
          } catch {
            valid = false;
          }
          const value = reuse(text, headText);
          // Valid text may still be given up on (a renamed root member: the caller then parses it whole);
          // what is given is exactly what JSON.parse gives.
          if (valid && value !== undefined) expect(JSON.stringify(value)).toBe(JSON.stringify(parsed));
          else if (!valid) expect(value).toBeUndefined();
        },
      ),
      { numRuns: 400 },
    );
  });
});

// The JSON report written in pieces must be JSON.stringify(value, null, 2) exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indentedJson, jsonPieces, writeJson } from '../src/report/json-text.js';

const whole = (value: unknown) => [...jsonPieces(value)].join('');

describe('indentedJson', () => {
  it('equals JSON.stringify(value, null, 2) with each later line indented, at any indentation', () => {
    const indents = fc.oneof(
      fc.integer({ min: 0, max: 12 }).map((n) => ' '.repeat(n)), // odd lengths too: not whole levels
      fc.constantFrom('\t', ' \t ', 'ab'),
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), indents, (value, indent) => {
        expect(indentedJson(value, indent)).toBe(
          JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('gives undefined for what JSON cannot show, at the top as nested', () => {
    expect(indentedJson(undefined, '    ')).toBeUndefined();
    expect(indentedJson(() => 1, '  ')).toBeUndefined();
    expect(indentedJson({ a: undefined, b: [undefined] }, '    ')).toBe(
      '{\n      "b": [\n        null\n      ]\n    }',
    );
  });
});

describe('jsonPieces', () => {
  it('equals JSON.stringify(value, null, 2) on generated JSON values, deep and shallow', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 7 }), (value) => {
        expect(whole(value)).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out what JSON leaves out, and shows it as null inside arrays, as JSON.stringify does', () => {
    const value = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1, Symbol('s'), 1, new Array(2), 2],
      d: { e: { f: { g: { h: undefined, i: [undefined] } } } },
      j: new Date(0),
      k: { toJSON: () => 'custom' },
      l: [],
      m: {},
      '\u2028"key"': 'x',
    };
    expect(whole(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('writes in chunks when the text is too long for one string, and in one piece otherwise', () => {
    const value = { list: Array.from({ length: 50_000 }, (_, i) => ({ id: i, text: 'x'.repeat(40) })) };
    const expected = `${JSON.stringify(value, null, 2)}\n`;
    const whole: string[] = [];
    writeJson(value, (chunk) => whole.push(chunk));
    expect(whole).toEqual([expected]);
    // Node's own error for a string over 512 MiB, without building one.
    const tooLong = () => {
      throw new RangeError('Invalid string length');
    };
    const chunks: string[] = [];
    writeJson(value, (chunk) => chunks.push(chunk), tooLong);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(expected);
    expect(() =>
      writeJson(
        value,
        () => {},
        () => {
          throw new TypeError('cyclic');
        },
      ),
    ).toThrow(TypeError);
  });
});

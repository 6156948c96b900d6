// The scans that replace regular expressions able to backtrack quadratically on document text (issue 15,
// "linear in the input") give exactly what those expressions gave. Their speed is measured by
// `npm run fuzz` (scripts/fuzz.mjs), never timed here; here long hostile inputs only must not throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathWords, splitAcronyms } from '../src/assess/context.js';
import { jwtMatches, secretInValue, secretInValueThoroughly } from '../src/sensitive.js';
import { bracketSpans, replaceTemplates, templates } from '../src/util/braces.js';

/** Strings over the characters these patterns care about, so matches and near-misses are frequent. */
const text = (alphabet: string[]) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((chars) => chars.join(''));
const braces = text(['{', '}', '/', 'a', 'B', '1', '.', ' ']);
const identifiers = text(['A', 'B', 'a', 'b', '1', '2', '/', '-', '_', '{', '}', ' ']);
const jwtish = fc.oneof(
  text(['eyJ', 'a', 'B', '1', '_', '-', '.', ' ', 'eyJhbGciOiJIUzI1NiJ9']),
  fc.constant(
    'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk and eyJeyJ.eyJ',
  ),
);

describe('templates: the matches of /\\{([^}]*)\\}/g and /\\{([^}/]*)\\}/g', () => {
  it('equal the regular expressions on arbitrary text', () => {
    fc.assert(
      fc.property(braces, (s) => {
        const expected = (re: RegExp) => [...s.matchAll(re)].map((m) => [m.index, m[1]]);
        const got = (slash: boolean, nonEmpty = false) =>
          templates(s, slash, nonEmpty).map((t) => [t.start, t.name]);
        expect(got(false)).toEqual(expected(/\{([^}]*)\}/g));
        expect(got(true)).toEqual(expected(/\{([^}/]*)\}/g));
        expect(got(true, true)).toEqual(expected(/\{([^}/]+)\}/g));
        expect(replaceTemplates(s, (whole, name) => `<${name}|${whole}>`)).toBe(
          s.replace(/\{([^}]*)\}/g, (whole, name: string) => `<${name}|${whole}>`),
        );
        expect(replaceTemplates(s, () => '{}', true)).toBe(s.replace(/\{[^}/]*\}/g, '{}'));
        const squared = s.replaceAll('{', '[').replaceAll('}', ']');
        expect(bracketSpans(squared).map((t) => squared.slice(t.start, t.end))).toEqual(
          squared.match(/\[[^\]]*\]/g) ?? [],
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('read the cases that matter: nested, unclosed and split by a slash', () => {
    expect(templates('/a/{id}/b/{x{y}/{z').map((t) => t.name)).toEqual(['id', 'x{y']);
    expect(templates('/{a/{b}', true).map((t) => t.name)).toEqual(['b']);
    expect(templates('/{a/{b}', false).map((t) => t.name)).toEqual(['a/{b']);
    expect(templates('{}{a}', true, true).map((t) => t.name)).toEqual(['a']);
  });
});

describe('splitAcronyms: /([A-Z]{2,}|\\d)([A-Z][a-z])/g → "$1 $2"', () => {
  it('equals the regular expression on arbitrary text', () => {
    fc.assert(
      fc.property(identifiers, (s) => {
        expect(splitAcronyms(s)).toBe(s.replace(/([A-Z]{2,}|\d)([A-Z][a-z])/g, '$1 $2'));
      }),
      { numRuns: 3000 },
    );
  });

  it('splits the words the path rules look for', () => {
    expect(splitAcronyms('MFAToken')).toBe('MFA Token');
    expect(splitAcronyms('v2Users')).toBe('v2 Users');
    expect(splitAcronyms('OAuth')).toBe('OAuth');
    expect(pathWords('/users/{id}/resetMFAToken/enable2FA')).toEqual([
      'users',
      'reset',
      'mfa',
      'token',
      'enable',
      '2fa',
    ]);
  });
});

describe('jwtMatches: /eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}/g', () => {
  const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
  it('equals the regular expression on arbitrary text', () => {
    fc.assert(
      fc.property(jwtish, (s) => {
        expect(jwtMatches(s)).toEqual([...s.matchAll(JWT)].map((m) => ({ index: m.index, token: m[0] })));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a token after a failed start in the same run', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(jwtMatches(`eyJshort eyJxx${token}`).map((m) => m.token)).toEqual([`eyJxx${token}`]);
  });
});

describe('long hostile strings (40,000 characters of one class) do not throw', () => {
  const classes = ['A', 'a', '0', '{', '}', '/', '.', '-', '_', ' ', 'é', '{a', 'eyJ', 'aZ9+', '4111 '];
  it.each(classes)('%j', (unit) => {
    const long = unit.repeat(Math.ceil(40_000 / unit.length)).slice(0, 40_000);
    const half = long.slice(0, 20_000);
    expect(() => pathWords(`/${long}`)).not.toThrow();
    expect(() => templates(long, true)).not.toThrow();
    // Values above 20,000 characters are not judged at all; the thorough path runs the patterns.
    expect(secretInValue(long)).toBeUndefined();
    expect(() => secretInValueThoroughly(half)).not.toThrow();
  });
});

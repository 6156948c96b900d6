// The scans that replace regular expressions able to backtrack quadratically on document text (issue 15,
// "linear in the input") give exactly what those expressions gave. Their speed is measured by
// `npm run fuzz` (scripts/fuzz.mjs), never timed here; here long hostile inputs only must not throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathWords, splitAcronyms } from '../src/assess/context.js';
import { EMPTY_CONFIG } from '../src/config/index.js';
import { type Analysis, runEngine } from '../src/engine.js';
import { loadPolicies } from '../src/policy/load.js';
import { buildReport } from '../src/report/json.js';
import { jwtMatches, secretInValue, secretInValueThoroughly } from '../src/sensitive.js';
import { bracketSpans, replaceTemplates, templates } from '../src/util/braces.js';
import { diffInline, memoryReader } from './helpers/inline.js';

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

/** A document with `servers`, `security` and 2N `GET /thingsI` endpoints inheriting them. */
function inheriting(n: number, servers: object[], security: object[], schemes: object): string {
  const paths: Record<string, object> = {};
  for (let i = 0; i < 2 * n; i++)
    paths[`/things${i}`] = { get: { summary: 'a thing', responses: { '200': { description: 'ok' } } } };
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Things', version: '1' },
    servers,
    security,
    paths,
    components: { securitySchemes: schemes },
  });
}
const HTTPS = [{ url: 'https://api.example.com/v1' }];
const KEY = { k: { type: 'apiKey', in: 'header', name: 'X-Key' } };
const httpServers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ url: `http://dev${i}.example.com/v1` }));
const querySchemes = (n: number) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`s${i}`, { type: 'apiKey', in: 'query', name: `k${i}` }]),
  );

const one = (rule: string) => `policies:\n  - name: p\n    rule: ${rule}\n    severity: high\n`;

function analyse(base: string, head: string, policies = 'policies: []\n'): Analysis {
  const side = (doc: string) => ({ reader: memoryReader({ 'openapi.json': doc }), path: 'openapi.json' });
  return runEngine([{ path: 'openapi.json', base: side(base), head: side(head) }], {
    mode: 'diff',
    config: EMPTY_CONFIG,
    policies: loadPolicies('policies/team.yml', policies),
    failOn: 'critical',
    failOnScope: 'new',
    today: '2025-06-01',
  });
}

describe('changes made once for many endpoints are reported once (SPEC §4)', () => {
  const N = 40;
  const base = inheriting(N, HTTPS, [{ k: [] }], KEY);

  it('N root servers added: each endpoint carries one summary, the spec lists every server once', () => {
    const head = inheriting(N, httpServers(N), [{ k: [] }], KEY);
    const diff = diffInline({ 'openapi.json': base }, { 'openapi.json': head }, 'openapi.json');
    expect(diff.endpoints).toHaveLength(2 * N);
    for (const e of diff.endpoints) {
      expect(e.change).toBe('modified');
      expect(e.changes.length).toBeLessThanOrEqual(2);
      const added = e.changes.filter((c) => c.kind === 'server-added');
      expect(added).toHaveLength(1);
      expect(added[0]!.message).toMatch(
        /^40 servers added at the document root \(each listed once in the document-level changes\): http:\/\/dev0\.example\.com\/v1, /,
      );
      expect(e.changes.filter((c) => c.kind === 'server-removed').map((c) => c.message)).toEqual([
        'server https://api.example.com/v1 removed',
      ]);
    }
    const listed = diff.changes ?? [];
    expect(listed.map((c) => c.message)).toEqual(httpServers(N).map((s) => `server ${s.url} added`));
    for (const c of listed) expect(c.endpoints).toEqual(diff.endpoints.map((e) => e.id));
  });

  it('a few servers added stay individual changes on each endpoint', () => {
    const head = inheriting(N, httpServers(3), [{ k: [] }], KEY);
    const diff = diffInline({ 'openapi.json': base }, { 'openapi.json': head }, 'openapi.json');
    expect(diff.changes).toBeUndefined();
    expect(diff.endpoints[0]!.changes.map((c) => c.message)).toEqual([
      'server http://dev0.example.com/v1 added',
      'server http://dev1.example.com/v1 added',
      'server http://dev2.example.com/v1 added',
      'server https://api.example.com/v1 removed',
    ]);
  });

  it('N root servers removed: one breaking summary per endpoint, and no_breaking_changes still fires', () => {
    const many = inheriting(N, httpServers(N), [{ k: [] }], KEY);
    const analysis = analyse(many, base, one('{ no_breaking_changes: true }'));
    const spec = analysis.specs[0]!;
    for (const e of spec.diff.endpoints) {
      const removed = e.changes.filter((c) => c.kind === 'server-removed');
      expect(removed).toHaveLength(1);
      expect(removed[0]!.breaking).toBe(true);
      expect(removed[0]!.message).toMatch(/^40 servers removed at the document root/);
    }
    expect(spec.violations.map((v) => v.endpoint)).toEqual(spec.diff.endpoints.map((e) => e.id));
    const report = buildReport(analysis).specs[0]!;
    const listed = report.changes.filter((c) => c.kind === 'server-removed');
    expect(listed).toHaveLength(N);
    for (const c of listed) {
      expect(c.endpointCount).toBe(2 * N);
      expect(c.endpoints).toHaveLength(10);
    }
    for (const e of report.endpoints) expect(e.changes.length).toBeLessThanOrEqual(2);
  });

  it('a global security of N alternatives is described by its first ten, on each endpoint', () => {
    const names = Array.from({ length: N }, (_, i) => `s${i}`);
    const open = inheriting(N, HTTPS, [], querySchemes(N));
    const secured = inheriting(
      N,
      HTTPS,
      names.map((name) => ({ [name]: [] })),
      querySchemes(N),
    );
    const diff = diffInline({ 'openapi.json': open }, { 'openapi.json': secured }, 'openapi.json');
    const first = names.slice(0, 10).join(' or ');
    for (const e of diff.endpoints)
      expect(e.changes.map((c) => c.message)).toEqual([`now requires ${first} or 30 more`]);
    const back = diffInline({ 'openapi.json': secured }, { 'openapi.json': open }, 'openapi.json');
    expect(back.endpoints[0]!.changes.map((c) => c.message)).toEqual([
      `no longer requires authentication (was ${first} or 30 more)`,
    ]);
  });

  it('N alternatives added to the global security: one weakening per endpoint, still a finding', () => {
    const head = inheriting(
      N,
      HTTPS,
      httpServers(N).map((_, i) => ({ [`s${i}`]: [] })),
      querySchemes(N),
    );
    const analysis = analyse(base, head);
    const spec = analysis.specs[0]!;
    for (const e of spec.diff.endpoints) {
      expect(e.changes.length).toBeLessThanOrEqual(2);
      const weakened = e.changes.filter((c) => c.kind === 'security-weakened');
      expect(weakened).toHaveLength(1);
      expect(weakened[0]!.message).toMatch(
        /^40 security-weakened changes in the global security .*now also accepts s0; /,
      );
      const findings = spec.findings.filter(
        (f) => f.endpoint === e.id && f.ruleId === 'auth-security-weakened',
      );
      expect(findings).toHaveLength(1);
    }
    const report = buildReport(analysis).specs[0]!;
    expect(report.changes.filter((c) => c.kind === 'security-weakened').map((c) => c.message)).toEqual(
      Array.from({ length: N }, (_, i) => `now also accepts s${i}`),
    );
    // Every scheme's document-level finding lists all 2N endpoints, sharing one list.
    const inQuery = spec.findings.filter((f) => f.ruleId === 'auth-apikey-in-query');
    expect(inQuery).toHaveLength(N);
    for (const f of inQuery) expect(f.endpoints).toEqual(spec.diff.endpoints.map((e) => e.id));
    expect(new Set(inQuery.map((f) => f.endpoints)).size).toBe(1);
  });
});

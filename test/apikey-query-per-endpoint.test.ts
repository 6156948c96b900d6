// An API key in the query string is a fact of each endpoint that accepts it (issue 16, misses): a PR that
// adds a query-key alternative to an endpoint is reported on that endpoint even when the scheme was defined,
// and used elsewhere, in the base, and even when an equally weak alternative was already there.
// `auth-security-weakened` stays precise: only an alternative weaker than every way in the endpoint had.
import { describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../src/config/index.js';
import { type Analysis, analyze } from '../src/engine.js';
import type { Finding } from '../src/findings.js';
import { loadBuiltinPolicies } from '../src/policy/load.js';
import { loadInline } from './helpers/inline.js';

const POLICIES = loadBuiltinPolicies('default')!;

const SCHEMES = `components:
  securitySchemes:
    basic: { type: http, scheme: basic }
    headerKey: { type: apiKey, in: header, name: X-Api-Key }
    queryKey: { type: apiKey, in: query, name: api_key }
    otherQueryKey: { type: apiKey, in: query, name: token }
`;

/** A read accepting the given alternatives (`basic`, `basic|queryKey`). */
function get(alternatives: string): string {
  const security = alternatives
    .split('|')
    .map((name) => `{ ${name}: [] }`)
    .join(', ');
  return `    get:\n      summary: read\n      security: [${security}]\n      responses:\n        '200': { description: ok }\n        '401': { description: no }\n`;
}

function doc(paths: Record<string, string>): string {
  const body = Object.entries(paths)
    .map(([path, alternatives]) => `  ${path}:\n${get(alternatives)}`)
    .join('');
  return `openapi: 3.0.3\ninfo: { title: Shop, version: '1' }\nservers: [{ url: 'https://api.shop.example' }]\n${SCHEMES}paths:\n${body}`;
}

function pr(base: Record<string, string>, head: Record<string, string>, config?: Config): Finding[] {
  const analysis: Analysis = analyze(
    'diff',
    [{ path: 'openapi.yaml', base: loadInline(doc(base)), head: loadInline(doc(head)) }],
    { policies: POLICIES, ...(config ? { config } : {}) },
  );
  return analysis.specs[0]!.findings;
}

/** `auth-apikey-in-query` findings of one scheme: status → the endpoints listed. */
function queryKey(findings: Finding[], scheme = 'queryKey'): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of findings) {
    if (f.ruleId !== 'auth-apikey-in-query' || !f.message.includes(`\`${scheme}\``)) continue;
    out[f.status!] = [...(out[f.status!] ?? []), ...(f.endpoints ?? [])];
  }
  return out;
}

function weakened(findings: Finding[]): string[] {
  return findings.filter((f) => f.ruleId === 'auth-security-weakened').map((f) => f.endpoint!);
}

describe('auth-apikey-in-query: new on each endpoint the PR adds it to', () => {
  it('beside Basic, the scheme already used by another endpoint: new on the changed and the added endpoint', () => {
    const findings = pr(
      { '/a': 'queryKey', '/b': 'basic', '/c': 'basic' },
      { '/a': 'queryKey', '/b': 'basic|queryKey', '/c': 'basic', '/n': 'basic|queryKey' },
    );
    expect(queryKey(findings)).toEqual({ existing: ['GET /a'], new: ['GET /b', 'GET /n'] });
    const added = findings.find((f) => f.ruleId === 'auth-apikey-in-query' && f.status === 'new')!;
    expect(added.message).toContain('new on 2 endpoints this change extends it to');
    // Weaker than Basic (URLs are logged): the modified endpoint's security is weakened too.
    expect(weakened(findings)).toEqual(['GET /b']);
  });

  it("an ignore by the base finding's fingerprint does not follow it to the endpoints the PR extends it to", () => {
    const base = { '/a': 'queryKey', '/b': 'basic' };
    const head = { '/a': 'queryKey', '/b': 'basic|queryKey' };
    const ofQueryKey = (f: Finding) =>
      f.ruleId === 'auth-apikey-in-query' && f.message.includes('`queryKey`');
    const reviewed = pr(base, base).find(ofQueryKey)!;
    const ignore = (by: string) =>
      loadConfig('.github/api-posture.yml', `ignore:\n  - ${by}\n    reason: Reviewed in SEC-1\n`);
    const byFingerprint = pr(base, head, ignore(`fingerprint: ${reviewed.fingerprint}`)).filter(ofQueryKey);
    expect(byFingerprint.map((f) => [f.status, f.endpoints, f.suppressed?.reason])).toEqual([
      ['existing', ['GET /a'], 'Reviewed in SEC-1'],
      ['new', ['GET /b'], undefined],
    ]);
    // An ignore of the whole rule covers whatever it matches, the extended part too.
    const byRule = pr(base, head, ignore('rule: auth-apikey-in-query')).filter(ofQueryKey);
    expect(byRule.map((f) => [f.status, f.suppressed?.reason])).toEqual([
      ['existing', 'Reviewed in SEC-1'],
      ['new', 'Reviewed in SEC-1'],
    ]);
  });

  it('a query key the PR removes from some endpoints: existing on the others, fixed on those', () => {
    const findings = pr({ '/a': 'queryKey', '/b': 'basic|queryKey' }, { '/a': 'queryKey', '/b': 'basic' });
    expect(queryKey(findings)).toEqual({ existing: ['GET /a'], fixed: ['GET /b'] });
    const fixed = findings.find((f) => f.ruleId === 'auth-apikey-in-query' && f.status === 'fixed')!;
    expect(fixed.message).toContain('(no longer on 1 endpoint after this change)');
  });

  it('beside a header key, the scheme defined in the base but used nowhere: new, and weakened', () => {
    const findings = pr(
      { '/a': 'headerKey', '/b': 'headerKey' },
      { '/a': 'headerKey', '/b': 'headerKey|queryKey' },
    );
    expect(queryKey(findings)).toEqual({ new: ['GET /b'] });
    expect(weakened(findings)).toEqual(['GET /b']);
  });

  it('beside an equally weak query key: new on the endpoint, but no weakening', () => {
    const findings = pr(
      { '/a': 'queryKey', '/b': 'otherQueryKey' },
      { '/a': 'queryKey', '/b': 'otherQueryKey|queryKey' },
    );
    expect(queryKey(findings)).toEqual({ existing: ['GET /a'], new: ['GET /b'] });
    expect(queryKey(findings, 'otherQueryKey')).toEqual({ existing: ['GET /b'] });
    expect(weakened(findings)).toEqual([]);
  });

  it("an added endpoint following the base's convention is existing; a modified one that did not take the key is new", () => {
    const all = Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`/r${i}`, 'queryKey']));
    expect(queryKey(pr(all, { ...all, '/n': 'queryKey' }))).toEqual({
      existing: ['GET /r0', 'GET /r1', 'GET /r2', 'GET /r3', 'GET /r4', 'GET /n'],
    });
    const base = { ...all, '/b': 'basic' };
    const findings = pr(base, { ...base, '/b': 'basic|queryKey' });
    expect(queryKey(findings).new).toEqual(['GET /b']);
  });

  it('nothing new when the same endpoints accept it, a path renamed across a trailing slash included', () => {
    const findings = pr(
      { '/a': 'queryKey', '/b/': 'basic|queryKey' },
      { '/a': 'queryKey', '/b': 'basic|queryKey', '/c': 'basic|queryKey' },
    );
    expect(queryKey(findings)).toEqual({ existing: ['GET /a', 'GET /b'], new: ['GET /c'] });
  });
});

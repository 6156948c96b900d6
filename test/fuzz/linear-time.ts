// Linear in the input (issue 15, SPEC §11): run by `npm run fuzz` (scripts/fuzz.mjs), never by `npm test`:
// it times things, and timed unit tests are flaky on a shared machine.
//
// 1. Every string position of a realistic document gets a 40,000-character string of one character class
//    (capitals, `{`, `{a`, unicode letters…). The whole CLI run (`diff base head`, load → report, in each of
//    the four formats) must stay within LIMIT_RATIO × the same run on the document with short strings
//    (plus a small allowance for the bigger file itself). A regular expression that backtracks
//    quadratically takes seconds here; a linear pass takes milliseconds.
// 2. N plain-HTTP, non-production servers × 2N endpoints at two sizes: the time ratio must stay near the
//    size ratio (2), far from its square (4). The same in diff mode with the servers as the change (base one
//    https server, head N plain-HTTP ones: N "server added" on each endpoint before they were listed once),
//    and with N query-key schemes as alternatives of the global security (base one header key).
//
// Times are CPU time of this process (user + system), the least of two tries: other processes on a
// busy machine do not count. Usage: node --import tsx test/fuzz/linear-time.ts [position-filter]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run.js';

const LENGTH = 40_000;
/** The baseline's string: the same class, this long. */
const SHORT = 12;
/** The hostile run may take this many times the baseline… */
const LIMIT_RATIO = 5;
/** …plus this much CPU time per format, for reading and echoing a 40 KB string once (no quadratic work). */
const ALLOWANCE_MS = 60;
/** N × 2N at 2N must take less than this times N (linear: 2; quadratic: 4). */
const SIZE_RATIO_LIMIT = 3;
const FORMATS = ['json', 'markdown', 'sarif', 'text'] as const;
const limitFor = (baseline: number) => LIMIT_RATIO * baseline + ALLOWANCE_MS * FORMATS.length;

/** One character class per entry: repeated to LENGTH characters. */
const CLASSES: Record<string, string> = {
  capitals: 'A',
  lowercase: 'a',
  digits: '0',
  'open-brace': '{',
  'close-brace': '}',
  slash: '/',
  dot: '.',
  dash: '-',
  underscore: '_',
  space: ' ',
  unicode: 'é',
  'open-brace-letter': '{a',
  'open-bracket': '[',
  'camel-pairs': 'aA',
  'capitals-lower': 'AAb',
  'jwt-prefix': 'eyJ',
  'digit-dash': '1-',
  backslash: '\\',
  'colon-slashes': '://',
  'at-sign': '@',
};

/** A document built and edited by hand: typing every path through it would say nothing more. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type Doc = any;

/** Each position: where its string goes in the document. Short strings are the baseline. */
const POSITIONS: Record<string, (s: string, doc: Doc) => void> = {
  'info-title': (s, d) => (d.info.title = s),
  'info-description': (s, d) => (d.info.description = s),
  'info-version': (s, d) => (d.info.version = s),
  'path-segment': (s, d) => rename(d.paths, '/items/{itemId}', `/items/${s}/{itemId}`),
  'path-template': (s, d) => rename(d.paths, '/items/{itemId}', `/items/{${s}`),
  'server-host': (s, d) => (d.servers[0].url = `https://${s}.example.com/v1`),
  'server-url-plain-http': (s, d) => (d.servers[1].url = `http://staging.example.com/${s}`),
  'server-variable': (s, d) => {
    d.servers[0].url = `https://{${s}}.example.com`;
    d.servers[0].variables = { [s]: { default: 'api' } };
  },
  'server-description': (s, d) => (d.servers[0].description = s),
  'parameter-name': (s, d) => (op(d).parameters[0].name = s),
  'header-parameter-name': (s, d) => (op(d).parameters[1].name = s),
  'parameter-example': (s, d) => (op(d).parameters[0].example = s),
  'operation-id': (s, d) => (op(d).operationId = s),
  summary: (s, d) => (op(d).summary = s),
  description: (s, d) => (op(d).description = s),
  tag: (s, d) => (op(d).tags = [s]),
  'property-name': (s, d) => rename(schema(d).properties, 'name', s),
  'property-description': (s, d) => (schema(d).properties.name.description = s),
  'enum-value': (s, d) => (schema(d).properties.status.enum = ['active', s]),
  example: (s, d) => (schema(d).properties.name.example = s),
  default: (s, d) => (schema(d).properties.name.default = s),
  pattern: (s, d) => (schema(d).properties.name.pattern = `^${s}$`),
  format: (s, d) => (schema(d).properties.name.format = s),
  'schema-name': (s, d) => {
    rename(d.components.schemas, 'Item', s);
    d.paths['/items/{itemId}'].get.responses['200'].content['application/json'].schema.$ref =
      `#/components/schemas/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  },
  'unresolved-ref': (s, d) =>
    (d.paths['/items/{itemId}'].get.responses['200'].content['application/json'].schema.$ref =
      `#/components/schemas/${s}`),
  'media-type': (s, d) =>
    rename(d.paths['/items'].post.requestBody.content, 'application/json', `application/${s}`),
  'response-header-name': (s, d) =>
    (d.paths['/items/{itemId}'].get.responses['200'].headers = { [s]: { schema: { type: 'string' } } }),
  'cors-origin': (s, d) =>
    (d.paths['/items/{itemId}'].get.responses['200'].headers = {
      'Access-Control-Allow-Origin': { schema: { type: 'string', enum: [s] } },
    }),
  'scheme-name': (s, d) => {
    rename(d.components.securitySchemes, 'apiKey', s);
    d.security = [{ [s]: [] }];
  },
  'apikey-parameter': (s, d) => (d.components.securitySchemes.apiKey.name = s),
  'oauth-url': (s, d) =>
    (d.components.securitySchemes.oauth.flows.authorizationCode.authorizationUrl = `http://${s}`),
  'oauth-scope': (s, d) => (d.components.securitySchemes.oauth.flows.authorizationCode.scopes = { [s]: 'x' }),
  'extension-value': (s, d) => (d.info['x-owner'] = s),
  'extension-key': (s, d) => (op(d)[`x-${s}`] = true),
  'ignore-reason': (s, d) => (op(d)['x-api-posture-ignore'] = [{ rule: 'rate-limit-missing', reason: s }]),
  'status-code': (s, d) => (op(d).responses[s] = { description: 'x' }),
};

const op = (d: Doc) => d.paths['/items'].post;
const schema = (d: Doc) => d.components.schemas.Item;
function rename(object: Doc, from: string, to: string): void {
  const value = object[from];
  delete object[from];
  object[to] = value;
}

/** A small realistic description: servers, auth, a body, a response, headers, examples. */
function baseDocument(): Doc {
  return {
    openapi: '3.0.3',
    info: { title: 'Items', version: '1.0.0', description: 'Items API', 'x-owner': 'team-items' },
    servers: [{ url: 'https://api.example.com/v1' }, { url: 'http://staging.example.com/v1' }],
    security: [{ apiKey: [] }],
    tags: [{ name: 'items' }],
    paths: {
      '/items': {
        post: {
          operationId: 'createItem',
          summary: 'Create an item',
          description: 'Creates one item',
          tags: ['items'],
          parameters: [
            { name: 'dryRun', in: 'query', schema: { type: 'boolean' }, example: 'true' },
            { name: 'X-Request-Id', in: 'header', schema: { type: 'string' } },
          ],
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
          },
          responses: { '201': { description: 'created' } },
        },
      },
      '/items/{itemId}': {
        get: {
          operationId: 'getItem',
          security: [{ oauth: ['read'] }],
          parameters: [{ name: 'itemId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'the item',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Item: {
          type: 'object',
          properties: {
            name: { type: 'string', example: 'lamp' },
            status: { type: 'string', enum: ['active', 'retired'] },
            email: { type: 'string', format: 'email' },
          },
        },
      },
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        oauth: {
          type: 'oauth2',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://auth.example.com/authorize',
              tokenUrl: 'https://auth.example.com/token',
              scopes: { read: 'read items' },
            },
          },
        },
      },
    },
  };
}

function documentWith(position: string, text: string): Doc {
  const doc = baseDocument();
  POSITIONS[position]!(text, doc);
  return doc;
}

/** N plain-HTTP servers (non-production hosts) at the root, 2N endpoints inheriting them. */
function serversTimesEndpoints(n: number): Doc {
  const doc = baseDocument();
  doc.servers = Array.from({ length: n }, (_, i) => ({ url: `http://dev${i}.example.com/v1` }));
  for (let i = 0; i < 2 * n; i++)
    doc.paths[`/things${i}`] = { get: { summary: 'a thing', responses: { '200': { description: 'ok' } } } };
  return doc;
}

/** 2N endpoints inheriting the root's servers and security. */
function inheriting(n: number, servers: object[], security: object[], schemes: object): Doc {
  const paths: Record<string, object> = {};
  for (let i = 0; i < 2 * n; i++)
    paths[`/things${i}`] = { get: { summary: 'a thing', responses: { '200': { description: 'ok' } } } };
  return {
    openapi: '3.0.3',
    info: { title: 'Things', version: '1' },
    servers,
    security,
    paths,
    components: { securitySchemes: schemes },
  };
}
const ONE_KEY = { k: { type: 'apiKey', in: 'header', name: 'X-Key' } };
const ONE_HTTPS = [{ url: 'https://api.example.com/v1' }];

/** Diff mode: the base has one https server, the head N plain-HTTP ones, over 2N endpoints. */
function serversAdded(n: number): [Doc, Doc] {
  const http = Array.from({ length: n }, (_, i) => ({ url: `http://dev${i}.example.com/v1` }));
  return [inheriting(n, ONE_HTTPS, [{ k: [] }], ONE_KEY), inheriting(n, http, [{ k: [] }], ONE_KEY)];
}

/** Diff mode: the head's global security accepts any of N query-key schemes, over 2N endpoints. */
function schemesAdded(n: number): [Doc, Doc] {
  const names = Array.from({ length: n }, (_, i) => `s${i}`);
  const schemes = Object.fromEntries(names.map((name) => [name, { type: 'apiKey', in: 'query', name }]));
  const security = names.map((name) => ({ [name]: [] }));
  return [inheriting(n, ONE_HTTPS, [{ k: [] }], ONE_KEY), inheriting(n, ONE_HTTPS, security, schemes)];
}

const sink = { write() {} };

/** CPU milliseconds of `diff base head` in every format, the least of `tries`. */
async function cpuMs(dir: string, head: Doc | [Doc, Doc], tries = 2): Promise<number> {
  const [base, changed] = Array.isArray(head) ? head : [baseDocument(), head];
  writeFileSync(join(dir, 'base.json'), JSON.stringify(base));
  writeFileSync(join(dir, 'head.json'), JSON.stringify(changed));
  let best = Number.POSITIVE_INFINITY;
  for (let t = 0; t < tries; t++) {
    const start = process.cpuUsage();
    for (const format of FORMATS) {
      const argv = ['diff', 'base.json', 'head.json', '--format', format, '--output', `out.${format}`];
      const code = await run(argv, sink, sink, dir);
      if (code === 2) throw new Error(`exit 2 (internal or usage error) for --format ${format}`);
    }
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

async function main(): Promise<number> {
  const filter = process.argv[2];
  const dir = mkdtempSync(join(tmpdir(), 'api-posture-linear-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'base.json'), JSON.stringify(baseDocument()));
  const failures: string[] = [];
  try {
    // Warm up (module loading, JIT) on the short document.
    await cpuMs(dir, baseDocument(), 3);
    let worst = { ratio: 0, name: '' };
    for (const position of Object.keys(POSITIONS)) {
      if (filter && !position.includes(filter)) continue;
      for (const [name, unit] of Object.entries(CLASSES)) {
        const text = (length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
        let ms: number;
        let baseline: number;
        try {
          // The baseline: the same document with a short string of the same class in the same place.
          baseline = await cpuMs(dir, documentWith(position, text(SHORT)), 3);
          ms = await cpuMs(dir, documentWith(position, text(LENGTH)), 1);
          if (ms > limitFor(baseline)) ms = await cpuMs(dir, documentWith(position, text(LENGTH)), 2);
        } catch (error) {
          failures.push(`${position} × ${name}: ${(error as Error).message}`);
          continue;
        }
        const ratio = ms / baseline;
        if (ratio > worst.ratio)
          worst = {
            ratio,
            name: `${position} × ${name} (${ms.toFixed(0)} ms, baseline ${baseline.toFixed(0)} ms)`,
          };
        if (ms > limitFor(baseline))
          failures.push(
            `${position} × ${name}: ${ms.toFixed(0)} ms, baseline ${baseline.toFixed(0)} ms (limit ${limitFor(baseline).toFixed(0)})`,
          );
      }
      process.stdout.write(`  ${position}: done\n`);
    }
    console.log(`largest ratio: ${worst.ratio.toFixed(1)}× in ${worst.name}`);

    const sizes: [string, string, (n: number) => Doc | [Doc, Doc]][] = [
      ['servers-endpoints', 'N servers × 2N endpoints', serversTimesEndpoints],
      ['servers-added', 'diff: N servers added × 2N endpoints', serversAdded],
      ['schemes-added', 'diff: N schemes in the global security × 2N endpoints', schemesAdded],
    ];
    for (const [key, label, build] of sizes) {
      if (filter && !key.includes(filter)) continue;
      const [small, large] = [150, 300];
      await cpuMs(dir, build(small / 3), 1); // warm the paths a big document takes
      const t1 = await cpuMs(dir, build(small));
      const t2 = await cpuMs(dir, build(large));
      const ratio = t2 / t1;
      console.log(
        `${label}: N=${small} ${t1.toFixed(0)} ms, N=${large} ${t2.toFixed(0)} ms: ratio ${ratio.toFixed(2)} (limit ${SIZE_RATIO_LIMIT})`,
      );
      if (ratio > SIZE_RATIO_LIMIT)
        failures.push(`${label}: doubling N multiplied the time by ${ratio.toFixed(2)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const f of failures) console.error(`NOT LINEAR: ${f}`);
  console.log(failures.length === 0 ? 'linear-time: passed' : `linear-time: ${failures.length} failed`);
  return failures.length === 0 ? 0 : 1;
}

process.exit(await main());

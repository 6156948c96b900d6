// Observed traffic (issue 19): shadow, zombie and unused endpoints from HAR files, access logs and JSON
// lines, against a real public description (the Petstore of @readme/oas-examples), through the CLI.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { readTraffic, templatePath } from '../src/load/traffic.js';
import type { Report } from '../src/report/json.js';

const PETSTORE = new URL('./corpus/node_modules/@readme/oas-examples/3.0/yaml/petstore.yaml', import.meta.url)
  .pathname;

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const out = {
    write: (t: string) => {
      stdout += t;
    },
  };
  const err = {
    write: (t: string) => {
      stderr += t;
    },
  };
  const code = await run(args, out, err, cwd);
  return { code, stdout, stderr };
}

/** A temp folder with the Petstore as `petstore.yaml` and the given files. */
function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'traffic-'));
  copyFileSync(PETSTORE, join(dir, 'petstore.yaml'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function clf(method: string, target: string, status = 200, time = '10/Oct/2026:13:55:36 +0000'): string {
  return `203.0.113.9 - - [${time}] "${method} ${target} HTTP/1.1" ${status} 512 "https://app.example/?ref=1" "Mozilla/5.0"`;
}

function har(
  entries: { method: string; url: string; status?: number; extra?: Record<string, unknown> }[],
): string {
  return JSON.stringify(
    {
      log: {
        version: '1.2',
        creator: { name: 'test', version: '1' },
        entries: entries.map((e) => ({
          startedDateTime: '2026-11-01T10:00:00.000Z',
          time: 12,
          request: {
            method: e.method,
            url: e.url,
            httpVersion: 'HTTP/1.1',
            headers: [],
            cookies: [],
            queryString: [],
            headersSize: -1,
            bodySize: 0,
            ...e.extra,
          },
          response: {
            status: e.status ?? 200,
            statusText: 'OK',
            httpVersion: 'HTTP/1.1',
            headers: [],
            cookies: [],
            content: { size: 0, mimeType: 'application/json' },
            redirectURL: '',
            headersSize: -1,
            bodySize: 0,
          },
          cache: {},
          timings: { send: 0, wait: 10, receive: 2 },
        })),
      },
    },
    null,
    2,
  );
}

describe('reading traffic', () => {
  it('templates ids, UUIDs, hashes, e-mail addresses and long tokens, not route names', () => {
    expect(templatePath('/v2/users/42/orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe(
      '/v2/users/{id}/orders/{id}',
    );
    expect(templatePath('/customers/cus_Nf8a7b6c5d/sources')).toBe('/customers/{id}/sources');
    expect(templatePath('/users/jane%40example.com')).toBe('/users/{id}');
    expect(templatePath('/reset/abcdefghijklmnopqrstuvwxyz')).toBe('/reset/{id}');
    expect(templatePath('/commits/9fceb02d0ae598e95dc970b74767f19372d61af8')).toBe('/commits/{id}');
    expect(templatePath('/oauth2/v1/s3/ipv4/users/me')).toBe('/oauth2/v1/s3/ipv4/users/me');
  });

  it('reads the three formats by content, with counts, statuses, times and the line each route was first seen', async () => {
    const dir = workspace({
      'access.log': [
        clf('GET', '/v2/pet/42?api_key=x'),
        'not a request',
        clf('GET', '/v2/pet/43', 404, '11/Oct/2026:09:00:00 +0200'),
        '[2026-10-12T08:00:00.000Z] "DELETE /v2/pet/44 HTTP/2" 204 - 0 0 5 4 "10.0.0.1" "curl/8" "req-1" "petstore.swagger.io" "10.0.2.1:80"',
      ].join('\n'),
      'gateway.jsonl': [
        JSON.stringify({
          requestId: 'a',
          httpMethod: 'POST',
          path: '/v2/pet',
          status: '201',
          requestTime: '2026-10-13T00:00:00Z',
        }),
        JSON.stringify({
          request: 'PUT https://petstore.swagger.io:443/v2/pet HTTP/1.1',
          elb_status_code: 200,
        }),
        JSON.stringify({ hello: 'world' }),
      ].join('\n'),
      'browser.har': har([{ method: 'GET', url: 'https://petstore.swagger.io/v2/store/inventory?x=1' }]),
    });
    const traffic = await readTraffic(['access.log', 'gateway.jsonl', 'browser.har'], dir);
    expect(traffic.requests).toBe(6);
    expect(traffic.skipped).toBe(2);
    expect(traffic.warnings).toEqual([
      'access.log:2: not an access log line (no quoted request line and status)',
      'gateway.jsonl:3: a JSON object without a method and a path or URL',
    ]);
    const get = traffic.routes.find((r) => r.method === 'get' && r.path === '/v2/pet/{id}')!;
    expect(get).toMatchObject({ count: 2, file: 'access.log', line: 1 });
    expect(Object.fromEntries(get.statuses)).toEqual({ 200: 1, 404: 1 });
    expect([get.firstSeen, get.lastSeen]).toEqual(['2026-10-10T13:55:36.000Z', '2026-10-11T07:00:00.000Z']);
    expect(traffic.routes.find((r) => r.method === 'delete')).toMatchObject({
      host: 'petstore.swagger.io',
      line: 4,
    });
    expect(traffic.routes.find((r) => r.method === 'put')).toMatchObject({
      host: 'petstore.swagger.io',
      path: '/v2/pet',
    });
    expect(traffic.routes.find((r) => r.file === 'browser.har')).toMatchObject({
      method: 'get',
      path: '/v2/store/inventory',
      line: 9, // the entry's opening brace
    });
  });

  it('names the file and line of what it cannot read, and exits 2', async () => {
    const dir = workspace({
      'empty.log': '',
      'notes.txt': 'hello\nworld\n',
      'broken.har': '{\n  "log": {\n    "entries": [ { ,\n',
    });
    for (const [file, message] of [
      ['empty.log', '--traffic empty.log: empty; expected HAR 1.2, JSON lines or an access log'],
      ['notes.txt', '--traffic notes.txt:1: not HAR 1.2, JSON lines'],
      ['broken.har', '--traffic broken.har:3: not valid JSON'],
      ['missing.log', '--traffic missing.log: cannot be read (ENOENT)'],
    ] as const) {
      const { code, stderr } = await cli(['scan', 'petstore.yaml', '--traffic', file], dir);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});

describe('shadow, zombie and unused endpoints (scan)', () => {
  const log = [
    clf('GET', '/v2/pet/42'),
    clf('GET', '/v2/pet/findByTags?tags=a'), // deprecated in the Petstore
    clf('POST', '/v2/pet/7/export'),
    clf('POST', '/v2/pet/8/export', 500),
    clf('GET', '/v2/admin/metrics'),
    clf('OPTIONS', '/v2/anything'), // a CORS preflight: never a shadow endpoint
    clf('HEAD', '/v2/store/inventory'), // served by the GET
  ].join('\n');

  it('lists them in the JSON report, with the metric, scores and findings located in the traffic', async () => {
    const dir = workspace({ 'access.log': log });
    const { code, stdout } = await cli(
      ['scan', 'petstore.yaml', '--traffic', 'access.log', '--format', 'json'],
      dir,
    );
    expect(code).toBe(0);
    const spec = (JSON.parse(stdout) as Report).specs[0]!;
    expect(spec.traffic).toMatchObject({ requests: 7, matched: 3 }); // the preflight is a request, not a shadow
    expect(spec.traffic!.shadow.map((s) => [s.method, s.path, s.count, s.statuses, s.location.line])).toEqual(
      [
        ['POST', '/v2/pet/{id}/export', 2, { 200: 1, 500: 1 }, 3],
        ['GET', '/v2/admin/metrics', 1, { 200: 1 }, 5],
      ],
    );
    // The seed's ×2.0 for shadow endpoints, a write above a read.
    const [write, read] = spec.traffic!.shadow.map((s) => s.score!);
    expect(write).toBeGreaterThan(read!);
    expect(read).toBeGreaterThanOrEqual(25);
    expect(spec.traffic!.zombie).toEqual([
      {
        method: 'GET',
        path: '/pet/findByTags',
        count: 1,
        reason: 'deprecated',
        endpoint: 'GET /pet/findByTags',
      },
    ]);
    expect(spec.traffic!.unused).toContain('DELETE /user/{}');
    expect(spec.traffic!.unused).not.toContain('GET /pet/{}');
    expect(spec.traffic!.unused).not.toContain('GET /store/inventory');
    expect(spec.metrics.head!.shadowEndpoints).toBe(2);
    const shadows = spec.findings.filter((f) => f.ruleId === 'inventory-shadow-endpoint');
    expect(shadows.map((f) => [f.severity, f.location.file, f.location.line])).toEqual([
      ['high', 'access.log', 3],
      ['medium', 'access.log', 5],
    ]);
  });

  it('shows them in the summary, and SARIF locates them in the traffic file', async () => {
    const dir = workspace({ 'access.log': log });
    const md = await cli(['scan', 'petstore.yaml', '--traffic', 'access.log', '--format', 'markdown'], dir);
    expect(md.stdout).toContain('🚦 Traffic: 7 requests, 3 matched · 2 shadow endpoints · 1 zombie');
    expect(md.stdout).toContain('| `POST /v2/pet/{id}/export` | 2 |');
    const sarif = await cli(['scan', 'petstore.yaml', '--traffic', 'access.log', '--format', 'sarif'], dir);
    const results = JSON.parse(sarif.stdout).runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
    const shadow = results.filter((r) => r.ruleId === 'inventory-shadow-endpoint');
    expect(
      shadow.map((r) => [
        r.locations[0]!.physicalLocation.artifactLocation.uri,
        r.locations[0]!.physicalLocation.region.startLine,
      ]),
    ).toEqual([
      ['access.log', 3],
      ['access.log', 5],
    ]);
  });

  it('a request to another document’s server is not this document’s shadow', async () => {
    const dir = workspace({
      'mixed.jsonl': [
        JSON.stringify({ method: 'GET', url: 'https://petstore.swagger.io/v2/secret-admin' }),
        JSON.stringify({ method: 'GET', url: 'https://billing.example.com/v2/invoices' }),
      ].join('\n'),
    });
    const { stdout } = await cli(
      ['scan', 'petstore.yaml', '--traffic', 'mixed.jsonl', '--format', 'json'],
      dir,
    );
    const traffic = (JSON.parse(stdout) as Report).specs[0]!.traffic!;
    expect(traffic.requests).toBe(1);
    expect(traffic.shadow.map((s) => s.path)).toEqual(['/v2/secret-admin']);
    // Reported apart, not dropped: requests to hosts no document of the run describes.
    expect(traffic.otherHosts).toEqual([{ host: 'billing.example.com', requests: 1 }]);
  });
});

describe('traffic in a diff: judged against what the change did', () => {
  function petstoreWithout(path: string): string {
    const text = readFileSync(PETSTORE, 'utf8');
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l === `  '${path}':` || l === `  ${path}:`);
    let end = start + 1;
    while (end < lines.length && !/^ {2}\S/.test(lines[end]!)) end++;
    return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
  }

  it('removing an operation live clients call is a new zombie; a shadow the base had too is existing', async () => {
    const dir = workspace({
      'head.yaml': petstoreWithout('/store/inventory'),
      'access.log': [clf('GET', '/v2/store/inventory'), clf('GET', '/v2/internal/debug')].join('\n'),
    });
    const { stdout } = await cli(
      ['diff', 'petstore.yaml', 'head.yaml', '--traffic', 'access.log', '--format', 'json'],
      dir,
    );
    const report = JSON.parse(stdout) as Report;
    const spec = report.specs[0]!;
    expect(spec.traffic!.zombie).toMatchObject([
      { method: 'GET', path: '/store/inventory', reason: 'removed' },
    ]);
    const byRule = (id: string) =>
      spec.findings.filter((f) => f.ruleId === id).map((f) => [f.status, f.severity]);
    expect(byRule('inventory-zombie-endpoint')).toEqual([['new', 'medium']]);
    expect(byRule('inventory-shadow-endpoint')).toEqual([['existing', 'medium']]);
  });

  it('documenting a shadow endpoint fixes its finding', async () => {
    const dir = workspace({
      'base.yaml': petstoreWithout('/store/inventory'),
      'access.log': clf('GET', '/v2/store/inventory'),
    });
    const { stdout } = await cli(
      ['diff', 'base.yaml', 'petstore.yaml', '--traffic', 'access.log', '--format', 'json'],
      dir,
    );
    const spec = (JSON.parse(stdout) as Report).specs[0]!;
    expect(spec.traffic!.shadow).toEqual([]);
    expect(
      spec.findings.filter((f) => f.ruleId === 'inventory-shadow-endpoint').map((f) => f.status),
    ).toEqual(['fixed']);
  });
});

describe('nothing sensitive leaves the traffic', () => {
  const SECRETS = [
    'hdr-Bearer-5ecret',
    'cookie-5ession-value',
    'query-api-key-5ecret',
    'body-password-5ecret',
    'response-token-5ecret',
    'referer-5ecret',
    'agent-5ecret',
    'userinfo-5ecret',
  ];

  it('headers, cookies, query values, bodies and userinfo never reach any output; tokens in paths are templated', async () => {
    const pathToken = 'Zq8Xv2Lm9Np4Rt6Yw1Bc3Df5Gh7Jk0';
    const dir = workspace({
      'browser.har': har([
        {
          method: 'POST',
          url: `https://user:userinfo-5ecret@petstore.swagger.io/v2/reset/${pathToken}?key=query-api-key-5ecret`,
          extra: {
            headers: [{ name: 'Authorization', value: 'hdr-Bearer-5ecret' }],
            cookies: [{ name: 'sid', value: 'cookie-5ession-value' }],
            queryString: [{ name: 'key', value: 'query-api-key-5ecret' }],
            postData: { mimeType: 'application/json', text: '{"password":"body-password-5ecret"}' },
          },
        },
      ]).replace('"content": {', '"content": { "text": "response-token-5ecret",'),
      'access.log': `203.0.113.9 - - [10/Oct/2026:13:55:36 +0000] "GET /v2/sessions/${pathToken}?token=query-api-key-5ecret HTTP/1.1" 200 5 "https://x/?referer-5ecret" "agent-5ecret"`,
    });
    const outputs: string[] = [];
    for (const format of ['json', 'markdown', 'sarif', 'text']) {
      const { stdout, stderr } = await cli(
        ['scan', 'petstore.yaml', '--traffic', 'browser.har', '--traffic', 'access.log', '--format', format],
        dir,
      );
      outputs.push(stdout, stderr);
    }
    const all = outputs.join('\n');
    expect(all).toContain('/v2/reset/{id}'); // the shadow endpoints are reported…
    expect(all).toContain('/v2/sessions/{id}');
    for (const secret of [...SECRETS, pathToken]) expect(all).not.toContain(secret); // …and nothing else
  });
});

describe('templates in the PR’s server URLs and paths', () => {
  const spec = (server: string, path: string) =>
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      servers: [{ url: server }],
      paths: { [path]: { get: { summary: 's', responses: { 200: { description: 'ok' } } } } },
    });

  it('match a template of one or more characters: `{region}.api.io`, `{name}.json`', async () => {
    const dir = workspace({
      'api.json': spec('https://{region}.api.io/v1', '/files/{name}.json'),
      'a.jsonl': [
        JSON.stringify({ method: 'GET', url: 'https://eu.api.io/v1/files/report.json' }),
        JSON.stringify({ method: 'GET', url: 'https://eu.api.io/v1/files/.json' }),
        JSON.stringify({ method: 'GET', url: 'https://api.io/v1/files/report.json' }),
      ].join('\n'),
    });
    const { stdout } = await cli(['scan', 'api.json', '--traffic', 'a.jsonl', '--format', 'json'], dir);
    const traffic = (JSON.parse(stdout) as Report).specs[0]!.traffic!;
    expect(traffic).toMatchObject({ requests: 2, matched: 1 });
    expect(traffic.shadow.map((s) => s.path)).toEqual(['/v1/files/.json']);
    expect(traffic.otherHosts).toEqual([{ host: 'api.io', requests: 1 }]);
  });

  it('a run of 20,000 unclosed or closed `{` neither crashes the matcher nor reaches a regular expression', async () => {
    const run = '{a'.repeat(20_000);
    const dir = workspace({
      'api.json': spec(`https://x${run}/v1`, `/${run}`),
      'a.log': clf('GET', '/v1/x'),
    });
    const { code, stderr } = await cli(['scan', 'api.json', '--traffic', 'a.log', '--format', 'json'], dir);
    expect([code, stderr]).toEqual([0, '']);
  });
});

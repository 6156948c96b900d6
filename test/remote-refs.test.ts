// Opt-in remote `$ref`s, through the CLI (flag and config) against a loopback server that records every
// request: only URLs under an allowed prefix are fetched, nothing is followed elsewhere, and every way a
// fetch can fail is a `config-remote-ref` finding at the `$ref`.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, readInputs } from '../src/action/inputs.js';
import { run } from '../src/cli/run.js';
import { RemoteDocuments } from '../src/load/remote.js';
import type { Report } from '../src/report/json.js';
import { outdent } from './helpers/inline.js';

let server: Server;
let origin = '';
const requests: { method: string; url: string }[] = [];
const hanging: (() => void)[] = [];

const SHARED = outdent(`
  User:
    type: object
    properties:
      password:
        type: string
  Page:
    $ref: 'pages.yaml#/Page'
`);
const PAGES = 'Page:\n  type: object\n  properties:\n    next:\n      type: string\n';

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '' });
    const url = req.url ?? '';
    if (url === '/shared/schemas.yaml') res.end(SHARED);
    else if (url === '/shared/pages.yaml') res.end(PAGES);
    else if (url === '/shared/moved.yaml') {
      res.writeHead(302, { location: `${origin}/private/secret.yaml` });
      res.end();
    } else if (url === '/shared/huge.yaml') {
      res.writeHead(200, { 'content-length': String(5 * 1024 * 1024) });
      res.end();
    } else if (url === '/shared/slow.yaml') hanging.push(() => res.end('User: {}\n'));
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const finish of hanging) finish();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A workspace with `openapi.yaml` whose GET /users 200 response schema is `ref`. */
function workspace(ref: string, config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'api-posture-remote-'));
  writeFileSync(
    join(dir, 'openapi.yaml'),
    outdent(`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      servers: [{ url: 'https://api.example.com' }]
      security: [{ key: [] }]
      paths:
        /users:
          get:
            responses:
              '200':
                description: ok
                content:
                  application/json:
                    schema:
                      $ref: '${ref}'
      components:
        securitySchemes:
          key: { type: apiKey, in: header, name: X-Key }
    `),
  );
  if (config) {
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'api-posture.yml'), config);
  }
  return dir;
}

async function scan(
  dir: string,
  ...flags: string[]
): Promise<{ code: number; report: Report; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(
    ['scan', 'openapi.yaml', '--format', 'json', '--fail-on', 'none', ...flags],
    {
      write: (t) => {
        stdout += t;
      },
    },
    {
      write: (t) => {
        stderr += t;
      },
    },
    dir,
  );
  return { code, report: code === 2 ? ({} as Report) : (JSON.parse(stdout) as Report), stderr };
}

const remoteFindings = (report: Report) =>
  report.specs[0]!.findings.filter((f) => f.ruleId === 'config-remote-ref').map((f) => f.message);
/** The rules found on the endpoints: their own findings and the document-level ones naming them. */
const ruleIds = (report: Report) => [
  ...report.specs[0]!.endpoints.flatMap((e) => e.findings.map((f) => f.ruleId)),
  ...report.specs[0]!.findings.filter((f) => (f.endpoints ?? []).length > 0).map((f) => f.ruleId),
];

describe('remote `$ref`s, opted in', () => {
  it('without an allowed prefix: no request at all, and a finding', async () => {
    const before = requests.length;
    const { report } = await scan(workspace(`${origin}/shared/schemas.yaml#/User`));
    expect(requests.length).toBe(before);
    expect(remoteFindings(report)).toEqual([expect.stringContaining('remoteRefs.allow')]);
  });

  it('under a prefix allowed by the flag: fetched once each (and what it refers to), and analysed', async () => {
    const before = requests.length;
    const dir = workspace(`${origin}/shared/schemas.yaml#/User`);
    const { report } = await scan(dir, '--allow-remote-ref', `${origin}/shared/`);
    expect(requests.slice(before)).toEqual([
      { method: 'GET', url: '/shared/schemas.yaml' },
      { method: 'GET', url: '/shared/pages.yaml' },
    ]);
    expect(remoteFindings(report)).toEqual([]);
    // The fetched schema is the response's: its `password` property is a finding on the endpoint.
    expect(ruleIds(report)).toContain('sensitive-response-field');
  });

  it('under a prefix allowed by the config file', async () => {
    const before = requests.length;
    const dir = workspace(
      `${origin}/shared/schemas.yaml#/User`,
      `remoteRefs:\n  allow: ['${origin}/shared/']\n`,
    );
    const { report } = await scan(dir);
    expect(requests.slice(before).map((r) => r.url)).toContain('/shared/schemas.yaml');
    expect(ruleIds(report)).toContain('sensitive-response-field');
  });

  it.each([
    ['another path on the allowed origin', '/private/secret.yaml'],
    ['a path that only starts like the prefix', '/shared-evil/x.yaml'],
    ['the prefix as credentials of another host', '@localhost/shared/schemas.yaml'],
  ])('does not fetch %s', async (_name, rest) => {
    const before = requests.length;
    const { report } = await scan(
      workspace(`${origin}${rest}#/User`),
      '--allow-remote-ref',
      `${origin}/shared/`,
    );
    expect(requests.length).toBe(before);
    expect(remoteFindings(report)).toHaveLength(1);
  });

  it.each([
    ['/shared/missing.yaml', 'HTTP 404'],
    ['/shared/moved.yaml', 'redirects are not followed'],
    ['/shared/huge.yaml', 'limits.maxFileBytes'],
  ])('reports %s as a finding (%s) and goes no further', async (path, why) => {
    const before = requests.length;
    const dir = workspace(`${origin}${path}#/User`, 'limits:\n  maxFileBytes: 1048576\n');
    const { code, report } = await scan(dir, '--allow-remote-ref', `${origin}/shared/`);
    expect(code).toBe(0);
    expect(requests.slice(before).map((r) => r.url)).toEqual([path]); // the redirect target is not asked for
    expect(remoteFindings(report)).toEqual([expect.stringContaining(why)]);
  });

  it('gives up on a server that does not answer within the timeout', async () => {
    const remote = new RemoteDocuments([`${origin}/shared/`], {
      timeoutMs: 300,
      maxBytes: 1024,
      maxFiles: 10,
    });
    const url = `${origin}/shared/slow.yaml`;
    expect(remote.text(url)).toBeUndefined();
    const started = Date.now();
    await remote.fetchWanted();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(remote.failure(url)).toBe('no answer within 0.3 s');
  });

  it('reads a prefix without a trailing slash as a whole path segment', () => {
    const remote = new RemoteDocuments(['https://schemas.example.com/shared'], {
      timeoutMs: 1000,
      maxBytes: 1024,
      maxFiles: 10,
    });
    expect(remote.allows('https://schemas.example.com/shared')).toBe(true);
    expect(remote.allows('https://schemas.example.com/shared/user.yaml')).toBe(true);
    expect(remote.allows('https://schemas.example.com/shared-evil/user.yaml')).toBe(false);
    expect(remote.allows('https://schemas.example.com/sharedx')).toBe(false);
    expect(remote.allows('https://schemas.example.com/shared/../private/x.yaml')).toBe(false);
  });

  it('rejects a prefix that is not an http(s) URL, or carries credentials, naming the flag', async () => {
    for (const prefix of ['file:///etc/', 'schemas/', `http://user:pw@127.0.0.1/`]) {
      const { code, stderr } = await scan(workspace('#/components/x'), '--allow-remote-ref', prefix);
      expect(code).toBe(2);
      expect(stderr).toMatch(/--allow-remote-ref: /);
    }
  });
});

describe('the action input allow-remote-refs', () => {
  const inputs = (value: string) => readInputs((name) => (name === 'allow-remote-refs' ? value : ''));

  it('takes prefixes separated by spaces, commas or newlines; none by default', () => {
    expect(inputs('').allowRemoteRefs).toEqual([]);
    expect(inputs('https://a.example/x/, https://b.example/\nhttps://c.example/y/').allowRemoteRefs).toEqual([
      'https://a.example/x/',
      'https://b.example/',
      'https://c.example/y/',
    ]);
  });

  it('fails naming the input and the bad prefix', () => {
    expect(() => inputs('https://ok.example/ file:///etc/')).toThrow(
      new InputError('input `allow-remote-refs`: "file:///etc/" is not an http(s) URL'),
    );
  });
});

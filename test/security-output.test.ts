// The comment and the logs are the action's own: what a PR writes (file names, document strings, a
// comment carrying our marker) cannot forge a workflow command, reprint a secret, link an issue, hide a
// character or take over the sticky comment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { runEngine } from '../src/engine.js';
import type { ReportedFinding } from '../src/findings.js';
import { ACTIONS_BOT, writtenBy } from '../src/publish/github.js';
import { code, escapeText, inline, logText, showInvisible } from '../src/report/escape.js';
import { buildReport, type Report, type ReportEndpoint } from '../src/report/json.js';
import {
  COMMENT_MARKER,
  renderComment,
  renderSummary,
  SUMMARY_BUDGET_BYTES,
  SUMMARY_LIMIT_BYTES,
} from '../src/report/markdown.js';
import { maskSecrets, maskValue } from '../src/report/mask.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderText } from '../src/report/text.js';
import { type FakeGitHub, makeRepo, pullRequestEvent, runAction, startFakeGitHub } from './e2e/harness.js';
import { memoryReader, outdent } from './helpers/inline.js';

/** What `@actions/core` writes to stdout while `fn` runs: the bytes the runner parses. */
function stdoutOf(fn: () => void): string {
  const chunks: string[] = [];
  const original = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = original;
  }
  return chunks.join('');
}

/** Lines the runner takes for workflow commands: `::name` after optional leading whitespace. */
function commandLines(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter((line) => /^\s*::/.test(line));
}

const HOSTILE_NAME =
  'api/a\n::error::forged\r::add-mask::x\n::set-output name=blocked::false\n  ::stop-commands::t\u001b[2Jb.yaml';

describe('log lines', () => {
  it('logText keeps any string on one line, with control and invisible characters shown', () => {
    expect(logText('a\nb\rc\td\u001be\u0000f')).toBe('a\\nb\\rc\\td\\u001be\\u0000f');
    expect(logText('/users\u202E/gpj.exe')).toBe('/users<U+202E>/gpj.exe');
    expect(logText('a\u2028b\u200Bc')).toBe('a\\u2028b<U+200B>c');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the point
        expect(logText(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 300 },
    );
  });

  it('core.info of a hostile file name writes these exact bytes: one line, no command', () => {
    const out = stdoutOf(() =>
      core.info(logText(`api-posture: 1 document to analyse (diff mode): ${HOSTILE_NAME}`)),
    );
    expect(out).toBe(
      'api-posture: 1 document to analyse (diff mode): api/a\\n::error::forged\\r::add-mask::x\\n::set-output name=blocked::false\\n  ::stop-commands::t\\u001b[2Jb.yaml\n',
    );
    expect(commandLines(out)).toEqual([]);
  });

  it('an annotation escapes data and properties: @actions/core does CR, LF, % (and : , in properties), logText the rest', () => {
    // Without logText, core.info would write the forged command on a line of its own.
    const raw = stdoutOf(() => core.info(HOSTILE_NAME));
    expect(commandLines(raw).some((l) => l.startsWith('::error::forged'))).toBe(true);
    const out = stdoutOf(() =>
      core.error(logText(`\`GET /x\` quotes ${HOSTILE_NAME}`), {
        title: 'critical: auth-missing',
        file: logText(HOSTILE_NAME),
        startLine: 3,
      }),
    );
    expect(out).toBe(
      '::error title=critical%3A auth-missing,file=api/a\\n%3A%3Aerror%3A%3Aforged\\r%3A%3Aadd-mask%3A%3Ax\\n%3A%3Aset-output name=blocked%3A%3Afalse\\n  %3A%3Astop-commands%3A%3At\\u001b[2Jb.yaml,line=3::`GET /x` quotes api/a\\n::error::forged\\r::add-mask::x\\n::set-output name=blocked::false\\n  ::stop-commands::t\\u001b[2Jb.yaml\n',
    );
    expect(commandLines(out)).toHaveLength(1);
  });
});

describe('Markdown', () => {
  it('neutralises issue, pull request and commit references with a zero-width space', () => {
    expect(escapeText('fixes #123 and acme/payments#45')).toBe(
      'fixes \\#&#8203;123 and acme/payments\\#&#8203;45',
    );
    expect(escapeText('see GH-77 and gh-8')).toBe('see GH\\-&#8203;77 and gh\\-&#8203;8');
    const sha = '4f2a9c1e0b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39';
    const out = escapeText(`reverts ${sha} and deadbee`);
    expect(out.replace(/&#8203;/g, '')).toBe(`reverts ${sha} and deadbee`);
    // No run of 7 hex digits is left unbroken: GitHub links none of them.
    expect(out).not.toMatch(/[0-9a-f]{7}/i);
    expect(escapeText('visit www.evil.example')).toBe('visit www&#8203;\\.evil\\.example');
    // In messages, text outside code spans is neutralised; code spans are never autolinked.
    expect(inline('`#12` fixed #12')).toBe('`#12` fixed \\#&#8203;12');
  });

  it('shows bidi overrides and zero-width characters instead of rendering them', () => {
    expect(escapeText('/users\u202Egpj.exe')).toBe('/users&lt;U\\+202E&gt;gpj\\.exe');
    expect(code('/a\u200Bb\u2066')).toBe('`/a<U+200B>b<U+2066>`');
    expect(inline('path `/x\u200D` added\uFEFF')).toBe('path `/x<U+200D>` added&lt;U\\+FEFF&gt;');
    expect(showInvisible('\u{E0041}')).toBe('<U+E0041>');
    const report = reportFor(
      undefined,
      outdent(`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          "/users\u202E/{id}":
            get:
              responses:
                '200': { description: ok }
      `),
    );
    for (const out of [renderComment(report), renderSummary(report), renderText(report)]) {
      expect(out).not.toMatch(/[\u202a-\u202e\u200b-\u200f]/);
      expect(out).toContain('U+202E');
    }
  });

  it('a backslash before | never ends a table cell: every pipe is escaped by an odd run of backslashes', () => {
    expect(code('/a\\|b')).toBe('`/a\\`\\|`b`');
    expect(code('/a|b')).toBe('`/a\\|b`');
    const pipesEscaped = (out: string) => {
      for (const m of out.matchAll(/(\\*)\|/g)) expect(m[1]!.length % 2).toBe(1);
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[a\\|`/ ]{0,30}$/), (s) => {
        pipesEscaped(code(s));
        pipesEscaped(escapeText(s));
        pipesEscaped(inline(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe('secrets quoted by a message', () => {
  const key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc9xQz';

  it('are masked to a few characters of each end', () => {
    expect(maskValue(key)).toBe('sk_l…9xQz');
    expect(maskValue('123-45-6780')).toBe('1…0');
    expect(maskSecrets(`enum values added: "${key}", "other"`)).toBe(
      'enum values added: "sk_l…9xQz", "other"',
    );
    expect(maskSecrets(`default is \`${key}\`.`)).toBe('default is `sk_l…9xQz`.');
    expect(maskSecrets('card `4539 1488 0343 6467` added')).toBe('card `453…467` added');
    // Ordinary messages are untouched, the same object and all.
    const plain = '`POST /payments` (external) accepts requests without authentication';
    expect(maskSecrets(plain)).toBe(plain);
    expect(maskSecrets('placeholder `sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`')).toBe(
      'placeholder `sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`',
    );
  });

  it('never reach the comment, summary, annotations, text, JSON or SARIF in full', () => {
    const doc = (values: string[]) =>
      outdent(`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        servers: [{ url: 'https://api.example.com' }]
        security: [{ key: [] }]
        components:
          securitySchemes:
            key: { type: apiKey, in: header, name: X-Key }
        paths:
          /charges:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        mode: { type: string, enum: ${JSON.stringify(values)} }
              responses:
                '200': { description: ok }
      `);
    const report = reportFor(doc(['test']), doc(['test', key]));
    const json = JSON.stringify(report);
    expect(json).toContain('enum values added: \\"sk_l…9xQz\\"');
    for (const out of [
      json,
      renderComment(report),
      renderSummary(report),
      renderText(report),
      JSON.stringify(renderSarif(report, { docsBase: 'x' })),
    ]) {
      expect(out).not.toContain(key);
      expect(out).not.toContain(key.slice(4, -4));
    }
  });
});

describe('the job summary budget', () => {
  it('is counted in bytes: three-byte characters are cut at 1 MiB, not at a million characters', () => {
    const cjk = '認証'.repeat(75); // 150 characters, 450 bytes
    const finding = (i: number): ReportedFinding => ({
      ruleId: 'auth-missing',
      category: 'authentication',
      severity: 'critical',
      message: `\`GET /${i}\` ${cjk}`,
      remediation: cjk,
      location: { file: 'openapi.yaml', pointer: '', line: i, column: 1 },
      fingerprint: `f${i}`,
      status: 'new',
      owasp: '',
      cwe: '',
    });
    // Enough that even the one-line form of every blocking finding is over the budget.
    const endpoints: ReportEndpoint[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `GET /${i}`,
      method: 'GET',
      path: `/${i}/${cjk.slice(0, 20)}`,
      change: 'added',
      classification: 'external',
      dataTypes: [],
      changes: [],
      score: { base: null, head: 80, level: 'critical', breakdown: [] },
      findings: [finding(i)],
      location: { file: 'openapi.yaml', pointer: '', line: i, column: 1 },
    }));
    const report = {
      ...reportFor(undefined, 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\n'),
      specs: [
        {
          path: 'openapi.yaml',
          status: 'modified',
          analysed: true,
          waiverRequests: [],
          version: { base: '1', head: '1' },
          metrics: { base: null, head: null },
          changes: [],
          findings: [],
          endpoints,
        },
      ],
    } as Report;
    const summary = renderSummary(report);
    // A million characters would allow it all: the old character budget let >2 MB through.
    expect(summary.length).toBeLessThan(1_000_000);
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES);
    // Cut by priority, lists at their share of the budget: well past a third of it (where a cut counting
    // three-byte characters as one would have to stop), never past it.
    expect(Buffer.byteLength(summary, 'utf8')).toBeGreaterThan(SUMMARY_BUDGET_BYTES / 2);
    // Whatever was cut says where the rest is.
    expect(summary).toMatch(/did not fit in the job summary|more .*in the JSON report/);
  });
});

describe('which comment is the action’s own', () => {
  const marker = { body: COMMENT_MARKER };
  it('the default token’s bot only, and only as the app it performed as', () => {
    expect(writtenBy({ ...marker, user: { login: 'github-actions[bot]', type: 'Bot' } }, ACTIONS_BOT)).toBe(
      true,
    );
    expect(writtenBy({ user: { login: 'github-actions[bot]', type: 'User' } }, ACTIONS_BOT)).toBe(false);
    expect(writtenBy({ user: { login: 'github-actions', type: 'User' } }, ACTIONS_BOT)).toBe(false);
    expect(
      writtenBy(
        { user: { login: 'github-actions[bot]', type: 'Bot' }, performed_via_github_app: { slug: 'other' } },
        ACTIONS_BOT,
      ),
    ).toBe(false);
    expect(writtenBy({ user: null }, ACTIONS_BOT)).toBe(false);
  });

  it('a personal access token’s account by id: a renamed login taken by someone else is not it', () => {
    const me = { login: 'ci-user', type: 'User', id: 7 };
    expect(writtenBy({ user: { login: 'ci-user', type: 'User', id: 7 } }, me)).toBe(true);
    expect(writtenBy({ user: { login: 'ci-user', type: 'User', id: 8 } }, me)).toBe(false);
    expect(writtenBy({ user: { login: 'ci-user-2', type: 'User', id: 9 } }, me)).toBe(false);
  });
});

function reportFor(base: string | undefined, head: string): Report {
  const files = (text: string | undefined) =>
    memoryReader(text === undefined ? {} : { 'openapi.yaml': text });
  return buildReport(
    runEngine(
      [
        {
          path: 'openapi.yaml',
          ...(base !== undefined ? { base: { reader: files(base), path: 'openapi.yaml' } } : {}),
          head: { reader: files(head), path: 'openapi.yaml' },
        },
      ],
      { mode: 'diff', policies: [], failOn: 'critical', failOnScope: 'new', today: '2026-11-27' },
    ),
  );
}

// ---------------------------------------------------------------------------------------------------
// Through the bundled action (dist/index.js), against the loopback fake GitHub.

const PR = 31;
let api: FakeGitHub | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const OPEN = outdent(`
  openapi: 3.0.3
  info: { title: t, version: '1' }
  servers: [{ url: 'https://api.example.com' }]
  paths:
    /payments:
      post:
        responses:
          '200': { description: ok }
`);
const CLOSED = outdent(`
  openapi: 3.0.3
  info: { title: t, version: '1' }
  servers: [{ url: 'https://api.example.com' }]
  security: [{ key: [] }]
  components:
    securitySchemes:
      key: { type: apiKey, in: header, name: X-Key }
  paths:
    /payments:
      post:
        responses:
          '200': { description: ok }
`);

describe('the sticky comment in the bundled action', () => {
  it('leaves a marker comment the PR author wrote alone and posts its own', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo({ 'api/openapi.yaml': CLOSED }, { 'api/openapi.yaml': OPEN });
    const event = { name: 'pull_request', path: pullRequestEvent(repo, PR) };
    const forged = `${COMMENT_MARKER}\n### ✅ api-posture: passed — nothing to see`;
    api.comments.push({
      id: 1,
      body: forged,
      user: { login: 'mallory\n::error::x', type: 'User', id: 666 },
      html_url: 'x',
    });
    const run = await runAction(repo, api, {}, event);
    expect(run.outputs.blocked).toBe('true');
    expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
    expect(api.comments[0]!.body).toBe(forged);
    expect(api.comments).toHaveLength(2);
    expect(api.comments[1]!.body).toContain('### ⛔ api-posture: blocked');
    expect(api.comments[1]!.user.login).toBe('github-actions[bot]');
    expect(run.outputs['comment-url']).toBe(api.comments[1]!.html_url);
    expect(run.stdout).toContain('::notice::api-posture: a comment by mallory\\n::error::x carries');
    expect(commandLines(run.stdout).filter((l) => l.startsWith('::error::x'))).toEqual([]);
  });

  it('with the default token (403 on GET /user) edits the github-actions[bot] comment, not the forged one before it', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo({ 'api/openapi.yaml': CLOSED }, { 'api/openapi.yaml': OPEN });
    const event = { name: 'pull_request', path: pullRequestEvent(repo, PR) };
    api.comments.push(
      { id: 1, body: `${COMMENT_MARKER}\nforged`, user: { login: 'mallory', type: 'User' }, html_url: 'x' },
      {
        id: 2,
        body: `${COMMENT_MARKER}\nan earlier run`,
        user: { login: 'github-actions[bot]', type: 'Bot', id: 41898282 },
        performed_via_github_app: { slug: 'github-actions' },
        html_url: 'https://github.com/acme/payments/pull/31#issuecomment-2',
      },
    );
    const run = await runAction(repo, api, {}, event);
    const user = api.requests.filter((r) => r.path === '/user');
    expect(user).toHaveLength(1);
    const writes = api.requests.filter(
      (r) => r.method === 'PATCH' || (r.path.endsWith('/comments') && r.method === 'POST'),
    );
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /repos/acme/payments/issues/comments/2',
    ]);
    expect(api.comments[0]!.body).toBe(`${COMMENT_MARKER}\nforged`);
    expect(api.comments[1]!.body).toContain('### ⛔ api-posture: blocked');
    expect(run.stdout).toContain('::notice::api-posture: a comment by mallory carries');
  });

  it('with a personal access token edits only its own account’s comment', { timeout: 120_000 }, async () => {
    api = await startFakeGitHub(PR);
    api.tokenUser = { login: 'ci-user', type: 'User', id: 7 };
    const repo = makeRepo({ 'api/openapi.yaml': CLOSED }, { 'api/openapi.yaml': OPEN });
    const event = { name: 'pull_request', path: pullRequestEvent(repo, PR) };
    api.comments.push(
      {
        id: 1,
        body: `${COMMENT_MARKER}\nbot`,
        user: { login: 'github-actions[bot]', type: 'Bot' },
        html_url: 'x',
      },
      {
        id: 2,
        body: `${COMMENT_MARKER}\nmine`,
        user: { login: 'ci-user', type: 'User', id: 7 },
        html_url: 'y',
      },
    );
    await runAction(repo, api, {}, event);
    const writes = api.requests.filter(
      (r) => r.method === 'PATCH' || (r.path.endsWith('/comments') && r.method === 'POST'),
    );
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /repos/acme/payments/issues/comments/2',
    ]);
  });
});

describe('a spec file name that writes workflow commands', () => {
  it('is logged on one line: no forged ::error, ::add-mask or ::stop-commands reaches the runner', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const name =
      'api/a\n::error::forged\n::add-mask::api-posture\n::stop-commands::t0k\r::set-output name=blocked::false\nb.yaml';
    const repo = makeRepo({ 'api/openapi.yaml': OPEN }, { [name]: OPEN });
    const event = { name: 'pull_request', path: pullRequestEvent(repo, PR) };
    const run = await runAction(repo, api, {}, event);
    const escaped =
      'api/a\\n::error::forged\\n::add-mask::api-posture\\n::stop-commands::t0k\\r::set-output name=blocked::false\\nb.yaml';
    expect(run.stdout).toContain(escaped); // the file was analysed and named
    const commands = commandLines(run.stdout);
    expect(commands.length).toBeGreaterThan(0); // the action's own annotations are there
    for (const line of commands) expect(line).toMatch(/^::(error|warning|notice)( |::)/);
    expect(commands.some((l) => l.startsWith('::error::forged'))).toBe(false);
    expect(run.outputs.blocked).toBe('true');
    const report = JSON.parse(readFileSync(run.outputs['report-file']!, 'utf8')) as Report;
    expect(report.specs.map((s) => s.path)).toContain(name);
    expect(readFileSync(join(repo.workspace, 'api-posture.sarif'), 'utf8')).toContain('"version": "2.1.0"');
  });
});

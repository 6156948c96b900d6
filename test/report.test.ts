// Renderers: SARIF against the official 2.1.0 schema, the comment's size limit, escaping of hostile strings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/assess/registry.js';
import { runEngine } from '../src/engine.js';
import { BUILTIN_POLICIES } from '../src/policy/builtin.js';
import { loadPolicies } from '../src/policy/load.js';
import { selectAnnotations } from '../src/report/annotations.js';
import { code, escapeText, inline } from '../src/report/escape.js';
import { buildReport, type Report } from '../src/report/json.js';
import {
  COMMENT_LIMIT,
  COMMENT_MARKER,
  renderComment,
  renderSummary,
  SUMMARY_LIMIT_BYTES,
} from '../src/report/markdown.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderText } from '../src/report/text.js';
import { memoryReader, outdent } from './helpers/inline.js';

const require = createRequire(import.meta.url);
const policies = loadPolicies('policies/default.yml', BUILTIN_POLICIES['default.yml']!);

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
      { mode: 'diff', policies, failOn: 'critical', failOnScope: 'new', today: '2026-11-27' },
    ),
  );
}

const examples = (side: string) =>
  readFileSync(new URL(`../examples/${side}/payments.yaml`, import.meta.url), 'utf8');
function exampleReport(): Report {
  const read = (side: string) => ({
    reader: memoryReader({
      'payments.yaml': examples(side),
      'schemas.yaml': readFileSync(new URL(`../examples/${side}/schemas.yaml`, import.meta.url), 'utf8'),
    }),
    path: 'payments.yaml',
  });
  return buildReport(
    runEngine([{ path: 'payments.yaml', base: read('base'), head: read('head') }], {
      mode: 'diff',
      policies,
      failOn: 'critical',
      failOnScope: 'new',
      today: '2026-11-27',
    }),
  );
}

describe('the JSON report and SARIF', () => {
  // One character past U+00FF makes V8 build the whole report as a two-byte string: on a 12 MB report that
  // made JSON.stringify about 25 ms slower, for each of the JSON report and SARIF.
  const BEYOND_LATIN1 = /[\u0100-\uffff]/;
  it('carry only Latin-1 text of their own (a document’s own text is what it is)', () => {
    for (const check of CHECKS) {
      for (const text of [check.title, check.rationale, check.remediation])
        expect(text).not.toMatch(BEYOND_LATIN1);
    }
    for (const name of Object.keys(BUILTIN_POLICIES)) {
      for (const policy of loadPolicies(`policies/${name}`, BUILTIN_POLICIES[name]!)) {
        for (const text of [policy.description ?? '', policy.remediation ?? ''])
          expect(text).not.toMatch(BEYOND_LATIN1);
      }
    }
    const report = exampleReport();
    expect(report.specs[0]?.endpoints.flatMap((e) => e.findings).length).toBeGreaterThan(5);
    expect(JSON.stringify(report)).not.toMatch(BEYOND_LATIN1);
    expect(JSON.stringify(renderSarif(report, { docsBase: 'https://example.com' }))).not.toMatch(
      BEYOND_LATIN1,
    );
  });
});

describe('SARIF', () => {
  const schema = JSON.parse(
    readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  ) as object;
  const validate = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    unicodeRegExp: false,
  }).compile(schema);

  it('is valid against the SARIF 2.1.0 schema, with a rule per check and fingerprints on every result', () => {
    const report = exampleReport();
    const sarif = renderSarif(report, { docsBase: 'https://github.com/api-posture/api-posture/blob/v1' });
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false); // the validator can fail: a run needs a tool
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run = sarif.runs[0]!;
    const rules = run.tool.driver.rules!;
    for (const check of CHECKS) {
      const rule = rules.find((r) => r.id === check.id)!;
      expect(rule.helpUri).toBe(
        `https://github.com/api-posture/api-posture/blob/v1/docs/rules/${check.id}.md`,
      );
      expect(rule.properties?.['security-severity']).toMatch(/^\d+\.\d$/);
      expect(rule.properties?.tags).toEqual(expect.arrayContaining([check.owasp, check.cwe]));
    }
    expect(run.results!.length).toBeGreaterThan(10);
    for (const result of run.results!) {
      expect(result.partialFingerprints?.['apiPosture/v1']).toBeTruthy();
      const location = result.locations![0]!.physicalLocation!;
      expect(location.artifactLocation!.uri).toMatch(/^(payments|schemas)\.yaml$/);
      expect(location.region!.startLine).toBeGreaterThanOrEqual(1);
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
    }
    const auth = run.results!.find((r) => r.ruleId === 'auth-missing' && r.properties?.status === 'new')!;
    expect(auth.level).toBe('error');
    expect(auth.locations![0]!.physicalLocation!.region!.startLine).toBe(41);
  });
});

describe('the PR comment', () => {
  it('starts with the marker and the verdict', () => {
    const comment = renderComment(exampleReport());
    expect(comment.startsWith(`${COMMENT_MARKER}\n### ⛔ api-posture: blocked`)).toBe(true);
  });

  it('merges a document-level finding with the violations restating it on each endpoint it affects', () => {
    const report = exampleReport();
    const tls = report.violations.filter((v) => v.policy === 'enforce-tls' && v.status === 'new');
    expect(tls.length).toBeGreaterThan(1); // the JSON report keeps every one of them
    const comment = renderComment(report);
    expect(comment.match(/`enforce-tls`/g)).toHaveLength(1);
    const item = comment.split('\n- ').find((block) => block.includes('`transport-http-server`'))!;
    expect(item).toContain(`Also violates policy \`enforce-tls\` (critical on ${tls.length} endpoints).`);
    // It blocks through the policy: listed first, under the severity that blocks, its own one noted.
    expect(item.startsWith('🔴 **critical** `transport-http-server` (finding: high)')).toBe(true);
    expect(comment.indexOf(item)).toBeLessThan(comment.indexOf('new findings** (not blocking)'));
  });

  it('merges them on every endpoint, past the ten a document-level finding lists', () => {
    const api = (servers: string) =>
      [
        'openapi: 3.0.3',
        "info: { title: Things, version: '1' }",
        `servers: [${servers}]`,
        'components:',
        '  securitySchemes:',
        '    key: { type: apiKey, in: header, name: X-Key }',
        'security: [{ key: [] }]',
        'paths:',
        ...Array.from({ length: 15 }, (_, i) => [
          `  /things/${i}:`,
          '    get:',
          `      summary: Thing ${i}`,
          "      responses: { '200': { description: OK }, '429': { description: Slow down } }",
        ]).flat(),
        '',
      ].join('\n');
    const https = "{ url: 'https://api.example.com' }";
    const report = reportFor(api(https), api(`${https}, { url: 'http://api.example.com' }`));
    const tls = report.violations.filter((v) => v.policy === 'enforce-tls' && v.status === 'new');
    expect(tls).toHaveLength(15);
    expect(
      report.specs[0]!.findings.find((f) => f.ruleId === 'transport-http-server')!.endpoints,
    ).toHaveLength(10);
    const comment = renderComment(report);
    expect(comment.match(/`enforce-tls`/g)).toHaveLength(1);
    expect(comment).toContain('Also violates policy `enforce-tls` (critical on 15 endpoints).');
    // The log names the policy on each endpoint, and nothing more than the finding already says.
    const text = renderText(report);
    expect(text).not.toContain('is served over plain HTTP');
    expect(text.match(/CRITICAL enforce-tls {2}\(the transport-http-server finding\)/g)).toHaveLength(15);
  });

  it('stays under 65,536 characters on a huge PR and says where the rest is', () => {
    // 1,500 new unauthenticated write endpoints with long (hostile) paths.
    const paths = Array.from(
      { length: 1500 },
      (_, i) =>
        `  /very/long/path/segment/${'x'.repeat(60)}/${i}/{id}:\n    post:\n      responses:\n        '200': { description: ok }\n`,
    ).join('');
    const head = `openapi: 3.0.3\ninfo: { title: t, version: '1' }\nservers: [{ url: 'http://api.example.com' }]\npaths:\n${paths}`;
    const report = reportFor(undefined, head);
    const comment = renderComment(report, {
      runUrl: 'https://github.com/o/r/actions/runs/1',
      reportFile: 'api-posture-report.json',
      sarifFile: 'api-posture.sarif',
    });
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment).toContain('did not fit in a PR comment');
    expect(comment).toContain('[job summary](https://github.com/o/r/actions/runs/1)');
    expect(comment.startsWith(`${COMMENT_MARKER}\n### ⛔ api-posture: blocked`)).toBe(true);
    // Every one of the 1,500 blocks: each is listed (compact when the full form does not fit), or counted
    // with where the rest is; nothing else is shown before them.
    const blocking = /#### ⛔ (\d+) blocking/.exec(comment);
    expect(Number(blocking?.[1])).toBeGreaterThanOrEqual(1500);
    const shown = comment.match(/^- 🔴 critical /gm)?.length ?? 0;
    const more = Number(/^- … and (\d+) more blocking in the \[job summary\]/m.exec(comment)?.[1] ?? 0);
    expect(shown).toBeGreaterThan(100);
    expect(shown + more).toBe(Number(blocking?.[1]));
    // The job summary's limit is 1 MiB of UTF-8, and it does not point at itself for the rest.
    const summary = renderSummary(report, { reportFile: 'api-posture-report.json' });
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(summary).not.toMatch(/full report is in the job summary|more in the job summary/);
  });
});

describe('the job summary of a PR over a large description', () => {
  it('is cut in UTF-8 bytes, not characters: CJK paths cost three bytes each', () => {
    const paths = Array.from(
      { length: 1200 },
      (_, i) =>
        `  /${'路径'.repeat(120)}/${i}/{id}:\n    post:\n      responses:\n        '200': { description: ok }\n`,
    ).join('');
    const report = reportFor(
      undefined,
      `openapi: 3.0.3\ninfo: { title: t, version: '1' }\nservers: [{ url: 'http://api.example.com' }]\npaths:\n${paths}`,
    );
    const summary = renderSummary(report, { reportFile: 'api-posture-report.json' });
    const bytes = Buffer.byteLength(summary, 'utf8');
    expect(bytes).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(summary.length).toBeLessThan(bytes / 2); // mostly three-byte characters: a character count would overshoot
    expect(bytes).toBeGreaterThan(SUMMARY_LIMIT_BYTES * 0.9); // and the room is used, not wasted
    expect(summary).toMatch(/more (blocking )?in the JSON report|did not fit in the job summary/);
  });

  it('cuts the existing-findings list at its budget, says where the rest is, and keeps what follows', () => {
    // 600 pre-existing endpoints with findings, one new endpoint: the existing list is over its 300,000-character share.
    const paths = (n: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          `  /items/${i}/{id}:\n    post:\n      requestBody: { content: { application/json: { schema: { type: object, properties: { url: { type: string } } } } } }\n      responses:\n        '200': { description: ok }\n`,
      ).join('');
    const doc = (n: number) =>
      `openapi: 3.0.3\ninfo: { title: t, version: '1' }\nservers: [{ url: 'http://api.example.com' }]\npaths:\n${paths(n)}`;
    const report = reportFor(doc(600), doc(601));
    const spec = report.specs[0]!;
    const existing = [...spec.findings, ...spec.endpoints.flatMap((e) => e.findings)].filter(
      (f) => f.status === 'existing' && !f.suppressed,
    );
    expect(existing.length).toBeGreaterThan(3_000);
    const summary = renderSummary(report, { reportFile: 'api-posture-report.json' });
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(summary).toContain(`<summary>${existing.length} existing findings</summary>`);
    const shown = /\n- … and (\d+) more in the JSON report and SARIF/.exec(summary);
    expect(Number(shown?.[1])).toBeGreaterThan(0);
    expect(Number(shown?.[1])).toBeLessThan(existing.length);
    expect(summary).not.toContain('did not fit in the job summary');
  });
});

describe('escaping', () => {
  const hostile = fc
    .string({ unit: 'binary', maxLength: 300 })
    .map(
      (s) =>
        `${s}<img src=x onerror=alert(1)> @octocat ![i](https://e.x/i.png) [l](https://e.x) | \`code\` \r\n # h`,
    );

  it('escapeText leaves no HTML, image, link, mention, table or line break', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeText(s);
        expect(out).not.toMatch(/<|>|\n|\r|(^|[^\\])\||(^|[^\\])\[|(^|[^\\])!\[|@(?!&#8203;)/);
      }),
      { numRuns: 300 },
    );
  });

  it('inline keeps code spans but nothing outside them is live, and never throws', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = inline(s);
        const outside = out.replace(/`[^`]*`/g, '');
        expect(outside).not.toMatch(/<|>|\n|(^|[^\\])\[|@(?!&#8203;)/);
        expect(code(s)).not.toMatch(/\n|\r/);
      }),
      { numRuns: 300 },
    );
  });

  it('every renderer survives arbitrary document strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.string({ maxLength: 80 }),
        (segment, summary) => {
          const path = `/${segment.replace(/[\n\r'"\\:#{}[\],&*!|>%@`]/g, '_')}/{id}`;
          const head = outdent(`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths:
            ${JSON.stringify(path)}:
              post:
                summary: ${JSON.stringify(summary)}
                responses:
                  '200': { description: ok }
        `);
          const report = reportFor(undefined, head);
          for (const out of [
            renderComment(report),
            renderSummary(report),
            renderText(report),
            JSON.stringify(renderSarif(report, { docsBase: 'x' })),
          ]) {
            expect(typeof out).toBe('string');
          }
          const text = renderText(report);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: the point
          expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('annotations', () => {
  it("are most severe first and capped at 10 per level, less the room kept for the step's own messages", () => {
    const paths = Array.from(
      { length: 30 },
      (_, i) => `  /items${i}/{id}:\n    post:\n      responses:\n        '200': { description: ok }\n`,
    ).join('');
    const report = reportFor(undefined, `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n${paths}`);
    const { shown, omitted } = selectAnnotations(report);
    // One error is left for the verdict (`api-posture blocked this change`), two warnings for the comment's.
    expect(shown.filter((a) => a.level === 'error')).toHaveLength(9);
    expect(shown.filter((a) => a.level === 'warning').length).toBeLessThanOrEqual(8);
    expect(shown[0]!.severity).toBe('critical');
    expect(omitted).toBeGreaterThan(20);
  });
});

describe('the PR comment when many documents cannot be analysed', () => {
  it('keeps its verdict first: the fail-closed notes are cut at a share of the budget and counted', () => {
    // 400 documents with 300-character names whose head no longer parses: each a fail-closed note.
    const good = 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\n';
    const files: Record<string, string> = {};
    const base: Record<string, string> = {};
    const names = Array.from({ length: 400 }, (_, i) => `api/${'n'.repeat(300)}-${i}.yaml`);
    for (const name of names) {
      base[name] = good;
      files[name] = 'openapi: 3.0.3\ninfo: { title: t, version: "1"\n';
    }
    const report = buildReport(
      runEngine(
        names.map((path) => ({
          path,
          base: { reader: memoryReader(base), path },
          head: { reader: memoryReader(files), path },
        })),
        { mode: 'diff', policies, failOn: 'critical', failOnScope: 'new', today: '2026-11-27' },
      ),
    );
    expect(report.blocked).toBe(true);
    expect(report.specs.filter((s) => !s.analysed)).toHaveLength(400);
    for (const [text, limit, size] of [
      [renderComment(report), COMMENT_LIMIT, (t: string) => t.length],
      [renderSummary(report), SUMMARY_LIMIT_BYTES, (t: string) => Buffer.byteLength(t)],
    ] as const) {
      expect(size(text)).toBeLessThanOrEqual(limit);
      expect(text.replace(COMMENT_MARKER, '').trimStart()).toMatch(/^### ⛔ api-posture: blocked — /);
      const shown = text.match(/^> ⛔ \*\*`api\//gm)?.length ?? 0;
      const more = Number(/^> … and (\d+) more documents cannot be analysed/m.exec(text)?.[1] ?? 0);
      expect(shown).toBeGreaterThan(0);
      expect(shown + more).toBe(400);
    }
  });
});

describe('the PR comment when a PR asks to waive many checks', () => {
  it('lists the first requests within a share of the budget, counts the rest, and keeps its verdict', () => {
    const long = (i: number) => `/${'w'.repeat(900)}/${i}`; // a YAML key: at most 1,024 characters
    const paths = (side: 'base' | 'head') =>
      Array.from({ length: 60 }, (_, i) =>
        side === 'base'
          ? `  ${long(i)}: { get: { security: [{ k: [] }], responses: { '200': { description: ok } } } }\n`
          : `  ${long(i)}: { get: { x-api-classification: internal, security: [{ k: [] }], responses: { '200': { description: ok } } } }\n`,
      ).join('');
    const doc = (side: 'base' | 'head') =>
      `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n${paths(side)}components: { securitySchemes: { k: { type: apiKey, in: header, name: X-Key } } }\n`;
    const report = reportFor(doc('base'), doc('head'));
    const requests = report.specs[0]!.waiverRequests.length;
    expect(requests).toBeGreaterThanOrEqual(60);
    const comment = renderComment(report);
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment.startsWith(`${COMMENT_MARKER}\n### `)).toBe(true);
    expect(comment).toContain(`**This PR asks to waive ${requests} checks on its own changes**`);
    const listed = comment.match(/^- 🚫 not granted: /gm)?.length ?? 0;
    const more = Number(/^- … and (\d+) more in the JSON report/m.exec(comment)?.[1]);
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(requests);
    expect(listed + more).toBe(requests);
    // Within its share of the comment (an eighth), whatever the PR writes: the blocking list comes after it.
    const start = comment.indexOf('**This PR asks to waive');
    const end = comment.indexOf('more in the JSON report', start);
    expect(end - start).toBeLessThan(COMMENT_LIMIT / 8 + 1_000);
  });
});

// The PR comment is for reviewers: what blocks comes first and is never cut, the endpoint table lists only
// endpoints with something new, and a policy violation restating a finding is shown once, with it.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runEngine } from '../src/engine.js';
import { fsReader } from '../src/load/reader.js';
import { BUILTIN_POLICIES } from '../src/policy/builtin.js';
import { loadPolicies } from '../src/policy/load.js';
import { restates } from '../src/report/entries.js';
import { buildReport, type Report } from '../src/report/json.js';
import { COMMENT_LIMIT, renderComment } from '../src/report/markdown.js';
import { renderText } from '../src/report/text.js';
import { githubSpecPaths, isCorpusInstalled } from './corpus/index.js';
import { memoryReader, outdent } from './helpers/inline.js';

const policies = loadPolicies('policies/default.yml', BUILTIN_POLICIES['default.yml']!);
const options = {
  mode: 'diff',
  policies,
  failOn: 'critical',
  failOnScope: 'new',
  today: '2026-11-27',
} as const;
/** The severities that block at the options' `fail-on`, most severe first. */
const BLOCKING: string[] = ['critical', 'high', 'medium'];
const ctx = {
  blobBase: 'https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567',
  runUrl: 'https://github.com/o/r/actions/runs/1',
  reportFile: 'api-posture-report.json',
  sarifFile: 'api-posture.sarif',
};

/** The endpoint table's rows: `| icon | method | path | change | score | new |`. */
function tableRows(comment: string): string[][] {
  return comment
    .split('\n')
    .filter((l) => /^\| \S+ \| `[A-Z]+` \|/.test(l))
    .map((l) => l.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, '')));
}

/**
 * v23 with three regressions planted on top of the real change, so that several items of different
 * severities block (the real pair alone introduces one): a password in a query string (critical), a token in
 * another query string (high) and a wildcard CORS origin (high), each on one endpoint.
 */
function plantedHead(file: string): string {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const pulls = doc.paths['/repos/{owner}/{repo}/pulls'].get;
  pulls.parameters = [...pulls.parameters, { name: 'access_token', in: 'query', schema: { type: 'string' } }];
  const operation = doc.paths['/repos/{owner}/{repo}/issues'].get;
  operation.parameters = [
    ...operation.parameters,
    { name: 'password', in: 'query', schema: { type: 'string' } },
  ];
  const ok = operation.responses['200'];
  ok.headers = { ...ok.headers, 'Access-Control-Allow-Origin': { schema: { type: 'string', enum: ['*'] } } };
  return JSON.stringify(doc, null, 2);
}

describe('the comment on GitHub’s REST description v22 → v23', () => {
  let report: Report;
  let comment: string;

  beforeAll(() => {
    expect(isCorpusInstalled(), 'run `node scripts/ensure-corpus.mjs`').toBe(true);
    const { v22, v23 } = githubSpecPaths();
    const path = 'api.github.com.json';
    report = buildReport(
      runEngine(
        [
          {
            path,
            base: { reader: fsReader(dirname(v22)), path },
            head: { reader: memoryReader({ [path]: plantedHead(v23) }), path },
          },
        ],
        // GitHub's added endpoints inherit its convention of declaring no security (existing debt), so
        // what this pair really introduces blocks from `medium` up.
        { ...options, failOn: 'medium' },
      ),
    );
    comment = renderComment(report, ctx);
  }, 180_000);

  it('stays within GitHub’s limit', () => {
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  });

  it('shows every blocking finding and violation, the most severe first, before anything else', () => {
    expect(report.blocked).toBe(true);
    const spec = report.specs[0]!;
    const blockingFindings = spec.endpoints.flatMap((e) =>
      e.findings
        .filter((f) => f.status === 'new' && !f.suppressed && BLOCKING.includes(f.severity))
        .map((f) => ({ e, f })),
    );
    // The real change blocks at most once since sessions 8-9; the planted head adds three findings.
    expect(new Set(blockingFindings.map(({ f }) => f.severity)).size).toBeGreaterThan(1);
    expect(blockingFindings.length).toBeGreaterThanOrEqual(3);
    const blockingSection = comment.slice(
      comment.indexOf('blocking (at fail-on'),
      comment.indexOf('\n#### `'),
    );
    expect(blockingSection.length).toBeGreaterThan(0);
    for (const { e, f } of blockingFindings) {
      const link = `${ctx.blobBase}/${f.location.file}#L${f.location.line}`;
      const line = blockingSection
        .split('\n')
        .find(
          (l) => l.includes(`\`${f.ruleId}\``) && l.includes(`\`${e.method} ${e.path}\``) && l.includes(link),
        );
      expect(line, `${f.ruleId} on ${e.id} at ${link}`).toBeDefined();
    }
    // A blocking violation that restates no finding is listed too.
    for (const v of report.violations.filter((x) => x.status === 'new' && BLOCKING.includes(x.severity))) {
      const endpoint = spec.endpoints.find((e) => e.id === v.endpoint)!;
      const label = `\`${endpoint.method} ${endpoint.path}\``;
      // Listed on its own, or merged into the item of the finding it restates ("Also violates policy …").
      expect(
        blockingSection
          .split('\n- ')
          .some((item) => item.includes(label) && item.includes(`\`${v.policy}\``)),
        `${v.policy} on ${v.endpoint}`,
      ).toBe(true);
    }
    // The first item of the comment is a blocking one of the highest severity, right under the verdict
    // and the waiver requests.
    const firstItem = comment.split('\n').find((l) => /^- (🔴|🟠|🟡|🔵|⚪) /.test(l))!;
    // Document-level findings (a sensitive property several endpoints return) block too.
    const blockingSeverities: string[] = [
      ...blockingFindings.map(({ f }) => f.severity),
      ...spec.findings
        .filter((f) => f.status === 'new' && !f.suppressed && BLOCKING.includes(f.severity))
        .map((f) => f.severity),
    ];
    const worst = BLOCKING.find((severity) => blockingSeverities.includes(severity))!;
    expect(firstItem).toMatch(new RegExp(`^- \\S+ (\\*\\*)?${worst}(\\*\\*)? `));
    expect(comment.indexOf(firstItem)).toBeGreaterThan(comment.indexOf('blocking (at fail-on medium'));
    expect(comment.indexOf('blocking (at fail-on')).toBeLessThan(
      comment.indexOf('endpoints with something new'),
    );
  });

  it('lists only endpoints with something new in the table, most severe new item first', () => {
    const rows = tableRows(comment);
    expect(rows.length).toBeGreaterThan(10);
    const spec = report.specs[0]!;
    const newViolation = new Set(report.violations.filter((v) => v.status === 'new').map((v) => v.endpoint));
    const rank = ['info', 'low', 'medium', 'high', 'critical'];
    let previous = Number.POSITIVE_INFINITY;
    for (const row of rows) {
      const [, method, path] = row.map((c) => c.replace(/`/g, ''));
      const endpoint = spec.endpoints.find((e) => e.method === method && e.path === path)!;
      expect(endpoint, `${method} ${path}`).toBeDefined();
      const fresh = endpoint.findings.filter((f) => f.status === 'new' && !f.suppressed);
      const somethingNew =
        fresh.length > 0 ||
        newViolation.has(endpoint.id) ||
        endpoint.change === 'removed' ||
        endpoint.changes.some((c) => c.breaking || c.kind.startsWith('security-')) ||
        spec.findings.some((f) => f.status === 'new' && f.endpoints.includes(endpoint.id));
      expect(somethingNew, endpoint.id).toBe(true);
      expect(row[5]).not.toBe('—');
      // The "new" column starts with its most severe count: never more severe than the row above.
      const worst = rank.findIndex((s) => row[5]!.includes(` ${s}`) || row[5]!.startsWith(`1 ${s}`));
      const here = Math.max(...rank.map((s, i) => (new RegExp(`\\d+ ${s}`).test(row[5]!) ? i : -1)));
      expect(worst === -1 || here <= previous, row.join(' | ')).toBe(true);
      if (here >= 0) previous = here;
    }
    // Nothing new, no row: an unchanged endpoint carrying only existing debt is never listed.
    const listed = new Set(rows.map((r) => `${r[1]!.replace(/`/g, '')} ${r[2]!.replace(/`/g, '')}`));
    const debtOnly = spec.endpoints.filter(
      (e) => e.change === 'unchanged' && e.findings.every((f) => f.status === 'existing'),
    );
    expect(debtOnly.length).toBeGreaterThan(100);
    for (const e of debtOnly) if (!newViolation.has(e.id)) expect(listed.has(e.id), e.id).toBe(false);
  });

  it('sums up existing debt in one line with counts per severity', () => {
    const line = comment.split('\n').find((l) => l.startsWith('📋 **Existing debt**'));
    expect(line).toBeDefined();
    const critical = report.summary.findings.existing.critical;
    expect(line).toContain(`${critical} critical`);
  });
});

describe('a policy violation that restates a finding', () => {
  const base = outdent(`
    openapi: 3.0.3
    info: { title: t, version: '1' }
    servers: [{ url: 'https://api.example.com' }]
    components:
      securitySchemes:
        key: { type: apiKey, in: header, name: X-Key }
    security: [{ key: [] }]
    paths:
      /items:
        get:
          responses:
            '200': { description: ok }
            '429': { description: slow down, headers: { Retry-After: { schema: { type: integer } } } }
  `);
  const head = outdent(`
    openapi: 3.0.3
    info: { title: t, version: '1' }
    servers: [{ url: 'https://api.example.com' }]
    components:
      securitySchemes:
        key: { type: apiKey, in: header, name: X-Key }
    security: [{ key: [] }]
    paths:
      /items:
        get:
          responses:
            '200': { description: ok }
            '429': { description: slow down, headers: { Retry-After: { schema: { type: integer } } } }
      /orders/{id}:
        delete:
          security: []
          parameters: [{ name: id, in: path, required: true, schema: { type: string, maxLength: 10 } }]
          responses:
            '204': { description: gone }
            '429': { description: slow down, headers: { Retry-After: { schema: { type: integer } } } }
  `);
  const reader = (text: string) => ({ reader: memoryReader({ 'openapi.yaml': text }), path: 'openapi.yaml' });
  const report = buildReport(
    runEngine([{ path: 'openapi.yaml', base: reader(base), head: reader(head) }], options),
  );

  it('is shown once, merged with the finding, and stays in the JSON report', () => {
    const violation = report.violations.find(
      (v) => v.policy === 'require-authentication' && v.endpoint === 'DELETE /orders/{}',
    );
    expect(violation, 'the JSON report keeps the violation').toBeDefined();
    const finding = report.specs[0]!.endpoints.find((e) => e.id === 'DELETE /orders/{}')!.findings.find(
      (f) => f.ruleId === 'auth-missing' && f.status === 'new',
    )!;
    expect(finding).toBeDefined();
    expect(restates(violation!.policy, finding)).toBe(true);
    const comment = renderComment(report, ctx);
    expect(comment.match(/`require-authentication`/g)).toHaveLength(1);
    const item = comment.split('\n- ').find((block) => block.includes('`auth-missing`'))!;
    expect(item).toContain('Also violates policy `require-authentication` (critical).');
    expect(comment).not.toContain(violation!.message.replace(/`/g, ''));
    // The verdict still counts it: presentation only.
    expect(report.summary.violations.new.critical).toBeGreaterThanOrEqual(1);
    // The log follows the same order: what blocks first, once, with the policy that restates it.
    const text = renderText(report).split('\n');
    expect(text[0]).toMatch(/^Blocking \(1, at fail-on critical\):$/);
    expect(text[1]).toMatch(
      /^ {2}CRITICAL auth-missing \(\+ policy require-authentication\) {2}DELETE \/orders\/\{id\} {2}openapi\.yaml:\d+$/,
    );
  });

  it('is never merged with a finding of another family', () => {
    expect(
      restates('require-authentication', { ruleId: 'rate-limit-missing', category: 'rate-limiting' }),
    ).toBe(false);
    expect(
      restates('require-rate-limiting', { ruleId: 'rate-limit-missing', category: 'rate-limiting' }),
    ).toBe(true);
    expect(restates('a-custom-name', { ruleId: 'auth-missing', category: 'authentication' })).toBe(false);
  });
});

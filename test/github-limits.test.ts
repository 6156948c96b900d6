// GitHub's limits, always (issue 17): SARIF at most 5,000 results per run (new first, then the most
// severe; the rest counted in the run's properties and in the job summary), fingerprints unique by
// construction; and a file named on the command line that is not OpenAPI is an input error (exit 2).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv from 'ajv-draft-04';
import type { Log } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES, type Severity, severityRank } from '../src/findings.js';
import type { Report } from '../src/report/json.js';
import { renderSummary, SUMMARY_LIMIT_BYTES } from '../src/report/markdown.js';
import { renderSarif, SARIF_MAX_RESULTS, uniqueFingerprints } from '../src/report/sarif.js';
import { outdent } from './helpers/inline.js';
import { runCli } from './helpers/openapi.js';

const require = createRequire(import.meta.url);
const validateSarif = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
  unicodeRegExp: false,
}).compile(
  JSON.parse(
    readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  ) as object,
);

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'api-posture-limits-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** `count` operations without authentication on a plain-HTTP server: about nine results each. */
function endpoints(from: number, count: number, method = 'post', body = ''): string {
  let out = '';
  for (let i = from; i < from + count; i++)
    out += `  /items${i}/{id}:\n    ${method}:\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n${body}      responses:\n        '200': { description: ok }\n`;
  return out;
}

/** A URL the server fetches: a new medium `input-ssrf-url` on each added operation (the base has none). */
const CALLBACK_BODY =
  '      requestBody: { content: { application/json: { schema: { type: object, properties: { callback_url: { type: string, format: uri, maxLength: 200 } } } } } }\n';
const document = (paths: string) =>
  `openapi: 3.0.3\ninfo: { title: t, version: '1' }\nservers: [{ url: 'http://api.example.com' }]\npaths:\n${paths}`;

/** Every result the report holds, as SARIF would before any cut: head findings and violations. */
function reportItems(report: Report): { severity: Severity; status: string }[] {
  return [
    ...report.specs.flatMap((s) =>
      [...s.findings, ...s.endpoints.flatMap((e) => e.findings)]
        .filter((f) => f.status !== 'fixed')
        .map((f) => ({ severity: f.severity, status: f.status ?? 'existing' })),
    ),
    ...report.violations.map((v) => ({ severity: v.severity, status: v.status })),
  ];
}

describe('SARIF within code scanning limits', () => {
  // 800 operations in the base and 200 more in the head, each without authentication on a plain-HTTP
  // server: about 9,000 results. The new operations inherit the base's conventions (existing findings)
  // except one medium finding each (a callback URL, new to the document): the cut falls among the medium
  // results, so only "new first" keeps those 200.
  let dir: string;
  let sarif: Log;
  let report: Report;
  beforeAll(async () => {
    dir = workspace({
      'base.yaml': document(endpoints(0, 800, 'get')),
      'head.yaml': document(endpoints(0, 800, 'get') + endpoints(800, 200, 'post', CALLBACK_BODY)),
    });
    const json = await runCli(
      ['diff', 'base.yaml', 'head.yaml', '--fail-on', 'none', '--format', 'json'],
      dir,
    );
    expect([json.code, json.stderr]).toEqual([0, '']);
    report = JSON.parse(json.stdout) as Report;
    // What `--format sarif` writes (the CLI renders the same report with the same function).
    sarif = JSON.parse(
      JSON.stringify(renderSarif(report, { docsBase: 'https://example.com/blob/v1' })),
    ) as Log;
  }, 120_000);

  it('keeps 5,000 results, valid SARIF, every new one and then the most severe', () => {
    const all = reportItems(report);
    expect(all.length).toBeGreaterThan(SARIF_MAX_RESULTS + 500);
    const fresh = all.filter((i) => i.status === 'new').length;
    expect(fresh).toBe(2 * 200); // each added operation: the callback URL (medium) and a low finding on its new body
    const results = sarif.runs[0]!.results!;
    expect(results).toHaveLength(SARIF_MAX_RESULTS);
    expect(validateSarif(sarif)).toBe(true);
    expect(results.filter((r) => r.properties?.status === 'new')).toHaveLength(fresh);
    // What was left out is existing and no more severe than any existing result kept.
    const keptExisting = results.filter((r) => r.properties?.status !== 'new');
    const leastKept = Math.min(...keptExisting.map((r) => severityRank(r.properties!.severity as Severity)));
    const omitted = sarif.runs[0]!.properties!.omittedResults as {
      total: number;
      new: number;
      bySeverity: Record<Severity, number>;
    };
    expect(omitted.total).toBe(all.length - SARIF_MAX_RESULTS);
    expect(omitted.new).toBe(0);
    expect(omitted.bySeverity.medium).toBeGreaterThan(0); // the cut is among the mediums, where the new ones are
    const counted = SEVERITIES.filter((s) => omitted.bySeverity[s] > 0);
    expect(Object.values(omitted.bySeverity).reduce((a, b) => a + b, 0)).toBe(omitted.total);
    for (const s of counted) expect(severityRank(s)).toBeLessThanOrEqual(leastKept);
    // By severity, kept + omitted is everything the report has.
    for (const s of SEVERITIES) {
      const kept = results.filter((r) => r.properties?.severity === s).length;
      expect(kept + omitted.bySeverity[s]).toBe(all.filter((i) => i.severity === s).length);
    }
    expect(sarif.runs[0]!.properties!.resultLimit).toBe(SARIF_MAX_RESULTS);
    const prints = results.map((r) => r.partialFingerprints!['apiPosture/v1']);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('says in the job summary, within 1 MiB, how many results the SARIF file left out and where they are', () => {
    const ctx = { sarifFile: 'api-posture.sarif', reportFile: 'api-posture-report.json' };
    const summary = renderSummary(report, ctx);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    const omitted = reportItems(report).length - SARIF_MAX_RESULTS;
    expect(summary).toContain(
      `holds 5,000 results, the most code scanning keeps in a run (new first, then the most severe); **${omitted.toLocaleString('en-US')} more** (0 new;`,
    );
    expect(summary).toContain('`api-posture-report.json`');
    // Without a SARIF file (the input emptied), nothing is said about one.
    expect(renderSummary(report, { reportFile: 'api-posture-report.json' })).not.toContain('SARIF file');
  });
});

describe('SARIF fingerprints are unique by construction', () => {
  it('a repeat gets the next free suffix; the first keeps its value; no value is given twice', () => {
    const values = ['a', 'a', 'a/2', 'b', 'a', 'b', 'a/2'];
    const unique = uniqueFingerprints(values);
    expect(new Set(unique).size).toBe(values.length);
    expect(unique[0]).toBe('a');
    expect(unique[2]).toBe('a/2'); // its own value, not taken by the repeat of `a` before it
    expect(unique[3]).toBe('b');
    expect(unique).toEqual(['a', 'a/3', 'a/2', 'b', 'a/4', 'b/2', 'a/2/2']);
  });

  it('two findings or two violations that share a fingerprint become two alerts, not one', async () => {
    const dir = workspace({ 'a.yaml': document(endpoints(0, 2)) });
    const out = await runCli(['scan', 'a.yaml', '--format', 'json'], dir);
    const report = JSON.parse(out.stdout) as Report;
    const endpoint = report.specs[0]!.endpoints[0]!;
    // A check that reports one place twice, a policy that fires twice on an endpoint: as the corpus has.
    endpoint.findings.push({ ...endpoint.findings[0]!, message: 'the same place, said again' });
    report.violations.push({ ...report.violations[0]!, message: 'again' });
    const results = renderSarif(report, { docsBase: 'x' }).runs[0]!.results!;
    const prints = results.map((r) => r.partialFingerprints!['apiPosture/v1']!);
    expect(new Set(prints).size).toBe(prints.length);
    expect(prints).toContain(`${endpoint.findings[0]!.fingerprint}/2`);
  });
});

describe('a file named on the command line that is not OpenAPI: exit 2, not a pass', () => {
  const good = document(endpoints(0, 1));
  const cases: [string, string, RegExp][] = [
    [
      'empty.yaml',
      '',
      /^api-posture: empty\.yaml:1:1: the file is empty: not an OpenAPI document; nothing to check\n$/,
    ],
    ['blank.json', '\n  \n', /^api-posture: blank\.json:1:1: the file is empty/],
    [
      'other.yaml',
      outdent(`
        name: my-service
        replicas: 3
      `),
      /^api-posture: other\.yaml:1:1: not an OpenAPI document: the root has no `openapi` or `swagger` field; nothing to check\n$/,
    ],
    ['list.json', '[1, 2]', /^api-posture: list\.json:1:1: not an OpenAPI document/],
    [
      'v4.yaml',
      "info: { title: t, version: '1' }\nopenapi: 4.0.0\npaths: {}\n",
      /^api-posture: v4\.yaml:2:1: unsupported OpenAPI version "4\.0\.0"; 2\.0, 3\.0 and 3\.1 are supported; nothing to check\n$/,
    ],
    [
      'swagger12.json',
      '{"swagger": "1.2", "apis": []}',
      /^api-posture: swagger12\.json:1:2: unsupported OpenAPI version "1\.2"/,
    ],
  ];

  for (const [name, text, message] of cases) {
    it(`scan ${name}`, async () => {
      const dir = workspace({ [name]: text, 'good.yaml': good });
      for (const format of ['text', 'json']) {
        const r = await runCli(['scan', 'good.yaml', name, '--format', format], dir);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(message);
      }
    });
  }

  it('found in a directory it stays a finding (exit 0), as does a named file that does not parse', async () => {
    const dir = workspace({
      'api/good.yaml': good,
      'api/bad.yaml': good.replace('3.0.3', '9.9.9'),
      'broken.yaml': 'openapi: [\n',
    });
    const found = await runCli(['scan', 'api', '--format', 'json'], dir);
    expect(found.code).toBe(0);
    expect((JSON.parse(found.stdout) as Report).specs.find((s) => s.path === 'api/bad.yaml')?.analysed).toBe(
      false,
    );
    const named = await runCli(['scan', 'api/bad.yaml'], dir);
    expect([named.code, named.stdout]).toEqual([2, '']);
    expect(named.stderr).toMatch(/^api-posture: api\/bad\.yaml:1:1: unsupported OpenAPI version "9\.9\.9"/);
    // A syntax error: the document may well be OpenAPI; the report names the line (config-unparsable).
    const broken = await runCli(['scan', 'broken.yaml', '--format', 'json'], dir);
    expect(broken.code).toBe(0);
    expect((JSON.parse(broken.stdout) as Report).errors[0]).toMatchObject({ file: 'broken.yaml', line: 2 });
  });
});

// Compliance tags from the data kinds endpoints handle (issue 19 item 5): in the JSON report and in policy
// conditions, through the CLI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { complianceTags } from '../src/compliance.js';
import { parseReport } from '../src/publish/report-schema.js';
import type { Report } from '../src/report/json.js';
import { outdent } from './helpers/inline.js';

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

const SPEC = outdent(`
  openapi: 3.0.3
  info: { title: Shop, version: '1' }
  servers: [{ url: 'https://api.shop.io' }]
  security: [{ key: [] }]
  components:
    securitySchemes:
      key: { type: apiKey, in: header, name: X-Key }
  paths:
    /payments:
      post:
        summary: Pay
        requestBody:
          content:
            application/json:
              schema:
                type: object
                properties:
                  cardNumber: { type: string }
                  email: { type: string }
        responses: { '201': { description: created } }
    /profile:
      get:
        summary: Profile
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: { type: object, properties: { dateOfBirth: { type: string } } }
    /login:
      post:
        summary: Log in
        requestBody:
          content:
            application/json:
              schema: { type: object, properties: { password: { type: string } } }
        responses: { '200': { description: ok } }
    /health:
      get:
        summary: Health
        responses: { '200': { description: ok } }
`);

const POLICIES = outdent(`
  policies:
    - name: pci-rate-limited
      rule:
        control: rate_limiting
        condition: "compliance != 'PCI-DSS' or rate_limited == true"
      severity: high
    - name: personal-data-listed
      rule:
        control: authentication
        condition: "compliance in ['GDPR'] and method == 'GET'"
      severity: low
`);

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'compliance-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('compliance tags', () => {
  it('map data kinds to PCI-DSS and GDPR, in a fixed order, each once', () => {
    expect(complianceTags(['email', 'payment-card', 'phone'])).toEqual(['PCI-DSS', 'GDPR']);
    expect(complianceTags(['government-id'])).toEqual(['GDPR']);
    expect(complianceTags(['credential'])).toEqual([]);
    expect(complianceTags([])).toEqual([]);
  });

  it('are in the JSON report and usable in policy conditions', async () => {
    const dir = workspace({ 'shop.yaml': SPEC, 'policies.yml': POLICIES });
    const { stdout, stderr } = await cli(
      ['scan', 'shop.yaml', '--policies', 'policies.yml', '--format', 'json'],
      dir,
    );
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as Report;
    const spec = report.specs[0]!;
    const tags = Object.fromEntries(spec.endpoints.map((e) => [e.id, e.compliance]));
    expect(tags).toEqual({
      'POST /payments': ['PCI-DSS', 'GDPR'],
      'GET /profile': ['GDPR'],
      'POST /login': [],
      'GET /health': [],
    });
    // The report still validates as the artifact schema reads it, with the field kept.
    const parsed = parseReport(JSON.parse(stdout));
    expect('report' in parsed && parsed.report.specs[0]!.endpoints[0]!.compliance).toBeTruthy();

    const violated = (policy: string) =>
      report.violations.filter((v) => v.policy === policy).map((v) => v.endpoint);
    // Only the card endpoint is held to the rate limit; no endpoint declares one.
    expect(violated('pci-rate-limited')).toEqual(['POST /payments']);
    // `compliance in ['GDPR'] and method == 'GET'` fails everywhere but the GDPR read.
    expect(violated('personal-data-listed').sort()).toEqual(['GET /health', 'POST /login', 'POST /payments']);
  });

  it('a tag no endpoint can have is an error naming the values', async () => {
    const dir = workspace({
      'shop.yaml': SPEC,
      'policies.yml': outdent(`
        policies:
          - name: hipaa
            rule:
              control: authentication
              condition: "compliance != 'HIPAA' or authenticated == true"
            severity: high
      `),
    });
    const { code, stderr } = await cli(['scan', 'shop.yaml', '--policies', 'policies.yml'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain(`"compliance" is one of 'PCI-DSS', 'GDPR', so it never equals 'HIPAA'`);
  });
});

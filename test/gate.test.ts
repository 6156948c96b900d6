// The gate (SPEC §9) as a table, and the CLI exit codes it drives (SPEC §10: 0 passed, 1 blocked, 2 usage or
// configuration error naming file and line).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nothingToAnalyse } from '../src/action/main.js';
import { run } from '../src/cli/run.js';
import { runEngine } from '../src/engine.js';
import { SEVERITIES } from '../src/findings.js';
import { blocks, FAIL_ON_SCOPES, FAIL_ON_VALUES, type GateItem, gate } from '../src/gate/index.js';
import { outdent } from './helpers/inline.js';

const item = (
  severity: GateItem['severity'],
  status?: GateItem['status'],
  suppressed?: GateItem['suppressed'],
): GateItem => ({ severity, ...(status ? { status } : {}), ...(suppressed ? { suppressed } : {}) });
const SUPPRESSED = { reason: 'accepted by the security team', source: '.github/api-posture.yml ignore[0]' };

describe('gate: blocked and the one-line reason', () => {
  it.each<[string, GateItem[], GateItem[], (typeof FAIL_ON_VALUES)[number], 'new' | 'all', boolean, string]>([
    ['nothing at all', [], [], 'critical', 'new', false, 'no new findings or policy violations at critical'],
    [
      'nothing at all, scope all',
      [],
      [],
      'high',
      'all',
      false,
      'no findings or policy violations at high or above',
    ],
    [
      'a new critical finding',
      [item('critical', 'new')],
      [],
      'critical',
      'new',
      true,
      '1 new finding at critical',
    ],
    [
      'two new critical findings',
      [item('critical', 'new'), item('critical', 'new')],
      [],
      'critical',
      'new',
      true,
      '2 new findings at critical',
    ],
    [
      'a new high finding under fail-on critical',
      [item('high', 'new')],
      [],
      'critical',
      'new',
      false,
      'no new findings or policy violations at critical',
    ],
    [
      'a new high finding under fail-on high',
      [item('high', 'new')],
      [],
      'high',
      'new',
      true,
      '1 new finding at high or above',
    ],
    [
      'a new critical finding under fail-on medium',
      [item('critical', 'new')],
      [],
      'medium',
      'new',
      true,
      '1 new finding at medium or above',
    ],
    [
      'a new low finding under fail-on medium',
      [item('low', 'new'), item('info', 'new')],
      [],
      'medium',
      'new',
      false,
      'no new findings or policy violations at medium or above',
    ],
    [
      'a new low finding under fail-on low',
      [item('low', 'new')],
      [],
      'low',
      'new',
      true,
      '1 new finding at low or above',
    ],
    [
      'info never blocks, even at fail-on low',
      [item('info', 'new')],
      [item('info', 'new')],
      'low',
      'all',
      false,
      'no findings or policy violations at low or above',
    ],
    [
      'an existing critical finding, scope new',
      [item('critical', 'existing')],
      [],
      'critical',
      'new',
      false,
      'no new findings or policy violations at critical',
    ],
    [
      'an existing critical finding, scope all',
      [item('critical', 'existing')],
      [],
      'critical',
      'all',
      true,
      '1 finding at critical',
    ],
    [
      'a finding without a status (scan), scope new',
      [item('critical')],
      [],
      'critical',
      'new',
      false,
      'no new findings or policy violations at critical',
    ],
    [
      'a finding without a status (scan), scope all',
      [item('critical')],
      [],
      'critical',
      'all',
      true,
      '1 finding at critical',
    ],
    [
      'a fixed critical finding, scope new',
      [item('critical', 'fixed')],
      [],
      'critical',
      'new',
      false,
      'no new findings or policy violations at critical',
    ],
    [
      'a fixed critical finding, scope all',
      [item('critical', 'fixed')],
      [],
      'low',
      'all',
      false,
      'no findings or policy violations at low or above',
    ],
    [
      'a suppressed new critical finding',
      [item('critical', 'new', SUPPRESSED)],
      [],
      'critical',
      'new',
      false,
      'no new findings or policy violations at critical',
    ],
    [
      'a suppressed existing finding, scope all',
      [item('high', 'existing', SUPPRESSED)],
      [],
      'low',
      'all',
      false,
      'no findings or policy violations at low or above',
    ],
    [
      'a new critical violation',
      [],
      [item('critical', 'new')],
      'critical',
      'new',
      true,
      '1 new policy violation at critical',
    ],
    [
      'an existing high violation, scope all',
      [],
      [item('high', 'existing'), item('medium', 'existing')],
      'high',
      'all',
      true,
      '1 policy violation at high or above',
    ],
    [
      'findings and violations together',
      [item('critical', 'new'), item('high', 'new'), item('high', 'existing'), item('low', 'new')],
      [item('high', 'new'), item('medium', 'new'), item('critical', 'existing')],
      'high',
      'new',
      true,
      '2 new findings and 1 new policy violation at high or above',
    ],
    [
      'findings and violations together, scope all',
      [item('critical', 'new'), item('high', 'existing'), item('high', 'fixed')],
      [item('high', 'new'), item('critical', 'existing'), item('critical', 'new', SUPPRESSED)],
      'high',
      'all',
      true,
      '2 findings and 2 policy violations at high or above',
    ],
    [
      'fail-on none with new criticals',
      [item('critical', 'new')],
      [item('critical', 'new')],
      'none',
      'new',
      false,
      'fail-on is none: the gate never blocks',
    ],
    [
      'fail-on none, scope all',
      [item('critical', 'existing')],
      [item('critical', 'existing')],
      'none',
      'all',
      false,
      'fail-on is none: the gate never blocks',
    ],
  ])('%s', (_name, findings, violations, failOn, scope, blocked, reason) => {
    const result = gate(findings, violations, failOn, scope);
    expect(result).toEqual({
      blocked,
      reason,
      blocking: blocked ? findings.concat(violations).filter((i) => blocks(i, failOn, scope)).length : 0,
    });
  });

  it('fail-on none never blocks, fixed never blocks, suppressed never blocks, whatever the rest', () => {
    const statuses = [undefined, 'new', 'existing', 'fixed'] as const;
    for (const severity of SEVERITIES)
      for (const status of statuses)
        for (const failOn of FAIL_ON_VALUES)
          for (const scope of FAIL_ON_SCOPES) {
            if (failOn === 'none') expect(blocks(item(severity, status), failOn, scope)).toBe(false);
            expect(blocks(item(severity, 'fixed'), failOn, scope)).toBe(false);
            expect(blocks(item(severity, status, SUPPRESSED), failOn, scope)).toBe(false);
            const expected =
              failOn !== 'none' &&
              status !== 'fixed' &&
              (scope === 'all' || status === 'new') &&
              SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(failOn);
            expect(blocks(item(severity, status), failOn, scope)).toBe(expected);
          }
  });

  it('the reason is one line', () => {
    const result = gate([item('critical', 'new')], [item('critical', 'new')], 'critical', 'new');
    expect(result.reason).toBe('1 new finding and 1 new policy violation at critical');
    expect(result.reason).not.toContain('\n');
  });
});

describe('CLI exit codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'api-posture-gate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const SPEC = (security: string) =>
    outdent(`
      openapi: 3.0.3
      info:
        title: Orders
        version: 1.0.0
        contact: { email: orders@example.com }
      servers:
        - url: https://api.example.com
      components:
        securitySchemes:
          oauth2:
            type: oauth2
            flows:
              clientCredentials:
                tokenUrl: https://auth.example.com/token
                scopes: { orders:write: Write orders }
      paths:
        /orders:
          post:
            summary: Create an order
            security: ${security}
            responses:
              '201': { description: Created }
              '401': { description: Unauthorized }
              '429': { description: Slow down }
    `);
  writeFileSync(join(dir, 'base.yaml'), SPEC('[{ oauth2: [orders:write] }]'));
  writeFileSync(join(dir, 'head.yaml'), SPEC('[]'));

  async function cli(args: string[], cwd = dir) {
    let stdout = '';
    let stderr = '';
    const code = await run(
      args,
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
      cwd,
    );
    return { code, stdout, stderr };
  }

  it('0 when nothing new blocks (the same document on both sides)', async () => {
    const { code, stderr } = await cli(['diff', 'base.yaml', 'base.yaml']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('1 when the PR removes authentication from an external write (new critical)', async () => {
    const { code, stdout } = await cli(['diff', 'base.yaml', 'head.yaml']);
    expect(code).toBe(1);
    expect(stdout).toContain('BLOCKED');
  });

  it('0 for the same PR with --fail-on none, and 0 for a scan with fail-on-scope new', async () => {
    expect((await cli(['diff', 'base.yaml', 'head.yaml', '--fail-on', 'none'])).code).toBe(0);
    expect((await cli(['scan', 'head.yaml'])).code).toBe(0);
    expect((await cli(['scan', 'head.yaml', '--fail-on-scope', 'all'])).code).toBe(1);
  });

  const BAD_POLICY = outdent(`
    policies:
      - name: require-authentication
        scope:
          classification: [external]
        rule:
          control: authentication
          requried: true
        severity: critical
  `);

  it('2 for a bad policy file: the message names file:line:column and the key, and has no stack trace', async () => {
    writeFileSync(join(dir, 'bad-policy.yml'), BAD_POLICY);
    const { code, stdout, stderr } = await cli([
      'diff',
      'base.yaml',
      'head.yaml',
      '--policies',
      'bad-policy.yml',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'api-posture: bad-policy.yml:7:7: policies[0].rule.requried: unknown key "requried"\n',
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('2 for a policy file that is not YAML, and for an alias bomb, without a stack trace', async () => {
    writeFileSync(join(dir, 'broken.yml'), 'policies:\n  - name: [unclosed\n');
    const broken = await cli(['scan', 'head.yaml', '--policies', 'broken.yml']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^api-posture: broken\.yml:\d+:\d+: invalid YAML: .+\n$/);
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'policies: []',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'bomb.yml'), bomb);
    const result = await cli(['scan', 'head.yaml', '--policies', 'bomb.yml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'api-posture: bomb.yml:1:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack\n',
    );
  });

  it('2 for a bad config file given with --config, and for a bad .github/api-posture.yml found by default', async () => {
    writeFileSync(join(dir, 'config.yml'), 'gateway:\n  enforces: [rate-limiting, waf]\n');
    const flagged = await cli(['diff', 'base.yaml', 'head.yaml', '--config', 'config.yml']);
    expect(flagged.code).toBe(2);
    expect(flagged.stdout).toBe('');
    expect(flagged.stderr).toBe(
      'api-posture: config.yml:2:29: gateway.enforces[1]: "waf" must be one of "rate-limiting", "security-headers", "cors"\n',
    );

    const repo = join(dir, 'repo');
    mkdirSync(join(repo, '.github'), { recursive: true });
    writeFileSync(join(repo, 'head.yaml'), SPEC('[]'));
    writeFileSync(join(repo, '.github', 'api-posture.yml'), 'ignore:\n  - rule: auth-missing\n');
    const found = await cli(['scan', 'head.yaml'], repo);
    expect(found.code).toBe(2);
    expect(found.stderr).toBe(
      'api-posture: .github/api-posture.yml:2:5: ignore[0].reason: an ignore entry needs a `reason` saying why the finding is acceptable\n',
    );
    expect(found.stderr).not.toMatch(/\n\s+at /);
  });

  it('a good config changes the verdict: an ignore with a reason unblocks the PR', async () => {
    writeFileSync(
      join(dir, 'accept.yml'),
      outdent(`
        ignore:
          - rule: auth-missing
            endpoints: ['POST /orders']
            reason: Public order intake, protected by a signed payload
        rules:
          authz-no-401-403: off
      `),
    );
    writeFileSync(
      join(dir, 'no-policies.yml'),
      'policies:\n  - name: switched-off\n    enabled: false\n    rule: { documented: true }\n    severity: low\n',
    );
    const { code, stdout } = await cli([
      'diff',
      'base.yaml',
      'head.yaml',
      '--config',
      'accept.yml',
      '--policies',
      'no-policies.yml',
      '--format',
      'json',
    ]);
    expect(JSON.parse(stdout).summary.verdict).toBe('no new findings or policy violations at critical');
    expect(code).toBe(0);
  });
});

describe('the action without sources', () => {
  it('builds the analysis the engine would, without loading it', () => {
    for (const mode of ['diff', 'scan'] as const)
      for (const failOn of FAIL_ON_VALUES)
        for (const failOnScope of FAIL_ON_SCOPES)
          expect(nothingToAnalyse(mode, failOn, failOnScope)).toEqual(
            runEngine([], { mode, failOn, failOnScope }),
          );
  });
});

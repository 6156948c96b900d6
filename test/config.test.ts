// `.github/api-posture.yml`: loading and validation (exact messages with file:line:column and key), and
// what the engine derives from it: classification rules, gateway controls and headers, rule severities,
// and ignores with endpoint globs and expiry.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/errors.js';
import { type Config, EMPTY_CONFIG, loadConfig, normalizeOptions } from '../src/config/index.js';
import { configSchema } from '../src/config/schema.js';
import { type Analysis, runEngine } from '../src/engine.js';
import type { Finding } from '../src/findings.js';
import { loadSpec } from '../src/normalize/spec.js';
import { loadPolicies } from '../src/policy/load.js';
import { memoryReader, outdent } from './helpers/inline.js';

const FILE = '.github/api-posture.yml';

function configError(text: string): string {
  try {
    loadConfig(FILE, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const FULL = outdent(`
  # Every section of the config file.
  classification:
    default: internal
    rules:
      - classification: partner
        specs: ['apis/partners/**']
      - classification: external
        hosts: ['API.Example.com', '*.public.example.com']
      - classification: internal
        paths: ['/admin/**', '/internal/**']
      - classification: partner
        tags: partner-api
  gateway:
    headers: [Strict-Transport-Security, X-Content-Type-Options]
    enforces: [rate-limiting]
  rules:
    headers-missing-frame-options: off
    rate-limit-missing: high
  ignore:
    - rule: inventory-missing-owner
      reason: Ownership is tracked in the service catalogue
    - rule: security-headers
      endpoints: ['GET /health', '* /status']
      specs: ['apis/**']
      reason: Probes answer plain text to the load balancer
      expires: 2030-01-31
    - fingerprint: 0123456789abcdef
      reason: Reviewed in SEC-1234
      expires: '2026-06-30'
`);

describe('loading the config file', () => {
  it('reads a full example, with single values turned into lists', () => {
    const config = loadConfig(FILE, FULL);
    expect(config).toEqual({
      file: FILE,
      data: {
        classification: {
          default: 'internal',
          rules: [
            { classification: 'partner', specs: ['apis/partners/**'] },
            { classification: 'external', hosts: ['API.Example.com', '*.public.example.com'] },
            { classification: 'internal', paths: ['/admin/**', '/internal/**'] },
            { classification: 'partner', tags: ['partner-api'] },
          ],
        },
        gateway: {
          headers: ['Strict-Transport-Security', 'X-Content-Type-Options'],
          enforces: ['rate-limiting'],
        },
        rules: { 'headers-missing-frame-options': 'off', 'rate-limit-missing': 'high' },
        ignore: [
          { rule: 'inventory-missing-owner', reason: 'Ownership is tracked in the service catalogue' },
          {
            rule: 'security-headers',
            endpoints: ['GET /health', '* /status'],
            specs: ['apis/**'],
            reason: 'Probes answer plain text to the load balancer',
            expires: '2030-01-31',
          },
          { fingerprint: '0123456789abcdef', reason: 'Reviewed in SEC-1234', expires: '2026-06-30' },
        ],
      },
    });
  });

  it('accepts an empty file and a file with only comments', () => {
    expect(loadConfig(FILE, '').data).toEqual({});
    expect(loadConfig(FILE, '# nothing configured yet\n').data).toEqual({});
  });

  it.each([
    [
      'an unknown top-level key',
      'gateway:\n  enforces: [cors]\nrate_limits: true\n',
      `${FILE}:3:1: rate_limits: unknown key "rate_limits"`,
    ],
    [
      'an unknown key in a section',
      'gateway:\n  header: [Strict-Transport-Security]\n',
      `${FILE}:2:3: gateway.header: unknown key "header"`,
    ],
    [
      'an unknown key in an ignore entry',
      'ignore:\n  - rule: rate-limit-missing\n    reason: gateway\n    until: 2030-01-01\n',
      `${FILE}:4:5: ignore[0].until: unknown key "until"`,
    ],
    [
      'an unknown rule id under rules',
      'rules:\n  auth-mising: off\n',
      `${FILE}:2:3: rules.auth-mising: unknown rule id "auth-mising"`,
    ],
    [
      'a rule id that is not kebab-case',
      'rules:\n  Auth-Missing: off\n',
      `${FILE}:2:3: rules.Auth-Missing: rule ids are kebab-case`,
    ],
    [
      'a bad rule severity',
      'rules:\n  auth-missing: hihg\n',
      `${FILE}:2:17: rules.auth-missing: "hihg" must be one of "critical", "high", "medium", "low", "info", "off"`,
    ],
    [
      'an ignore without a reason',
      'ignore:\n  - rule: rate-limit-missing\n',
      `${FILE}:2:5: ignore[0].reason: an ignore entry needs a \`reason\` saying why the finding is acceptable`,
    ],
    [
      'an ignore with a blank reason',
      "ignore:\n  - rule: rate-limit-missing\n    reason: '  '\n",
      `${FILE}:3:13: ignore[0].reason: say why the finding is acceptable`,
    ],
    [
      'an ignore with neither rule nor fingerprint',
      "ignore:\n  - endpoints: ['GET /health']\n    reason: probes\n",
      `${FILE}:2:5: ignore[0]: an ignore entry needs a \`rule\` or a \`fingerprint\``,
    ],
    [
      'an ignore naming an unknown rule',
      'ignore:\n  - rule: rate-limiting-missing\n    reason: gateway\n',
      `${FILE}:2:11: ignore[0].rule: "rate-limiting-missing" is neither a rule id nor a category`,
    ],
    [
      'a malformed fingerprint',
      'ignore:\n  - fingerprint: abc\n    reason: reviewed\n',
      `${FILE}:2:18: ignore[0].fingerprint: a fingerprint is 16 hex characters`,
    ],
    [
      'an expires that is not a date',
      'ignore:\n  - rule: rate-limit-missing\n    reason: gateway\n    expires: next quarter\n',
      `${FILE}:4:14: ignore[0].expires: must be a date written YYYY-MM-DD`,
    ],
    [
      'an expires with month 13',
      'ignore:\n  - rule: rate-limit-missing\n    reason: gateway\n    expires: 2030-13-01\n',
      `${FILE}:4:14: ignore[0].expires: must be a date written YYYY-MM-DD`,
    ],
    [
      'an expires on a day the month does not have',
      'ignore:\n  - rule: rate-limit-missing\n    reason: gateway\n    expires: 2030-02-30\n',
      `${FILE}:4:14: ignore[0].expires: must be a date written YYYY-MM-DD`,
    ],
    [
      'an expires written day first',
      "ignore:\n  - rule: rate-limit-missing\n    reason: gateway\n    expires: '31/01/2030'\n",
      `${FILE}:4:14: ignore[0].expires: must be a date written YYYY-MM-DD`,
    ],
    [
      'a bad default classification',
      'classification:\n  default: public\n',
      `${FILE}:2:12: classification.default: "public" must be one of "external", "internal", "partner", "shadow", "deprecated"`,
    ],
    [
      'a bad classification in a rule',
      "classification:\n  rules:\n    - classification: privat\n      paths: ['/x/**']\n",
      `${FILE}:3:23: classification.rules[0].classification: "privat" must be one of "external", "internal", "partner", "shadow", "deprecated"`,
    ],
    [
      'a classification rule with an unknown matcher',
      "classification:\n  rules:\n    - classification: internal\n      servers: ['*.corp']\n",
      `${FILE}:4:7: classification.rules[0].servers: unknown key "servers"`,
    ],
    [
      'a bad gateway control',
      'gateway:\n  enforces: [rate-limiting, waf]\n',
      `${FILE}:2:29: gateway.enforces[1]: "waf" must be one of "rate-limiting", "security-headers", "cors"`,
    ],
    [
      'invalid YAML',
      'gateway:\n  enforces: [cors\n',
      `${FILE}:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ],
    [
      'a duplicate key',
      'rules:\n  auth-missing: off\n  auth-missing: low\n',
      `${FILE}:3:3: invalid YAML: Map keys must be unique`,
    ],
    [
      'a list at the top level',
      '- rules\n',
      `${FILE}:1:1: (top level): ["rules"] Invalid input: expected object, received array`,
    ],
  ])('rejects %s', (_name, text, message) => {
    expect(configError(text)).toBe(message);
  });

  it('the error carries file, line and column separately', () => {
    try {
      loadConfig(FILE, 'gateway:\n  enforces: [rate-limiting, waf]\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ file: FILE, line: 2, column: 29 });
    }
  });
});

describe('classification rules (through normalizeOptions and the loader)', () => {
  const CONFIG = loadConfig(FILE, FULL);
  const doc = outdent(`
    openapi: 3.0.3
    info: { title: Mixed, version: '1' }
    servers:
      - url: https://internal.corp.example.net
    paths:
      /public:
        get:
          summary: On the public host
          servers: [{ url: 'https://api.example.com/v1' }]
          responses: { '200': { description: ok } }
      /shop:
        get:
          summary: On a public subdomain, host written in capitals
          servers: [{ url: 'https://EU.Public.Example.com' }]
          responses: { '200': { description: ok } }
      /admin/users/{id}:
        get:
          summary: Admin path on the public host (the host rule comes first)
          servers: [{ url: 'https://api.example.com/v1' }]
          responses: { '200': { description: ok } }
      /admin/jobs:
        get:
          summary: Admin path on the internal host
          responses: { '200': { description: ok } }
      /feeds:
        get:
          summary: Tagged for partners
          tags: [partner-api]
          responses: { '200': { description: ok } }
      /other:
        get:
          summary: Nothing matches; the default applies
          responses: { '200': { description: ok } }
      /declared:
        get:
          summary: The document says external; it wins over the config
          x-api-classification: external
          responses: { '200': { description: ok } }
      /old:
        get:
          summary: Deprecated wins over the config
          deprecated: true
          servers: [{ url: 'https://api.example.com/v1' }]
          responses: { '200': { description: ok } }
  `);

  const classes = (specPath: string, config: Config = CONFIG) => {
    const loaded = loadSpec(memoryReader({ [specPath]: doc }), specPath, normalizeOptions(config, specPath));
    expect(loaded.problems).toEqual([]);
    return Object.fromEntries(loaded.model!.endpoints.map((e) => [e.id, e.classification]));
  };

  it('applies hosts (case-insensitively), paths, tags and the default in rule order', () => {
    expect(classes('apis/shop/openapi.yaml')).toEqual({
      'GET /public': 'external',
      'GET /shop': 'external',
      'GET /admin/users/{}': 'external',
      'GET /admin/jobs': 'internal',
      'GET /feeds': 'partner',
      'GET /other': 'internal',
      'GET /declared': 'external',
      'GET /old': 'deprecated',
    });
  });

  it('a specs glob classifies every endpoint of the matching documents', () => {
    expect(classes('apis/partners/feeds.yaml')).toEqual({
      'GET /public': 'partner',
      'GET /shop': 'partner',
      'GET /admin/users/{}': 'partner',
      'GET /admin/jobs': 'partner',
      'GET /feeds': 'partner',
      'GET /other': 'partner',
      'GET /declared': 'external',
      'GET /old': 'deprecated',
    });
  });

  it('without a config everything unclassified is external (the conservative default)', () => {
    const all = classes('openapi.yaml', EMPTY_CONFIG);
    expect(
      Object.values(all)
        .filter((c) => c !== 'external')
        .sort(),
    ).toEqual(['deprecated']);
    expect(normalizeOptions(EMPTY_CONFIG, 'openapi.yaml')).toEqual({ classify: undefined });
  });

  it('paths globs match the path as written, braces included', () => {
    const config = loadConfig(
      FILE,
      "classification:\n  rules:\n    - classification: shadow\n      paths: ['/admin/users/{id}']\n",
    );
    expect(classes('openapi.yaml', config)['GET /admin/users/{}']).toBe('shadow');
    expect(classes('openapi.yaml', config)['GET /admin/jobs']).toBe('external');
  });

  it('the engine uses the classification rules and the score follows the classification', () => {
    const analysis = runEngine(
      [{ path: 'apis/shop/openapi.yaml', head: { reader: memoryReader({ 'x.yaml': doc }), path: 'x.yaml' } }],
      { mode: 'scan', config: CONFIG, failOn: 'critical', failOnScope: 'new' },
    );
    const endpoints = analysis.specs[0]!.head.model!.endpoints;
    expect(endpoints.find((e) => e.id === 'GET /admin/jobs')!.classification).toBe('internal');
    expect(endpoints.find((e) => e.id === 'GET /public')!.classification).toBe('external');
  });
});

describe('what the config changes in the assessment', () => {
  const doc = outdent(`
    openapi: 3.0.3
    info:
      title: Orders
      version: '1'
      contact: { email: orders@example.com }
    servers:
      - url: https://api.example.com
    components:
      securitySchemes:
        bearer: { type: http, scheme: bearer }
    security:
      - bearer: []
    paths:
      /orders:
        get:
          summary: List orders
          responses:
            '200':
              description: Orders
              headers:
                Access-Control-Allow-Origin:
                  schema: { type: string, enum: ['*'] }
              content:
                text/html:
                  schema: { type: string, maxLength: 100 }
            '401': { description: Unauthorized }
      /health:
        get:
          summary: Liveness probe
          security: []
          responses:
            '200': { description: Up }
      /status:
        get:
          summary: Readiness probe
          security: []
          responses:
            '200': { description: Ready }
  `);

  function scan(configText: string | undefined, today = '2025-06-01', policies = ''): Analysis {
    return runEngine(
      [
        {
          path: 'apis/orders.yaml',
          head: { reader: memoryReader({ 'orders.yaml': doc }), path: 'orders.yaml' },
        },
      ],
      {
        mode: 'scan',
        config: configText === undefined ? EMPTY_CONFIG : loadConfig(FILE, configText),
        policies: policies ? loadPolicies('policies.yml', policies) : [],
        failOn: 'critical',
        failOnScope: 'new',
        today,
      },
    );
  }
  const findings = (analysis: Analysis) => analysis.specs[0]!.findings;
  const ids = (list: Finding[], endpoint?: string) =>
    [...new Set(list.filter((f) => !endpoint || f.endpoint === endpoint).map((f) => f.ruleId))].sort();
  const active = (analysis: Analysis) => findings(analysis).filter((f) => !f.suppressed);
  /** The ids a gateway setting can silence: other checks may fire on the same document without concern here. */
  const gatewayIds = (list: Finding[], endpoint: string) =>
    ids(list, endpoint).filter((id) => /^(headers|rate-limit|cors)-/.test(id));

  it('without a config, the document raises header, rate-limit and CORS findings', () => {
    expect(gatewayIds(findings(scan(undefined)), 'GET /orders')).toEqual([
      'cors-wildcard-origin',
      'headers-missing-cache-control',
      'headers-missing-frame-options',
      'headers-missing-hsts',
      'headers-missing-nosniff',
      'rate-limit-missing',
    ]);
  });

  it('gateway.headers silences exactly the checks of the listed headers, whatever their case', () => {
    const analysis = scan('gateway:\n  headers: [strict-transport-security, X-CONTENT-TYPE-OPTIONS]\n');
    expect(gatewayIds(findings(analysis), 'GET /orders')).toEqual([
      'cors-wildcard-origin',
      'headers-missing-cache-control',
      'headers-missing-frame-options',
      'rate-limit-missing',
    ]);
  });

  it.each([
    ['rate-limiting', ['rate-limit-missing']],
    [
      'security-headers',
      [
        'headers-missing-cache-control',
        'headers-missing-frame-options',
        'headers-missing-hsts',
        'headers-missing-nosniff',
      ],
    ],
    ['cors', ['cors-wildcard-origin']],
  ])('gateway.enforces [%s] silences %j and nothing else', (control, silenced) => {
    const before = ids(findings(scan(undefined)));
    const after = ids(findings(scan(`gateway:\n  enforces: [${control}]\n`)));
    expect(before.filter((id) => !after.includes(id))).toEqual(silenced);
    expect(after.filter((id) => !before.includes(id))).toEqual([]);
  });

  it('gateway.enforces [rate-limiting] also satisfies the seed rate-limiting policy', () => {
    const policy = outdent(`
      policies:
        - name: require-rate-limiting
          scope: { classification: [external] }
          rule: { control: rate_limiting, required: true }
          severity: high
    `);
    expect(scan(undefined, '2025-06-01', policy).specs[0]!.violations.map((v) => v.endpoint)).toEqual([
      'GET /orders',
      'GET /health',
      'GET /status',
    ]);
    expect(
      scan('gateway:\n  enforces: [rate-limiting]\n', '2025-06-01', policy).specs[0]!.violations,
    ).toEqual([]);
  });

  it('gateway.headers also satisfies a header_present policy', () => {
    const policy =
      'policies:\n  - name: hsts\n    rule: { header_present: Strict-Transport-Security }\n    severity: low\n';
    expect(scan(undefined, '2025-06-01', policy).specs[0]!.violations).toHaveLength(3);
    expect(
      scan('gateway:\n  headers: [Strict-Transport-Security]\n', '2025-06-01', policy).specs[0]!.violations,
    ).toEqual([]);
  });

  it('rules: { id: off } removes the rule; rules: { id: severity } overrides its severity everywhere', () => {
    const analysis = scan('rules:\n  headers-missing-hsts: off\n  rate-limit-missing: critical\n');
    expect(ids(findings(analysis))).not.toContain('headers-missing-hsts');
    const rateLimit = findings(analysis).filter((f) => f.ruleId === 'rate-limit-missing');
    expect(rateLimit).toHaveLength(3);
    expect(rateLimit.every((f) => f.severity === 'critical')).toBe(true);
    // The overridden severity drives the score and the gate.
    expect(analysis.specs[0]!.scores.get('GET /health')!.head!.level).toBe('critical');
    const lowered = findings(scan('rules:\n  cors-wildcard-origin: info\n')).find(
      (f) => f.ruleId === 'cors-wildcard-origin',
    );
    expect(lowered?.severity).toBe('info');
  });

  it('ignores suppress by rule id or category, limited by endpoint globs, with reason and source', () => {
    const analysis = scan(
      outdent(`
        ignore:
          - rule: security-headers
            endpoints: ['GET /health', '* /status']
            reason: Probes answer plain text to the load balancer
          - rule: rate-limit-missing
            endpoints: ['GET /h*']
            reason: Health checks are not rate limited
      `),
    );
    const suppressed = findings(analysis).filter((f) => f.suppressed);
    expect([...new Set(suppressed.map((f) => f.endpoint))].sort()).toEqual(['GET /health', 'GET /status']);
    expect(ids(suppressed, 'GET /health')).toEqual(['headers-missing-hsts', 'rate-limit-missing']);
    expect(ids(suppressed, 'GET /status')).toEqual(['headers-missing-hsts']);
    expect(ids(active(analysis), 'GET /status')).toEqual(['auth-missing', 'rate-limit-missing']);
    expect(suppressed.find((f) => f.ruleId === 'rate-limit-missing')!.suppressed).toEqual({
      reason: 'Health checks are not rate limited',
      source: `${FILE} ignore[1]`,
    });
    // Nothing on /orders is touched.
    expect(findings(analysis).filter((f) => f.endpoint === 'GET /orders' && f.suppressed)).toEqual([]);
  });

  it('an ignore stops suppressing after its expiry date, and still suppresses on the day itself', () => {
    const config = 'ignore:\n  - rule: cors\n    reason: Public data\n    expires: 2025-06-01\n';
    const cors = (today: string) => findings(scan(config, today)).filter((f) => f.category === 'cors');
    expect(cors('2025-05-31').every((f) => f.suppressed?.expires === '2025-06-01')).toBe(true);
    expect(cors('2025-06-01').every((f) => f.suppressed !== undefined)).toBe(true);
    expect(cors('2025-06-02')).not.toHaveLength(0);
    expect(cors('2025-06-02').every((f) => f.suppressed === undefined)).toBe(true);
  });

  it('an ignore by fingerprint suppresses that one finding only', () => {
    const target = findings(scan(undefined)).find(
      (f) => f.ruleId === 'headers-missing-hsts' && f.endpoint === 'GET /status',
    )!;
    const analysis = scan(
      `ignore:\n  - fingerprint: ${target.fingerprint}\n    reason: Reviewed in SEC-1234\n`,
    );
    expect(
      findings(analysis)
        .filter((f) => f.suppressed)
        .map((f) => [f.ruleId, f.endpoint]),
    ).toEqual([['headers-missing-hsts', 'GET /status']]);
  });

  it('an ignore limited to other specs does not apply', () => {
    const config = "ignore:\n  - rule: cors\n    specs: ['apis/payments/**']\n    reason: Public data\n";
    expect(findings(scan(config)).filter((f) => f.suppressed)).toEqual([]);
    const matching = "ignore:\n  - rule: cors\n    specs: ['apis/*.yaml']\n    reason: Public data\n";
    expect(
      findings(scan(matching))
        .filter((f) => f.suppressed)
        .map((f) => f.ruleId),
    ).toEqual(['cors-wildcard-origin']);
  });

  it('suppressed findings no longer count for the score', () => {
    const before = scan(undefined).specs[0]!.scores.get('GET /orders')!.head!;
    const after = scan('ignore:\n  - rule: cors\n    reason: Public data\n').specs[0]!.scores.get(
      'GET /orders',
    )!.head!;
    expect(before.breakdown.some((l) => l.startsWith('cors-wildcard-origin'))).toBe(true);
    expect(after.breakdown.some((l) => l.startsWith('cors-wildcard-origin'))).toBe(false);
    expect(after.score).toBeLessThan(before.score);
  });
});

describe('the documented config file', () => {
  it('docs/policies.md shows a config that loads, with every top-level key', () => {
    const text = readFileSync(new URL('../docs/policies.md', import.meta.url), 'utf8');
    const section = text.slice(text.indexOf('## The config file'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const config = loadConfig(FILE, block!);
    expect(Object.keys(config.data).sort()).toEqual(Object.keys(configSchema.shape).sort());
    expect(config.data.remoteRefs?.allow).toEqual(['https://schemas.example.com/shared/']);
  });

  it('names the bad remote prefix with its line', () => {
    expect(configError("remoteRefs:\n  allow: ['ftp://x/']\n")).toMatch(
      /^\.github\/api-posture\.yml:2:11: remoteRefs\.allow\[0\]: "ftp:\/\/x\/" is not an http\(s\) URL/,
    );
  });
});

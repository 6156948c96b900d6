// Input rules on the shapes of real pull requests (issue 16, session 9): each negative case is a small excerpt
// of a real document pair of the signal corpus whose finding was judged noise (Directus 9 → 10, Plaid, Azure
// API Management, Twilio, GitHub, Netlify); each positive case is the same shape with the real weakening
// the rule exists for, which must stay reported.
import { describe, expect, it } from 'vitest';
import { assessReal } from './real.js';

// biome-ignore lint/suspicious/noExplicitAny: inline documents are built and edited by hand
type Obj = Record<string, any>;

/** A one-operation document: `operation` holds the parameters and request body. */
function doc(path: string, method: string, operation: Obj): Obj {
  return {
    openapi: '3.0.3',
    info: { title: 'Excerpt', version: '1' },
    servers: [{ url: 'https://api.example.com' }],
    security: [{ key: [] }],
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
    paths: { [path]: { [method]: { ...operation, responses: { '200': { description: 'OK' } } } } },
  };
}

const jsonBody = (schema: Obj | undefined) => ({
  requestBody: { content: { 'application/json': schema === undefined ? {} : { schema } } },
});

const loosened = (base: Obj, head: Obj) =>
  assessReal(['input-constraint-loosened'], head, base).map(
    (f) => `${f.severity} ${f.message.replace(/^.*?`: /, '')}`,
  );

describe('input-constraint-loosened: what the request lost, not how it is described', () => {
  // Directus 9's `filter`: an array of strings checked by a pattern; Directus 10: a JSON object (`content`).
  const filter9 = {
    name: 'filter',
    in: 'query',
    schema: {
      type: 'array',
      items: { type: 'string', pattern: '^(\\[[^\\[\\]]*?\\]){1}(\\[(_eq|_neq|_lt)\\])?=.*?$' },
    },
  };
  const filter10 = {
    name: 'filter',
    in: 'query',
    content: { 'application/json': { schema: { type: 'object', example: { '<field>': { _eq: 1 } } } } },
  };

  it('Directus `filter`: pattern-checked array re-described as a JSON object is a format change, not a loosening', () => {
    const base = doc('/activity', 'get', { parameters: [filter9] });
    const head = doc('/activity', 'get', { parameters: [filter10] });
    expect(loosened(base, head)).toEqual([]);
  });

  it('the same array losing its item pattern is still medium', () => {
    const base = doc('/activity', 'get', { parameters: [filter9] });
    const head = doc('/activity', 'get', {
      parameters: [{ ...filter9, schema: { type: 'array', items: { type: 'string' } } }],
    });
    expect(loosened(base, head)).toEqual([
      'medium query parameter `filter` `[]`: pattern `^(\\[[^\\[\\]]*?\\]){1}(\\[(_eq|_neq|_lt)\\])?=.*?$` removed',
    ]);
  });

  it('Directus `/auth/refresh`: a `required: [token]` naming no declared property (the field is `refresh_token`) dropped is nothing', () => {
    const refreshToken = {
      type: 'string',
      description: "JWT access token you want to refresh. This token can't be expired.",
    };
    const base = doc('/auth/refresh', 'post', {
      ...jsonBody({ type: 'object', required: ['token'], properties: { refresh_token: refreshToken } }),
    });
    const head = doc('/auth/refresh', 'post', {
      ...jsonBody({
        type: 'object',
        properties: { refresh_token: refreshToken, mode: { type: 'string', enum: ['json', 'cookie'] } },
      }),
    });
    expect(loosened(base, head)).toEqual([]);
  });

  it('a declared `token` no longer required is still medium; so is one an `allOf` sibling declares', () => {
    const token = { type: 'string' };
    const base = doc('/auth/refresh', 'post', {
      ...jsonBody({ type: 'object', required: ['token'], properties: { token } }),
    });
    const head = doc('/auth/refresh', 'post', { ...jsonBody({ type: 'object', properties: { token } }) });
    expect(loosened(base, head)).toEqual([
      'medium request body application/json: no longer requires `token`',
    ]);

    const composed = (required: string[]) =>
      doc('/auth/refresh', 'post', {
        ...jsonBody({
          allOf: [
            { type: 'object', properties: { token } },
            { type: 'object', properties: { mode: { type: 'string' } }, required },
          ],
        }),
      });
    expect(loosened(composed(['token']), composed([]))).toEqual([
      'medium request body application/json `(allOf[1])`: no longer requires `token`',
    ]);
  });

  // Azure API Management 2019: the authorization server's fields moved into the ARM `properties` envelope.
  const server = {
    authorizationEndpoint: { type: 'string', description: 'OAuth authorization endpoint.' },
    clientId: { type: 'string', description: 'Client or app id registered with this authorization server.' },
  };
  const azurePath = '/authorizationServers/{authsid}';
  const azureBase = doc(azurePath, 'put', {
    ...jsonBody({ type: 'object', required: ['authorizationEndpoint', 'clientId'], properties: server }),
  });

  it('Azure: fields moved into a new `properties` envelope that requires them are still required', () => {
    const head = doc(azurePath, 'put', {
      ...jsonBody({
        type: 'object',
        properties: {
          properties: { type: 'object', required: ['authorizationEndpoint', 'clientId'], properties: server },
        },
      }),
    });
    expect(loosened(azureBase, head)).toEqual([]);
  });

  it('moved into an envelope that does not require them, `authorizationEndpoint` is still medium', () => {
    const head = doc(azurePath, 'put', {
      ...jsonBody({ type: 'object', properties: { properties: { type: 'object', properties: server } } }),
    });
    expect(loosened(azureBase, head)).toEqual([
      'medium request body application/json: no longer requires `authorizationEndpoint`, `clientId`',
    ]);
  });

  // Plaid: `search_terms` listed the API credentials, which the body also takes at its top level.
  const credentials = { client_id: { type: 'string' }, secret: { type: 'string' } };
  const searchTerms = (withCredentials: boolean): Obj => ({
    type: 'object',
    required: ['entity_watchlist_program_id', ...(withCredentials ? ['client_id', 'secret'] : [])],
    properties: {
      entity_watchlist_program_id: { type: 'string' },
      legal_name: { type: 'string' },
      ...(withCredentials ? credentials : {}),
    },
  });
  const plaid = (withCredentials: boolean, topLevel: boolean) =>
    doc('/watchlist_screening/entity/update', 'post', {
      ...jsonBody({
        type: 'object',
        required: ['entity_watchlist_screening_id'],
        properties: {
          entity_watchlist_screening_id: { type: 'string' },
          ...(topLevel ? credentials : {}),
          search_terms: searchTerms(withCredentials),
        },
      }),
    });

  it('Plaid: `search_terms.client_id`/`secret` removed while the body still takes them at its top level is nothing', () => {
    expect(loosened(plaid(true, true), plaid(false, true))).toEqual([]);
  });

  it('the same credentials removed from a request that no longer takes them anywhere are still medium', () => {
    expect(loosened(plaid(true, false), plaid(false, false))).toEqual([
      'medium request body application/json `search_terms`: no longer requires `client_id`, `secret`',
    ]);
  });

  // Twilio's call payment `Parameter`: a free-form object (no properties) losing `type: object`.
  const twilio = (parameter: Obj) =>
    doc('/Calls/{CallSid}/Payments.json', 'post', {
      requestBody: {
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              properties: { Parameter: parameter, IdempotencyKey: { type: 'string' } },
            },
          },
        },
      },
    });
  const described = {
    description: 'A single-level JSON object used to pass custom parameters to payment processors.',
  };

  it('Twilio `Parameter`: a free-form object losing its type checked nothing before: nothing', () => {
    expect(loosened(twilio({ ...described, type: 'object' }), twilio(described))).toEqual([]);
  });

  it('a string losing its type, or an object with properties losing its schema, is still medium', () => {
    expect(loosened(twilio({ ...described, type: 'string' }), twilio(described))).toEqual([
      'medium request body application/x-www-form-urlencoded `Parameter`: type string removed',
    ]);
    const base = doc('/items/{collection}', 'post', {
      ...jsonBody({ type: 'object', properties: { title: { type: 'string' } } }),
    });
    const head = doc('/items/{collection}', 'post', jsonBody(undefined));
    expect(loosened(base, head)).toEqual([
      'medium request body application/json: schema removed: any value is accepted',
    ]);
  });

  it('Directus `POST /items/{collection}`: `{ type: object }` removed is nothing', () => {
    const base = doc('/items/{collection}', 'post', jsonBody({ type: 'object' }));
    const head = doc('/items/{collection}', 'post', jsonBody(undefined));
    expect(loosened(base, head)).toEqual([]);
  });

  // GitHub private registries: the secret is required for token auth only, said in each field's description.
  const registry = (required: string[], when: string) =>
    doc('/orgs/{org}/private-registries', 'post', {
      ...jsonBody({
        type: 'object',
        required,
        properties: {
          url: { type: 'string' },
          encrypted_value: {
            type: 'string',
            description: `The value for your secret, encrypted with LibSodium. Required when \`auth_type\` is \`${when}\` or \`username_password\`. Should be omitted for OIDC auth types.`,
          },
          auth_type: { type: 'string', enum: ['token', 'username_password', 'oidc_aws'] },
        },
      }),
    });

  it('GitHub: `encrypted_value` "Required when `auth_type` is `token`", a value of the sibling enum, is a conditional requirement', () => {
    expect(loosened(registry(['url', 'encrypted_value'], 'token'), registry(['url'], 'token'))).toEqual([]);
  });

  it('a condition naming a value the sibling does not take is no condition: still medium', () => {
    expect(loosened(registry(['url', 'encrypted_value'], 'basic'), registry(['url'], 'basic'))).toEqual([
      'medium request body application/json: no longer requires `encrypted_value`',
    ]);
  });
});

describe('input-body-without-schema: a body free-form before and after is no new finding', () => {
  const body = (schema: Obj | undefined) =>
    assessReal(['input-body-without-schema'], doc('/items/{collection}', 'post', jsonBody(schema)));

  it('Directus items: `{ type: object }` is low, no schema medium, under one fingerprint', () => {
    const [freeForm] = body({ type: 'object' });
    const [none] = body(undefined);
    expect(freeForm?.severity).toBe('low');
    expect(none?.severity).toBe('medium');
    expect(freeForm?.fingerprint).toBe(none?.fingerprint);
  });

  it('a body with properties or a typed map is not reported', () => {
    expect(body({ type: 'object', properties: { title: { type: 'string' } } })).toEqual([]);
    expect(body({ type: 'object', additionalProperties: { type: 'string' } })).toEqual([]);
    expect(body({ type: 'array', items: { type: 'object' } })).toEqual([]);
  });
});

describe('input-mass-assignment: `scope` as where a setting applies', () => {
  const severity = (path: string, scope: Obj) =>
    assessReal(
      ['input-mass-assignment'],
      doc(path, 'post', {
        ...jsonBody({
          type: 'object',
          required: ['workflow_file_path'],
          properties: { workflow_file_path: { type: 'string' }, scope },
        }),
      }),
    ).map((f) => f.severity);

  it('GitHub required workflows `scope: all|selected` and Netlify env `scopes: builds|functions` are not privileged', () => {
    const path = '/orgs/{org}/actions/required_workflows';
    expect(
      severity(path, {
        type: 'string',
        enum: ['selected', 'all'],
        description:
          'Enable the required workflow for all repositories or selected repositories in the organization.',
      }),
    ).toEqual(['low']);
    expect(
      severity('/accounts/{account_id}/env/{key}', {
        type: 'array',
        items: { type: 'string', enum: ['builds', 'functions', 'runtime', 'post-processing'] },
        description: 'The scopes that this environment variable is set to (Pro plans and above)',
      }),
    ).toEqual(['low']);
  });

  it('an OAuth scope list, an access description or a free string is still medium', () => {
    const path = '/apps/{app}/tokens';
    expect(severity(path, { type: 'array', items: { type: 'string', enum: ['repo', 'read:org'] } })).toEqual([
      'medium',
    ]);
    expect(
      severity(path, {
        type: 'string',
        enum: ['basic', 'full'],
        description: 'The access the token grants.',
      }),
    ).toEqual(['medium']);
    expect(severity(path, { type: 'string' })).toEqual(['medium']);
  });
});

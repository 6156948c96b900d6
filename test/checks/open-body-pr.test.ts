// input-mass-assignment in a pull request: an added endpoint taking the body the base already takes open
// (same component or properties), or a new open body in a document that closes no object anywhere, inherits
// the base's debt; a privileged field the base does not take, or makes writable, stays new. Excerpts of the
// real documents' shapes (test/signal/cache/pairs/{gcp-cloudidentity-devices,swaggerhub-anonymous-reads}).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine.js';
import type { Finding } from '../../src/findings.js';
import { loadBuiltinPolicies } from '../../src/policy/load.js';
import { loadInline } from '../helpers/inline.js';

const RULE = 'input-mass-assignment';
const POLICIES = loadBuiltinPolicies('default')!;
type Json = Record<string, unknown>;

function pr(base: Json, head: Json): Finding[] {
  const load = (d: Json) => loadInline(JSON.stringify(d), 'api.json');
  const analysis = analyze('diff', [{ path: 'api.json', base: load(base), head: load(head) }], {
    policies: POLICIES,
  });
  return analysis.specs[0]!.findings.filter((f) => f.ruleId === RULE);
}
const statusOn = (findings: Finding[], endpoint: string) =>
  findings.filter((f) => f.endpoint === endpoint).map((f) => [f.severity, f.status]);

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: Json) => ({ requestBody: { content: { 'application/json': { schema } } } });
const op = (extra: Json = {}) => ({ ...extra, responses: { 200: { description: 'ok' } } });
const STRING = { type: 'string' };

describe('input-mass-assignment: the same body the base takes open', () => {
  // Google Cloud Identity: the base's v1 group and membership writes take `Group`/`Membership` (no
  // `additionalProperties: false`, "Output only." in prose); the head's v1beta1 writes take the same
  // components, which now mark the output fields `readOnly` (medium) and gained fields.
  const OAUTH = { Oauth2: ['https://www.googleapis.com/auth/cloud-identity.groups'] };
  const gcp = (version: string, schemas: Json, extraPaths: Json = {}) => ({
    openapi: '3.0.0',
    info: { title: 'Cloud Identity API', version },
    servers: [{ url: 'https://cloudidentity.googleapis.com/' }],
    security: [OAUTH],
    components: {
      securitySchemes: {
        Oauth2: {
          type: 'oauth2',
          flows: {
            implicit: {
              authorizationUrl: 'https://accounts.google.com/o/oauth2/auth',
              scopes: { 'https://www.googleapis.com/auth/cloud-identity.groups': 'groups' },
            },
          },
        },
      },
      schemas,
    },
    paths: {
      [`/${version}/groups`]: { post: op(jsonBody(ref('Group'))) },
      [`/${version}/{name}`]: {
        parameters: [{ name: 'name', in: 'path', required: true, schema: STRING }],
        patch: op(jsonBody(ref('Group'))),
      },
      [`/${version}/{parent}/memberships`]: {
        parameters: [{ name: 'parent', in: 'path', required: true, schema: STRING }],
        post: op(jsonBody(ref('Membership'))),
      },
      ...extraPaths,
    },
  });
  const outputOnly = (readOnly: boolean) => ({
    type: 'string',
    description: 'Output only. The time when the `Group` was created.',
    ...(readOnly ? { readOnly: true } : {}),
  });
  const group = (readOnly: boolean, extra: Json = {}) => ({
    type: 'object',
    description: 'A group within the Cloud Identity Groups API.',
    properties: {
      createTime: outputOnly(readOnly),
      description: STRING,
      displayName: STRING,
      groupKey: { type: 'object', properties: { id: STRING, namespace: STRING } },
      labels: { type: 'object', additionalProperties: STRING },
      name: outputOnly(readOnly),
      parent: STRING,
      updateTime: outputOnly(readOnly),
      ...extra,
    },
  });
  const membership = (readOnly: boolean, extra: Json = {}) => ({
    type: 'object',
    properties: {
      createTime: outputOnly(readOnly),
      name: outputOnly(readOnly),
      preferredMemberKey: { type: 'object', properties: { id: STRING } },
      roles: { type: 'array', items: { type: 'object', properties: { name: STRING } } },
      updateTime: outputOnly(readOnly),
      ...extra,
    },
  });
  // A closed object elsewhere: the document-wide convention does not apply, only the same body does.
  const closed = { Empty: { type: 'object', additionalProperties: false, properties: {} } };
  const base = gcp('v1', { Group: group(false), Membership: membership(false), ...closed });
  const ADDED = ['POST /v1beta1/groups', 'PATCH /v1beta1/{}', 'POST /v1beta1/{}/memberships'];

  it('Google: added v1beta1 writes taking the base’s `Group` and `Membership`, now with read-only output fields, are existing', () => {
    const head = gcp('v1beta1', {
      Group: group(true, { additionalGroupKeys: { type: 'array', items: STRING } }),
      Membership: membership(true, { type: { ...STRING, readOnly: true } }),
      ...closed,
    });
    const findings = pr(base, head);
    for (const endpoint of ADDED) expect(statusOn(findings, endpoint)).toEqual([['medium', 'existing']]);
  });

  it('a privileged field new to the body, made writable, or added read-only stays new', () => {
    const withRole = gcp('v1beta1', {
      Group: group(true, { role: STRING }),
      Membership: membership(true),
      ...closed,
    });
    expect(statusOn(pr(base, withRole), 'POST /v1beta1/groups')).toEqual([['medium', 'new']]);
    expect(statusOn(pr(base, withRole), 'POST /v1beta1/{}/memberships')).toEqual([['medium', 'existing']]);

    const owned = gcp('v1', {
      Group: group(false, { owner: { ...STRING, readOnly: true } }),
      Membership: membership(false),
      ...closed,
    });
    const writable = gcp('v1beta1', {
      Group: group(true, { owner: STRING }),
      Membership: membership(true),
      ...closed,
    });
    expect(statusOn(pr(owned, writable), 'POST /v1beta1/groups')).toEqual([['medium', 'new']]);

    const adminFlag = gcp('v1beta1', {
      Group: group(true, { is_admin: { type: 'boolean', readOnly: true } }),
      Membership: membership(true),
      ...closed,
    });
    expect(statusOn(pr(base, adminFlag), 'POST /v1beta1/groups')).toEqual([['medium', 'new']]);
  });

  it('a body of another component with read-only fields stays new', () => {
    const head = gcp(
      'v1beta1',
      { Group: group(true), Membership: membership(true), ...closed },
      {
        '/v1beta1/devices': {
          post: op(jsonBody({ type: 'object', properties: { name: outputOnly(true), model: STRING } })),
        },
      },
    );
    expect(statusOn(pr(base, head), 'POST /v1beta1/devices')).toEqual([['medium', 'new']]);
  });
});

describe('input-mass-assignment: open bodies as the document’s way', () => {
  // SwaggerHub: no schema closes an object; every write names the `{owner}` account in its path; the head
  // adds `POST …/fork` whose `ForkVersion` body names the destination `owner`.
  const owner = { name: 'owner', in: 'path', required: true, schema: STRING };
  const api = { name: 'api', in: 'path', required: true, schema: STRING };
  const version = { name: 'version', in: 'path', required: true, schema: STRING };
  const definition = { content: { 'application/json': { schema: STRING } } };
  const collaboration = {
    type: 'object',
    properties: {
      owner: { ...STRING, readOnly: true },
      owners: { type: 'array', items: STRING },
      members: { type: 'array', items: { type: 'object', properties: { name: STRING } } },
    },
  };
  // A document whose authors close objects somewhere (here the list response): an open body is a choice.
  const listed = (closes: boolean) => ({
    responses: {
      200: {
        description: 'ok',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              ...(closes ? { additionalProperties: false } : {}),
              properties: { totalCount: { type: 'integer' } },
            },
          },
        },
      },
    },
  });
  const swaggerhub = (paths: Json, closes = false) => ({
    openapi: '3.0.0',
    info: { title: 'SwaggerHub Registry API', version: '1.0.47' },
    servers: [{ url: 'https://api.swaggerhub.com' }],
    security: [{ TokenSecured: [] }],
    components: {
      securitySchemes: { TokenSecured: { type: 'apiKey', in: 'header', name: 'Authorization' } },
      schemas: { Collaboration: collaboration },
    },
    paths: {
      '/apis': { get: listed(closes) },
      '/apis/{owner}': { parameters: [owner], get: op() },
      '/apis/{owner}/{api}': {
        parameters: [owner, api],
        get: op(),
        post: op({ requestBody: definition }),
        delete: op(),
      },
      '/apis/{owner}/{api}/.collaboration': {
        parameters: [owner, api],
        get: op(),
        put: op(jsonBody(ref('Collaboration'))),
        delete: op(),
      },
      '/apis/{owner}/{api}/{version}': { parameters: [owner, api, version], get: op(), delete: op() },
      '/domains/{owner}/{domain}': {
        parameters: [owner, { ...api, name: 'domain' }],
        get: op(),
        post: op({ requestBody: definition }),
        delete: op(),
      },
      ...paths,
    },
  });
  const forkVersion = (extra: Json = {}) => ({
    type: 'object',
    required: ['owner', 'name', 'version'],
    properties: {
      name: { ...STRING, description: 'The name for the forked definition.' },
      owner: {
        ...STRING,
        description:
          'The account to fork into. The authenticated user must have permissions to create definitions in this account.',
      },
      private: { type: 'boolean' },
      project: STRING,
      version: STRING,
      ...extra,
    },
  });
  const fork = (body: Json) => ({
    '/apis/{owner}/{api}/{version}/fork': {
      parameters: [owner, api, version],
      post: op(jsonBody(body)),
    },
  });
  const FORK = 'POST /apis/{}/{}/{}/fork';

  it('SwaggerHub: an added fork body naming the destination `owner`, as every base write names it, is existing', () => {
    const findings = pr(swaggerhub({}), swaggerhub(fork(forkVersion())));
    expect(statusOn(findings, FORK)).toEqual([['medium', 'existing']]);
  });

  it('new with another privileged field, with a read-only field, or where the document closes an object', () => {
    const base = swaggerhub({});
    expect(statusOn(pr(base, swaggerhub(fork(forkVersion({ role: STRING })))), FORK)).toEqual([
      ['medium', 'new'],
    ]);
    const readOnly = forkVersion({ created: { ...STRING, readOnly: true } });
    expect(statusOn(pr(base, swaggerhub(fork(readOnly))), FORK)).toEqual([['medium', 'new']]);
    // The base's list response says `additionalProperties: false`: its authors close objects (a PR that
    // opens that response cannot make open bodies the document's way).
    const closing = swaggerhub({}, true);
    for (const headCloses of [true, false])
      expect(statusOn(pr(closing, swaggerhub(fork(forkVersion()), headCloses)), FORK)).toEqual([
        ['medium', 'new'],
      ]);
  });

  it('new where the base’s writes do not habitually take `owner` from the caller', () => {
    // The same document with the account fixed by the token: `{owner}` in one write path only.
    const unowned = (paths: Json) => {
      const doc = swaggerhub(paths);
      const rewritten = Object.fromEntries(
        Object.entries(doc.paths as Record<string, Json>).map(([path, item]) => [
          path.replace('/{owner}', '/mine'),
          { ...item, parameters: ((item.parameters as Json[]) ?? []).filter((p) => p !== owner) },
        ]),
      );
      const transfer = { parameters: [owner], post: op() };
      return { ...doc, paths: { ...rewritten, '/transfers/{owner}': transfer } };
    };
    const findings = pr(unowned({}), unowned(fork(forkVersion())));
    expect(statusOn(findings, 'POST /apis/mine/{}/{}/fork')).toEqual([['medium', 'new']]);
  });
});

describe('input-mass-assignment: a privileged field added to a body that was already open', () => {
  // The finding rests on the open body and the privileged fields it takes: adding `role` to an open
  // `PATCH /users/{id}` body changes that fact, so it is the PR's (it read "existing" by media type before).
  const users = (properties: Json) => ({
    openapi: '3.0.3',
    info: { title: 'Users', version: '1' },
    servers: [{ url: 'https://api.example.com' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/users/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: STRING }],
        patch: op(jsonBody({ type: 'object', properties })),
      },
    },
  });
  const PATCH = 'PATCH /users/{}'; // endpoint ids blank path parameters' names

  it('a privileged field the open body did not take: new, medium', () => {
    const findings = pr(users({ name: STRING }), users({ name: STRING, role: STRING }));
    // The base's open body without privileged fields (low) is what the PR replaced.
    expect(statusOn(findings, PATCH)).toEqual([
      ['medium', 'new'],
      ['low', 'fixed'],
    ]);
  });

  it('another privileged field beside the one the base already took: new', () => {
    const findings = pr(
      users({ name: STRING, role: STRING }),
      users({ name: STRING, role: STRING, is_admin: { type: 'boolean' } }),
    );
    expect(statusOn(findings, PATCH)).toEqual([
      ['medium', 'new'],
      ['medium', 'fixed'],
    ]);
  });

  it('the same privileged fields, reordered, with an ordinary field added: existing', () => {
    const findings = pr(
      users({ role: STRING, name: STRING }),
      users({ name: STRING, nickname: STRING, role: STRING }),
    );
    expect(statusOn(findings, PATCH)).toEqual([['medium', 'existing']]);
  });

  it('an open body with no privileged field gaining an ordinary one: existing, low', () => {
    const findings = pr(users({ name: STRING }), users({ name: STRING, nickname: STRING }));
    expect(statusOn(findings, PATCH)).toEqual([['low', 'existing']]);
  });
});

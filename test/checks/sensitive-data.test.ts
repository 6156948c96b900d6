import { describe, expect, it } from 'vitest';
import { compareFindings } from '../../src/assess/index.js';
import { check, op, outdent, type Row, run } from './table.js';

/** `method path` whose 200 response returns an object with the given properties (YAML flow mapping). */
function returns(properties: string, path = '/users/{id}', method = 'get', root = ''): string {
  return outdent(`
    openapi: 3.0.3
    info: { title: Svc, version: '1' }
    ${root}
    paths:
      ${path}:
        ${method}:
          responses:
            '200':
              description: ok
              content:
                application/json:
                  schema: { type: object, properties: ${properties} }
            '400':
              description: bad
              content:
                application/json:
                  schema: { type: object, properties: { password: { type: string } } }
  `);
}

const prop = (path: string, method: string, name: string) =>
  `${op(path, method)}/responses/200/content/application~1json/schema/properties/${name}`;

describe('sensitive-response-field', () => {
  const rule = 'sensitive-response-field';
  const rows: Row[] = [
    {
      name: 'a password returned (success responses only): high, at the property',
      spec: returns('{ name: { type: string }, password: { type: string } }'),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: prop('/users/{id}', 'get', 'password'),
          endpoints: ['GET /users/{}'],
          at: [12, 77],
        },
      ],
    },
    {
      name: 'one finding per kind: government id and card (high), date of birth (medium), email and phone (low)',
      spec: returns(
        '{ ssn: { type: string }, card_number: { type: string }, dateOfBirth: { type: string }, email: { type: string }, mobilePhone: { type: string } }',
      ),
      expect: [
        { ruleId: rule, severity: 'high', pointer: prop('/users/{id}', 'get', 'ssn') },
        { ruleId: rule, severity: 'high', pointer: prop('/users/{id}', 'get', 'card_number') },
        { ruleId: rule, severity: 'medium', pointer: prop('/users/{id}', 'get', 'dateOfBirth') },
        { ruleId: rule, severity: 'low', pointer: prop('/users/{id}', 'get', 'email') },
        { ruleId: rule, severity: 'low', pointer: prop('/users/{id}', 'get', 'mobilePhone') },
      ],
    },
    {
      name: 'internal endpoint: one step lower (email → info)',
      spec: returns('{ email: { type: string } }', '/users/{id}', 'get', 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'info', pointer: prop('/users/{id}', 'get', 'email') }],
    },
    {
      name: 'nested and array fields are found',
      spec: returns(
        '{ data: { type: array, items: { type: object, properties: { apiKey: { type: string } } } } }',
      ),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: `${prop('/users/{id}', 'get', 'data')}/items/properties/apiKey`,
        },
      ],
    },
    {
      name: 'the OAuth token endpoint returns tokens by design: nothing',
      spec: returns(
        '{ access_token: { type: string }, refresh_token: { type: string }, id_token: { type: string }, token_type: { type: string }, expires_in: { type: integer } }',
        '/oauth2/token',
        'post',
      ),
      expect: [],
    },
    {
      name: 'login returning a session token, and creating an API key returning its secret: nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /auth/login:
            post:
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: object, properties: { sessionToken: { type: string } } } } } }
          /projects/{id}/api-keys:
            post:
              responses:
                '201': { description: ok, content: { application/json: { schema: { type: object, properties: { key: { type: string }, secret: { type: string } } } } } }
      `),
      expect: [],
    },
    {
      name: 'an issuing endpoint still must not return a password',
      spec: returns('{ token: { type: string }, password: { type: string } }', '/login', 'post'),
      expect: [{ ruleId: rule, severity: 'high', pointer: prop('/login', 'post', 'password') }],
    },
    {
      name: '`auth` alone does not make an issuing endpoint: `POST /PaymentAuth` returning a token is high',
      spec: returns('{ paymentToken: { type: string } }', '/PaymentAuth', 'post'),
      expect: [{ ruleId: rule, severity: 'high', pointer: prop('/PaymentAuth', 'post', 'paymentToken') }],
    },
    {
      name: 'reading a key back is not issuing it: high',
      spec: returns('{ secret: { type: string } }', '/api-keys/{id}', 'get'),
      expect: [{ ruleId: rule, severity: 'high', pointer: prop('/api-keys/{id}', 'get', 'secret') }],
    },
    {
      name: 'a write that issues nothing (search) still must not return credentials: high',
      spec: returns('{ apiKey: { type: string } }', '/users/search', 'post'),
      expect: [{ ruleId: rule, severity: 'high', pointer: prop('/users/search', 'post', 'apiKey') }],
    },
    {
      name: 'writeOnly secrets, booleans and objects named like data, masked values and pagination cursors: nothing',
      spec: returns(
        '{ password: { type: string, writeOnly: true }, emailVerified: { type: boolean }, hasPassword: { type: boolean }, address: { type: object }, maskedCardNumber: { type: string }, nextPageToken: { type: string }, passwordPolicy: { type: string }, tokenUrl: { type: string } }',
      ),
      expect: [],
    },
    {
      name: 'Swagger 2.0 response schema',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /users/{id}:
            get:
              parameters: [{ name: id, in: path, required: true, type: string }]
              responses:
                '200': { description: ok, schema: { type: object, properties: { passport_number: { type: string } } } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: `${op('/users/{id}', 'get')}/responses/200/schema/properties/passport_number`,
        },
      ],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

/** A document whose `paths` (YAML, indented for `paths:`) return the shared `User` and `Key` components. */
function shared(paths: string, components = ''): string {
  return outdent(`
    openapi: 3.0.3
    info: { title: Svc, version: '1' }
    paths:
${paths}
    components:
      schemas:
        Secret: { type: string, description: 'a secret value' }
        User: { type: object, properties: { name: { type: string }, password: { type: string } } }
        Key: { type: object, properties: { id: { type: string }, secret: { $ref: '#/components/schemas/Secret' } } }
${components}
  `);
}

/** `GET path` returning `schema` (a YAML flow mapping), indented for `shared`. */
const get = (path: string, schema: string, extra = '') =>
  `      ${path}:\n        get:\n${extra}          responses: { '200': { description: ok, content: { application/json: { schema: ${schema} } } } }`;
const USER = "{ $ref: '#/components/schemas/User' }";

/** The sensitive-response-field findings of a diff, with their status. */
function diffed(base: string, head: string) {
  const findings = compareFindings(run(base, {}, base).findings, run(head, {}, base).findings);
  return findings.filter((f) => f.ruleId === 'sensitive-response-field');
}

describe('sensitive-response-field: one finding per property, new only when the property is', () => {
  const userPassword = '/components/schemas/User/properties/password';

  it('a property several endpoints return is one finding at the property, naming them all', () => {
    const { findings } = run(shared([get('/users/{id}', USER), get('/me', USER)].join('\n')));
    const mine = findings.filter((f) => f.ruleId === 'sensitive-response-field');
    expect(mine.map((f) => [f.loc.pointer, f.severity, f.endpoint, f.endpoints])).toEqual([
      [userPassword, 'high', undefined, ['GET /users/{}', 'GET /me']],
    ]);
  });

  it('`password` added to a 200 response is new and high', () => {
    const base = shared(get('/me', '{ type: object, properties: { name: { type: string } } }'));
    const head = shared(
      get('/me', '{ type: object, properties: { name: { type: string }, password: { type: string } } }'),
    );
    expect(diffed(base, head).map((f) => [f.status, f.severity, f.loc.pointer])).toEqual([
      [
        'new',
        'high',
        `${op('/me', 'get')}/responses/200/content/application~1json/schema/properties/password`,
      ],
    ]);
  });

  it('an endpoint the PR adds that returns a property the base already returned is existing, and names the new endpoint', () => {
    const base = shared(get('/users/{id}', USER));
    const head = shared(
      [get('/users/{id}', USER), get('/admins', `{ type: array, items: ${USER} }`)].join('\n'),
    );
    expect(diffed(base, head).map((f) => [f.status, f.loc.pointer, f.endpoints])).toEqual([
      ['existing', userPassword, ['GET /users/{}', 'GET /admins']],
    ]);
  });

  it('a new property `$ref`-ing the schema of an old one, or named like it in another object, is new', () => {
    const base = shared(get('/keys/{id}', "{ $ref: '#/components/schemas/Key' }"));
    const head = shared(
      [
        get('/keys/{id}', "{ $ref: '#/components/schemas/Key' }"),
        get('/account', "{ $ref: '#/components/schemas/Account' }"),
      ].join('\n'),
      "        Account: { type: object, properties: { secret: { $ref: '#/components/schemas/Secret' }, password: { type: string } } }",
    );
    const fresh = diffed(base, head).filter((f) => f.status === 'new');
    expect(fresh.map((f) => [f.loc.pointer, f.endpoints])).toEqual([
      ['/components/schemas/Account/properties/secret', ['GET /account']],
      ['/components/schemas/Account/properties/password', ['GET /account']],
    ]);
  });

  it('an operation’s `x-api-posture-ignore` suppresses the property only when every endpoint returning it has one', () => {
    const ignore =
      "          x-api-posture-ignore: [{ rule: sensitive-response-field, reason: 'hashed, staff only' }]\n";
    const both = run(shared([get('/users/{id}', USER, ignore), get('/me', USER, ignore)].join('\n')));
    const one = run(shared([get('/users/{id}', USER, ignore), get('/me', USER)].join('\n')));
    const suppressed = (r: typeof both) =>
      r.findings.filter((f) => f.ruleId === 'sensitive-response-field').map((f) => f.suppressed?.reason);
    expect(suppressed(both)).toEqual(['hashed, staff only']);
    expect(suppressed(one)).toEqual([undefined]);
  });
});

describe('sensitive-query-param', () => {
  const rule = 'sensitive-query-param';
  const params = (parameters: string, root = '') =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      ${root}
      paths:
        /customers:
          get:
            parameters: ${parameters}
            responses: { '200': { description: ok } }
    `);
  const P = (i: number) => `${op('/customers', 'get')}/parameters/${i}`;
  const rows: Row[] = [
    {
      name: 'email in the query: medium, at the parameter',
      spec: params('[{ name: email, in: query, schema: { type: string, format: email } }]'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: P(0), endpoint: 'GET /customers', at: [7, 20] }],
    },
    {
      name: 'government id and card number in the query: high',
      spec: params(
        '[{ name: ssn, in: query, schema: { type: string } }, { name: cardNumber, in: query, schema: { type: string } }]',
      ),
      expect: [
        { ruleId: rule, severity: 'high', pointer: P(0) },
        { ruleId: rule, severity: 'high', pointer: P(1) },
      ],
    },
    {
      name: 'internal: one step lower',
      spec: params('[{ name: phone_number, in: query, schema: { type: string } }]', 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'low', pointer: P(0) }],
    },
    {
      name: 'Swagger 2.0 query parameter',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /customers:
            get:
              parameters: [{ name: date_of_birth, in: query, type: string }]
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'medium', pointer: `${op('/customers', 'get')}/parameters/0` }],
    },
    {
      name: 'boolean flags named like data (`sendEmail`, `mobile`): nothing',
      spec: params(
        '[{ name: sendEmail, in: query, schema: { type: boolean } }, { name: mobile, in: query, schema: { type: boolean } }]',
      ),
      expect: [],
    },
    {
      name: 'credentials are auth-credentials-in-url’s; headers and paths are not the query: nothing',
      spec: params(
        '[{ name: password, in: query, schema: { type: string } }, { name: X-User-Email, in: header, schema: { type: string } }]',
      ),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('sensitive-example-value', () => {
  const rule = 'sensitive-example-value';
  const AWS_KEY = 'AKIA2E0A8F3B244C9986';
  const JWT =
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfOGYzYTJjIiwiaWF0IjoxNzE3MDAwMDAwfQ.3q2-7wXn9K1v0pQ4dJmZ8sYtR6uLcE5hN2bF7aG1xWk';
  const rows: Row[] = [
    {
      name: "a card's `fingerprint` or a `signature` example is random by design: nothing (the same value as `api_key` is reported)",
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Pay, version: '1' }
        paths:
          /cards:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          fingerprint: { type: string, example: 'Xt5EWLLDS7FJjR1cQ9vKp2mZ8aB3nHq4' }
                          signature: { type: string, example: 'Xt5EWLLDS7FJjR1cQ9vKp2mZ8aB3nHq4' }
                          api_key: { type: string, example: 'Xt5EWLLDS7FJjR1cQ9vKp2mZ8aB3nHq4' }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'medium',
          pointer: `${op('/cards', 'get')}/responses/200/content/application~1json/schema/properties/api_key`,
        },
      ],
    },
    {
      name: "a pagination cursor's example is opaque by design (Box's `marker`, `starting_after`): nothing; the same value as `api_key`, or an AWS key as a `marker`, is reported",
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Files, version: '1' }
        paths:
          /folders/items:
            get:
              parameters:
                - { name: marker, in: query, example: JV9IRGZmieiBasejOG9yDCRNgd2ymoZIbjsxbJMjIs3kioVii, schema: { type: string } }
                - { name: starting_after, in: query, schema: { type: string, example: JV9IRGZmieiBasejOG9yDCRNgd2ymoZIbjsxbJMjIs3kioVii } }
                - { name: api_key, in: query, example: JV9IRGZmieiBasejOG9yDCRNgd2ymoZIbjsxbJMjIs3kioVii, schema: { type: string } }
              responses: { '200': { description: ok } }
          /folders/trash:
            get:
              parameters:
                - { name: marker, in: query, example: ${AWS_KEY}, schema: { type: string } }
              responses: { '200': { description: ok } }
      `),
      expect: [
        { ruleId: rule, severity: 'medium', pointer: `${op('/folders/items', 'get')}/parameters/2` },
        { ruleId: rule, severity: 'high', pointer: `${op('/folders/trash', 'get')}/parameters/0` },
      ],
    },
    {
      name: "ids, digests and signatures in an example object are random by design (GitHub's `node_id`, S3's `UploadId`, a Sigstore bundle's `hashes` and `sig`, its root hash quoted in the checkpoint): nothing",
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /attestations:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      example:
                        node_id: G_kwDOBhHyLdoAIDg0ODFZDliNDQxOGYy
                        Uploads: [{ UploadId: b7tZSqIlo91lv1iwvWpvCiJWugw2xXLPAD7Z8cJyX9.WiIRgNrdG6Ldsn.9FtS63TCl1Uf5faTB.1U5Ckcbmdw-- }]
                        inclusionProof:
                          rootHash: KgKiXoOl8rM5d4y6Xlbm2QLftvj/FYvTs6z7dJlNO60=
                          hashes: [8LI21mzwxnUSo0fuZeFsUrz2ujZ4QAL+oGeTG+5toZg=]
                          checkpoint: { envelope: "rekor.sigstore.dev - 2605736670972794746\\n93750551\\nKgKiXoOl8rM5d4y6Xlbm2QLftvj/FYvTs6z7dJlNO60=\\n" }
                        dsseEnvelope: { signatures: [{ sig: Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0YtUeRiOpAs }] }
      `),
      expect: [],
    },
    {
      name: 'the same random value as a `session_id`, or in a string that is no id, is reported: medium',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /sessions:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      example: { node_id: G_kwDOBhHyLdoAIDg0ODFZDliNDQxOGYy, session_id: Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0YtUeRiOpAs }
          /notes:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      example: { rootHash: KgKiXoOl8rM5d4y6Xlbm2QLftvj/FYvTs6z7dJlNO60=, note: "KgKiXoOl8rM5d4y6Xlbm2QLftvj/FYvTs6z7dJlNO60= Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0YtUeRiOpAs" }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'medium',
          pointer: `${op('/sessions', 'get')}/responses/200/content/application~1json`,
        },
        {
          ruleId: rule,
          severity: 'medium',
          pointer: `${op('/notes', 'get')}/responses/200/content/application~1json`,
        },
      ],
    },
    {
      name: "a property titled as published or one-way (DigitalOcean's `TXT record value`) or named as an id: nothing; a signature's secret is reported",
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /domains:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          txt_value: { type: string, title: TXT record value, example: lXLOcN6cPv0nproViNcUHcahD9TrIPlNgdwesj0pYpk }
                          entity_id: { type: string, example: mVrw538wamwdm22mK8jqpp7qd5br0eeV9o4a1 }
                          signing: { type: string, description: The HMAC signature secret, example: lXLOcN6cPv0nproViNcUHcahD9TrIPlNgdwesj0pYpk }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'medium',
          pointer: `${op('/domains', 'get')}/responses/200/content/application~1json/schema/properties/signing`,
        },
      ],
    },
    {
      name: 'a Luhn-valid card number as a body property example: high, at the property, listing the endpoint',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Pay, version: '1' }
        paths:
          /payments:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        card_number: { type: string, example: '4539 5787 6362 1486' }
              responses: { '200': { description: ok } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: `${op('/payments', 'post')}/requestBody/content/application~1json/schema/properties/card_number`,
          endpoints: ['POST /payments'],
          at: [12, 17],
        },
      ],
    },
    {
      name: 'an AWS access key id as a parameter example: high, at the parameter',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /buckets:
            get:
              parameters: [{ name: X-Access-Key, in: header, example: ${AWS_KEY}, schema: { type: string } }]
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: `${op('/buckets', 'get')}/parameters/0` }],
    },
    {
      name: 'a signed JWT in a response media example: medium, at the media type',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /session:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      example: { user: u1, jwt: '${JWT}' }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'medium',
          pointer: `${op('/session', 'get')}/responses/200/content/application~1json`,
        },
      ],
    },
    {
      name: 'a private key block as a schema default: critical',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /certificates:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        key:
                          type: string
                          default: "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAwQHoetcl9+5ikGzV6cMzWtWPJHqXT3wpbEkRU9Yz7lgvddmG\\ndtcGbg/1CGZu0jJGkMoppoUo4c3dts3iwqRYmBikUP77wwY2QGmDZw==\\n-----END RSA PRIVATE KEY-----\\n"
              responses: { '200': { description: ok } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'critical',
          pointer: `${op('/certificates', 'post')}/requestBody/content/application~1json/schema/properties/key`,
        },
      ],
    },
    {
      name: 'a live Stripe key as a response header example (on the header object): high, at the header',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /keys:
            get:
              responses:
                '200':
                  description: ok
                  headers:
                    X-Api-Key: { schema: { type: string }, example: sk_live_51HxQ2cK8vZ3mN7pR4tY6wB9 }
      `),
      expect: [
        { ruleId: rule, severity: 'high', pointer: `${op('/keys', 'get')}/responses/200/headers/X-Api-Key` },
      ],
    },
    {
      name: 'an SSN in an enum of a shared schema: one finding at the component, listing every endpoint',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          schemas:
            Person:
              type: object
              properties:
                ssn: { type: string, enum: ['536-90-4412'] }
        paths:
          /people:
            get:
              responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Person' } } } } }
          /people/{id}:
            put:
              requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Person' } } } }
              responses: { '200': { description: ok } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: '/components/schemas/Person/properties/ssn',
          endpoints: ['GET /people', 'PUT /people/{}'],
        },
      ],
    },
    {
      name: 'Swagger 2.0 `x-example` on a parameter and `examples` on a response',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        produces: [application/json]
        paths:
          /keys:
            get:
              parameters: [{ name: key, in: query, type: string, x-example: ${AWS_KEY} }]
              responses:
                '200':
                  description: ok
                  schema: { type: object }
                  examples: { application/json: { token: '${JWT}' } }
      `),
      expect: [
        { ruleId: rule, severity: 'high', pointer: `${op('/keys', 'get')}/parameters/0` },
        { ruleId: rule, severity: 'medium', pointer: `${op('/keys', 'get')}/responses/200/schema` },
      ],
    },
    {
      name: 'placeholders and published test values: nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /payments:
            post:
              parameters:
                - { name: X-Aws-Key, in: header, example: AKIAIOSFODNN7EXAMPLE, schema: { type: string } }
                - { name: X-Secret, in: header, example: sk_live_xxxxxxxxxxxxxxxxxxxxxxxx, schema: { type: string } }
                - { name: Authorization, in: header, example: 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', schema: { type: string } }
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        card: { type: string, example: '4242 4242 4242 4242' }
                        ssn: { type: string, example: '123-45-6789' }
                        id: { type: string, format: uuid, example: 3fa85f64-5717-4562-b3fc-2c963f66afa6 }
                        digest: { type: string, example: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 }
                        placed: { type: string, format: date-time, example: '2024-01-15T10:30:00Z' }
                        phone: { type: string, example: '+4915112345678' }
                        key: { type: string, example: "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----" }
                        cursor: { type: string, example: eyJpZCI6MTIzNDU2Nzg5MCwiY3JlYXRlZEF0IjoiMjAyNC0wMS0xNSJ9 }
              responses: { '200': { description: ok } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('sensitive-example-value fingerprints', () => {
  const secret = (name: string) =>
    `${name}: { type: object, properties: { key: { type: string, example: 'AKIA2E0A8F3B244C9986' } } }`;
  const doc = (refs: string[]) =>
    outdent(`
      openapi: 3.0.3
      info: { title: Keys, version: '1' }
      paths:
        ${refs
          .map(
            (ref, i) =>
              `/k${i}: { get: { responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '${ref}' } } } } } } }`,
          )
          .join('\n        ')}
    `);

  it('are the same whether a schema sits in components, a file of components or a file of its own', () => {
    const fingerprints = [
      run({
        'openapi.yaml': `${doc(['#/components/schemas/Keys'])}components:\n  schemas:\n    ${secret('Keys')}\n`,
      }),
      run({
        'openapi.yaml': doc(['./parts.yaml#/schemas/Keys']),
        'parts.yaml': `schemas:\n  ${secret('Keys')}\n`,
      }),
      run({
        'openapi.yaml': doc(['./schemas/Keys.yaml']),
        'schemas/Keys.yaml': secret('Keys').replace(/^Keys: /, ''),
      }),
    ].map(({ findings }) =>
      findings.filter((f) => f.ruleId === 'sensitive-example-value').map((f) => f.fingerprint),
    );
    expect(fingerprints[0]).toHaveLength(1);
    expect(fingerprints[1]).toEqual(fingerprints[0]);
    expect(fingerprints[2]).toEqual(fingerprints[0]);
  });

  it('stay unique when two files hold a component of the same name', () => {
    const { findings } = run({
      'openapi.yaml': doc(['./a.yaml#/schemas/Keys', './b.yaml#/schemas/Keys']),
      'a.yaml': `schemas:\n  ${secret('Keys')}\n`,
      'b.yaml': `schemas:\n  ${secret('Keys')}\n`,
    });
    const found = findings.filter((f) => f.ruleId === 'sensitive-example-value');
    expect(found.map((f) => f.loc.file).sort()).toEqual(['a.yaml', 'b.yaml']);
    expect(new Set(found.map((f) => f.fingerprint)).size).toBe(2);
  });
});

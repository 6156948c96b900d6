import { describe, expect, it } from 'vitest';
import { check, op, outdent, type Row } from './table.js';

/** `GET /things` whose 200 response declares `headers` (YAML flow mapping). */
function withHeaders(headers: string, extra = '', version = '3.0.3'): string {
  return outdent(`
    openapi: ${version}
    info: { title: Svc, version: '1' }
    ${extra}
    paths:
      /things:
        get:
          responses:
            '200':
              description: ok
              headers: ${headers}
  `);
}

const HEADERS = `${op('/things', 'get')}/responses/200/headers`;
const ORIGIN = `${HEADERS}/Access-Control-Allow-Origin`;
const CREDENTIALS = `${HEADERS}/Access-Control-Allow-Credentials`;

/** An API Gateway (REST) operation whose integration maps the given response parameters. */
function gatewayIntegration(parameters: string): string {
  return outdent(`
    openapi: 3.0.1
    info: { title: Gw, version: '1' }
    paths:
      /things:
        options:
          responses: { '200': { description: preflight } }
          x-amazon-apigateway-integration:
            type: mock
            requestTemplates: { application/json: '{"statusCode": 200}' }
            responses:
              default:
                statusCode: '200'
                responseParameters:
                  ${parameters}
  `);
}

/** An API Gateway HTTP API with root CORS configuration. */
function gatewayCors(cors: string): string {
  return outdent(`
    openapi: 3.0.1
    info: { title: Gw, version: '1' }
    x-amazon-apigateway-cors: ${cors}
    paths:
      /a: { get: { responses: { '200': { description: ok } } } }
      /b: { post: { responses: { '200': { description: ok } } } }
  `);
}

describe('cors-wildcard-origin', () => {
  const rule = 'cors-wildcard-origin';
  const rows: Row[] = [
    {
      name: 'header schema `enum: ["*"]`: high, at the header',
      spec: withHeaders("{ Access-Control-Allow-Origin: { schema: { type: string, enum: ['*'] } } }"),
      expect: [{ ruleId: rule, severity: 'high', pointer: ORIGIN, endpoint: 'GET /things', at: [10, 22] }],
    },
    {
      name: 'header schema `const: "*"` (3.1)',
      spec: withHeaders("{ Access-Control-Allow-Origin: { schema: { const: '*' } } }", '', '3.1.0'),
      expect: [{ ruleId: rule, severity: 'high', pointer: ORIGIN }],
    },
    {
      name: 'header schema `default: "*"`, header name in lower case',
      spec: withHeaders("{ access-control-allow-origin: { schema: { type: string, default: '*' } } }"),
      expect: [{ ruleId: rule, severity: 'high', pointer: `${HEADERS}/access-control-allow-origin` }],
    },
    {
      name: 'header schema `example: "*"`',
      spec: withHeaders("{ Access-Control-Allow-Origin: { schema: { type: string, example: '*' } } }"),
      expect: [{ ruleId: rule, severity: 'high', pointer: ORIGIN }],
    },
    {
      name: 'the header object’s own `example: "*"` (beside the schema)',
      spec: withHeaders("{ Access-Control-Allow-Origin: { schema: { type: string }, example: '*' } }"),
      expect: [{ ruleId: rule, severity: 'high', pointer: ORIGIN }],
    },
    {
      name: 'the header object’s `examples` map',
      spec: withHeaders(
        "{ Access-Control-Allow-Origin: { schema: { type: string }, examples: { any: { value: '*' } } } }",
      ),
      expect: [{ ruleId: rule, severity: 'high', pointer: ORIGIN }],
    },
    {
      name: 'internal endpoint: medium',
      spec: withHeaders("{ Access-Control-Allow-Origin: { schema: { enum: ['*'] } } }", 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: ORIGIN }],
    },
    {
      name: 'Swagger 2.0 header `default: "*"`',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /things:
            get:
              responses:
                '200':
                  description: ok
                  headers:
                    Access-Control-Allow-Origin: { type: string, default: '*' }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: ORIGIN }],
    },
    {
      name: 'API Gateway integration response parameter `method.response.header.Access-Control-Allow-Origin: "\'*\'"`',
      spec: gatewayIntegration(`method.response.header.Access-Control-Allow-Origin: "'*'"`),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: `${op('/things', 'options')}/x-amazon-apigateway-integration`,
          endpoint: 'OPTIONS /things',
          at: [7, 7],
        },
      ],
    },
    {
      name: 'API Gateway integration sending the request’s `Origin` back (`method.request.header.Origin`): any origin',
      spec: gatewayIntegration(
        'method.response.header.Access-Control-Allow-Origin: method.request.header.origin',
      ),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: `${op('/things', 'options')}/x-amazon-apigateway-integration`,
        },
      ],
    },
    {
      name: 'negative: the text `method.request.header.Origin` as a quoted literal, or another request header mapped',
      spec: gatewayIntegration(
        `method.response.header.Access-Control-Allow-Origin: "'method.request.header.Origin'"\n                  method.response.header.X-Request-Origin: method.request.header.Origin`,
      ),
      expect: [],
    },
    {
      name: 'API Gateway HTTP API `x-amazon-apigateway-cors.allowOrigins: ["*"]`: each endpoint, at the root extension',
      spec: gatewayCors("{ allowOrigins: ['*'], allowMethods: [GET, POST] }"),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: '/x-amazon-apigateway-cors',
          endpoint: 'GET /a',
          at: [3, 1],
        },
        { ruleId: rule, severity: 'high', pointer: '/x-amazon-apigateway-cors', endpoint: 'POST /b' },
      ],
    },
    {
      name: 'explicit origins (header enum, gateway literal, HTTP API list): nothing',
      spec: outdent(`
        openapi: 3.0.1
        info: { title: Gw, version: '1' }
        x-amazon-apigateway-cors: { allowOrigins: ['https://app.acme.io'] }
        paths:
          /things:
            get:
              responses:
                '200':
                  description: ok
                  headers:
                    Access-Control-Allow-Origin: { schema: { type: string, enum: ['https://app.acme.io'] } }
              x-amazon-apigateway-integration:
                responses:
                  default:
                    responseParameters:
                      method.response.header.Access-Control-Allow-Origin: "'https://app.acme.io'"
      `),
      expect: [],
    },
    {
      name: 'an origin header without a pinned value: nothing',
      spec: withHeaders('{ Access-Control-Allow-Origin: { schema: { type: string } } }'),
      expect: [],
    },
    {
      name: 'CORS enforced at the gateway (`gatewayControls: [cors]`): nothing',
      spec: withHeaders("{ Access-Control-Allow-Origin: { schema: { enum: ['*'] } } }"),
      options: { settings: { gatewayHeaders: [], gatewayControls: ['cors'] } },
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

it('names an echoed origin as such in both findings', () => {
  const spec = gatewayIntegration(
    `method.response.header.Access-Control-Allow-Origin: method.request.header.Origin\n                  method.response.header.Access-Control-Allow-Credentials: "'true'"`,
  );
  const [origin] = check('cors-wildcard-origin', {
    name: 'echoed',
    spec,
    expect: [
      {
        ruleId: 'cors-wildcard-origin',
        severity: 'high',
        pointer: `${op('/things', 'options')}/x-amazon-apigateway-integration`,
      },
    ],
  });
  expect(origin!.message).toContain("sends each request's `Origin` back");
  const [credentials] = check('cors-wildcard-with-credentials', {
    name: 'echoed with credentials',
    spec,
    expect: [
      {
        ruleId: 'cors-wildcard-with-credentials',
        severity: 'critical',
        pointer: `${op('/things', 'options')}/x-amazon-apigateway-integration`,
      },
    ],
  });
  expect(credentials!.message).toContain("each request's `Origin` sent back");
});

describe('cors-wildcard-with-credentials', () => {
  const rule = 'cors-wildcard-with-credentials';
  const rows: Row[] = [
    {
      name: 'wildcard origin and `Access-Control-Allow-Credentials: true`: critical, at the credentials header',
      spec: withHeaders(
        "{ Access-Control-Allow-Origin: { schema: { enum: ['*'] } }, Access-Control-Allow-Credentials: { schema: { type: boolean, enum: [true] } } }",
      ),
      expect: [
        { ruleId: rule, severity: 'critical', pointer: CREDENTIALS, endpoint: 'GET /things', at: [10, 80] },
      ],
    },
    {
      name: 'credentials as the string default `"true"` (severity does not depend on exposure)',
      spec: withHeaders(
        "{ Access-Control-Allow-Origin: { schema: { default: '*' } }, Access-Control-Allow-Credentials: { schema: { type: string, default: 'true' } } }",
        'x-internal: true',
      ),
      expect: [{ ruleId: rule, severity: 'critical', pointer: CREDENTIALS }],
    },
    {
      name: 'API Gateway integration response: `"\'*\'"` and `"\'true\'"`',
      spec: gatewayIntegration(
        `method.response.header.Access-Control-Allow-Origin: "'*'"\n                  method.response.header.Access-Control-Allow-Credentials: "'true'"`,
      ),
      expect: [
        {
          ruleId: rule,
          severity: 'critical',
          pointer: `${op('/things', 'options')}/x-amazon-apigateway-integration`,
        },
      ],
    },
    {
      name: 'API Gateway: the request’s `Origin` sent back with credentials (browsers refuse `*` here, not this)',
      spec: gatewayIntegration(
        `method.response.header.Access-Control-Allow-Origin: method.request.header.Origin\n                  method.response.header.Access-Control-Allow-Credentials: "'true'"`,
      ),
      expect: [
        {
          ruleId: rule,
          severity: 'critical',
          pointer: `${op('/things', 'options')}/x-amazon-apigateway-integration`,
        },
      ],
    },
    {
      name: 'API Gateway HTTP API `allowCredentials: true` with `allowOrigins: ["*"]`',
      spec: gatewayCors("{ allowOrigins: ['*'], allowCredentials: true }"),
      expect: [
        { ruleId: rule, severity: 'critical', pointer: '/x-amazon-apigateway-cors', endpoint: 'GET /a' },
        { ruleId: rule, severity: 'critical', pointer: '/x-amazon-apigateway-cors', endpoint: 'POST /b' },
      ],
    },
    {
      name: 'credentials with an explicit origin: nothing',
      spec: withHeaders(
        "{ Access-Control-Allow-Origin: { schema: { enum: ['https://app.acme.io'] } }, Access-Control-Allow-Credentials: { schema: { enum: [true] } } }",
      ),
      expect: [],
    },
    {
      name: 'wildcard without credentials, or credentials `false`: nothing',
      spec: withHeaders(
        "{ Access-Control-Allow-Origin: { schema: { enum: ['*'] } }, Access-Control-Allow-Credentials: { schema: { enum: [false] } } }",
      ),
      expect: [],
    },
    {
      name: 'HTTP API `allowCredentials: false`: nothing',
      spec: gatewayCors("{ allowOrigins: ['*'], allowCredentials: false }"),
      expect: [],
    },
    {
      name: 'CORS enforced at the gateway: nothing',
      spec: gatewayCors("{ allowOrigins: ['*'], allowCredentials: true }"),
      options: { settings: { gatewayHeaders: [], gatewayControls: ['cors'] } },
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

// Policies (SPEC §8): the shipped packs, validation errors with file:line:column and key, the condition
// grammar, and every rule kind and scope filter evaluated against real documents through the engine.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/assess/registry.js';
import { ConfigError } from '../src/config/errors.js';
import { EMPTY_CONFIG, loadConfig } from '../src/config/index.js';
import { type Analysis, runEngine } from '../src/engine.js';
import { CATEGORIES, SEVERITIES } from '../src/findings.js';
import { BUILTIN_POLICIES } from '../src/policy/builtin.js';
import { ConditionError, evaluate, type Facts, parseCondition } from '../src/policy/condition.js';
import type { Violation } from '../src/policy/evaluate.js';
import {
  CONDITION_FIELD_KINDS,
  CONDITION_FIELDS,
  loadBuiltinPolicies,
  loadPolicies,
  type Policy,
} from '../src/policy/load.js';
import { CONTROLS } from '../src/policy/schema.js';
import { memoryReader, outdent } from './helpers/inline.js';

const REPO = new URL('..', import.meta.url).pathname;
/** SPEC §8: "their exact text is `../shared/seed-policies.yaml`" (relative to the repository). */
const SEED_FILE = new URL('../../shared/seed-policies.yaml', import.meta.url).pathname;

/** The seed's six policies, exactly as the design documents write them (a copy, so CI needs no ../shared). */
const SEED = `# The seed's six policies, exactly as written in the design documents (indentation restored).
policies:
  - name: require-authentication
    description: All external APIs must require authentication
    scope:
      classification: [external, partner]
    rule:
      control: authentication
      required: true
    severity: critical
    remediation: "Add OAuth2, API key, or JWT authentication"

  - name: enforce-tls
    description: All APIs must use HTTPS
    scope:
      classification: [external, internal, partner]
    rule:
      control: transport_encryption
      required: true
    severity: critical
    remediation: "Configure TLS certificates and redirect HTTP to HTTPS"

  - name: require-rate-limiting
    description: External APIs must implement rate limiting
    scope:
      classification: [external]
    rule:
      control: rate_limiting
      required: true
    severity: high
    remediation: "Configure rate limiting at API gateway level"

  - name: no-wildcard-cors
    description: APIs must not use wildcard CORS origins
    scope:
      classification: [external]
    rule:
      control: cors_policy
      condition: "origin != '*'"
    severity: high
    remediation: "Specify explicit allowed origins in CORS configuration"

  - name: documentation-required
    description: All APIs must have OpenAPI documentation
    scope:
      classification: [external, partner]
    rule:
      documented: true
    severity: medium
    remediation: "Create and publish OpenAPI specification"

  - name: deprecation-sunset
    description: Deprecated APIs must have sunset headers
    scope:
      classification: [deprecated]
    rule:
      header_present: "Sunset"
    severity: medium
    remediation: "Add Sunset header with planned removal date"
`;

const withoutFile = (policies: Policy[]) => policies.map(({ file: _file, ...rest }) => rest);
const withoutComments = (text: string) =>
  text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .trim();

describe('the shipped policy packs', () => {
  it.skipIf(!existsSync(SEED_FILE))(
    'the copy of the seed here is ../shared/seed-policies.yaml byte for byte',
    () => {
      expect(readFileSync(SEED_FILE, 'utf8')).toBe(SEED);
    },
  );

  it('the seed loads unchanged, with every field as written', () => {
    const seed = loadPolicies('seed-policies.yaml', SEED);
    expect(withoutFile(seed)).toEqual([
      {
        name: 'require-authentication',
        description: 'All external APIs must require authentication',
        scope: { classification: ['external', 'partner'] },
        rule: { control: 'authentication', required: true },
        severity: 'critical',
        remediation: 'Add OAuth2, API key, or JWT authentication',
      },
      {
        name: 'enforce-tls',
        description: 'All APIs must use HTTPS',
        scope: { classification: ['external', 'internal', 'partner'] },
        rule: { control: 'transport_encryption', required: true },
        severity: 'critical',
        remediation: 'Configure TLS certificates and redirect HTTP to HTTPS',
      },
      {
        name: 'require-rate-limiting',
        description: 'External APIs must implement rate limiting',
        scope: { classification: ['external'] },
        rule: { control: 'rate_limiting', required: true },
        severity: 'high',
        remediation: 'Configure rate limiting at API gateway level',
      },
      {
        name: 'no-wildcard-cors',
        description: 'APIs must not use wildcard CORS origins',
        scope: { classification: ['external'] },
        rule: { control: 'cors_policy', condition: "origin != '*'" },
        severity: 'high',
        remediation: 'Specify explicit allowed origins in CORS configuration',
        condition: [[{ field: 'origin', op: '!=', value: '*' }]],
      },
      {
        name: 'documentation-required',
        description: 'All APIs must have OpenAPI documentation',
        scope: { classification: ['external', 'partner'] },
        rule: { documented: true },
        severity: 'medium',
        remediation: 'Create and publish OpenAPI specification',
      },
      {
        name: 'deprecation-sunset',
        description: 'Deprecated APIs must have sunset headers',
        scope: { classification: ['deprecated'] },
        rule: { header_present: 'Sunset' },
        severity: 'medium',
        remediation: 'Add Sunset header with planned removal date',
      },
    ]);
    expect(seed.every((p) => p.file === 'seed-policies.yaml')).toBe(true);
  });

  it('policies/default.yml is the seed, comments aside', () => {
    const text = readFileSync(`${REPO}policies/default.yml`, 'utf8');
    expect(withoutComments(text)).toBe(withoutComments(SEED));
    expect(withoutFile(loadPolicies('policies/default.yml', text))).toEqual(
      withoutFile(loadPolicies('seed-policies.yaml', SEED)),
    );
  });

  it('src/policy/builtin.ts embeds policies/*.yml byte for byte', () => {
    const files = readdirSync(`${REPO}policies`)
      .filter((f) => f.endsWith('.yml'))
      .sort();
    expect(Object.keys(BUILTIN_POLICIES).sort()).toEqual(files);
    for (const file of files)
      expect(BUILTIN_POLICIES[file]).toBe(readFileSync(`${REPO}policies/${file}`, 'utf8'));
  });

  it('a shipped pack loaded from its embedded definitions equals the pack loaded from its text', () => {
    const names = Object.keys(BUILTIN_POLICIES).map((f) => f.replace(/\.yml$/, ''));
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) {
      const fromText = loadPolicies(`policies/${name}.yml`, BUILTIN_POLICIES[`${name}.yml`]!);
      expect(loadBuiltinPolicies(name)).toEqual(fromText);
    }
    expect(loadBuiltinPolicies('no-such-pack')).toBeUndefined();
  });

  it('owasp-strict loads, and everything it forbids exists', () => {
    const strict = loadPolicies('policies/owasp-strict.yml', BUILTIN_POLICIES['owasp-strict.yml']!);
    expect(strict.map((p) => p.name)).toEqual([
      'owasp-api2-authentication',
      'owasp-api2-strong-schemes',
      'owasp-api5-function-level-authorization',
      'owasp-api3-property-level-authorization',
      'owasp-api4-resource-consumption',
      'owasp-api7-ssrf',
      'owasp-api8-transport-and-cors',
      'owasp-api9-inventory',
      'no-critical-risk',
    ]);
    const known = new Set<string>([...CHECKS.map((c) => c.id), ...CATEGORIES, ...SEVERITIES]);
    for (const entry of strict.flatMap((p) => p.rule.forbid ?? [])) expect(known).toContain(entry);
    // Loaded together with the default pack: no name clash.
    const defaults = loadPolicies('policies/default.yml', BUILTIN_POLICIES['default.yml']!);
    expect(new Set([...strict, ...defaults].map((p) => p.name)).size).toBe(strict.length + defaults.length);
  });
});

function policyError(text: string, file = 'policies/team.yml'): string {
  try {
    loadPolicies(file, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const P = 'policies/team.yml';
/** One policy with the given rule (flow YAML) and extra lines. */
const one = (rule: string, ...extra: string[]) =>
  [
    'policies:',
    '  - name: p',
    ...extra.map((l) => `    ${l}`),
    `    rule: ${rule}`,
    '    severity: high',
    '',
  ].join('\n');

describe('invalid policy files: a ConfigError naming file:line:column and the key', () => {
  it.each([
    ['an unknown top-level key', 'policies: []\nversion: 2\n', `${P}:2:1: version: unknown key "version"`],
    [
      'an unknown key in a policy',
      one('{ documented: true }', 'owner: platform-team'),
      `${P}:3:5: policies[0].owner: unknown key "owner"`,
    ],
    [
      'an unknown key in scope',
      one('{ documented: true }', 'scope:', '  classification: [external]', '  environment: prod'),
      `${P}:5:7: policies[0].scope.environment: unknown key "environment"`,
    ],
    [
      'an unknown key in rule',
      'policies:\n  - name: p\n    rule:\n      control: authentication\n      requried: true\n    severity: high\n',
      `${P}:5:7: policies[0].rule.requried: unknown key "requried"`,
    ],
    [
      'a misspelt severity',
      'policies:\n  - name: p\n    rule: { documented: true }\n    severity: hihg\n',
      `${P}:4:15: policies[0].severity: "hihg" must be one of "critical", "high", "medium", "low", "info"`,
    ],
    [
      'a missing severity',
      'policies:\n  - name: p\n    rule: { documented: true }\n',
      `${P}:2:5: policies[0].severity: must be one of "critical", "high", "medium", "low", "info"`,
    ],
    [
      'a bad classification',
      one('{ documented: true }', 'scope: { classification: [external, public] }'),
      `${P}:3:41: policies[0].scope.classification[1]: "public" must be one of "external", "internal", "partner", "shadow", "deprecated"`,
    ],
    [
      'a bad control',
      one('{ control: firewall, required: true }'),
      `${P}:3:22: policies[0].rule.control: "firewall" must be one of "authentication", "transport_encryption", "rate_limiting", "cors_policy", "security_headers", "input_validation", "authorization", "transport", "cors", "security-headers", "rate-limiting", "input-validation", "sensitive-data", "inventory", "configuration"`,
    ],
    [
      'a bad scope change',
      one('{ documented: true }', 'scope: { changes: [removed] }'),
      `${P}:3:24: policies[0].scope.changes[0]: "removed" must be one of "added", "modified", "unchanged"`,
    ],
    [
      'a condition on an unknown field',
      one(`{ condition: "colour == 'red'" }`),
      `${P}:3:24: policies[0].rule.condition: unknown field "colour"; known fields: ${CONDITION_FIELDS.join(', ')}`,
    ],
    [
      'a condition with a bad operator',
      one(`{ condition: "origin ~= '*'" }`),
      `${P}:3:24: policies[0].rule.condition: unexpected "~= '*'" at character 7`,
    ],
    [
      'a condition with =',
      one(`{ condition: "origin = '*'" }`),
      `${P}:3:24: policies[0].rule.condition: unexpected "= '*'" at character 7`,
    ],
    [
      'a condition with an unterminated string',
      one(`{ condition: "origin != '*" }`),
      `${P}:3:24: policies[0].rule.condition: unexpected "'*" at character 10`,
    ],
    [
      'a condition using in without a list',
      one(`{ condition: "method in 'GET'" }`),
      `${P}:3:24: policies[0].rule.condition: "in" needs a [list]`,
    ],
    [
      'a condition with a list after ==',
      one(`{ condition: "method == ['GET']" }`),
      `${P}:3:24: policies[0].rule.condition: a [list] can only follow "in"`,
    ],
    [
      'a condition with an unclosed list',
      one(`{ condition: "method in ['GET'" }`),
      `${P}:3:24: policies[0].rule.condition: expected "," or "]" in a list`,
    ],
    [
      'a condition with a dangling and',
      one(`{ condition: "origin != '*' and" }`),
      `${P}:3:24: policies[0].rule.condition: the condition ends too early`,
    ],
    [
      'a condition with a quoted operator',
      one(`{ condition: "origin '!=' '*'" }`),
      `${P}:3:24: policies[0].rule.condition: expected one of == != < <= > >= in after "origin", found "'!='"`,
    ],
    [
      'a condition joined by a quoted and',
      one(`{ condition: "origin != '*' 'and' score < 50" }`),
      `${P}:3:24: policies[0].rule.condition: expected "and" or "or", found "'and'"`,
    ],
    [
      'an empty condition',
      one(`{ condition: "" }`),
      `${P}:3:24: policies[0].rule.condition: Too small: expected string to have >=1 characters`,
    ],
    [
      'a condition comparing a number with text',
      one(`{ condition: "score < '50'" }`),
      `${P}:3:24: policies[0].rule.condition: "score" is a number, so it never equals "50"`,
    ],
    [
      'a condition with a lower-case method',
      one(`{ condition: "method != 'delete'" }`),
      `${P}:3:24: policies[0].rule.condition: "method" is one of 'GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', so it never equals 'delete'`,
    ],
    [
      'duplicate policy names',
      'policies:\n  - name: p\n    rule: { documented: true }\n    severity: high\n  - name: p\n    rule: { max_score: 50 }\n    severity: low\n',
      `${P}:5:11: policies[1].name: "p" is already used by another policy`,
    ],
    [
      'a forbid naming an unknown rule',
      one('{ forbid: [auth-missing, auth-mising] }'),
      `${P}:3:36: policies[0].rule.forbid[1]: "auth-mising" is neither a rule id, a category nor a severity`,
    ],
    [
      'an empty rule',
      one('{}'),
      `${P}:3:11: policies[0].rule: a rule needs at least one of control, condition, documented, header_present, max_score, forbid, no_breaking_changes`,
    ],
    [
      'a rule with only required',
      one('{ required: true }'),
      `${P}:3:11: policies[0].rule: a rule needs at least one of control, condition, documented, header_present, max_score, forbid, no_breaking_changes`,
    ],
    [
      'required without a control',
      one('{ documented: true, required: true }'),
      `${P}:3:41: policies[0].rule.required: \`required\` needs a \`control\` to require`,
    ],
    [
      'a missing rule',
      'policies:\n  - name: p\n    severity: high\n',
      `${P}:2:5: policies[0].rule: Invalid input: expected object, received undefined`,
    ],
    [
      'max_score above 100',
      one('{ max_score: 101 }'),
      `${P}:3:24: policies[0].rule.max_score: Too big: expected number to be <=100`,
    ],
    [
      'invalid YAML',
      'policies:\n  - name: p\n    severity: high\n   rule: { documented: true }\n',
      `${P}:4:1: invalid YAML: Sequence item without - indicator`,
    ],
    [
      'a duplicate key',
      'policies:\n  - name: a\n    name: b\n',
      `${P}:3:5: invalid YAML: Map keys must be unique`,
    ],
    ['an empty file', '', `${P}:1:1: policies: Invalid input: expected array, received undefined`],
    [
      'an alias bomb',
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\npolicies: []\n',
      `${P}:1:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack`,
    ],
  ])('%s', (_name, text, message) => {
    expect(policyError(text)).toBe(message);
  });

  it('names the file it was given', () => {
    expect(policyError(one('{ control: nope }'), 'a/b/strict.yml')).toMatch(/^a\/b\/strict\.yml:3:22: /);
  });
});

describe('condition grammar', () => {
  const parse = (source: string) => parseCondition(source, CONDITION_FIELDS, CONDITION_FIELD_KINDS);
  const holds = (source: string, facts: Facts) => evaluate(parse(source), facts);

  it.each([
    ['score == 40', true],
    ['score != 40', false],
    ['score < 41', true],
    ['score < 40', false],
    ['score <= 40', true],
    ['score > 39.5', true],
    ['score > 40', false],
    ['score >= 40', true],
    ['score >= 40.01', false],
    ['score > -1', true],
    ['score in [10, 40, 70]', true],
    ['score in [10, 70]', false],
    ['score in []', false],
    ["method == 'POST'", true],
    ['method == "POST"', true],
    ["method in ['GET', 'POST']", true],
    ["path == '/accounts/{id}'", true],
    ['authenticated == true', true],
    ['authenticated == false', false],
    ['authenticated != false', true],
    ['documented == false', true],
    ['score>=40&&score<=40', true],
    ["score < 10 || method == 'POST'", true],
  ])('%s → %s', (source, expected) => {
    const facts: Facts = {
      score: 40,
      method: 'POST',
      path: '/accounts/{id}',
      authenticated: true,
      documented: false,
    };
    expect(holds(source, facts)).toBe(expected);
  });

  it.each([
    ["score == '40'", '"score" is a number, so it never equals "40"'],
    ["authenticated == 'true'", '"authenticated" is a boolean, so it never equals "true"'],
    ['origin == 1', '"origin" is a string, so it never equals 1'],
    ["score in [1, '2']", '"score" is a number, so it never equals "2"'],
    ["method < 'Z'", '"<" compares numbers, and "method" is a string'],
    ['documented >= true', '">=" compares numbers, and "documented" is a boolean'],
    [
      "method == 'post'",
      `"method" is one of 'GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', so it never equals 'post'`,
    ],
    [
      "classification in ['external', 'public']",
      `"classification" is one of 'external', 'internal', 'partner', 'shadow', 'deprecated', so it never equals 'public'`,
    ],
    [
      "change == 'removed'",
      `"change" is one of 'added', 'modified', 'unchanged', so it never equals 'removed'`,
    ],
  ])('rejects %s, which could never hold', (source, message) => {
    expect(() => parse(source)).toThrow(new ConditionError(message));
    // Without kinds (the grammar alone) it parses, and simply never holds.
    expect(parseCondition(source, CONDITION_FIELDS)).toHaveLength(1);
  });

  it('"and" binds tighter than "or"', () => {
    expect(parse("score < 10 or method == 'POST' and documented == true")).toEqual([
      [{ field: 'score', op: '<', value: 10 }],
      [
        { field: 'method', op: '==', value: 'POST' },
        { field: 'documented', op: '==', value: true },
      ],
    ]);
    const facts = { score: 5, method: 'GET', documented: false };
    expect(holds("score < 10 or method == 'POST' and documented == true", facts)).toBe(true);
    expect(holds("method == 'POST' and documented == true or score < 10", facts)).toBe(true);
    expect(holds("score > 10 or method == 'GET' and documented == true", facts)).toBe(false);
  });

  it('strings take either quote and backslash escapes; numbers, booleans and lists are typed', () => {
    expect(parse(`origin == 'it\\'s'`)[0]![0]!.value).toBe("it's");
    expect(parse(`origin == "say \\"hi\\""`)[0]![0]!.value).toBe('say "hi"');
    expect(parse(`origin == 'back\\\\slash'`)[0]![0]!.value).toBe('back\\slash');
    expect(parse(`origin == "a 'b' c"`)[0]![0]!.value).toBe("a 'b' c");
    expect(parse(`origin == 'and or == in'`)[0]![0]!.value).toBe('and or == in');
    expect(parse('score == 12.5')[0]![0]!.value).toBe(12.5);
    expect(parse('score == -3')[0]![0]!.value).toBe(-3);
    expect(parse('tls == false')[0]![0]!.value).toBe(false);
    expect(parseCondition(`origin in ['a', "b", 3, true]`, CONDITION_FIELDS)[0]![0]!.value).toEqual([
      'a',
      'b',
      3,
      true,
    ]);
  });

  it('punctuation inside quotes is a value: a quoted "]" or "," in a list', () => {
    expect(parse(`origin in [']', ',']`)[0]![0]!.value).toEqual([']', ',']);
    expect(holds(`origin in [']']`, { origin: ']' })).toBe(true);
    expect(() => parse(`origin in ['a' ',' 'b']`)).toThrow('expected "," or "]" in a list');
  });

  it('a multi-valued fact holds only if every value does; an absent fact only satisfies !=', () => {
    expect(holds("origin != '*'", { origin: ['https://a.example.com', 'https://b.example.com'] })).toBe(true);
    expect(holds("origin != '*'", { origin: ['https://a.example.com', '*'] })).toBe(false);
    expect(holds("origin in ['https://a.example.com']", { origin: ['https://a.example.com', '*'] })).toBe(
      false,
    );
    expect(holds("origin != '*'", { origin: [] })).toBe(true);
    expect(holds("origin != '*'", {})).toBe(true);
    expect(holds("origin == '*'", {})).toBe(false);
    expect(holds('score < 50', {})).toBe(false);
  });

  it('never evaluates code: identifiers are field names or rejected, and prototype names are plain text', () => {
    const rejected = [
      'origin == constructor',
      '__proto__ != 1',
      'constructor == 1',
      "toString == 'x'",
      'process.exit(1)',
      "origin == 'x'; process.exit(1)",
      'origin == `*`',
      "origin == 'x' + 'y'",
      'origin == $' + '{1}',
      "require('fs') == 1",
      'origin == origin',
      '(score < 10)',
      '!authenticated',
    ];
    for (const source of rejected) expect(() => parse(source), source).toThrow(ConditionError);
    // Harmless: the names are strings compared to the facts' own values.
    expect(holds("origin == 'constructor'", { origin: ['https://a.example.com'] })).toBe(false);
    expect(holds("origin == '__proto__'", {})).toBe(false);
    expect(holds("origin != '__proto__'", {})).toBe(true);
    expect(holds("origin in ['constructor', '__proto__', 'toString']", { origin: 'toString' })).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('any input either parses or throws a ConditionError, never anything else', () => {
    const piece = fc.constantFrom(
      ...CONDITION_FIELDS,
      ...['==', '!=', '<', '<=', '>', '>=', 'in', 'and', 'or', '&&', '||', '[', ']', ',', "'", '"', '\\'],
      ...['1', '-2.5', 'true', 'false', "'*'", '"x"', 'constructor', '__proto__', ' ', '(', ')'],
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(piece, { maxLength: 12 }).map((a) => a.join(' ')),
        ),
        (source) => {
          try {
            const condition = parseCondition(source, CONDITION_FIELDS, CONDITION_FIELD_KINDS);
            expect(typeof evaluate(condition, { origin: ['*'], score: 3, method: 'GET' })).toBe('boolean');
          } catch (error) {
            expect(error).toBeInstanceOf(ConditionError);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

// A reasonably good document that raises no finding at all; variants below break one thing each.
const GOOD = outdent(`
  openapi: 3.0.3
  info:
    title: Accounts
    version: 1.0.0
    contact: { name: Accounts team, email: accounts@example.com }
  servers:
    - url: https://api.example.com/v1
  components:
    securitySchemes:
      oauth2:
        type: oauth2
        flows:
          clientCredentials:
            tokenUrl: https://auth.example.com/token
            scopes: { accounts:read: Read, accounts:write: Write }
    headers:
      HSTS: { schema: { type: string, enum: ['max-age=31536000'] } }
      NoSniff: { schema: { type: string, enum: [nosniff] } }
      NoStore: { schema: { type: string, enum: [no-store] } }
  security:
    - oauth2: [accounts:read]
  paths:
    /accounts/{id}:
      get:
        summary: Get an account
        tags: [accounts]
        parameters:
          - name: id
            in: path
            required: true
            schema: { type: string, format: uuid, maxLength: 36 }
        responses:
          '200':
            description: The account
            headers:
              Strict-Transport-Security: { $ref: '#/components/headers/HSTS' }
              X-Content-Type-Options: { $ref: '#/components/headers/NoSniff' }
              Cache-Control: { $ref: '#/components/headers/NoStore' }
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    id: { type: string, format: uuid }
                    nickname: { type: string, maxLength: 40 }
          '401': { description: Unauthorized }
          '403': { description: Forbidden }
          '429': { description: Too many requests }
      post:
        summary: Update an account
        tags: [accounts, admin]
        security:
          - oauth2: [accounts:write]
        parameters:
          - name: id
            in: path
            required: true
            schema: { type: string, format: uuid, maxLength: 36 }
        requestBody:
          required: true
          content:
            application/json:
              schema:
                type: object
                additionalProperties: false
                properties:
                  nickname: { type: string, maxLength: 40 }
        responses:
          '204':
            description: Updated
            headers:
              Strict-Transport-Security: { $ref: '#/components/headers/HSTS' }
              X-Content-Type-Options: { $ref: '#/components/headers/NoSniff' }
              Cache-Control: { $ref: '#/components/headers/NoStore' }
          '401': { description: Unauthorized }
          '403': { description: Forbidden }
          '429': { description: Too many requests }
`);

const GET = 'GET /accounts/{}';
const POST = 'POST /accounts/{}';

/**
 * Replaces the first occurrence, which must exist, so a variant can never silently equal GOOD. Text starting
 * with spaces is matched at the start of a line: indentation is meaning in YAML.
 */
function change(doc: string, from: string, to: string): string {
  const lineStart = from.startsWith(' ') ? '\n' : '';
  expect(doc).toContain(lineStart + from);
  return doc.replace(lineStart + from, lineStart + to);
}
const GET_SUMMARY = '      summary: Get an account\n';
const GET_200_HEADERS = "            Cache-Control: { $ref: '#/components/headers/NoStore' }\n";

const VARIANTS = {
  noAuth: change(GOOD, GET_SUMMARY, `${GET_SUMMARY}      security: []\n`),
  anonymousAlternative: change(
    GOOD,
    GET_SUMMARY,
    `${GET_SUMMARY}      security:\n        - {}\n        - oauth2: [accounts:read]\n`,
  ),
  plainHttp: change(GOOD, 'https://api.example.com/v1', 'http://api.example.com/v1'),
  loopbackHttp: change(GOOD, 'https://api.example.com/v1', 'http://localhost:8080/v1'),
  noRateLimit: change(GOOD, "        '429': { description: Too many requests }\n", ''),
  wildcardCors: change(
    GOOD,
    GET_200_HEADERS,
    `${GET_200_HEADERS}            Access-Control-Allow-Origin: { schema: { type: string, enum: ['*'] } }\n`,
  ),
  echoedCors: change(
    GOOD,
    GET_SUMMARY,
    `${GET_SUMMARY}      x-amazon-apigateway-integration:\n        type: http_proxy\n        responses:\n          default:\n            responseParameters:\n              method.response.header.Access-Control-Allow-Origin: method.request.header.Origin\n`,
  ),
  noHsts: change(GOOD, "            Strict-Transport-Security: { $ref: '#/components/headers/HSTS' }\n", ''),
  unboundedInput: change(
    GOOD,
    '          schema: { type: string, format: uuid, maxLength: 36 }\n',
    '          schema: { type: string, format: uuid, maxLength: 36 }\n        - name: q\n          in: query\n          schema: { type: string }\n',
  ),
  noScopes: change(GOOD, '        - oauth2: [accounts:write]', '        - oauth2: []'),
  secretInResponse: change(
    GOOD,
    '                  nickname: { type: string, maxLength: 40 }\n',
    '                  nickname: { type: string, maxLength: 40 }\n                  password: { type: string, maxLength: 64 }\n',
  ),
  undocumented: change(GOOD, GET_SUMMARY, ''),
};

interface RunOptions {
  config?: string;
  mode?: 'scan' | 'diff';
  base?: string;
}

function analyse(doc: string, policies: string, options: RunOptions = {}): Analysis {
  const head = { reader: memoryReader({ 'openapi.yaml': doc }), path: 'openapi.yaml' };
  const base =
    options.base === undefined
      ? undefined
      : { reader: memoryReader({ 'openapi.yaml': options.base }), path: 'openapi.yaml' };
  return runEngine([{ path: 'openapi.yaml', head, ...(base ? { base } : {}) }], {
    mode: options.mode ?? (base ? 'diff' : 'scan'),
    config:
      options.config === undefined ? EMPTY_CONFIG : loadConfig('.github/api-posture.yml', options.config),
    policies: loadPolicies('policies/team.yml', policies),
    failOn: 'critical',
    failOnScope: 'new',
    today: '2025-06-01',
  });
}
const violations = (doc: string, policies: string, options?: RunOptions): Violation[] =>
  analyse(doc, policies, options).specs[0]!.violations;
/** `endpoint: reason` of each violation, the label and the policy suffix left out. */
const reasons = (list: Violation[]) =>
  list.map(
    (v) => `${v.endpoint}: ${v.message.replace(/^`[^`]*` /, '').replace(/ \(policy `[^`]*`.*\)$/, '')}`,
  );

describe('the good document', () => {
  it('raises no finding', () => {
    const analysis = analyse(GOOD, 'policies: []\n');
    expect(analysis.specs[0]!.head.problems).toEqual([]);
    expect(analysis.specs[0]!.findings).toEqual([]);
  });

  it.each(CONTROLS)('satisfies control %s', (control) => {
    expect(violations(GOOD, one(`{ control: ${control}, required: true }`))).toEqual([]);
  });

  it('satisfies the seed and the OWASP pack', () => {
    expect(violations(GOOD, SEED)).toEqual([]);
    expect(violations(GOOD, BUILTIN_POLICIES['owasp-strict.yml']!)).toEqual([]);
  });
});

describe('rule: control (required)', () => {
  it.each([
    ['authentication', 'noAuth', [`${GET}: does not require authentication`]],
    ['authentication', 'anonymousAlternative', [`${GET}: does not require authentication`]],
    [
      'transport_encryption',
      'plainHttp',
      [
        `${GET}: is served over plain HTTP (http://api.example.com/v1)`,
        `${POST}: is served over plain HTTP (http://api.example.com/v1)`,
      ],
    ],
    [
      'transport',
      'plainHttp',
      [
        `${GET}: is served over plain HTTP (http://api.example.com/v1)`,
        `${POST}: is served over plain HTTP (http://api.example.com/v1)`,
      ],
    ],
    ['transport_encryption', 'loopbackHttp', []],
    [
      'rate_limiting',
      'noRateLimit',
      [`${GET}: declares no rate limit (no 429 response or rate-limit headers)`],
    ],
    [
      'rate-limiting',
      'noRateLimit',
      [`${GET}: declares no rate limit (no 429 response or rate-limit headers)`],
    ],
    ['cors_policy', 'wildcardCors', [`${GET}: allows any CORS origin (\`*\`)`]],
    ['cors', 'wildcardCors', [`${GET}: allows any CORS origin (\`*\`)`]],
    [
      'cors_policy',
      'echoedCors',
      [`${GET}: allows any CORS origin (it sends each request's \`Origin\` back)`],
    ],
    ['security_headers', 'noHsts', [`${GET}: has security-headers findings: headers-missing-hsts`]],
    ['security-headers', 'noHsts', [`${GET}: has security-headers findings: headers-missing-hsts`]],
    ['input_validation', 'unboundedInput', [`${GET}: has input-validation findings: input-unbounded`]],
    ['input-validation', 'unboundedInput', [`${GET}: has input-validation findings: input-unbounded`]],
    ['authorization', 'noScopes', [`${POST}: has authorization findings: authz-no-scopes-on-write`]],
    ['sensitive-data', 'secretInResponse', [`${GET}: has sensitive-data findings: sensitive-response-field`]],
    ['inventory', 'undocumented', [`${GET}: has inventory findings: inventory-undocumented-operation`]],
  ] as const)('%s on the %s variant', (control, variant, expected) => {
    const found = violations(VARIANTS[variant], one(`{ control: ${control}, required: true }`));
    expect(reasons(found)).toEqual(expected);
    // `required` defaults to true when a control is named without a condition.
    expect(reasons(violations(VARIANTS[variant], one(`{ control: ${control} }`)))).toEqual(expected);
    // `required: false` asks for nothing.
    expect(violations(VARIANTS[variant], one(`{ control: ${control}, required: false }`))).toEqual([]);
  });

  it('a violation carries policy, file, endpoint, severity, message, remediation and place', () => {
    const [violation, ...rest] = violations(VARIANTS.noAuth, SEED);
    expect(rest).toEqual([]);
    expect(violation).toEqual({
      policy: 'require-authentication',
      policyFile: 'policies/team.yml',
      endpoint: GET,
      severity: 'critical',
      message:
        '`GET /accounts/{id}` does not require authentication (policy `require-authentication`: All external APIs must require authentication)',
      remediation: 'Add OAuth2, API key, or JWT authentication',
      loc: { file: 'openapi.yaml', pointer: '/paths/~1accounts~1{id}/get/security' },
      status: 'existing',
      // What matches it across versions (src/engine.ts): internal, never reported.
      fact: 'requires no authentication',
    });
    const [plain] = violations(VARIANTS.noAuth, one('{ control: authentication }'));
    expect(plain!.message).toBe('`GET /accounts/{id}` does not require authentication (policy `p`)');
    expect(plain!.remediation).toBe(
      'Change the endpoint so the policy holds, or ask the policy owners for an exception.',
    );
  });

  it('rate limiting and security headers enforced at the gateway satisfy their controls', () => {
    const gateway = 'gateway:\n  enforces: [rate-limiting, security-headers]\n';
    expect(violations(VARIANTS.noRateLimit, one('{ control: rate_limiting }'), { config: gateway })).toEqual(
      [],
    );
    expect(violations(VARIANTS.noHsts, one('{ control: security_headers }'), { config: gateway })).toEqual(
      [],
    );
    const headers = 'gateway:\n  headers: [Strict-Transport-Security]\n';
    expect(violations(VARIANTS.noHsts, one('{ control: security-headers }'), { config: headers })).toEqual(
      [],
    );
  });
});

describe('rule: condition (the seed no-wildcard-cors and others)', () => {
  const NO_WILDCARD = withoutComments(SEED).replace(
    /[\s\S]*?( {2}- name: no-wildcard-cors[\s\S]*?)\n\n[\s\S]*/,
    '$1',
  );
  const seedCors = `policies:\n${NO_WILDCARD}\n`;

  it('extracts the seed policy verbatim', () => {
    expect(loadPolicies('x.yml', seedCors).map((p) => p.name)).toEqual(['no-wildcard-cors']);
  });

  const originHeader = (schema: string) =>
    change(GOOD, GET_200_HEADERS, `${GET_200_HEADERS}            Access-Control-Allow-Origin: ${schema}\n`);

  it.each([
    ['a header enum of *', originHeader("{ schema: { type: string, enum: ['*'] } }"), [GET]],
    ['a header default of *', originHeader("{ schema: { type: string, default: '*' } }"), [GET]],
    [
      '* among other origins',
      originHeader("{ schema: { type: string, enum: ['https://a.example.com', '*'] } }"),
      [GET],
    ],
    [
      'an explicit origin',
      originHeader("{ schema: { type: string, enum: ['https://app.example.com'] } }"),
      [],
    ],
    ['no CORS declared at all', GOOD, []],
    [
      'x-amazon-apigateway-cors allowing *',
      change(
        GOOD,
        'paths:\n',
        "x-amazon-apigateway-cors:\n  allowOrigins: ['*']\n  allowMethods: [GET, POST]\npaths:\n",
      ),
      [GET, POST],
    ],
    ['the request’s own Origin sent back (counts as *)', VARIANTS.echoedCors, [GET]],
    [
      'x-amazon-apigateway-cors with explicit origins',
      change(
        GOOD,
        'paths:\n',
        "x-amazon-apigateway-cors:\n  allowOrigins: ['https://app.example.com']\npaths:\n",
      ),
      [],
    ],
    [
      'an API Gateway integration response parameter',
      change(
        GOOD,
        GET_SUMMARY,
        `${GET_SUMMARY}      x-amazon-apigateway-integration:\n        type: http_proxy\n        responses:\n          default:\n            statusCode: '200'\n            responseParameters:\n              method.response.header.Access-Control-Allow-Origin: "'*'"\n`,
      ),
      [GET],
    ],
  ])('%s', (_name, doc, endpoints) => {
    const found = violations(doc, seedCors);
    expect(found.map((v) => v.endpoint)).toEqual(endpoints);
    for (const v of found) {
      expect(v.message).toBe(
        `\`${v.endpoint.replace('{}', '{id}')}\` does not meet \`origin != '*'\` (policy \`no-wildcard-cors\`: APIs must not use wildcard CORS origins)`,
      );
      expect(v.severity).toBe('high');
    }
  });

  it('points a CORS condition failure at the declared header', () => {
    const [v] = violations(originHeader("{ schema: { type: string, enum: ['*'] } }"), seedCors);
    expect(v!.loc).toEqual({
      file: 'openapi.yaml',
      pointer: '/paths/~1accounts~1{id}/get/responses/200/headers/Access-Control-Allow-Origin',
    });
  });

  it('an allow-list of origins', () => {
    const policy = one(`{ condition: "origin in ['https://app.example.com', 'https://admin.example.com']" }`);
    const allowed = originHeader("{ schema: { type: string, enum: ['https://app.example.com'] } }");
    const other = originHeader("{ schema: { type: string, enum: ['https://evil.example.net'] } }");
    expect(violations(allowed, policy)).toEqual([]);
    expect(violations(GOOD, policy)).toEqual([]);
    expect(violations(other, policy).map((v) => v.endpoint)).toEqual([GET]);
  });

  it.each([
    ["method == 'GET'", [POST]],
    ["method in ['GET', 'POST']", []],
    ["path == '/accounts/{id}'", []],
    ['authenticated == true', []],
    ['tls == true', []],
    ['rate_limited == true', []],
    ['documented == true and deprecated == false', []],
    ["classification == 'external'", []],
    ["classification == 'internal'", [GET, POST]],
    ['score < 1', []],
    ['score > 0', [GET, POST]],
    ['credentials == false', []],
    ['breaking_changes == 0', []],
    ["change == 'unchanged'", []],
    ["method == 'GET' or score < 1", []],
    ["method == 'GET' and score > 0", [GET, POST]],
  ])('%s', (condition, endpoints) => {
    expect(violations(GOOD, one(`{ condition: "${condition}" }`)).map((v) => v.endpoint)).toEqual(endpoints);
  });

  it('facts follow the document: authenticated, tls, rate_limited, documented, deprecated', () => {
    const failing = (doc: string, condition: string) =>
      violations(doc, one(`{ condition: "${condition}" }`)).map((v) => v.endpoint);
    expect(failing(VARIANTS.noAuth, 'authenticated == true')).toEqual([GET]);
    expect(failing(VARIANTS.plainHttp, 'tls == true')).toEqual([GET, POST]);
    expect(failing(VARIANTS.loopbackHttp, 'tls == true')).toEqual([]);
    expect(failing(VARIANTS.noRateLimit, 'rate_limited == true')).toEqual([GET]);
    expect(failing(VARIANTS.undocumented, 'documented == true')).toEqual([GET]);
    const deprecated = change(GOOD, GET_SUMMARY, `${GET_SUMMARY}      deprecated: true\n`);
    expect(failing(deprecated, 'deprecated == false')).toEqual([GET]);
  });
});

describe('rule: documented', () => {
  it('needs a summary or a description', () => {
    const policy = one('{ documented: true }');
    expect(reasons(violations(VARIANTS.undocumented, policy))).toEqual([
      `${GET}: has no summary or description`,
    ]);
    const described = change(GOOD, GET_SUMMARY, '      description: Returns one account.\n');
    expect(violations(described, policy)).toEqual([]);
    const blank = change(GOOD, GET_SUMMARY, "      summary: '   '\n");
    expect(violations(blank, policy).map((v) => v.endpoint)).toEqual([GET]);
    expect(violations(VARIANTS.undocumented, one('{ documented: false }'))).toEqual([]);
  });
});

describe('rule: header_present (the seed deprecation-sunset)', () => {
  const deprecated = change(GOOD, GET_SUMMARY, `${GET_SUMMARY}      deprecated: true\n`);
  const withSunset = change(
    deprecated,
    GET_200_HEADERS,
    `${GET_200_HEADERS}            Sunset: { schema: { type: string, example: 'Wed, 31 Dec 2025 23:59:59 GMT' } }\n`,
  );
  const seed = loadPolicies('seed.yml', SEED);

  it('a deprecated endpoint without a Sunset header violates it; with one, or not deprecated, it does not', () => {
    const found = violations(deprecated, SEED);
    expect(found.map((v) => [v.policy, v.endpoint, v.severity])).toEqual([
      ['deprecation-sunset', GET, 'medium'],
    ]);
    expect(found[0]!.message).toBe(
      '`GET /accounts/{id}` does not declare the `Sunset` response header (policy `deprecation-sunset`: Deprecated APIs must have sunset headers)',
    );
    expect(found[0]!.remediation).toBe('Add Sunset header with planned removal date');
    expect(violations(withSunset, SEED)).toEqual([]);
    expect(seed.find((p) => p.name === 'deprecation-sunset')).toBeDefined();
  });

  it('matches the header name case-insensitively, and a gateway-added header counts', () => {
    const lower = change(
      deprecated,
      GET_200_HEADERS,
      `${GET_200_HEADERS}            sunset: { schema: { type: string } }\n`,
    );
    expect(violations(lower, SEED)).toEqual([]);
    expect(violations(deprecated, SEED, { config: 'gateway:\n  headers: [Sunset]\n' })).toEqual([]);
  });

  it('a declared classification wins over deprecated: true, and the scope follows it', () => {
    const declared = change(deprecated, GET_SUMMARY, `${GET_SUMMARY}      x-api-classification: partner\n`);
    expect(violations(declared, SEED)).toEqual([]);
  });
});

describe('rule: max_score', () => {
  it('flags endpoints above the allowed score, with the score in the message', () => {
    const analysis = analyse(VARIANTS.plainHttp, one('{ max_score: 49 }'));
    const score = analysis.specs[0]!.scores.get(GET)!.head!.score;
    expect(score).toBeGreaterThan(49);
    expect(reasons(analysis.specs[0]!.violations)).toEqual([
      `${GET}: has risk score ${score}, above the allowed 49`,
      `${POST}: has risk score ${score}, above the allowed 49`,
    ]);
    expect(violations(VARIANTS.plainHttp, one(`{ max_score: ${score} }`))).toEqual([]);
    expect(violations(GOOD, one('{ max_score: 0 }'))).toEqual([]);
  });
});

describe('rule: forbid', () => {
  it.each([
    ['a rule id', 'transport-http-server', [GET, POST]],
    ['a category', 'transport', [GET, POST]],
    ['a severity', 'high', [GET, POST]],
    ['a severity nothing has', 'critical', []],
    ['an unrelated rule id', 'cors-wildcard-origin', []],
    ['an unrelated category', 'cors', []],
  ])('by %s', (_name, entry, endpoints) => {
    const found = violations(VARIANTS.plainHttp, one(`{ forbid: [${entry}] }`));
    expect(found.map((v) => v.endpoint)).toEqual(endpoints);
    for (const v of found) expect(v.message).toContain('has forbidden findings: transport-http-server');
  });

  it('a single value works like a list of one', () => {
    expect(
      violations(VARIANTS.noRateLimit, one('{ forbid: rate-limit-missing }')).map((v) => v.endpoint),
    ).toEqual([GET]);
  });

  it('suppressed findings are not forbidden findings', () => {
    const policy = one('{ forbid: [rate-limiting] }');
    expect(violations(VARIANTS.noRateLimit, policy)).toHaveLength(1);
    const config = 'ignore:\n  - rule: rate-limit-missing\n    reason: The gateway limits every route\n';
    expect(violations(VARIANTS.noRateLimit, policy, { config })).toEqual([]);
    const inDocument = change(
      VARIANTS.noRateLimit,
      GET_SUMMARY,
      `${GET_SUMMARY}      x-api-posture-ignore:\n        - rule: rate-limit-missing\n          reason: Cached at the CDN\n`,
    );
    expect(violations(inDocument, policy)).toEqual([]);
  });
});

describe('rule: no_breaking_changes (diff mode)', () => {
  const breaking = change(
    GOOD,
    '          schema: { type: string, format: uuid, maxLength: 36 }\n',
    '          schema: { type: string, format: uuid, maxLength: 36 }\n        - name: region\n          in: query\n          required: true\n          schema: { type: string, enum: [eu, us] }\n',
  );
  const policy = one('{ no_breaking_changes: true }');

  it('flags an endpoint whose change breaks clients, pointing at the change', () => {
    const found = violations(breaking, policy, { base: GOOD });
    expect(reasons(found)).toEqual([
      `${GET}: has 1 breaking change: required query parameter \`region\` added`,
    ]);
    expect(found[0]!.status).toBe('new');
    expect(found[0]!.loc.pointer).toBe('/paths/~1accounts~1{id}/get/parameters/1');
  });

  it('is quiet for non-breaking changes, identical documents and in scan mode', () => {
    const optional = breaking.replace(
      '          required: true\n          schema: { type: string, enum',
      '          schema: { type: string, enum',
    );
    expect(optional).not.toBe(breaking);
    expect(violations(optional, policy, { base: GOOD })).toEqual([]);
    expect(violations(GOOD, policy, { base: GOOD })).toEqual([]);
    expect(violations(breaking, policy)).toEqual([]);
    expect(violations(breaking, one('{ no_breaking_changes: false }'), { base: GOOD })).toEqual([]);
  });
});

describe('scope', () => {
  const undocumentedBoth = change(VARIANTS.undocumented, '      summary: Update an account\n', '');
  const documented = (...scope: string[]) => one('{ documented: true }', ...scope);
  const hits = (doc: string, policy: string, options?: RunOptions) =>
    violations(doc, policy, options).map((v) => v.endpoint);

  it('covers every endpoint without a scope', () => {
    expect(hits(undocumentedBoth, documented())).toEqual([GET, POST]);
  });

  it('by classification', () => {
    const internalGet = change(undocumentedBoth, 'get:\n', 'get:\n      x-api-classification: internal\n');
    expect(hits(internalGet, documented('scope: { classification: [external] }'))).toEqual([POST]);
    expect(hits(internalGet, documented('scope: { classification: [internal] }'))).toEqual([GET]);
    expect(hits(internalGet, documented('scope: { classification: [partner, shadow] }'))).toEqual([]);
    // Config classification rules feed the scope too.
    const config = 'classification:\n  rules:\n    - classification: partner\n      tags: [admin]\n';
    expect(hits(undocumentedBoth, documented('scope: { classification: [partner] }'), { config })).toEqual([
      POST,
    ]);
  });

  it('by methods, case-insensitively', () => {
    expect(hits(undocumentedBoth, documented('scope: { methods: [GET] }'))).toEqual([GET]);
    expect(hits(undocumentedBoth, documented('scope: { methods: [post, Delete] }'))).toEqual([POST]);
  });

  it('by path globs, braces and all', () => {
    const more = change(
      undocumentedBoth,
      'paths:\n',
      "paths:\n  /accounts:\n    get:\n      security: []\n      responses:\n        '200': { description: ok }\n  /admin/accounts/{id}/lock:\n    post:\n      responses:\n        '204': { description: ok }\n",
    );
    const all = ['GET /accounts', 'POST /admin/accounts/{}/lock', GET, POST]; // document order
    expect(hits(more, documented())).toEqual(all);
    expect(hits(more, documented("scope: { paths: ['/accounts/**'] }"))).toEqual([
      'GET /accounts',
      GET,
      POST,
    ]);
    expect(hits(more, documented("scope: { paths: ['/accounts/*'] }"))).toEqual([GET, POST]);
    expect(hits(more, documented("scope: { paths: ['/accounts/{id}'] }"))).toEqual([GET, POST]);
    expect(hits(more, documented("scope: { paths: '/admin/**' }"))).toEqual(['POST /admin/accounts/{}/lock']);
    expect(hits(more, documented("scope: { paths: ['/**/lock', '/accounts'] }"))).toEqual([
      'GET /accounts',
      'POST /admin/accounts/{}/lock',
    ]);
    expect(hits(more, documented("scope: { paths: ['/users/**'] }"))).toEqual([]);
  });

  it('by tags', () => {
    expect(hits(undocumentedBoth, documented('scope: { tags: [admin] }'))).toEqual([POST]);
    expect(hits(undocumentedBoth, documented('scope: { tags: accounts }'))).toEqual([GET, POST]);
    expect(hits(undocumentedBoth, documented('scope: { tags: [billing] }'))).toEqual([]);
  });

  it('by change in diff mode: added, modified', () => {
    const base = change(VARIANTS.undocumented, /\n {4}post:[\s\S]*$/.exec(VARIANTS.undocumented)![0], '\n');
    expect(base).not.toContain('post:');
    const head = change(
      undocumentedBoth,
      'nickname: { type: string, maxLength: 40 }',
      'nickname: { type: string, maxLength: 30 }',
    );
    const diffAnalysis = analyse(head, 'policies: []\n', { base });
    expect(diffAnalysis.specs[0]!.diff.endpoints.map((e) => [e.id, e.change])).toEqual([
      [GET, 'modified'],
      [POST, 'added'],
    ]);
    expect(hits(head, documented('scope: { changes: [added] }'), { base })).toEqual([POST]);
    expect(hits(head, documented('scope: { changes: [modified] }'), { base })).toEqual([GET]);
    expect(hits(head, documented('scope: { changes: [added, modified] }'), { base })).toEqual([GET, POST]);
    expect(hits(head, documented('scope: { changes: [unchanged] }'), { base })).toEqual([]);
    // Scan mode: every endpoint is unchanged.
    expect(hits(head, documented('scope: { changes: [added, modified] }'))).toEqual([]);
    expect(hits(head, documented('scope: { changes: [unchanged] }'))).toEqual([GET, POST]);
  });

  it('filters combine: every given filter must match', () => {
    expect(hits(undocumentedBoth, documented('scope: { methods: [post], tags: [accounts] }'))).toEqual([
      POST,
    ]);
    expect(hits(undocumentedBoth, documented('scope: { methods: [get], tags: [admin] }'))).toEqual([]);
  });

  it('enabled: false switches a policy off; enabled: true is the default', () => {
    expect(hits(undocumentedBoth, documented('enabled: false'))).toEqual([]);
    expect(hits(undocumentedBoth, documented('enabled: true'))).toEqual([GET, POST]);
  });
});

describe('violation status in diff mode', () => {
  const policy = one('{ control: rate_limiting }');

  it('new when the base did not violate the policy on that endpoint, existing when it did', () => {
    const both = change(VARIANTS.noRateLimit, "        '429': { description: Too many requests }\n", '');
    const found = violations(both, policy, { base: VARIANTS.noRateLimit });
    expect(found.map((v) => [v.endpoint, v.status])).toEqual([
      [GET, 'existing'],
      [POST, 'new'],
    ]);
  });

  it('a violation the PR fixes is not listed; everything is existing in scan mode', () => {
    expect(violations(GOOD, policy, { base: VARIANTS.noRateLimit })).toEqual([]);
    expect(violations(VARIANTS.noRateLimit, policy).map((v) => v.status)).toEqual(['existing']);
  });

  it('an added spec: every violation is new', () => {
    const analysis = runEngine(
      [
        {
          path: 'openapi.yaml',
          head: { reader: memoryReader({ 'openapi.yaml': VARIANTS.noRateLimit }), path: 'openapi.yaml' },
        },
      ],
      { mode: 'diff', policies: loadPolicies('p.yml', policy), failOn: 'high', failOnScope: 'new' },
    );
    expect(analysis.specs[0]!.violations.map((v) => [v.endpoint, v.status])).toEqual([[GET, 'new']]);
    expect(analysis.gate).toEqual({
      blocked: true,
      reason: '1 new policy violation at high or above',
      blocking: 1,
    });
  });
});

describe('violation status rests on the fact, never the message (src/engine.ts violationKey)', () => {
  const noHstsNoRateLimit = change(
    VARIANTS.noHsts,
    "        '429': { description: Too many requests }\n",
    '',
  );

  it('every violation of the shipped packs names the fact it rests on', () => {
    const packs = [SEED, BUILTIN_POLICIES['owasp-strict.yml']!];
    let seen = 0;
    for (const doc of Object.values(VARIANTS))
      for (const pack of packs)
        for (const v of violations(doc, pack)) {
          seen++;
          expect(v.fact, `${v.policy} on ${v.endpoint}: ${v.message}`).toMatch(/^[a-z]/);
          // The fact holds no number, URL or rule list that moves between versions.
          expect(v.fact).not.toMatch(/\d|https?:|:/);
        }
    expect(seen).toBeGreaterThan(10);
  });

  it('a fixed rule among the forbidden ones leaves the violation existing', () => {
    const policy = one('{ forbid: [headers-missing-hsts, rate-limit-missing] }');
    const [v, ...rest] = violations(VARIANTS.noHsts, policy, { base: noHstsNoRateLimit });
    expect(rest).toEqual([]);
    expect(v!.message).toContain('has forbidden findings: headers-missing-hsts (policy');
    expect(v!.status).toBe('existing');
    // The same through a category control.
    const control = one('{ control: security_headers }');
    expect(violations(VARIANTS.noHsts, control, { base: noHstsNoRateLimit }).map((x) => x.status)).toEqual([
      'existing',
    ]);
  });

  it('a new forbidden finding makes it new though the base violated the policy on that endpoint', () => {
    const policy = one('{ forbid: [headers-missing-hsts, rate-limit-missing] }');
    const found = violations(noHstsNoRateLimit, policy, { base: VARIANTS.noHsts });
    expect(found.map((v) => [v.endpoint, v.status])).toEqual([[GET, 'new']]);
    const control = one('{ control: rate_limiting }');
    // The fact itself is new there: the base declared a rate limit.
    expect(violations(noHstsNoRateLimit, control, { base: VARIANTS.noHsts }).map((v) => v.status)).toEqual([
      'new',
    ]);
  });

  it('any CORS origin allowed, `*` in the base and echoed in the head: the same fact, existing', () => {
    const policy = one('{ control: cors }');
    const head = violations(VARIANTS.echoedCors, policy, { base: VARIANTS.wildcardCors });
    expect(head.map((v) => [v.endpoint, v.status])).toEqual([[GET, 'existing']]);
    // Fail closed: the same policy on an endpoint the base did not open to any origin is new.
    expect(violations(VARIANTS.echoedCors, policy, { base: GOOD }).map((v) => v.status)).toEqual(['new']);
  });

  it('a renamed path parameter keeps the violation existing', () => {
    const renamed = VARIANTS.noRateLimit
      .replaceAll('/accounts/{id}', '/accounts/{accountId}')
      .replaceAll('- name: id\n', '- name: accountId\n');
    const head = violations(renamed, one('{ control: rate_limiting }'), { base: VARIANTS.noRateLimit });
    expect(head.map((v) => [v.endpoint, v.status])).toEqual([[GET, 'existing']]);
    expect(head[0]!.message).toContain('{accountId}');
  });
});

describe('a violation carries the status of the finding it restates', () => {
  /** `count` operations, `/things/0` … with or without a summary, every one authenticated and rate-limited. */
  const api = (count: number, summary: (i: number) => boolean) =>
    [
      'openapi: 3.0.3',
      'info: { title: Things, version: "1" }',
      'servers: [{ url: "https://api.example.com" }]',
      'components:',
      '  securitySchemes:',
      '    key: { type: apiKey, in: header, name: X-Key }',
      'security: [{ key: [] }]',
      'paths:',
      ...Array.from({ length: count }, (_, i) => [
        `  /things/${i}:`,
        '    get:',
        ...(summary(i) ? [`      summary: Thing ${i}`] : []),
        "      responses: { '200': { description: OK }, '429': { description: Slow down } }",
      ]).flat(),
      '',
    ].join('\n');
  const documentation = one('{ documented: true }');

  it('an added undocumented endpoint where the base documents nothing: existing, like its finding', () => {
    const analysis = analyse(
      api(6, () => false),
      documentation,
      { base: api(5, () => false) },
    );
    const spec = analysis.specs[0]!;
    const added = 'GET /things/5';
    const finding = spec.findings.find(
      (f) => f.endpoint === added && f.ruleId === 'inventory-undocumented-operation',
    );
    expect(finding?.status).toBe('existing');
    expect(spec.violations.filter((v) => v.endpoint === added).map((v) => v.status)).toEqual(['existing']);
  });

  it('an added undocumented endpoint where the base documents every one: new, like its finding', () => {
    const analysis = analyse(
      api(6, (i) => i < 5),
      documentation,
      { base: api(5, () => true) },
    );
    const spec = analysis.specs[0]!;
    const added = 'GET /things/5';
    const finding = spec.findings.find(
      (f) => f.endpoint === added && f.ruleId === 'inventory-undocumented-operation',
    );
    expect(finding?.status).toBe('new');
    expect(spec.violations.map((v) => [v.endpoint, v.status])).toEqual([[added, 'new']]);
  });
});

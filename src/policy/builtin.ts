// The shipped policy packs, embedded so the bundled action needs no files beside dist/.
// Kept equal to policies/*.yml by test/policy.test.ts; regenerate with `npm run schemas`.
import type { PolicyDefinition } from './schema.js';

export const BUILTIN_POLICIES: Record<string, string> = {
  'default.yml':
    '# api-posture default policies: the six policies of the posture-management seed, unchanged.\n# Copy this file to write your own, and pass it with --policies (CLI) or the `policies` input (action).\npolicies:\n  - name: require-authentication\n    description: All external APIs must require authentication\n    scope:\n      classification: [external, partner]\n    rule:\n      control: authentication\n      required: true\n    severity: critical\n    remediation: "Add OAuth2, API key, or JWT authentication"\n\n  - name: enforce-tls\n    description: All APIs must use HTTPS\n    scope:\n      classification: [external, internal, partner]\n    rule:\n      control: transport_encryption\n      required: true\n    severity: critical\n    remediation: "Configure TLS certificates and redirect HTTP to HTTPS"\n\n  - name: require-rate-limiting\n    description: External APIs must implement rate limiting\n    scope:\n      classification: [external]\n    rule:\n      control: rate_limiting\n      required: true\n    severity: high\n    remediation: "Configure rate limiting at API gateway level"\n\n  - name: no-wildcard-cors\n    description: APIs must not use wildcard CORS origins\n    scope:\n      classification: [external]\n    rule:\n      control: cors_policy\n      condition: "origin != \'*\'"\n    severity: high\n    remediation: "Specify explicit allowed origins in CORS configuration"\n\n  - name: documentation-required\n    description: All APIs must have OpenAPI documentation\n    scope:\n      classification: [external, partner]\n    rule:\n      documented: true\n    severity: medium\n    remediation: "Create and publish OpenAPI specification"\n\n  - name: deprecation-sunset\n    description: Deprecated APIs must have sunset headers\n    scope:\n      classification: [deprecated]\n    rule:\n      header_present: "Sunset"\n    severity: medium\n    remediation: "Add Sunset header with planned removal date"\n',
  'owasp-strict.yml':
    '# api-posture strict pack: the OWASP API Security Top 10 (2023) as blocking policies for external and\n# partner APIs. Use it on top of (or instead of) default.yml when every endpoint must meet the bar.\npolicies:\n  - name: owasp-api2-authentication\n    description: "API2:2023 - every external or partner endpoint requires authentication, without an anonymous alternative"\n    scope:\n      classification: [external, partner, shadow, deprecated]\n    rule:\n      control: authentication\n      required: true\n    severity: critical\n    remediation: "Add an OAuth2, OpenID Connect, bearer or API-key requirement and remove any empty `{}` alternative"\n\n  - name: owasp-api2-strong-schemes\n    description: "API2:2023 - no HTTP Basic, API keys in URLs, implicit or password OAuth flows, or credentials in URLs"\n    scope:\n      classification: [external, partner]\n    rule:\n      forbid: [auth-http-basic, auth-apikey-in-query, auth-oauth-legacy-flow, auth-credentials-in-url, auth-insecure-oauth-url]\n    severity: high\n    remediation: "Use OAuth2 authorization code with PKCE, client credentials, or header API keys over HTTPS"\n\n  - name: owasp-api5-function-level-authorization\n    description: "API5:2023 - write operations ask for a scope and admin endpoints stay internal"\n    scope:\n      classification: [external, partner]\n    rule:\n      forbid: [authz-no-scopes-on-write, authz-admin-path-exposed]\n    severity: high\n    remediation: "Require a specific OAuth scope on writes and move administrative endpoints to an internal API"\n\n  - name: owasp-api3-property-level-authorization\n    description: "API3:2023 - no secrets or government and card data in responses, no mass assignment"\n    scope:\n      classification: [external, partner]\n    rule:\n      forbid: [sensitive-response-field, input-mass-assignment]\n    severity: high\n    remediation: "Return only the fields clients need, mark secrets writeOnly and close write bodies with additionalProperties: false"\n\n  - name: owasp-api4-resource-consumption\n    description: "API4:2023 - rate limits declared and inputs bounded"\n    scope:\n      classification: [external, partner]\n    rule:\n      forbid: [rate-limit-missing, input-unbounded]\n    severity: medium\n    remediation: "Declare 429 responses with RateLimit headers and bound every string, array and number"\n\n  - name: owasp-api7-ssrf\n    description: "API7:2023 - URLs taken as input are restricted"\n    scope:\n      classification: [external, partner]\n    rule:\n      forbid: [input-ssrf-url]\n    severity: high\n    remediation: "Restrict URL inputs to an allow-list of hosts"\n\n  - name: owasp-api8-transport-and-cors\n    description: "API8:2023 - HTTPS only and no wildcard CORS"\n    scope:\n      classification: [external, partner, internal]\n    rule:\n      forbid: [transport, cors]\n    severity: high\n    remediation: "Serve over HTTPS only and list trusted origins explicitly"\n\n  - name: owasp-api9-inventory\n    description: "API9:2023 - documented, owned, with announced sunsets and no published test hosts"\n    scope:\n      classification: [external, partner, deprecated]\n    rule:\n      forbid: [inventory]\n    severity: medium\n    remediation: "Document every operation, name an owner, announce Sunset dates and keep test servers out of the spec"\n\n  - name: no-critical-risk\n    description: "No endpoint in the critical risk band"\n    rule:\n      max_score: 74\n    severity: high\n    remediation: "Fix the findings listed in the endpoint\'s score breakdown"\n',
};

/** The same packs as the policy schema reads them (`loadBuiltinPolicies`). */
export const BUILTIN_POLICY_DEFINITIONS: Record<string, PolicyDefinition[]> = {
  'default.yml': [
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
  ],
  'owasp-strict.yml': [
    {
      name: 'owasp-api2-authentication',
      description:
        'API2:2023 - every external or partner endpoint requires authentication, without an anonymous alternative',
      scope: { classification: ['external', 'partner', 'shadow', 'deprecated'] },
      rule: { control: 'authentication', required: true },
      severity: 'critical',
      remediation:
        'Add an OAuth2, OpenID Connect, bearer or API-key requirement and remove any empty `{}` alternative',
    },
    {
      name: 'owasp-api2-strong-schemes',
      description:
        'API2:2023 - no HTTP Basic, API keys in URLs, implicit or password OAuth flows, or credentials in URLs',
      scope: { classification: ['external', 'partner'] },
      rule: {
        forbid: [
          'auth-http-basic',
          'auth-apikey-in-query',
          'auth-oauth-legacy-flow',
          'auth-credentials-in-url',
          'auth-insecure-oauth-url',
        ],
      },
      severity: 'high',
      remediation:
        'Use OAuth2 authorization code with PKCE, client credentials, or header API keys over HTTPS',
    },
    {
      name: 'owasp-api5-function-level-authorization',
      description: 'API5:2023 - write operations ask for a scope and admin endpoints stay internal',
      scope: { classification: ['external', 'partner'] },
      rule: { forbid: ['authz-no-scopes-on-write', 'authz-admin-path-exposed'] },
      severity: 'high',
      remediation:
        'Require a specific OAuth scope on writes and move administrative endpoints to an internal API',
    },
    {
      name: 'owasp-api3-property-level-authorization',
      description: 'API3:2023 - no secrets or government and card data in responses, no mass assignment',
      scope: { classification: ['external', 'partner'] },
      rule: { forbid: ['sensitive-response-field', 'input-mass-assignment'] },
      severity: 'high',
      remediation:
        'Return only the fields clients need, mark secrets writeOnly and close write bodies with additionalProperties: false',
    },
    {
      name: 'owasp-api4-resource-consumption',
      description: 'API4:2023 - rate limits declared and inputs bounded',
      scope: { classification: ['external', 'partner'] },
      rule: { forbid: ['rate-limit-missing', 'input-unbounded'] },
      severity: 'medium',
      remediation: 'Declare 429 responses with RateLimit headers and bound every string, array and number',
    },
    {
      name: 'owasp-api7-ssrf',
      description: 'API7:2023 - URLs taken as input are restricted',
      scope: { classification: ['external', 'partner'] },
      rule: { forbid: ['input-ssrf-url'] },
      severity: 'high',
      remediation: 'Restrict URL inputs to an allow-list of hosts',
    },
    {
      name: 'owasp-api8-transport-and-cors',
      description: 'API8:2023 - HTTPS only and no wildcard CORS',
      scope: { classification: ['external', 'partner', 'internal'] },
      rule: { forbid: ['transport', 'cors'] },
      severity: 'high',
      remediation: 'Serve over HTTPS only and list trusted origins explicitly',
    },
    {
      name: 'owasp-api9-inventory',
      description: 'API9:2023 - documented, owned, with announced sunsets and no published test hosts',
      scope: { classification: ['external', 'partner', 'deprecated'] },
      rule: { forbid: ['inventory'] },
      severity: 'medium',
      remediation:
        'Document every operation, name an owner, announce Sunset dates and keep test servers out of the spec',
    },
    {
      name: 'no-critical-risk',
      description: 'No endpoint in the critical risk band',
      rule: { max_score: 74 },
      severity: 'high',
      remediation: "Fix the findings listed in the endpoint's score breakdown",
    },
  ],
};

// Security schemes and effective security requirements (OpenAPI 3.x and Swagger 2.0).
import { child, type DocumentSet, type Node } from '../load/documents.js';
import type {
  EffectiveSecurity,
  Endpoint,
  OAuthFlow,
  Parameter,
  SecurityRequirement,
  SecurityScheme,
} from '../model.js';
import { dataKindOfName } from '../sensitive.js';
import { isObj, setOwn, str, strings } from './values.js';

const SWAGGER_FLOWS: Record<string, OAuthFlow['type']> = {
  implicit: 'implicit',
  password: 'password',
  application: 'clientCredentials',
  accessCode: 'authorizationCode',
};
const OAS3_FLOWS = ['implicit', 'password', 'clientCredentials', 'authorizationCode'] as const;

/** `components.securitySchemes` (3.x) or `securityDefinitions` (2.0) → schemes by name. */
export function readSecuritySchemes(
  docs: DocumentSet,
  root: Node,
  swagger: boolean,
): Record<string, SecurityScheme> {
  const container = swagger
    ? child(root, 'securityDefinitions')
    : child(child(root, 'components'), 'securitySchemes');
  const out: Record<string, SecurityScheme> = {};
  if (!isObj(container.value)) return out;
  for (const name of Object.keys(container.value)) {
    const node = docs.deref(child(container, name));
    if (!node || !isObj(node.value)) continue;
    setOwn(out, name, swagger ? swaggerScheme(name, node) : oas3Scheme(name, node));
  }
  return out;
}

function oas3Scheme(name: string, node: Node): SecurityScheme {
  const raw = node.value as Record<string, unknown>;
  const type = str(raw.type);
  const scheme: SecurityScheme = { name, type: 'unknown', flows: [], loc: node.loc };
  if (type === 'apiKey') {
    scheme.type = 'apiKey';
    scheme.in = keyLocation(raw.in);
    scheme.paramName = str(raw.name);
  } else if (type === 'http') {
    scheme.type = 'http';
    scheme.scheme = str(raw.scheme)?.toLowerCase();
    scheme.bearerFormat = str(raw.bearerFormat);
  } else if (type === 'oauth2') {
    scheme.type = 'oauth2';
    const flows = isObj(raw.flows) ? raw.flows : {};
    for (const flowType of OAS3_FLOWS) {
      const flow = flows[flowType];
      if (isObj(flow)) scheme.flows.push(readFlow(flowType, flow));
    }
  } else if (type === 'openIdConnect') {
    scheme.type = 'openIdConnect';
    scheme.openIdConnectUrl = str(raw.openIdConnectUrl);
  } else if (type === 'mutualTLS') {
    scheme.type = 'mutualTLS';
  }
  return scheme;
}

function swaggerScheme(name: string, node: Node): SecurityScheme {
  const raw = node.value as Record<string, unknown>;
  const type = str(raw.type);
  const scheme: SecurityScheme = { name, type: 'unknown', flows: [], loc: node.loc };
  if (type === 'basic') {
    scheme.type = 'http';
    scheme.scheme = 'basic';
  } else if (type === 'apiKey') {
    scheme.type = 'apiKey';
    scheme.in = keyLocation(raw.in);
    scheme.paramName = str(raw.name);
  } else if (type === 'oauth2') {
    scheme.type = 'oauth2';
    const flowType = SWAGGER_FLOWS[str(raw.flow) ?? ''];
    if (flowType) scheme.flows.push(readFlow(flowType, raw));
  }
  return scheme;
}

function readFlow(type: OAuthFlow['type'], raw: Record<string, unknown>): OAuthFlow {
  const flow: OAuthFlow = { type, scopes: isObj(raw.scopes) ? Object.keys(raw.scopes).sort() : [] };
  const authorizationUrl = str(raw.authorizationUrl);
  const tokenUrl = str(raw.tokenUrl);
  const refreshUrl = str(raw.refreshUrl);
  if (authorizationUrl !== undefined) flow.authorizationUrl = authorizationUrl;
  if (tokenUrl !== undefined) flow.tokenUrl = tokenUrl;
  if (refreshUrl !== undefined) flow.refreshUrl = refreshUrl;
  return flow;
}

function keyLocation(value: unknown): SecurityScheme['in'] {
  return value === 'query' || value === 'header' || value === 'cookie' ? value : undefined;
}

/** The operation's `security` overrides the root's; `[]` means none, `{}` inside means anonymous allowed. */
export function effectiveSecurity(
  operation: Node,
  root: Node,
  schemes: Record<string, SecurityScheme>,
): EffectiveSecurity {
  const declared = Array.isArray(child(operation, 'security').value)
    ? child(operation, 'security')
    : Array.isArray(child(root, 'security').value)
      ? child(root, 'security')
      : undefined;
  if (!declared) return { requirements: [] };
  const requirements: SecurityRequirement[] = [];
  for (const item of declared.value as unknown[]) {
    if (!isObj(item)) continue;
    requirements.push(
      Object.keys(item)
        .sort()
        .map((name) => {
          const scheme = Object.hasOwn(schemes, name) ? schemes[name] : undefined;
          return scheme
            ? { name, scopes: strings(item[name]).sort(), scheme }
            : { name, scopes: strings(item[name]).sort() };
        }),
    );
  }
  return { requirements, loc: declared.loc };
}

/**
 * `security` with the credential a required header parameter carries (`X-API-Key`, `X-Auth-Token`,
 * `Authorization`) when no declared requirement authenticates: callers must send it, so the operation is
 * authenticated, by a scheme the document does not declare.
 */
export function withHeaderCredential(
  security: EffectiveSecurity,
  parameters: Parameter[],
): EffectiveSecurity {
  if (security.requirements.some(authenticates)) return security;
  const header = parameters.find(
    (p) =>
      p.in === 'header' &&
      p.required &&
      (/^(proxy-)?authorization$/i.test(p.name) || dataKindOfName(p.name) === 'credential'),
  );
  return header ? { ...security, headerCredential: { name: header.name, loc: header.loc } } : security;
}

/**
 * A requirement authenticates when it names at least one defined scheme. `{}` is anonymous access, and a
 * name with no scheme behind it protects nothing: gateways and generators ignore or reject it.
 */
export function authenticates(requirement: SecurityRequirement): boolean {
  return requirement.some((entry) => entry.scheme !== undefined);
}

/**
 * Authentication is required: at least one requirement, and every alternative authenticates (no `{}`,
 * no requirement naming only undefined schemes), or a required credential header parameter stands in for
 * an undeclared scheme. The one definition checks, policies and metrics read.
 */
export function requiresAuthentication(security: EffectiveSecurity): boolean {
  if (security.headerCredential) return true; // a required credential header, declared as a parameter
  return security.requirements.length > 0 && security.requirements.every(authenticates);
}

/**
 * `security: []` written on the operation itself: a deliberate opt-out (public by design), unless the pin
 * stage found it is the PR's own word on an endpoint the base did not open.
 */
export function isExplicitOptOut(endpoint: Endpoint): boolean {
  const { security } = endpoint;
  return (
    security.optOutNotTrusted !== true &&
    security.requirements.every((r) => r.length === 0) &&
    security.loc?.pointer === `${endpoint.loc.pointer}/security` &&
    security.loc.file === endpoint.loc.file
  );
}

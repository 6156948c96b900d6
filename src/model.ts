// The API model every stage after `normalize` reads. Nothing downstream looks at raw OpenAPI.

/** Where a node lives: a workspace-relative file and a JSON pointer inside that file. */
export interface Loc {
  file: string;
  pointer: string;
}

/** A location with its line and column (1-based), as reported to users. */
export interface Position extends Loc {
  line: number;
  column: number;
}

export const CLASSIFICATIONS = ['external', 'internal', 'partner', 'shadow', 'deprecated'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The maps of named components that `$ref`s point into: under 3.x `components`, and at a 2.0 root. */
export const COMPONENT_MAPS_3: ReadonlySet<string> = new Set([
  'schemas',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
  'links',
  'callbacks',
  'pathItems',
]);
export const COMPONENT_MAPS_2: ReadonlySet<string> = new Set(['definitions', 'parameters', 'responses']);

export interface OAuthFlow {
  type: 'implicit' | 'password' | 'clientCredentials' | 'authorizationCode';
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes: string[];
}

/** A security scheme from `components.securitySchemes` (or Swagger 2 `securityDefinitions`). */
export interface SecurityScheme {
  name: string;
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS' | 'unknown';
  /** apiKey: where the key travels. */
  in?: 'query' | 'header' | 'cookie';
  /** apiKey: the parameter name. */
  paramName?: string;
  /** http: `basic`, `bearer`, `digest`… (lower-cased). */
  scheme?: string;
  bearerFormat?: string;
  flows: OAuthFlow[];
  openIdConnectUrl?: string;
  loc: Loc;
}

/** One scheme named by a security requirement. `scheme` is undefined when the name is not defined. */
export interface RequirementEntry {
  name: string;
  scopes: string[];
  scheme?: SecurityScheme;
}

/** All entries must be satisfied together; an empty list is the anonymous alternative `{}`. */
export type SecurityRequirement = RequirementEntry[];

export interface EffectiveSecurity {
  /** Alternatives, any one of which grants access. Empty = no security at all. */
  requirements: SecurityRequirement[];
  /** Where the effective `security` was declared (operation or root); undefined when nowhere. */
  loc?: Loc;
  /**
   * A required header parameter carrying a credential (`X-API-Key`, `Authorization`) on an operation no
   * declared requirement authenticates: authentication the document does not declare as a scheme.
   */
  headerCredential?: { name: string; loc: Loc };
  /**
   * Set by the pin stage when a PR writes `security: []` on an endpoint that was no explicit opt-out in the
   * base: the opt-out is the PR's own word and does not make the endpoint public by design.
   */
  optOutNotTrusted?: true;
}

export interface Server {
  url: string;
  loc: Loc;
}

export type SchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

/**
 * A JSON Schema normalised across OpenAPI 2.0/3.0/3.1. Schemas are shared (one object per raw schema,
 * `$ref`s point at the same object) and may be cyclic, so walk them with a visited set.
 */
export interface Schema {
  loc: Loc;
  /** The `$ref` this schema was reached through first, for display. */
  refName?: string;
  types?: SchemaType[];
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minItems?: number;
  maxItems?: number;
  properties: Record<string, Schema>;
  required: string[];
  /** `false` forbids extra properties; a schema constrains them; undefined allows anything. */
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf: Schema[];
  oneOf: Schema[];
  anyOf: Schema[];
  readOnly?: boolean;
  writeOnly?: boolean;
  title?: string;
  description?: string;
  default?: unknown;
  examples: unknown[];
}

export interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required: boolean;
  deprecated: boolean;
  description?: string;
  schema?: Schema;
  examples: unknown[];
  loc: Loc;
}

export interface MediaType {
  contentType: string;
  schema?: Schema;
  examples: unknown[];
  loc: Loc;
}

export interface RequestBody {
  required: boolean;
  content: MediaType[];
  loc: Loc;
}

export interface ResponseHeader {
  name: string;
  schema?: Schema;
  /** `example` / `examples` declared on the header object itself. */
  examples: unknown[];
  loc: Loc;
}

/** A callback (3.x `callbacks`) URL expression, e.g. `{$request.body#/callbackUrl}` or a literal URL. */
export interface Callback {
  name: string;
  url: string;
  loc: Loc;
}

export interface Response {
  status: string;
  description?: string;
  headers: ResponseHeader[];
  content: MediaType[];
  loc: Loc;
}

export interface Endpoint {
  /** `METHOD /path` with path parameters normalised to `{}`: the matching key. */
  id: string;
  method: HttpMethod;
  /** The path as written under `paths`. */
  path: string;
  operationId?: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated: boolean;
  classification: Classification;
  security: EffectiveSecurity;
  servers: Server[];
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: Response[];
  callbacks: Callback[];
  /** `x-…` keys of the operation merged over its path item's. */
  extensions: Record<string, unknown>;
  /** Sensitive data kinds found in its schemas (filled by the assessment). */
  dataTypes: string[];
  loc: Loc;
}

export interface ApiModel {
  /** Workspace-relative path of the root document. */
  file: string;
  /** `2.0`, `3.0.3`, `3.1.0`… as declared. */
  openapiVersion: string;
  title?: string;
  version?: string;
  contact?: { name?: string; email?: string; url?: string };
  /** `x-…` keys of `info` (owner extensions often live there). */
  infoExtensions: Record<string, unknown>;
  securitySchemes: Record<string, SecurityScheme>;
  servers: Server[];
  endpoints: Endpoint[];
  extensions: Record<string, unknown>;
  loc: Loc;
}

/** A problem with a document: reported with its place, never thrown. */
export interface SpecProblem {
  message: string;
  loc: Loc;
  /** Set when the problem is a place in the text rather than a node (a parse error). */
  line?: number;
  column?: number;
  kind:
    | 'parse'
    | 'not-openapi'
    | 'ref-missing'
    | 'ref-remote'
    | 'ref-outside'
    | 'ref-circular'
    | 'invalid'
    /** Not structurally valid OpenAPI (openapi-core's rules, `src/load/structure.ts`). */
    | 'structure';
}

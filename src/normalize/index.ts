// OpenAPI 2.0 / 3.0 / 3.1 document → the API model.
import { child, type DocumentSet, type Node } from '../load/documents.js';
import {
  type ApiModel,
  type Callback,
  CLASSIFICATIONS,
  type Classification,
  type Endpoint,
  HTTP_METHODS,
  type MediaType,
  type Parameter,
  type RequestBody,
  type Response,
  type ResponseHeader,
  type Schema,
  type SecurityScheme,
} from '../model.js';
import { dataKindOfName, sensitiveKinds } from '../sensitive.js';
import { pushAll } from '../util/arrays.js';
import { replaceTemplates } from '../util/braces.js';
import { emptySchema, type HeadSchemas, SchemaReader } from './schema.js';
import { effectiveSecurity, readSecuritySchemes, withHeaderCredential } from './security.js';
import { oas3Servers, swaggerServers } from './servers.js';
import { UnchangedInputs } from './unchanged.js';
import { extensionsOf, isObj, type Obj, setOwn, str, strings } from './values.js';

export interface NormalizeOptions {
  /** Classification of endpoints nothing else classifies (default `external`: the conservative choice). */
  defaultClassification?: Classification;
  /** Config rules (host, tag, path globs); consulted after the document's own markers. */
  classify?: (endpoint: Pick<Endpoint, 'method' | 'path' | 'tags' | 'servers'>) => Classification | undefined;
  /**
   * The head version of this document, when this is its base (same options): endpoints whose input is
   * identical are taken from it rather than read again, so both versions share those Endpoint objects.
   */
  head?: HeadVersion;
}

export interface HeadVersion {
  model: ApiModel;
  /** The parsed root document of the head. */
  root: unknown;
}

/**
 * Models whose endpoints were read without any problem reported, with the reader of their schemas: only
 * those are shared with a base (a problem is reported once, by the first endpoint or schema that meets
 * it, so a shared one could not tell which problems it would have had).
 */
const SHAREABLE = new WeakMap<ApiModel, SchemaReader>();

/** `GET /users/{userId}` → `GET /users/{}`: path parameter names do not make a different endpoint. */
export function endpointId(method: string, path: string): string {
  return `${method.toUpperCase()} ${replaceTemplates(path, () => '{}', true)}`;
}

/** Builds the model from the root document of `docs`; undefined (with a recorded problem) if it is not OpenAPI. */
export function normalize(
  docs: DocumentSet,
  rootFile: string,
  options: NormalizeOptions = {},
): ApiModel | undefined {
  const source = docs.file(rootFile);
  if (!source || source.value === undefined) return undefined;
  const root: Node = { value: source.value, loc: { file: rootFile, pointer: '' } };
  const raw = root.value;
  const version = isObj(raw) ? (str(raw.openapi) ?? str(raw.swagger) ?? numberVersion(raw)) : undefined;
  if (!isObj(raw) || version === undefined) {
    docs.problem(
      'not-openapi',
      'not an OpenAPI document: the root has no `openapi` or `swagger` field',
      root.loc,
    );
    return undefined;
  }
  const swagger = version.startsWith('2');
  if (!swagger && !version.startsWith('3')) {
    docs.problem(
      'not-openapi',
      `unsupported OpenAPI version "${version}"; 2.0, 3.0 and 3.1 are supported`,
      child(root, raw.openapi !== undefined ? 'openapi' : 'swagger').loc,
    );
    return undefined;
  }
  const info = isObj(raw.info) ? raw.info : {};
  const contact = isObj(info.contact) ? info.contact : undefined;
  const schemes = readSecuritySchemes(docs, root, swagger);
  const shared = sharedWithHead(raw, rootFile, options.head);
  const context: Context = {
    docs,
    root,
    swagger,
    schemes,
    schemas: new SchemaReader(docs, shared?.schemas),
    options,
    ...(shared ? { shared } : {}),
  };
  const problemsBefore = docs.problems.length;
  const model: ApiModel = {
    file: rootFile,
    openapiVersion: version,
    title: str(info.title),
    version: str(info.version),
    infoExtensions: extensionsOf(info),
    contact: contact
      ? { name: str(contact.name), email: str(contact.email), url: str(contact.url) }
      : undefined,
    securitySchemes: schemes,
    servers: swagger ? swaggerServers(root, root) : oas3Servers(root),
    endpoints: readEndpoints(context),
    extensions: extensionsOf(raw),
    loc: root.loc,
  };
  if (docs.problems.length === problemsBefore) SHAREABLE.set(model, context.schemas);
  return model;
}

/** What a base version may take from its head: endpoints by `METHOD path`, schemas, and the check that their input is unchanged. */
function sharedWithHead(raw: Obj, rootFile: string, head: HeadVersion | undefined): Context['shared'] {
  const reader = head && SHAREABLE.get(head.model);
  if (!head || !reader || !isObj(head.root)) return undefined;
  return {
    byKey: new Map(head.model.endpoints.map((e) => [`${e.method} ${e.path}`, e])),
    schemas: { rootFile, inputs: new UnchangedInputs(raw, head.root), reader },
  };
}

function numberVersion(raw: Obj): string | undefined {
  // `openapi: 3.0` unquoted in YAML parses as a number; keep the `.0` it was written with.
  const value = raw.openapi ?? raw.swagger;
  if (typeof value !== 'number') return undefined;
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

interface Context {
  docs: DocumentSet;
  root: Node;
  swagger: boolean;
  schemes: Record<string, SecurityScheme>;
  schemas: SchemaReader;
  options: NormalizeOptions;
  shared?: { byKey: Map<string, Endpoint>; schemas: HeadSchemas };
}

function readEndpoints(ctx: Context): Endpoint[] {
  const paths = child(ctx.root, 'paths');
  if (!isObj(paths.value)) return [];
  const operations: {
    id: string;
    method: Endpoint['method'];
    path: string;
    pathItem: Node;
    operation: Node;
  }[] = [];
  collect: for (const path of Object.keys(paths.value)) {
    const pathItem = ctx.docs.deref(child(paths, path));
    if (!pathItem || !isObj(pathItem.value)) continue;
    for (const method of HTTP_METHODS) {
      const operation = child(pathItem, method);
      if (!isObj(operation.value)) continue;
      if (operations.length >= ctx.docs.maxEndpoints) {
        ctx.docs.problem(
          'invalid',
          `only the first ${ctx.docs.maxEndpoints} operations were analysed (limits.maxEndpoints)`,
          paths.loc,
        );
        break collect;
      }
      operations.push({ id: endpointId(method, path), method, path, pathItem, operation });
    }
  }
  // Paths that differ only in parameter names match the same requests. The smallest of them keeps the
  // shared id, whatever their order under `paths`, so reordering keys is no change; the others keep
  // their own path as written.
  const owners = new Map<string, string>();
  for (const { id, path } of operations) {
    const owner = owners.get(id);
    if (owner === undefined || path < owner) owners.set(id, path);
  }
  return operations.map(({ id, method, path, pathItem, operation }) => {
    if (owners.get(id) !== path) {
      ctx.docs.problem(
        'invalid',
        `\`${method.toUpperCase()} ${path}\` matches the same requests as another path (${id})`,
        operation.loc,
      );
      id = `${method.toUpperCase()} ${path}`;
    }
    const shared = ctx.shared?.byKey.get(`${method} ${path}`);
    return shared?.id === id && ctx.shared?.schemas.inputs.pathItem(path)
      ? shared
      : readEndpoint(ctx, id, method, path, pathItem, operation);
  });
}

function readEndpoint(
  ctx: Context,
  id: string,
  method: Endpoint['method'],
  path: string,
  pathItem: Node,
  operation: Node,
): Endpoint {
  const op = operation.value as Obj;
  const { parameters, bodyParameters } = readParameters(ctx, pathItem, operation);
  const tags = strings(op.tags);
  const servers = ctx.swagger
    ? swaggerServers(operation, ctx.root)
    : oas3Servers(operation, pathItem, ctx.root);
  const endpoint: Endpoint = {
    id,
    method,
    path,
    operationId: str(op.operationId),
    summary: str(op.summary),
    description: str(op.description),
    tags,
    deprecated: op.deprecated === true,
    classification: 'external',
    security: withHeaderCredential(effectiveSecurity(operation, ctx.root, ctx.schemes), parameters),
    servers,
    parameters,
    requestBody: ctx.swagger
      ? swaggerRequestBody(ctx, operation, bodyParameters)
      : oas3RequestBody(ctx, operation),
    responses: readResponses(ctx, operation),
    callbacks: readCallbacks(ctx, operation),
    extensions: { ...extensionsOf(pathItem.value), ...extensionsOf(op) },
    dataTypes: [],
    loc: operation.loc,
  };
  endpoint.classification = classify(ctx, endpoint, pathItem, operation);
  endpoint.dataTypes = endpointDataTypes(endpoint);
  return endpoint;
}

function classify(ctx: Context, endpoint: Endpoint, pathItem: Node, operation: Node): Classification {
  // Operation > path item > root; an invalid value is reported where it is written and the next level decides.
  const levels = [operation, pathItem, ctx.root];
  for (const level of levels) {
    const declared = child(level, 'x-api-classification');
    if (declared.value === undefined) continue;
    if (
      typeof declared.value === 'string' &&
      (CLASSIFICATIONS as readonly string[]).includes(declared.value)
    ) {
      return declared.value as Classification;
    }
    ctx.docs.problem(
      'invalid',
      `x-api-classification "${String(declared.value)}" is not one of ${CLASSIFICATIONS.join(', ')}; it was ignored`,
      declared.loc,
    );
  }
  if (endpoint.deprecated) return 'deprecated';
  const internal = levels
    .map((level) => child(level, 'x-internal').value)
    .find((v) => typeof v === 'boolean');
  if (internal === true) return 'internal';
  return ctx.options.classify?.(endpoint) ?? ctx.options.defaultClassification ?? 'external';
}

function readParameters(
  ctx: Context,
  pathItem: Node,
  operation: Node,
): { parameters: Parameter[]; bodyParameters: Node[] } {
  const byKey = new Map<string, Parameter>();
  const bodies = new Map<string, Node>();
  for (const level of [pathItem, operation]) {
    const list = child(level, 'parameters');
    if (!Array.isArray(list.value)) continue;
    list.value.forEach((_, i) => {
      const node = ctx.docs.deref(child(list, i));
      if (!node || !isObj(node.value)) return;
      const raw = node.value;
      const name = str(raw.name) ?? '';
      const where = str(raw.in);
      if (ctx.swagger && (where === 'body' || where === 'formData')) {
        bodies.set(`${where}:${name}`, node);
        return;
      }
      if (where !== 'query' && where !== 'header' && where !== 'path' && where !== 'cookie') return;
      const parameter: Parameter = {
        name,
        in: where,
        required: where === 'path' || raw.required === true,
        deprecated: raw.deprecated === true,
        description: str(raw.description),
        schema: parameterSchema(ctx, node),
        examples: parameterExamples(ctx, node),
        loc: node.loc,
      };
      byKey.set(`${where}:${where === 'header' ? name.toLowerCase() : name}`, parameter);
    });
  }
  return { parameters: [...byKey.values()], bodyParameters: [...bodies.values()] };
}

function parameterSchema(ctx: Context, node: Node): Schema | undefined {
  if (ctx.swagger) return ctx.schemas.read(node); // a 2.0 parameter carries its own type and constraints
  const raw = node.value as Obj;
  if (raw.schema !== undefined) return ctx.schemas.read(child(node, 'schema'));
  const content = child(node, 'content');
  if (isObj(content.value)) {
    const first = Object.keys(content.value)[0];
    if (first !== undefined) return ctx.schemas.read(child(child(content, first), 'schema'));
  }
  return undefined;
}

function parameterExamples(ctx: Context, node: Node): unknown[] {
  const raw = node.value as Obj;
  const out: unknown[] = [];
  if ('example' in raw) out.push(raw.example);
  if ('x-example' in raw) out.push(raw['x-example']);
  pushAll(out, exampleMapValues(ctx, child(node, 'examples')));
  return out;
}

/** Values of an OpenAPI 3 `examples` map (Example objects, possibly `$ref`s). `externalValue` is never fetched. */
function exampleMapValues(ctx: Context, examples: Node): unknown[] {
  if (!isObj(examples.value)) return [];
  const out: unknown[] = [];
  for (const key of Object.keys(examples.value)) {
    const example = ctx.docs.deref(child(examples, key));
    if (example && isObj(example.value) && 'value' in example.value) out.push(example.value.value);
  }
  return out;
}

function mediaTypes(ctx: Context, content: Node): MediaType[] {
  if (!isObj(content.value)) return [];
  return Object.keys(content.value).map((contentType) => {
    const media = child(content, contentType);
    const raw = isObj(media.value) ? media.value : {};
    const examples = 'example' in raw ? [raw.example] : [];
    pushAll(examples, exampleMapValues(ctx, child(media, 'examples')));
    const schema = raw.schema !== undefined ? ctx.schemas.read(child(media, 'schema')) : undefined;
    return { contentType, schema, examples, loc: media.loc };
  });
}

function oas3RequestBody(ctx: Context, operation: Node): RequestBody | undefined {
  const body = ctx.docs.deref(child(operation, 'requestBody'));
  if (!body || !isObj(body.value)) return undefined;
  return {
    required: body.value.required === true,
    content: mediaTypes(ctx, child(body, 'content')),
    loc: body.loc,
  };
}

function swaggerMimeTypes(
  ctx: Context,
  operation: Node,
  key: 'consumes' | 'produces',
  fallback: string,
): string[] {
  const own = strings(child(operation, key).value);
  if (own.length > 0) return own;
  const global = strings(child(ctx.root, key).value);
  return global.length > 0 ? global : [fallback];
}

function swaggerRequestBody(ctx: Context, operation: Node, bodyParameters: Node[]): RequestBody | undefined {
  const body = bodyParameters.find((p) => (p.value as Obj).in === 'body');
  if (body) {
    const schema = ctx.schemas.read(child(body, 'schema'));
    const types = swaggerMimeTypes(ctx, operation, 'consumes', 'application/json');
    return {
      required: (body.value as Obj).required === true,
      content: types.map((contentType) => ({ contentType, schema, examples: [], loc: body.loc })),
      loc: body.loc,
    };
  }
  const fields = bodyParameters.filter((p) => (p.value as Obj).in === 'formData');
  const first = fields[0];
  if (!first) return undefined;
  // formData parameters are the properties of one form body.
  const schema = emptySchema(first.loc);
  schema.types = ['object'];
  for (const field of fields) {
    const raw = field.value as Obj;
    const name = str(raw.name) ?? '';
    const property = ctx.schemas.read(field);
    if (property) setOwn(schema.properties, name, property);
    if (raw.required === true) schema.required.push(name);
  }
  const multipart = fields.some((f) => (f.value as Obj).type === 'file');
  const types = swaggerMimeTypes(
    ctx,
    operation,
    'consumes',
    multipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded',
  );
  return {
    required: schema.required.length > 0,
    content: types.map((contentType) => ({ contentType, schema, examples: [], loc: first.loc })),
    loc: first.loc,
  };
}

function readResponses(ctx: Context, operation: Node): Response[] {
  const responses = child(operation, 'responses');
  if (!isObj(responses.value)) return [];
  const out: Response[] = [];
  for (const status of Object.keys(responses.value)) {
    if (status.startsWith('x-')) continue;
    const node = ctx.docs.deref(child(responses, status));
    if (!node || !isObj(node.value)) continue;
    const raw = node.value;
    out.push({
      status,
      description: str(raw.description),
      headers: readHeaders(ctx, child(node, 'headers')),
      content: ctx.swagger
        ? swaggerResponseContent(ctx, operation, node)
        : mediaTypes(ctx, child(node, 'content')),
      loc: node.loc,
    });
  }
  return out;
}

function readHeaders(ctx: Context, headers: Node): ResponseHeader[] {
  if (!isObj(headers.value)) return [];
  const out: ResponseHeader[] = [];
  for (const name of Object.keys(headers.value)) {
    const node = ctx.docs.deref(child(headers, name));
    if (!node || !isObj(node.value)) continue;
    const schema = ctx.swagger ? ctx.schemas.read(node) : parameterSchema(ctx, node);
    out.push({ name, schema, examples: parameterExamples(ctx, node), loc: node.loc });
  }
  return out;
}

function swaggerResponseContent(ctx: Context, operation: Node, response: Node): MediaType[] {
  const raw = response.value as Obj;
  if (raw.schema === undefined) return [];
  const schema = ctx.schemas.read(child(response, 'schema'));
  const examples = isObj(raw.examples) ? raw.examples : {};
  return swaggerMimeTypes(ctx, operation, 'produces', 'application/json').map((contentType) => ({
    contentType,
    schema,
    examples: Object.hasOwn(examples, contentType) ? [examples[contentType]] : [],
    loc: child(response, 'schema').loc,
  }));
}

/** 3.x `callbacks`: each expression key (a runtime expression or a literal URL) of each callback. */
function readCallbacks(ctx: Context, operation: Node): Callback[] {
  const callbacks = child(operation, 'callbacks');
  if (ctx.swagger || !isObj(callbacks.value)) return [];
  const out: Callback[] = [];
  for (const name of Object.keys(callbacks.value)) {
    const callback = ctx.docs.deref(child(callbacks, name));
    if (!callback || !isObj(callback.value)) continue;
    for (const url of Object.keys(callback.value)) {
      if (!url.startsWith('x-')) out.push({ name, url, loc: child(callback, url).loc });
    }
  }
  return out;
}

/** Sensitive data kinds named in what the endpoint takes and returns (SPEC §3 "data types"). */
function endpointDataTypes(endpoint: Endpoint): string[] {
  const kinds = new Set<string>();
  for (const p of endpoint.parameters) {
    const kind = dataKindOfName(p.name);
    if (kind) kinds.add(kind);
  }
  const media = [...(endpoint.requestBody?.content ?? []), ...endpoint.responses.flatMap((r) => r.content)];
  for (const m of media) for (const kind of sensitiveKinds(m.schema)) kinds.add(kind);
  return [...kinds].sort();
}

// What an endpoint declares about CORS, from response header schemas and from AWS API Gateway extensions.
import type { ApiModel, Endpoint, Loc, ResponseHeader } from '../model.js';
import { joinPointer } from '../util/pointer.js';

export interface CorsFacts {
  /** Declared `Access-Control-Allow-Origin` values, with where each was declared. */
  origins: Origin[];
  /** Where `Access-Control-Allow-Credentials: true` was declared, if anywhere. */
  credentials?: Loc;
}

export interface Origin {
  value: string;
  loc: Loc;
  /** The request's own `Origin` sent back (API Gateway `method.request.header.Origin`): any site is allowed. */
  reflected: boolean;
}

const ORIGIN = 'access-control-allow-origin';
const CREDENTIALS = 'access-control-allow-credentials';
const GATEWAY_PARAM = /^method\.response\.header\.(.+)$/i;
/** An API Gateway mapping that copies the request's `Origin` header into the response. */
const GATEWAY_REFLECTED_ORIGIN = /^method\.request\.header\.origin$/i;

/** Literal values a header pins: its schema's enum/const, default and examples, and the header's own `example(s)`. */
function pinnedValues(header: ResponseHeader): string[] {
  const schema = header.schema;
  return [...(schema?.enum ?? []), schema?.default, ...(schema?.examples ?? []), ...header.examples]
    .filter((v) => v !== undefined)
    .map(String);
}

/** API Gateway writes literals as `'*'` (single-quoted) in integration response parameters. */
function unquote(value: string): string {
  return value.replace(/^'(.*)'$/, '$1');
}

export function corsFacts(endpoint: Endpoint, model: ApiModel): CorsFacts {
  const facts: CorsFacts = { origins: [] };
  for (const response of endpoint.responses) {
    for (const header of response.headers) {
      const name = header.name.toLowerCase();
      if (name === ORIGIN)
        for (const value of pinnedValues(header))
          facts.origins.push({ value, loc: header.loc, reflected: false });
      if (name === CREDENTIALS && pinnedValues(header).some((v) => v === 'true'))
        facts.credentials ??= header.loc;
    }
  }
  const integration = endpoint.extensions['x-amazon-apigateway-integration'];
  const responses = isRecord(integration) && isRecord(integration.responses) ? integration.responses : {};
  const integrationLoc = {
    file: endpoint.loc.file,
    pointer: joinPointer(endpoint.loc.pointer, 'x-amazon-apigateway-integration'),
  };
  for (const response of Object.values(responses)) {
    const parameters =
      isRecord(response) && isRecord(response.responseParameters) ? response.responseParameters : {};
    for (const [key, raw] of Object.entries(parameters)) {
      const header = key.match(GATEWAY_PARAM)?.[1]?.toLowerCase();
      if (typeof raw !== 'string' || !header) continue;
      if (header === ORIGIN)
        facts.origins.push({
          value: unquote(raw),
          loc: integrationLoc,
          reflected: GATEWAY_REFLECTED_ORIGIN.test(raw.trim()),
        });
      if (header === CREDENTIALS && unquote(raw) === 'true') facts.credentials ??= integrationLoc;
    }
  }
  const gatewayCors = model.extensions['x-amazon-apigateway-cors'];
  if (isRecord(gatewayCors)) {
    const loc = { file: model.file, pointer: '/x-amazon-apigateway-cors' };
    const allowed = Array.isArray(gatewayCors.allowOrigins) ? gatewayCors.allowOrigins : [];
    for (const value of allowed)
      if (typeof value === 'string') facts.origins.push({ value, loc, reflected: false });
    if (gatewayCors.allowCredentials === true) facts.credentials ??= loc;
  }
  return facts;
}

/** The first origin that lets any site in: `*`, or the request's own origin sent back. */
export function anyOrigin(facts: CorsFacts): Origin | undefined {
  return facts.origins.find((o) => o.reflected || o.value.trim() === '*');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

import type { Severity } from '../../findings.js';
import type { MediaType, Schema } from '../../model.js';
import { constrains, unwrapAnnotated } from '../../normalize/schema.js';
import { byExposure, label } from '../context.js';
import type { EndpointCheck, Hit } from '../types.js';

const OPAQUE =
  /^(application\/octet-stream|image\/|audio\/|video\/|application\/pdf|application\/zip|text\/plain)/i;

export const inputBodyWithoutSchema: EndpointCheck = {
  id: 'input-body-without-schema',
  category: 'input-validation',
  severity: 'medium',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-20',
  title: 'Request body without a schema',
  rationale: 'A body with no schema cannot be validated by gateways or the service: anything is accepted.',
  remediation: 'Give the request body media type a `schema` that describes exactly what is accepted.',
  scope: 'endpoint',
  run(endpoint) {
    return (endpoint.requestBody?.content ?? []).flatMap((m): Hit[] => {
      if (OPAQUE.test(m.contentType)) return [];
      const severity = unvalidated(m);
      if (severity === undefined) return [];
      const what = m.schema
        ? `a schema that checks nothing inside it (${m.schema.types ? `\`type: ${m.schema.types.join('|')}\`` : '`{}`'} and no properties)`
        : 'no schema';
      return [
        {
          message: `${label(endpoint)} accepts a ${m.contentType} request body with ${what}, so nothing in it is validated`,
          loc: m.schema?.loc ?? m.loc,
          severity: byExposure(endpoint, severity),
          key: m.contentType,
        },
      ];
    });
  },
};

/**
 * Medium for a body with no schema. Low for one whose schema checks nothing inside it (`{}`, or
 * `{ type: object }` alone): free-form by declaration (Directus items of user-defined collections), and
 * just as unvalidated, so a body moving between the two (same key, same fingerprint) is no new finding.
 */
function unvalidated(media: MediaType): Severity | undefined {
  if (!media.schema) return 'medium';
  return checksNothingInside(unwrapAnnotated(media.schema)) ? 'low' : undefined;
}

function checksNothingInside(schema: Schema): boolean {
  const { types, additionalProperties: extra, ...rest } = schema;
  if (types && !types.every((t) => t === 'object' || t === 'null')) return false;
  const open = extra === undefined || extra === true || (typeof extra === 'object' && !constrains(extra));
  return open && !constrains(rest as Schema);
}

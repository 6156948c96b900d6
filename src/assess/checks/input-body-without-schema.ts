import { byExposure, label } from '../context.js';
import type { EndpointCheck } from '../types.js';

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
    return (endpoint.requestBody?.content ?? [])
      .filter((m) => !m.schema && !OPAQUE.test(m.contentType))
      .map((m) => ({
        message: `${label(endpoint)} accepts a ${m.contentType} request body with no schema, so nothing in it is validated`,
        loc: m.loc,
        severity: byExposure(endpoint, 'medium'),
        key: m.contentType,
      }));
  },
};

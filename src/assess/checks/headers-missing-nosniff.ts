import { label } from '../context.js';
import { responsesMissing } from '../headers.js';
import { type EndpointCheck, ONE_PER_ENDPOINT } from '../types.js';

export const headersMissingNosniff: EndpointCheck = {
  id: 'headers-missing-nosniff',
  category: 'security-headers',
  severity: 'low',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-693',
  title: 'No X-Content-Type-Options: nosniff header',
  rationale: 'Browsers may sniff a JSON or text response as HTML or script and run it.',
  remediation:
    'Declare `X-Content-Type-Options: nosniff` on responses with a body, or list it under `gateway.headers` in the config.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    if (ctx.facts(endpoint).preflight) return []; // CORS preflight: answered by the gateway or framework
    if (ctx.settings.gatewayControls.includes('security-headers')) return [];
    const missing = responsesMissing(endpoint, ['X-Content-Type-Options'], ctx.settings, /nosniff/i).filter(
      (r) => r.content.length > 0,
    );
    if (missing.length === 0) return [];
    return [
      {
        message: `${label(endpoint)} does not declare \`X-Content-Type-Options: nosniff\` on response ${missing.map((r) => r.status).join(', ')}`,
        loc: missing[0]!.loc,
        key: ONE_PER_ENDPOINT,
      },
    ];
  },
};

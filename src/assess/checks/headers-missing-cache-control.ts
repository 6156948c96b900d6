import { label } from '../context.js';
import { responsesMissing } from '../headers.js';
import { type EndpointCheck, ONE_PER_ENDPOINT } from '../types.js';

export const headersMissingCacheControl: EndpointCheck = {
  id: 'headers-missing-cache-control',
  category: 'security-headers',
  severity: 'low',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-524',
  title: 'Private response without Cache-Control: no-store',
  rationale:
    'Responses for an authenticated user or with sensitive data can be kept by shared caches and shown to the next user.',
  remediation:
    'Declare `Cache-Control: no-store` on authenticated or sensitive responses, or list it under `gateway.headers` in the config.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    if (ctx.facts(endpoint).preflight) return []; // CORS preflight: answered by the gateway or framework
    if (ctx.settings.gatewayControls.includes('security-headers')) return [];
    if (!ctx.facts(endpoint).authenticated && endpoint.dataTypes.length === 0) return [];
    const missing = responsesMissing(endpoint, ['Cache-Control'], ctx.settings, /no-store/i).filter(
      (r) => r.content.length > 0,
    );
    if (missing.length === 0) return [];
    return [
      {
        message: `${label(endpoint)} returns private data without declaring \`Cache-Control: no-store\` (response ${missing.map((r) => r.status).join(', ')})`,
        loc: missing[0]!.loc,
        key: ONE_PER_ENDPOINT,
      },
    ];
  },
};

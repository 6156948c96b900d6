import { label } from '../context.js';
import { responsesMissing } from '../headers.js';
import { type EndpointCheck, ONE_PER_ENDPOINT } from '../types.js';

export const headersMissingFrameOptions: EndpointCheck = {
  id: 'headers-missing-frame-options',
  category: 'security-headers',
  severity: 'low',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-1021',
  title: 'HTML response without X-Frame-Options',
  rationale: 'An HTML page that can be framed by another site is open to clickjacking.',
  remediation:
    'Declare `X-Frame-Options: DENY` (or a CSP `frame-ancestors`) on HTML responses, or list it under `gateway.headers`.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    if (ctx.facts(endpoint).preflight) return []; // CORS preflight: answered by the gateway or framework
    if (ctx.settings.gatewayControls.includes('security-headers')) return [];
    const missing = responsesMissing(
      endpoint,
      ['X-Frame-Options', 'Content-Security-Policy'],
      ctx.settings,
    ).filter((r) => r.content.some((m) => /^text\/html/i.test(m.contentType)));
    if (missing.length === 0) return [];
    return [
      {
        message: `${label(endpoint)} returns HTML without declaring \`X-Frame-Options\` or \`Content-Security-Policy\``,
        loc: missing[0]!.loc,
        key: ONE_PER_ENDPOINT,
      },
    ];
  },
};

import { label } from '../context.js';
import { responsesMissing } from '../headers.js';
import { type EndpointCheck, ONE_PER_ENDPOINT } from '../types.js';

export const headersMissingHsts: EndpointCheck = {
  id: 'headers-missing-hsts',
  category: 'security-headers',
  severity: 'low',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-523',
  title: 'No Strict-Transport-Security header',
  rationale: 'Without HSTS a client can be downgraded to plain HTTP by an attacker on the network.',
  remediation:
    'Declare `Strict-Transport-Security` on success responses, or list it under `gateway.headers` in the config if the gateway adds it.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    if (ctx.facts(endpoint).preflight) return []; // CORS preflight: answered by the gateway or framework
    if (ctx.settings.gatewayControls.includes('security-headers')) return [];
    const missing = responsesMissing(endpoint, ['Strict-Transport-Security'], ctx.settings);
    if (missing.length === 0) return [];
    return [
      {
        message: `${label(endpoint)} does not declare \`Strict-Transport-Security\` on response ${missing.map((r) => r.status).join(', ')}`,
        loc: missing[0]!.loc,
        key: ONE_PER_ENDPOINT,
      },
    ];
  },
};

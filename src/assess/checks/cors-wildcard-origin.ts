import { byExposure, label } from '../context.js';
import { corsFacts } from '../cors.js';
import type { EndpointCheck } from '../types.js';

export const corsWildcardOrigin: EndpointCheck = {
  id: 'cors-wildcard-origin',
  category: 'cors',
  severity: 'high',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-942',
  title: 'CORS allows any origin',
  rationale:
    "`Access-Control-Allow-Origin: *` lets any web page read the responses from a visitor's browser.",
  remediation: 'Allow an explicit list of trusted origins instead of `*`.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    if (ctx.settings.gatewayControls.includes('cors')) return [];
    const wildcard = corsFacts(endpoint, ctx.model).origins.find((o) => o.value.trim() === '*');
    if (!wildcard) return [];
    return [
      {
        message: `${label(endpoint)} declares \`Access-Control-Allow-Origin: *\`, so any website can read its responses`,
        loc: wildcard.loc,
        severity: byExposure(endpoint, 'high'),
      },
    ];
  },
};

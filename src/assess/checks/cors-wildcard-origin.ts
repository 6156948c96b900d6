import { byExposure, label } from '../context.js';
import { anyOrigin, corsFacts } from '../cors.js';
import { type EndpointCheck, ONE_PER_ENDPOINT } from '../types.js';

export const corsWildcardOrigin: EndpointCheck = {
  id: 'cors-wildcard-origin',
  category: 'cors',
  severity: 'high',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-942',
  title: 'CORS allows any origin',
  rationale:
    "`Access-Control-Allow-Origin: *`, or the request's own `Origin` sent back, lets any web page read the responses from a visitor's browser.",
  remediation: 'Allow only an explicit list of trusted origins.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    if (ctx.settings.gatewayControls.includes('cors')) return [];
    const wildcard = anyOrigin(corsFacts(endpoint, ctx.model));
    if (!wildcard) return [];
    const declares = wildcard.reflected
      ? "sends each request's `Origin` back as `Access-Control-Allow-Origin`"
      : 'declares `Access-Control-Allow-Origin: *`';
    return [
      {
        message: `${label(endpoint)} ${declares}, so any website can read its responses`,
        loc: wildcard.loc,
        key: ONE_PER_ENDPOINT,
        severity: byExposure(endpoint, 'high'),
      },
    ];
  },
};

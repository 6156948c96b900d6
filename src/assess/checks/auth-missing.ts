import type { Endpoint } from '../../model.js';
import { authenticates, isExplicitOptOut } from '../../normalize/security.js';
import {
  handlesSeriousData,
  isCredentialFlow,
  isExposed,
  isWrite,
  label,
  objectIdParameters,
} from '../context.js';
import type { EndpointCheck } from '../types.js';

export const authMissing: EndpointCheck = {
  id: 'auth-missing',
  category: 'authentication',
  severity: 'high',
  owasp: 'API2:2023 Broken Authentication',
  cwe: 'CWE-306',
  title: 'Operation without authentication',
  rationale:
    'Anyone who can reach the endpoint can call it; unauthenticated writes and object reads are how data leaks.',
  remediation:
    'Add a `security` requirement (OAuth2, OpenID Connect, bearer token or API key) to the operation or the document root.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    // `[{}]` alone is no authentication, nor is a requirement naming only undefined schemes.
    const { requirements } = endpoint.security;
    if (requirements.some(authenticates)) return [];
    // A required `X-API-Key`/`Authorization` header parameter authenticates (auth-undeclared-scheme).
    if (endpoint.security.headerCredential) return [];
    if (ctx.facts(endpoint).preflight) return []; // CORS preflight requests never carry credentials
    const exposed = isExposed(endpoint);
    const write = isWrite(endpoint);
    const seriousData = handlesSeriousData(endpoint);
    const objectIds = objectIdParameters(endpoint);
    const undefinedSchemes = [...new Set(requirements.flat().map((e) => e.name))];
    const reasons = [
      write ? 'changes data' : undefined,
      objectIds.length > 0
        ? `selects objects by ${objectIds.map((p) => `\`${p.name}\``).join(', ')}`
        : undefined,
      endpoint.dataTypes.length > 0 ? `handles ${endpoint.dataTypes.join(', ')} data` : undefined,
    ].filter((r): r is string => r !== undefined);
    const serious = write || objectIds.length > 0 || seriousData;
    // `security: []` written on the operation is a deliberate opt-out. Public by design: reads of nothing
    // sensitive (a health check, a catalogue item by id) and the credential flows themselves (login, token,
    // sign-up, password reset) when they select no object. Those stay low (medium for an exposed read by id).
    const deliberate = isExplicitOptOut(endpoint) && publicByNature(endpoint, objectIds.length > 0);
    const severity = deliberate
      ? exposed && objectIds.length > 0
        ? 'medium'
        : 'low'
      : !exposed
        ? serious
          ? 'medium'
          : 'low'
        : serious
          ? 'critical'
          : 'high';
    return [
      {
        message: `${label(endpoint)} (${endpoint.classification}) accepts requests without authentication${undefinedSchemes.length > 0 ? ` (its \`security\` names no defined scheme, only ${undefinedSchemes.map((n) => `\`${n}\``).join(', ')})` : ''}${reasons.length > 0 ? `; it ${reasons.join(' and ')}` : ''}`,
        loc: endpoint.security.loc ?? endpoint.loc,
        severity,
      },
    ];
  },
};

/** A credential flow selecting no object, or a read of nothing sensitive (a health check, a catalogue). */
function publicByNature(endpoint: Endpoint, selectsObjects: boolean): boolean {
  return (
    (isCredentialFlow(endpoint) && !selectsObjects) || (!isWrite(endpoint) && !handlesSeriousData(endpoint))
  );
}

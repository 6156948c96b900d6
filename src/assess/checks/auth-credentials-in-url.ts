import { dataKindOfName } from '../../sensitive.js';
import { byExposure, isFlag, label } from '../context.js';
import type { EndpointCheck } from '../types.js';

/**
 * A password or a private key cannot be rotated the way a token is: once an access log, a proxy or a
 * browser history holds it, the account or the key pair is compromised until someone notices. Tokens and
 * API keys in a URL stay high (they expire or are revoked).
 */
const LONG_LIVED = /(password|passwd|passphrase|privatekey)$/;

/** `Private-Key`, `private_key` → `privatekey`. */
function compact(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export const authCredentialsInUrl: EndpointCheck = {
  id: 'auth-credentials-in-url',
  category: 'authentication',
  severity: 'high',
  owasp: 'API2:2023 Broken Authentication',
  cwe: 'CWE-598',
  title: 'Credentials in the URL',
  rationale:
    'Tokens, passwords and keys in the path or query string are written to access logs, proxies and browser history.',
  remediation:
    'Accept credentials in the `Authorization` header (or a header API key), never as path or query parameters.',
  scope: 'endpoint',
  run(endpoint) {
    return endpoint.parameters
      .filter(
        (p) => (p.in === 'query' || p.in === 'path') && !isFlag(p) && dataKindOfName(p.name) === 'credential',
      )
      .map((p) => ({
        message: `${label(endpoint)} takes the ${LONG_LIVED.test(compact(p.name)) ? 'long-lived secret' : 'credential'} \`${p.name}\` in the ${p.in}, where logs and proxies record it`,
        loc: p.loc,
        severity: byExposure(endpoint, LONG_LIVED.test(compact(p.name)) ? 'critical' : 'high'),
        key: `${p.in}:${p.name}`,
      }));
  },
};

import type { Endpoint, Parameter } from '../../model.js';
import { dataKindOfName } from '../../sensitive.js';
import { byExposure, isFlag, label } from '../context.js';
import type { CheckContext, EndpointCheck } from '../types.js';

/**
 * A password or a private key cannot be rotated the way a token is: once an access log, a proxy or a
 * browser history holds it, the account or the key pair is compromised until someone notices. Tokens and
 * API keys in a URL stay high (they expire or are revoked).
 */
const LONG_LIVED = /(password|passwd|passphrase|privatekey)$/;

/**
 * A credential its description calls a password (ElastiCache's `AuthToken`: "The password used to access a
 * password protected server"). Read only to raise the severity, never to lower it; one-time passwords and
 * password-reset tokens expire like tokens.
 */
const DESCRIBED_PASSWORD = /\b(the|a|your|user'?s?|account'?s?) (password|passphrase)\b/i;
const EXPIRING = /\bone[- ]time\b|\botp\b|\breset\b/i;

function longLived(p: Parameter): boolean {
  if (LONG_LIVED.test(compact(p.name))) return true;
  const description = `${p.description ?? ''} ${p.schema?.description ?? ''}`;
  return DESCRIBED_PASSWORD.test(description) && !EXPIRING.test(description);
}

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
  run(endpoint, ctx) {
    return endpoint.parameters
      .filter(
        (p) =>
          (p.in === 'query' || p.in === 'path') &&
          !isFlag(p) &&
          dataKindOfName(p.name) === 'credential' &&
          !objectToken(endpoint, p, ctx),
      )
      .map((p) => ({
        message: `${label(endpoint)} takes the ${longLived(p) ? 'long-lived secret' : 'credential'} \`${p.name}\` in the ${p.in}, where logs and proxies record it`,
        loc: p.loc,
        severity: byExposure(endpoint, longLived(p) ? 'critical' : 'high'),
        key: `${p.in}:${p.name}`,
      }));
  },
};

/**
 * A token that is the id of the object the path addresses, not the caller's credential: a path parameter
 * named for the collection segment before it (`/v1/shipping_rates/{shipping_rate_token}`),
 * on an endpoint that authenticates its caller by a declared scheme. Without that
 * authentication the token may be what lets the caller in (`/invitations/{invitation_token}`): reported.
 */
function objectToken(endpoint: Endpoint, parameter: Parameter, ctx: CheckContext): boolean {
  const name = compact(parameter.name);
  if (parameter.in !== 'path' || !name.endsWith('token') || !ctx.facts(endpoint).authenticated) return false;
  const segments = endpoint.path.split('/');
  const at = segments.indexOf(`{${parameter.name}}`);
  const collection = at > 0 ? compact(segments[at - 1]!) : '';
  // `shipping_rates` → `shippingrate`, `addresses` → `address`: the singular, whichever plural it is.
  const items = [collection.replace(/s$/, ''), collection.replace(/es$/, '')];
  // `/tokens/{token}`, `/access_tokens/{access_token}`: the token itself may be the credential (revoked,
  // introspected), so only a token named for another object counts.
  return items.some(
    (item) => item !== '' && item !== collection && !item.endsWith('token') && name === `${item}token`,
  );
}

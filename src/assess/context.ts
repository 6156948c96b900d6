// Facts about an endpoint that several checks use to raise or lower severity.
import { lower, raise, type Severity } from '../findings.js';
import type { Endpoint, Parameter } from '../model.js';
import { requiresAuthentication as authenticationRequired, isExplicitOptOut } from '../normalize/security.js';
import { replaceTemplates, templates } from '../util/braces.js';

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

export function isWrite(endpoint: Endpoint): boolean {
  return WRITE_METHODS.has(endpoint.method);
}

/** Reachable from outside: external, partner and shadow; deprecated endpoints are still served. */
export function isExposed(endpoint: Endpoint): boolean {
  return endpoint.classification !== 'internal';
}

/** Path parameters that select an object (BOLA territory); versions, formats and locales do not. */
export function objectIdParameters(endpoint: Endpoint): Parameter[] {
  const notAnId = /^(v|version|api[-_]?version|format|locale|lang|language|ext)$/i;
  const declared = endpoint.parameters.filter((p) => p.in === 'path');
  // A `{name}` in the path is a parameter even when the document forgot to declare it.
  const undeclared = templates(endpoint.path, true, true)
    .map((t) => t.name)
    .filter((name) => !declared.some((p) => p.name === name))
    .map(
      (name): Parameter => ({
        name,
        in: 'path',
        required: true,
        deprecated: false,
        examples: [],
        loc: endpoint.loc,
      }),
    );
  return [...declared, ...undeclared].filter((p) => !notAnId.test(p.name));
}

/** The words of a path, parameters left out: `/users/{id}/resetPassword` → users, reset, password; `/2FA` → 2fa. */
export function pathWords(path: string): string[] {
  const camel = replaceTemplates(path, () => '/').replace(/([a-z])([A-Z])/g, '$1 $2'); // resetPassword
  return splitAcronyms(camel)
    .replace(/([a-z])(\d+[A-Z]+(?![a-z]))/g, '$1 $2') // enable2FA: `2fa` is one word
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * `MFAToken` → `MFA Token`, `v2Users` → `v2 Users`, but `OAuth` stays one word: what
 * `.replace(/([A-Z]{2,}|\d)([A-Z][a-z])/g, '$1 $2')` does, in one pass. That expression backtracks through
 * a run of capitals from each of its letters: quadratic (seconds) on a path of 60,000 capitals.
 */
export function splitAcronyms(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    if (isDigit(text, i)) {
      if (isUpper(text, i + 1) && isLower(text, i + 2)) {
        out += `${text.slice(last, i + 1)} ${text.slice(i + 1, i + 3)}`;
        last = i + 3;
        i = last;
      } else i++;
    } else if (isUpper(text, i)) {
      let end = i;
      while (isUpper(text, end)) end++;
      // Two capitals or more, then a capital starting a word: split before that one.
      if (end - i >= 3 && isLower(text, end)) {
        out += `${text.slice(last, end - 1)} ${text.slice(end - 1, end + 1)}`;
        last = end + 1;
        i = end + 1;
      } else i = end; // no match can start inside this run either
    } else i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

const isDigit = (text: string, i: number) => inRange(text.charCodeAt(i), 48, 57);
const isUpper = (text: string, i: number) => inRange(text.charCodeAt(i), 65, 90);
const isLower = (text: string, i: number) => inRange(text.charCodeAt(i), 97, 122);
const inRange = (code: number, low: number, high: number) => code >= low && code <= high;

const CREDENTIAL_WORDS = new Set([
  'login',
  'logon',
  'signin',
  'signup',
  'token',
  'tokens',
  'password',
  'passwords',
  'passwordless',
  'passwd',
  'otp',
  'mfa',
  '2fa',
  'verify',
  'verification',
  'reset',
  'register',
]);
const CREDENTIAL_PAIRS = new Set(['log in', 'log on', 'sign in', 'sign up']);

/**
 * Login, token, sign-up, password reset, OTP/MFA and verification paths: where credentials are submitted.
 * The word must name what the endpoint acts on, its last literal segment: `/oauth/token`,
 * `/users/{id}/resetPassword`. A parameter (`{token}`, Express-style `:token`) or a segment before the last
 * (`/webhooks/feed/:token`, `/tokens/{id}/feeds`) names a resource, not a login flow.
 */
export function isCredentialFlow(endpoint: Endpoint): boolean {
  const literal = endpoint.path
    .split('/')
    .filter(
      (segment) => segment !== '' && !segment.startsWith(':') && replaceTemplates(segment, () => '') !== '',
    );
  const words = pathWords(`/${literal.at(-1) ?? ''}`);
  return words.some((w, i) => CREDENTIAL_WORDS.has(w) || CREDENTIAL_PAIRS.has(`${w} ${words[i + 1]}`));
}

/** A boolean parameter (`?sendEmail=true`, `?mobile=1`) carries a choice, not the data its name mentions. */
export function isFlag(parameter: Parameter): boolean {
  return parameter.schema?.types?.length === 1 && parameter.schema.types[0] === 'boolean';
}

/** Data kinds that make a leak or an unauthenticated call serious on their own. */
const SERIOUS_DATA = new Set(['credential', 'payment-card', 'government-id', 'bank-account']);

export function handlesSeriousData(endpoint: Endpoint): boolean {
  return endpoint.dataTypes.some((kind) => SERIOUS_DATA.has(kind));
}

/** Authentication is required: at least one requirement, no anonymous `{}` alternative, no undefined scheme alone. */
export function requiresAuthentication(endpoint: Endpoint): boolean {
  return authenticationRequired(endpoint.security);
}

/** One step less severe on internal endpoints; unchanged on exposed ones. */
export function byExposure(endpoint: Endpoint, severity: Severity): Severity {
  return endpoint.classification === 'internal' ? lower(severity) : severity;
}

export { lower, raise };

/** `POST /payments` — how endpoints are named in messages. */
export function label(endpoint: Endpoint): string {
  return `\`${endpoint.method.toUpperCase()} ${endpoint.path}\``;
}

/**
 * Public by design, which the authentication policies exempt (src/policy/evaluate.ts): a CORS preflight,
 * or an operation opted out with its own `security: []` that selects no object and is a credential flow
 * or a read handling no personal or secret data (a health check). Narrower than this check's low rating:
 * an opted-out read returning emails still violates the policy, as the PR author wrote the opt-out.
 */
export function publicByDesign(endpoint: Endpoint): boolean {
  if (endpoint.method === 'options') return true;
  if (!isExplicitOptOut(endpoint) || objectIdParameters(endpoint).length > 0) return false;
  return isCredentialFlow(endpoint) || (!isWrite(endpoint) && endpoint.dataTypes.length === 0);
}

const RATE_LIMIT_HEADER = /^(x-)?rate-?limit|^retry-after$/i;
const RATE_LIMIT_EXTENSION =
  /^x-(rate-?limit|throttl|quota|amazon-apigateway-throttl|kong-plugin-rate-limiting|google-quota|ms-throttl)/i;

/** A 429 response, a rate-limit header or a known rate-limit extension (the operation's or the root's). */
export function declaresRateLimit(endpoint: Endpoint, rootExtensions: Record<string, unknown>): boolean {
  return (
    endpoint.responses.some(
      (r) => r.status === '429' || r.headers.some((h) => RATE_LIMIT_HEADER.test(h.name)),
    ) ||
    Object.keys(endpoint.extensions).some((k) => RATE_LIMIT_EXTENSION.test(k)) ||
    Object.keys(rootExtensions).some((k) => RATE_LIMIT_EXTENSION.test(k))
  );
}

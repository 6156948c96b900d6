import type { Endpoint, Schema } from '../../model.js';
import { bracketSpans } from '../../util/braces.js';
import { byExposure, label, pathWords } from '../context.js';
import { type InputField, inputFields } from '../inputs.js';
import type { EndpointCheck } from '../types.js';
import { URL_FORMATS, URL_NAME } from '../url-inputs.js';

/** Words in a field's name or its parents' that say the server requests the URL: a webhook it calls, an
 * image it downloads, a feed it reads. */
const FETCHED_FIELD_WORDS = new Set([
  'webhook',
  'webhooks',
  'hook',
  'hooks',
  'callback',
  'callbacks',
  'notify',
  'notification',
  'notifications',
  'ipn',
  'postback',
  'ping',
  'target',
  'destination',
  'endpoint',
  'listener',
  'subscriber',
  'delivery',
  'import',
  'fetch',
  'proxy',
  'preview',
  'download',
  'remote',
  'source',
  'src',
  'avatar',
  'image',
  'logo',
  'icon',
  'photo',
  'picture',
  'thumbnail',
  'feed',
  'jwks',
]);

/** Operations whose purpose is to request a URL the caller gives: any URL input of theirs counts. */
const FETCHING_OPERATION_WORDS = new Set([
  'webhook',
  'webhooks',
  'hook',
  'hooks',
  'callback',
  'callbacks',
  'import',
  'imports',
  'fetch',
  'proxy',
  'preview',
  'unfurl',
  'crawl',
  'scrape',
  'download',
  'mirror',
  'ping',
  'render',
  'screenshot',
  'feeds',
]);

/** A redirect target taken in the query or path: redirected to on this very request (open redirect). */
const REDIRECT_NAME = /(redirect(_?(to|ur[il]))?|return_?(to|ur[il])|next|continue|goto)$/i;

/** Descriptions saying the server calls or downloads the URL. */
const FETCH_DESCRIPTION =
  /\b(we|server|service|api|system)\b[^.]{0,60}\b(fetch|download|call|post|send|request|retrieve|crawl|notif|deliver)|\b(webhook|callback url|notification url|downloaded from|fetched from|retrieved from)\b/i;

/** Values the server sets and echoes (`metadata.selfLink`: "Read-only"; Google's "Output only"). */
const SERVER_SET = /\bread[- ]only\b|\boutput only\b|populated by the system|set by the (server|system)/i;

export const inputSsrfUrl: EndpointCheck = {
  id: 'input-ssrf-url',
  category: 'input-validation',
  severity: 'medium',
  owasp: 'API7:2023 Server Side Request Forgery',
  cwe: 'CWE-918',
  title: 'URL taken as input',
  rationale:
    'A URL the server fetches or redirects to lets callers reach internal services (SSRF) or send users elsewhere.',
  remediation:
    'Restrict the URL with an allow-list (`pattern` or `enum` of hosts) and validate it server-side before fetching or redirecting.',
  scope: 'endpoint',
  run(endpoint) {
    const fetching = pathWords(endpoint.path).some((w) => FETCHING_OPERATION_WORDS.has(w));
    return inputFields(endpoint)
      .filter((f) => (f.schema.types ?? untypedAs(f.schema)).includes('string') && !f.schema.enum)
      .map((f) => ({ f, use: requestedUrl(f, fetching, parameterDescription(endpoint, f)) }))
      .filter(({ f, use }) => use !== undefined && !allowListPattern(f.schema.pattern))
      .map(({ f, use }) => ({
        message:
          use === 'fetched'
            ? `${label(endpoint)} takes a URL in ${f.path} with no allow-list pattern (server-side request forgery risk)`
            : `${label(endpoint)} redirects to a URL in ${f.path} with no allow-list pattern (open redirect risk)`,
        loc: f.loc,
        // An open redirect sends the caller's browser elsewhere (phishing); the server requests nothing:
        // a lesser risk than a request forgery (CWE-601, not CWE-918).
        severity: byExposure(endpoint, use === 'fetched' ? 'medium' : 'low'),
        key: f.path,
        // The same endpoint took an unrestricted URL under this name in the base: moved into an envelope
        // (Azure's `authorizationEndpoint` → `properties.authorizationEndpoint`), it is no new input.
        basis: `${endpoint.id}\n${f.name.toLowerCase()}`,
      }));
  },
};

/** A schema without `type` is read as a string, unless it has properties: an object (Kubernetes' `spec.webhook`). */
function untypedAs(schema: Schema): string[] {
  return Object.keys(schema.properties).length > 0 ? ['object'] : ['string'];
}

/**
 * A URL input the server plausibly requests or redirects to. URLs stored as data (a terms-of-service link,
 * a return URL kept for later, `links.*.href` echoed back in a request model), server-set values and
 * JSONP `callback` function names are not.
 */
function requestedUrl(
  field: InputField,
  fetchingOperation: boolean,
  parameterText: string,
): 'fetched' | 'redirect' | undefined {
  const formatted = URL_FORMATS.has(field.schema.format ?? '');
  if (!formatted && !URL_NAME.test(field.name)) return undefined;
  const description = `${field.schema.description ?? ''} ${field.schema.title ?? ''} ${parameterText}`;
  if (SERVER_SET.test(description) || /jsonp/i.test(description)) return undefined;
  const words = fieldPathWords(field);
  // `links.self.href`, `_links`, `selfLink`: the resource's own links, echoed back.
  if (words.includes('links') || words.includes('self')) return undefined;
  // OAuth's `redirect_uri` is compared with the client's registered redirect URIs (RFC 6749 §3.1.2) and
  // sent to the browser, never fetched: an OAuth concern (`auth-*` rules), not a request forgery.
  if (/^redirect_?ur[il]$/i.test(field.name)) return undefined;
  // A bare `callback` that is not declared a URL is a JSONP function name (Google's APIs).
  if (/^(callback|jsonp)$/i.test(field.name) && !formatted && !/\bur[il]\b/i.test(description))
    return undefined;
  const described = FETCH_DESCRIPTION.test(description);
  const fetchedWords = words.filter((w) => FETCHED_FIELD_WORDS.has(w));
  // An image only said to be shown (Slack's `step_image_url`, "the app image that is shown in the Workflow
  // Builder") is a URL clients load, stored as data: the server requests nothing, unless another word, the
  // operation or the description says it does.
  const shownImage =
    SHOWN.test(description) && fetchedWords.length > 0 && fetchedWords.every((w) => DISPLAYED_WORDS.has(w));
  if ((fetchedWords.length > 0 && !shownImage) || fetchingOperation || described) return 'fetched';
  if (/^(query|path) /.test(field.path) && REDIRECT_NAME.test(field.name)) return 'redirect';
  return undefined;
}

/** Image words: an image URL is fetched (downloaded, resized) or only shown by clients; the description says which. */
const DISPLAYED_WORDS = new Set(['image', 'icon', 'logo', 'photo', 'picture', 'thumbnail', 'avatar']);
const SHOWN = /\b(shown|displayed)\b/i;

/** A parameter describes itself beside its schema (`{ name, in, description, schema: { type: string } }`). */
function parameterDescription(endpoint: Endpoint, field: InputField): string {
  const parameter = endpoint.parameters.find((p) => p.schema === field.schema);
  return parameter?.description ?? '';
}

/** `body field \`webhooks[].targetUrl\`` → `webhooks target url`; a parameter's words are its name's. */
function fieldPathWords(field: InputField): string[] {
  const quoted = field.path.match(/`([^`]*)`/)?.[1] ?? field.name;
  return pathWords(quoted.replace(/[.[\]]/g, '/'));
}

/**
 * A pattern that names hosts (`^https://(api|www)\\.example\\.com/.*`) restricts; `^https?://.*$` and
 * `^https://(.*)\\.example\\.com/` do not: the host part (before the first `/`) must be literal.
 */
function allowListPattern(pattern: string | undefined): boolean {
  if (!pattern) return false;
  const afterScheme = pattern.replace(/^\^?(\(?https\??\)?|https?\??):\\?\/\\?\//, '');
  if (afterScheme === pattern) return false; // does not pin the scheme and host at the start
  const host = afterScheme.split(/(?<!\\)\//)[0] ?? '';
  // A character class may vary a label (`[a-z0-9-]+\\.hooks\\.example\\.com`) but must not reach a dot,
  // slash, `@`, `:`, `#` or `?`, which would let the host itself change.
  const classes = bracketSpans(host).map((span) => host.slice(span.start, span.end)); // not quadratic on `[[[`
  const leaky = classes.some((c) => c.startsWith('[^') || /[./@:#?]|\\[SWDsw]/.test(c.slice(1, -1)));
  return /\\\./.test(host) && !leaky && !/(^|[^\\])\.[*+?]|\\[SWsw]/.test(host);
}

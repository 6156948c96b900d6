import { type EndpointPart, maxSeverity } from '../../findings.js';
import type { Endpoint, Loc, Schema } from '../../model.js';
import { bracketSpans } from '../../util/braces.js';
import { joinPointer } from '../../util/pointer.js';
import { byExposure, label, pathWords } from '../context.js';
import { describedWords } from '../field-identity.js';
import { type InputField, inputFields } from '../inputs.js';
import { endpointsByLocation } from '../locations.js';
import type { DocumentCheck } from '../types.js';
import { headlinePart, partsMessage, URL_FORMATS, URL_NAME } from '../url-inputs.js';
import { layoutFreeKey } from './sensitive-response-field.js';

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

export const inputSsrfUrl: DocumentCheck = {
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
  scope: 'document',
  run(model) {
    // One finding per field, at the field's place, naming every endpoint that takes it: Kubernetes'
    // `WebhookClientConfig.url` is one fact wherever a configuration embeds it, and the reviewer reads it
    // once. Each endpoint's share (`parts`) keeps what a finding of that endpoint alone would say, so a pull
    // request is still judged per endpoint (src/assess/index.ts `compareFindings`).
    const byField = new Map<string, TakenField>();
    for (const endpoint of model.endpoints)
      for (const { field, use } of requestedUrls(endpoint)) {
        const loc = fieldLoc(field);
        const key = `${use}\n${loc.file}#${loc.pointer}`;
        let taken = byField.get(key);
        if (!taken) {
          taken = { field, use, loc, parts: [] };
          byField.set(key, taken);
        }
        taken.parts.push({
          endpoint: endpoint.id,
          message:
            use === 'fetched'
              ? `${label(endpoint)} takes a URL in ${field.path} with no allow-list pattern (server-side request forgery risk)`
              : `${label(endpoint)} redirects to a URL in ${field.path} with no allow-list pattern (open redirect risk)`,
          loc: field.loc,
          place: loc,
          // An open redirect sends the caller's browser elsewhere (phishing); the server requests nothing:
          // a lesser risk than a request forgery (CWE-601, not CWE-918).
          severity: byExposure(endpoint, use === 'fetched' ? 'medium' : 'low'),
          key: field.path,
          name: field.name.toLowerCase(),
        });
      }
    const fields = sameDescribedField([...byField.values()]);
    const inEndpoint = fields.length > 0 ? endpointsByLocation(model.endpoints) : undefined;
    const keys = fields.map(({ loc }) => layoutFreeKey(loc, model.file, inEndpoint!));
    const seen = new Map<string, number>();
    for (const key of keys) if (key !== undefined) seen.set(key, (seen.get(key) ?? 0) + 1);
    return fields.map(({ loc, use, parts }, i) => {
      const key = keys[i];
      return {
        message: partsMessage(parts),
        loc,
        severity: parts.map((p) => p.severity).reduce(maxSeverity),
        endpoints: parts.map((p) => p.endpoint),
        // Unique keys only: two components of one name in two files keep their file and pointer. An open
        // redirect and a fetched URL at one place (a shared `next` parameter) are two findings.
        ...(key !== undefined && seen.get(key) === 1
          ? { key: use === 'fetched' ? key : `${key}|redirect` }
          : use === 'fetched'
            ? {}
            : { variant: 'redirect' }),
        parts,
      };
    });
  },
};

/** One URL field the server requests or redirects to, and each endpoint's share of it. */
interface TakenField {
  field: InputField;
  use: 'fetched' | 'redirect';
  loc: Loc;
  parts: EndpointPart[];
}

type Requested = { field: InputField; use: 'fetched' | 'redirect' }[];

/**
 * Per endpoint object: a base endpoint the head shares (unchanged by the PR) is read once, not again for the
 * base. Weak: forgotten with the model.
 */
const REQUESTED = new WeakMap<Endpoint, Requested>();

/** The endpoint's URL inputs the server plausibly requests or redirects to, with no allow-list. */
function requestedUrls(endpoint: Endpoint): Requested {
  let out = REQUESTED.get(endpoint);
  if (!out) {
    out = readRequestedUrls(endpoint);
    REQUESTED.set(endpoint, out);
  }
  return out;
}

function readRequestedUrls(endpoint: Endpoint): Requested {
  const fetching = pathWords(endpoint.path).some((w) => FETCHING_OPERATION_WORDS.has(w));
  const out: Requested = [];
  for (const field of inputFields(endpoint)) {
    if (!(field.schema.types ?? untypedAs(field.schema)).includes('string') || field.schema.enum) continue;
    const use = requestedUrl(field, fetching, parameterDescription(endpoint, field));
    if (use !== undefined && !allowListPattern(field.schema.pattern)) out.push({ field, use });
  }
  return out;
}

/**
 * The field's own place: a body property where its owner declares it (`…/WebhookClientConfig/properties/url`,
 * however many objects embed the owner; not where a `$ref` it is declared with points), a parameter where
 * it is defined.
 */
function fieldLoc(field: InputField): Loc {
  if (!field.owner) return field.loc;
  return {
    file: field.owner.loc.file,
    pointer: joinPointer(field.owner.loc.pointer, 'properties', field.name),
  };
}

/**
 * Fields of one name and description taken the same way in several objects (Kubernetes' three
 * `WebhookClientConfig` copies, "`url` gives the location of the webhook…"; Slack's `icon_url` inline in
 * `chat.postMessage` and `chat.postEphemeral`) are one field, copied: one finding, naming every endpoint, at the copy taken at the shallowest
 * path (the first on a tie). Undescribed fields are never merged.
 */
function sameDescribedField(fields: TakenField[]): TakenField[] {
  const identity = ({ field, use }: TakenField) => {
    const words = describedWords(field.schema);
    return words === undefined ? undefined : `${use}\n${field.name.toLowerCase()}\n${words}`;
  };
  const groups = new Map<string, TakenField[]>();
  const out: TakenField[] = [];
  for (const taken of fields) {
    const id = identity(taken);
    const group = id === undefined ? undefined : groups.get(id);
    if (group) group.push(taken);
    else {
      if (id !== undefined) groups.set(id, [taken]);
      out.push(taken);
    }
  }
  return out.map((taken) => {
    const id = identity(taken);
    const group = id === undefined ? undefined : groups.get(id);
    if (!group || group.length === 1) return taken;
    const headline = group.find((t) => t.parts.includes(headlinePart(group.flatMap((g) => g.parts))))!;
    const parts = new Map<string, EndpointPart>();
    for (const member of [headline, ...group.filter((t) => t !== headline)])
      for (const part of member.parts)
        if (!parts.has(`${part.endpoint}\n${part.key}`)) parts.set(`${part.endpoint}\n${part.key}`, part);
    return { ...headline, parts: [...parts.values()] };
  });
}

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

import { bracketSpans } from '../../util/braces.js';
import { byExposure, label } from '../context.js';
import { inputFields } from '../inputs.js';
import type { EndpointCheck } from '../types.js';

const URL_NAME =
  /(url|uri|href|callback|webhook|redirect(_?to)?|return_?to|next|link|endpoint|feed|image_?src|avatar_?src)$/i;

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
    return inputFields(endpoint)
      .filter((f) => (f.schema.types ?? ['string']).includes('string') && !f.schema.enum)
      .filter(
        (f) =>
          ['uri', 'url', 'iri', 'uri-reference', 'iri-reference'].includes(f.schema.format ?? '') ||
          URL_NAME.test(f.name),
      )
      .filter((f) => !allowListPattern(f.schema.pattern))
      .map((f) => ({
        message: `${label(endpoint)} takes a URL in ${f.path} with no allow-list pattern (server-side request forgery risk)`,
        loc: f.loc,
        severity: byExposure(endpoint, 'medium'),
        key: f.path,
      }));
  },
};

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

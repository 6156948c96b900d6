// URL facts used by the transport and inventory checks.

export function hostOf(url: string): string | undefined {
  const match = url.match(/^(?:[a-z][a-z0-9+.-]*:)?\/\/(\[[^\]]+\]|[^/?#:]+)/i); // `[::1]` before plain hosts
  return match?.[1]?.toLowerCase();
}

export function isLoopback(url: string): boolean {
  const host = hostOf(url);
  return (
    host !== undefined &&
    (host === 'localhost' ||
      host.endsWith('.localhost') ||
      /^127\./.test(host) ||
      host === '[::1]' ||
      host === '0.0.0.0')
  );
}

export function isPlainHttp(url: string): boolean {
  return /^(http|ws):\/\//i.test(url);
}

/** Second-level labels under a country code that are part of the public suffix (`com.cn`, `co.uk`, `gov.au`). */
const COUNTRY_SECOND_LEVEL = new Set(['ac', 'co', 'com', 'edu', 'gob', 'gov', 'mil', 'net', 'or', 'org']);

/**
 * A label naming a region or partition rather than a host of its own: `us-gov`, `eu-west-1`, `cn-north-1`,
 * or a template left unfilled (`{region}` without a default).
 */
function regional(label: string): boolean {
  return /^[a-z]{2}((-[a-z]+)+(-\d{1,2})?|-\d{1,2})$/.test(label) || /^\{[^{}]+\}$/.test(label);
}

/**
 * What identifies a server across versions: its scheme, service label, organisation and port, with the
 * region and partition labels between them and a country code after the suffix left out. So the base's
 * `http://iam.amazonaws.com/` and the head's `http://iam.us-gov.amazonaws.com` or
 * `http://iam.{region}.amazonaws.com.cn` (defaults filled in) are one server re-templated per region,
 * while another host (`http://evil.example.com`, `http://iam.evil.amazonaws.com`) or a host that is a
 * template (`http://{host}`) is not. Undefined when there is no host to judge: such a server matches
 * nothing but itself.
 */
export function serverPattern(url: string): string | undefined {
  const scheme = url.match(/^([a-z][a-z0-9+.-]*):\/\//i)?.[1]?.toLowerCase();
  const host = hostOf(url);
  if (!scheme || !host) return undefined;
  const port = url.match(/^[^:]+:\/\/[^/?#]*?:(\d+)(?:[/?#]|$)/)?.[1];
  const labels = host.split('.');
  if (labels.some((l) => l === '') || /^[\d.]+$/.test(host) || host.startsWith('['))
    return `${scheme}://${host}:${port ?? ''}`;
  // The public suffix: the last label, and a second-level one under a country code.
  let suffix = 1;
  if (labels.length >= 3 && labels.at(-1)!.length === 2 && COUNTRY_SECOND_LEVEL.has(labels.at(-2)!))
    suffix = 2;
  if (labels.length <= suffix) return undefined;
  const organisation = labels[labels.length - suffix - 1]!;
  // A template as the organisation or the service is any host: it matches no other.
  if (organisation.includes('{')) return undefined;
  const family = suffix === 2 ? labels.at(-2)! : labels.at(-1)!;
  const below = labels.slice(0, labels.length - suffix - 1);
  const service = below[0];
  if (service?.includes('{')) return undefined;
  const kept = below.slice(1).filter((label) => !regional(label));
  return `${scheme}://${[service, ...kept, organisation, family].filter((l) => l !== undefined).join('.')}:${port ?? ''}`;
}

/** A server as compared across versions: its `serverPattern`, or its URL when it has none. */
export function serverKey(server: { url: string }): string {
  return serverPattern(server.url) ?? server.url;
}

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

// Remote `$ref`s, for teams whose descriptions share schemas from a server they control.
//
// Off by default: a PR's content is hostile, and a ref the tool follows is a request its author makes
// from the CI runner (SSRF). Only URLs under a prefix the repository's own config (or the workflow, or
// the CLI user) allows are fetched: same origin, path under the prefix's path, no credentials in the
// URL, GET only, no redirects, a timeout and the size and file limits of local documents. The tool's
// synchronous loader then reads what was fetched; fetching happens before, in rounds (a fetched document
// may refer to further ones).

import { formatBytes } from '../util/bytes.js';

/** What was fetched (text) or why not (failure), by URL without its fragment. */
export class RemoteDocuments {
  private readonly allowed: URL[];
  private readonly fetched = new Map<string, { text?: string; failure?: string }>();
  private readonly wanted = new Set<string>();

  /** Prefixes must be absolute http(s) URLs (checked where they are configured: see `remotePrefixProblem`). */
  constructor(
    prefixes: string[],
    private readonly options: { timeoutMs: number; maxBytes: number; maxFiles: number },
  ) {
    this.allowed = prefixes.map((p) => new URL(p));
  }

  get enabled(): boolean {
    return this.allowed.length > 0;
  }

  /** Same origin as an allowed prefix and a path under its path; never with credentials in the URL. */
  allows(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.username !== '' || parsed.password !== '') return false;
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
    return this.allowed.some((a) => a.origin === parsed.origin && underPath(parsed.pathname, a.pathname));
  }

  /** The document's text once fetched; asking for one not fetched yet queues it for the next round. */
  text(url: string): string | undefined {
    const known = this.fetched.get(url);
    if (!known) this.wanted.add(url);
    return known?.text;
  }

  /** Why an allowed document could not be had (undefined when it was, or was not tried yet). */
  failure(url: string): string | undefined {
    return this.fetched.get(url)?.failure;
  }

  /** Fetches what was asked for and not fetched yet; returns how many were tried. */
  async fetchWanted(): Promise<number> {
    const urls = [...this.wanted].filter((u) => !this.fetched.has(u));
    this.wanted.clear();
    for (const url of urls) {
      if (this.fetched.size >= this.options.maxFiles) {
        this.fetched.set(url, {
          failure: `not fetched: already ${this.options.maxFiles} files (limits.maxFiles)`,
        });
        continue;
      }
      this.fetched.set(url, await this.fetchOne(url));
    }
    return urls.length;
  }

  private async fetchOne(url: string): Promise<{ text?: string; failure?: string }> {
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        credentials: 'omit',
        headers: { accept: 'application/json, application/yaml, text/yaml, */*' },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const refuse = (failure: string) => {
        void response.body?.cancel().catch(() => undefined);
        return { failure };
      };
      if (response.status >= 300 && response.status < 400)
        return refuse(`the server redirected it (HTTP ${response.status}); redirects are not followed`);
      if (!response.ok) return refuse(`HTTP ${response.status}`);
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > this.options.maxBytes) return refuse(tooLarge(declared, this.options.maxBytes));
      const body = await readAtMost(response, this.options.maxBytes);
      if (body === undefined) return { failure: tooLarge(undefined, this.options.maxBytes) };
      return { text: body };
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError')
        return { failure: `no answer within ${this.options.timeoutMs / 1000} s` };
      const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
      return { failure: cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error) };
    }
  }
}

/** `/shared/x.yaml` is under `/shared` and `/shared/`; `/shared-evil/x.yaml` is under neither. */
function underPath(path: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return path.startsWith(prefix);
  return path === prefix || path.startsWith(`${prefix}/`);
}

function tooLarge(bytes: number | undefined, limit: number): string {
  return `${bytes === undefined ? 'it is' : formatBytes(bytes)} above the ${formatBytes(limit)} limit (limits.maxFileBytes)`;
}

/** The body as text, or undefined once it passes `limit` bytes (the rest is not read). */
async function readAtMost(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Why a configured prefix cannot be used (undefined when it can). */
export function remotePrefixProblem(prefix: string): string | undefined {
  let url: URL;
  try {
    url = new URL(prefix);
  } catch {
    return `"${prefix}" is not an absolute URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${prefix}" is not an http(s) URL`;
  if (url.username !== '' || url.password !== '') return `"${prefix}" must not carry credentials`;
  if (url.search !== '' || url.hash !== '') return `"${prefix}" must not have a query or fragment`;
  return undefined;
}

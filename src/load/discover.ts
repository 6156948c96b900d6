// Finding root OpenAPI documents in a workspace: by glob, or by sniffing for a root `openapi:`/`swagger:` key.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { visit } from 'jsonc-parser';
import picomatch from 'picomatch';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage', '.venv', 'vendor']);
const CANDIDATE = /\.(ya?ml|json)$/i;
const SNIFF_BYTES = 64 * 1024;

/** Splits an input like "a/*.yaml, b/**\/*.json\n c.yaml" into patterns. */
export function splitPatterns(input: string): string[] {
  return input
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Workspace-relative paths of root documents, sorted. Without patterns, every file that looks like one. */
export function discoverSpecs(root: string, patterns: string[] = []): string[] {
  const matchers = patterns.map((p) => picomatch(p.replace(/^\.\//, ''), { dot: false }));
  const found: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name), path);
      } else if (entry.isFile() && CANDIDATE.test(entry.name)) {
        if (
          matchers.length > 0 ? matchers.some((m) => m(path)) : looksLikeRootDocument(join(dir, entry.name))
        )
          found.push(path);
      }
    }
  };
  walk(root, '');
  return found.sort();
}

/** True when the file's head declares `openapi` or `swagger` at the top level. */
export function looksLikeRootDocument(file: string): boolean {
  const buffer = Buffer.alloc(SNIFF_BYTES);
  const fd = openSync(file, 'r');
  let length = 0;
  try {
    length = readSync(fd, buffer, 0, SNIFF_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  return isRootDocumentText(buffer.subarray(0, length).toString('utf8'));
}

/**
 * True when a file's first bytes declare `openapi` or `swagger` as a root key: block YAML (the key at the
 * start of a line), a JSON or flow-YAML root object (`{openapi: 3.1.0, …}`), or minified JSON whose
 * `openapi` key comes after others. A root missed here is a document the gate never sees.
 */
export function isRootDocumentText(head: string): boolean {
  if (/^['"]?(openapi|swagger)['"]?\s*:/m.test(head) || /^ {0,4}"(openapi|swagger)"\s*:/m.test(head))
    return true;
  const body = afterPreamble(head.replace(/^\uFEFF/, ''));
  if (!body.startsWith('{')) return false;
  return /^\{\s*['"]?(openapi|swagger)['"]?\s*:/.test(body) || jsonRootKeys(body).some(isVersionKey);
}

const isVersionKey = (key: string) => key === 'openapi' || key === 'swagger';

/** The text after leading blank lines, comments, directives (`%YAML`) and a bare `---` marker. */
function afterPreamble(text: string): string {
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end === -1 ? text.length : end).trim();
    if (line !== '' && line !== '---' && !line.startsWith('#') && !line.startsWith('%'))
      return text.slice(at).trimStart();
    if (end === -1) break;
    at = end + 1;
  }
  return '';
}

/** The keys of a JSON text's root object, as far as the (possibly cut-off) text goes. */
function jsonRootKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  const enter = () => depth++ === 0; // only the root's children are read; nested values are skipped
  visit(text, {
    onObjectBegin: enter,
    onArrayBegin: enter,
    onObjectEnd: () => {
      depth--;
    },
    onArrayEnd: () => {
      depth--;
    },
    onObjectProperty: (key) => {
      if (depth === 1) keys.push(key);
    },
  });
  return keys;
}

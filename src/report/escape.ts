// Escaping for GitHub-flavoured Markdown. Every string that comes from a document goes through here
// before it reaches a comment or summary: no HTML, no images or links, no @mentions, no table breaks.

/** Control characters and line breaks would end table rows or smuggle terminal escapes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const MAX_INLINE = 400;

export function truncate(text: string, max = MAX_INLINE): string {
  // No longer than `max` UTF-16 units is no longer than `max` characters: nothing to count.
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Plain text: every Markdown and HTML metacharacter neutralised. */
export function escapeText(text: string): string {
  return truncate(text.replace(CONTROL, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/([\\`*_{}[\]()#+\-.!|~^=$])/g, '\\$1')
    .replace(/@/g, '@&#8203;')
    .replace(/:\/\//g, '&#58;//');
}

/** Text inside a code span: a backtick cannot occur (we split on them), `|` still ends a table cell. */
function escapeCode(text: string): string {
  return text.replace(CONTROL, ' ').replace(/\|/g, '\\|');
}

/**
 * A message whose `code` spans were written by us around names from the document. Splitting on the
 * backticks and escaping the text between keeps the spans and makes whatever the document put inside
 * or around them inert: code spans render literally, the rest is escaped.
 */
export function inline(message: string): string {
  const clean = truncate(message.replace(CONTROL, ' '));
  const parts = clean.split('`');
  if (parts.length % 2 === 0) return escapeText(clean); // an unmatched backtick: no spans at all
  return parts
    .map((part, i) => (i % 2 === 0 ? escapeText(part) : part === '' ? '' : `\`${escapeCode(part)}\``))
    .join('');
}

/** A code span around a whole value from the document (an endpoint, a path). */
export function code(text: string): string {
  const clean = truncate(text.replace(CONTROL, ' ')).replace(/`/g, "'");
  return clean === '' ? '' : `\`${escapeCode(clean)}\``;
}

/** A link to a file line at a commit, or the escaped `file:line` when there is no repository. */
export function lineLink(file: string, line: number, blobBase: string | undefined): string {
  const label = code(`${file}:${line}`);
  // A fetched remote document (an allowed remote `$ref`) is not in the repository: no blob link.
  if (!blobBase || /^https?:\/\//i.test(file)) return label;
  // Lone surrogates would make encodeURIComponent throw; parentheses would end the Markdown link.
  const path = file
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment.toWellFormed()).replace(
        /[()'*!]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
  return `[${label}](${blobBase}/${path}#L${line})`;
}

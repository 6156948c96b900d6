// Escaping for GitHub-flavoured Markdown. Every string that comes from a document goes through here
// before it reaches a comment or summary: no HTML, no images or links, no @mentions, no issue, pull
// request or commit references, no table breaks, no invisible characters. `logText` does the same job
// for workflow log lines.

/** Control characters and line breaks would end table rows or smuggle terminal escapes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/**
 * Characters that draw nothing or reorder what is drawn: bidi embeddings, overrides and isolates, zero-width
 * spaces and joiners, the BOM, invisible operators, fillers and tag characters. A path holding one can
 * look exactly like another path; shown as `<U+202E>` it cannot.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is matched on its own, on purpose
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;
const MAX_INLINE = 400;
/** What GitHub renders as nothing but breaks its reference autolinking (Renovate does the same). */
const ZWSP = '&#8203;';

export function truncate(text: string, max = MAX_INLINE): string {
  // No longer than `max` UTF-16 units is no longer than `max` characters: nothing to count.
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Invisible and bidi characters written as `<U+202E>`: in Markdown, plain text and logs alike. */
export function showInvisible(text: string): string {
  return text.replace(
    INVISIBLE,
    (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

const CONTROL_NAMES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A string for a workflow log line or command: one line, whatever it holds. The runner reads every line
 * of the step's output, so a newline in a file name would start a forged `::error::` or
 * `::stop-commands::`; `@actions/core` escapes CR and LF in annotation data but not in `core.info`, and
 * nothing else anywhere. Control and invisible characters are shown, never written.
 */
export function logText(text: string): string {
  return showInvisible(text).replace(CONTROL, (run) =>
    [...run].map((c) => CONTROL_NAMES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  );
}

/**
 * `#123`, `GH-123`, `owner/repo#123` and 7–40 hex digits (a commit) become links on GitHub even when
 * escaped; a zero-width space after the `#` or `GH-`, and every six hex digits, keeps them text.
 * Works on text already escaped by `escapeText` (`#` is `\#`, `-` is `\-`, `.` is `\.`).
 */
function neutraliseAutolinks(escaped: string): string {
  return escaped
    .replace(/\\#(?=\d)/g, `\\#${ZWSP}`)
    .replace(/\b(gh)\\-(?=\d)/gi, `$1\\-${ZWSP}`)
    .replace(/\b(www)(?=\\\.)/gi, `$1${ZWSP}`)
    .replace(/[0-9A-Za-z]+/g, (word) =>
      word.length >= 7 && /^[0-9a-f]+$/i.test(word) ? (word.match(/.{1,6}/g) ?? []).join(ZWSP) : word,
    );
}

/** Plain text: every Markdown and HTML metacharacter neutralised. */
export function escapeText(text: string): string {
  return neutraliseAutolinks(
    truncate(showInvisible(text).replace(CONTROL, ' '))
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/([\\`*_{}[\]()#+\-.!|~^=$])/g, '\\$1')
      .replace(/@/g, '@&#8203;')
      .replace(/:\/\//g, '&#58;//'),
  );
}

/**
 * A code span around text without backticks (the callers split on them or replace them). Inside a table,
 * `|` must be written `\|` even in a code span; but a backslash already before the pipe reads, to some
 * Markdown parsers, as an escaped backslash followed by a live pipe that ends the cell. So a pipe that
 * follows a backslash is written between two code spans, as escaped text: `a\|b` → `` `a\`\|`b` ``.
 */
function codeSpan(text: string): string {
  if (text === '') return '';
  if (!text.includes('\\|')) return `\`${text.replace(/\|/g, '\\|')}\``;
  return text
    .split('|')
    .map((part) => (part === '' ? '' : `\`${part}\``))
    .join('\\|');
}

/**
 * A message whose `code` spans were written by us around names from the document. Splitting on the
 * backticks and escaping the text between keeps the spans and makes whatever the document put inside
 * or around them inert: code spans render literally, the rest is escaped.
 */
export function inline(message: string): string {
  const clean = truncate(showInvisible(message).replace(CONTROL, ' '));
  const parts = clean.split('`');
  if (parts.length % 2 === 0) return escapeText(clean); // an unmatched backtick: no spans at all
  return parts.map((part, i) => (i % 2 === 0 ? escapeText(part) : codeSpan(part))).join('');
}

/** A code span around a whole value from the document (an endpoint, a path). */
export function code(text: string): string {
  return codeSpan(truncate(showInvisible(text).replace(CONTROL, ' ')).replace(/`/g, "'"));
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

// Secrets quoted by a message are masked before the report reaches any renderer. A rule that quotes a
// document value (an enum value added, a default, a server URL) would otherwise reprint a live key in the
// comment, the summary, annotations, SARIF and the JSON report. The detectors are `sensitive.ts`'s: a
// value is masked exactly when the sensitive-example-value rule would call it a secret.
import { mayHoldSecret, secretInValue } from '../sensitive.js';

/** `sk_l…9xQz`: enough of each end to recognise the value, never enough to use it. */
export function maskValue(secret: string): string {
  const keep = Math.min(4, Math.floor([...secret].length / 6));
  if (keep === 0) return '…';
  const chars = [...secret];
  return `${chars.slice(0, keep).join('')}…${chars.slice(-keep).join('')}`;
}

/** Words as messages quote values: JSON strings, lists, code spans, parentheses around them. */
const WORD = /[^\s`"',;()[\]{}<>]+/g;
const TRAILING_PUNCTUATION = /[.:!?]+$/;

function maskWords(text: string): { text: string; masked: boolean } {
  let masked = false;
  const out = text.replace(WORD, (word) => {
    if (word.length < 9) return word;
    const trail = word.match(TRAILING_PUNCTUATION)?.[0] ?? '';
    const core = trail ? word.slice(0, -trail.length) : word;
    if (!secretInValue(core)) return word;
    masked = true;
    return `${maskValue(core)}${trail}`;
  });
  return { text: out, masked };
}

/**
 * Every secret in a message masked. Each word is judged on its own (outside the words, a message is our
 * own text); a code span whose content is a secret only as a whole (a card number written in groups, a
 * PEM block) is masked whole.
 */
export function maskSecrets(message: string): string {
  // Most messages hold nothing that could be a secret: one scan, and they are returned as they are. The scan
  // comes before the memo: it costs less than hashing and keeping a message that is unique (most are).
  if (message.length < 9 || !mayHoldSecret(message)) return message;
  // Remediations and many messages repeat across findings (tens of thousands in an inventory): judged once.
  return remembered(masked, message, maskMessage);
}

/**
 * `maskSecrets` for text that repeats across findings (remediations: mostly a rule's own sentence, the
 * same string each time): looked up before it is scanned, the other way round from messages.
 */
export function maskRepeatedText(text: string): string {
  return remembered(repeated, text, maskSecrets);
}

/** Texts already masked (a pure function of the text), each map bounded: cleared when full. */
const masked = new Map<string, string>();
const repeated = new Map<string, string>();
const MASKED_MAX = 20_000;

function remembered(memo: Map<string, string>, text: string, mask: (text: string) => string): string {
  const known = memo.get(text);
  if (known !== undefined) return known;
  const result = mask(text);
  if (memo.size >= MASKED_MAX) memo.clear();
  memo.set(text, result);
  return result;
}

function maskMessage(message: string): string {
  const parts = message.split('`');
  let changed = false;
  const out = parts.map((part, i) => {
    if (part.length < 9) return part;
    const words = maskWords(part);
    const inSpan = i % 2 === 1 && i < parts.length - 1;
    if (!words.masked && inSpan && secretInValue(part)) {
      changed = true;
      return maskValue(part);
    }
    if (words.masked) changed = true;
    return words.text;
  });
  return changed ? out.join('`') : message;
}

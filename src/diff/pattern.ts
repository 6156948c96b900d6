// Whether a replaced `pattern` accepts more, decided only where that is cheap and certain: the new one
// matches any string, or the two are the same sequence of atoms and differ only in anchors and in the
// ranges of their repetitions. Everything else is left undecided (a change, not a loosening).

export type PatternRelation =
  | { kind: 'loosened' | 'widened' | 'tightened'; why: string }
  | { kind: 'undecided' };

interface Atom {
  text: string;
  min: number;
  max: number;
  /** The quantifier's lazy `?`, which changes nothing about what matches but keeps the texts comparable. */
  lazy: boolean;
}

interface Parsed {
  start: boolean;
  end: boolean;
  atoms: Atom[];
}

const UNDECIDED: PatternRelation = { kind: 'undecided' };

export function compareRegex(base: string, head: string): PatternRelation {
  if (acceptsAnything(head) && !acceptsAnything(base)) {
    return { kind: 'loosened', why: 'the new pattern accepts any string' };
  }
  const b = parse(base);
  const h = parse(head);
  if (!b || !h || b.atoms.length !== h.atoms.length) return UNDECIDED;
  let wider = false;
  let narrower = false;
  let unbounded = false;
  let unanchored = false;
  for (const [i, ba] of b.atoms.entries()) {
    const ha = h.atoms[i]!;
    if (ba.text !== ha.text || ba.lazy !== ha.lazy) return UNDECIDED;
    if (ha.min < ba.min || ha.max > ba.max) wider = true;
    if (ha.min > ba.min || ha.max < ba.max) narrower = true;
    if (ha.max === Number.POSITIVE_INFINITY && ba.max !== Number.POSITIVE_INFINITY) unbounded = true;
  }
  for (const side of ['start', 'end'] as const) {
    if (b[side] && !h[side]) {
      wider = true;
      unanchored = true;
    }
    if (!b[side] && h[side]) narrower = true;
  }
  if (wider && narrower) return UNDECIDED;
  if (unanchored)
    return { kind: 'loosened', why: 'it is no longer anchored, so any text around a match is accepted' };
  if (unbounded) return { kind: 'loosened', why: 'a repetition lost its upper bound' };
  if (wider) return { kind: 'widened', why: 'repetitions allow more, still bounded' };
  if (narrower) return { kind: 'tightened', why: 'it accepts a subset of what it accepted' };
  return UNDECIDED;
}

/**
 * Unanchored and matching the empty string: found in every string (`.*`, `[a-z]*`, an empty pattern).
 * Patterns with anchors, word boundaries or lookarounds anywhere are not judged.
 */
function acceptsAnything(pattern: string): boolean {
  if (/[\^$]|\\[bB]|\(\?[=!<]/.test(pattern.replace(/\\[^bB]/g, ''))) return false;
  try {
    return new RegExp(pattern, 'u').test('');
  } catch {
    return false;
  }
}

/**
 * `^[a-z]{1,10}$` → anchors and atoms with their repetition ranges. Undefined where comparing by range
 * would not be sound or the text is not understood: lookarounds and back-references (a wider repetition
 * there can refuse more), alternation (its branches are not aligned), a repetition without an atom.
 */
function parse(pattern: string): Parsed | undefined {
  let text = pattern;
  const start = text.startsWith('^');
  if (start) text = text.slice(1);
  const end = text.endsWith('$') && !text.endsWith('\\$');
  if (end) text = text.slice(0, -1);
  const atoms: Atom[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    let token: string;
    if (ch === '\\') {
      if (/[1-9k]/.test(text[i + 1] ?? '')) return undefined; // a back-reference
      token = text.slice(i, i + 2);
    } else if (ch === '[') {
      let j = i + 1;
      if (text[j] === '^') j++;
      if (text[j] === ']') j++;
      while (j < text.length && text[j] !== ']') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return undefined;
      token = text.slice(i, j + 1);
    } else if (ch === '(') {
      if (text[i + 1] === '?' && text[i + 2] !== ':') return undefined; // lookaround or named group
      token = text[i + 1] === '?' ? '(?:' : '(';
    } else if (ch === '|' || ch === '^' || ch === '$') {
      return undefined;
    } else if ('*+?{'.includes(ch) && quantifier(text, i)) {
      return undefined; // a repetition of nothing
    } else {
      token = ch;
    }
    i += token.length;
    const q = quantifier(text, i);
    if (q && token !== '(' && token !== '(?:') {
      atoms.push({ text: token, min: q.min, max: q.max, lazy: q.lazy });
      i += q.length;
    } else {
      atoms.push({ text: token, min: 1, max: 1, lazy: false });
    }
  }
  return { start, end, atoms };
}

function quantifier(
  text: string,
  at: number,
): { min: number; max: number; lazy: boolean; length: number } | undefined {
  const m = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})(\??)/.exec(text.slice(at, at + 24));
  if (!m) return undefined;
  const [whole, symbol, low, comma, high, lazy] = m;
  let min: number;
  let max: number;
  if (symbol !== undefined) {
    min = symbol === '+' ? 1 : 0;
    max = symbol === '?' ? 1 : Number.POSITIVE_INFINITY;
  } else {
    min = Number(low);
    max = comma === undefined ? min : high === '' ? Number.POSITIVE_INFINITY : Number(high);
  }
  return { min, max, lazy: lazy === '?', length: whole.length };
}

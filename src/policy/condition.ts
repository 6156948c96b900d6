// Policy conditions: a small safe grammar, never eval.
//   condition  := comparison (("and" | "or") comparison)*      ("and" binds tighter)
//   comparison := field op literal       op: == != < <= > >= in
//   literal    := 'text' | "text" | number | true | false | [literal, ...]
export type Scalar = string | number | boolean;
export type Literal = Scalar | Scalar[];
type Op = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in';

interface Comparison {
  field: string;
  op: Op;
  value: Literal;
}

/** OR of ANDs. */
export type Condition = Comparison[][];

export class ConditionError extends Error {}

/** What a field holds, so a comparison that can never hold (`score == '40'`, `method == 'post'`) is an error. */
export interface FieldKind {
  type: 'string' | 'number' | 'boolean';
  /** The only values a string field takes. */
  values?: readonly string[];
}

const TOKEN =
  /\s*(?:(==|!=|<=|>=|<|>|&&|\|\||\[|\]|,)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)\b|([A-Za-z_][A-Za-z0-9_.]*))/y;

type Token = { kind: 'punct' | 'string' | 'number' | 'word'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < source.length) {
    if (/^\s*$/.test(source.slice(position))) break;
    TOKEN.lastIndex = position;
    const m = TOKEN.exec(source);
    if (!m)
      throw new ConditionError(
        `unexpected "${source.slice(position).trim().slice(0, 20)}" at character ${position + 1}`,
      );
    position = TOKEN.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'punct', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'string', text: m[2].replace(/\\(.)/g, '$1') });
    else if (m[3] !== undefined) tokens.push({ kind: 'string', text: m[3].replace(/\\(.)/g, '$1') });
    else if (m[4] !== undefined) tokens.push({ kind: 'number', text: m[4] });
    else tokens.push({ kind: 'word', text: m[5]! });
  }
  return tokens;
}

const OPS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in']);

/** A token as written, so a quoted `'and'` is not shown as the word `and`. */
function show(token: Token): string {
  return token.kind === 'string' ? `'${token.text}'` : token.text;
}

/** Punctuation only: a quoted `']'` or `','` inside a list is a value. */
function isPunct(token: Token | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}

/**
 * Parses and checks field names against `fields` (and values against `kinds`, when given); throws
 * ConditionError with a readable message.
 */
export function parseCondition(
  source: string,
  fields: readonly string[],
  kinds?: Readonly<Record<string, FieldKind>>,
): Condition {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (!t) throw new ConditionError('the condition ends too early');
    return t;
  };
  const literal = (): Literal => {
    const t = next();
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'word' && (t.text === 'true' || t.text === 'false')) return t.text === 'true';
    if (t.kind === 'punct' && t.text === '[') {
      const list: Scalar[] = [];
      while (!isPunct(peek(), ']')) {
        const item = literal();
        if (Array.isArray(item)) throw new ConditionError('lists cannot be nested');
        list.push(item);
        if (isPunct(peek(), ',')) i++;
        else if (!isPunct(peek(), ']')) throw new ConditionError('expected "," or "]" in a list');
      }
      i++;
      return list;
    }
    throw new ConditionError(
      `expected a value ('text', a number, true, false or a [list]), found "${t.text}"`,
    );
  };
  const comparison = (): Comparison => {
    const field = next();
    if (field.kind !== 'word') throw new ConditionError(`expected a field name, found "${field.text}"`);
    if (!fields.includes(field.text))
      throw new ConditionError(`unknown field "${field.text}"; known fields: ${fields.join(', ')}`);
    const op = next();
    // Quoted text is a value, never an operator or a joiner: `origin '==' 'x'` is not a condition.
    if (op.kind === 'string' || op.kind === 'number' || !OPS.has(op.text))
      throw new ConditionError(
        `expected one of == != < <= > >= in after "${field.text}", found "${show(op)}"`,
      );
    const value = literal();
    if ((op.text === 'in') !== Array.isArray(value)) {
      throw new ConditionError(op.text === 'in' ? '"in" needs a [list]' : `a [list] can only follow "in"`);
    }
    const kind = kinds && Object.hasOwn(kinds, field.text) ? kinds[field.text] : undefined;
    if (kind) checkKind(field.text, op.text, value, kind);
    return { field: field.text, op: op.text as Op, value };
  };
  const condition: Condition = [[comparison()]];
  while (i < tokens.length) {
    const token = next();
    const joiner = token.kind === 'string' || token.kind === 'number' ? '' : token.text;
    if (joiner === 'and' || joiner === '&&') condition[condition.length - 1]!.push(comparison());
    else if (joiner === 'or' || joiner === '||') condition.push([comparison()]);
    else throw new ConditionError(`expected "and" or "or", found "${show(token)}"`);
  }
  return condition;
}

function checkKind(field: string, op: string, value: Literal, kind: FieldKind): void {
  if (['<', '<=', '>', '>='].includes(op) && kind.type !== 'number')
    throw new ConditionError(`"${op}" compares numbers, and "${field}" is a ${kind.type}`);
  for (const v of Array.isArray(value) ? value : [value]) {
    if (typeof v !== kind.type)
      throw new ConditionError(`"${field}" is a ${kind.type}, so it never equals ${JSON.stringify(v)}`);
    if (kind.values && typeof v === 'string' && !kind.values.includes(v))
      throw new ConditionError(
        `"${field}" is one of ${kind.values.map((x) => `'${x}'`).join(', ')}, so it never equals '${v}'`,
      );
  }
}

/** A multi-valued fact (every declared origin) satisfies a comparison only if each value does. */
export type Facts = Record<string, Scalar | Scalar[] | Tags | undefined>;

/**
 * A set of tags (an endpoint's compliance tags): `== x` holds when `x` is one of them, `!= x` when it is
 * not, `in [..]` when one of them is listed. An endpoint without tags holds only `!=`.
 */
export interface Tags {
  tags: readonly string[];
}

export function evaluate(condition: Condition, facts: Facts): boolean {
  return condition.some((all) => all.every((c) => holds(c, facts[c.field])));
}

function holds(c: Comparison, fact: Scalar | Scalar[] | Tags | undefined): boolean {
  if (fact === undefined) return c.op === '!=';
  if (typeof fact === 'object' && !Array.isArray(fact)) {
    const listed = fact.tags.some((tag) => compare(tag, c.op === '!=' ? '==' : c.op, c.value));
    return c.op === '!=' ? !listed : listed;
  }
  const values = Array.isArray(fact) ? fact : [fact];
  return values.every((v) => compare(v, c.op, c.value));
}

function compare(actual: Scalar, op: Op, expected: Literal): boolean {
  if (op === 'in') return (expected as Scalar[]).some((e) => e === actual);
  const e = expected as Scalar;
  switch (op) {
    case '==':
      return actual === e;
    case '!=':
      return actual !== e;
    case '<':
      return typeof actual === 'number' && typeof e === 'number' && actual < e;
    case '<=':
      return typeof actual === 'number' && typeof e === 'number' && actual <= e;
    case '>':
      return typeof actual === 'number' && typeof e === 'number' && actual > e;
    case '>=':
      return typeof actual === 'number' && typeof e === 'number' && actual >= e;
  }
}

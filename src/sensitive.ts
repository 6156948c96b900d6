// Sensitive data: kinds recognised from property and parameter names, and secrets or PII recognised
// in literal values (examples, defaults, enums). Tuned against false positives: names must end in the
// sensitive word, known test values are ignored, random-looking strings need entropy and length.
import type { Schema } from './model.js';

export type DataKind =
  | 'credential'
  | 'payment-card'
  | 'government-id'
  | 'bank-account'
  | 'date-of-birth'
  | 'email'
  | 'phone'
  | 'address';

const NAME_RULES: [DataKind, RegExp][] = [
  ['credential', /(password|passwd|passphrase|secret|token|apikey|privatekey|sessionid|^pwd|^pin)$/],
  [
    'payment-card',
    /(cardnumber|creditcard|ccnumber|^pan|^cvv2?|^cvc2?|cardverificationvalue|cardsecuritycode)$/,
  ],
  [
    'government-id',
    /(^ssn|socialsecuritynumber|nationalid|nationalidnumber|passportnumber|^taxid|taxidentificationnumber|driverslicen[cs]e(number)?|nationalinsurancenumber)$/,
  ],
  ['bank-account', /(^iban|bankaccount(number)?|routingnumber|sortcode)$/],
  ['date-of-birth', /(^dob|dateofbirth|birthdate|birthday)$/],
  ['email', /email(address)?$/],
  ['phone', /(phone(number)?|mobile(number)?|^telephone|^msisdn)$/],
  ['address', /(^address|streetaddress|homeaddress|addressline\d?|postaladdress)$/],
];

/** `card_number`, `cardNumber`, `Card-Number` → `payment-card`. */
export function dataKindOfName(name: string): DataKind | undefined {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (
    normalized === '' ||
    /(url|uri|type|count|expiry|expiresat|expiresin|length|hint|required|enabled|format|policy)$/.test(
      normalized,
    )
  ) {
    return undefined;
  }
  for (const [kind, pattern] of NAME_RULES) if (pattern.test(normalized)) return kind;
  return undefined;
}

export interface NamedField {
  /** Dotted path from the schema root: `user.email`, `items[].card_number`. */
  path: string;
  kind: DataKind;
  schema: Schema;
}

/**
 * Sensitive properties reachable from a schema (each distinct schema visited once; cycles end).
 * `writeOnly` properties are skipped when `skipWriteOnly` (they never appear in responses).
 */
export function sensitiveFields(root: Schema | undefined, skipWriteOnly: boolean, limit = 200): NamedField[] {
  const out: NamedField[] = [];
  const seen = new Set<Schema>();
  const visit = (schema: Schema, path: string) => {
    if (seen.has(schema) || out.length >= limit) return;
    seen.add(schema);
    for (const [name, property] of Object.entries(schema.properties)) {
      if (skipWriteOnly && property.writeOnly) continue;
      const propertyPath = path === '' ? name : `${path}.${name}`;
      const kind = dataKindOfName(name);
      if (
        kind &&
        !(
          property.types?.length === 1 &&
          (property.types[0] === 'boolean' || property.types[0] === 'object' || property.types[0] === 'array')
        )
      ) {
        out.push({ path: propertyPath, kind, schema: property });
      }
      visit(property, propertyPath);
    }
    if (schema.items) visit(schema.items, `${path}[]`);
    if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties, `${path}.*`);
    for (const sub of [...schema.allOf, ...schema.oneOf, ...schema.anyOf]) visit(sub, path);
  };
  if (root) visit(root, '');
  return out;
}

export interface SecretMatch {
  kind: 'private-key' | 'cloud-key' | 'jwt' | 'payment-card' | 'ssn' | 'random-key';
  /** A redacted preview for messages: never print the secret itself. */
  preview: string;
}

const CLOUD_KEYS: [string, RegExp][] = [
  ['AWS access key id', /\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['GitHub token', /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/],
  ['Slack token', /\bxox[abposr]-[0-9A-Za-z-]{10,}\b/],
  ['Stripe live key', /\b[rs]k_live_[0-9A-Za-z]{20,}\b/],
];

/** Card numbers every payment provider publishes for testing: not a leak. */
const TEST_CARDS = new Set([
  '4111111111111111',
  '4242424242424242',
  '4012888888881881',
  '4000056655665556',
  '4000000000000002',
  '5555555555554444',
  '5105105105105100',
  '5200828282828210',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '3056930009020004',
  '36227206271667',
  '3566002020360505',
  '6200000000000005',
  '4917610000000000',
  '4462030000000000',
  '4444333322221111',
]);

function redact(value: string): string {
  return value.length <= 8 ? '****' : `${value.slice(0, 4)}…${value.slice(-2)} (${value.length} chars)`;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

function jwtLike(value: string): boolean {
  const parts = value.split('.');
  if (parts.length !== 3 || !parts[0]!.startsWith('eyJ')) return false;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null && 'alg' in header;
  } catch {
    return false;
  }
}

/** What a literal string from a document looks like, if it looks like a real secret or PII. */
export function secretInValue(value: string): SecretMatch | undefined {
  if (value.length < 9 || value.length > 20_000) return undefined;
  if (/-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----/.test(value)) {
    return { kind: 'private-key', preview: 'a PEM private key block' };
  }
  if (/example|dummy|placeholder|x{6,}|redacted/i.test(value)) return undefined;
  for (const [name, pattern] of CLOUD_KEYS) {
    const match = value.match(pattern);
    if (match) return { kind: 'cloud-key', preview: `${name} ${redact(match[0])}` };
  }
  for (const token of value.match(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g) ?? []) {
    if (jwtLike(token)) return { kind: 'jwt', preview: `a signed JWT ${redact(token)}` };
  }
  for (const candidate of value.match(/\b\d(?:[ -]?\d){12,18}\b/g) ?? []) {
    const digits = candidate.replace(/[ -]/g, '');
    if (
      digits.length >= 13 &&
      digits.length <= 19 &&
      /^[3-6]/.test(digits) &&
      luhn(digits) &&
      !TEST_CARDS.has(digits) &&
      !/^(\d)\1+$/.test(digits)
    ) {
      return { kind: 'payment-card', preview: `a Luhn-valid card number ${redact(digits)}` };
    }
  }
  const ssn = value.match(/\b(\d{3})-(\d{2})-(\d{4})\b/);
  if (
    ssn &&
    ssn[1] !== '000' &&
    ssn[1] !== '666' &&
    !ssn[1]!.startsWith('9') &&
    ssn[2] !== '00' &&
    ssn[3] !== '0000' &&
    ssn[0] !== '123-45-6789'
  ) {
    return { kind: 'ssn', preview: `a US social security number ${redact(ssn[0])}` };
  }
  for (const word of value.match(/[A-Za-z0-9+/_-]{32,}={0,2}/g) ?? []) {
    const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(word)).length;
    if (word.length <= 128 && classes === 3 && entropy(word) > 4.3 && !/^[0-9a-f-]+$/i.test(word)) {
      return { kind: 'random-key', preview: `a random-looking ${word.length}-character key ${redact(word)}` };
    }
  }
  return undefined;
}

/** Every string inside a literal (bounded: examples can be large). */
export function stringsIn(value: unknown, limit = 2000): string[] {
  const out: string[] = [];
  const stack: unknown[] = [value];
  let visited = 0;
  while (stack.length > 0 && visited++ < limit) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') stack.push(...Object.values(v));
  }
  return out;
}

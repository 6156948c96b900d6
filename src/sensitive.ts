// Sensitive data: kinds recognised from property and parameter names, and secrets or PII recognised
// in literal values (examples, defaults, enums). Tuned against false positives: names must end in the
// sensitive word, known test values are ignored, random-looking strings need entropy and length.
import type { Schema } from './model.js';
import { cachedWalk } from './util/cached-walk.js';

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
  // Routing numbers and sort codes name a bank branch (printed on every cheque, listed publicly): not sensitive.
  ['bank-account', /(^iban|bankaccount(number)?)$/],
  ['date-of-birth', /(^dob|dateofbirth|birthdate|birthday)$/],
  ['email', /email(address)?$/],
  ['phone', /(phone(number)?|mobile(number)?|^telephone|^msisdn)$/],
  ['address', /(^address|streetaddress|homeaddress|addressline\d?|postaladdress)$/],
];

/** `card_number`, `cardNumber`, `Card-Number` → `payment-card`. */
export function dataKindOfName(name: string): DataKind | undefined {
  // The same property names (`id`, `name`, `url`…) recur thousands of times in a large description.
  let kind = KIND_OF_NAME.get(name);
  if (kind === undefined) {
    kind = kindOfName(name) ?? null;
    if (KIND_OF_NAME.size >= 50_000) KIND_OF_NAME.clear();
    KIND_OF_NAME.set(name, kind);
  }
  return kind ?? undefined;
}

const KIND_OF_NAME = new Map<string, DataKind | null>();

function kindOfName(name: string): DataKind | undefined {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (
    normalized === '' ||
    /(url|uri|type|count|expiry|expiresat|expiresin|length|hint|required|enabled|format|policy)$/.test(
      normalized,
    ) ||
    // Pagination cursors (`pageToken`, AWS `NextToken`) and idempotency keys (`ClientToken`) are not credentials.
    // `versionToken` (an optimistic-concurrency tag) is no credential either.
    /(page|next|prev|previous|start|skip|continuation|pagination|sync|cursor|resume|idempotency|client|clientrequest|creation|version|etag)token$/.test(
      normalized,
    ) ||
    // Masked values (`maskedCardNumber`, `redactedEmail`) are what you show instead of the data.
    /^(masked|redacted|obfuscated|truncated)/.test(normalized) ||
    /(micro|head|ear|speaker)phone$/.test(normalized)
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
  /** The schema whose `properties` declares it: with `name`, which property this is wherever it is reached. */
  owner: Schema;
  /** The property's name in `owner`. */
  name: string;
}

/**
 * Sensitive properties reachable from a schema (each distinct schema visited once; cycles end).
 * `writeOnly` properties are skipped when `skipWriteOnly` (they never appear in responses).
 */
export function sensitiveFields(
  root: Schema | undefined,
  skipWriteOnly: boolean,
  limit = 200,
): readonly NamedField[] {
  if (!root) return NO_FIELDS;
  const cache = skipWriteOnly ? FIELD_CACHE.withoutWriteOnly : FIELD_CACHE.withWriteOnly;
  const fields = cachedWalk(root, cache, NO_FIELDS, (schema, visit) =>
    fieldsOf(schema, skipWriteOnly, visit),
  );
  // The remembered list itself (read-only) when it is within the limit, as it nearly always is (at most
  // `MAX_FIELDS`): no copy for each endpoint and response that shows a shared schema.
  return fields.length <= limit ? fields : fields.slice(0, limit);
}

/** Reachable sensitive fields per schema, computed once: shared components are walked once, not per endpoint. */
const FIELD_CACHE = {
  withWriteOnly: new WeakMap<Schema, NamedField[]>(),
  withoutWriteOnly: new WeakMap<Schema, NamedField[]>(),
};
const MAX_FIELDS = 200;

/** One schema's fields: its own properties' and, prefixed, those `visit` gives for what it contains. */
function fieldsOf(
  schema: Schema,
  skipWriteOnly: boolean,
  visit: (child: Schema) => NamedField[],
): NamedField[] {
  const out: NamedField[] = [];
  const add = (fields: NamedField[], prefix: string) => {
    for (const f of fields) {
      if (out.length >= MAX_FIELDS) return;
      out.push(prefix === '' ? f : { ...f, path: `${prefix}${f.path.startsWith('[') ? '' : '.'}${f.path}` });
    }
  };
  for (const name of Object.keys(schema.properties)) {
    const property = schema.properties[name] as Schema;
    if (skipWriteOnly && property.writeOnly) continue;
    const kind = propertyKind(name, property);
    if (kind && out.length < MAX_FIELDS)
      out.push({ path: name, kind, schema: property, owner: schema, name });
    add(visit(property), name);
  }
  if (schema.items) add(visit(schema.items), '[]');
  if (typeof schema.additionalProperties === 'object') add(visit(schema.additionalProperties), '*');
  for (const sub of schema.allOf) add(visit(sub), '');
  for (const sub of returnedBranches(schema.oneOf)) add(visit(sub), '');
  for (const sub of returnedBranches(schema.anyOf)) add(visit(sub), '');
  // Dedupe: the same property reached through allOf and directly is one field. Most schemas have none.
  return out.length === 0 ? NO_FIELDS : [...new Map(out.map((f) => [f.path, f])).values()];
}

const NO_FIELDS: NamedField[] = [];

/**
 * The branches of a `oneOf`/`anyOf` whose data a response holds as returned. Beside a plain string branch
 * (an id), an object branch is the expanded form of a reference (Stripe's `anyOf: [string, $ref]`
 * expandable objects): the response holds the id unless the client asks for the object, so what the
 * object holds is not returned by default.
 */
function returnedBranches(branches: Schema[]): Schema[] {
  if (branches.length < 2 || !branches.some(plainString)) return branches;
  return branches.filter((b) => !holdsData(b));
}

function plainString(schema: Schema): boolean {
  return (
    schema.types?.length === 1 &&
    schema.types[0] === 'string' &&
    Object.keys(schema.properties).length === 0 &&
    schema.allOf.length + schema.oneOf.length + schema.anyOf.length === 0
  );
}

/** An object, array or flag: a schema that holds data (or says yes/no), not a value that is the data. */
function holdsData(schema: Schema): boolean {
  const types = (schema.types ?? []).filter((t) => t !== 'null');
  if (types.length > 0) return types.every((t) => t === 'boolean' || t === 'object' || t === 'array');
  if (Object.keys(schema.properties).length > 0 || schema.items) return true;
  const branches = [...schema.allOf, ...schema.oneOf, ...schema.anyOf];
  return branches.length > 0 && branches.some(holdsData) && !branches.some(valueSchema);
}

/** A schema that is a scalar value: a string, number or integer type. */
function valueSchema(schema: Schema): boolean {
  return (schema.types ?? []).some((t) => t === 'string' || t === 'number' || t === 'integer');
}

/**
 * What a description says a secret-named field holds when it is not the secret: its name, id, reference or
 * location (`name of the secret`, `The ID of the API key`, `reference to a secret in the same namespace`).
 */
const REFERENCE_DESCRIPTION =
  /\b(name|id|identifier|arn|reference|path|location|version|key id|selector)\s+(of|to|for)\s+(the|a|an)\b[^.]{0,30}\b(secret|token|key|password|credential)s?\b/i;

/** Formats no secret, card or id value has (`date-time`, `uuid` names an object, `uri` a location). */
const NOT_DATA_FORMATS = new Set([
  'date',
  'date-time',
  'time',
  'uuid',
  'uri',
  'url',
  'uri-reference',
  'duration',
]);

/**
 * The kind a property's name gives it, checked against what its schema says it is: a container
 * (`password: { type: object }`, Kubernetes `secret: { name }`) holds the data, it is not it; a flag
 * (`pin: boolean`), a date or a uuid are not the data either, and a credential-named field whose
 * description says it is the secret's name, id or reference is a pointer to the secret.
 */
function propertyKind(name: string, property: Schema): DataKind | undefined {
  // The name first: it is remembered, and most names are no kind, so most properties stop here.
  const kind = dataKindOfName(name);
  if (!kind || holdsData(property)) return undefined;
  if (NOT_DATA_FORMATS.has(property.format ?? '')) return undefined;
  if (kind === 'credential' && property.format !== 'password' && referenceDescription(property.description))
    return undefined;
  return kind;
}

function referenceDescription(description: string | undefined): boolean {
  return description !== undefined && REFERENCE_DESCRIPTION.test(description.slice(0, 300));
}

/**
 * The kinds of sensitive data reachable from a schema: the kinds of `sensitiveFields(root, false)` without
 * building their paths (an endpoint's data types need only the kinds; computed once per schema).
 */
export function sensitiveKinds(root: Schema | undefined): ReadonlySet<DataKind> {
  return root ? cachedWalk(root, KIND_CACHE, NO_KINDS, kindsOf) : NO_KINDS;
}

const KIND_CACHE = new WeakMap<Schema, ReadonlySet<DataKind>>();
const NO_KINDS: ReadonlySet<DataKind> = new Set();

function kindsOf(schema: Schema, visit: (child: Schema) => ReadonlySet<DataKind>): ReadonlySet<DataKind> {
  // Most schemas hold none: their result is the shared empty set, not a new one.
  let kinds: Set<DataKind> | undefined;
  const addKind = (kind: DataKind) => {
    kinds ??= new Set();
    kinds.add(kind);
  };
  const add = (more: ReadonlySet<DataKind>) => {
    for (const k of more) addKind(k);
  };
  for (const name of Object.keys(schema.properties)) {
    const property = schema.properties[name] as Schema;
    const kind = propertyKind(name, property);
    if (kind) addKind(kind);
    add(visit(property));
  }
  if (schema.items) add(visit(schema.items));
  if (typeof schema.additionalProperties === 'object') add(visit(schema.additionalProperties));
  for (const sub of schema.allOf) add(visit(sub));
  for (const sub of returnedBranches(schema.oneOf)) add(visit(sub));
  for (const sub of returnedBranches(schema.anyOf)) add(visit(sub));
  return kinds ?? NO_KINDS;
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
  '378734493671000',
  '3530111333300000',
  '30569309025904',
  '38520000023237',
  '4166676667666746',
  '5577000055770004',
  '3600666633336666',
  '6011601160116611',
  '3569990010095841',
  // Adyen's test cards (its documentation and examples: Mastercard, Visa, Amex).
  '5555341244441115',
  '4111111145551142',
  '370000000000002',
]);

/** SSNs printed in advertising and documentation for decades (078-05-1120 came in wallets): not a leak. */
const SAMPLE_SSNS = new Set(['123-45-6789', '078-05-1120', '219-09-9999', '111-22-1234', '111-22-3333']);

/**
 * Values vendors publish as the example of a secret, copied into countless READMEs and tests: GitHub's
 * encrypted secret value (`2Sg8…1234`), the bot token of Slack's `oauth.v2.access` documentation.
 */
const DOCUMENTED_SAMPLES = [
  /2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r\+dB7TJy\w*1234/,
  /xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy/,
];

/** The token GitHub's own documentation shows (`ghp_`, `ghu_`, `ghs_`… prefixes). */
const SAMPLE_KEY = /16C7e42F292c6912E7710c838347Ae178B4a$/;

/**
 * Prefixed object ids (`dpl_2euZBFqxYdDMDG1jTrHFnNZ2eUVa`, `prj_…`, `cus_…`): a short type prefix, then
 * random characters. Prefixes that name a secret (`whsec_`, `sk_`, `pat_`, `token_`…) do not count.
 */
const TYPED_ID =
  /^(?!(sk|rk|whsec|pat|glpat|shpat|shpss|npm|key|secret|token|tok|api|apikey|access|refresh|sess|session|priv|private|auth|pwd|pass)_)[a-z]{2,8}_[A-Za-z0-9]{16,}$/;

/** Words that mark a value as made up. */
const PLACEHOLDER = /example|dummy|placeholder|x{6,}|redacted/i;

/**
 * The matches of `/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g`, found in one pass: that
 * expression scans from every `eyJ` to the end of its run of characters, quadratic on `eyJeyJeyJ…`
 * (seconds at 20,000 characters). Each part can only end where its run ends, so a start that fails makes
 * every later `eyJ` in the same run fail too: the scan goes on after the run.
 */
export function jwtMatches(value: string): { index: number; token: string }[] {
  const out: { index: number; token: string }[] = [];
  const runEnd = (from: number) => {
    let i = from;
    while (i < value.length && JWT_CHAR.test(value[i]!)) i++;
    return i;
  };
  let from = 0;
  for (;;) {
    const start = value.indexOf('eyJ', from);
    if (start < 0) return out;
    const first = runEnd(start + 3);
    from = first;
    if (first - (start + 3) < 8 || value[first] !== '.' || !value.startsWith('eyJ', first + 1)) continue;
    const second = runEnd(first + 4);
    if (second - (first + 4) < 8 || value[second] !== '.') continue;
    const third = runEnd(second + 1);
    if (third - (second + 1) < 8) continue;
    out.push({ index: start, token: value.slice(start, third) });
    from = third;
  }
}

const JWT_CHAR = /[A-Za-z0-9_-]/;

/** `value` with every JWT (`jwtMatches`) replaced by a space. */
function withoutJwts(value: string): string {
  let out = '';
  let last = 0;
  for (const { index, token } of jwtMatches(value)) {
    out += `${value.slice(last, index)} `;
    last = index + token.length;
  }
  return last === 0 ? value : out + value.slice(last);
}

/** PEM blocks other than private keys (certificates, public keys) and SSH public keys. */
const PUBLIC_MATERIAL =
  /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)|\b(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]+/g;

/** Base64 that starts like a file (PNG, JPEG, GIF, PDF, ZIP, WebP, XML, SVG): content, not a key. */
const BASE64_FILE = /^(iVBORw0KGgo|\/9j\/|R0lGOD|JVBERi0|UEsDB|UklGR|PD94bW|PHN2Zy)/;

/** `sha256-…` (subresource integrity), `sha-256=…` (Digest), `md5:…`: a checksum follows. */
const DIGEST_PREFIX = /(sha-?(1|224|256|384|512)|md5)[-=:]$/i;

function redact(value: string): string {
  return value.length <= 8 ? '****' : `${value.slice(0, 4)}...${value.slice(-2)} (${value.length} chars)`;
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

/**
 * Issuer prefix and length of a major card network: Visa (16, 19; 13-digit cards are retired, and
 * 13-digit numbers starting with 4 are mostly EAN-13 barcodes), Mastercard, Amex, Discover, Diners,
 * JCB, UnionPay.
 */
function cardNetwork(digits: string): boolean {
  const n = digits.length;
  const prefix = (k: number) => Number(digits.slice(0, k));
  if (digits[0] === '4') return n === 16 || n === 19;
  if ((prefix(2) >= 51 && prefix(2) <= 55) || (prefix(4) >= 2221 && prefix(4) <= 2720)) return n === 16;
  if (prefix(2) === 34 || prefix(2) === 37) return n === 15;
  if (prefix(4) === 6011 || prefix(2) === 65 || (prefix(3) >= 644 && prefix(3) <= 649) || prefix(2) === 62)
    return n >= 16 && n <= 19;
  if ((prefix(3) >= 300 && prefix(3) <= 305) || prefix(2) === 36 || prefix(2) === 38 || prefix(2) === 39)
    return n >= 14 && n <= 19;
  if (prefix(4) >= 3528 && prefix(4) <= 3589) return n >= 16 && n <= 19;
  return false;
}

/** Written as one run of digits, or in the groups cards are printed in (4-4-4-4[-3], Amex 4-6-5, Diners 4-6-4). */
function cardLayout(candidate: string): boolean {
  return (
    !/[ -]/.test(candidate) || /^(\d{4}([ -]\d{4}){3}([ -]\d{3})?|\d{4}[ -]\d{6}[ -]\d{4,5})$/.test(candidate)
  );
}

function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/**
 * Mean length of the words in `ProductHero2024` or `projects/my-project-123`: identifiers, paths and
 * camelCase names are made of words (4 and more), random keys of 1–3 character runs.
 */
function wordiness(value: string): number {
  const words = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? [];
  return words.reduce((sum, w) => sum + w.length, 0) / Math.max(1, words.length);
}

/** The text a base64 word encodes, when it is printable text (a cursor, `Type:id`), not random bytes. */
function base64Text(word: string): string | undefined {
  const text = Buffer.from(word, /[-_]/.test(word) ? 'base64url' : 'base64').toString('latin1');
  return text.length > 0 && /^[\x20-\x7e\t\r\n]+$/.test(text) ? text : undefined;
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A JWT whose header decodes to `{ "alg": … }`, whose claims are not the jwt.io sample or example data, and
 * which has not expired: a token whose `exp` is past opens nothing (a CI job's OIDC token pasted into the
 * docs years ago). Judged against the clock, so a token still valid today is reported until it expires.
 */
function realJwt(token: string, now = Date.now()): boolean {
  const [header, payload] = token.split('.');
  const alg = decodeJson(header!);
  if (!alg || !('alg' in alg)) return false;
  const claims = decodeJson(payload!);
  if (claims && typeof claims.exp === 'number' && claims.exp * 1000 < now) return false;
  return !(claims && (claims.sub === '1234567890' || PLACEHOLDER.test(JSON.stringify(claims))));
}

/** A PEM private key block with a body: `-----BEGIN PRIVATE KEY-----\n...\n` in docs is not a key. */
function privateKeyBlock(value: string): boolean {
  const pem = value.match(
    /-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----([\s\S]*?)(-----END|$)/,
  );
  if (!pem) return false;
  const body = pem[4]!.replace(/^[A-Za-z-]+:.*$/gm, ''); // `Proc-Type:` / `Version:` header lines
  return (body.match(/[A-Za-z0-9+/=]/g) ?? []).length >= 64 && !PLACEHOLDER.test(body);
}

/** What every secret but a random key starts with or contains: a PEM line, a cloud key prefix, a JWT
 * header, a run of 13+ digits or an SSN. */
const MARKED =
  /-----BEGIN|ssh-|ecdsa-|AKIA|ASIA|AGPA|AIDA|AROA|ANPA|AIza|gh[pousr]_|github_pat_|xox[abposr]-|[rs]k_live_|eyJ|\d(?:[ -]?\d){12}|\d{3}-\d{2}-\d{4}/;

/** `[A-Za-z0-9+/_-]` by character code (ASCII only). */
const KEY_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-')
  KEY_CHAR[c.charCodeAt(0)] = 1;

/**
 * `/[A-Za-z0-9+/_-]{32}/.test(text)`, in one pass: the regex tries 32 characters from every position,
 * and messages and examples are full of long paths and ids (a third of them pass), so it was most of the
 * cost of masking a scan's hundred thousand messages.
 */
function hasLongWord(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && KEY_CHAR[c] === 1) {
      if (++run >= 32) return true;
    } else run = 0;
  }
  return false;
}

/**
 * A marker or a 32-character word: what every secret below holds. One scan rules out the ordinary strings
 * (most of them) before the dozen specific patterns run; the tests run the long way as well and compare.
 * False when no part of `text` can be a secret: the quick rejection `secretInValue` starts with.
 */
export function mayHoldSecret(text: string): boolean {
  return MARKED.test(text) || hasLongWord(text);
}

/** What a literal string from a document looks like, if it looks like a real secret or PII. */
export function secretInValue(value: string): SecretMatch | undefined {
  if (value.length < 9 || value.length > 20_000) return undefined;
  // Shared examples reach the check once per endpoint that shows them, and base and head repeat each other.
  const known = SECRET_CACHE.get(value);
  if (known !== undefined) return known ?? undefined;
  const marked = MARKED.test(value);
  const match = marked || hasLongWord(value) ? findSecret(value, 0, marked) : undefined;
  if (SECRET_CACHE.size >= 100_000) SECRET_CACHE.clear();
  // V8 hashes a string of more than 16,383 characters by its length: long keys of one length would collide.
  if (value.length <= 16_383) SECRET_CACHE.set(value, match ?? null);
  return match;
}

const SECRET_CACHE = new Map<string, SecretMatch | null>();

/** `secretInValue` without the quick rejection (for tests that prove the rejection loses nothing). */
export function secretInValueThoroughly(value: string): SecretMatch | undefined {
  return findSecret(value, 0, true);
}

/**
 * `marked`: the value holds one of `MARKED`'s markers. Without one, only a random-looking word can be
 * there: most strings that pass the quick rejection are URLs and ids, and go straight to that test.
 */
function findSecret(value: string, depth: number, marked: boolean): SecretMatch | undefined {
  if (value.length < 9 || value.length > 20_000) return undefined;
  if (marked && privateKeyBlock(value)) return { kind: 'private-key', preview: 'a PEM private key block' };
  if (PLACEHOLDER.test(value) || DOCUMENTED_SAMPLES.some((sample) => sample.test(value))) return undefined;
  if (marked) {
    const found = markedSecret(value);
    if (found) return found;
    // A sample JWT is judged as a JWT, not as three random keys; public keys and certificates are not secret.
    value = withoutJwts(value).replace(PUBLIC_MATERIAL, ' ');
  }
  return randomKey(value, depth);
}

/** The secrets that start with or contain a marker: cloud keys, signed JWTs, card numbers, SSNs. */
function markedSecret(value: string): SecretMatch | undefined {
  for (const [name, pattern] of CLOUD_KEYS) {
    const match = value.match(pattern);
    if (match && !SAMPLE_KEY.test(match[0]))
      return { kind: 'cloud-key', preview: `${name} ${redact(match[0])}` };
  }
  for (const { token } of jwtMatches(value)) {
    if (realJwt(token)) return { kind: 'jwt', preview: `a signed JWT ${redact(token)}` };
  }
  // Not after `+` (an E.164 phone number) or inside a longer number.
  for (const candidate of value.match(/(?<![+\d])\b\d(?:[ -]?\d){12,18}\b/g) ?? []) {
    const digits = candidate.replace(/[ -]/g, '');
    if (
      cardLayout(candidate) &&
      cardNetwork(digits) &&
      luhn(digits) &&
      !TEST_CARDS.has(digits) &&
      new Set(digits).size > 3 && // `4444444444444448`, `5555 5555 5555 4444`: typed, not issued
      !/0{5}/.test(digits) && // Stripe's and Adyen's test cards (4000000000000077, 4100000000000019…)
      !/1234567890/.test(digits) // typed counting (Adyen's example 5212345678901234)
    ) {
      return { kind: 'payment-card', preview: `a Luhn-valid card number ${redact(digits)}` };
    }
  }
  // Not a part of a longer identifier (`ORD-123-45-6789-A`).
  for (const ssn of value.matchAll(/(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w-])/g)) {
    if (
      ssn[1] !== '000' &&
      ssn[1] !== '666' &&
      !ssn[1]!.startsWith('9') &&
      ssn[2] !== '00' &&
      ssn[3] !== '0000' &&
      !SAMPLE_SSNS.has(ssn[0]) &&
      !/^(\d)\1\1-\1\1-\1\1\1\1$/.test(ssn[0])
    ) {
      return { kind: 'ssn', preview: `a US social security number ${redact(ssn[0])}` };
    }
  }
  return undefined;
}

/**
 * Password hashes in modular crypt format (`$argon2id$v=19$m=…$salt$hash`, bcrypt `$2b$10$…`, sha-crypt
 * `$6$salt$hash`): a salted one-way digest, what a server stores instead of the password, not a key.
 */
const CRYPT_HASH =
  /\$(argon2(?:id|i|d)|2[abxy]?|[156]|scrypt|pbkdf2(?:-sha\d+)?|7|y|gy)\$[A-Za-z0-9+/.=,$-]+/g;

/**
 * Base64 broken into lines (`\n`, or the two characters `\\n` of a JSON string printed twice): a file's
 * content (GitHub's contents API), decoded. Undefined unless it decodes to text: at least 90 % printable
 * characters (random bytes are about 38 % printable, so no key passes), a line or two mangled allowed.
 */
function base64Lines(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/]{20,}={0,2}(?:(?:\r?\n|\\n)[A-Za-z0-9+/]+={0,2})+(?:\r?\n|\\n)?$/.test(trimmed))
    return undefined;
  const bytes = Buffer.from(trimmed.replace(/\r?\n|\\n/g, ''), 'base64').toString('latin1');
  const printable = bytes.match(/[\x20-\x7e\t\r\n]/g)?.length ?? 0;
  return bytes.length > 0 && printable / bytes.length >= 0.9 ? bytes : undefined;
}

/**
 * A DER-encoded ECDSA or DSA signature (`MEQCIE…`, `MEYCIQ…`: a SEQUENCE of exactly the two INTEGERs r and
 * s), bare or after the 4-byte key hint of a signed note (C2SP signed-note: Go's checksum database,
 * Sigstore's Rekor checkpoints). A signature is published by design; a key in DER holds more than r and s.
 */
function derSignature(word: string): boolean {
  const bytes = Buffer.from(word, 'base64');
  return [0, 4].some((at) => {
    if (bytes[at] !== 0x30 || bytes[at + 1] !== bytes.length - at - 2 || bytes[at + 2] !== 0x02) return false;
    const r = bytes[at + 3]!;
    return bytes[at + 4 + r] === 0x02 && at + 4 + r + 2 + bytes[at + 5 + r]! === bytes.length;
  });
}

/**
 * A signed URL's query past its expiry (Azure SAS `se=`, S3 and CloudFront `Expires=`, S3 v4 and GCS
 * `X-Amz-Date` + `X-Amz-Expires`, `X-Goog-…`): the signature cannot be moved to another expiry, so it opens
 * nothing any more. Judged against the clock, like a JWT's `exp`.
 */
function expiredSignedQuery(query: string, now = Date.now()): boolean {
  const params = new URLSearchParams(query);
  const se = params.get('se');
  if (se && Date.parse(se) < now) return true;
  const expires = params.get('Expires');
  if (expires && /^\d{9,11}$/.test(expires) && Number(expires) * 1000 < now) return true;
  return ['X-Amz', 'X-Goog'].some((vendor) => {
    const date = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(params.get(`${vendor}-Date`) ?? '');
    const ttl = params.get(`${vendor}-Expires`) ?? '';
    if (!date || !/^\d{1,7}$/.test(ttl)) return false;
    const [, y, mo, d, h, mi, sec] = date.map(Number) as number[];
    return Date.UTC(y!, mo! - 1, d!, h!, mi!, sec!) + Number(ttl) * 1000 < now;
  });
}

function randomKey(value: string, depth: number): SecretMatch | undefined {
  // File content in base64 lines is judged by the text it encodes, not line by line as keys.
  const content = base64Lines(value);
  if (content !== undefined) return depth < 2 ? findSecret(content, depth + 1, true) : undefined;
  // An escaped line break (`\n` printed as two characters) separates words: its `n` starts no key.
  value = value.replace(CRYPT_HASH, ' ').replace(/\\[nrt]/g, ' ');
  // A signed URL past its expiry: its query (the signature) opens nothing.
  value = value.replace(/(\bhttps?:\/\/[^\s"'<>?#]*)\?([^\s"'<>#]*)/gi, (url, base: string, query: string) =>
    expiredSignedQuery(query) ? base : url,
  );
  // Hex runs and UUIDs (commit shas, object ids, Azure subscription ids) are ids, not keys: a path or URL made
  // of words and ids is not judged as one long random-looking word.
  value = value.replace(/(?<![A-Za-z0-9])[0-9A-Fa-f]{8,}(-[0-9A-Fa-f]{4,})*(?![A-Za-z0-9])/g, ' ');
  // In a URL, each path segment is judged on its own (`/v1/tracks/2takcwOaAZWiXQijPHIx7B` is an id in a path).
  value = value.replace(/\b(https?|wss?):\/\/[^\s"'<>?#]*/gi, (url) => url.replace(/\//g, ' '));
  for (const found of value.matchAll(/[A-Za-z0-9+/_-]{32,}={0,2}/g)) {
    const word = found[0];
    const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(word)).length;
    if (
      word.length > 128 ||
      classes < 3 ||
      entropy(word) <= 4.3 ||
      /^[0-9a-f-]+$/i.test(word) ||
      BASE64_FILE.test(word) ||
      /^(pk_(live|test)|[rs]k_test)_/.test(word) || // Stripe publishable and test-mode keys
      TYPED_ID.test(word) ||
      DIGEST_PREFIX.test(value.slice(Math.max(0, found.index - 8), found.index)) || // `sha-512=`: 8 at most
      /^(sha-?(1|224|256|384|512)|md5)-/i.test(word) ||
      wordiness(word) >= 3.5 ||
      derSignature(word)
    ) {
      continue;
    }
    // Base64 of text (a JSON cursor, a GraphQL `Type:id`) is judged by the text it encodes.
    const text = base64Text(word);
    if (text !== undefined) {
      const inner = depth < 2 ? findSecret(text, depth + 1, true) : undefined;
      if (inner) return inner;
      continue;
    }
    return { kind: 'random-key', preview: `a random-looking ${word.length}-character key ${redact(word)}` };
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
    // Pushed one by one: spreading a long array into push() overflows the call's argument limit.
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (v !== null && typeof v === 'object') for (const item of Object.values(v)) stack.push(item);
  }
  return out;
}

// The values a caller sends: parameters and request-body fields, flattened with readable paths.
import type { Endpoint, Loc, Schema } from '../model.js';
import { unwrapAnnotated } from '../normalize/schema.js';
import { bracketSpans } from '../util/braces.js';

export interface InputField {
  /** `query limit`, `body payment.card.number`. */
  path: string;
  name: string;
  schema: Schema;
  loc: Loc;
  /** A body field's declaring object (its place is the property's: `owner/properties/name`); none for parameters. */
  owner?: Schema;
}

const MAX_FIELDS = 500;

/**
 * Per endpoint, computed once for the checks that read it (a body can have hundreds of fields), and
 * forgotten when a version's checks are done (`forgetInputFields`): kept, they were a copy of each
 * endpoint's body properties for as long as its model lived (400,000 on Microsoft Graph beta).
 */
let FIELDS = new WeakMap<Endpoint, InputField[]>();

/** Drops the fields computed so far (the next read computes them again, the same). */
export function forgetInputFields(): void {
  FIELDS = new WeakMap();
}

export function inputFields(endpoint: Endpoint): InputField[] {
  let fields = FIELDS.get(endpoint);
  if (!fields) {
    fields = collectInputFields(endpoint);
    FIELDS.set(endpoint, fields);
  }
  return fields;
}

function collectInputFields(endpoint: Endpoint): InputField[] {
  const out: InputField[] = [];
  for (const p of endpoint.parameters) {
    if (p.schema)
      out.push({ path: `${p.in} parameter \`${p.name}\``, name: p.name, schema: p.schema, loc: p.loc });
  }
  const seen = new Set<Schema>();
  const visit = (schema: Schema, path: string) => {
    if (seen.has(schema) || out.length >= MAX_FIELDS) return;
    seen.add(schema);
    for (const [name, property] of Object.entries(schema.properties)) {
      if (property.readOnly) continue; // never sent by clients
      const propertyPath = path === '' ? name : `${path}.${name}`;
      out.push({
        path: `body field \`${propertyPath}\``,
        name,
        schema: property,
        loc: property.loc,
        owner: schema,
      });
      visit(property, propertyPath);
    }
    if (schema.items) visit(schema.items, `${path}[]`);
    for (const sub of [...schema.allOf, ...schema.oneOf, ...schema.anyOf]) visit(sub, path);
  };
  for (const media of endpoint.requestBody?.content ?? []) if (media.schema) visit(media.schema, '');
  return out;
}

/** Formats whose values have a bounded size by definition. */
const BOUNDED_FORMATS = new Set([
  'uuid',
  'date',
  'date-time',
  'time',
  'email',
  'ipv4',
  'ipv6',
  'int32',
  'int64',
  'byte-size',
  'duration',
  'hostname',
]);

/** What is unbounded about a leaf input, or undefined if it is bounded (or not a leaf). */
export function unboundedAspect(annotated: Schema): string | undefined {
  const schema = unwrapAnnotated(annotated); // `{ allOf: [{ $ref: Name }], description }` is Name
  if (schema.enum) return undefined;
  const types = schema.types ?? [];
  if (
    types.includes('string') &&
    schema.maxLength === undefined &&
    !BOUNDED_FORMATS.has(schema.format ?? '') &&
    !anchoredPattern(schema.pattern)
  ) {
    return 'string without maxLength';
  }
  if (types.includes('array') && schema.maxItems === undefined) return 'array without maxItems';
  if (
    (types.includes('integer') || types.includes('number')) &&
    schema.maximum === undefined &&
    schema.format !== 'int32'
  ) {
    return `${types.includes('integer') ? 'integer' : 'number'} without maximum`;
  }
  return undefined;
}

/** `^[a-z]{1,20}$` and `^\+[1-9]\d{1,14}$` bound the length; `^tok_` and `^\d+$` do not. */
function anchoredPattern(pattern: string | undefined): boolean {
  if (pattern?.startsWith('^') !== true || !pattern.endsWith('$')) return false;
  // Escaped characters (`\+`) and character classes (`[+*]`) are literals, not repetition.
  const unescaped = pattern.replace(/\\./g, '');
  // Not `/\[[^\]]*\]/g`: quadratic on a pattern of unclosed `[`.
  let operators = '';
  let last = 0;
  for (const span of bracketSpans(unescaped)) {
    operators += unescaped.slice(last, span.start);
    last = span.end;
  }
  operators += unescaped.slice(last);
  return !/[*+]|\{\d+,\}/.test(operators);
}

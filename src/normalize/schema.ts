// JSON Schema (OpenAPI 2.0 / 3.0 / 3.1 dialects) → the model's `Schema`.
// One `Schema` per raw schema object, memoised, so shared `$ref`s stay shared and cycles terminate.
import { child, type DocumentSet, type Node, refOf } from '../load/documents.js';
import type { Loc, Schema, SchemaType } from '../model.js';
import { pushAll } from '../util/arrays.js';
import type { UnchangedInputs } from './unchanged.js';
import { isObj, num, type Obj, setOwn, str, strings } from './values.js';

const SCHEMA_TYPES = new Set<string>(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);
const MAX_DEPTH = 256;

/** A base version's view of its head: schemas whose input is unchanged are taken from the head's reader. */
export interface HeadSchemas {
  /** This version's root file: only its `#/…` refs are compared with the head's. */
  rootFile: string;
  inputs: UnchangedInputs;
  reader: SchemaReader;
}

export class SchemaReader {
  private readonly memo = new Map<object, Schema>();

  constructor(
    private readonly docs: DocumentSet,
    private readonly head?: HeadSchemas,
  ) {}

  read(node: Node, depth = 0): Schema | undefined {
    const ref = refOf(node.value);
    if (ref?.startsWith('#') && this.head && node.loc.file === this.head.rootFile) {
      const headRaw = this.head.inputs.unchangedTarget(ref);
      const known = isObj(headRaw) ? this.head.reader.memo.get(headRaw) : undefined;
      if (known) return known;
    }
    const target = this.docs.deref(node);
    if (!target || !isObj(target.value)) return undefined;
    const raw = target.value;
    const known = this.memo.get(raw);
    if (known) return known;
    const keywords = new Keywords(raw);
    const schema = emptySchema(target.loc, NO_ITEMS, NO_PROPERTIES);
    schema.required = shared(strings(keywords.required));
    schema.examples = shared(examplesOf(keywords));
    if (ref !== undefined) schema.refName = ref.slice(ref.lastIndexOf('/') + 1);
    this.memo.set(raw, schema);
    if (depth > MAX_DEPTH) {
      this.docs.problem(
        'invalid',
        `schema nesting is deeper than ${MAX_DEPTH} levels; the rest was not read`,
        target.loc,
      );
      return schema;
    }
    fillScalars(schema, keywords);
    const sub = (key: string): Schema | undefined => this.read(child(target, key), depth + 1);
    const subs = (key: string, list: unknown): Schema[] =>
      Array.isArray(list) && list.length > 0
        ? list
            .map((_, i) => this.read(child(child(target, key), i), depth + 1))
            .filter((s): s is Schema => s !== undefined)
        : [];
    if (isObj(keywords.properties)) {
      const properties = child(target, 'properties');
      const read: Record<string, Schema> = {};
      for (const name of Object.keys(keywords.properties)) {
        const property = this.read(child(properties, name), depth + 1);
        if (property) setOwn(read, name, property);
      }
      if (!isEmpty(read)) schema.properties = read;
    }
    const additional = keywords.additionalProperties;
    if (additional === false || additional === true) {
      schema.additionalProperties = additional;
    } else if (isObj(additional)) {
      schema.additionalProperties = sub('additionalProperties') ?? true;
    }
    if (isObj(keywords.items)) schema.items = sub('items');
    schema.allOf = shared(subs('allOf', keywords.allOf));
    schema.oneOf = shared(subs('oneOf', keywords.oneOf));
    schema.anyOf = shared(subs('anyOf', keywords.anyOf));
    return schema;
  }
}

/**
 * One frozen empty list and property map for every schema read that has none: most schemas have no
 * `allOf`, `oneOf`, `anyOf`, `required`, examples or properties, and five empty lists and a map each
 * were 20 MB of Microsoft Graph beta's 98,000 schemas. Frozen: a write to them throws rather than
 * reaching every schema. (`emptySchema` still gives a schema lists of its own, to fill.)
 */
const NO_ITEMS: never[] = Object.freeze([]) as never[];
const NO_PROPERTIES: Record<string, Schema> = Object.freeze({}) as Record<string, Schema>;

function shared<T>(list: T[]): T[] {
  return list.length === 0 ? NO_ITEMS : list;
}

function isEmpty(properties: Record<string, Schema>): boolean {
  for (const _ in properties) return false;
  return true;
}

/**
 * A schema with every field present, always in the same order: the checks read schemas at hot sites, and
 * objects of one shape keep those reads fast (optional fields added one by one made dozens of shapes).
 * Its lists and property map are its own, to fill, unless it is given the shared empty ones (a schema read
 * replaces those it has members for).
 */
export function emptySchema(loc: Loc, items?: never[], properties?: Record<string, Schema>): Schema {
  return {
    loc,
    refName: undefined,
    types: undefined,
    format: undefined,
    enum: undefined,
    pattern: undefined,
    minLength: undefined,
    maxLength: undefined,
    minimum: undefined,
    maximum: undefined,
    exclusiveMinimum: undefined,
    exclusiveMaximum: undefined,
    minItems: undefined,
    maxItems: undefined,
    properties: properties ?? {},
    required: items ?? [],
    additionalProperties: undefined,
    items: undefined,
    allOf: items ?? [],
    oneOf: items ?? [],
    anyOf: items ?? [],
    readOnly: undefined,
    writeOnly: undefined,
    title: undefined,
    description: undefined,
    default: undefined,
    examples: items ?? [],
  };
}

/**
 * The keywords read here, taken in one pass over a schema object's keys. Most of these thirty are absent
 * from any one schema, and on a parsed document's objects (nearly each of its own shape) looking up an
 * absent key costs as much as a present one: on GitHub's 40,000 schemas the pass is several times faster
 * than the lookups. `has…`: the key is present (whatever its value), as `in` would say.
 */
class Keywords {
  type: unknown = undefined;
  nullable = false;
  format: unknown = undefined;
  enum: unknown = undefined;
  hasConst = false;
  const: unknown = undefined;
  pattern: unknown = undefined;
  minLength: unknown = undefined;
  maxLength: unknown = undefined;
  minItems: unknown = undefined;
  maxItems: unknown = undefined;
  minimum: unknown = undefined;
  maximum: unknown = undefined;
  exclusiveMinimum: unknown = undefined;
  exclusiveMaximum: unknown = undefined;
  title: unknown = undefined;
  description: unknown = undefined;
  hasDefault = false;
  default: unknown = undefined;
  readOnly: unknown = undefined;
  writeOnly: unknown = undefined;
  hasExample = false;
  example: unknown = undefined;
  hasXExample = false;
  xExample: unknown = undefined;
  examples: unknown = undefined;
  required: unknown = undefined;
  properties: unknown = undefined;
  additionalProperties: unknown = undefined;
  items: unknown = undefined;
  allOf: unknown = undefined;
  oneOf: unknown = undefined;
  anyOf: unknown = undefined;

  constructor(raw: Obj) {
    // `for…in` as the lookups were: own and inherited keys (a parsed document's objects inherit none).
    for (const key in raw) {
      const value = raw[key];
      switch (key) {
        case 'type':
          this.type = value;
          break;
        case 'nullable':
        case 'x-nullable':
          if (value === true) this.nullable = true;
          break;
        case 'format':
          this.format = value;
          break;
        case 'enum':
          this.enum = value;
          break;
        case 'const':
          this.hasConst = true;
          this.const = value;
          break;
        case 'pattern':
          this.pattern = value;
          break;
        case 'minLength':
          this.minLength = value;
          break;
        case 'maxLength':
          this.maxLength = value;
          break;
        case 'minItems':
          this.minItems = value;
          break;
        case 'maxItems':
          this.maxItems = value;
          break;
        case 'minimum':
          this.minimum = value;
          break;
        case 'maximum':
          this.maximum = value;
          break;
        case 'exclusiveMinimum':
          this.exclusiveMinimum = value;
          break;
        case 'exclusiveMaximum':
          this.exclusiveMaximum = value;
          break;
        case 'title':
          this.title = value;
          break;
        case 'description':
          this.description = value;
          break;
        case 'default':
          this.hasDefault = true;
          this.default = value;
          break;
        case 'readOnly':
          this.readOnly = value;
          break;
        case 'writeOnly':
          this.writeOnly = value;
          break;
        case 'example':
          this.hasExample = true;
          this.example = value;
          break;
        case 'x-example':
          this.hasXExample = true;
          this.xExample = value;
          break;
        case 'examples':
          this.examples = value;
          break;
        case 'required':
          this.required = value;
          break;
        case 'properties':
          this.properties = value;
          break;
        case 'additionalProperties':
          this.additionalProperties = value;
          break;
        case 'items':
          this.items = value;
          break;
        case 'allOf':
          this.allOf = value;
          break;
        case 'oneOf':
          this.oneOf = value;
          break;
        case 'anyOf':
          this.anyOf = value;
          break;
      }
    }
  }
}

function fillScalars(schema: Schema, raw: Keywords): void {
  const types = (Array.isArray(raw.type) ? raw.type : [raw.type]).filter(
    (t): t is SchemaType => typeof t === 'string' && SCHEMA_TYPES.has(t),
  );
  // `nullable` only widens a declared type: `{ nullable: true, allOf: [...] }` does not mean "only null".
  if (raw.nullable && types.length > 0) types.push('null');
  // One type (most schemas): the list as it is, with no set and copy to dedupe and sort it.
  if (types.length === 1) schema.types = types;
  else if (types.length > 0) schema.types = [...new Set(types)].sort();
  schema.format = str(raw.format);
  if (Array.isArray(raw.enum)) schema.enum = raw.enum;
  else if (raw.hasConst) schema.enum = [raw.const];
  schema.pattern = str(raw.pattern);
  schema.minLength = num(raw.minLength);
  schema.maxLength = num(raw.maxLength);
  schema.minItems = num(raw.minItems);
  schema.maxItems = num(raw.maxItems);
  schema.title = str(raw.title);
  schema.description = str(raw.description);
  if (raw.hasDefault) schema.default = raw.default;
  if (raw.readOnly === true) schema.readOnly = true;
  if (raw.writeOnly === true) schema.writeOnly = true;
  // 3.0 / 2.0: boolean exclusive flags beside minimum/maximum; 3.1: the bound itself.
  schema.minimum = num(raw.minimum);
  schema.maximum = num(raw.maximum);
  if (raw.exclusiveMinimum === true) schema.exclusiveMinimum = true;
  if (raw.exclusiveMaximum === true) schema.exclusiveMaximum = true;
  const exclusiveMin = num(raw.exclusiveMinimum);
  if (exclusiveMin !== undefined && (schema.minimum === undefined || exclusiveMin >= schema.minimum)) {
    schema.minimum = exclusiveMin;
    schema.exclusiveMinimum = true;
  }
  const exclusiveMax = num(raw.exclusiveMaximum);
  if (exclusiveMax !== undefined && (schema.maximum === undefined || exclusiveMax <= schema.maximum)) {
    schema.maximum = exclusiveMax;
    schema.exclusiveMaximum = true;
  }
}

function examplesOf(raw: Keywords): unknown[] {
  if (!raw.hasExample && !raw.hasXExample && !Array.isArray(raw.examples)) return NO_ITEMS;
  const out: unknown[] = [];
  if (raw.hasExample) out.push(raw.example);
  if (raw.hasXExample) out.push(raw.xExample);
  if (Array.isArray(raw.examples)) pushAll(out, raw.examples as unknown[]);
  return out;
}

/** Whether a schema refuses anything at all: `{}` (or one with only annotations: a description, a title) does not. */
export function constrains(s: Schema): boolean {
  return (
    s.types !== undefined ||
    s.format !== undefined ||
    s.enum !== undefined ||
    s.pattern !== undefined ||
    s.minLength !== undefined ||
    s.maxLength !== undefined ||
    s.minimum !== undefined ||
    s.maximum !== undefined ||
    s.minItems !== undefined ||
    s.maxItems !== undefined ||
    s.required.length > 0 ||
    Object.keys(s.properties).length > 0 ||
    (s.additionalProperties !== undefined && s.additionalProperties !== true) ||
    s.items !== undefined ||
    s.allOf.length > 0 ||
    s.oneOf.length > 0 ||
    s.anyOf.length > 0
  );
}

/**
 * The schema an annotation wrapper stands for: `{ description, allOf: [{ $ref: X }, { example }] }` accepts
 * exactly what X accepts, so it is X wherever constraints are compared or checked. A wrapper constrains
 * nothing of its own, and of its `allOf` members exactly one constrains anything (the others carry only
 * annotations: description, title, examples, default, readOnly/writeOnly, deprecated, nullable, `x-…`).
 * Wrappers of wrappers unwrap all the way; anything else is returned as it is.
 */
export function unwrapAnnotated(schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; depth < 16 && isAnnotationWrapper(current); depth++) {
    current = current.allOf.find(constrains)!;
  }
  return current;
}

function isAnnotationWrapper(s: Schema): boolean {
  if (!isAllOfOnly(s)) return false;
  let constraining = 0;
  for (const member of s.allOf) if (constrains(member)) constraining++;
  return constraining === 1;
}

/** A schema that is only an `allOf` list: it constrains nothing beside its members. */
function isAllOfOnly(s: Schema): boolean {
  if (s.allOf.length === 0 || s.oneOf.length > 0 || s.anyOf.length > 0) return false;
  if (s.types !== undefined || s.format !== undefined || s.enum !== undefined || s.pattern !== undefined)
    return false;
  if (
    s.minLength !== undefined ||
    s.maxLength !== undefined ||
    s.minimum !== undefined ||
    s.maximum !== undefined ||
    s.minItems !== undefined ||
    s.maxItems !== undefined
  )
    return false;
  if (s.required.length > 0 || s.items !== undefined || Object.keys(s.properties).length > 0) return false;
  return s.additionalProperties === undefined || s.additionalProperties === true;
}

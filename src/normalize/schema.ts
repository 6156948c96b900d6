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
    const schema = emptySchema(target.loc);
    schema.required = strings(raw.required);
    schema.examples = examplesOf(raw);
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
    fillScalars(schema, raw);
    const sub = (key: string): Schema | undefined => this.read(child(target, key), depth + 1);
    const subs = (key: string): Schema[] =>
      Array.isArray(raw[key])
        ? (raw[key] as unknown[])
            .map((_, i) => this.read(child(child(target, key), i), depth + 1))
            .filter((s): s is Schema => s !== undefined)
        : [];
    if (isObj(raw.properties)) {
      const properties = child(target, 'properties');
      for (const name of Object.keys(raw.properties)) {
        const property = this.read(child(properties, name), depth + 1);
        if (property) setOwn(schema.properties, name, property);
      }
    }
    if (raw.additionalProperties === false || raw.additionalProperties === true) {
      schema.additionalProperties = raw.additionalProperties;
    } else if (isObj(raw.additionalProperties)) {
      schema.additionalProperties = sub('additionalProperties') ?? true;
    }
    if (isObj(raw.items)) schema.items = sub('items');
    schema.allOf = subs('allOf');
    schema.oneOf = subs('oneOf');
    schema.anyOf = subs('anyOf');
    return schema;
  }
}

/**
 * A schema with every field present, always in the same order: the checks read schemas at hot sites, and
 * objects of one shape keep those reads fast (optional fields added one by one made dozens of shapes).
 */
export function emptySchema(loc: Loc): Schema {
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
    properties: {},
    required: [],
    additionalProperties: undefined,
    items: undefined,
    allOf: [],
    oneOf: [],
    anyOf: [],
    readOnly: undefined,
    writeOnly: undefined,
    description: undefined,
    default: undefined,
    examples: [],
  };
}

function fillScalars(schema: Schema, raw: Obj): void {
  const types = (Array.isArray(raw.type) ? raw.type : [raw.type]).filter(
    (t): t is SchemaType => typeof t === 'string' && SCHEMA_TYPES.has(t),
  );
  // `nullable` only widens a declared type: `{ nullable: true, allOf: [...] }` does not mean "only null".
  if ((raw.nullable === true || raw['x-nullable'] === true) && types.length > 0) types.push('null');
  if (types.length > 0) schema.types = [...new Set(types)].sort();
  schema.format = str(raw.format);
  if (Array.isArray(raw.enum)) schema.enum = raw.enum;
  else if ('const' in raw) schema.enum = [raw.const];
  schema.pattern = str(raw.pattern);
  schema.minLength = num(raw.minLength);
  schema.maxLength = num(raw.maxLength);
  schema.minItems = num(raw.minItems);
  schema.maxItems = num(raw.maxItems);
  schema.description = str(raw.description);
  if ('default' in raw) schema.default = raw.default;
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

function examplesOf(raw: Obj): unknown[] {
  const out: unknown[] = [];
  if ('example' in raw) out.push(raw.example);
  if ('x-example' in raw) out.push(raw['x-example']);
  if (Array.isArray(raw.examples)) pushAll(out, raw.examples as unknown[]);
  return out;
}

// Schema constraint changes between two versions of a schema, memoised per (base, head, direction)
// so shared components are compared once however many endpoints use them.
import type { Endpoint, Loc, Schema } from '../model.js';
import { constrains, unwrapAnnotated } from '../normalize/schema.js';
import { joinPointer } from '../util/pointer.js';
import { matchBranches } from './branches.js';
import { compareRegex } from './pattern.js';
import type { Change, ChangeKind, ConstraintDetail } from './types.js';

/** Requests: tightening breaks clients. Responses: loosening does. */
export type Direction = 'request' | 'response';

/**
 * How a schema is read: `partial` is a request body that updates only the fields it sends (a PATCH, a
 * merge patch), so a property it stops requiring is the point of the change, not a loosening.
 */
type Mode = Direction | 'partial';

/** A change found inside a schema, relative to where the comparison started. */
interface SchemaChange {
  kind: ChangeKind;
  /** `.user.name`, `[]`…, relative to the compared schema. */
  at: string;
  what: string;
  location: Loc;
  /**
   * The property a change adds or removes. Changes are merged by kind, location and text (a schema shared
   * by several properties is reported once, not once per path to it, which could double per level), so
   * two properties removed from one object, which share the object's location, need their names to stay two.
   */
  subject?: string;
  /** Property names from the compared schema to the changed one (`at` without items, branches or `*`). */
  path: string[];
  /** The constraint keyword changed (see `ConstraintDetail`). */
  keyword?: string;
  /** The fields the change is about; a field without a name is the one at `path`. */
  fields?: FieldNote[];
  /**
   * `required` entries dropped that name no property the schema lists: a parent whose other `allOf`/`oneOf`/
   * `anyOf` members declare one of them restores the change as a loosening (`restoreDeclared`).
   */
  undeclared?: string[];
  /** For `nullable`: the types the base declared, `null` aside (see `ConstraintDetail.baseTypes`). */
  baseTypes?: string[];
}

/** A field a change is about: its name (none for the field at the change's path) and its own words. */
interface FieldNote {
  name?: string;
  description: string;
  /** No longer required because its property left the schema too (see `ConstraintDetail.fields`). */
  removed?: true;
}

export class SchemaDiffer {
  private readonly memo: Record<Mode, Map<Schema, Map<Schema, SchemaChange[]>>> = {
    request: new Map(),
    partial: new Map(),
    response: new Map(),
  };
  private readonly inProgress = new Set<string>();
  /**
   * Results that cut a cycle at pairs still being compared above them (`cuts`): they lack those pairs'
   * changes, which are reported where the cycle started. Reused only while all of those pairs are again in
   * progress, so an endpoint that enters the cycle elsewhere still sees every change its schema reaches.
   */
  private readonly partial = new Map<string, { changes: SchemaChange[]; cuts: string[] }>();
  /** Pairs in progress at which the comparison under way cut a cycle. */
  private cuts: Set<string> | undefined;
  private readonly ids = new Map<Schema, number>();
  private nextId = 0;
  /** Built on first need from the base's request bodies: see `BaseAlternatives`. */
  private alternatives: BaseAlternatives | undefined;

  /** `baseEndpoints`: the base version's, read only when a `required` entry is dropped beside a new field. */
  constructor(private readonly baseEndpoints: readonly Endpoint[] = []) {}

  /**
   * Changes between two schemas, with `label` naming where they sit (e.g. "request body application/json")
   * and `where` the head's node that holds them (the parameter, media type or header). `partial`: a
   * request body that updates only what it sends (see `Mode`). `name`: the parameter's, which starts the
   * path of every change (a body's schema has none).
   */
  compare(
    base: Schema | undefined,
    head: Schema | undefined,
    direction: Direction,
    label: string,
    where: Loc,
    partial = false,
    name?: string,
  ): Change[] {
    const root = name === undefined ? [] : [name];
    if (!base || !head) {
      if (head && constrains(head)) return [toChange(schemaAdded(head), direction, label, root)];
      if (base && constrains(base)) return [toChange(schemaRemoved(where, base), direction, label, root)];
      return [];
    }
    const mode: Mode = partial && direction === 'request' ? 'partial' : direction;
    return this.pairChanges(base, head, mode).map((c) => toChange(c, direction, label, root));
  }

  private pairChanges(wrappedBase: Schema, wrappedHead: Schema, mode: Mode): SchemaChange[] {
    // `{ allOf: [{ $ref: X }], description }` is X: wrapping a `$ref` to annotate it changes nothing.
    const base = unwrapAnnotated(wrappedBase);
    const head = unwrapAnnotated(wrappedHead);
    if (base === head) return []; // one object shared by both versions (src/normalize/unchanged.ts)
    let row = this.memo[mode].get(base);
    if (!row) {
      row = new Map();
      this.memo[mode].set(base, row);
    }
    const cached = row.get(head);
    if (cached) return cached;
    const key = `${this.id(base)}:${this.id(head)}:${mode}`;
    if (this.inProgress.has(key)) {
      this.cut([key]); // a cycle: its changes are reported where it started
      return [];
    }
    const partial = this.partial.get(key);
    if (partial?.cuts.every((k) => this.inProgress.has(k))) {
      this.cut(partial.cuts);
      return partial.changes;
    }
    const outer = this.cuts;
    this.cuts = undefined;
    this.inProgress.add(key);
    const out = dedupe(this.compareNow(base, head, mode));
    this.inProgress.delete(key);
    const cuts = [...(this.cuts ?? [])].filter((k) => k !== key);
    this.cuts = outer;
    if (cuts.length === 0) {
      row.set(head, out);
    } else {
      this.partial.set(key, { changes: out, cuts });
      this.cut(cuts);
    }
    return out;
  }

  private cut(keys: string[]): void {
    this.cuts ??= new Set();
    for (const k of keys) this.cuts.add(k);
  }

  private id(schema: Schema): number {
    let id = this.ids.get(schema);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(schema, id);
    }
    return id;
  }

  private compareNow(base: Schema, head: Schema, mode: Mode): SchemaChange[] {
    const asList = this.compareAsList(base, head, mode);
    if (asList) return asList;
    const out: SchemaChange[] = [];
    const here = (key: string, exists: boolean): Loc =>
      exists ? { file: head.loc.file, pointer: joinPointer(head.loc.pointer, key) } : head.loc;
    const report =
      (kind: ChangeKind): Report =>
      (what, key, exists, fields, extra) =>
        out.push({
          kind,
          at: '',
          what,
          location: here(key, exists),
          path: [],
          keyword: key,
          fields: fields ?? [{ description: words(head) }],
          ...extra,
        });
    const r: Reports = {
      loosened: report('schema-constraint-loosened'),
      widened: report('schema-constraint-widened'),
      tightened: report('schema-constraint-tightened'),
      changed: report('schema-constraint-changed'),
    };

    compareTypes(base, head, out);
    // A value of another kind altogether (Directus's `filter`, an array of pattern-checked strings
    // re-described as a JSON object): no value of the base is accepted any more, so the base's constraints
    // (items, pattern, bounds, properties) have nothing left to loosen. The type change is listed (breaking).
    if (disjointTypes(base, head)) return out;
    upperBound('maxLength', base.maxLength, head.maxLength, r);
    upperBound('maxItems', base.maxItems, head.maxItems, r);
    upperBound('maximum', base.maximum, head.maximum, r);
    lowerBound('minLength', base.minLength, head.minLength, r);
    lowerBound('minItems', base.minItems, head.minItems, r);
    lowerBound('minimum', base.minimum, head.minimum, r);
    if (base.maximum === head.maximum) {
      exclusivity('maximum', head.maximum, base.exclusiveMaximum, head.exclusiveMaximum, r);
    }
    if (base.minimum === head.minimum) {
      exclusivity('minimum', head.minimum, base.exclusiveMinimum, head.exclusiveMinimum, r);
    }
    if (base.pattern !== head.pattern) comparePatterns(base.pattern, head.pattern, r);
    if (base.format !== head.format) {
      r.changed(
        `format changed from ${base.format ?? 'none'} to ${head.format ?? 'none'}`,
        'format',
        head.format !== undefined,
      );
    }
    compareEnums(base, head, r);
    compareAdditionalProperties(base, head, r);
    compareRequired(base, head, mode, r, (a, b) => {
      this.alternatives ??= new BaseAlternatives(this.baseEndpoints);
      return this.alternatives.takenApart(a, b);
    });

    for (const name of Object.keys(head.properties)) {
      const headProperty = head.properties[name]!;
      const baseProperty = Object.hasOwn(base.properties, name) ? base.properties[name] : undefined;
      if (!baseProperty) {
        out.push({
          kind: 'schema-property-added',
          at: `.${name}`,
          what: 'property added',
          location: headProperty.loc,
          subject: name,
          path: [name],
        });
        continue;
      }
      for (const c of this.pairChanges(baseProperty, headProperty, mode))
        out.push({ ...c, at: `.${name}${c.at}`, path: [name, ...c.path] });
    }
    const headHasProperties = Object.keys(head.properties).length > 0; // once, not per removed property
    for (const name of Object.keys(base.properties)) {
      if (!Object.hasOwn(head.properties, name)) {
        out.push({
          kind: 'schema-property-removed',
          at: `.${name}`,
          what: 'property removed',
          location: here('properties', headHasProperties),
          subject: name,
          path: [name],
        });
      }
    }
    // An array in a merge patch replaces the whole value: its items are complete, not partial.
    const itemMode = mode === 'partial' ? 'request' : mode;
    if (base.items && head.items) {
      for (const c of this.pairChanges(base.items, head.items, itemMode)) out.push({ ...c, at: `[]${c.at}` });
    } else if (head.items && constrains(head.items)) {
      out.push(schemaAdded(head.items, 'items must now match a schema'));
    } else if (base.items && constrains(base.items)) {
      out.push(
        schemaRemoved(here('items', false), base.items, 'items are no longer checked: any item is accepted'),
      );
    }
    const baseExtra = schemaOf(base.additionalProperties);
    const headExtra = schemaOf(head.additionalProperties);
    if (baseExtra && headExtra) {
      for (const c of this.pairChanges(baseExtra, headExtra, mode)) out.push({ ...c, at: `.*${c.at}` });
    } else if (headExtra && base.additionalProperties !== false) {
      out.push(schemaAdded(headExtra, 'additional properties must now match a schema'));
    } else if (baseExtra && head.additionalProperties !== false) {
      const where = here('additionalProperties', head.additionalProperties !== undefined);
      out.push(
        schemaRemoved(where, baseExtra, 'additional properties are no longer checked: any value is accepted'),
      );
    }
    for (const combinator of ['allOf', 'oneOf', 'anyOf'] as const) {
      const b = base[combinator];
      const h = head[combinator];
      if (b.length === 0 && h.length === 0) continue;
      this.compareBranches(combinator, b, h, base, head, mode, out, here(combinator, h.length > 0));
    }
    return out;
  }

  /**
   * `X` → `{ allOf: [X, { required: [email] }] }` adds a member to a list of one, and `X` → `{ oneOf: [X, Y] }`
   * an alternative: neither removes every constraint of X. Undefined unless exactly one side is only a
   * list (`allOf`, `oneOf` or `anyOf`, constraining nothing of its own) and the other has no list at all.
   */
  private compareAsList(base: Schema, head: Schema, mode: Mode): SchemaChange[] | undefined {
    const baseList = onlyList(base);
    const headList = onlyList(head);
    if ((baseList === undefined) === (headList === undefined)) return undefined;
    const combinator = (baseList ?? headList)!;
    const plain = baseList ? head : base;
    if (!hasNoList(plain) || !constrains(plain)) return undefined; // `{}` ↔ a list: compared as before
    const out: SchemaChange[] = [];
    const b = baseList ? base[combinator] : [base];
    const h = headList ? head[combinator] : [head];
    const removedAt = headList
      ? { file: head.loc.file, pointer: joinPointer(head.loc.pointer, combinator) }
      : head.loc;
    this.compareBranches(combinator, b, h, base, head, mode, out, removedAt);
    return out;
  }

  /**
   * Subschemas matched by `$ref` target, discriminator value or title before position (src/diff/branches.ts):
   * one branch inserted first does not "change" every branch after it.
   */
  private compareBranches(
    combinator: Combinator,
    b: Schema[],
    h: Schema[],
    base: Schema,
    head: Schema,
    mode: Mode,
    out: SchemaChange[],
    removedAt: Loc,
  ): void {
    const same = (x: Schema, y: Schema) => this.pairChanges(x, y, mode).length === 0;
    const matched = matchBranches(b, h, base.loc, head.loc, combinator, same);
    for (const { base: bi, head: hi } of matched.pairs) {
      for (const c of this.pairChanges(b[bi]!, h[hi]!, mode))
        out.push({ ...restoreDeclared(c, base, head), at: `(${combinator}[${hi}])${c.at}` });
    }
    for (const hi of matched.added) {
      out.push({
        kind: 'schema-constraint-changed',
        at: '',
        what: `${combinator} subschema ${matched.name(h[hi]!, hi)} added`,
        location: h[hi]!.loc,
        subject: `+${combinator}[${hi}]`,
        path: [],
        keyword: combinator,
        fields: [{ description: words(head) }],
      });
    }
    for (const bi of matched.removed) {
      out.push({
        kind: 'schema-constraint-changed',
        at: '',
        what: `${combinator} subschema ${matched.name(b[bi]!, bi)} removed`,
        location: removedAt,
        subject: `-${combinator}[${bi}]`,
        path: [],
        keyword: combinator,
        fields: [{ description: words(head) }],
      });
    }
  }
}

type Combinator = 'allOf' | 'oneOf' | 'anyOf';

function hasNoList(s: Schema): boolean {
  return s.allOf.length === 0 && s.oneOf.length === 0 && s.anyOf.length === 0;
}

/** The one combinator a schema consists of, when it constrains nothing else. */
function onlyList(s: Schema): Combinator | undefined {
  const lists = (['allOf', 'oneOf', 'anyOf'] as const).filter((c) => s[c].length > 0);
  if (lists.length !== 1) return undefined;
  return constrains({ ...s, allOf: [], oneOf: [], anyOf: [] }) ? undefined : lists[0];
}

/** `fields`: what the change is about when not the schema itself (the properties no longer required). */
type Report = (
  what: string,
  key: string,
  exists: boolean,
  fields?: FieldNote[],
  extra?: Pick<SchemaChange, 'undeclared'>,
) => void;

/**
 * Where a constraint change goes. `loosened`: the schema stops refusing a class of values (a bound or an
 * enum removed); `widened`: it accepts more but stays bounded (a bound raised, enum values added).
 */
interface Reports {
  loosened: Report;
  widened: Report;
  tightened: Report;
  changed: Report;
}

/** `additionalProperties` as a schema that constrains something (`{}` accepts anything, as `true` does). */
function schemaOf(value: Schema | boolean | undefined): Schema | undefined {
  return typeof value === 'object' && constrains(value) ? value : undefined;
}

/** A schema where there was none: values that were accepted before may now be refused. */
function schemaAdded(head: Schema, what = 'schema added'): SchemaChange {
  const fields = [{ description: words(head) }];
  return {
    kind: 'schema-constraint-tightened',
    at: '',
    what,
    location: head.loc,
    path: [],
    keyword: 'schema',
    fields,
  };
}

/**
 * A schema gone: whatever it refused is accepted now. Unless it was a free-form object (`{ type: object }`
 * and nothing else: Directus's item body, Twilio's connector `Parameter`): it checked nothing inside the
 * value, and what it still refused (a bare string, number or array) carries no more than an object did.
 */
function schemaRemoved(
  where: Loc,
  base: Schema,
  what = 'schema removed: any value is accepted',
): SchemaChange {
  const fields = [{ description: words(base) }];
  const freeForm = freeFormObject(base);
  return {
    kind: freeForm ? 'schema-constraint-changed' : 'schema-constraint-loosened',
    at: '',
    what: freeForm ? `${what} (it was a free-form object: nothing inside it was checked)` : what,
    location: where,
    path: [],
    keyword: 'schema',
    fields,
  };
}

/** A schema's own words, for checks that judge a field by what it is for. */
function words(schema: Schema): string {
  return [schema.title, schema.description].filter((w) => w !== undefined).join(' ');
}

function upperBound(key: string, base: number | undefined, head: number | undefined, r: Reports) {
  if (base === head) return;
  if (head === undefined) r.loosened(`${key} ${base} removed`, key, false);
  else if (base === undefined) r.tightened(`${key} ${head} added`, key, true);
  else if (head > base) r.widened(`${key} raised from ${base} to ${head}`, key, true);
  else r.tightened(`${key} lowered from ${base} to ${head}`, key, true);
}

function lowerBound(key: string, base: number | undefined, head: number | undefined, r: Reports) {
  if (base === head) return;
  if (head === undefined) r.loosened(`${key} ${base} removed`, key, false);
  else if (base === undefined) r.tightened(`${key} ${head} added`, key, true);
  else if (head < base) r.widened(`${key} lowered from ${base} to ${head}`, key, true);
  else r.tightened(`${key} raised from ${base} to ${head}`, key, true);
}

/** The same bound turned exclusive (`exclusiveMaximum: true`, or 3.1's numeric form) or back to inclusive. */
function exclusivity(
  key: 'minimum' | 'maximum',
  bound: number | undefined,
  base: boolean | undefined,
  head: boolean | undefined,
  r: Reports,
) {
  if (bound === undefined || !base === !head) return;
  const exclusiveKey = key === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
  if (head) r.tightened(`${key} ${bound} is now exclusive`, exclusiveKey, true);
  else r.widened(`${key} ${bound} is now inclusive`, key, true); // one more value: still bounded
}

/**
 * A pattern removed is a loosening; one replaced is compared when that is cheap to decide (src/diff/pattern.ts):
 * one that accepts any string, or drops an anchor, or a repetition's upper bound, loosens; one whose
 * repetitions only got wider widens; one accepting a subset tightens; anything else is a change that is
 * neither (the message says so).
 */
function comparePatterns(base: string | undefined, head: string | undefined, r: Reports) {
  if (head === undefined) return r.loosened(`pattern \`${base}\` removed`, 'pattern', false);
  if (base === undefined) return r.tightened(`pattern \`${head}\` added`, 'pattern', true);
  const from = `pattern changed from \`${base}\` to \`${head}\``;
  const relation = compareRegex(base, head);
  if (relation.kind === 'loosened') r.loosened(`${from}: ${relation.why}`, 'pattern', true);
  else if (relation.kind === 'widened') r.widened(`${from}: ${relation.why}`, 'pattern', true);
  else if (relation.kind === 'tightened') r.tightened(`${from}: ${relation.why}`, 'pattern', true);
  else r.changed(`${from} (whether it accepts more was not decided)`, 'pattern', true);
}

/** `integer` values are `number` values: integer → number widens, number → integer narrows. */
function covers(types: string[], type: string): boolean {
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

function compareTypes(base: Schema, head: Schema, out: SchemaChange[]) {
  const b = base.types ?? [];
  const h = head.types ?? [];
  if (b.join() === h.join()) return;
  const change = (
    kind: ChangeKind,
    what: string,
    keyword = 'type',
    fields = [{ description: words(head) }],
  ) => out.push({ kind, at: '', what, location: head.loc, path: [], keyword, fields });
  if (h.length === 0) {
    if (freeFormObject(base))
      change(
        'schema-constraint-changed',
        `type ${b.join('|')} removed (it was a free-form object: nothing inside it was checked)`,
      );
    else change('schema-constraint-loosened', `type ${b.join('|')} removed`);
  } else if (b.length === 0) {
    change('schema-constraint-tightened', `type ${h.join('|')} added`);
  } else if (b.every((t) => covers(h, t))) {
    const what = `type widened from ${b.join('|')} to ${h.join('|')}`;
    if (h.every((t) => t === 'null' || b.includes(t))) {
      // `null` added (3.0's `nullable: true`): one more value, every other constraint still applies. It
      // stands in for the value and so for every property the value requires: checks judge those too.
      const required = head.required.map((name) => ({
        name,
        description: head.properties[name] ? words(head.properties[name]) : '',
      }));
      change('schema-constraint-widened', what, 'nullable', [{ description: words(head) }, ...required]);
      out.at(-1)!.baseTypes = b.filter((t) => t !== 'null');
    } else {
      change('schema-constraint-loosened', what);
    }
  } else if (h.every((t) => covers(b, t))) {
    change('schema-constraint-tightened', `type narrowed from ${b.join('|')} to ${h.join('|')}`);
  } else {
    change('schema-type-changed', `type changed from ${b.join('|')} to ${h.join('|')}`);
  }
}

const BOOLEAN_VALUES: ReadonlySet<unknown> = new Set([true, false, 'true', 'false']);

function booleanOnly(schema: Schema): boolean {
  const types = schema.types ?? [];
  return types.includes('boolean') && types.every((t) => t === 'boolean' || t === 'null');
}

function compareEnums(base: Schema, head: Schema, r: Reports) {
  if (base.enum === undefined && head.enum === undefined) return;
  if (head.enum === undefined) {
    // `enum: ["true", "false"]` retyped as `type: boolean` accepts the same two values.
    if (booleanOnly(head) && base.enum?.every((v) => BOOLEAN_VALUES.has(v)))
      return r.changed('enum of "true"/"false" replaced by type boolean', 'enum', false);
    return r.loosened('enum removed: any value is accepted', 'enum', false);
  }
  if (base.enum === undefined) return r.tightened(`enum added: only ${values(head.enum)}`, 'enum', true);
  const b = new Set(base.enum.map((v) => JSON.stringify(v)));
  const h = new Set(head.enum.map((v) => JSON.stringify(v)));
  const added = [...h].filter((v) => !b.has(v));
  const removed = [...b].filter((v) => !h.has(v));
  // New values are named one by one, still a closed list: a change to review, not validation dropped.
  if (added.length > 0) r.widened(`enum values added: ${listed(added)}`, 'enum', true);
  if (removed.length > 0) r.tightened(`enum values removed: ${listed(removed)}`, 'enum', true);
}

function compareAdditionalProperties(base: Schema, head: Schema, r: Reports) {
  const closed = (s: Schema) => s.additionalProperties === false;
  if (closed(base) && !closed(head))
    r.loosened(
      'additional properties are now allowed',
      'additionalProperties',
      head.additionalProperties !== undefined,
    );
  if (!closed(base) && closed(head))
    r.tightened('additional properties are no longer allowed', 'additionalProperties', true);
}

/**
 * A property no longer required loosens, unless something takes its role: another property now required
 * in its place, or an alternative (`oneOf`/`anyOf` branch) that requires it; and in a partial update (a
 * PATCH or merge-patch body) sending fewer fields is what the change is for.
 */
function compareRequired(
  base: Schema,
  head: Schema,
  mode: Mode,
  r: Reports,
  takenApart: (a: string, b: string) => boolean,
) {
  const baseRequired = new Set(base.required);
  const headRequired = new Set(head.required);
  const added = head.required.filter((name) => !baseRequired.has(name));
  const removed = base.required.filter((name) => !headRequired.has(name));
  if (added.length > 0) r.tightened(`now requires ${names(added)}`, 'required', true);
  if (removed.length === 0) return;
  const exists = head.required.length > 0;
  const baseDeclared = declaredNames(base);
  const headDeclared = declaredNames(head);
  const fields = (list: string[]) =>
    list.map((name): FieldNote => {
      const property = head.properties[name] ?? base.properties[name];
      const note: FieldNote = { name, description: property ? words(property) : '' };
      if (baseDeclared.has(name) && !headDeclared.has(name)) note.removed = true;
      return note;
    });
  if (mode === 'partial') {
    return r.widened(
      `no longer requires ${names(removed)} (a partial update)`,
      'required',
      exists,
      fields(removed),
    );
  }
  if (added.length > 0) {
    return r.widened(
      `no longer requires ${names(removed)}: requires ${names(added)} instead`,
      'required',
      exists,
      fields(removed),
    );
  }
  const alternatives = new Set(
    [...head.oneOf, ...head.anyOf].flatMap((branch) => unwrapAnnotated(branch).required),
  );
  const moved = removed.filter((name) => alternatives.has(name));
  const conditional = removed.filter((name) => !alternatives.has(name) && requiredWhen(head, name));
  const rest = removed.filter((name) => !alternatives.has(name) && !conditional.includes(name));
  if (moved.length > 0) {
    const combinator = head.oneOf.length > 0 ? 'oneOf' : 'anyOf';
    r.widened(
      `${names(moved)} now required by an alternative (\`${combinator}\`) instead of always`,
      'required',
      exists,
      fields(moved),
    );
  }
  if (conditional.length > 0) {
    r.widened(
      `${names(conditional)} now required only for some values of a sibling field (its description says when)`,
      'required',
      exists,
      fields(conditional),
    );
  }
  // A `required` entry naming none of the properties the schema lists (Directus 9 required `token` beside
  // its one property `refresh_token`) described no field the server reads: dropping it fixes the document.
  const phantom =
    baseDeclared.size > 0 ? rest.filter((name) => !baseDeclared.has(name) && !headDeclared.has(name)) : [];
  if (phantom.length > 0) {
    r.changed(
      `no longer requires ${names(phantom)}, which the schema never declared`,
      'required',
      exists,
      fields(phantom),
      { undeclared: phantom },
    );
  }
  // Fields moved into a new object that requires them (Azure's ARM `properties` envelope): still required,
  // one level down. Moving them breaks every client that sends the old shape, so it is not a quiet loosening.
  const wrapped = new Map<string, string[]>();
  for (const name of rest) {
    if (phantom.includes(name) || headDeclared.has(name)) continue;
    const wrapper = wrapperRequiring(head, name, baseDeclared);
    if (wrapper !== undefined) wrapped.set(wrapper, [...(wrapped.get(wrapper) ?? []), name]);
  }
  for (const [wrapper, list] of wrapped)
    r.widened(`${names(list)} now required inside \`${wrapper}\` instead`, 'required', exists, fields(list));
  const inWrapper = new Set([...wrapped.values()].flat());
  const loose = rest.filter((name) => !phantom.includes(name) && !inWrapper.has(name));
  // A field made optional beside a new one that the base's own requests already take as its alternative
  // (Plaid's `access_tokens`, optional once `user_token` is added: the base's payroll precheck takes both,
  // requiring neither). The pairing is the base's, so a PR cannot invent it by adding a field.
  const newNames = [...headDeclared].filter((name) => !baseDeclared.has(name) && !headRequired.has(name));
  const replaced = new Map<string, string>();
  for (const name of loose) {
    if (!headDeclared.has(name)) continue;
    const instead = newNames.find((other) => takenApart(name, other));
    if (instead !== undefined) replaced.set(name, instead);
  }
  for (const [name, instead] of replaced)
    r.widened(
      `no longer requires ${names([name])}: \`${instead}\`, new here, may be sent instead (the base's requests take either without the other)`,
      'required',
      exists,
      fields([name]),
    );
  const dropped = loose.filter((name) => !replaced.has(name));
  if (dropped.length > 0)
    r.loosened(`no longer requires ${names(dropped)}`, 'required', exists, fields(dropped));
}

/**
 * Pairs of fields the base version takes as alternatives: declared side by side in one object of a
 * request body, neither required (Plaid's `/credit/payroll_income/precheck` takes `access_tokens` or
 * `user_token`). Partial updates (PATCH, merge patch) make every field optional, so they say nothing
 * about alternatives and are not read.
 */
class BaseAlternatives {
  /** For each property name, the objects declaring it without requiring it. */
  private readonly optionalIn = new Map<string, Set<Schema>>();

  constructor(endpoints: readonly Endpoint[]) {
    const seen = new Set<Schema>();
    const visit = (start: Schema) => {
      const stack = [start];
      while (stack.length > 0 && seen.size < ALTERNATIVES_MAX_SCHEMAS) {
        const s = unwrapAnnotated(stack.pop()!);
        if (seen.has(s)) continue;
        seen.add(s);
        const required = new Set(s.required);
        for (const [name, property] of Object.entries(s.properties)) {
          if (!required.has(name)) {
            const list = this.optionalIn.get(name);
            if (list) list.add(s);
            else this.optionalIn.set(name, new Set([s]));
          }
          stack.push(property);
        }
        for (const member of [...s.allOf, ...s.oneOf, ...s.anyOf]) stack.push(member);
        if (s.items) stack.push(s.items);
      }
    };
    for (const endpoint of endpoints) {
      if (endpoint.method === 'patch') continue;
      for (const media of endpoint.requestBody?.content ?? [])
        if (media.schema && !/merge-patch/i.test(media.contentType)) visit(media.schema);
    }
  }

  /** Whether one object of the base's requests declares both `a` and `b` and requires neither. */
  takenApart(a: string, b: string): boolean {
    const withA = this.optionalIn.get(a);
    const withB = this.optionalIn.get(b);
    if (!withA || !withB) return false;
    for (const s of withA) if (withB.has(s)) return true;
    return false;
  }
}

/** Bounds the walk of the base's request schemas (a description of 100,000 schemas reads this many). */
const ALTERNATIVES_MAX_SCHEMAS = 50_000;

/** "Required when `auth_type` is `token`": the condition a description gives for its field. */
const REQUIRED_WHEN = /\brequired (?:when|if) `?([A-Za-z_][\w.-]*)`? is `?([\w.-]+)`?/i;

/**
 * A requirement made conditional in prose, the way a `oneOf` by discriminator would say it: the field's
 * description names a sibling property and one of that property's enum values (GitHub's private
 * registries: `encrypted_value` "Required when `auth_type` is `token` or `username_password`"). Only with
 * the sibling declared with that value, so a sentence alone does not make a requirement conditional.
 */
function requiredWhen(head: Schema, name: string): boolean {
  const property = head.properties[name];
  const match = property && REQUIRED_WHEN.exec(`${words(property)} ${words(unwrapAnnotated(property))}`);
  if (!match) return false;
  const sibling = head.properties[match[1]!];
  const values = sibling && unwrapAnnotated(sibling).enum;
  return values?.some((v) => String(v) === match[2]) ?? false;
}

/**
 * A property of head, new at this level, whose object declares and requires `name` (directly or in its
 * `allOf` members): where a field no longer declared at this level went.
 */
function wrapperRequiring(head: Schema, name: string, baseDeclared: ReadonlySet<string>): string | undefined {
  for (const [wrapper, schema] of Object.entries(head.properties)) {
    if (baseDeclared.has(wrapper)) continue;
    const object = unwrapAnnotated(schema);
    if (requiredNames(object).has(name) && declaredNames(object).has(name)) return wrapper;
  }
  return undefined;
}

/** Property names a schema declares, its `allOf`/`oneOf`/`anyOf` members' included. */
function declaredNames(schema: Schema): Set<string> {
  const out = new Set<string>();
  const seen = new Set<Schema>();
  const visit = (s: Schema, depth: number) => {
    if (seen.has(s) || depth > 8) return;
    seen.add(s);
    for (const name of Object.keys(s.properties)) out.add(name);
    for (const member of [...s.allOf, ...s.oneOf, ...s.anyOf]) visit(unwrapAnnotated(member), depth + 1);
  };
  visit(unwrapAnnotated(schema), 0);
  return out;
}

/** Property names a schema always requires: its own `required` and its `allOf` members'. */
function requiredNames(schema: Schema): Set<string> {
  const out = new Set<string>();
  const seen = new Set<Schema>();
  const visit = (s: Schema, depth: number) => {
    if (seen.has(s) || depth > 8) return;
    seen.add(s);
    for (const name of s.required) out.add(name);
    for (const member of s.allOf) visit(unwrapAnnotated(member), depth + 1);
  };
  visit(unwrapAnnotated(schema), 0);
  return out;
}

/** A change at a member's own level (`at` is only combinator steps), not inside one of its properties. */
const SAME_OBJECT = /^(\((allOf|oneOf|anyOf)\[\d+\]\))*$/;

/**
 * A member of `allOf`/`oneOf`/`anyOf` may require a property its parent or another member declares: a
 * `required` entry its own properties do not list is then real, and dropping it loosens after all.
 */
function restoreDeclared(c: SchemaChange, base: Schema, head: Schema): SchemaChange {
  if (!c.undeclared || !SAME_OBJECT.test(c.at)) return c;
  const declared = new Set([...declaredNames(base), ...declaredNames(head)]);
  if (!c.undeclared.some((name) => declared.has(name))) return c;
  const { undeclared, ...rest } = c;
  return { ...rest, kind: 'schema-constraint-loosened', what: `no longer requires ${names(undeclared)}` };
}

/**
 * Neither type covers any of the other's (ignoring `null`): an array of strings re-described as an object.
 * Both must say their types; a type removed is compared as a loosening.
 */
function disjointTypes(base: Schema, head: Schema): boolean {
  const b = (base.types ?? []).filter((t) => t !== 'null');
  const h = (head.types ?? []).filter((t) => t !== 'null');
  if (b.length === 0 || h.length === 0) return false;
  return !b.some((t) => covers(h, t)) && !h.some((t) => covers(b, t));
}

/**
 * `{ type: object }` and nothing else that refuses a value (no properties, `required`, closed or typed
 * additional properties, combinators): any JSON may sit inside it.
 */
function freeFormObject(schema: Schema): boolean {
  const { types, additionalProperties: extra, ...rest } = schema;
  if (!types?.includes('object') || !types.every((t) => t === 'object' || t === 'null')) return false;
  const open = extra === undefined || extra === true || (typeof extra === 'object' && !constrains(extra));
  return open && !constrains(rest as Schema);
}

function names(list: string[]): string {
  return listed(list.map((n) => `\`${n}\``));
}

/** The first ten, then how many more: a message stays readable however long the list in the document. */
function listed(items: string[]): string {
  return items.length > 10
    ? `${items.slice(0, 10).join(', ')} and ${items.length - 10} more`
    : items.join(', ');
}

function values(list: unknown[]): string {
  const shown = list.slice(0, 5).map((v) => JSON.stringify(v));
  return list.length > 5 ? `${shown.join(', ')}, ...` : shown.join(', ');
}

/** Names a merged change keeps of the other paths that reach it: enough to judge it, bounded however shared. */
const MERGED_NAMES = 20;

/**
 * One change per kind, place and text. A change merged away leaves the names on its path to the kept one,
 * so a check judging the field sees them all: a bound dropped from a schema that both `nickname` and
 * `password` use is about a password, whichever property came first.
 */
function dedupe(changes: SchemaChange[]): SchemaChange[] {
  const kept = new Map<string, SchemaChange>();
  return changes.filter((c) => {
    const key = `${c.kind}|${c.location.file}|${c.location.pointer}|${c.what}|${c.subject ?? ''}`;
    const first = kept.get(key);
    if (!first) {
      kept.set(key, c);
      return true;
    }
    if (first.keyword !== undefined && first.path.join('.') !== c.path.join('.')) {
      const fields = first.fields ?? [];
      const known = new Set(fields.map((f) => f.name));
      const more = [...c.path, ...(c.fields ?? []).flatMap((f) => (f.name ? [f.name] : []))]
        .filter((name) => !known.has(name))
        .map((name) => ({ name, description: '' }));
      const own = c.fields?.find((f) => f.name === undefined);
      if (own?.description) more.push({ name: c.path.at(-1) ?? '', description: own.description });
      if (fields.length < MERGED_NAMES && more.length > 0)
        first.fields = [...fields, ...more].slice(0, Math.max(fields.length, MERGED_NAMES));
    }
    return false;
  });
}

function toChange(c: SchemaChange, direction: Direction, label: string, root: string[]): Change {
  const breaking =
    c.kind === 'schema-type-changed' ||
    (direction === 'request' &&
      (c.kind === 'schema-constraint-tightened' || c.kind === 'schema-constraint-changed')) ||
    (direction === 'response' &&
      (c.kind === 'schema-constraint-loosened' ||
        c.kind === 'schema-constraint-widened' || // a client meets a value it never saw
        c.kind === 'schema-property-removed' ||
        c.kind === 'schema-constraint-changed'));
  const where = c.at === '' ? label : `${label} \`${c.at.replace(/^\./, '')}\``;
  const change: Change = {
    kind: c.kind,
    side: direction,
    message: `${where}: ${c.what}`,
    pointer: c.location.pointer,
    breaking,
    location: c.location,
  };
  if (c.keyword !== undefined) change.constraint = constraintDetail(c, root);
  return change;
}

function constraintDetail(c: SchemaChange, root: string[]): ConstraintDetail {
  const path = root.length === 0 ? c.path : [...root, ...c.path];
  const own = path.at(-1) ?? '';
  const fields = (c.fields ?? [{ description: '' }]).map((f) => ({
    name: f.name ?? own,
    description: f.description,
    ...(f.removed ? { removed: true as const } : {}),
  }));
  const detail: ConstraintDetail = { keyword: c.keyword!, path, fields };
  if (c.baseTypes) detail.baseTypes = c.baseTypes;
  return detail;
}

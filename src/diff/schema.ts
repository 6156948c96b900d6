// Schema constraint changes between two versions of a schema, memoised per (base, head, direction)
// so shared components are compared once however many endpoints use them.
import type { Loc, Schema } from '../model.js';
import { joinPointer } from '../util/pointer.js';
import type { Change, ChangeKind } from './types.js';

/** Requests: tightening breaks clients. Responses: loosening does. */
export type Direction = 'request' | 'response';

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
}

export class SchemaDiffer {
  private readonly memo: Record<Direction, Map<Schema, Map<Schema, SchemaChange[]>>> = {
    request: new Map(),
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

  /**
   * Changes between two schemas, with `label` naming where they sit (e.g. "request body application/json")
   * and `where` the head's node that holds them (the parameter, media type or header).
   */
  compare(
    base: Schema | undefined,
    head: Schema | undefined,
    direction: Direction,
    label: string,
    where: Loc,
  ): Change[] {
    if (!base || !head) {
      if (head && constrains(head)) return [toChange(schemaAdded(head), direction, label)];
      if (base && constrains(base)) return [toChange(schemaRemoved(where), direction, label)];
      return [];
    }
    return this.pairChanges(base, head, direction).map((c) => toChange(c, direction, label));
  }

  private pairChanges(base: Schema, head: Schema, direction: Direction): SchemaChange[] {
    if (base === head) return []; // one object shared by both versions (src/normalize/unchanged.ts)
    let row = this.memo[direction].get(base);
    if (!row) {
      row = new Map();
      this.memo[direction].set(base, row);
    }
    const cached = row.get(head);
    if (cached) return cached;
    const key = `${this.id(base)}:${this.id(head)}:${direction}`;
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
    const out = dedupe(this.compareNow(base, head, direction));
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

  private compareNow(base: Schema, head: Schema, direction: Direction): SchemaChange[] {
    const out: SchemaChange[] = [];
    const here = (key: string, exists: boolean): Loc =>
      exists ? { file: head.loc.file, pointer: joinPointer(head.loc.pointer, key) } : head.loc;
    const loosened = (what: string, key: string, exists: boolean) =>
      out.push({ kind: 'schema-constraint-loosened', at: '', what, location: here(key, exists) });
    const tightened = (what: string, key: string, exists: boolean) =>
      out.push({ kind: 'schema-constraint-tightened', at: '', what, location: here(key, exists) });

    compareTypes(base, head, out);
    upperBound('maxLength', base.maxLength, head.maxLength, loosened, tightened);
    upperBound('maxItems', base.maxItems, head.maxItems, loosened, tightened);
    upperBound('maximum', base.maximum, head.maximum, loosened, tightened);
    lowerBound('minLength', base.minLength, head.minLength, loosened, tightened);
    lowerBound('minItems', base.minItems, head.minItems, loosened, tightened);
    lowerBound('minimum', base.minimum, head.minimum, loosened, tightened);
    if (base.maximum === head.maximum) {
      exclusivity('maximum', head.maximum, base.exclusiveMaximum, head.exclusiveMaximum, loosened, tightened);
    }
    if (base.minimum === head.minimum) {
      exclusivity('minimum', head.minimum, base.exclusiveMinimum, head.exclusiveMinimum, loosened, tightened);
    }
    if (base.pattern !== head.pattern) {
      if (head.pattern === undefined) loosened(`pattern \`${base.pattern}\` removed`, 'pattern', false);
      else if (base.pattern === undefined) tightened(`pattern \`${head.pattern}\` added`, 'pattern', true);
      else
        out.push({
          kind: 'schema-constraint-changed',
          at: '',
          what: `pattern changed from \`${base.pattern}\` to \`${head.pattern}\``,
          location: here('pattern', true),
        });
    }
    if (base.format !== head.format) {
      out.push({
        kind: 'schema-constraint-changed',
        at: '',
        what: `format changed from ${base.format ?? 'none'} to ${head.format ?? 'none'}`,
        location: here('format', head.format !== undefined),
      });
    }
    compareEnums(base, head, loosened, tightened);
    compareAdditionalProperties(base, head, loosened, tightened);
    const baseRequired = new Set(base.required);
    const headRequired = new Set(head.required);
    const addedRequired = head.required.filter((name) => !baseRequired.has(name));
    const removedRequired = base.required.filter((name) => !headRequired.has(name));
    if (addedRequired.length > 0) tightened(`now requires ${names(addedRequired)}`, 'required', true);
    if (removedRequired.length > 0)
      loosened(`no longer requires ${names(removedRequired)}`, 'required', head.required.length > 0);

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
        });
        continue;
      }
      for (const c of this.pairChanges(baseProperty, headProperty, direction))
        out.push({ ...c, at: `.${name}${c.at}` });
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
        });
      }
    }
    if (base.items && head.items) {
      for (const c of this.pairChanges(base.items, head.items, direction))
        out.push({ ...c, at: `[]${c.at}` });
    } else if (head.items && constrains(head.items)) {
      out.push(schemaAdded(head.items, 'items must now match a schema'));
    } else if (base.items && constrains(base.items)) {
      out.push(schemaRemoved(here('items', false), 'items are no longer checked: any item is accepted'));
    }
    const baseExtra = schemaOf(base.additionalProperties);
    const headExtra = schemaOf(head.additionalProperties);
    if (baseExtra && headExtra) {
      for (const c of this.pairChanges(baseExtra, headExtra, direction)) out.push({ ...c, at: `.*${c.at}` });
    } else if (headExtra && base.additionalProperties !== false) {
      out.push(schemaAdded(headExtra, 'additional properties must now match a schema'));
    } else if (baseExtra && head.additionalProperties !== false) {
      const where = here('additionalProperties', head.additionalProperties !== undefined);
      out.push(schemaRemoved(where, 'additional properties are no longer checked: any value is accepted'));
    }
    for (const combinator of ['allOf', 'oneOf', 'anyOf'] as const) {
      const b = base[combinator];
      const h = head[combinator];
      const shared = Math.min(b.length, h.length);
      for (let i = 0; i < shared; i++) {
        for (const c of this.pairChanges(b[i]!, h[i]!, direction))
          out.push({ ...c, at: `(${combinator}[${i}])${c.at}` });
      }
      if (b.length !== h.length) {
        out.push({
          kind: 'schema-constraint-changed',
          at: '',
          what: `${combinator} has ${h.length} subschemas instead of ${b.length}`,
          location: here(combinator, h.length > 0),
        });
      }
    }
    return out;
  }
}

type Report = (what: string, key: string, exists: boolean) => void;

/** `additionalProperties` as a schema that constrains something (`{}` accepts anything, as `true` does). */
function schemaOf(value: Schema | boolean | undefined): Schema | undefined {
  return typeof value === 'object' && constrains(value) ? value : undefined;
}

/** Whether a schema refuses anything at all: `{}` (or one with only a description) does not. */
function constrains(s: Schema): boolean {
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

/** A schema where there was none: values that were accepted before may now be refused. */
function schemaAdded(head: Schema, what = 'schema added'): SchemaChange {
  return { kind: 'schema-constraint-tightened', at: '', what, location: head.loc };
}

/** A schema gone: whatever it refused is accepted now. */
function schemaRemoved(where: Loc, what = 'schema removed: any value is accepted'): SchemaChange {
  return { kind: 'schema-constraint-loosened', at: '', what, location: where };
}

function upperBound(
  key: string,
  base: number | undefined,
  head: number | undefined,
  loosened: Report,
  tightened: Report,
) {
  if (base === head) return;
  if (head === undefined) loosened(`${key} ${base} removed`, key, false);
  else if (base === undefined) tightened(`${key} ${head} added`, key, true);
  else if (head > base) loosened(`${key} raised from ${base} to ${head}`, key, true);
  else tightened(`${key} lowered from ${base} to ${head}`, key, true);
}

function lowerBound(
  key: string,
  base: number | undefined,
  head: number | undefined,
  loosened: Report,
  tightened: Report,
) {
  if (base === head) return;
  if (head === undefined) loosened(`${key} ${base} removed`, key, false);
  else if (base === undefined) tightened(`${key} ${head} added`, key, true);
  else if (head < base) loosened(`${key} lowered from ${base} to ${head}`, key, true);
  else tightened(`${key} raised from ${base} to ${head}`, key, true);
}

/** The same bound turned exclusive (`exclusiveMaximum: true`, or 3.1's numeric form) or back to inclusive. */
function exclusivity(
  key: 'minimum' | 'maximum',
  bound: number | undefined,
  base: boolean | undefined,
  head: boolean | undefined,
  loosened: Report,
  tightened: Report,
) {
  if (bound === undefined || !base === !head) return;
  const exclusiveKey = key === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
  if (head) tightened(`${key} ${bound} is now exclusive`, exclusiveKey, true);
  else loosened(`${key} ${bound} is now inclusive`, key, true);
}

/** `integer` values are `number` values: integer → number widens, number → integer narrows. */
function covers(types: string[], type: string): boolean {
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

function compareTypes(base: Schema, head: Schema, out: SchemaChange[]) {
  const b = base.types ?? [];
  const h = head.types ?? [];
  if (b.join() === h.join()) return;
  const location = head.loc;
  if (h.length === 0) {
    out.push({ kind: 'schema-constraint-loosened', at: '', what: `type ${b.join('|')} removed`, location });
  } else if (b.length === 0) {
    out.push({ kind: 'schema-constraint-tightened', at: '', what: `type ${h.join('|')} added`, location });
  } else if (b.every((t) => covers(h, t))) {
    out.push({
      kind: 'schema-constraint-loosened',
      at: '',
      what: `type widened from ${b.join('|')} to ${h.join('|')}`,
      location,
    });
  } else if (h.every((t) => covers(b, t))) {
    out.push({
      kind: 'schema-constraint-tightened',
      at: '',
      what: `type narrowed from ${b.join('|')} to ${h.join('|')}`,
      location,
    });
  } else {
    out.push({
      kind: 'schema-type-changed',
      at: '',
      what: `type changed from ${b.join('|')} to ${h.join('|')}`,
      location,
    });
  }
}

function compareEnums(base: Schema, head: Schema, loosened: Report, tightened: Report) {
  if (base.enum === undefined && head.enum === undefined) return;
  if (head.enum === undefined) return loosened('enum removed: any value is accepted', 'enum', false);
  if (base.enum === undefined) return tightened(`enum added: only ${values(head.enum)}`, 'enum', true);
  const b = new Set(base.enum.map((v) => JSON.stringify(v)));
  const h = new Set(head.enum.map((v) => JSON.stringify(v)));
  const added = [...h].filter((v) => !b.has(v));
  const removed = [...b].filter((v) => !h.has(v));
  if (added.length > 0) loosened(`enum values added: ${listed(added)}`, 'enum', true);
  if (removed.length > 0) tightened(`enum values removed: ${listed(removed)}`, 'enum', true);
}

function compareAdditionalProperties(base: Schema, head: Schema, loosened: Report, tightened: Report) {
  const closed = (s: Schema) => s.additionalProperties === false;
  if (closed(base) && !closed(head))
    loosened(
      'additional properties are now allowed',
      'additionalProperties',
      head.additionalProperties !== undefined,
    );
  if (!closed(base) && closed(head))
    tightened('additional properties are no longer allowed', 'additionalProperties', true);
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

function dedupe(changes: SchemaChange[]): SchemaChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.kind}|${c.location.file}|${c.location.pointer}|${c.what}|${c.subject ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toChange(c: SchemaChange, direction: Direction, label: string): Change {
  const breaking =
    c.kind === 'schema-type-changed' ||
    (direction === 'request' &&
      (c.kind === 'schema-constraint-tightened' || c.kind === 'schema-constraint-changed')) ||
    (direction === 'response' &&
      (c.kind === 'schema-constraint-loosened' ||
        c.kind === 'schema-property-removed' ||
        c.kind === 'schema-constraint-changed'));
  const where = c.at === '' ? label : `${label} \`${c.at.replace(/^\./, '')}\``;
  return {
    kind: c.kind,
    side: direction,
    message: `${where}: ${c.what}`,
    pointer: c.location.pointer,
    breaking,
    location: c.location,
  };
}

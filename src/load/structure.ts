// Structural validation of a loaded description by @redocly/openapi-core's definition of OpenAPI: is it
// OpenAPI as its version defines it (a parameter without `in`, a response that is a string, an unknown field
// in a Security Scheme Object), are its path parameters declared, are its operationIds unique.
//
// openapi-core stays the definition: its node types for the version (`getTypes`, `normalizeTypes`: fields,
// required fields, enums, what may be a `$ref`) and its visitor contexts (`normalizeVisitors`). The walk and
// the five rules are ported here from its `walkDocument` and rules (struct, path-parameters-defined,
// path-declaration-must-exist, operation-operationId-unique, operation-parameters-unique): the same nodes,
// in the same order, each referenced node once per type, the same problems at the same pointers. Its own
// walk made a Location, a pointer string and a dozen closures for every node of every document: a fourth of
// an inventory's CPU. Here a node's pointer is made only when a problem names it.
//
// Only the files the load already read and parsed are walked: a `$ref` to anything else (remote, outside the
// workspace, missing, refused) is left unresolved; the load reports those itself (config-unresolved-ref,
// config-remote-ref, config-ref-outside-workspace). Nothing here reads a disk or the network.
// `src/load/structure-oracle.ts` keeps openapi-core's own walk for the parity test and script. Ported from
// openapi-core 2.64.0: after an upgrade, `npx tsx scripts/structure-parity.ts` says whether the two still agree.
import { posix } from 'node:path';
import {
  detectSpec,
  getMajorSpecVersion,
  getTypes,
  normalizeTypes,
  normalizeVisitors,
  type SpecVersion,
} from '@redocly/openapi-core';
import type { Loc, SpecProblem } from '../model.js';
import { joinPointer, parsePointer } from '../util/pointer.js';
import { MAX_REF_HOPS, own, refOf } from './documents.js';
import type { LoadedSpec } from './index.js';
import type { SourceFile } from './source.js';

/**
 * The structural problems of a loaded description, at the file and JSON pointer openapi-core names (in
 * `$ref`'d files too). None for a version that does not exist or could not be read as OpenAPI: its load
 * problems already say why.
 */
export function structureProblems(spec: LoadedSpec): SpecProblem[] {
  if (!spec.exists || !spec.model) return [];
  const files = new LoadedFiles(spec.files);
  const root = files.parsed(spec.path);
  if (root === undefined) return [];
  let found: Found[];
  try {
    found = walkDocument(root, spec.path, files);
  } catch (error) {
    // Never a silent skip: say that the structure was not checked, at the document.
    const why = `the structural walk failed (${error instanceof Error ? error.message : String(error)})`;
    return [
      { kind: 'structure', message: `structure not checked: ${why}`, loc: { file: spec.path, pointer: '' } },
    ];
  }
  const problems = new Map<string, SpecProblem>();
  for (const p of found) {
    const pointer = pointerOf(p.place.pointer);
    const loc: Loc = { file: p.place.file, pointer: keyFor(files.parsed(p.place.file), pointer) };
    const message = `${p.message.replace(/\.$/, '')} (openapi-core ${p.ruleId})`;
    problems.set(`${loc.file}#${loc.pointer}|${message}`, { kind: 'structure', message, loc });
  }
  return [...problems.values()];
}

// ---------------------------------------------------------------------------------------------------------
// Places: a node's file and openapi-core's pointer to it (`#/paths/~1a`, the root `#/`), the pointer joined
// only when asked (a problem, a primitive's identity), exactly as openapi-core's Location joins it.

class Place {
  private text: string | undefined;
  constructor(
    readonly file: string,
    private readonly parent: Place | undefined,
    /** The escaped segment(s) below the parent, joined with `/`. */
    private readonly segment: string,
    text?: string,
  ) {
    this.text = text;
  }

  get pointer(): string {
    if (this.text === undefined) {
      const base = this.parent!.pointer;
      this.text = base.endsWith('/') ? base + this.segment : `${base}/${this.segment}`;
    }
    return this.text;
  }

  /** openapi-core's `absolutePointer` as an identity: the file and the pointer. */
  get id(): string {
    return `${this.file}\0${this.pointer}`;
  }

  child(key: string | number): Place {
    return new Place(this.file, this, escapeFragment(key));
  }

  /** openapi-core's `location.child([a, b])`: the segments joined in one step. */
  childPath(keys: (string | number)[]): Place {
    return new Place(this.file, this, keys.map(escapeFragment).join('/'));
  }
}

function escapeFragment(fragment: string | number): string {
  if (typeof fragment === 'number') return String(fragment);
  if (fragment.indexOf('/') === -1 && fragment.indexOf('~') === -1) return fragment;
  return fragment.replaceAll('~', '~0').replaceAll('/', '~1');
}

// ---------------------------------------------------------------------------------------------------------
// `$ref`s, resolved by the load's own rules (src/load/documents.ts) among the files it read.

interface Resolved {
  node: unknown;
  place: Place;
}

class LoadedFiles {
  private readonly documents = new Map<string, unknown>();
  private readonly resolved = new Map<string, Resolved | null>();
  /** A `$ref` reached a node by a pointer with an empty segment (`#/a/`, `#/a//b`). */
  emptySegment = false;

  constructor(files: SourceFile[]) {
    for (const file of files) if (file.value !== undefined) this.documents.set(file.path, file.value);
  }

  parsed(path: string): unknown {
    return this.documents.get(path);
  }

  /** The node a `$ref` written in `fromFile` reaches (further `$ref`s followed), once per pair. */
  resolve(ref: string, fromFile: string): Resolved | undefined {
    const id = `${fromFile}\0${ref}`;
    let known = this.resolved.get(id);
    if (known === undefined) {
      known = this.follow(fromFile, ref);
      this.resolved.set(id, known);
    }
    return known ?? undefined;
  }

  private follow(fromFile: string, ref: string): Resolved | null {
    let file = fromFile;
    let current = ref;
    for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
      const hash = current.indexOf('#');
      const filePart = hash === -1 ? current : current.slice(0, hash);
      const target = filePart === '' ? file : refFile(filePart, file);
      if (target === undefined || !this.documents.has(target)) return null;
      const fragment = hash === -1 ? '' : fragmentOf(current.slice(hash));
      if (fragment !== '' && !fragment.startsWith('/')) return null;
      let node: unknown = this.documents.get(target);
      for (const segment of parsePointer(fragment)) {
        node = own(node, segment);
        if (node === undefined) return null;
        if (segment === '') this.emptySegment = true;
      }
      const next = refOf(node);
      if (next === undefined) return { node, place: new Place(target, undefined, '', `#${fragment || '/'}`) };
      file = target;
      current = next;
    }
    return null;
  }
}

/** The workspace path (or allowed URL) a `$ref`'s file part names, as the load resolves it; undefined for another scheme. */
export function refFile(filePart: string, fromFile: string): string | undefined {
  if (/^https?:\/\//i.test(fromFile) || /^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
    try {
      const url = new URL(filePart, fromFile);
      url.hash = '';
      return url.href;
    } catch {
      return undefined;
    }
  }
  let decoded = filePart;
  try {
    decoded = decodeURIComponent(filePart);
  } catch {
    // kept as written, as the load does
  }
  return posix.normalize(posix.join(posix.dirname(fromFile), decoded.replace(/\\/g, '/')));
}

export function fragmentOf(fragment: string): string {
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    // an invalid escape simply will not resolve
  }
  return decoded.slice(1);
}

// ---------------------------------------------------------------------------------------------------------
// openapi-core's normalized node types and visitor contexts, as this walk reads them.

/** A scalar field's schema (`{ type: 'string', enum: [...] }`), or `null`: any value. */
interface ScalarSchema {
  name?: undefined;
  type?: string;
  items?: ScalarSchema;
  enum?: unknown[];
  resolvable?: boolean;
  directResolveAs?: NodeType;
  minimum?: number;
  documentationLink?: string;
}
type PropType = NodeType | ScalarSchema | null | undefined;
type TypeOf = (value: unknown, key?: string) => PropType;

interface NodeType {
  name: string;
  properties: Record<string, PropType | TypeOf>;
  additionalProperties?: PropType | TypeOf;
  items?: PropType | TypeOf;
  required?: string[] | ((value: unknown, key: string | number | undefined) => string[]);
  requiredOneOf?: string[];
  allowed?: (value: unknown) => string[] | undefined;
  extensionsPrefix?: string;
  directResolveAs?: NodeType;
}

interface Stack<T> {
  prev: Stack<T> | null;
  value: T;
}

interface Activation {
  node: unknown;
  location: Place;
  nextLevelTypeActivated: Stack<NodeType> | null;
  withParentNode: unknown;
}

/** A level of a rule's visitor (`PathItem` → `Operation` → `Parameter`), or a level skipped between two. */
interface Context {
  activatedOn: Stack<Activation> | null;
  type: NodeType;
  parent: Context | null;
  isSkippedLevel: boolean;
  seen?: Set<unknown>;
}

/** What a visitor is told of the node it visits. */
interface At {
  walk: Walk;
  /** The node's place, where a `$ref` led (openapi-core's `location`). */
  location: Place;
  type: NodeType;
  key: string | number | undefined;
}

type Visit = (node: never, at: At, entry: Entry) => void;

interface Entry {
  ruleId: string;
  visit: Visit;
  context: Context;
}

interface Found {
  ruleId: string;
  message: string;
  place: Place;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isRef = (value: unknown): value is { $ref: string } =>
  isPlainObject(value) && typeof value.$ref === 'string';
const isNamedType = (type: unknown): type is NodeType =>
  typeof (type as { name?: unknown } | null | undefined)?.name === 'string';
const getOwn = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

// ---------------------------------------------------------------------------------------------------------
// The walk: openapi-core's `walkDocument` (lib/walk.js) for visitors without `ref`, `skip` or custom
// messages, and `$ref`s without resolution chains (the load follows a chain to its end).

const SCALAR: NodeType = { name: 'scalar', properties: {} };

class Walk {
  readonly found: Found[] = [];
  /** By type name: the nodes walked as that type, and the one being walked. */
  private readonly byType = new Map<string, TypeState>();
  private readonly walkedComposedRefs = new Set<string>();
  private readonly ignoredNodes = new Set<string>();
  /**
   * The nodes at those places: a place names one node, so only a node in here can be at an ignored place,
   * and only its place need be joined. Unless a key or a `$ref` has an empty segment (`#/a/` + `b` is
   * openapi-core's pointer of both `a.b` and `a[''].b`): then every place is compared.
   */
  private readonly ignoredValues = new Set<unknown>();
  private emptyKey = false;

  constructor(
    private readonly files: LoadedFiles,
    readonly rules: Rules,
  ) {}

  report(ruleId: string, message: string, place: Place): void {
    this.found.push({ ruleId, message, place });
  }

  /** openapi-core's `ignoreNextVisitorsOnNode`: the other rules skip a node of the wrong shape. */
  ignore(node: unknown, place: Place): void {
    this.ignoredNodes.add(place.id);
    this.ignoredValues.add(node);
  }

  private isIgnored(node: unknown, place: Place): boolean {
    if (this.ignoredNodes.size === 0) return false;
    if (!this.emptyKey && !this.files.emptySegment && !this.ignoredValues.has(node)) return false;
    return this.ignoredNodes.has(place.id);
  }

  /** openapi-core's `resolve` for a visitor: the node a `$ref` reaches, from the file it is written in. */
  resolve(ref: { $ref: string }, fromFile: string): unknown {
    return this.files.resolve(ref.$ref, fromFile)?.node;
  }

  walkNode(node: unknown, type: NodeType, location: Place, key: string | number | undefined): void {
    // A scalar type only ever walks a `$ref`, and does nothing with it: no visitor has a `ref` level.
    if (type.name === 'scalar') return;
    let resolvedNode: unknown = node;
    let resolvedLocation: Place | undefined = location;
    const nodeIsRef = isRef(node);
    if (nodeIsRef) {
      const resolved = this.files.resolve(node.$ref, location.file);
      resolvedNode = resolved?.node;
      resolvedLocation = resolved?.place;
    }
    // a `$ref` with fields next to it: those fields are walked once per type at that place
    const withSiblings = nodeIsRef && Object.keys(node).length > 1;
    let composedRefAlreadyWalked = false;
    if (withSiblings) {
      const id = `${type.name}\0${location.id}`;
      composedRefAlreadyWalked = this.walkedComposedRefs.has(id);
      this.walkedComposedRefs.add(id);
    }
    if (resolvedNode === undefined || resolvedLocation === undefined) return;

    // primitives have no identity to dedupe by: their place does; objects dedupe by identity
    const seenKey = typeof resolvedNode === 'object' && resolvedNode !== null ? resolvedNode : location.id;
    let typeState = this.byType.get(type.name);
    if (!typeState) {
      typeState = { seen: new Set(), walking: undefined };
      this.byType.set(type.name, typeState);
    }
    // Added now, seen before when the set did not grow: one lookup instead of `has` and `add` (this runs
    // for every node; nothing below reads the set before the node's fields are walked).
    const seenBefore = typeState.seen.size;
    typeState.seen.add(seenKey);
    const isNodeSeen = typeState.seen.size === seenBefore;
    let visitedBySome = false;
    // Made for the nodes a rule visits only (most nodes none): two objects per node were a fifth of the walk.
    let activated: Context[] | undefined;
    let at: At | undefined;
    for (const entry of this.rules.enter(type)) {
      if (this.isIgnored(resolvedNode, resolvedLocation)) break;
      const context = entry.context;
      if (context.isSkippedLevel) {
        const parentOn = context.parent!.activatedOn;
        if (parentOn && !parentOn.value.nextLevelTypeActivated && !context.seen!.has(node)) {
          context.seen!.add(node);
          visitedBySome = true;
          activated ??= [];
          activated.push(context);
        }
        continue;
      }
      const parent = context.parent;
      const parentOn = parent?.activatedOn;
      const enters = parent
        ? parentOn !== null &&
          parentOn !== undefined &&
          parentOn.value.node === this.byType.get(parent.type.name)?.walking &&
          context.activatedOn?.value.withParentNode !== parentOn.value.node &&
          // not when a deeper level of the same rule took this type (deeper visitors come first)
          parentOn.value.nextLevelTypeActivated?.value !== type
        : !isNodeSeen; // a top level visits each node once per type
      if (!enters) continue;
      activated ??= [];
      activated.push(context);
      context.activatedOn = {
        prev: context.activatedOn,
        value: {
          node: resolvedNode,
          location: resolvedLocation,
          nextLevelTypeActivated: null,
          withParentNode: parentOn?.value.node,
        },
      };
      for (let up = context.parent; up; up = up.parent) {
        const on = up.activatedOn!.value;
        on.nextLevelTypeActivated = { prev: on.nextLevelTypeActivated, value: type };
      }
      visitedBySome = true;
      at ??= { walk: this, location: resolvedLocation, type, key };
      entry.visit(resolvedNode as never, at, entry);
    }

    const prevWalkingNode = typeState.walking;
    typeState.walking = resolvedNode;
    if (visitedBySome || !isNodeSeen) {
      if (Array.isArray(resolvedNode)) {
        const itemsType = type.items;
        if (itemsType !== undefined) {
          for (let i = 0; i < resolvedNode.length; i++) {
            let itemType = typeof itemsType === 'function' ? itemsType(resolvedNode[i]) : itemsType;
            let itemValue: unknown = resolvedNode[i];
            if (itemType?.directResolveAs) {
              itemType = itemType.directResolveAs;
              itemValue = { $ref: itemValue };
            }
            if (isNamedType(itemType)) this.walkNode(itemValue, itemType, resolvedLocation.child(i), i);
          }
        }
      } else if (isPlainObject(resolvedNode)) {
        // in the order of the type's fields first, then the node's other keys
        const fields = fieldsOf(type);
        const keys = Object.keys(resolvedNode);
        for (const propName of fields.inherited ? fields.names : fieldsIn(keys, fields.order)) {
          const value = resolvedNode[propName];
          if (value !== undefined) this.walkProp(type, propName, value, resolvedLocation);
        }
        if (type.additionalProperties || type.extensionsPrefix) {
          const prefix = type.additionalProperties ? undefined : type.extensionsPrefix;
          for (const propName of keys) {
            if (fields.order.has(propName) || (prefix !== undefined && !propName.startsWith(prefix)))
              continue;
            const value = resolvedNode[propName];
            if (value !== undefined) this.walkProp(type, propName, value, resolvedLocation);
          }
        }
      }
    }
    if (withSiblings && !composedRefAlreadyWalked) {
      // the keys written next to `$ref`, at the `$ref`'s own place
      const written = node as Record<string, unknown>;
      for (const propName of Object.keys(written)) {
        if (propName !== '$ref' && written[propName] !== (resolvedNode as Record<string, unknown>)[propName])
          this.walkProp(type, propName, written[propName], location);
      }
    }
    typeState.walking = prevWalkingNode;

    if (activated !== undefined) {
      for (let i = activated.length - 1; i >= 0; i--) {
        const context = activated[i]!;
        if (context.isSkippedLevel) {
          context.seen!.delete(resolvedNode);
          continue;
        }
        context.activatedOn = context.activatedOn?.prev ?? null;
        for (let up = context.parent; up; up = up.parent) {
          const on = up.activatedOn!.value;
          on.nextLevelTypeActivated = on.nextLevelTypeActivated?.prev ?? null;
        }
      }
      for (const entry of this.rules.leave(type)) {
        if (!entry.context.isSkippedLevel && activated.includes(entry.context)) {
          at ??= { walk: this, location: resolvedLocation, type, key };
          entry.visit(resolvedNode as never, at, entry);
        }
      }
    }
  }

  private walkProp(type: NodeType, propName: string, value: unknown, location: Place): void {
    let propType: PropType | TypeOf = getOwn(type.properties, propName);
    const isExtensionKey = type.extensionsPrefix !== undefined && propName.startsWith(type.extensionsPrefix);
    // extensions are not additional properties: only undeclared keys take the catch-all type
    if (propType === undefined && !isExtensionKey) propType = type.additionalProperties;
    if (typeof propType === 'function') propType = propType(value, propName);
    if (isExtensionKey && !isNamedType(propType)) propType = this.rules.specExtension;
    if (!isNamedType(propType) && propType?.directResolveAs) {
      propType = propType.directResolveAs;
      value = { $ref: value };
    }
    if (propType && propType.name === undefined && propType.resolvable !== false) propType = SCALAR;
    if (!isNamedType(propType) || (propType.name === 'scalar' && !isRef(value))) return;
    if (propName === '') this.emptyKey = true;
    this.walkNode(value, propType, location.child(propName), propName);
  }
}

interface TypeState {
  seen: Set<unknown>;
  walking: unknown;
}

interface Fields {
  names: string[];
  /** Each field's place in the type's order. */
  order: Map<string, number>;
  /**
   * A field named like a member of every object (`constructor`): openapi-core finds it on any node (its
   * `node[field] !== undefined`), so the type's fields are looked up one by one rather than among the keys.
   */
  inherited: boolean;
}
const fieldsByType = new WeakMap<NodeType, Fields>();
function fieldsOf(type: NodeType): Fields {
  let fields = fieldsByType.get(type);
  if (!fields) {
    const names = Object.keys(type.properties);
    fields = {
      names,
      order: new Map(names.map((name, i) => [name, i])),
      inherited: names.some((name) => name in Object.prototype),
    };
    fieldsByType.set(type, fields);
  }
  return fields;
}

/**
 * The node's keys that are fields of its type, in the type's order (a Schema type has some 45 fields, a
 * node a few): the keys themselves when they are all fields, written in that order (most nodes).
 */
function fieldsIn(keys: string[], order: Map<string, number>): string[] {
  let last = -1;
  let i = 0;
  for (; i < keys.length; i++) {
    const at = order.get(keys[i]!);
    if (at === undefined || at < last) break;
    last = at;
  }
  if (i === keys.length) return keys;
  // Insertion by place (a node has a few keys): `sort` with a comparator allocated a work copy per node.
  const found: string[] = [];
  const places: number[] = [];
  for (const key of keys) {
    const at = order.get(key);
    if (at === undefined) continue;
    let j = found.length;
    for (; j > 0 && places[j - 1]! > at; j--) {
      found[j] = found[j - 1]!;
      places[j] = places[j - 1]!;
    }
    found[j] = key;
    places[j] = at;
  }
  return found;
}

function walkDocument(root: unknown, file: string, files: LoadedFiles): Found[] {
  const specVersion = detectSpec(root);
  const rules = rulesFor(specVersion);
  const walk = new Walk(files, rules);
  rules.reset();
  try {
    walk.walkNode(root, rules.root, new Place(file, undefined, '', '#/'), '');
  } catch (error) {
    // a walk cut short leaves its contexts active: the next document gets new ones
    rulesByVersion.delete(specVersion);
    throw error;
  }
  return walk.found;
}

// ---------------------------------------------------------------------------------------------------------
// The rules, made once per spec version (an inventory walks thousands of documents) and reset per document.

interface Rules {
  root: NodeType;
  specExtension: NodeType;
  enter(type: NodeType): Entry[];
  leave(type: NodeType): Entry[];
  reset(): void;
}

interface Rule {
  visitor: object;
  reset(): void;
}

/** The rules in openapi-core's order for each major version (the order of its problems on one node). */
const RULE_ORDER: Record<string, string[]> = {
  oas2: [
    'struct',
    'operation-operationId-unique',
    'operation-parameters-unique',
    'path-parameters-defined',
    'path-declaration-must-exist',
  ],
  oas3: [
    'struct',
    'operation-operationId-unique',
    'operation-parameters-unique',
    'path-declaration-must-exist',
    'path-parameters-defined',
  ],
};

const RULE_MAKERS: Record<string, () => Rule> = {
  struct: () => ({ visitor: { any: struct }, reset() {} }),
  'operation-operationId-unique': operationIdUnique,
  'operation-parameters-unique': operationParametersUnique,
  'path-declaration-must-exist': () => ({ visitor: { PathItem: pathDeclarationMustExist }, reset() {} }),
  'path-parameters-defined': pathParametersDefined,
};

/** The rule ids, in order, for a spec version: what the parity test compares with openapi-core's config. */
export function structureRuleIds(specVersion: SpecVersion): string[] {
  const order = RULE_ORDER[getMajorSpecVersion(specVersion)];
  if (!order) throw new Error(`no structural rules for ${specVersion}`);
  return order;
}

const rulesByVersion = new Map<string, Rules>();
function rulesFor(specVersion: SpecVersion): Rules {
  const known = rulesByVersion.get(specVersion);
  if (known) return known;
  const types = normalizeTypes(getTypes(specVersion)) as unknown as Record<string, NodeType>;
  const root = types.Root;
  const specExtension = types.SpecExtension;
  if (!root || !specExtension) throw new Error(`no root type for ${specVersion}`);
  const made = structureRuleIds(specVersion).map((ruleId) => ({ ruleId, rule: RULE_MAKERS[ruleId]!() }));
  const normalized = normalizeVisitors(
    made.map(({ ruleId, rule }) => ({ ruleId, severity: 'error', visitor: rule.visitor })) as Parameters<
      typeof normalizeVisitors
    >[0],
    types as unknown as Parameters<typeof normalizeVisitors>[1],
  ) as unknown as Record<string, { enter: Entry[]; leave: Entry[] }>;
  const any = normalized.any!;
  if (normalized.ref!.enter.length > 0 || normalized.ref!.leave.length > 0)
    throw new Error('a rule visits `$ref`s');
  const enter = new Map<string, Entry[]>();
  const leave = new Map<string, Entry[]>();
  const contexts = new Set<Context>();
  for (const [typeName, visitors] of Object.entries(normalized)) {
    for (const entry of [...visitors.enter, ...visitors.leave])
      for (let c: Context | null = entry.context; c; c = c.parent) contexts.add(c);
    if (typeName === 'any' || typeName === 'ref') continue;
    enter.set(typeName, any.enter.concat(visitors.enter));
    leave.set(typeName, visitors.leave.concat(any.leave));
  }
  const rules: Rules = {
    root,
    specExtension,
    enter: (type) => enter.get(type.name) ?? any.enter,
    leave: (type) => leave.get(type.name) ?? any.leave,
    reset() {
      for (const context of contexts) {
        context.activatedOn = null;
        context.seen?.clear();
      }
      for (const { rule } of made) rule.reset();
    },
  };
  rulesByVersion.set(specVersion, rules);
  return rules;
}

// ---------------------------------------------------------------------------------------------------------
// The rules, ported from openapi-core (lib/rules/common/*.js), reporting what and where it reports.

function oasTypeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

function matchesJsonSchemaType(value: unknown, type: string): boolean {
  switch (type) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

/** openapi-core's `node.hasOwnProperty(name)`, failing as it does on a node with its own `hasOwnProperty` key. */
function hasField(node: Record<string, unknown>, name: string): boolean {
  if (Object.hasOwn(node, 'hasOwnProperty')) throw new TypeError('node.hasOwnProperty is not a function');
  return Object.hasOwn(node, name);
}

const MAX_ENUM_VALUES_IN_MESSAGE = 10;

function enumProblem(
  values: unknown[],
  value: unknown,
  propName: string,
  documentationLink: string | undefined,
): string | undefined {
  if (values.includes(value)) return undefined;
  return values.length > MAX_ENUM_VALUES_IN_MESSAGE
    ? `\`${propName}\` "${value}" is not a valid value.${documentationLink ? ` See the supported values: ${documentationLink}.` : ''}`
    : `\`${propName}\` can be one of the following only: ${values.map((v) => `"${v}"`).join(', ')}.`;
}

/** struct: the node has its type's shape (lib/rules/common/struct.js). */
function struct(node: unknown, at: At, entry: Entry): void {
  const { type, location, walk } = at;
  const report = (message: string, place: Place = location) => walk.report(entry.ruleId, message, place);
  const nodeType = oasTypeOf(node);
  if (type.items) {
    if (nodeType !== 'array') {
      report(`Expected type \`${type.name}\` (array) but got \`${nodeType}\``);
      walk.ignore(node, location);
    }
    return;
  }
  if (nodeType !== 'object') {
    // unknown extensions' structure is not validated
    if (type !== walk.rules.specExtension)
      report(`Expected type \`${type.name}\` (object) but got \`${nodeType}\``);
    walk.ignore(node, location);
    return;
  }
  const fields = node as Record<string, unknown>;
  const required = typeof type.required === 'function' ? type.required(node, at.key) : type.required;
  for (const propName of required || []) {
    if (!hasField(fields, propName)) report(`The field \`${propName}\` must be present on this level.`);
  }
  const allowed = type.allowed?.(node);
  if (allowed) {
    for (const propName in fields) {
      if (
        allowed.includes(propName) ||
        (type.extensionsPrefix && propName.startsWith(type.extensionsPrefix)) ||
        !Object.keys(type.properties).includes(propName)
      )
        continue;
      report(`The field \`${propName}\` is not allowed here.`, location.child(propName));
    }
  }
  const requiredOneOf = type.requiredOneOf || null;
  if (requiredOneOf) {
    let hasProperty = false;
    for (const propName of requiredOneOf) if (hasField(fields, propName)) hasProperty = true;
    if (!hasProperty)
      report(`Must contain at least one of the following fields: ${requiredOneOf.join(', ')}.`);
  }
  for (const propName of Object.keys(fields)) {
    let propValue = fields[propName];
    let propType: PropType | TypeOf = getOwn(type.properties, propName);
    if (propType === undefined) propType = type.additionalProperties;
    if (typeof propType === 'function') propType = propType(propValue, propName);
    if (isNamedType(propType)) continue; // walked, and checked there
    const propSchema = propType;
    const propValueType = oasTypeOf(propValue);
    if (propSchema === undefined) {
      if (propName.startsWith('x-')) continue;
      report(`Property \`${propName}\` is not expected here.`, location.child(propName));
      continue;
    }
    if (propSchema === null) continue; // defined, any value
    if (propSchema.resolvable !== false && isRef(propValue))
      propValue = walk.resolve(propValue, location.file);
    const itemsEnum = propSchema.items?.enum;
    if (itemsEnum && Array.isArray(propValue)) {
      for (let i = 0; i < propValue.length; i++) {
        const problem = enumProblem(itemsEnum, propValue[i], propName, propSchema.items?.documentationLink);
        if (problem) report(problem, location.childPath([propName, i]));
      }
    }
    if (propSchema.enum) {
      const problem = enumProblem(propSchema.enum, propValue, propName, propSchema.documentationLink);
      if (problem) report(problem, location.child(propName));
    } else if (propSchema.type && !matchesJsonSchemaType(propValue, propSchema.type)) {
      report(`Expected type \`${propSchema.type}\` but got \`${propValueType}\`.`, location.child(propName));
      walk.ignore(node, location);
    } else if (propValueType === 'array' && propSchema.items?.type) {
      const itemsType = propSchema.items.type;
      const items = propValue as unknown[];
      for (let i = 0; i < items.length; i++) {
        if (!matchesJsonSchemaType(items[i], itemsType))
          report(
            `Expected type \`${itemsType}\` but got \`${oasTypeOf(items[i])}\`.`,
            location.childPath([propName, i]),
          );
      }
    }
    if (typeof propSchema.minimum === 'number' && propSchema.minimum > (fields[propName] as number))
      report(
        `The value of the ${propName} field must be greater than or equal to ${propSchema.minimum}`,
        location.child(propName),
      );
  }
}

/** path-declaration-must-exist: no `{}` in a path. */
function pathDeclarationMustExist(_path: unknown, at: At, entry: Entry): void {
  if ((at.key as string).indexOf('{}') !== -1)
    at.walk.report(
      entry.ruleId,
      'Path parameter declarations must be non-empty. `{}` is invalid.',
      at.location,
    );
}

/** operation-operationId-unique. */
function operationIdUnique(): Rule {
  let seenOperations = new Set<unknown>();
  return {
    reset() {
      seenOperations = new Set();
    },
    visitor: {
      Operation(operation: { operationId?: unknown }, at: At, entry: Entry) {
        if (!operation.operationId) return;
        if (seenOperations.has(operation.operationId))
          at.walk.report(
            entry.ruleId,
            'Every operation must have a unique `operationId`.',
            at.location.child(operation.operationId as string),
          );
        seenOperations.add(operation.operationId);
      },
    },
  };
}

/** openapi-core's `parentLocations`: the place of each enclosing level's node, by type (the outermost wins). */
function parentLocation(context: Context, typeName: string): Place {
  const locations: Record<string, Place> = {};
  for (let c = context; c.parent; c = c.parent) {
    const location = c.parent.activatedOn?.value.location;
    if (location) locations[c.parent.type.name] = location;
  }
  return locations[typeName]!;
}

interface ParameterNode {
  in?: unknown;
  name?: unknown;
}

/** operation-parameters-unique. */
function operationParametersUnique(): Rule {
  let seenPathParams = new Set<string>();
  let seenOperationParams = new Set<string>();
  return {
    reset() {
      seenPathParams = new Set();
      seenOperationParams = new Set();
    },
    visitor: {
      PathItem: {
        enter() {
          seenPathParams = new Set();
        },
        Parameter(parameter: ParameterNode, at: At, entry: Entry) {
          const paramId = `${parameter.in}___${parameter.name}`;
          if (seenPathParams.has(paramId))
            at.walk.report(
              entry.ruleId,
              `Paths must have unique \`name\` + \`in\` parameters.\nRepeats of \`in:${parameter.in}\` + \`name:${parameter.name}\`.`,
              parentLocation(entry.context, 'PathItem').childPath(['parameters', at.key!]),
            );
          seenPathParams.add(`${parameter.in}___${parameter.name}`);
        },
        Operation: {
          enter() {
            seenOperationParams = new Set();
          },
          Parameter(parameter: ParameterNode, at: At, entry: Entry) {
            const paramId = `${parameter.in}___${parameter.name}`;
            if (seenOperationParams.has(paramId))
              at.walk.report(
                entry.ruleId,
                `Operations must have unique \`name\` + \`in\` parameters. Repeats of \`in:${parameter.in}\` + \`name:${parameter.name}\`.`,
                parentLocation(entry.context, 'Operation').childPath(['parameters', at.key!]),
              );
            seenOperationParams.add(paramId);
          },
        },
      },
    },
  };
}

/** path-parameters-defined (openapi-core's path-params-defined.js), callbacks one level deep. */
function pathParametersDefined(): Rule {
  const pathContext: { current: PathContext | null } = { current: null };
  const currentOperationParams = new Set<string>();
  return {
    reset() {
      pathContext.current = null;
    },
    visitor: {
      PathItem: {
        enter(_: unknown, at: At) {
          pathItemEnter(pathContext, at.key as string);
        },
        leave() {
          pathContext.current = null;
        },
        Parameter(parameter: ParameterNode, at: At, entry: Entry) {
          pathItemParameter(parameter, pathContext, at, entry);
        },
        Operation: operationHandlers(pathContext, currentOperationParams),
      },
    },
  };
}

interface PathContext {
  path: string;
  templateParams: Set<string>;
  definedParams: Set<string>;
}

const PATH_TEMPLATE = /\{([a-zA-Z0-9_.-]+)\}+/g;
const MAX_CALLBACK_DEPTH = 2; // openapi-core checks the first callback level only

function pathItemEnter(pathContext: { current: PathContext | null }, key: string): void {
  pathContext.current = {
    path: key,
    templateParams: new Set(Array.from(key.matchAll(PATH_TEMPLATE)).map((m) => m[1]!)),
    definedParams: new Set(),
  };
}

function pathItemParameter(
  parameter: ParameterNode,
  pathContext: { current: PathContext | null },
  at: At,
  entry: Entry,
): void {
  if (parameter.in === 'path' && parameter.name && pathContext.current) {
    pathContext.current.definedParams.add(parameter.name as string);
    validatePathParameter(parameter.name as string, pathContext.current, at, entry);
  }
}

function validatePathParameter(paramName: string, current: PathContext, at: At, entry: Entry): void {
  if (!current.templateParams.has(paramName))
    at.walk.report(
      entry.ruleId,
      `Path parameter \`${paramName}\` is not used in the path \`${current.path}\`.`,
      at.location.child('name'),
    );
}

function operationHandlers(
  pathContext: { current: PathContext | null },
  currentOperationParams: Set<string>,
  depth = 0,
): object {
  if (depth >= MAX_CALLBACK_DEPTH) {
    return {
      enter: () => {},
      leave: (_op: unknown, at: At, entry: Entry) => {
        at.walk.report(
          entry.ruleId,
          `Maximum callback nesting depth (${depth}) reached. Path parameter validation is limited beyond this depth to prevent infinite recursion.`,
          at.location,
        );
      },
      Parameter: () => {},
      Callback: undefined,
    };
  }
  const callbackPathItem = () => {
    let parentPathContext: PathContext | null = null;
    return {
      enter(_: unknown, at: At) {
        parentPathContext = pathContext.current;
        pathItemEnter(pathContext, at.key as string);
      },
      leave() {
        pathContext.current = parentPathContext;
      },
      Parameter(parameter: ParameterNode, at: At, entry: Entry) {
        pathItemParameter(parameter, pathContext, at, entry);
      },
      get Operation() {
        return operationHandlers(pathContext, currentOperationParams, depth + 1);
      },
    };
  };
  return {
    enter() {
      currentOperationParams = new Set();
    },
    leave(_operation: unknown, at: At, entry: Entry) {
      const current = pathContext.current;
      if (!current || !currentOperationParams) return;
      const allDefinedParams = new Set([...currentOperationParams, ...current.definedParams]);
      for (const templateParam of current.templateParams) {
        if (!allDefinedParams.has(templateParam))
          at.walk.report(
            entry.ruleId,
            `The operation does not define the path parameter \`{${templateParam}}\` expected by path \`${current.path}\`.`,
            at.location.child('parameters'),
          );
      }
    },
    Parameter(parameter: ParameterNode, at: At, entry: Entry) {
      if (isPlainObject(parameter) && 'in' in parameter && 'name' in parameter) {
        if (parameter.in === 'path' && parameter.name) currentOperationParams.add(parameter.name as string);
      }
      if (parameter.in === 'path' && parameter.name && pathContext.current) {
        currentOperationParams.add(parameter.name as string);
        validatePathParameter(parameter.name as string, pathContext.current, at, entry);
      }
    },
    Callback: {
      get PathItem() {
        return callbackPathItem();
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Some rules point below a field at its value (`…/get/getPayment` for a duplicate `operationId`): then the
 * field holding that value, so the finding lands on its line.
 */
export function keyFor(root: unknown, pointer: string): string {
  const segments = parsePointer(pointer);
  const last = segments.pop();
  let parent = root;
  for (const segment of segments) parent = own(parent, segment);
  if (last === undefined || parent === null || typeof parent !== 'object' || Object.hasOwn(parent, last))
    return pointer;
  const key = Object.keys(parent).find((k) => (parent as Record<string, unknown>)[k] === last);
  return key === undefined ? pointer : joinPointer(pointer.slice(0, pointer.lastIndexOf('/')), key);
}

/** openapi-core's `#/a/b` (the root `#/`) as the load's pointer (`/a/b`, the root ``). */
export function pointerOf(pointer: string): string {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  return body === '/' ? '' : body;
}

// The oracle for src/load/structure.ts: openapi-core's own `walkDocument` with the same five rules, over the
// same loaded files. Only the parity test (test/structure-parity.test.ts) and scripts/structure-parity.ts
// use it: the engine runs the ported walk, which reports the same problems at a fraction of the CPU.
//
// openapi-core lints the files this load already read and parsed, handed over in memory: its resolver
// never reads a file or the network (a PR's content is hostile). A `$ref` to anything the load did not
// read (remote, outside the workspace, missing, refused) is left unresolved here; the load reports those
// itself (config-unresolved-ref, config-remote-ref, config-ref-outside-workspace).
import {
  type Config,
  createConfig,
  type Document,
  detectSpec,
  getMajorSpecVersion,
  getTypes,
  type NormalizedProblem,
  normalizeTypes,
  normalizeVisitors,
  type ResolvedRefMap,
  ResolveError,
  Source,
  walkDocument,
} from '@redocly/openapi-core';
import type { Loc, SpecProblem } from '../model.js';
import { parsePointer } from '../util/pointer.js';
import { MAX_REF_HOPS, own, refOf } from './documents.js';
import type { LoadedSpec } from './index.js';
import type { SourceFile } from './source.js';
import { fragmentOf, keyFor, pointerOf, refFile } from './structure.js';

/**
 * openapi-core's rules that say whether a document is structurally OpenAPI, and the few others a reader of
 * security relies on. Off, because the tool already reports them: `security-defined` (auth-undefined-scheme,
 * auth-missing), `no-unresolved-refs` (the load's own `$ref` problems), `no-identical-paths` (config-invalid).
 */
const RULES = {
  struct: 'error',
  'path-parameters-defined': 'error',
  'path-declaration-must-exist': 'error',
  'operation-operationId-unique': 'error',
  'operation-parameters-unique': 'error',
  'no-unresolved-refs': 'off',
  'security-defined': 'off',
  'no-identical-paths': 'off',
} as const;

type ResolvedRef = ResolvedRefMap extends Map<string, infer R> ? R : never;

/**
 * openapi-core's configuration of the rules above and nothing else (no `extends`, no config file, no
 * plugins). Made once, asynchronously, when this module loads; callers await `openapiCoreReady()`.
 */
let config: Config | undefined;
let configFailure: string | undefined;
const configured = createConfig({ rules: RULES } as Parameters<typeof createConfig>[0]).then(
  (made) => {
    config = made;
  },
  (error: unknown) => {
    configFailure = error instanceof Error ? error.message : String(error);
  },
);

/** Resolves once the structural rules are ready (or could not be made: `structureProblems` says so). */
export function openapiCoreReady(): Promise<void> {
  return configured;
}

/**
 * The loaded files as openapi-core documents, and the `$ref`s between them resolved on demand, by the
 * load's own rules (src/load/documents.ts): a `$ref` to anything the load did not read (remote, outside
 * the workspace, missing, refused) does not resolve. Nothing here reads a disk or a network.
 *
 * openapi-core's own `resolveDocument` would first walk the whole document to collect every `$ref`
 * (asynchronously, most of a lint's time on GitHub's description); its walk only asks the map `get`.
 */
class LoadedRefs extends Map<string, ResolvedRef> {
  private readonly documents = new Map<string, Document>();
  /** openapi-core's ids for the files (`f0`, `f1`…): a ref id is `<id>::<$ref>`, unambiguous without `::` in ids. */
  private readonly paths: string[] = [];

  constructor(files: SourceFile[]) {
    super();
    for (const file of files) {
      if (file.value === undefined) continue;
      const id = `f${this.paths.length}`;
      this.paths.push(file.path);
      this.documents.set(file.path, { source: new Source(id, ''), parsed: file.value });
    }
  }

  document(path: string): Document | undefined {
    return this.documents.get(path);
  }

  pathOf(id: string): string {
    return this.paths[Number(id.slice(1))] ?? id;
  }

  override get(refId: string): ResolvedRef | undefined {
    const known = super.get(refId);
    if (known) return known;
    const split = refId.indexOf('::');
    if (split === -1) return undefined;
    const resolved = this.follow(this.pathOf(refId.slice(0, split)), refId.slice(split + 2));
    super.set(refId, resolved);
    return resolved;
  }

  /** The node a `$ref` written in `fromFile` reaches, following further `$ref`s on the way. */
  private follow(fromFile: string, ref: string): ResolvedRef {
    let file = fromFile;
    let current = ref;
    for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
      const hash = current.indexOf('#');
      const filePart = hash === -1 ? current : current.slice(0, hash);
      const target = filePart === '' ? file : refFile(filePart, file);
      const document = target === undefined ? undefined : this.documents.get(target);
      if (!document || target === undefined) return unresolved(current, filePart !== '');
      const fragment = hash === -1 ? '' : fragmentOf(current.slice(hash));
      if (fragment !== '' && !fragment.startsWith('/')) return unresolved(current, false);
      let node: unknown = document.parsed;
      for (const segment of parsePointer(fragment)) {
        node = own(node, segment);
        if (node === undefined) return unresolved(current, false);
      }
      const next = refOf(node);
      if (next === undefined)
        return {
          resolved: true,
          isRemote: target !== fromFile,
          node,
          document,
          nodePointer: `#${fragment || '/'}`,
        };
      file = target;
      current = next;
    }
    return unresolved(ref, false);
  }
}

function unresolved(ref: string, isRemote: boolean): ResolvedRef {
  return {
    resolved: false,
    isRemote,
    error: new ResolveError(new Error(`\`$ref\` "${ref}" was not loaded`)),
  };
}

/**
 * The structural problems of a loaded description, at the file and JSON pointer openapi-core names (in
 * `$ref`'d files too). None for a version that does not exist or could not be read as OpenAPI: its load
 * problems already say why.
 */
export function structureProblemsByOpenapiCore(spec: LoadedSpec): SpecProblem[] {
  if (!spec.exists || !spec.model) return [];
  const refs = new LoadedRefs(spec.files);
  const document = refs.document(spec.path);
  if (!document) return [];
  const notChecked = (why: string): SpecProblem[] => [
    { kind: 'structure', message: `structure not checked: ${why}`, loc: { file: spec.path, pointer: '' } },
  ];
  if (!config) return notChecked(`openapi-core's rules could not be made (${configFailure ?? 'not ready'})`);
  let found: NormalizedProblem[];
  try {
    found = lint(config, document, refs);
  } catch (error) {
    // Never a silent skip: say that the structure was not checked, at the document.
    return notChecked(`openapi-core failed (${error instanceof Error ? error.message : String(error)})`);
  }
  const problems = new Map<string, SpecProblem>();
  for (const p of found) {
    const at = p.location[0];
    if (!at) continue;
    const file = refs.pathOf(at.source.absoluteRef);
    const pointer = pointerOf(at.pointer ?? '#/');
    const loc: Loc = { file, pointer: keyFor(refs.document(file)?.parsed, pointer) };
    const message = `${p.message.replace(/\.$/, '')} (openapi-core ${p.ruleId})`;
    problems.set(`${loc.file}#${loc.pointer}|${message}`, { kind: 'structure', message, loc });
  }
  return [...problems.values()];
}

/**
 * openapi-core's node types of a spec version under the one config: the same for every document, so made
 * once per version (an inventory lints thousands of documents).
 */
const typesByVersion = new Map<string, ReturnType<typeof normalizeTypes>>();
function typesFor(config: Config, specVersion: ReturnType<typeof detectSpec>) {
  let types = typesByVersion.get(specVersion);
  if (!types) {
    types = normalizeTypes(config.extendTypes(getTypes(specVersion), specVersion), config);
    typesByVersion.set(specVersion, types);
  }
  return types;
}

/** What openapi-core's `lintDocument` does once the `$ref`s are resolved, with our map resolving them. */
function lint(config: Config, document: Document, refs: LoadedRefs) {
  const specVersion = detectSpec(document.parsed);
  const types = typesFor(config, specVersion);
  const rules = config.getRulesForSpecVersion(getMajorSpecVersion(specVersion)).flatMap((ruleset) =>
    Object.entries(ruleset).flatMap(([ruleId, rule]) => {
      const settings = config.getRuleSettings(ruleId, specVersion);
      if (settings.severity === 'off') return [];
      const visitors = (rule as (s: typeof settings) => unknown)(settings);
      return (Array.isArray(visitors) ? visitors : [visitors]).map((visitor) => ({
        severity: settings.severity,
        ruleId,
        message: settings.message,
        visitor,
      }));
    }),
  );
  const ctx = { problems: [] as NormalizedProblem[], specVersion, config, visitorsData: {} };
  if (!types.Root) throw new Error(`no root type for ${specVersion}`);
  walkDocument({
    document,
    rootType: types.Root,
    normalizedVisitors: normalizeVisitors(rules as Parameters<typeof normalizeVisitors>[0], types),
    resolvedRefMap: refs,
    ctx,
  });
  return ctx.problems;
}

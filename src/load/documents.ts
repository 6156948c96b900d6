// The files of one API description, loaded on demand as `$ref`s reach them.
// Remote refs are never fetched and refs leaving the workspace are refused: a PR's content is hostile.
import { posix } from 'node:path';
import type { Loc, SpecProblem } from '../model.js';
import { pushAll } from '../util/arrays.js';
import { formatBytes } from '../util/bytes.js';
import { fragmentToPointer, joinPointer, parsePointer } from '../util/pointer.js';
import type { JsonIndex } from './json-scan.js';
import { type FileRead, type FileReader, openFile, type Refusal } from './reader.js';
import type { RemoteDocuments } from './remote.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits, parseSource, type SourceFile } from './source.js';

/** A value in a document together with where it lives. */
export interface Node {
  value: unknown;
  loc: Loc;
}

/** The longest `$ref` chain followed (the load, the structural walk and its oracle alike). */
export const MAX_REF_HOPS = 64;

/**
 * A root file read before its turn (`readAhead`): its text or why it was refused (undefined: it does not
 * exist), perhaps still being read on the second thread; the index of its JSON text, when one was started;
 * and the other version's root, whose parsed values its parse may reuse.
 */
export interface RootAhead {
  path: string;
  read: () => FileRead | undefined;
  index?: () => JsonIndex | undefined;
  like?: SourceFile;
}

export class DocumentSet {
  readonly problems: SpecProblem[] = [];
  private readonly files = new Map<string, SourceFile | undefined>();
  private readonly reported = new Set<string>();
  /** Resolved refs by the file they are written in, then the ref as written. */
  private readonly resolved = new Map<string, Map<string, Node>>();
  /** Files that exist but were not read, and why. */
  private readonly refusals = new Map<string, Refusal>();

  constructor(
    private readonly reader: FileReader,
    private readonly limits: ParseLimits = DEFAULT_PARSE_LIMITS,
    /** Fetched remote documents, when the configuration allows some (never otherwise). */
    private readonly remote?: RemoteDocuments,
    /** The root file's text read ahead, and what its parse can reuse (see `RootAhead`). */
    private readonly root?: RootAhead,
  ) {}

  /**
   * The parsed file, or undefined when it does not exist. Parse problems are recorded once. A file that
   * exists but was refused (see `Refusal`) is an empty file whose problem says why, recorded at `at` (the
   * `$ref` that asked for it) or, for the root, at the file; never its content.
   */
  file(path: string, at?: Loc): SourceFile | undefined {
    if (!this.files.has(path)) {
      if (this.files.size >= this.limits.maxFiles) {
        this.problem(
          'parse',
          `not read: the description already spans ${this.limits.maxFiles} files (limits.maxFiles)`,
          { file: path, pointer: '' },
        );
        return undefined;
      }
      const ahead = this.root?.path === path ? this.root : undefined;
      let read: FileRead | undefined;
      if (isUrl(path)) {
        const text = this.remote?.text(path);
        read = text === undefined ? undefined : { text };
      } else read = ahead ? ahead.read() : openFile(this.reader, path, this.limits.maxFileBytes);
      // Readers without `open` (in memory, the REST API) hand over text, its size only counted now.
      if (read && 'text' in read && overLimit(read.text, this.limits.maxFileBytes))
        read = { refused: { reason: 'too-large', bytes: Buffer.byteLength(read.text) } };
      let source: SourceFile | undefined;
      if (read && 'refused' in read) {
        this.refusals.set(path, read.refused);
        source = {
          path,
          format: 'yaml',
          value: undefined,
          problems: [],
          position: (pointer) => ({ file: path, pointer, line: 1, column: 1 }),
        };
      } else if (read) {
        source = parseSource(path, read.text, this.limits, ahead ?? {});
      }
      this.files.set(path, source);
      if (source) pushAll(this.problems, source.problems);
    }
    const refusal = this.refusals.get(path);
    if (refusal) this.refused(path, refusal, at);
    return this.files.get(path);
  }

  /** The problem for a refused file: where the `$ref` asked for it, or at the file (the root, size, text). */
  private refused(path: string, refusal: Refusal, at: Loc | undefined): void {
    const self: Loc = { file: path, pointer: '' };
    switch (refusal.reason) {
      case 'too-large': {
        this.problem(
          'parse',
          `not analysed: ${formatBytes(refusal.bytes)} is above the ${formatBytes(this.limits.maxFileBytes)} limit (limits.maxFileBytes)`,
          self,
        );
        return;
      }
      case 'not-text': {
        const from = refusal.line === undefined ? '' : ` (from line ${refusal.line})`;
        this.problem(
          'parse',
          `not analysed: not ${refusal.encoding} text${from}; save it as UTF-8 (or UTF-16/UTF-32 with a byte-order mark)`,
          self,
          refusal.line === undefined ? undefined : { line: refusal.line, column: 1 },
        );
        return;
      }
      default: {
        const why =
          refusal.reason === 'outside'
            ? 'its real path (symlinks followed) is outside the workspace'
            : refusal.reason === 'git-dir'
              ? "it is under .git (git's own files, which hold credentials)"
              : refusal.reason === 'untracked'
                ? 'it is not a file committed in the checkout (files an earlier step wrote, such as credentials, are never read)'
                : 'it is not a regular file (a directory, device, FIFO, or a symbolic link or submodule in a commit)';
        if (at)
          this.problem(
            refusal.reason === 'not-file' ? 'ref-missing' : 'ref-outside',
            `refused to read ${path}: ${why}`,
            at,
          );
        else this.problem('parse', `not analysed: refused to read ${path}: ${why}`, self);
      }
    }
  }

  get maxEndpoints(): number {
    return this.limits.maxEndpoints;
  }

  /** Every file read so far (the root and what its `$ref`s reached). */
  loadedFiles(): SourceFile[] {
    // A file refused for where it is (outside, under .git) is no part of the description.
    const elsewhere = (f: SourceFile) => {
      const reason = this.refusals.get(f.path)?.reason;
      return reason === 'outside' || reason === 'git-dir' || reason === 'untracked';
    };
    return [...this.files.values()].filter((f): f is SourceFile => f !== undefined && !elsewhere(f));
  }

  /** Follows `$ref`s from `node` until a non-reference value; undefined (with a recorded problem) if broken. */
  deref(node: Node): Node | undefined {
    if (refOf(node.value) === undefined) return node; // the common case: nothing to follow
    let current = node;
    // Where a chain of refs has been; a single hop (nearly every ref) needs no record, so none is made then.
    let seen: Set<string> | undefined;
    for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
      const ref = refOf(current.value);
      if (ref === undefined) return current;
      if (hop > 0) {
        seen ??= new Set([`${node.loc.file}#${node.loc.pointer}`]);
        const key = `${current.loc.file}#${current.loc.pointer}`;
        if (seen.has(key)) {
          this.problem('ref-circular', `\`$ref\` "${ref}" is circular: it refers back to itself`, node.loc);
          return undefined;
        }
        seen.add(key);
      }
      const target = this.resolve(ref, current.loc);
      if (!target) return undefined;
      current = target;
    }
    this.problem('ref-circular', `\`$ref\` chain is longer than ${MAX_REF_HOPS} hops`, node.loc);
    return undefined;
  }

  /** `ref`, written in the object at `from`. */
  private resolve(ref: string, from: Loc): Node | undefined {
    // Shared components are referenced thousands of times; a broken ref is not cached, so each site is reported.
    // Looked up in two maps rather than by a joined key, and the `$ref`'s own pointer made only on a miss:
    // no new string for each of those thousands.
    let inFile = this.resolved.get(from.file);
    const known = inFile?.get(ref);
    if (known) return known;
    const target = this.resolveOnce(ref, joinPointer(from.pointer, '$ref'), from.file);
    if (target) {
      if (!inFile) {
        inFile = new Map();
        this.resolved.set(from.file, inFile);
      }
      inFile.set(ref, target);
    }
    return target;
  }

  private resolveOnce(ref: string, refPointer: string, fromFile: string): Node | undefined {
    const at: Loc = { file: fromFile, pointer: refPointer };
    const file = this.refTarget(ref, fromFile, at);
    if (file === undefined) return undefined;
    const hash = ref.indexOf('#');
    return this.resolveIn(file, ref, hash === -1 ? '' : fragmentToPointer(ref.slice(hash)), at);
  }

  /**
   * The file a ref points into: a workspace path, or a URL under an allowed remote prefix. Undefined, with
   * the problem recorded at `at`, when it may not be followed (remote, another scheme, outside the workspace).
   */
  private refTarget(ref: string, fromFile: string, at: Loc): string | undefined {
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const absolute = absoluteOf(ref, filePart, fromFile);
    if (absolute === undefined) return this.refFile(ref, filePart, fromFile, at);
    if (isUrl(absolute) && this.remote?.allows(absolute)) return absolute;
    const remote = /^https?:/i.test(absolute);
    this.problem(
      remote ? 'ref-remote' : 'ref-outside',
      remote
        ? `remote \`$ref\` "${ref}" was not fetched: documents from a pull request reach the network only under a prefix the configuration allows (remoteRefs.allow)`
        : `\`$ref\` "${ref}" uses an unsupported scheme; only relative file references are followed`,
      at,
    );
    return undefined;
  }

  /** The node at `pointer` in `file` (a workspace path or an allowed URL), or a recorded problem. */
  private resolveIn(file: string, ref: string, pointer: string, at: Loc): Node | undefined {
    if (pointer !== '' && !pointer.startsWith('/')) {
      // A plain-name fragment (`#User`, a 3.1 `$anchor`) is not a JSON pointer; walking it would yield the whole file.
      this.problem(
        'ref-missing',
        `\`$ref\` "${ref}" does not resolve: its fragment is not a JSON pointer`,
        at,
      );
      return undefined;
    }
    const source = this.file(file, at);
    if (!source && isUrl(file)) {
      const why = this.remote?.failure(file);
      this.problem(
        'ref-remote',
        `remote \`$ref\` "${ref}" could not be fetched: ${why ?? 'not fetched'}`,
        at,
      );
      return undefined;
    }
    if (!source) {
      this.problem('ref-missing', `\`$ref\` "${ref}" points to ${file}, which does not exist`, at);
      return undefined;
    }
    if (source.value === undefined) return undefined; // its parse problem is already recorded
    let value: unknown = source.value;
    for (const segment of parsePointer(pointer)) {
      value = own(value, segment);
      if (value === undefined) {
        this.problem(
          'ref-missing',
          `\`$ref\` "${ref}" does not resolve: ${file} has nothing at "${pointer}"`,
          at,
        );
        return undefined;
      }
    }
    return { value, loc: { file, pointer } };
  }

  /** The workspace-relative file a ref's file part names (relative to `fromFile`); undefined if it leaves. */
  private refFile(ref: string, filePart: string, fromFile: string, at: Loc): string | undefined {
    if (filePart === '') return fromFile;
    let decoded = filePart;
    try {
      decoded = decodeURIComponent(filePart);
    } catch {
      // keep as written
    }
    const file = posix.normalize(posix.join(posix.dirname(fromFile), decoded.replace(/\\/g, '/')));
    if (decoded.startsWith('/') || file.startsWith('../') || file === '..') {
      this.problem('ref-outside', `\`$ref\` "${ref}" points outside the workspace and was not read`, at);
      return undefined;
    }
    return file;
  }

  /**
   * Every file reachable from `root` through `$ref`s, read but without resolving pointers or building a
   * model: what a PR must have touched for the description to have changed.
   */
  reachableFiles(root: string): string[] {
    const pending = [root];
    const visited = new Set<string>();
    while (pending.length > 0) {
      const file = pending.pop() as string;
      if (visited.has(file)) continue;
      visited.add(file);
      const source = this.file(file);
      if (!source) continue;
      const stack: unknown[] = [source.value];
      while (stack.length > 0) {
        const value = stack.pop();
        if (value === null || typeof value !== 'object') continue;
        const ref = refOf(value);
        const target = ref === undefined ? undefined : this.refTarget(ref, file, { file, pointer: '' });
        if (target !== undefined && !visited.has(target)) pending.push(target);
        for (const item of Object.values(value))
          if (item !== null && typeof item === 'object') stack.push(item);
      }
    }
    return this.loadedFiles().map((f) => f.path);
  }

  problem(
    kind: SpecProblem['kind'],
    message: string,
    loc: Loc,
    position?: { line: number; column: number },
  ): void {
    const key = `${kind}|${loc.file}|${loc.pointer}|${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ kind, message, loc, ...position });
  }
}

function hasScheme(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref);
}

/** A ref's file part as an absolute URL: written as one, or relative inside a fetched document; else undefined. */
function absoluteOf(ref: string, filePart: string, fromFile: string): string | undefined {
  if (hasScheme(ref)) return filePart;
  return isUrl(fromFile) && filePart !== '' ? urlFrom(filePart, fromFile) : undefined;
}

function isUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

/** A relative ref inside a fetched document, against that document's URL (without its fragment). */
function urlFrom(relative: string, base: string): string | undefined {
  try {
    const url = new URL(relative, base);
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** UTF-8 size over `max`, counted only when the length cannot tell (a UTF-16 unit is 1 to 3 bytes). */
function overLimit(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  return Buffer.byteLength(text) > max;
}

export function refOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const ref = (value as { $ref?: unknown }).$ref;
  return typeof ref === 'string' ? ref : undefined;
}

export function child(node: Node, key: string | number): Node {
  const value = own(node.value, key);
  return { value, loc: { file: node.loc.file, pointer: joinPointer(node.loc.pointer, key) } };
}

/** `value[key]` for own properties only: `constructor` or `__proto__` in a hostile document must not reach the prototype. */
export function own(value: unknown, key: string | number): unknown {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
  return (value as Record<string | number, unknown>)[key];
}

// Which root documents a pull request touches. The PR's author decides the head's bytes, file names and
// symlinks, so the head alone cannot say what was there: every changed file that was a root in the base
// is analysed wherever it went, and a head root counts as touched through any file it reaches, compared
// by real path.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { discoverSpecs, isCandidate, isRootDocumentText, isSkippedPath, matchesAny } from './discover.js';
import { specFiles } from './files.js';
import { type ChangedFile, type TrackedFiles, trackedFiles } from './git.js';
import { type FileReader, fsReader, isInside, openFile } from './reader.js';
import { DEFAULT_PARSE_LIMITS } from './source.js';

/** A reader over the base commit; `prefetch` when its files come from the REST API (asynchronously). */
export type BaseReader = FileReader & { prefetch?: (paths: string[]) => Promise<void> };

/** One document to analyse (the engine's `SpecSource`): the path it is reported under, and its two versions. */
export interface PullRequestSource {
  path: string;
  base?: { reader: FileReader; path: string };
  head?: { reader: FileReader; path: string };
}

export interface PullRequestChanges {
  /** The checked-out head. */
  workspace: string;
  /** The files the PR changed, from git or the REST API (paths relative to the workspace). */
  changed: ChangedFile[];
  /** False when the list may be cut short (the REST API lists 3,000 files): every root is analysed. */
  complete: boolean;
  base: BaseReader;
  /** The head's reader (the action's reads only committed files); the workspace as it is by default. */
  head?: FileReader;
  /** What the head commits, when listed already (its symlinks are then not listed again). */
  tracked?: TrackedFiles;
  /** The `specs` input: when given, roots are the files matching it instead of the sniffed ones. */
  specs: string[];
}

/** The documents this PR touches: their base and head versions (one of them absent when added or deleted). */
export async function pullRequestSources(pr: PullRequestChanges): Promise<PullRequestSource[]> {
  const touched = new Set(pr.changed.flatMap((f) => [f.path, ...(f.previous ? [f.previous] : [])]));
  if (pr.complete && !mayTouchDocuments(pr.workspace, touched, pr.tracked)) return []; // the common case
  const head = pr.head ?? fsReader(pr.workspace);
  const sources = new Map<string, PullRequestSource>();
  for (const [i, file] of pr.changed.entries()) {
    // The base versions of the next changed files read in one go (a git commit: two processes, not two each)
    if (i % PRELOAD_WINDOW === 0)
      pr.base.preload?.(pr.changed.slice(i, i + PRELOAD_WINDOW).flatMap((f) => baseCandidate(pr, f) ?? []));
    const root = await baseRoot(pr, file);
    if (root === undefined) continue;
    const headPath = file.status === 'D' ? stillReadable(pr.workspace, root) : file.path;
    const path = headPath ?? root;
    sources.set(path, {
      path,
      base: { reader: pr.base, path: root },
      ...(headPath !== undefined ? { head: { reader: head, path: headPath } } : {}),
    });
  }
  // A root deleted where git saw no rename (rewritten as it moved: YAML to JSON, say) may live on under
  // another name: when the PR removes one, every root it adds is analysed, wherever it is.
  if ([...sources.values()].some((s) => s.head === undefined))
    for (const file of pr.changed)
      if (
        (file.status === 'A' || file.status === 'R') &&
        !sources.has(file.path) &&
        isHeadRoot(head, file.path)
      )
        sources.set(file.path, {
          path: file.path,
          base: { reader: pr.base, path: file.path },
          head: { reader: head, path: file.path },
        });
  const isTouched = touchedTest(pr.workspace, touched);
  for (const path of discoverSpecs(pr.workspace, pr.specs)) {
    if (sources.has(path) || head.admits?.(path) === false) continue;
    // A touched root needs no walk of its `$ref`s (reading a large description costs as much as parsing it).
    if (!pr.complete || isTouched(path) || specFiles(head, path).some(isTouched))
      sources.set(path, { path, base: { reader: pr.base, path }, head: { reader: head, path } });
  }
  const list = [...sources.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const prefetch = pr.base.prefetch;
  if (prefetch)
    for (const source of list) if (source.base) await prefetchSpec(pr.base, prefetch, source.base.path);
  return list;
}

/**
 * False when no changed file can be part of a description, checked without reading one: none is named
 * .yaml/.yml/.json or has a name a `$ref` may give a document (`$ref: schemas.txt`: anything but source
 * code, see `mayBeReferenced`), none is a symlink, and no symlink git tracks leads to, into or above one
 * (the real file behind a symlinked `$ref` may have any name).
 */
function mayTouchDocuments(workspace: string, touched: Set<string>, tracked?: TrackedFiles): boolean {
  if ([...touched].some((path) => isCandidate(path) || mayBeReferenced(path))) return true;
  const realRoot = realpathSync(workspace);
  if ([...touched].some((path) => isSymlink(join(realRoot, path)))) return true;
  const links = tracked?.links ?? trackedFiles(workspace)?.links;
  if (!links) return true; // cannot tell: look at every root
  for (const link of links) {
    const real = realPath(join(realRoot, link));
    if (real === undefined || !isInside(realRoot, real)) continue;
    const target = relative(realRoot, real).split(sep).join('/');
    for (const path of touched)
      if (target === path || target.startsWith(`${path}/`) || path.startsWith(`${target}/`)) return true;
  }
  return false;
}

/**
 * Source code a pull request commonly changes (a `$ref` to one is not followed by this check): changing
 * only these skips reading the descriptions. Anything else (`.txt`, `.schema`, no extension) may be a
 * document a `$ref` names, so its change makes every root's files be looked at.
 */
const SOURCE_CODE =
  /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|go|py|rb|java|kt|kts|scala|cs|fs|vb|c|h|cc|cpp|hpp|rs|swift|m|php|ex|exs|erl|clj|dart|lua|sh|ps1|sql|css|scss|less|html|vue|svelte|md|mdx|rst|lock|toml|ini|cfg|gradle|xml|proto|graphql|tf|png|jpg|jpeg|gif|svg|ico|webp|pdf|zip|gz|jar)$/i;

function mayBeReferenced(path: string): boolean {
  return !SOURCE_CODE.test(path);
}

function isSymlink(full: string): boolean {
  return lstatSync(full, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
}

/**
 * The base path of a changed file when it was a root document there (as base discovery would have found
 * it: a matching name, outside the skipped folders, its root declaring the version).
 */
async function baseRoot(pr: PullRequestChanges, file: ChangedFile): Promise<string | undefined> {
  const path = baseCandidate(pr, file);
  if (path === undefined) return undefined;
  await pr.base.prefetch?.([path]);
  const read = openFile(pr.base, path, DEFAULT_PARSE_LIMITS.maxFileBytes);
  // Over the size limit it counts as a root, as in discovery: its load then says why it was not analysed.
  if (read && 'refused' in read) return read.refused.reason === 'too-large' ? path : undefined;
  if (read === undefined) return undefined;
  return pr.specs.length > 0 || isRootDocumentText(read.text) ? path : undefined;
}

/** The base path of a changed file that may have been a root there (by name, folder and `specs`). */
function baseCandidate(pr: PullRequestChanges, file: ChangedFile): string | undefined {
  if (file.status === 'A') return undefined;
  const path = file.previous ?? file.path;
  if (!isCandidate(path) || isSkippedPath(path)) return undefined;
  if (pr.specs.length > 0 && !matchesAny(path, pr.specs)) return undefined;
  return path;
}

/** Changed files whose base versions are read in one go. */
const PRELOAD_WINDOW = 256;

/** An added file that is a root (read inside the workspace; one over the size limit counts). */
function isHeadRoot(head: FileReader, path: string): boolean {
  if (!isCandidate(path)) return false;
  if ((head.size?.(path) ?? 0) > DEFAULT_PARSE_LIMITS.maxFileBytes) return true;
  const text = head.read(path);
  return text !== undefined && isRootDocumentText(text);
}

/** A deleted path that the head still has (under a symlinked folder): it is then read there. */
function stillReadable(workspace: string, path: string): string | undefined {
  return existsSync(join(workspace, path)) ? path : undefined;
}

/**
 * Whether a head file counts as changed: it, a folder above it (a symlinked folder retargeted), or the
 * real file it resolves to inside the workspace (a symlink whose target the PR edited).
 */
function touchedTest(workspace: string, touched: Set<string>): (path: string) => boolean {
  const realRoot = realpathSync(workspace);
  const underTouched = (path: string) => {
    for (let at = path.length; at > 0; at = path.lastIndexOf('/', at - 1))
      if (touched.has(path.slice(0, at))) return true;
    return false;
  };
  return (path) => {
    if (underTouched(path)) return true;
    const real = realPath(join(realRoot, path));
    if (real === undefined || !isInside(realRoot, real)) return false;
    const rel = relative(realRoot, real).split(sep).join('/');
    return rel !== path && underTouched(rel);
  };
}

function realPath(full: string): string | undefined {
  try {
    return realpathSync(full);
  } catch {
    return undefined;
  }
}

/** Fetches, through the API, the base files a spec reaches: load, fetch what was missing, repeat. */
async function prefetchSpec(
  reader: FileReader,
  prefetch: (paths: string[]) => Promise<void>,
  path: string,
): Promise<void> {
  const asked = new Set<string>([path]);
  await prefetch([path]);
  for (let round = 0; round < 20; round++) {
    const recording: FileReader = {
      label: reader.label,
      read: (p) => {
        asked.add(p);
        return reader.read(p);
      },
    };
    const before = asked.size;
    specFiles(recording, path);
    await prefetch([...asked]);
    if (asked.size === before) return;
  }
}

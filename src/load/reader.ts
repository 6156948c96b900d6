// Where document text comes from: the working tree or a git commit. Paths are workspace-relative (posix).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { isAbsolute, posix, relative, sep } from 'node:path';
import { decodeText, type FileRead, gitShow, gitShowMany, type Refusal, readInside } from './file-text.js';
import type { TrackedFiles } from './git.js';
import { type FileToRead, type JsonIndex, readInBackground } from './json-scan.js';

export type { FileRead, Refusal } from './file-text.js';

/** The most `read` (without a limit of its own) reads of one file: the default `limits.maxFileBytes`. */
const READ_MAX_BYTES = 64 * 1024 * 1024;

export interface FileReader {
  /** A label for messages: the directory, or `<sha>` for a commit. */
  label: string;
  /** The file's text, or undefined when it does not exist or was refused (see `open`). */
  read(path: string): string | undefined;
  /**
   * The file's text, or why it was not read (outside the workspace, under `.git`, not a regular file, over
   * `maxBytes`, not text); undefined when it does not exist. Readers without it only have `read`.
   */
  open?(path: string, maxBytes: number): FileRead | undefined;
  /**
   * Starts `open` elsewhere (the second thread) and returns how to get its result, and the index of its
   * JSON text when one was made; undefined when it cannot start.
   */
  readLater?(
    path: string,
    maxBytes?: number,
  ): (() => { text: string | undefined; index: JsonIndex | undefined; refused?: Refusal }) | undefined;
  /** The file's size in bytes, cheaply, when the reader can tell (a hint: the file is not checked). */
  size?(path: string): number | undefined;
  /** False for a path this reader never reads (a file not committed); readers without it read any file. */
  admits?(path: string): boolean;
  /**
   * Reads `paths` now, in one go, for `open` to take each once (a git commit: two processes for them all
   * instead of two each, when a pull request reads hundreds of base documents); what the last call read
   * and nobody took is dropped. Readers without it read each file when asked.
   */
  preload?(paths: string[]): void;
}

/** What `reader` says of `path`: `open` when it has one, else `read`'s text (a refusal reads as missing). */
export function openFile(reader: FileReader, path: string, maxBytes: number): FileRead | undefined {
  if (reader.open) return reader.open(path, maxBytes);
  const text = reader.read(path);
  return text === undefined ? undefined : { text };
}

/** Reads files under `root`, refusing anything whose real path (symlinks followed) leaves it. */
export function fsReader(root: string): FileReader {
  const realRoot = realpathSync(root);
  const open = (path: string, maxBytes = READ_MAX_BYTES) =>
    readInside(fs, nodePath, decodeText, realRoot, path, maxBytes);
  return {
    label: root,
    read: (path) => textOf(open(path)),
    open,
    size: (path) => fs.statSync(nodePath.join(realRoot, path), { throwIfNoEntry: false })?.size,
    readLater: (path, maxBytes = READ_MAX_BYTES) =>
      readingLater({ kind: 'file', realRoot, path, maxBytes }, () => open(path, maxBytes)),
  };
}

/**
 * Reads only the files committed in the checkout (`tracked`, listed once by `trackedFiles`), as they are in
 * the working tree: what an earlier workflow step left in the workspace (`gha-creds-*.json` written by
 * google-github-actions/auth, build output) is refused as `untracked`, never read. A path is read when it
 * is committed (or lies under a committed symlinked folder) and its real path, symlinks followed, is a
 * committed regular file inside the workspace; everything else `fsReader` refuses is refused as before.
 */
export function trackedReader(root: string, tracked: TrackedFiles): FileReader {
  const files = fsReader(root);
  const realRoot = realpathSync(root);
  /** Why `path` is not read before looking at its content, or undefined to let `files` decide. */
  const refusal = (path: string): Refusal | undefined => {
    const asked = posix.normalize(path);
    if (underGit(asked)) return undefined; // refused by `files` as under .git
    let real: string;
    try {
      real = realpathSync.native(nodePath.join(realRoot, asked));
    } catch {
      return undefined; // missing, or a loop: `files` says which without reading anything
    }
    if (!isInside(realRoot, real)) return undefined; // refused by `files` as outside
    const target = relative(realRoot, real).split(sep).join('/');
    if (underGit(target)) return undefined;
    return listed(tracked, asked) && tracked.files.has(target) ? undefined : { reason: 'untracked' };
  };
  const admits = (path: string) => refusal(path) === undefined;
  return {
    label: files.label,
    read: (path) => (admits(path) ? files.read(path) : undefined),
    open: (path, maxBytes) => {
      const refused = refusal(path);
      return refused ? { refused } : files.open?.(path, maxBytes);
    },
    size: (path) => (admits(path) ? files.size?.(path) : undefined),
    readLater: (path, maxBytes) => (admits(path) ? files.readLater?.(path, maxBytes) : undefined),
    admits,
  };
}

const underGit = (path: string) => path.split('/').some((part) => part.toLowerCase() === '.git');

/** Whether `path` is committed itself, or lies under a committed symlink (to a folder). */
function listed(tracked: TrackedFiles, path: string): boolean {
  if (tracked.files.has(path) || tracked.links.has(path)) return true;
  for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1))
    if (tracked.links.has(path.slice(0, at))) return true;
  return false;
}

/** The most `preload` keeps (what one window of documents may hold), and the largest blob it takes. */
const PRELOAD_BUDGET_BYTES = 64 * 1024 * 1024;
const PRELOAD_MAX_BYTES = 1024 * 1024;

/** Reads files as they are in `commit` of the repository at `repoDir`. */
export function gitReader(repoDir: string, commit: string): FileReader {
  /** What the last `preload` read, each taken once by `open`. */
  let preloaded = new Map<string, { read: FileRead | undefined; bytes: number }>();
  const open = (path: string, maxBytes = READ_MAX_BYTES): FileRead | undefined => {
    const early = preloaded.get(path);
    if (early) {
      preloaded.delete(path);
      // As `gitShow` refuses it: by the blob's size
      return early.bytes > maxBytes ? { refused: { reason: 'too-large', bytes: early.bytes } } : early.read;
    }
    return gitShow(spawnSync, decodeText, repoDir, commit, path, maxBytes);
  };
  return {
    label: commit.slice(0, 12),
    read: (path) => textOf(open(path)),
    open,
    preload: (paths) => {
      preloaded = gitShowMany(
        spawnSync,
        decodeText,
        repoDir,
        commit,
        paths,
        PRELOAD_MAX_BYTES,
        PRELOAD_BUDGET_BYTES,
      );
    },
    readLater: (path, maxBytes = READ_MAX_BYTES) =>
      readingLater({ kind: 'git', repoDir, commit, path, maxBytes }, () => open(path, maxBytes)),
  };
}

function textOf(read: FileRead | undefined): string | undefined {
  return read && 'text' in read ? read.text : undefined;
}

/** `readLater` for both readers: the second thread's read, or this thread's if the thread did not answer. */
function readingLater(
  file: FileToRead,
  open: () => FileRead | undefined,
): ReturnType<NonNullable<FileReader['readLater']>> {
  const later = readInBackground(file);
  return (
    later &&
    (() => {
      const done = later();
      if (done) return done;
      const read = open();
      return read && 'refused' in read
        ? { text: undefined, index: undefined, refused: read.refused }
        : { text: read?.text, index: undefined };
    })
  );
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

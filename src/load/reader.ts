// Where document text comes from: the working tree or a git commit. Paths are workspace-relative (posix).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { isAbsolute, relative, sep } from 'node:path';
import { decodeText, type FileRead, gitShow, type Refusal, readInside } from './file-text.js';
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

/** Reads files as they are in `commit` of the repository at `repoDir`. */
export function gitReader(repoDir: string, commit: string): FileReader {
  const open = (path: string, maxBytes = READ_MAX_BYTES) =>
    gitShow(spawnSync, decodeText, repoDir, commit, path, maxBytes);
  return {
    label: commit.slice(0, 12),
    read: (path) => textOf(open(path)),
    open,
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

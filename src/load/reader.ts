// Where document text comes from: the working tree or a git commit. Paths are workspace-relative (posix).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { isAbsolute, relative, sep } from 'node:path';
import { gitShow, readInside } from './file-text.js';
import { type FileToRead, type JsonIndex, readInBackground } from './json-scan.js';

export interface FileReader {
  /** A label for messages: the directory, or `<sha>` for a commit. */
  label: string;
  /** The file's text, or undefined when it does not exist (or is not a regular file inside the workspace). */
  read(path: string): string | undefined;
  /**
   * Starts `read` elsewhere (the second thread) and returns how to get its text, and the index of its
   * JSON text when one was made; undefined when it cannot start.
   */
  readLater?(path: string): (() => { text: string | undefined; index: JsonIndex | undefined }) | undefined;
  /** The file's size in bytes, cheaply, when the reader can tell (a hint: the file is not checked). */
  size?(path: string): number | undefined;
}

/** Reads files under `root`, refusing anything whose real path (symlinks followed) leaves it. */
export function fsReader(root: string): FileReader {
  const realRoot = realpathSync(root);
  return {
    label: root,
    read: (path) => readInside(fs, nodePath, realRoot, path),
    size: (path) => fs.statSync(nodePath.join(realRoot, path), { throwIfNoEntry: false })?.size,
    readLater: (path) =>
      readingLater({ kind: 'file', realRoot, path }, () => readInside(fs, nodePath, realRoot, path)),
  };
}

/** Reads files as they are in `commit` of the repository at `repoDir`. */
export function gitReader(repoDir: string, commit: string): FileReader {
  const read = (path: string) => gitShow(spawnSync, repoDir, commit, path);
  return {
    label: commit.slice(0, 12),
    read,
    readLater: (path) => readingLater({ kind: 'git', repoDir, commit, path }, () => read(path)),
  };
}

/** `readLater` for both readers: the second thread's read, or this thread's if the thread did not answer. */
function readingLater(
  file: FileToRead,
  read: () => string | undefined,
): ReturnType<NonNullable<FileReader['readLater']>> {
  const later = readInBackground(file);
  return later && (() => later() ?? { text: read(), index: undefined });
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

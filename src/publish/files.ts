// Report files the action writes (the JSON report, SARIF): only inside the workspace or RUNNER_TEMP, and
// never through a symbolic link. A pull request can commit `api-posture.sarif` (or a folder on its path) as
// a symlink to `~/.gitconfig` or to the next step's code; following it would let the PR overwrite that.
import * as fs from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { writeJsonToFd } from '../report/json-text.js';

/** Why a report file may not be written there (only this module throws and catches it). */
class WriteRefused extends Error {}

const isInside = (rel: string) =>
  rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);

/**
 * Opens `path` for writing (created or truncated) and returns its descriptor. Refused (`WriteRefused`)
 * unless it lies inside one of `roots`, no part of it below the root is a symbolic link or a `.git`
 * directory, and it is (or becomes) a regular file; missing folders are created, one at a time, each
 * checked. The file itself is opened without following a link (`O_NOFOLLOW`) and without blocking on a FIFO.
 */
export function openReportFile(path: string, roots: string[]): number {
  const full = resolve(path);
  let realRoot: string | undefined;
  let rel = '';
  for (const root of roots) {
    let real: string;
    try {
      real = fs.realpathSync(root);
    } catch {
      continue;
    }
    const fromRoot = [relative(resolve(root), full), relative(real, full)].find(isInside);
    if (fromRoot !== undefined) {
      realRoot = real;
      rel = fromRoot;
      break;
    }
  }
  if (realRoot === undefined)
    throw new WriteRefused('it is not inside the workspace or the runner temporary directory');
  const parts = rel.split(sep);
  if (parts.some((p) => p.toLowerCase() === '.git')) throw new WriteRefused('it is under .git');
  let at = realRoot; // the walk so far: folders, then the file
  for (const [i, part] of parts.entries()) {
    const next = join(at, part);
    const shown = parts.slice(0, i + 1).join('/');
    const last = i === parts.length - 1;
    const stat = fs.lstatSync(next, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink()) throw new WriteRefused(`${shown} is a symbolic link`);
    if (!last) {
      if (!stat) fs.mkdirSync(next);
      else if (!stat.isDirectory()) throw new WriteRefused(`${shown} is not a directory`);
      const again = fs.lstatSync(next);
      if (!again.isDirectory()) throw new WriteRefused(`${shown} is not a directory`);
    } else if (stat && !stat.isFile()) throw new WriteRefused(`${shown} is not a regular file`);
    at = next;
  }
  // The folder is where the walk says (nothing swapped in since): its real path is under the root's.
  const parent = fs.realpathSync(join(at, '..'));
  if (parent !== realRoot && !isInside(relative(realRoot, parent)))
    throw new WriteRefused('its folder is not inside the workspace or the runner temporary directory');
  const c = fs.constants;
  let fd: number;
  try {
    fd = fs.openSync(
      at,
      c.O_WRONLY | c.O_CREAT | c.O_TRUNC | (c.O_NOFOLLOW ?? 0) | (c.O_NONBLOCK ?? 0),
      0o644,
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ELOOP') throw new WriteRefused(`${parts.join('/')} is a symbolic link`);
    if (code === 'ENXIO') throw new WriteRefused(`${parts.join('/')} is not a regular file`);
    throw error;
  }
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    throw new WriteRefused(`${parts.join('/')} is not a regular file`);
  }
  return fd;
}

/**
 * Writes `value` as JSON (`JSON.stringify(value, null, 2)` and a newline) to `path`, as `openReportFile`
 * allows. Returns why it was not written, or undefined when it was: a report that cannot be written is a
 * warning, the gate still decides.
 */
export function writeJsonReport(path: string, roots: string[], value: unknown): string | undefined {
  return writeReportFile(path, roots, (fd) => writeJsonToFd(fd, value));
}

/** `write` into `path` opened as `openReportFile` allows; why it was not written, or undefined. */
export function writeReportFile(
  path: string,
  roots: string[],
  write: (fd: number) => void,
): string | undefined {
  let fd: number;
  try {
    fd = openReportFile(path, roots);
  } catch (error) {
    if (error instanceof WriteRefused) return `refused to write ${path}: ${error.message}`;
    return `could not write ${path}: ${(error as { code?: string }).code ?? String(error)}`;
  }
  try {
    write(fd);
    return undefined;
  } catch (error) {
    return `could not write ${path}: ${(error as { code?: string }).code ?? String(error)}`;
  } finally {
    fs.closeSync(fd);
  }
}

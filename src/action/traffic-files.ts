// The action's `traffic` input: globs of observed-traffic files, read from the workspace (a file the repo
// keeps, or one an earlier step wrote there) or from RUNNER_TEMP (a gateway log an earlier step
// downloaded), never from anywhere else. A symlink counts only when its real path stays inside one of the
// two roots and outside every `.git` directory (`.git/config` holds the job's token); a folder reached
// through a symlink is not walked. Only paths are matched here: the files are streamed by load/traffic.ts.
import { type Dirent, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { isInside } from '../load/reader.js';
import type { NamedTrafficFile } from '../load/traffic.js';

export interface TrafficRoots {
  workspace: string;
  /** RUNNER_TEMP. */
  tempDir: string;
}

export interface TrafficFiles {
  /** What to read: the real path, and the name reports show (workspace-relative, or `$RUNNER_TEMP/…`). */
  files: NamedTrafficFile[];
  /** Patterns that matched no file: a warning, as for `specs`. */
  unmatched: string[];
  /** Matched but not read, with why (a symlink leaving both roots, a `.git` path, not a regular file). */
  refused: string[];
}

/** Thrown for a pattern naming a place outside both roots. */
export class TrafficInputError extends Error {}

const TEMP_NAME = '$RUNNER_TEMP';

/**
 * The files the patterns match, each once, sorted by name. A relative pattern is matched under the
 * workspace; an absolute one (`${{ runner.temp }}/logs/*.log`) under whichever root it names, and one
 * naming neither is an error (not a silent skip).
 */
export function findTrafficFiles(patterns: string[], roots: TrafficRoots): TrafficFiles {
  const realRoots = [roots.workspace, roots.tempDir].map((root) => safeRealpath(root));
  const found = new Map<string, NamedTrafficFile>();
  const unmatched: string[] = [];
  const refused: string[] = [];
  for (const pattern of patterns) {
    const { root, name, glob } = placePattern(pattern, roots);
    const realRoot = safeRealpath(root);
    const before = found.size;
    let hits = 0;
    if (realRoot !== undefined) {
      for (const rel of walkMatches(realRoot, glob)) {
        hits++;
        const real = realFileInside(join(realRoot, rel), realRoots);
        const shown = name === '' ? rel : `${name}/${rel}`;
        if (real === undefined)
          refused.push(`${shown}: not read (not a regular file inside the workspace or RUNNER_TEMP)`);
        else if (!found.has(real)) found.set(real, { name: shown, path: real });
      }
    }
    if (hits === 0 && found.size === before) unmatched.push(pattern);
  }
  const files = [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { files, unmatched, refused };
}

/** Which root a pattern is under, the name reports give that root, and the pattern relative to it. */
function placePattern(pattern: string, roots: TrafficRoots): { root: string; name: string; glob: string } {
  const cleaned = pattern.replace(/^\.\//, '');
  if (cleaned.startsWith(`${TEMP_NAME}/`))
    return { root: roots.tempDir, name: TEMP_NAME, glob: cleaned.slice(TEMP_NAME.length + 1) };
  if (!isAbsolute(cleaned)) {
    if (cleaned.split('/').includes('..'))
      throw new TrafficInputError(
        `input \`traffic\`: "${pattern}" leaves the workspace; name files in the workspace or under RUNNER_TEMP`,
      );
    return { root: roots.workspace, name: '', glob: cleaned };
  }
  // The temp folder first: on a self-hosted runner it can sit inside the workspace's parent, never the reverse.
  for (const [root, name] of [
    [roots.tempDir, TEMP_NAME],
    [roots.workspace, ''],
  ] as const) {
    const rel = relative(root, cleaned).split(sep).join('/');
    if (rel !== '' && !rel.startsWith('../') && rel !== '..' && !isAbsolute(rel))
      return { root, name, glob: rel };
  }
  throw new TrafficInputError(
    `input \`traffic\`: "${pattern}" is outside the workspace and RUNNER_TEMP; traffic is read only from those two folders`,
  );
}

/** Root-relative paths of files and symlinks matching `glob`; the walk starts at the glob's fixed prefix. */
function walkMatches(realRoot: string, glob: string): string[] {
  const isMatch = picomatch(glob, { dot: false });
  // A pattern without a glob names one file: no walk.
  if (!picomatch.scan(glob).isGlob) {
    try {
      lstatSync(join(realRoot, glob));
      return [glob];
    } catch {
      return [];
    }
  }
  const start = picomatch.scan(glob).base;
  if (start.split('/').some((part) => part.toLowerCase() === '.git')) return [];
  // The fixed prefix may itself be a symlinked folder: walked only when its real path stays in the root.
  const realStart = safeRealpath(join(realRoot, start));
  if (realStart === undefined || !isInside(realRoot, realStart)) return [];
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    if (depth > 32) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(join(realRoot, rel), { withFileTypes: true });
    } catch {
      return; // not a folder, or not there
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name.toLowerCase() !== '.git' && entry.name !== 'node_modules') walk(path, depth + 1);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isMatch(path)) out.push(path);
    }
  };
  walk(start, 0);
  return out;
}

/** The real path of a regular file inside one of `realRoots` and outside `.git`; undefined otherwise. */
function realFileInside(full: string, realRoots: (string | undefined)[]): string | undefined {
  const real = safeRealpath(full);
  if (real === undefined) return undefined;
  const root = realRoots.find((r) => r !== undefined && isInside(r, real));
  if (root === undefined) return undefined;
  if (
    relative(root, real)
      .split(sep)
      .some((part) => part.toLowerCase() === '.git')
  )
    return undefined;
  try {
    return statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

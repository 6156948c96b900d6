// How a file's text is read: from a git commit, or from under a directory without leaving it. Both are
// self-contained (the modules they use are passed in): the second thread (json-scan.ts) runs their source.

import type { spawnSync } from 'node:child_process';
import type * as fs from 'node:fs';
import type * as nodePath from 'node:path';

/**
 * `git show commit:path`, undefined when git cannot show it.
 */
export function gitShow(
  spawn: typeof spawnSync,
  repoDir: string,
  commit: string,
  path: string,
): string | undefined {
  const result = spawn('git', ['show', `${commit}:${path}`], {
    cwd: repoDir,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  return result.status === 0 ? result.stdout : undefined;
}

/**
 * The text of `path` under `realRoot`; undefined when it does not exist, or its real path (symlinks
 * followed) leaves the root or is not a regular file.
 */
export function readInside(
  files: typeof fs,
  paths: typeof nodePath,
  realRoot: string,
  path: string,
): string | undefined {
  const full = paths.join(realRoot, path);
  if (!files.existsSync(full)) return undefined;
  const real = files.realpathSync(full);
  const rel = paths.relative(realRoot, real);
  const inside = rel === '' || (!rel.startsWith(`..${paths.sep}`) && rel !== '..' && !paths.isAbsolute(rel));
  if (!inside || !files.statSync(real).isFile()) return undefined;
  return files.readFileSync(real, 'utf8');
}

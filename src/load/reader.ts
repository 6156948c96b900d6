// Where document text comes from: the working tree or a git commit. Paths are workspace-relative (posix).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

export interface FileReader {
  /** A label for messages: the directory, or `<sha>` for a commit. */
  label: string;
  /** The file's text, or undefined when it does not exist (or is not a regular file inside the workspace). */
  read(path: string): string | undefined;
}

/** Reads files under `root`, refusing anything whose real path (symlinks followed) leaves it. */
export function fsReader(root: string): FileReader {
  const realRoot = realpathSync(root);
  return {
    label: root,
    read(path) {
      const full = join(realRoot, path);
      if (!existsSync(full)) return undefined;
      const real = realpathSync(full);
      if (!isInside(realRoot, real) || !statSync(real).isFile()) return undefined;
      return readFileSync(real, 'utf8');
    },
  };
}

/** Reads files as they are in `commit` of the repository at `repoDir`. */
export function gitReader(repoDir: string, commit: string): FileReader {
  return {
    label: commit.slice(0, 12),
    read(path) {
      const result = spawnSync('git', ['show', `${commit}:${path}`], {
        cwd: repoDir,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      });
      return result.status === 0 ? result.stdout : undefined;
    },
  };
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

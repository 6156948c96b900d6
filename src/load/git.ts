// Reading the pull request's base through git: is the commit here, fetch it if the checkout is shallow,
// and which files differ between it and the working tree.
import { spawnSync } from 'node:child_process';

function git(repoDir: string, args: string[]) {
  return spawnSync('git', args, { cwd: repoDir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export function hasCommit(repoDir: string, sha: string): boolean {
  return git(repoDir, ['cat-file', '-e', `${sha}^{commit}`]).status === 0;
}

/** Fetches one commit (the default `actions/checkout` is a depth-1 clone without the base). */
export function fetchCommit(repoDir: string, sha: string): { ok: boolean; message: string } {
  const result = git(repoDir, ['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', sha]);
  return {
    ok: result.status === 0 && hasCommit(repoDir, sha),
    message: (result.stderr || result.stdout).trim().split('\n').pop() ?? '',
  };
}

export interface ChangedFile {
  path: string;
  /** A added, D deleted, M modified, R renamed (from `previous`). */
  status: 'A' | 'D' | 'M' | 'R';
  previous?: string;
}

/** Files that differ between `sha` and the working tree (renames detected). Undefined if git cannot tell. */
export function changedSince(repoDir: string, sha: string): ChangedFile[] | undefined {
  const result = git(repoDir, ['diff', '--name-status', '-M', '-z', '--no-ext-diff', sha, '--']);
  if (result.status !== 0) return undefined;
  const fields = result.stdout.split('\0').filter((f) => f !== '');
  const out: ChangedFile[] = [];
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++]!;
    if (code.startsWith('R') || code.startsWith('C')) {
      const previous = fields[i++]!;
      const path = fields[i++]!;
      out.push(code.startsWith('R') ? { path, status: 'R', previous } : { path, status: 'A' });
    } else {
      const path = fields[i++]!;
      out.push({ path, status: code === 'A' ? 'A' : code === 'D' ? 'D' : 'M' });
    }
  }
  return out;
}

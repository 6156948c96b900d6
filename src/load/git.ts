// Reading the pull request's base through git: is the commit here, fetch it if the checkout is shallow,
// and which files differ between it and the working tree.
//
// A commit name reaches git only after `refProblem` found nothing wrong with it, and after
// `--end-of-options` (git 2.24+), so that no value can be read as an option (`--upload-pack=…` runs a
// command); paths go after `--`.
import { spawnSync } from 'node:child_process';

function git(repoDir: string, args: string[]) {
  return spawnSync('git', args, { cwd: repoDir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/**
 * What is wrong with `ref` as a commit name (a SHA or a branch/tag name, per `git check-ref-format`), or
 * undefined. Never one that starts with `-`.
 */
export function refProblem(ref: string): string | undefined {
  if (ref === '') return 'it is empty';
  if (ref.startsWith('-')) return 'it starts with "-", which git would read as an option';
  if (/^[0-9a-f]{7,64}$/i.test(ref)) return undefined;
  // Letters, digits and `._/-` (stricter than `git check-ref-format`: no space, control character,
  // `~^:?*[\` or non-ASCII), then its rules: no "..", "@{", "//", part starting with "." or ending with
  // ".lock", no "/" or "." at the end.
  if (!/^[A-Za-z0-9._/-]+$/.test(ref)) return 'only letters, digits and . _ / - are accepted in a git ref';
  if (ref.includes('..') || ref.includes('@{') || ref.includes('//') || ref === '@')
    return 'it is not a valid git ref';
  if (ref.endsWith('/') || ref.endsWith('.') || ref.startsWith('/')) return 'it is not a valid git ref';
  if (ref.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock')))
    return 'it is not a valid git ref';
  return undefined;
}

export function hasCommit(repoDir: string, sha: string): boolean {
  if (refProblem(sha)) return false;
  return git(repoDir, ['cat-file', '-e', '--end-of-options', `${sha}^{commit}`]).status === 0;
}

/** Fetches one commit (the default `actions/checkout` is a depth-1 clone without the base). */
export function fetchCommit(repoDir: string, sha: string): { ok: boolean; message: string } {
  const problem = refProblem(sha);
  if (problem) return { ok: false, message: `not fetched: ${problem}` };
  const result = git(repoDir, [
    'fetch',
    '--no-tags',
    '--no-recurse-submodules',
    '--depth=1',
    '--end-of-options',
    'origin',
    sha,
  ]);
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
  if (refProblem(sha)) return undefined;
  const result = git(repoDir, [
    'diff',
    '--name-status',
    '-M',
    '-z',
    '--no-ext-diff',
    '--end-of-options',
    sha,
    '--',
  ]);
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

/** The files committed in a checkout's HEAD (paths relative to the checkout, posix). */
export interface TrackedFiles {
  /** Regular files (modes 100644 and 100755). */
  files: Set<string>;
  /** Symbolic links (mode 120000). */
  links: Set<string>;
}

/**
 * What HEAD of the repository at `repoDir` holds under `repoDir`: one `git ls-tree` (a few milliseconds
 * for thousands of files). Undefined when git cannot tell (not a repository, no commit). Files an earlier
 * step wrote into the workspace (`gha-creds-*.json`, build output) are not in it.
 */
export function trackedFiles(repoDir: string): TrackedFiles | undefined {
  // Without `--full-tree`, the listing is limited to `repoDir` and relative to it; quoting is off with -z.
  const listed = git(repoDir, ['ls-tree', '-r', '-z', '--end-of-options', 'HEAD']);
  if (listed.status !== 0) return undefined;
  return listedFiles(listed.stdout);
}

/**
 * Regular files and symlinks of a `-z` listing whose entries are `<mode> …\t<path>` (`ls-tree -r`,
 * `ls-files --stage`); submodules and anything else are left out.
 */
function listedFiles(listing: string): TrackedFiles {
  const tracked: TrackedFiles = { files: new Set(), links: new Set() };
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const mode = entry.slice(0, entry.indexOf(' '));
    const path = entry.slice(tab + 1);
    if (mode === '100644' || mode === '100755') tracked.files.add(path);
    else if (mode === '120000') tracked.links.add(path);
  }
  return tracked;
}

/** The top folder of the working tree holding `dir`, or undefined outside a git repository. */
export function repositoryRoot(dir: string): string | undefined {
  const result = git(dir, ['rev-parse', '--show-toplevel']);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The full SHA of the commit `ref` names, or undefined when it names none. */
export function commitOf(repoDir: string, ref: string): string | undefined {
  if (refProblem(ref)) return undefined;
  const result = git(repoDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The default branch: what origin/HEAD points at, else `main`, else `master` (local, then origin's). */
export function defaultBranch(repoDir: string): string | undefined {
  const origin = git(repoDir, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  if (origin.status === 0 && commitOf(repoDir, origin.stdout.trim())) return origin.stdout.trim();
  return ['main', 'master', 'origin/main', 'origin/master'].find((ref) => commitOf(repoDir, ref));
}

/** The best common ancestor of two commits (where a branch forked), or undefined. */
export function mergeBase(repoDir: string, a: string, b: string): string | undefined {
  if (refProblem(a) || refProblem(b)) return undefined;
  const result = git(repoDir, ['merge-base', '--end-of-options', a, b]);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * The files git knows in the working tree of `repoDir`: committed or added to the index (`git add`), as
 * `trackedFiles` lists HEAD's. A file the developer has not added is not in it.
 */
export function indexedFiles(repoDir: string): TrackedFiles | undefined {
  const listed = git(repoDir, ['ls-files', '--stage', '-z']);
  if (listed.status !== 0) return undefined;
  return listedFiles(listed.stdout);
}

/**
 * A checkout of `sha` in `dir` (a linked worktree, detached), as actions/checkout would make it; hooks are
 * not run. `removeWorktree` deletes it. False when git could not make it.
 */
export function addWorktree(repoDir: string, dir: string, sha: string): boolean {
  if (refProblem(sha)) return false;
  const args = ['-c', 'core.hooksPath=/dev/null', 'worktree', 'add', '--quiet', '--detach'];
  return git(repoDir, [...args, '--end-of-options', dir, sha]).status === 0;
}

export function removeWorktree(repoDir: string, dir: string): void {
  git(repoDir, ['worktree', 'remove', '--force', '--end-of-options', dir]);
}

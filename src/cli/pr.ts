// `api-posture pr`: the action's pull-request check on a local git checkout. The same discovery
// (load/pull-request.ts), the same settings read from the base (settings.ts) and the same engine: only
// where the head comes from differs (the working tree, or a commit checked out in a temporary worktree).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpecSource } from '../engine.js';
import { discoverSpecs } from '../load/discover.js';
import {
  addWorktree,
  changedSince,
  commitOf,
  defaultBranch,
  indexedFiles,
  mergeBase,
  refProblem,
  removeWorktree,
  repositoryRoot,
  type TrackedFiles,
  trackedFiles,
} from '../load/git.js';
import { pullRequestSources } from '../load/pull-request.js';
import { type FileReader, gitReader, trackedReader } from '../load/reader.js';
import type { Report } from '../report/json.js';
import { reportWithSettings } from '../report/json-stream.js';
import type { CheckRequest, SettingsOptions } from '../settings.js';

/** A mistake in the call (no repository, an unknown ref): the CLI reports it as a usage error (exit 2). */
export class PullRequestError extends Error {}

export interface PullRequestRefs {
  /** The base commit; default: where the head forked from the default branch. */
  base?: string | undefined;
  /** The head commit; default: the working tree (files git knows: committed or added). */
  head?: string | undefined;
  /** Globs naming the root documents (the action's `specs`); default: every file whose root is OpenAPI. */
  specs: string[];
}

/**
 * Runs the pull-request check from `cwd`'s repository. Paths in the report are relative to the
 * repository's top folder, as in the action's. `note` receives what was left out and why.
 */
export async function checkPullRequest(
  cwd: string,
  refs: PullRequestRefs,
  request: Omit<CheckRequest, 'mode'>,
  note: (message: string) => void,
): Promise<Report> {
  return onPullRequest(cwd, refs, note, (sources, base, options) =>
    reportWithSettings(sources, { ...request, mode: 'diff' }, base, options),
  );
}

/** What `pr` does with the documents it found: the base's reader holds the settings (`options`). */
export type PullRequestAnalysis<T> = (
  sources: SpecSource[],
  base: FileReader,
  options: SettingsOptions,
) => Promise<T>;

/** `checkPullRequest` with the analysis given: the report whole, or streamed one document at a time. */
export async function onPullRequest<T>(
  cwd: string,
  refs: PullRequestRefs,
  note: (message: string) => void,
  analyse: PullRequestAnalysis<T>,
): Promise<T> {
  const top = repositoryRoot(cwd);
  if (top === undefined) throw new PullRequestError(`${cwd} is not inside a git repository`);
  const headSha = refs.head === undefined ? undefined : commit(top, '--head', refs.head);
  const baseSha = refs.base === undefined ? forkPoint(top, headSha) : commit(top, '--base', refs.base);
  if (headSha === undefined) return check(top, indexedFiles(top), baseSha, refs, note, analyse);
  // The head commit checked out on its own, as actions/checkout gives it to the action.
  const dir = mkdtempSync(join(tmpdir(), 'api-posture-pr-'));
  const workspace = join(dir, 'head');
  try {
    if (!addWorktree(top, workspace, headSha))
      throw new PullRequestError(`could not check out --head ${refs.head} (git worktree add failed)`);
    return await check(workspace, trackedFiles(workspace), baseSha, refs, note, analyse);
  } finally {
    removeWorktree(top, workspace);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function check<T>(
  workspace: string,
  tracked: TrackedFiles | undefined,
  baseSha: string,
  refs: PullRequestRefs,
  note: (message: string) => void,
  analyse: PullRequestAnalysis<T>,
): Promise<T> {
  if (!tracked) throw new PullRequestError(`cannot list the files git knows in ${workspace}`);
  const changed = changedSince(workspace, baseSha);
  if (!changed) throw new PullRequestError(`cannot list the files changed since ${baseSha.slice(0, 12)}`);
  const base = gitReader(workspace, baseSha);
  const head = trackedReader(workspace, tracked);
  const sources = await pullRequestSources({
    workspace,
    changed,
    complete: true,
    base,
    head,
    tracked,
    specs: refs.specs,
  });
  // As the action would not see them once pushed: files never added to git are not read.
  const unknown = discoverSpecs(workspace, refs.specs).filter((path) => head.admits?.(path) === false);
  if (unknown.length > 0) note(`not analysed, not added to git: ${unknown.join(', ')}`);
  return analyse(sources, base, {
    names: { config: '--config', policies: '--policies' },
    fromBase: true,
    warn: note,
  });
}

function commit(repoDir: string, flag: string, ref: string): string {
  const problem = refProblem(ref);
  if (problem) throw new PullRequestError(`${flag} "${ref}": ${problem}`);
  const sha = commitOf(repoDir, ref);
  if (sha === undefined) throw new PullRequestError(`${flag} "${ref}" names no commit in this repository`);
  return sha;
}

/** Where the head (HEAD for the working tree) forked from the default branch. */
function forkPoint(repoDir: string, headSha: string | undefined): string {
  const branch = defaultBranch(repoDir);
  if (branch === undefined)
    throw new PullRequestError(
      'no default branch found (origin/HEAD, main or master): name the base with --base REF',
    );
  const sha = mergeBase(repoDir, branch, headSha ?? 'HEAD');
  if (sha === undefined)
    throw new PullRequestError(`${branch} and the head share no commit: name the base with --base REF`);
  return sha;
}

// The GitHub Action: reads the event, picks the specs the PR touched, runs the engine, publishes.
// PR mode (pull_request, pull_request_target) compares base and head; other events report the inventory.
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { ConfigError, SettingsError } from '../config/errors.js';
import type { Analysis, Mode, SpecSource } from '../engine.js';
import { type FailOn, type FailOnScope, gate } from '../gate/index.js';
import { discoverSpecs, unmatchedPatterns } from '../load/discover.js';
import {
  type ChangedFile,
  changedSince,
  fetchCommit,
  hasCommit,
  type TrackedFiles,
  trackedFiles,
} from '../load/git.js';
import { pullRequestSources as touchedDocuments } from '../load/pull-request.js';
import { type FileRead, type FileReader, fsReader, gitReader, trackedReader } from '../load/reader.js';
import { DEFAULT_PARSE_LIMITS } from '../load/source.js';
import type { NamedTrafficFile } from '../load/traffic.js';
import type { GitHubClient, Repo } from '../publish/github.js';
import { type ClientOnDemand, publishToRunner, type RunnerContext } from '../publish/runner.js';
import { logText } from '../report/escape.js';
import { buildReport, type Report } from '../report/json.js';
import { writeJsonToFd } from '../report/json-text.js';
import { type ActionInputs, InputError, readInputs } from './inputs.js';
import { findTrafficFiles, TrafficInputError } from './traffic-files.js';

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** `GET /pulls/{n}/files` stops at 3,000 files. */
const MAX_LISTED_PR_FILES = 3000;
/** The artifact name the README's workflow uploads the JSON report and SARIF as: named in the summary and comment. */

interface Environment {
  eventName: string;
  eventPath?: string;
  workspace: string;
  repository: Repo;
  serverUrl: string;
  apiUrl: string;
  runId?: string;
  sha?: string;
  tempDir: string;
  actionRepository?: string;
  actionRef?: string;
}

function readEnvironment(env: NodeJS.ProcessEnv): Environment {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    ...(env.GITHUB_EVENT_PATH ? { eventPath: env.GITHUB_EVENT_PATH } : {}),
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    repository: { owner, repo },
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID } : {}),
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
    tempDir: env.RUNNER_TEMP ?? env.GITHUB_WORKSPACE ?? process.cwd(),
    ...(env.GITHUB_ACTION_REPOSITORY ? { actionRepository: env.GITHUB_ACTION_REPOSITORY } : {}),
    ...(env.GITHUB_ACTION_REF ? { actionRef: env.GITHUB_ACTION_REF } : {}),
  };
}

interface PullRequest {
  number: number;
  baseSha: string;
  headSha: string;
}

function readPullRequest(eventPath: string | undefined): PullRequest | undefined {
  if (!eventPath) return undefined;
  const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as {
    pull_request?: { number?: number; base?: { sha?: string }; head?: { sha?: string } };
    number?: number;
  };
  const pr = payload.pull_request;
  if (!pr?.base?.sha || !pr.head?.sha) return undefined;
  return { number: pr.number ?? payload.number ?? 0, baseSha: pr.base.sha, headSha: pr.head.sha };
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const environment = readEnvironment(env);
    if (inputs.mode === 'comment-from-artifact') {
      const { commentFromArtifact } = await import('./comment-from-artifact.js');
      return await commentFromArtifact(inputs, environment, clientOnDemand(inputs, environment));
    }
    await execute(inputs, environment);
  } catch (error) {
    // Every log line goes through `logText`: a file name or document string holding a newline would
    // otherwise write a workflow command of its own (a forged `::error::`, a `::stop-commands::`).
    if (error instanceof InputError || error instanceof ConfigError || error instanceof SettingsError)
      core.setFailed(logText(error.message));
    else
      core.setFailed(
        `api-posture failed unexpectedly: ${logText(error instanceof Error ? error.message : String(error))}`,
      );
  }
}

function clientOnDemand(inputs: ActionInputs, env: Environment): ClientOnDemand {
  let client: Promise<GitHubClient | undefined> | undefined;
  return () => {
    const token = inputs.token;
    client ??= token
      ? import('../publish/github.js').then((github) =>
          github.createClient(token, env.apiUrl, (m) => core.info(logText(m))),
        )
      : Promise.resolve(undefined);
    return client;
  };
}

async function execute(inputs: ActionInputs, env: Environment): Promise<void> {
  const client = clientOnDemand(inputs, env);
  const pr = PR_EVENTS.has(env.eventName) ? readPullRequest(env.eventPath) : undefined;
  if (PR_EVENTS.has(env.eventName) && !pr)
    throw new InputError(`the ${env.eventName} event has no pull_request base and head SHAs`);
  const mode: Mode = pr ? 'diff' : 'scan';
  const head = headReader(env.workspace, pr !== undefined);
  let sources: SpecSource[];
  let settingsReader: FileReader = head;
  let found: string[] | undefined;
  if (pr) {
    const baseSha = inputs.baseRef ?? pr.baseSha;
    const base = await baseReader(env, client, baseSha);
    if (!inputs.trustPrConfig) settingsReader = base.reader;
    sources = await pullRequestSources(env, inputs, client, pr, base, head);
  } else {
    found = discoverSpecs(env.workspace, inputs.specs);
    const uncommitted = found.filter((path) => head.admits?.(path) === false);
    if (uncommitted.length > 0)
      core.info(
        logText(`api-posture: not analysed, not committed in the checkout: ${uncommitted.join(', ')}`),
      );
    sources = found
      .filter((path) => head.admits?.(path) !== false)
      .map((path) => ({ path, head: { reader: head, path } }));
  }
  core.info(
    logText(
      `api-posture: ${sources.length} document${sources.length === 1 ? '' : 's'} to analyse (${mode} mode)${sources.length > 0 ? `: ${documentList(sources.map((s) => s.path))}` : ''}`,
    ),
  );
  const notes = nothingToCheck(env.workspace, inputs.specs, sources, found);
  const traffic = trafficFiles(inputs, env);
  notes.push(...(traffic?.notes ?? []));
  for (const note of notes) core.warning(logText(`api-posture: ${note}`));
  const runner: RunnerContext = {
    workspace: env.workspace,
    repository: env.repository,
    serverUrl: env.serverUrl,
    tempDir: env.tempDir,
    ...(env.runId ? { runId: env.runId } : {}),
    ...((pr?.headSha ?? env.sha) ? { headSha: pr?.headSha ?? env.sha } : {}),
    ...(env.actionRepository ? { actionRepository: env.actionRepository } : {}),
    ...(env.actionRef ? { actionRef: env.actionRef } : {}),
  };
  const toArtifact = inputs.mode === 'comment-to-artifact';
  if (!pr && toArtifact && inputs.comment) core.info('api-posture: not a pull request: no comment artifact');
  // One document at a time: a monorepo's inventory of thousands, or a PR touching hundreds, in bounded
  // memory. With traffic, the requests no document claims are known only once every document is matched.
  if (sources.length > 0 && !traffic) {
    const { streamRun } = await import('./analyse.js');
    const run = await streamRun(
      sources,
      inputs,
      settingsReader,
      runner,
      notes,
      pr && {
        pullRequest: pr.number,
        fromBase: !inputs.trustPrConfig,
        clientOf: client,
        ...(toArtifact && inputs.comment
          ? { afterPublish: (writeReport) => saveCommentArtifact(writeReport, env, pr) }
          : {}),
      },
    );
    if (run.gate.blocked) core.setFailed(`api-posture blocked this change: ${logText(run.gate.reason)}`);
    return;
  }
  // Nothing to analyse (the common case in a busy repository): the engine, config and policies are not loaded.
  const report: Report =
    sources.length === 0
      ? buildReport(nothingToAnalyse(mode, inputs.failOn, inputs.failOnScope))
      : await (await import('./analyse.js')).analyse(
          sources,
          mode,
          inputs,
          settingsReader,
          pr !== undefined,
          traffic?.files,
        );
  // A fork's PR cannot be commented on from here: the report goes to a file for a workflow_run to post.
  await publishToRunner(
    report,
    toArtifact ? { ...inputs, comment: false } : inputs,
    runner,
    client,
    pr?.number,
    notes,
  );
  if (pr && toArtifact && inputs.comment)
    await saveCommentArtifact((fd) => writeJsonToFd(fd, report), env, pr);
  if (report.blocked) core.setFailed(`api-posture blocked this change: ${logText(report.summary.verdict)}`);
}

/** Documents named in the log line that starts a run; the job summary and the report list the rest. */
const LISTED_DOCUMENTS = 50;

/** The documents a run analyses, as its first log line names them: a monorepo's thousands cut to the first 50. */
export function documentList(paths: string[]): string {
  const more = paths.length - LISTED_DOCUMENTS;
  return `${paths.slice(0, LISTED_DOCUMENTS).join(', ')}${more > 0 ? `, … and ${more} more` : ''}`;
}

/** `mode: comment-to-artifact`: the file the README's upload step sends to the workflow_run workflow. */
async function saveCommentArtifact(writeReport: (fd: number) => void, env: Environment, pr: PullRequest) {
  const { artifactOverLimit, commentArtifactPath, writeCommentArtifact } = await import(
    '../publish/artifact.js'
  );
  const path = commentArtifactPath(env.tempDir);
  const refused = writeCommentArtifact(path, [env.tempDir], pr.number, pr.headSha, writeReport);
  if (refused) return core.warning(`the comment artifact was not written: ${refused}`);
  core.info(logText(`api-posture: the PR comment's report is in ${path}, for the upload step`));
  const over = artifactOverLimit(path);
  if (over) core.warning(over);
}

/**
 * What a run cannot check and should say (a warning and a line in the summary): a `specs` pattern that
 * matches no file — neither in the checkout nor among the documents a PR touched (a deleted one) — or an
 * inventory that finds no OpenAPI document at all. A PR that touches no document is the common case: silent.
 */
function nothingToCheck(
  workspace: string,
  specs: string[],
  sources: SpecSource[],
  found: string[] | undefined,
): string[] {
  const named = (pattern: string) => `\`${pattern.replace(/`/g, "'")}\``;
  if (specs.length === 0)
    return found?.length === 0
      ? [
          'no OpenAPI document found in the checkout (a file whose root has `openapi:` or `swagger:`): nothing was checked',
        ]
      : [];
  const paths = [...(found ?? discoverSpecs(workspace, specs)), ...sources.map((s) => s.path)];
  return unmatchedPatterns(specs, paths).map(
    (pattern) =>
      `input \`specs\`: ${named(pattern)} matches no file in the checkout: nothing was checked for it`,
  );
}

/**
 * The `traffic` input's files (workspace or RUNNER_TEMP only), and what to warn about: a pattern that
 * matches nothing, a match that is not read (a symlink leaving both folders).
 */
function trafficFiles(
  inputs: ActionInputs,
  env: Environment,
): { files: NamedTrafficFile[]; notes: string[] } | undefined {
  if (inputs.traffic.length === 0) return undefined;
  let found: ReturnType<typeof findTrafficFiles>;
  try {
    found = findTrafficFiles(inputs.traffic, { workspace: env.workspace, tempDir: env.tempDir });
  } catch (error) {
    if (error instanceof TrafficInputError) throw new InputError(error.message);
    throw error;
  }
  const named = (pattern: string) => `\`${pattern.replace(/`/g, "'")}\``;
  const notes = [
    ...found.unmatched.map(
      (pattern) => `input \`traffic\`: ${named(pattern)} matches no file: no traffic was read for it`,
    ),
    ...found.refused.map((why) => `input \`traffic\`: ${why}`),
  ];
  if (found.files.length > 0)
    core.info(logText(`api-posture: traffic from ${found.files.map((f) => f.name).join(', ')}`));
  return { files: found.files, notes };
}

/** What the engine returns for no sources, without loading it. */
export function nothingToAnalyse(mode: Mode, failOn: FailOn, failOnScope: FailOnScope): Analysis {
  return { mode, failOn, failOnScope, specs: [], gate: gate([], [], failOn, failOnScope) };
}

interface BaseSide {
  reader: FileReader;
  /** Set when git has the base commit: changed files come from git, otherwise from the REST API. */
  viaGit: boolean;
  sha: string;
}

/**
 * The head as the action reads it: only files committed in the checkout (an earlier step may have left
 * credentials in the workspace, and a PR can `$ref` any path). Without git's list a pull request is not
 * analysed (fail closed); an inventory run then reads the workspace as it is, and says so.
 */
function headReader(workspace: string, pullRequest: boolean): FileReader & { tracked?: TrackedFiles } {
  const tracked = trackedFiles(workspace);
  if (tracked) return Object.assign(trackedReader(workspace, tracked), { tracked });
  if (pullRequest)
    throw new InputError(
      'cannot list the files committed in the checkout (git ls-tree HEAD failed): run actions/checkout before api-posture',
    );
  core.warning(
    'api-posture: the workspace is not a git checkout; every file in it is read, committed or not',
  );
  return fsReader(workspace);
}

/** The base commit through git (fetched if the checkout is shallow), or through the REST API. */
async function baseReader(env: Environment, clientOf: ClientOnDemand, sha: string): Promise<BaseSide> {
  if (!hasCommit(env.workspace, sha)) {
    const fetched = fetchCommit(env.workspace, sha);
    if (!fetched.ok)
      core.info(
        logText(
          `api-posture: could not fetch the base commit ${sha.slice(0, 12)} with git (${fetched.message}); reading it through the REST API`,
        ),
      );
  }
  if (hasCommit(env.workspace, sha)) return { reader: gitReader(env.workspace, sha), viaGit: true, sha };
  const client = await clientOf();
  if (!client)
    throw new InputError(
      `the base commit ${sha} is not in the checkout and no github-token is set to read it through the API`,
    );
  return { reader: await restReader(client, env.repository, sha), viaGit: false, sha };
}

/**
 * A reader over files fetched through the contents API on demand (cached; pre-filled for sync use), which
 * refuses what git's reader refuses (symlinks, submodules, `.git`, over the size limit: `fileAt`). Files
 * are fetched up to the default size limit, the most a configured limit can then see.
 */
async function restReader(
  client: GitHubClient,
  repo: Repo,
  sha: string,
): Promise<FileReader & { prefetch(paths: string[]): Promise<void> }> {
  const cache = new Map<string, FileRead | undefined>();
  const { fileAt } = await import('../publish/github.js');
  const open = (path: string, maxBytes: number): FileRead | undefined => {
    const read = cache.get(path);
    if (read && 'text' in read && Buffer.byteLength(read.text) > maxBytes)
      return { refused: { reason: 'too-large', bytes: Buffer.byteLength(read.text) } };
    return read;
  };
  return {
    label: sha.slice(0, 12),
    read: (path) => {
      const read = cache.get(path);
      return read && 'text' in read ? read.text : undefined;
    },
    open,
    async prefetch(paths) {
      for (const path of paths)
        if (!cache.has(path))
          cache.set(path, await fileAt(client, repo, path, sha, DEFAULT_PARSE_LIMITS.maxFileBytes));
    },
  };
}

/** The root documents this PR touches (see load/pull-request.ts), from git's list of changed files or the API's. */
async function pullRequestSources(
  env: Environment,
  inputs: ActionInputs,
  clientOf: ClientOnDemand,
  pr: PullRequest,
  base: BaseSide,
  head: FileReader & { tracked?: TrackedFiles },
): Promise<SpecSource[]> {
  let changed: ChangedFile[] | undefined = base.viaGit ? changedSince(env.workspace, base.sha) : undefined;
  if (!changed) {
    const client = await clientOf();
    if (!client)
      throw new InputError(
        'cannot list the files this pull request changed: no git base and no github-token',
      );
    const { pullRequestFiles } = await import('../publish/github.js');
    changed = (await pullRequestFiles(client, env.repository, pr.number)).map((f) => ({
      path: f.path,
      status: f.status === 'added' ? 'A' : f.status === 'removed' ? 'D' : f.status === 'renamed' ? 'R' : 'M',
      ...(f.previous ? { previous: f.previous } : {}),
    }));
  }
  // The REST API lists at most 3,000 files of a PR: beyond that nobody can tell what was touched, so
  // every spec is analysed (unchanged ones simply report no change) rather than silently skipped.
  const complete = base.viaGit || changed.length < MAX_LISTED_PR_FILES;
  if (!complete) {
    core.warning(
      `the pull request changes ${MAX_LISTED_PR_FILES} or more files, the most the GitHub API lists: analysing every spec`,
    );
  }
  return touchedDocuments({
    workspace: env.workspace,
    changed,
    complete,
    base: base.reader,
    head,
    ...(head.tracked ? { tracked: head.tracked } : {}),
    specs: inputs.specs,
  });
}

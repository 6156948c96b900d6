// The action's inputs, validated: a wrong value is an error naming the input and the valid values.
import { FAIL_ON_SCOPES, FAIL_ON_VALUES, type FailOn, type FailOnScope } from '../gate/index.js';
import { splitPatterns } from '../load/discover.js';
import { refProblem } from '../load/git.js';
import { remotePrefixProblem } from '../load/remote.js';

export interface ActionInputs {
  specs: string[];
  policies: string[];
  config?: string;
  failOn: FailOn;
  failOnScope: FailOnScope;
  comment: boolean;
  annotations: boolean;
  sarifFile?: string;
  baseRef?: string;
  token: string;
  /** Read config and policies from the PR head instead of the base commit (lets a PR change its own gate). */
  trustPrConfig: boolean;
  /** URL prefixes under which remote `$ref`s are fetched (with the config's `remoteRefs.allow`). */
  allowRemoteRefs: string[];
  /** How the comment reaches the PR: directly, or through an artifact for a `workflow_run` (fork PRs). */
  mode: ActionMode;
  /** Globs of observed-traffic files, under the workspace or RUNNER_TEMP (action/traffic-files.ts). */
  traffic: string[];
}

/**
 * `analyse`: analyse and comment directly. `comment-to-artifact`: analyse, and write the report for the
 * comment to a file the workflow uploads, instead of commenting (a fork's PR: read-only token).
 * `comment-from-artifact`: on `workflow_run`, analyse nothing; comment from that artifact.
 */
export const ACTION_MODES = ['analyse', 'comment-to-artifact', 'comment-from-artifact'] as const;
export type ActionMode = (typeof ACTION_MODES)[number];

export class InputError extends Error {}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`input \`${name}\` is "${value}"; use one of: ${allowed.join(', ')}`);
}

function bool(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (/^(true|yes|on)$/i.test(value)) return true;
  if (/^(false|no|off)$/i.test(value)) return false;
  throw new InputError(`input \`${name}\` is "${value}"; use true or false`);
}

function remotePrefixes(value: string): string[] {
  const prefixes = value.split(/[\s,]+/).filter((p) => p !== '');
  for (const prefix of prefixes) {
    const problem = remotePrefixProblem(prefix);
    if (problem) throw new InputError(`input \`allow-remote-refs\`: ${problem}`);
  }
  return prefixes;
}

/** `base-ref`: a SHA or a ref name that git cannot read as an option. */
function baseRef(value: string): string {
  const problem = refProblem(value);
  if (problem)
    throw new InputError(`input \`base-ref\` is "${value}": ${problem}; use a commit SHA or a branch name`);
  return value;
}

/** `get(name)` returns the trimmed input or '' (as `core.getInput` does). */
export function readInputs(get: (name: string) => string): ActionInputs {
  const sarif = get('sarif-file');
  return {
    specs: splitPatterns(get('specs')),
    policies: splitPatterns(get('policies') || 'default'),
    ...(get('config') ? { config: get('config') } : {}),
    failOn: oneOf('fail-on', get('fail-on') || 'critical', FAIL_ON_VALUES),
    failOnScope: oneOf('fail-on-scope', get('fail-on-scope') || 'new', FAIL_ON_SCOPES),
    comment: bool('comment', get('comment'), true),
    annotations: bool('annotations', get('annotations'), true),
    ...(sarif ? { sarifFile: sarif } : {}),
    ...(get('base-ref') ? { baseRef: baseRef(get('base-ref')) } : {}),
    token: get('github-token'),
    trustPrConfig: bool('trust-pr-config', get('trust-pr-config'), false),
    allowRemoteRefs: remotePrefixes(get('allow-remote-refs')),
    mode: oneOf('mode', get('mode') || 'analyse', ACTION_MODES),
    traffic: splitPatterns(get('traffic')),
  };
}

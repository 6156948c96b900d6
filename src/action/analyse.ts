// The analysis half of the action, imported only when the PR touches a description: the config, the
// policies and the engine (with the YAML and schema libraries they bring) stay unloaded otherwise.
import * as core from '@actions/core';
import { type Config, EMPTY_CONFIG, loadConfig } from '../config/index.js';
import { type Analysis, fetchAllowedRemoteRefs, type Mode, runEngine, type SpecSource } from '../engine.js';
import { type FileReader, openFile, type Refusal } from '../load/reader.js';
import { DEFAULT_PARSE_LIMITS } from '../load/source.js';
import { BUILTIN_POLICIES } from '../policy/builtin.js';
import { loadBuiltinPolicies, loadPolicies, type Policy } from '../policy/load.js';
import { logText } from '../report/escape.js';
import { type ActionInputs, InputError } from './inputs.js';

/** Reads the config and policies (from the base commit unless `trust-pr-config`) and runs the engine. */
export async function analyse(
  sources: SpecSource[],
  mode: Mode,
  inputs: ActionInputs,
  settingsReader: FileReader & { prefetch?: (paths: string[]) => Promise<void> },
  pullRequest: boolean,
): Promise<Analysis> {
  // A base read through the REST API has only what was fetched.
  await settingsReader.prefetch?.([configPath(inputs.config), ...inputs.policies.map(policyPath)]);
  const config = readConfig(settingsReader, inputs.config, pullRequest && !inputs.trustPrConfig);
  const policies = readPolicies(settingsReader, inputs.policies);
  const remote = await fetchAllowedRemoteRefs(sources, config, inputs.allowRemoteRefs);
  return runEngine(sources, {
    mode,
    config,
    policies,
    failOn: inputs.failOn,
    failOnScope: inputs.failOnScope,
    ...(remote ? { remote } : {}),
  });
}

const configPath = (path: string | undefined) => path ?? '.github/api-posture.yml';
const policyPath = (name: string) => name.replace(/^\.\//, '');

/**
 * A settings file's text, undefined when it does not exist. One that exists but was refused (a symlink,
 * over the size limit, under .git, not committed, not text) is an error naming the input: reading the
 * defaults instead would let a PR switch the base's settings off by turning them into a symlink.
 */
function readSettings(reader: FileReader, input: string, path: string): string | undefined {
  const read = openFile(reader, path, DEFAULT_PARSE_LIMITS.maxFileBytes);
  if (read && 'refused' in read)
    throw new InputError(
      `input \`${input}\`: ${path}${reader.label ? ` at ${reader.label}` : ''} was not read: ${refusalText(read.refused)}`,
    );
  return read?.text;
}

function refusalText(refusal: Refusal): string {
  switch (refusal.reason) {
    case 'outside':
      return 'its real path (symlinks followed) is outside the workspace';
    case 'git-dir':
      return 'it is under .git';
    case 'untracked':
      return 'it is not a file committed in the checkout';
    case 'not-file':
      return 'it is not a regular file (a directory, or a symbolic link or submodule in a commit)';
    case 'too-large':
      return `${refusal.bytes} bytes is above the ${DEFAULT_PARSE_LIMITS.maxFileBytes}-byte limit`;
    case 'not-text':
      return `it is not ${refusal.encoding} text${refusal.line === undefined ? '' : ` (from line ${refusal.line})`}`;
  }
}

function readConfig(reader: FileReader, path: string | undefined, fromBase: boolean): Config {
  const file = configPath(path);
  const text = readSettings(reader, 'config', file);
  if (text === undefined) {
    if (path !== undefined) {
      if (fromBase)
        core.warning(
          logText(`config ${file} is not in the base commit; the defaults apply until it is merged`),
        );
      else throw new InputError(`input \`config\`: ${file} does not exist`);
    }
    return EMPTY_CONFIG;
  }
  return loadConfig(file, text);
}

function readPolicies(reader: FileReader, names: string[]): Policy[] {
  return names.flatMap((name) => {
    const text = readSettings(reader, 'policies', policyPath(name));
    if (text !== undefined) return loadPolicies(name, text);
    const builtin = loadBuiltinPolicies(name);
    if (builtin) return builtin;
    throw new InputError(
      `input \`policies\`: ${name} does not exist${reader.label ? ` at ${reader.label}` : ''} and is not a shipped pack (${Object.keys(
        BUILTIN_POLICIES,
      )
        .map((f) => f.replace(/\.yml$/, ''))
        .join(', ')})`,
    );
  });
}

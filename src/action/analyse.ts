// The analysis half of the action, imported only when the PR touches a description: the config, the
// policies and the engine (with the YAML and schema libraries they bring) stay unloaded otherwise.
import * as core from '@actions/core';
import { type Config, EMPTY_CONFIG, loadConfig } from '../config/index.js';
import { type Analysis, fetchAllowedRemoteRefs, type Mode, runEngine, type SpecSource } from '../engine.js';
import type { FileReader } from '../load/reader.js';
import { BUILTIN_POLICIES } from '../policy/builtin.js';
import { loadBuiltinPolicies, loadPolicies, type Policy } from '../policy/load.js';
import { logText } from '../report/escape.js';
import { type ActionInputs, InputError } from './inputs.js';

/** Reads the config and policies (from the base commit unless `trust-pr-config`) and runs the engine. */
export async function analyse(
  sources: SpecSource[],
  mode: Mode,
  inputs: ActionInputs,
  settingsReader: FileReader,
  pullRequest: boolean,
): Promise<Analysis> {
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

function readConfig(reader: FileReader, path: string | undefined, fromBase: boolean): Config {
  const file = path ?? '.github/api-posture.yml';
  const text = reader.read(file);
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
    const text = reader.read(name.replace(/^\.\//, ''));
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

// The analysis half of the action, imported only when the PR touches a description: the config, the
// policies and the engine (with the YAML and schema libraries they bring) stay unloaded otherwise.
import * as core from '@actions/core';
import { type Analysis, fetchAllowedRemoteRefs, type Mode, runEngine, type SpecSource } from '../engine.js';
import type { FileReader } from '../load/reader.js';
import { logText } from '../report/escape.js';
import { readSettings, settingsPaths } from '../settings.js';
import type { ActionInputs } from './inputs.js';

/** Reads the config and policies (from the base commit unless `trust-pr-config`) and runs the engine. */
export async function analyse(
  sources: SpecSource[],
  mode: Mode,
  inputs: ActionInputs,
  settingsReader: FileReader & { prefetch?: (paths: string[]) => Promise<void> },
  pullRequest: boolean,
): Promise<Analysis> {
  const request = { config: inputs.config, policies: inputs.policies };
  // A base read through the REST API has only what was fetched.
  await settingsReader.prefetch?.(settingsPaths(request));
  const { config, policies } = readSettings(settingsReader, request, {
    names: { config: 'input `config`', policies: 'input `policies`' },
    fromBase: pullRequest && !inputs.trustPrConfig,
    warn: (message) => core.warning(logText(message)),
  });
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

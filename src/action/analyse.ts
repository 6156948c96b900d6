// The analysis half of the action, imported only when the PR touches a description: the config, the
// policies and the engine (with the YAML and schema libraries they bring) stay unloaded otherwise.
import * as core from '@actions/core';
import type { Analysis, Mode, SpecSource } from '../engine.js';
import type { FileReader } from '../load/reader.js';
import { logText } from '../report/escape.js';
import { analyseWithSettings } from '../settings.js';
import type { ActionInputs } from './inputs.js';

/** Reads the config and policies (from the base commit unless `trust-pr-config`) and runs the engine. */
export function analyse(
  sources: SpecSource[],
  mode: Mode,
  inputs: ActionInputs,
  settingsReader: FileReader & { prefetch?: (paths: string[]) => Promise<void> },
  pullRequest: boolean,
): Promise<Analysis> {
  return analyseWithSettings(sources, { ...inputs, mode }, settingsReader, {
    names: { config: 'input `config`', policies: 'input `policies`' },
    fromBase: pullRequest && !inputs.trustPrConfig,
    warn: (message) => core.warning(logText(message)),
  });
}

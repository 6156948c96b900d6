// The analysis half of the action, imported only when the PR touches a description: the config, the
// policies and the engine (with the YAML and schema libraries they bring) stay unloaded otherwise.
import * as core from '@actions/core';
import type { Mode, SpecSource, StreamedAnalysis } from '../engine.js';
import type { FileReader } from '../load/reader.js';
import { type NamedTrafficFile, type ObservedTraffic, readTraffic, TrafficError } from '../load/traffic.js';
import { type RunnerContext, StreamedInventory } from '../publish/runner.js';
import { logText } from '../report/escape.js';
import type { Report } from '../report/json.js';
import { reportWithSettings } from '../report/json-stream.js';
import { streamWithSettings } from '../settings.js';
import { heapPacer } from '../util/heap.js';
import { type ActionInputs, InputError } from './inputs.js';

/**
 * The traffic files, streamed (a 1 GB log in bounded memory). Lines that cannot be read are warnings
 * naming file and line (only a method prefix is ever quoted); a file that is not traffic at all fails the step.
 */
async function observedTraffic(files: NamedTrafficFile[]): Promise<ObservedTraffic> {
  try {
    const traffic = await readTraffic(files);
    for (const warning of traffic.warnings) core.warning(logText(`api-posture: traffic ${warning}`));
    if (traffic.skipped > traffic.warnings.length)
      core.warning(`api-posture: traffic: ${traffic.skipped} lines skipped in all`);
    return traffic;
  } catch (error) {
    if (error instanceof TrafficError) throw new InputError(`input \`traffic\`: ${error.message}`);
    throw error;
  }
}

/**
 * Reads the config and policies (from the base commit unless `trust-pr-config`), runs the engine one
 * document at a time, and returns the report.
 */
export async function analyse(
  sources: SpecSource[],
  mode: Mode,
  inputs: ActionInputs,
  settingsReader: FileReader & { prefetch?: (paths: string[]) => Promise<void> },
  pullRequest: boolean,
  trafficFiles: NamedTrafficFile[] = [],
): Promise<Report> {
  const traffic = trafficFiles.length > 0 ? await observedTraffic(trafficFiles) : undefined;
  const { traffic: _patterns, ...request } = inputs;
  return reportWithSettings(sources, { ...request, mode, ...(traffic ? { traffic } : {}) }, settingsReader, {
    names: { config: 'input `config`', policies: 'input `policies`' },
    fromBase: pullRequest && !inputs.trustPrConfig,
    warn: (message) => core.warning(logText(message)),
  });
}

/**
 * The inventory (push, schedule) analysed and published one document at a time (`StreamedInventory`):
 * memory holds one document's models, whatever the number of documents. Returns the gate's verdict.
 */
export async function streamInventory(
  sources: SpecSource[],
  inputs: ActionInputs,
  settingsReader: FileReader,
  runner: RunnerContext,
  notes: string[],
): Promise<StreamedAnalysis> {
  const { traffic: _patterns, ...request } = inputs;
  const published = new StreamedInventory(inputs, runner, notes);
  try {
    const pace = heapPacer();
    const run = await streamWithSettings(
      sources,
      { ...request, mode: 'scan' },
      settingsReader,
      {
        names: { config: 'input `config`', policies: 'input `policies`' },
        fromBase: false,
        warn: (message) => core.warning(logText(message)),
      },
      (spec) => published.add(spec, pace.betweenStages),
      pace,
    );
    await published.finish(run);
    return run;
  } finally {
    published.dispose();
  }
}

// The analysis half of the action, imported only when the PR touches a description: the config, the
// policies and the engine (with the YAML and schema libraries they bring) stay unloaded otherwise.
import * as core from '@actions/core';
import type { Mode, SpecSource, StreamedAnalysis } from '../engine.js';
import type { FileReader } from '../load/reader.js';
import { type NamedTrafficFile, type ObservedTraffic, readTraffic, TrafficError } from '../load/traffic.js';
import { type ClientOnDemand, type RunnerContext, StreamedRun } from '../publish/runner.js';
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
 * A run analysed and published one document at a time (`StreamedRun`): the inventory (push, schedule), or
 * a pull request's when `pullRequest` is given. Memory holds one document's models, and what each output
 * may still show, whatever the number of documents. `afterPublish` runs before the spooled report is
 * removed, with a writer of it (the comment artifact). Returns the gate's verdict.
 */
export async function streamRun(
  sources: SpecSource[],
  inputs: ActionInputs,
  settingsReader: FileReader,
  runner: RunnerContext,
  notes: string[],
  pull?: {
    pullRequest: number;
    fromBase: boolean;
    clientOf: ClientOnDemand;
    afterPublish?: (writeReport: (fd: number) => void) => Promise<void>;
  },
): Promise<StreamedAnalysis> {
  const { traffic: _patterns, ...request } = inputs;
  const publishing = pull && inputs.mode === 'comment-to-artifact' ? { ...inputs, comment: false } : inputs;
  const published = new StreamedRun(
    publishing,
    runner,
    notes,
    pull ? { number: pull.pullRequest, failOn: inputs.failOn, failOnScope: inputs.failOnScope } : undefined,
  );
  try {
    const pace = heapPacer();
    const run = await streamWithSettings(
      sources,
      { ...request, mode: pull ? 'diff' : 'scan' },
      settingsReader,
      {
        names: { config: 'input `config`', policies: 'input `policies`' },
        fromBase: pull?.fromBase ?? false,
        warn: (message) => core.warning(logText(message)),
      },
      (spec) => published.add(spec, pace.betweenStages),
      pace,
    );
    await published.finish(run, pull?.clientOf);
    await pull?.afterPublish?.((fd) => published.writeReport(run, fd));
    return run;
  } finally {
    published.dispose();
  }
}

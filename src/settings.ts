// The config and the policies a run is judged by: one loader for the CLI and the action, so that both read
// the same names the same way. A policy name is a file when that file exists where the settings are read
// (the base commit for a pull request, the current directory for `diff`/`scan`), else a shipped pack
// (`default`, `owasp-strict`), else an error listing the packs.
import { SettingsError } from './config/errors.js';
import { type Config, EMPTY_CONFIG, loadConfig } from './config/index.js';
import {
  type Analysis,
  type EngineOptions,
  fetchAllowedRemoteRefs,
  type Mode,
  runEngine,
  type SpecAnalysis,
  type SpecSource,
  type StreamedAnalysis,
  streamEngine,
} from './engine.js';
import { type FailOn, type FailOnScope, gate } from './gate/index.js';
import { type FileReader, openFile, type Refusal } from './load/reader.js';
import { DEFAULT_PARSE_LIMITS } from './load/source.js';
import type { ObservedTraffic } from './load/traffic.js';
import { BUILTIN_POLICIES } from './policy/builtin.js';
import { loadBuiltinPolicies, loadPolicies, type Policy } from './policy/load.js';
import type { HeapPacer } from './util/heap.js';

export const DEFAULT_CONFIG_PATH = '.github/api-posture.yml';

/** What the user asked for: a config file (default: `.github/api-posture.yml` when it exists) and policies. */
export interface SettingsRequest {
  config?: string | undefined;
  policies: string[];
}

export interface SettingsOptions {
  /** How the entry calls each setting in messages: "input `config`" (action), "--config" (CLI). */
  names: { config: string; policies: string };
  /**
   * True when read from a pull request's base: a config the user named that the base lacks is a warning
   * (it arrives with the PR; the defaults judge the PR until it is merged), not an error.
   */
  fromBase: boolean;
  warn(message: string): void;
}

export interface Settings {
  config: Config;
  policies: Policy[];
}

export { SettingsError };

export const configPath = (path: string | undefined) => path ?? DEFAULT_CONFIG_PATH;
const policyPath = (name: string) => name.replace(/^\.\//, '');

/** The paths `readSettings` may read, for a reader that fetches them first (the REST API's). */
export function settingsPaths(request: SettingsRequest): string[] {
  return [configPath(request.config), ...request.policies.map(policyPath)];
}

export function readSettings(
  reader: FileReader,
  request: SettingsRequest,
  options: SettingsOptions,
): Settings {
  return {
    config: readConfig(reader, request.config, options),
    policies: readPolicies(reader, request.policies, options),
  };
}

/**
 * A settings file's text, undefined when it does not exist. One that exists but was refused (a symlink,
 * over the size limit, under .git, not committed, not text) is an error naming the setting: reading the
 * defaults instead would let a PR switch the base's settings off by turning them into a symlink.
 */
function readText(reader: FileReader, name: string, path: string): string | undefined {
  const read = openFile(reader, path, DEFAULT_PARSE_LIMITS.maxFileBytes);
  if (read && 'refused' in read)
    throw new SettingsError(`${name}: ${path}${at(reader)} was not read: ${refusalText(read.refused)}`);
  return read?.text;
}

const at = (reader: FileReader) => (reader.label ? ` at ${reader.label}` : '');

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

function readConfig(reader: FileReader, path: string | undefined, options: SettingsOptions): Config {
  const file = configPath(path);
  const text = readText(reader, options.names.config, file);
  if (text === undefined) {
    if (path !== undefined) {
      if (!options.fromBase) throw new SettingsError(`${options.names.config}: ${file} does not exist`);
      options.warn(`config ${file} is not in the base commit; the defaults apply until it is merged`);
    }
    return EMPTY_CONFIG;
  }
  return loadConfig(file, text);
}

function readPolicies(reader: FileReader, names: string[], options: SettingsOptions): Policy[] {
  return names.flatMap((name) => {
    const text = readText(reader, options.names.policies, policyPath(name));
    if (text !== undefined) return loadPolicies(name, text);
    const builtin = loadBuiltinPolicies(name);
    if (builtin) return builtin;
    throw new SettingsError(
      `${options.names.policies}: ${name} does not exist${at(reader)} and is not a shipped pack (${Object.keys(
        BUILTIN_POLICIES,
      )
        .map((f) => f.replace(/\.yml$/, ''))
        .join(', ')})`,
    );
  });
}

/** What a run asks for beyond its sources: the settings to read, the gate, and the remote `$ref`s allowed. */
export interface CheckRequest extends SettingsRequest {
  mode: Mode;
  failOn: FailOn;
  failOnScope: FailOnScope;
  /** URL prefixes under which remote `$ref`s are fetched (with the config's `remoteRefs.allow`). */
  allowRemoteRefs: string[];
  /** Observed requests (`--traffic`), matched to every document. */
  traffic?: ObservedTraffic;
}

/**
 * Reads the settings from `reader` and runs the engine: the action and every CLI command go through here.
 * With nothing to analyse the settings are not read (as the action, which does not even load them).
 */
export async function analyseWithSettings(
  sources: SpecSource[],
  request: CheckRequest,
  reader: FileReader & { prefetch?: (paths: string[]) => Promise<void> },
  options: SettingsOptions,
): Promise<Analysis> {
  const { mode, failOn, failOnScope } = request;
  if (sources.length === 0)
    return { mode, failOn, failOnScope, specs: [], gate: gate([], [], failOn, failOnScope) };
  return runEngine(sources, await engineOptions(sources, request, reader, options));
}

/**
 * `analyseWithSettings` one document at a time (`streamEngine`): each analysis goes to `onSpec` and is
 * dropped; what is returned is the gate's verdict over them all.
 */
export async function streamWithSettings(
  sources: SpecSource[],
  request: CheckRequest,
  reader: FileReader & { prefetch?: (paths: string[]) => Promise<void> },
  options: SettingsOptions,
  onSpec: (spec: SpecAnalysis, index: number) => void,
  pace?: HeapPacer,
): Promise<StreamedAnalysis> {
  const { mode, failOn, failOnScope } = request;
  if (sources.length === 0) return { mode, failOn, failOnScope, gate: gate([], [], failOn, failOnScope) };
  return streamEngine(sources, await engineOptions(sources, request, reader, options), onSpec, pace);
}

/** The settings read, and the remote documents they allow fetched: what the engine runs with. */
export async function engineOptions(
  sources: SpecSource[],
  request: CheckRequest,
  reader: FileReader & { prefetch?: (paths: string[]) => Promise<void> },
  options: SettingsOptions,
): Promise<EngineOptions> {
  const { mode, failOn, failOnScope } = request;
  // A base read through the REST API has only what was fetched.
  await reader.prefetch?.(settingsPaths(request));
  const { config, policies } = readSettings(reader, request, options);
  const remote = await fetchAllowedRemoteRefs(sources, config, request.allowRemoteRefs);
  const traffic = request.traffic;
  return {
    mode,
    config,
    policies,
    failOn,
    failOnScope,
    ...(remote ? { remote } : {}),
    ...(traffic ? { traffic } : {}),
  };
}

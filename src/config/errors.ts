// A mistake in a policy or config file: reported with file, line and key; exit code 2.
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

/**
 * A setting that names a file that is missing or was refused (src/settings.ts): the entry reports it (exit 2,
 * or a failed step). Here, not in settings.ts, so that the action can catch it without loading the engine.
 */
export class SettingsError extends Error {}

// The config file, read and validated; and what the engine derives from it.
import picomatch from 'picomatch';
import type { AssessOptions } from '../assess/index.js';
import { CHECKS } from '../assess/registry.js';
import type { IgnoreRule } from '../assess/suppress.js';
import { DEFAULT_SETTINGS } from '../assess/types.js';
import { hostOf } from '../assess/urls.js';
import { CATEGORIES } from '../findings.js';
import type { Classification, Endpoint } from '../model.js';
import type { NormalizeOptions } from '../normalize/index.js';
import { type ConfigFile, configSchema } from './schema.js';
import { parseYamlFile } from './yaml-file.js';

export interface Config {
  file?: string;
  data: ConfigFile;
}

export const EMPTY_CONFIG: Config = { data: {} };

export function loadConfig(file: string, text: string): Config {
  const parsed = parseYamlFile(file, text, configSchema);
  const known = new Set<string>([...CHECKS.map((c) => c.id)]);
  for (const [id] of Object.entries(parsed.data.rules ?? {})) {
    if (!known.has(id)) throw parsed.errorAt(['rules', id], `rules.${id}: unknown rule id "${id}"`, true);
  }
  (parsed.data.ignore ?? []).forEach((entry, i) => {
    if (
      entry.rule !== undefined &&
      !known.has(entry.rule) &&
      !(CATEGORIES as readonly string[]).includes(entry.rule)
    ) {
      throw parsed.errorAt(
        ['ignore', i, 'rule'],
        `ignore[${i}].rule: "${entry.rule}" is neither a rule id nor a category`,
      );
    }
  });
  return { file, data: parsed.data };
}

/** Classification rules from the config, for `normalize`. */
export function normalizeOptions(config: Config, specPath: string): NormalizeOptions {
  const classification = config.data.classification;
  const rules = classification?.rules ?? [];
  return {
    ...(config.data.limits ? { limits: config.data.limits } : {}),
    ...(classification?.default ? { defaultClassification: classification.default } : {}),
    classify:
      rules.length === 0
        ? undefined
        : (endpoint: Pick<Endpoint, 'method' | 'path' | 'tags' | 'servers'>): Classification | undefined => {
            for (const rule of rules) {
              if (rule.specs && !rule.specs.some((g) => picomatch.isMatch(specPath, g))) continue;
              if (rule.paths && !rule.paths.some((g) => picomatch.isMatch(endpoint.path, g, { dot: true })))
                continue;
              if (rule.tags && !rule.tags.some((t) => endpoint.tags.includes(t))) continue;
              if (
                rule.hosts &&
                !endpoint.servers.some((s) =>
                  // Host names are case-insensitive; `hostOf` lower-cases the server's.
                  rule.hosts!.some((g) => picomatch.isMatch(hostOf(s.url) ?? '', g, { nocase: true })),
                )
              )
                continue;
              return rule.classification;
            }
            return undefined;
          },
  };
}

export function assessOptions(config: Config, today?: string): AssessOptions {
  const gateway = config.data.gateway;
  const ignores: IgnoreRule[] = (config.data.ignore ?? []).map((entry, i) => ({
    ...entry,
    source: `${config.file ?? 'config'} ignore[${i}]`,
  }));
  return {
    settings: {
      gatewayHeaders: (gateway?.headers ?? DEFAULT_SETTINGS.gatewayHeaders).map((h) => h.toLowerCase()),
      gatewayControls: gateway?.enforces ?? DEFAULT_SETTINGS.gatewayControls,
    },
    ruleSeverity: config.data.rules ?? {},
    ignores,
    ...(today ? { today } : {}),
  };
}

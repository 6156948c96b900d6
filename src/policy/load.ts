// Loading policy files: YAML → validated policies with parsed conditions. Any mistake is a ConfigError.
import { parseYamlFile } from '../config/yaml-file.js';
import { type Condition, ConditionError, parseCondition } from './condition.js';
import { type PolicyDefinition, policyFileSchema } from './schema.js';

/** Fields a condition may compare; see docs/policies.md. */
export const CONDITION_FIELDS = [
  'origin',
  'credentials',
  'score',
  'classification',
  'method',
  'path',
  'authenticated',
  'tls',
  'rate_limited',
  'documented',
  'deprecated',
  'breaking_changes',
  'change',
] as const;

export interface Policy extends PolicyDefinition {
  /** The file it came from, for messages. */
  file: string;
  condition?: Condition;
}

export function loadPolicies(file: string, text: string): Policy[] {
  const parsed = parseYamlFile(file, text, policyFileSchema);
  const names = new Set<string>();
  return parsed.data.policies.map((definition, index) => {
    if (names.has(definition.name)) {
      throw parsed.errorAt(
        ['policies', index, 'name'],
        `policies[${index}].name: "${definition.name}" is already used by another policy`,
      );
    }
    names.add(definition.name);
    const policy: Policy = { ...definition, file };
    const source = definition.rule?.condition;
    if (source !== undefined) {
      try {
        policy.condition = parseCondition(source, CONDITION_FIELDS);
      } catch (error) {
        if (!(error instanceof ConditionError)) throw error;
        throw parsed.errorAt(
          ['policies', index, 'rule', 'condition'],
          `policies[${index}].rule.condition: ${error.message}`,
        );
      }
    }
    return policy;
  });
}

// Loading policy files: YAML → validated policies with parsed conditions. Any mistake is a ConfigError.
import { CHECKS } from '../assess/registry.js';
import { COMPLIANCE_TAGS } from '../compliance.js';
import { ConfigError } from '../config/errors.js';
import { parseYamlFile } from '../config/yaml-file.js';
import { CATEGORIES, SEVERITIES } from '../findings.js';
import { CLASSIFICATIONS, HTTP_METHODS } from '../model.js';
import { BUILTIN_POLICY_DEFINITIONS } from './builtin.js';
import { type Condition, ConditionError, type FieldKind, parseCondition } from './condition.js';
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
  'compliance',
] as const;

/** The type (and, for enumerations, the values) of each condition field, as `evaluate.ts` computes it. */
export const CONDITION_FIELD_KINDS: Record<(typeof CONDITION_FIELDS)[number], FieldKind> = {
  origin: { type: 'string' },
  credentials: { type: 'boolean' },
  score: { type: 'number' },
  classification: { type: 'string', values: CLASSIFICATIONS },
  method: { type: 'string', values: HTTP_METHODS.map((m) => m.toUpperCase()) },
  path: { type: 'string' },
  authenticated: { type: 'boolean' },
  tls: { type: 'boolean' },
  rate_limited: { type: 'boolean' },
  documented: { type: 'boolean' },
  deprecated: { type: 'boolean' },
  breaking_changes: { type: 'number' },
  change: { type: 'string', values: ['added', 'modified', 'unchanged'] },
  compliance: { type: 'string', values: COMPLIANCE_TAGS },
};

/** What `forbid` may name: a typo would silently forbid nothing. */
const FORBIDDABLE = new Set<string>([...CHECKS.map((c) => c.id), ...CATEGORIES, ...SEVERITIES]);

export interface Policy extends PolicyDefinition {
  /** The file it came from, for messages. */
  file: string;
  condition?: Condition;
}

export function loadPolicies(file: string, text: string): Policy[] {
  const parsed = parseYamlFile(file, text, policyFileSchema);
  return policiesFrom(file, parsed.data.policies, parsed.errorAt);
}

/**
 * A shipped pack (`default`, `owasp-strict`…) from its definitions embedded at build time: what
 * `loadPolicies` makes of its text (test/policy.test.ts), without the YAML parser and the schema checks.
 */
export function loadBuiltinPolicies(name: string): Policy[] | undefined {
  const definitions = BUILTIN_POLICY_DEFINITIONS[`${name}.yml`];
  const file = `policies/${name}.yml`;
  return definitions
    ? policiesFrom(file, structuredClone(definitions), (_, detail) => new ConfigError(file, 1, 1, detail))
    : undefined;
}

function policiesFrom(
  file: string,
  definitions: PolicyDefinition[],
  errorAt: (path: (string | number)[], detail: string) => ConfigError,
): Policy[] {
  const names = new Set<string>();
  return definitions.map((definition, index) => {
    if (names.has(definition.name)) {
      throw errorAt(
        ['policies', index, 'name'],
        `policies[${index}].name: "${definition.name}" is already used by another policy`,
      );
    }
    names.add(definition.name);
    (definition.rule.forbid ?? []).forEach((entry, j) => {
      if (!FORBIDDABLE.has(entry)) {
        throw errorAt(
          ['policies', index, 'rule', 'forbid', j],
          `policies[${index}].rule.forbid[${j}]: "${entry}" is neither a rule id, a category nor a severity`,
        );
      }
    });
    const policy: Policy = { ...definition, file };
    const source = definition.rule?.condition;
    if (source !== undefined) {
      try {
        policy.condition = parseCondition(source, CONDITION_FIELDS, CONDITION_FIELD_KINDS);
      } catch (error) {
        if (!(error instanceof ConditionError)) throw error;
        throw errorAt(
          ['policies', index, 'rule', 'condition'],
          `policies[${index}].rule.condition: ${error.message}`,
        );
      }
    }
    return policy;
  });
}

// The policy file format: the seed's format, extended (SPEC §8). Strict: unknown keys are errors.
import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '../findings.js';
import { CLASSIFICATIONS } from '../model.js';

/** The seed's control names, and the finding categories as aliases. */
export const CONTROLS = [
  'authentication',
  'transport_encryption',
  'rate_limiting',
  'cors_policy',
  'security_headers',
  'input_validation',
  ...CATEGORIES,
] as const;
export type Control = (typeof CONTROLS)[number];

export const CHANGE_SCOPES = ['added', 'modified', 'unchanged'] as const;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Case-insensitive without the `i` flag, so the published JSON Schema (which has no flags) agrees. */
const ANY_CASE_METHOD = new RegExp(
  `^(${METHODS.map((m) => [...m].map((c) => `[${c}${c.toUpperCase()}]`).join('')).join('|')})$`,
);

const stringList = z
  .union([z.string().min(1), z.array(z.string().min(1))])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const policySchema = z.strictObject({
  name: z.string().min(1).describe('Unique name, shown in violations'),
  description: z.string().optional().describe('What the policy requires, shown in violations'),
  enabled: z.boolean().optional().describe('false turns the policy off'),
  scope: z
    .strictObject({
      classification: z.array(z.enum(CLASSIFICATIONS)).optional(),
      methods: z.array(z.string().regex(ANY_CASE_METHOD, 'must be an HTTP method')).optional(),
      paths: stringList.optional(),
      tags: stringList.optional(),
      changes: z.array(z.enum(CHANGE_SCOPES)).optional(),
    })
    .optional(),
  rule: z
    .strictObject({
      control: z.enum(CONTROLS).optional().describe('The security control the rule is about'),
      required: z.boolean().optional().describe('true: the control must be present'),
      condition: z
        .string()
        .min(1)
        .optional()
        .describe("A comparison that must hold, e.g. origin != '*' (fields: see docs/policies.md)"),
      documented: z.boolean().optional().describe('true: the operation needs a summary or description'),
      header_present: z
        .string()
        .min(1)
        .optional()
        .describe('A response header a success response must declare'),
      max_score: z.number().min(0).max(100).optional().describe('Highest allowed risk score'),
      forbid: stringList.optional().describe('Rule ids, categories or severities that must not be found'),
      no_breaking_changes: z.boolean().optional().describe('true: the pull request may not break clients'),
    })
    .refine(
      (r) => Object.keys(r).some((k) => k !== 'required'),
      'a rule needs at least one of control, condition, documented, header_present, max_score, forbid, no_breaking_changes',
    )
    .refine((r) => r.required === undefined || r.control !== undefined, {
      message: '`required` needs a `control` to require',
      path: ['required'],
    }),
  severity: z.enum(SEVERITIES).describe('Severity of a violation; the gate compares it with fail-on'),
  remediation: z.string().optional().describe('What to do, shown with each violation'),
});

export const policyFileSchema = z.strictObject({ policies: z.array(policySchema) });

export type PolicyDefinition = z.infer<typeof policySchema>;

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

const stringList = z
  .union([z.string().min(1), z.array(z.string().min(1))])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const policySchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  enabled: z.boolean().optional(),
  scope: z
    .strictObject({
      classification: z.array(z.enum(CLASSIFICATIONS)).optional(),
      methods: z
        .array(
          z.string().regex(/^(get|put|post|delete|options|head|patch|trace)$/i, 'must be an HTTP method'),
        )
        .optional(),
      paths: stringList.optional(),
      tags: stringList.optional(),
      changes: z.array(z.enum(CHANGE_SCOPES)).optional(),
    })
    .optional(),
  rule: z
    .strictObject({
      control: z.enum(CONTROLS).optional(),
      required: z.boolean().optional(),
      condition: z.string().min(1).optional(),
      documented: z.boolean().optional(),
      header_present: z.string().min(1).optional(),
      max_score: z.number().min(0).max(100).optional(),
      forbid: stringList.optional(),
      no_breaking_changes: z.boolean().optional(),
    })
    .refine(
      (r) => Object.keys(r).length > 0,
      'a rule needs at least one of control, condition, documented, header_present, max_score, forbid, no_breaking_changes',
    ),
  severity: z.enum(SEVERITIES),
  remediation: z.string().optional(),
});

export const policyFileSchema = z.strictObject({ policies: z.array(policySchema) });

export type PolicyDefinition = z.infer<typeof policySchema>;

// `.github/api-posture.yml`: classification rules, what the gateway enforces, rule severities, ignores.
import { z } from 'zod';
import { hasVisibleText } from '../assess/suppress.js';
import { SEVERITIES } from '../findings.js';
import { remotePrefixProblem } from '../load/remote.js';
import { CLASSIFICATIONS } from '../model.js';

const list = z
  .union([z.string().min(1), z.array(z.string().min(1))])
  .transform((v) => (Array.isArray(v) ? v : [v]));
const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine(
    // Round trip: `Date.parse` accepts 2025-02-30 as March 2nd.
    (v) =>
      /^\d{4}-\d{2}-\d{2}$/.test(v) &&
      !Number.isNaN(Date.parse(v)) &&
      new Date(v).toISOString().slice(0, 10) === v,
    'must be a date written YYYY-MM-DD',
  );

export const GATEWAY_CONTROLS = ['rate-limiting', 'security-headers', 'cors'] as const;

export const configSchema = z.strictObject({
  classification: z
    .strictObject({
      default: z.enum(CLASSIFICATIONS).optional(),
      rules: z
        .array(
          z.strictObject({
            classification: z.enum(CLASSIFICATIONS),
            hosts: list.optional(),
            paths: list.optional(),
            tags: list.optional(),
            specs: list.optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  trust: z
    .strictObject({
      classification: z
        .array(z.enum(CLASSIFICATIONS))
        .optional()
        .describe(
          'Classifications a pull request may give endpoints by what it writes (x-api-classification, x-internal, deprecated, servers or tags matched by classification rules); none by default, so such a change is judged with the base classification',
        ),
      inlineSuppressions: z
        .boolean()
        .optional()
        .describe(
          'Whether x-api-posture-ignore entries a pull request adds or extends suppress findings; false by default, so only those already in the base count',
        ),
    })
    .optional()
    .describe(
      "What a pull request may declare about its own endpoints; read from the base's config, listed first in the report whether granted or not",
    ),
  gateway: z
    .strictObject({
      headers: z.array(z.string().min(1)).optional(),
      enforces: z.array(z.enum(GATEWAY_CONTROLS)).optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      maxFileBytes: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('Largest document file read, in bytes (default 64 MiB)'),
      maxFiles: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('Files one description may span through $refs (default 1000)'),
      maxEndpoints: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('Operations analysed per description (default 20000)'),
      maxAliasCount: z
        .number()
        .int()
        .nonnegative()
        .optional()
        .describe('YAML aliases expanded per file (default 1000)'),
    })
    .optional(),
  remoteRefs: z
    .strictObject({
      allow: z
        .array(
          z.string().superRefine((prefix, ctx) => {
            const problem = remotePrefixProblem(prefix);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          }),
        )
        .optional()
        .describe(
          'URL prefixes (same origin, path under the prefix) whose remote $refs are fetched; none by default',
        ),
      timeoutSeconds: z
        .number()
        .positive()
        .max(120)
        .optional()
        .describe('Per-document fetch timeout in seconds (default 10)'),
    })
    .optional(),
  rules: z
    .record(z.string().regex(/^[a-z0-9-]+$/, 'rule ids are kebab-case'), z.enum([...SEVERITIES, 'off']))
    .optional(),
  ignore: z
    .array(
      z
        .strictObject({
          rule: z.string().min(1).optional(),
          fingerprint: z
            .string()
            .regex(/^[0-9a-f]{16}$/, 'a fingerprint is 16 hex characters')
            .optional(),
          endpoints: list.optional(),
          specs: list.optional(),
          reason: z
            .string({ error: 'an ignore entry needs a `reason` saying why the finding is acceptable' })
            .min(1, 'say why the finding is acceptable')
            .refine(hasVisibleText, 'say why the finding is acceptable'),
          expires: isoDate.optional(),
        })
        .refine(
          (e) => e.rule !== undefined || e.fingerprint !== undefined,
          'an ignore entry needs a `rule` or a `fingerprint`',
        ),
    )
    .optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;

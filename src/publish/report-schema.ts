// The JSON report's shape (SPEC §10) as a validator, for a report read back from somewhere hostile: the
// fork-PR comment artifact (publish/artifact.ts), written by whatever the pull request's workflow ran.
// The Markdown renderer escapes every free-text string (they come from the PR's documents in any case),
// but writes some fields as they are because the engine alone produces them: severities, statuses,
// rule ids, fingerprints, counts, line numbers, the tool's version. Here those are held to exactly the
// values the engine can produce, so a forged report cannot break out of a table, a code span or a link.
import { z } from 'zod';
import { COMPLIANCE_TAGS } from '../compliance.js';
import { CATEGORIES, SEVERITIES } from '../findings.js';
import { FAIL_ON_SCOPES, FAIL_ON_VALUES } from '../gate/index.js';
import { CLASSIFICATIONS } from '../model.js';
import type { Report } from '../report/json.js';
import { TOOL_NAME } from '../version.js';

const count = z.number().int().min(0);
const score = z.number().min(0).max(100);
const percent = z.number().min(0).max(100);
const text = z.string();
const band = z.enum(['critical', 'high', 'medium', 'low']);
const severity = z.enum(SEVERITIES);
const severityCounts = z.object({
  critical: count,
  high: count,
  medium: count,
  low: count,
  info: count,
});
/** Rule ids are lower-case words and hyphens (`auth-missing`): written inside code spans and YAML. */
const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'not a rule id');
const location = z.object({ file: text, pointer: text, line: count, column: count });
const affected = { endpoints: z.array(text), endpointCount: count };
const reportError = z.object({ file: text, line: count, column: count, message: text });

const finding = z.object({
  ruleId,
  category: z.enum(CATEGORIES),
  severity,
  message: text,
  remediation: text,
  location,
  /** 16 hex digits (assess/index.ts): written inside a YAML snippet in a code block. */
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/, 'not a fingerprint'),
  status: z.enum(['new', 'existing', 'fixed']).optional(),
  owasp: text,
  cwe: text,
  suppressed: z.object({ reason: text, expires: text.optional(), source: text }).optional(),
  endpoints: z.array(text).optional(),
});

const change = z.object({
  kind: z.string().regex(/^[a-z][a-z-]{0,63}$/, 'not a change kind'),
  message: text,
  pointer: text,
  breaking: z.boolean(),
  location,
});

const metrics = z.object({
  endpoints: count,
  documentedPercent: percent,
  averageScore: score,
  criticalEndpoints: count,
  shadowEndpoints: count,
  authenticationCoveragePercent: percent,
  tlsCoveragePercent: percent,
  policyCompliancePercent: percent,
  perBand: z.object({ critical: count, high: count, medium: count, low: count }),
  perClassification: z.partialRecord(z.enum(CLASSIFICATIONS), count),
});

const changeKind = z.enum(['added', 'removed', 'modified', 'unchanged']);

const endpoint = z.object({
  id: text,
  method: text,
  path: text,
  change: changeKind,
  classification: z.enum(CLASSIFICATIONS),
  dataTypes: z.array(text),
  compliance: z.array(z.enum(COMPLIANCE_TAGS)).optional(),
  changes: z.array(change),
  score: z.object({
    base: score.nullable(),
    head: score.nullable(),
    level: band.nullable(),
    breakdown: z.array(text),
  }),
  findings: z.array(finding),
  location,
});

const spec = z.object({
  path: text,
  status: changeKind,
  analysed: z.boolean(),
  failure: reportError.optional(),
  notAssessed: z.array(text).optional(),
  version: z.object({ base: text.nullable(), head: text.nullable() }),
  metrics: z.object({ base: metrics.nullable(), head: metrics.nullable() }),
  changes: z.array(change.extend(affected)),
  findings: z.array(finding.extend(affected)),
  endpoints: z.array(endpoint),
  waiverRequests: z.array(
    z.object({
      endpoint: text.nullable(),
      kind: z.enum(['classification', 'suppression', 'opt-out']),
      requested: text,
      granted: z.boolean(),
      message: text,
      location,
    }),
  ),
});

export const reportSchema = z.object({
  tool: z.object({
    name: z.literal(TOOL_NAME),
    version: z.string().regex(/^[0-9A-Za-z.+-]{1,40}$/, 'not a version'),
  }),
  mode: z.enum(['diff', 'scan']),
  blocked: z.boolean(),
  failOn: z.enum(FAIL_ON_VALUES),
  failOnScope: z.enum(FAIL_ON_SCOPES),
  summary: z.object({
    verdict: text,
    endpoints: z.object({ added: count, removed: count, modified: count, unchanged: count }),
    findings: z.object({ new: severityCounts, existing: severityCounts, fixed: severityCounts }),
    violations: z.object({ new: severityCounts, existing: severityCounts }),
    suppressed: count,
  }),
  specs: z.array(spec),
  violations: z.array(
    z.object({
      policy: text,
      spec: text,
      endpoint: text,
      severity,
      status: z.enum(['new', 'existing']),
      message: text,
      remediation: text,
      location,
    }),
  ),
  errors: z.array(reportError),
});

/** The report, or the first few problems as `path: message` (the path in the report's own keys). */
export function parseReport(value: unknown): { report: Report } | { problems: string[] } {
  const parsed = reportSchema.safeParse(value);
  if (parsed.success) return { report: parsed.data as Report };
  return {
    problems: parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`),
  };
}

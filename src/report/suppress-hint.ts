// The exact snippet that suppresses a finding, so nobody has to learn the ignore syntax (SPEC §8).
import type { ReportedFinding } from '../findings.js';

/** In the document, on the operation (endpoint findings) or the root (document-level findings). */
export function inlineSuppression(finding: Pick<ReportedFinding, 'ruleId'>, documentLevel: boolean): string {
  return `x-api-posture-ignore: [{ rule: ${finding.ruleId}, reason: "<why this is acceptable>" }]  # on the ${documentLevel ? 'document root' : 'operation'}`;
}

/** In `.github/api-posture.yml`, keyed by the finding's fingerprint. */
export function configSuppression(finding: Pick<ReportedFinding, 'fingerprint' | 'ruleId'>): string {
  return `ignore: [{ fingerprint: ${finding.fingerprint}, reason: "<why this is acceptable>" }]  # ${finding.ruleId}, in .github/api-posture.yml`;
}

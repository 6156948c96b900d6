import type { ShadowEndpoint } from '../traffic.js';
import type { TrafficCheck } from '../types.js';

const WRITES: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

export const inventoryShadowEndpoint: TrafficCheck = {
  id: 'inventory-shadow-endpoint',
  category: 'inventory',
  severity: 'medium',
  owasp: 'API9:2023 Improper Inventory Management',
  cwe: 'CWE-1059',
  title: 'Shadow endpoint: called, but described nowhere',
  rationale:
    'An endpoint that serves traffic but is in no description escapes review, tests, policies and retirement: nobody knows what it accepts or who may call it.',
  remediation:
    'Describe the operation in the document (with its security), or retire it at the gateway; if the traffic belongs to another API, add the description of that API.',
  scope: 'traffic',
  run(traffic) {
    return traffic.shadow.map((shadow) => ({
      message: `\`${shadow.method.toUpperCase()} ${shadow.path}\` was called ${times(shadow.count)}${seen(shadow)} but no operation of this document describes it`,
      loc: { file: shadow.file, pointer: '' },
      position: { line: shadow.line, column: 1 },
      // A write nobody described changes data nobody reviewed.
      severity: WRITES.has(shadow.method) ? 'high' : 'medium',
      key: `shadow:${shadow.method} ${shadow.path}`,
    }));
  },
};

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

function seen(shadow: Pick<ShadowEndpoint, 'firstSeen' | 'lastSeen'>): string {
  if (!shadow.lastSeen) return '';
  return shadow.firstSeen && shadow.firstSeen !== shadow.lastSeen
    ? ` (${shadow.firstSeen.slice(0, 10)} to ${shadow.lastSeen.slice(0, 10)})`
    : ` (${shadow.lastSeen.slice(0, 10)})`;
}

import type { TrafficCheck } from '../types.js';

export const inventoryZombieEndpoint: TrafficCheck = {
  id: 'inventory-zombie-endpoint',
  category: 'inventory',
  severity: 'low',
  owasp: 'API9:2023 Improper Inventory Management',
  cwe: 'CWE-1059',
  title: 'Zombie endpoint: deprecated or removed, still called',
  rationale:
    'A deprecated operation that still serves traffic keeps its old weaknesses alive; removing one that clients still call breaks them, or leaves it running undescribed.',
  remediation:
    'Find the callers (the traffic names the first place it was seen), move them to the replacement, then retire the operation; keep it documented until it is gone.',
  scope: 'traffic',
  run(traffic) {
    return traffic.zombie.map((zombie) => {
      const label = `\`${zombie.method.toUpperCase()} ${zombie.path}\``;
      const count = zombie.count === 1 ? 'once' : `${zombie.count} times`;
      return zombie.reason === 'removed'
        ? {
            message: `${label} is removed by this change but was called ${count} in the traffic: live clients still use it`,
            loc: { file: zombie.file, pointer: '' },
            position: { line: zombie.line, column: 1 },
            severity: 'medium' as const,
            key: `removed:${zombie.endpoint.id}`,
          }
        : {
            message: `${label} is deprecated but was called ${count} in the traffic`,
            loc: zombie.endpoint.loc,
            key: `deprecated:${zombie.endpoint.id}`,
          };
    });
  },
};

import { byExposure, label } from '../context.js';
import { inputFields, unboundedAspect } from '../inputs.js';
import { type EndpointCheck, ONE_PER_ENDPOINT } from '../types.js';

const SHOWN = 5;

export const inputUnbounded: EndpointCheck = {
  id: 'input-unbounded',
  category: 'input-validation',
  severity: 'low',
  owasp: 'API4:2023 Unrestricted Resource Consumption',
  cwe: 'CWE-1284',
  title: 'Unbounded inputs',
  rationale:
    'Strings without maxLength, arrays without maxItems and numbers without maximum let one request consume unbounded memory and CPU.',
  remediation: 'Add `maxLength`, `maxItems` and `maximum` (or an `enum` or bounded `format`) to every input.',
  scope: 'endpoint',
  run(endpoint) {
    const unbounded = inputFields(endpoint)
      .map((f) => ({ field: f, aspect: unboundedAspect(f.schema) }))
      .filter((u) => u.aspect !== undefined);
    if (unbounded.length === 0) return [];
    const listed = unbounded.slice(0, SHOWN).map((u) => `${u.field.path} (${u.aspect})`);
    const more = unbounded.length > SHOWN ? ` and ${unbounded.length - SHOWN} more` : '';
    return [
      {
        message: `${label(endpoint)} has ${unbounded.length} unbounded input${unbounded.length === 1 ? '' : 's'}: ${listed.join(', ')}${more}`,
        loc: unbounded[0]!.field.loc,
        key: ONE_PER_ENDPOINT,
        severity: byExposure(endpoint, 'low'),
      },
    ];
  },
};

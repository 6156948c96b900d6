import type { Change } from '../../diff/types.js';
import type { Severity } from '../../findings.js';
import type { Endpoint } from '../../model.js';
import { unwrapAnnotated } from '../../normalize/schema.js';
import { byExposure, label } from '../context.js';
import { isSecurityControl } from '../security-controls.js';
import type { ChangeCheck } from '../types.js';

/** The value may now be left out or be null: on a security control only (a role, a CA bundle, a token). */
const ABSENCE = new Set(['required', 'nullable']);
/** An upper bound gone: the input is now unbounded, which `input-unbounded` reports on any field. */
const UPPER_BOUNDS = new Set(['maxLength', 'maxItems', 'maximum']);
/** A lower bound gone: low on an ordinary field (an empty string or list, a negative number now pass). */
const LOWER_BOUNDS = new Set(['minLength', 'minItems', 'minimum']);

export const inputConstraintLoosened: ChangeCheck = {
  id: 'input-constraint-loosened',
  category: 'input-validation',
  severity: 'medium',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-20',
  title: 'Pull request loosens input validation',
  rationale:
    'Removing a pattern, enum or `additionalProperties: false` from an input, or a bound or `required` from a security control, lets through data the service used to reject.',
  remediation:
    'Keep the constraint (widen it deliberately rather than drop it), or suppress with the reason the looser input is safe.',
  scope: 'change',
  run(change) {
    const endpoint = change.head!;
    // Only constraints dropped: a widened one (a bound raised, enum values added, `required` moved to an
    // alternative or relaxed on a PATCH body) is listed among the changes but accepts a bounded set still.
    // `null` added is widened too, but on a security control it stands for the value left out.
    return change.changes
      .filter((c) => c.side === 'request')
      .flatMap((c) => {
        const severity = loosening(c, endpoint);
        if (severity === undefined) return [];
        return [
          {
            message: `this change loosens input validation of ${label(endpoint)}: ${c.message}`,
            loc: c.location,
            severity: byExposure(endpoint, severity),
            key: c.message,
          },
        ];
      });
  },
};

/**
 * Medium for a pattern, enum, `additionalProperties: false`, type or schema removed on any input, and for
 * anything dropped from a security control (src/assess/security-controls.ts); low for a lower bound
 * removed elsewhere; nothing for `required` dropped, `null` added or an upper bound removed elsewhere, nor
 * for `null` added to a boolean anywhere.
 */
function loosening(c: Change, endpoint: Endpoint): Severity | undefined {
  const detail = c.constraint;
  const nullable = c.kind === 'schema-constraint-widened' && detail?.keyword === 'nullable';
  if (c.kind !== 'schema-constraint-loosened' && !nullable) return undefined;
  if (!detail) return 'medium';
  // A flag the base typed boolean, made nullable (Getty's `use_team_credits`): null is read as the flag
  // left out, i.e. its default, a value the caller could already send. It reaches no state weaker than
  // the weaker of `true` and `false`, both already accepted, so even a control loses nothing.
  if (nullable && detail.baseTypes?.length === 1 && detail.baseTypes[0] === 'boolean') return undefined;
  const { keyword, path } = detail;
  const ordinary = ABSENCE.has(keyword) || UPPER_BOUNDS.has(keyword) || LOWER_BOUNDS.has(keyword);
  if (!ordinary) return 'medium';
  // A field that left this object (its property and its `required` entry both gone) while the request
  // still takes it at its top level or as a parameter was a copy in the wrong place (Plaid's
  // `search_terms.client_id`/`secret` beside the body's own): the request did not lose it.
  const topLevel = keyword === 'required' ? topLevelInputs(endpoint) : undefined;
  const fields = detail.fields.filter((f) => !(f.removed && topLevel?.has(f.name)));
  if (fields.some((f) => isSecurityControl({ path, ...f }))) return 'medium';
  return LOWER_BOUNDS.has(keyword) ? 'low' : undefined;
}

/** Names the request takes at its top level: its parameters and its bodies' own properties. */
function topLevelInputs(endpoint: Endpoint): Set<string> {
  const out = new Set(endpoint.parameters.map((p) => p.name));
  for (const media of endpoint.requestBody?.content ?? []) {
    if (!media.schema) continue;
    const root = unwrapAnnotated(media.schema);
    for (const s of [root, ...root.allOf.map(unwrapAnnotated)])
      for (const name of Object.keys(s.properties)) out.add(name);
  }
  return out;
}

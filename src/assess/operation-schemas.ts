// Every schema a model's operations reach, once each: for the document-wide facts a pull request's
// conventions read (src/assess/conventions.ts, src/assess/open-bodies.ts).
import type { ApiModel, Schema } from '../model.js';
import { pushAll } from '../util/arrays.js';

/**
 * Calls `visit` on each schema the operations reach (parameters, bodies, responses), at any depth, once;
 * stops, answering true, when `visit` answers true.
 */
export function someOperationSchema(model: ApiModel, visit: (schema: Schema) => boolean): boolean {
  const seen = new Set<Schema>();
  const stack: Schema[] = [];
  for (const e of model.endpoints) {
    for (const p of e.parameters) if (p.schema) stack.push(p.schema);
    for (const m of e.requestBody?.content ?? []) if (m.schema) stack.push(m.schema);
    for (const r of e.responses) for (const m of r.content) if (m.schema) stack.push(m.schema);
  }
  for (let schema = stack.pop(); schema; schema = stack.pop()) {
    if (seen.has(schema)) continue;
    seen.add(schema);
    if (visit(schema)) return true;
    // pushAll, not spread: a schema of 200,000 properties would overflow the call stack.
    pushAll(stack, Object.values(schema.properties));
    pushAll(stack, schema.allOf);
    pushAll(stack, schema.oneOf);
    pushAll(stack, schema.anyOf);
    if (schema.items) stack.push(schema.items);
    if (typeof schema.additionalProperties === 'object') stack.push(schema.additionalProperties);
  }
  return false;
}

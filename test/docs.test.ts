// The rule catalogue as data: every check has a page under docs/rules, every page a check, every field is
// filled, and each page's Bad and Good documents behave as the page says when the engine runs on them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { type AssessOptions, assess } from '../src/assess/index.js';
import { CHECKS } from '../src/assess/registry.js';
import { readIgnoreExtension, type SuppressionProblem } from '../src/assess/suppress.js';
import { matchTraffic } from '../src/assess/traffic.js';
import type { Check } from '../src/assess/types.js';
import { assessOptions, loadConfig } from '../src/config/index.js';
import { CATEGORIES, type Finding, SEVERITIES } from '../src/findings.js';
import type { LoadedSpec } from '../src/load/index.js';
import { structureProblems } from '../src/load/structure.js';
import { trafficFromText } from '../src/load/traffic.js';
import { HTTP_METHODS } from '../src/model.js';
import { diffInline, loadInline } from './helpers/inline.js';

const RULES_DIR = fileURLToPath(new URL('../docs/rules/', import.meta.url));
const SECTIONS = ['What it finds', 'Why it matters', 'Bad', 'Good', 'How to fix', 'How to suppress'];
const TODAY = '2026-06-01';
/** Categories whose checks the config can mark as enforced at the gateway (`gateway.enforces`). */
const GATEWAY_CATEGORIES = new Set(['rate-limiting', 'security-headers', 'cors']);

/** A missing page reads as empty: 'has a page for every check' names it, the page's own tests then fail. */
function readPage(id: string): string {
  const file = join(RULES_DIR, `${id}.md`);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** The text under `## name`, up to the next `## ` heading. */
function section(text: string, name: string): string | undefined {
  const start = text.match(new RegExp(`^## ${name}[ \\t]*$`, 'm'));
  if (start?.index === undefined) return undefined;
  const rest = text.slice(start.index + start[0].length);
  const end = rest.search(/^## /m);
  return end === -1 ? rest : rest.slice(0, end);
}

function yamlBlocks(text: string): string[] {
  return [...text.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

const isDocument = (block: string) => /^(openapi|swagger):/.test(block);

/** The documents of a Bad or Good section (code blocks that are complete OpenAPI documents). */
function documentsOf(text: string, name: string): string[] {
  return yamlBlocks(section(text, name) ?? '').filter(isDocument);
}

/**
 * A page's example as the engine sees it: one document (with the observed traffic for traffic checks, a
 * ```text block), or a base/head pair for change checks.
 */
type Example = { doc: string; traffic?: string } | { base: string; head: string };

function trafficOf(text: string, name: string): string {
  const blocks = [...(section(text, name) ?? '').matchAll(/^```text\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  expect(blocks, `${name} shows the traffic in one \`text\` block`).toHaveLength(1);
  return blocks[0]!;
}

function examples(check: Check, text: string): { bad: Example; good: Example } {
  const bad = documentsOf(text, 'Bad');
  const good = documentsOf(text, 'Good');
  if (check.scope === 'change') {
    // Bad is base + head; Good is a head against the same base, or its own base + head.
    expect(bad, 'Bad shows a base and a head document').toHaveLength(2);
    expect(good.length, 'Good shows a head (or a base and a head)').toBeGreaterThanOrEqual(1);
    const [base, head] = bad as [string, string];
    return {
      bad: { base, head },
      good: good.length === 2 ? { base: good[0]!, head: good[1]! } : { base, head: good[0]! },
    };
  }
  expect(bad, 'Bad shows one document').toHaveLength(1);
  expect(good, 'Good shows one document').toHaveLength(1);
  if (check.scope === 'traffic')
    return {
      bad: { doc: bad[0]!, traffic: trafficOf(text, 'Bad') },
      good: { doc: good[0]!, traffic: trafficOf(text, 'Good') },
    };
  return { bad: { doc: bad[0]! }, good: { doc: good[0]! } };
}

function run(example: Example, options: AssessOptions = {}): Finding[] {
  const opts = { today: TODAY, ...options };
  // With the structural problems the engine adds to the load's (config-structure).
  const problems = (spec: LoadedSpec) => [...spec.problems, ...structureProblems(spec)];
  if ('doc' in example) {
    const spec = loadInline(example.doc);
    const traffic =
      example.traffic !== undefined && spec.model
        ? {
            traffic: matchTraffic(spec.model, trafficFromText('access.log', example.traffic), { sole: true }),
          }
        : {};
    return assess(
      { specPath: 'openapi.yaml', model: spec.model, problems: problems(spec), ...traffic },
      opts,
    );
  }
  const diff = diffInline(example.base, example.head);
  const head = loadInline(example.head);
  return assess(
    { specPath: 'openapi.yaml', model: diff.head, problems: problems(head), changes: diff.endpoints },
    opts,
  );
}

const active = (findings: Finding[], id: string) => findings.filter((f) => f.ruleId === id && !f.suppressed);

/** The example with `x-api-posture-ignore` added at the document root or on every operation (head side). */
function withIgnore(example: Example, id: string, where: 'root' | 'operations'): Example {
  const add = (text: string) => {
    const doc = parseYaml(text) as Record<string, unknown>;
    const entry = [{ rule: id, reason: 'accepted for the docs test', expires: '2099-12-31' }];
    if (where === 'root') doc['x-api-posture-ignore'] = entry;
    else
      for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, unknown>>))
        for (const method of HTTP_METHODS)
          if (item[method]) (item[method] as Record<string, unknown>)['x-api-posture-ignore'] = entry;
    return stringifyYaml(doc);
  };
  return 'doc' in example
    ? { ...example, doc: add(example.doc) }
    : { base: example.base, head: add(example.head) };
}

function configOptions(yaml: string): AssessOptions {
  return assessOptions(loadConfig('.github/api-posture.yml', yaml), TODAY);
}

/** The document parses, so an `x-api-posture-ignore` in it can be read. */
function parses(example: Example): boolean {
  return loadInline('doc' in example ? example.doc : example.head).model !== undefined;
}

/** The value of the first `key` found anywhere in a parsed YAML snippet. */
function findKey(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  if (key in value) return (value as Record<string, unknown>)[key];
  for (const child of Object.values(value)) {
    const found = findKey(child, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

const OWASP_SLUG = /^API(\d{1,2}):2023 /;

describe('the registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s fills every field', (_id, check) => {
    expect(check.title.trim()).not.toBe('');
    expect(check.rationale.trim()).not.toBe('');
    expect(check.remediation.trim()).not.toBe('');
    expect(check.owasp).toMatch(OWASP_SLUG);
    expect(Number(check.owasp.match(OWASP_SLUG)![1])).toBeGreaterThanOrEqual(1);
    expect(Number(check.owasp.match(OWASP_SLUG)![1])).toBeLessThanOrEqual(10);
    expect(check.cwe).toMatch(/^CWE-\d+$/);
    expect(CATEGORIES).toContain(check.category);
    expect(SEVERITIES).toContain(check.severity);
    expect(['endpoint', 'document', 'change', 'problem', 'traffic']).toContain(check.scope);
    expect(typeof check.run).toBe('function');
  });
});

describe('docs/rules', () => {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md');

  it('has a page for every check and a check for every page', () => {
    const ids = CHECKS.map((c) => c.id).sort();
    expect(files.map((f) => f.replace(/\.md$/, '')).sort()).toEqual(ids);
  });

  it('indexes every rule exactly once, in registry order, with its facts', () => {
    const index = readFileSync(join(RULES_DIR, 'README.md'), 'utf8');
    const linked = [...index.matchAll(/\]\(([a-z0-9-]+)\.md\)/g)].map((m) => m[1]);
    expect(linked).toEqual(CHECKS.map((c) => c.id));
    for (const check of CHECKS) {
      const row = index.split('\n').find((line) => line.includes(`](${check.id}.md)`))!;
      for (const cell of [check.category, check.severity, check.owasp, check.title.replace(/\|/g, '\\|')])
        expect(row, `${check.id} row`).toContain(cell);
    }
  });

  describe.each(CHECKS.map((c) => [c.id, c] as const))('%s', (id, check) => {
    const text = readPage(id);

    it('starts with its id, names its category, severity, OWASP item and CWE, with links', () => {
      expect(text.split('\n')[0]).toBe(`# ${id}`);
      const meta = text.split('\n').slice(1, 4).join('\n');
      expect(meta).toContain(check.category);
      expect(meta).toContain(check.severity);
      expect(meta).toContain(check.owasp);
      expect(meta).toContain(check.cwe);
      expect(meta).toContain(`https://cwe.mitre.org/data/definitions/${check.cwe.slice(4)}.html`);
      const item = Number(check.owasp.match(OWASP_SLUG)![1]);
      const prefix = `https://owasp.org/API-Security/editions/2023/en/0xa${item === 10 ? 'a' : item}-`;
      expect(meta).toContain(prefix);
    });

    it('has every section, in order', () => {
      const positions = SECTIONS.map((name) => text.search(new RegExp(`^## ${name}[ \\t]*$`, 'm')));
      for (const [i, name] of SECTIONS.entries()) expect(positions[i], name).toBeGreaterThan(0);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });

    it('shows how to suppress it in the document and in the config', () => {
      const how = section(text, 'How to suppress')!;
      expect(how).toContain('.github/api-posture.yml');
      expect(how).toContain(`rule: ${id}`);
      expect(how).toContain('reason:');
      expect(how).toContain('expires:');
      expect(how).toContain('rules:');
      if (id !== 'config-unparsable') expect(how).toContain('x-api-posture-ignore:');
      if (GATEWAY_CATEGORIES.has(check.category))
        expect(how).toContain(`gateway: { enforces: [${check.category}] }`);
    });

    it('shows snippets the tool accepts as written', () => {
      const blocks = yamlBlocks(section(text, 'How to suppress') ?? '');
      const config = blocks.filter((b) => /^ignore:/m.test(b));
      expect(config, 'a config snippet').toHaveLength(1);
      const loaded = loadConfig('.github/api-posture.yml', config[0]!);
      expect(loaded.data.ignore?.map((e) => e.rule)).toEqual([id]);
      expect(Object.keys(loaded.data.rules ?? {})).toEqual([id]);
      for (const block of blocks.filter((b) => b.includes('x-api-posture-ignore:'))) {
        const problems: SuppressionProblem[] = [];
        const value = findKey(parseYaml(block), 'x-api-posture-ignore');
        const rules = readIgnoreExtension(value, { file: 'openapi.yaml', pointer: '' }, problems);
        expect(problems).toEqual([]);
        expect(rules.map((r) => r.rule)).toEqual([id]);
      }
    });

    it('Bad triggers the rule and Good does not', () => {
      const { bad, good } = examples(check, text);
      expect(active(run(bad), id), 'Bad').not.toEqual([]);
      expect(active(run(good), id), 'Good').toEqual([]);
    });

    it('the documented suppressions silence the Bad example', () => {
      const { bad } = examples(check, text);
      const how = section(text, 'How to suppress')!;
      expect(active(run(bad, configOptions(`ignore:\n  - rule: ${id}\n    reason: accepted\n`)), id)).toEqual(
        [],
      );
      expect(active(run(bad, configOptions(`rules:\n  ${id}: off\n`)), id)).toEqual([]);
      const lowered = run(bad, configOptions(`rules:\n  ${id}: info\n`)).filter((f) => f.ruleId === id);
      expect(lowered.map((f) => f.severity)).toEqual(lowered.map(() => 'info'));
      if (parses(bad)) expect(active(run(withIgnore(bad, id, 'root')), id)).toEqual([]);
      if (check.scope === 'endpoint' || check.scope === 'change')
        expect(active(run(withIgnore(bad, id, 'operations')), id)).toEqual([]);
      if (GATEWAY_CATEGORIES.has(check.category))
        expect(active(run(bad, configOptions(`gateway: { enforces: [${check.category}] }\n`)), id)).toEqual(
          [],
        );
      const header = how.match(/gateway: \{ headers: \[([^\]]+)\] \}/)?.[1];
      if (header)
        expect(active(run(bad, configOptions(`gateway: { headers: [${header}] }\n`)), id)).toEqual([]);
    });
  });
});

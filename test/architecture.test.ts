// The pipeline's shape, as STYLE.md lessons 13 and 14 state it and docs/architecture.md draws it: a part
// never imports one that runs after it, no two parts import each other (directly or around a loop), and
// nothing but the registry imports a check (a policy or a convention reads the shared endpoint facts in
// src/assess/context.ts, never a check's file).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * Every folder of src/ (and file at its top, by name), in the order the data flows; a part may import
 * its own layer or an earlier one. Shared vocabulary first, the pipeline's stages, the engine that runs
 * them (and the settings loader that feeds it), the renderers and publishers of its result, the entries.
 */
const LAYERS: string[][] = [
  ['util', 'model', 'findings', 'sensitive', 'personal-values', 'compliance', 'version'],
  ['load'],
  ['normalize'],
  ['diff'],
  ['assess'],
  ['config'], // the settings' shapes: what the stages above read, what policies and the engine are given
  ['score'],
  ['policy'],
  ['gate'],
  ['engine', 'settings', 'json-schemas'],
  ['report'],
  ['publish'],
  ['action', 'cli'],
];
const ENTRIES = new Set(['action', 'cli']);

interface Edge {
  from: string;
  to: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `from.ts -> to.js` for every relative import (static, dynamic, re-export), paths relative to src/. */
function imports(): Edge[] {
  return sources(SRC).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => ({
      from: relative(SRC, file),
      to: relative(SRC, normalize(join(dirname(file), m[1]!))),
    }));
  });
}

/** The part a file belongs to: its folder under src/, or its own name at the top. */
const unitOf = (path: string) => (path.includes('/') ? path.split('/')[0]! : path.replace(/\.[jt]s$/, ''));
const layerOf = (unit: string) => LAYERS.findIndex((layer) => layer.includes(unit));

/** Imports from a part into a later layer: against the flow. */
function backward(edges: Edge[]): string[] {
  return edges
    .filter(({ from, to }) => layerOf(unitOf(to)) > layerOf(unitOf(from)))
    .map(({ from, to }) => `${from} -> ${to}`);
}

/** Loops between parts (each as `a -> b -> a`), found by following imports from every part. */
function cycles(edges: Edge[]): string[] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const [a, b] = [unitOf(from), unitOf(to)];
    if (a !== b) next.set(a, (next.get(a) ?? new Set()).add(b));
  }
  const found = new Set<string>();
  const walk = (path: string[]) => {
    for (const b of next.get(path.at(-1)!) ?? []) {
      if (b === path[0]) {
        // One name per loop: start it at its smallest part.
        const at = path.indexOf([...path].sort()[0]!);
        const loop = [...path.slice(at), ...path.slice(0, at)];
        found.add([...loop, loop[0]].join(' -> '));
      } else if (!path.includes(b)) walk([...path, b]);
    }
  };
  for (const unit of next.keys()) walk([unit]);
  return [...found].sort();
}

describe('the guards themselves', () => {
  it('find a loop and an import against the flow in a made-up graph', () => {
    const edges = [
      { from: 'load/a.ts', to: 'normalize/b.js' },
      { from: 'normalize/b.ts', to: 'load/c.js' },
      { from: 'report/d.ts', to: 'cli/run.js' },
    ];
    expect(cycles(edges)).toEqual(['load -> normalize -> load']);
    expect(backward(edges)).toEqual(['load/a.ts -> normalize/b.js', 'report/d.ts -> cli/run.js']);
  });
});

describe('the pipeline’s shape', () => {
  const all = imports();

  it('reads imports (the guards below are not vacuous)', () => {
    expect(all.filter((i) => i.to.startsWith('assess/checks/')).length).toBeGreaterThan(30);
    expect(all.some((i) => i.from.startsWith('action/') && i.to.startsWith('publish/'))).toBe(true);
  });

  it('places every part of src/ in a layer', () => {
    const units = new Set(all.flatMap(({ from, to }) => [unitOf(from), unitOf(to)]));
    expect([...units].filter((u) => layerOf(u) < 0)).toEqual([]);
  });

  it('no part imports one that runs after it', () => {
    expect(backward(all)).toEqual([]);
  });

  it('no two parts import each other, directly or around a loop', () => {
    expect(cycles(all)).toEqual([]);
  });

  it('an entry imports no other entry', () => {
    const across = all.filter(
      ({ from, to }) => ENTRIES.has(unitOf(from)) && ENTRIES.has(unitOf(to)) && unitOf(from) !== unitOf(to),
    );
    expect(across).toEqual([]);
  });

  it('only the registry imports a check', () => {
    const outside = all
      .filter(({ from, to }) => to.startsWith('assess/checks/') && !from.startsWith('assess/checks/'))
      .map(({ from, to }) => `${from} -> ${to}`)
      .filter((edge) => !edge.startsWith('assess/registry.ts -> '));
    expect(outside).toEqual([]);
  });

  // One definition of each endpoint fact (issue 16): checks, policies, conventions, score and metrics read
  // src/assess/facts.ts (`CheckContext.facts`, `EndpointFacts.is`), never decide on their own.
  it('endpoint facts are decided in src/assess/facts.ts only', () => {
    const DECIDES: [RegExp, string[]][] = [
      // Where the definitions live: normalize/security.ts and assess/context.ts; pin.ts judges the base's
      // security before any fact exists (it decides what the head may declare).
      [/\brequiresAuthentication\(/, ['normalize/security.ts', 'assess/context.ts', 'assess/pin.ts']],
      [/\bdeclaresRateLimit\(/, ['assess/context.ts']],
      [/\bpublicByDesign\(/, ['assess/context.ts']],
      [/includes\('rate-limiting'\)/, []],
      [/method\s*[!=]==\s*'options'/, ['assess/context.ts']],
      [/summary\?\.trim\(\)/, []],
    ];
    const outside = sources(SRC).flatMap((file) => {
      const name = relative(SRC, file);
      if (name === 'assess/facts.ts') return [];
      const text = readFileSync(file, 'utf8');
      return DECIDES.filter(([pattern, allowed]) => pattern.test(text) && !allowed.includes(name)).map(
        ([pattern]) => `${name}: ${pattern.source}`,
      );
    });
    expect(outside).toEqual([]);
    // Not vacuous: the definitions are read where they are allowed.
    expect(readFileSync(join(SRC, 'assess/facts.ts'), 'utf8')).toMatch(/declaresRateLimit\(/);
  });
});

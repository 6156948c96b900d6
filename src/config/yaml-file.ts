// Reads a YAML settings file (policy or config) and validates it with zod, turning every problem into a
// ConfigError naming file, line and key. Unknown keys are errors: a typo must never be silently ignored.
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { yamlReason } from '../load/source.js';
import { ConfigError } from './errors.js';

type Path = (string | number)[];

export interface YamlFile<T> {
  data: T;
  /** A ConfigError pointing at the node at `path` (its key when `atKey`), or the deepest existing node on the way. */
  errorAt(path: Path, detail: string, atKey?: boolean): ConfigError;
}

export function parseYamlFile<T>(file: string, text: string, schema: z.ZodType<T>): YamlFile<T> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lines.linePos(first.pos[0]);
    throw new ConfigError(file, line, col, `invalid YAML: ${yamlReason(first)}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb (`maxAliasCount`) or an alias to nothing: a mistake in the file, not in the tool.
    const { line, col } = lines.linePos(rangeStart(doc.contents) ?? 0);
    throw new ConfigError(file, line, col, `invalid YAML: ${yamlReason(error)}`);
  }
  const result = schema.safeParse(value ?? {});
  const errorAt = (path: Path, detail: string, atKey = false) => {
    const { line, col } = lines.linePos(offsetOf(doc.contents, path, atKey));
    return new ConfigError(file, line, col, detail);
  };
  if (result.success) return { data: result.data, errorAt };
  const issue = result.error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const where = unknownKey !== undefined ? [...path, unknownKey] : path;
  // An unknown key, or a record key that fails its check, is pointed at by its key rather than its value.
  const offset = offsetOf(doc.contents, where, unknownKey !== undefined || issue.code === 'invalid_key');
  const { line, col } = lines.linePos(offset);
  const received =
    issue.code === 'invalid_value' || issue.code === 'invalid_type' ? valueAt(value, path) : undefined;
  const shown = received === undefined ? '' : `${JSON.stringify(received)?.slice(0, 60)} `;
  throw new ConfigError(
    file,
    line,
    col,
    `${formatPath(where) || '(top level)'}: ${shown}${describe(issue, unknownKey)}`,
  );
}

function describe(issue: z.core.$ZodIssue, unknownKey: string | undefined): string {
  if (unknownKey !== undefined) return `unknown key "${unknownKey}"`;
  // A record key that fails its own check (`rules: { Auth-Missing: off }`): say what the key check says.
  if (issue.code === 'invalid_key') return issue.issues[0]?.message ?? issue.message;
  if (issue.code === 'invalid_value') {
    return `${issue.message.replace(/^Invalid option: expected one of /, 'must be one of ').replace(/"\|"/g, '", "')}`;
  }
  return issue.message;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Offset of the node at `path` (its key when `atKey`), or of the deepest node that exists on the way. */
function offsetOf(root: unknown, path: Path, atKey: boolean): number {
  let node = root;
  let offset = rangeStart(root) ?? 0;
  path.forEach((segment, i) => {
    if (node === undefined) return;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(segment));
      if (pair) {
        const last = i === path.length - 1;
        offset = (last && !atKey ? rangeStart(pair.value) : undefined) ?? rangeStart(pair.key) ?? offset;
        next = pair.value;
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
      offset = rangeStart(next) ?? offset;
    }
    node = next;
  });
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}

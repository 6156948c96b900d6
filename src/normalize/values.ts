// Narrow readers for untyped document values.

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) && value.length > 0
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** Own keys that are vendor extensions (`x-…`). */
export function extensionsOf(value: unknown): Obj {
  const out: Obj = {};
  if (!isObj(value)) return out;
  for (const key of Object.keys(value)) if (key.startsWith('x-')) out[key] = value[key];
  return out;
}

// Shared with the load stage (json-reuse.ts), so it lives in util.
export { setOwn } from '../util/objects.js';

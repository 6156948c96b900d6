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
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Own keys that are vendor extensions (`x-…`). */
export function extensionsOf(value: unknown): Obj {
  const out: Obj = {};
  if (!isObj(value)) return out;
  for (const key of Object.keys(value)) if (key.startsWith('x-')) out[key] = value[key];
  return out;
}

/**
 * `target[key] = value` as an own property even for `__proto__`: a document's keys are hostile, and an
 * assignment would set the object's prototype instead (the entry lost, inherited fields appearing).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

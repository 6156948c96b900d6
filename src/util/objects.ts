// Writing keys taken from a document into plain objects.

/**
 * `target[key] = value` as an own property even for `__proto__`: a document's keys are hostile, and an
 * assignment would set the object's prototype instead (the entry lost, inherited fields appearing).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

// What identifies a field when a refactoring moves or copies it: its own description, or the fields of the
// object that declares it. Read by sensitive-response-field (a returned property) and url-inputs (a URL taken).
import type { Schema } from '../model.js';

/** Long enough to be the description someone wrote for this field, not a stock phrase (`The token.`). */
const MIN_DESCRIPTION = 24;

/** Enough sibling fields for an object's shape to identify it (`{ token }` alone could be anything). */
export const DISTINCTIVE_SHAPE = 4;

/** The words of a field's description, when it has one of its own; undefined for none or a stock phrase. */
export function describedWords(schema: Schema): string | undefined {
  const words = (schema.description ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return words.length >= MIN_DESCRIPTION ? words : undefined;
}

/** The object's property names, lower-case and sorted: its shape. */
export function shapeOf(owner: Schema): string[] {
  return Object.keys(owner.properties)
    .map((name) => name.toLowerCase())
    .sort();
}

// The files one description spans, found without building its model (the action's "did the PR touch it?").
import { DocumentSet } from './documents.js';
import type { FileReader } from './reader.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './source.js';

/** The root and every file its `$ref`s reach (remote refs and refs leaving the workspace are not followed). */
export function specFiles(reader: FileReader, path: string, limits?: Partial<ParseLimits>): string[] {
  return new DocumentSet(reader, { ...DEFAULT_PARSE_LIMITS, ...limits }).reachableFiles(path);
}

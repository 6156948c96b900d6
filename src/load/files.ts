// The files one description spans, found without building its model (the action's "did the PR touch it?").
import { DocumentSet } from './documents.js';
import type { FileReader } from './reader.js';
import type { RemoteDocuments } from './remote.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './source.js';

/**
 * The root and every file its `$ref`s reach (remote refs and refs leaving the workspace are not followed),
 * including those that could not be read: a PR that deletes a `$ref`'d file has touched the description.
 */
export function specFiles(reader: FileReader, path: string, limits?: Partial<ParseLimits>): string[] {
  const asked = new Set<string>();
  const recording: FileReader = {
    label: reader.label,
    read: (file) => {
      asked.add(file);
      return reader.read(file);
    },
  };
  const reached = new DocumentSet(recording, { ...DEFAULT_PARSE_LIMITS, ...limits }).reachableFiles(path);
  for (const file of reached) asked.add(file);
  return [...asked];
}

/**
 * Fetches the allowed remote documents these descriptions reach, in rounds (a fetched document may refer
 * to more), before the synchronous load reads them. Does nothing when no remote prefix is allowed.
 */
export async function fetchRemoteRefs(
  documents: { reader: FileReader; path: string }[],
  remote: RemoteDocuments,
  limits?: Partial<ParseLimits>,
): Promise<void> {
  if (!remote.enabled) return;
  for (let round = 0; round < 20; round++) {
    for (const doc of documents)
      new DocumentSet(doc.reader, { ...DEFAULT_PARSE_LIMITS, ...limits }, remote).reachableFiles(doc.path);
    if ((await remote.fetchWanted()) === 0) return;
  }
}

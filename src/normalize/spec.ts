// One API description read and modelled: the load stage reads its root file and what its `$ref`s reach,
// this stage builds the model from them.
import { DocumentSet, type RootAhead } from '../load/documents.js';
import type { LoadedSpec } from '../load/index.js';
import type { FileReader } from '../load/reader.js';
import type { RemoteDocuments } from '../load/remote.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from '../load/source.js';
import { type NormalizeOptions, normalize } from './index.js';

export interface LoadOptions extends NormalizeOptions {
  limits?: Partial<ParseLimits>;
  /** Allowed remote documents, fetched beforehand (`fetchRemoteRefs`). */
  remote?: RemoteDocuments;
  /** The root file, read ahead (`readAhead`). */
  ahead?: RootAhead;
}

export function loadSpec(reader: FileReader, path: string, options: LoadOptions = {}): LoadedSpec {
  const docs = new DocumentSet(
    reader,
    { ...DEFAULT_PARSE_LIMITS, ...options.limits },
    options.remote,
    options.ahead?.path === path ? options.ahead : undefined,
  );
  const root = docs.file(path);
  if (!root) return { path, exists: false, problems: [], files: [] };
  const model = normalize(docs, path, options);
  if (
    options.head &&
    options.head.model.file !== path &&
    docs.loadedFiles().some((f) => f.path === options.head?.model.file)
  ) {
    // This version reads the head's own file: its locations could not be told apart from shared ones.
    return loadSpec(reader, path, { ...options, head: undefined });
  }
  return { path, model, exists: true, problems: docs.problems, files: docs.loadedFiles() };
}

// Reading one API description (root file plus what its `$ref`s reach) and building its model.
import type { ApiModel, SpecProblem } from '../model.js';
import { type NormalizeOptions, normalize } from '../normalize/index.js';
import { DocumentSet, type RootAhead } from './documents.js';
import { type FileReader, openFile } from './reader.js';
import type { RemoteDocuments } from './remote.js';
import { DEFAULT_PARSE_LIMITS, indexAhead, type ParseLimits, type SourceFile } from './source.js';

export interface LoadedSpec {
  /** Workspace-relative path of the root document. */
  path: string;
  /** Undefined when the root is missing, unparsable or not OpenAPI (see `problems`). */
  model?: ApiModel;
  /** False when the root file does not exist in this version (an added or deleted spec). */
  exists: boolean;
  problems: SpecProblem[];
  /** Every file this description is made of, for positions and for "did the PR touch it?". */
  files: SourceFile[];
}

export interface LoadOptions extends NormalizeOptions {
  limits?: Partial<ParseLimits>;
  /** Allowed remote documents, fetched beforehand (`fetchRemoteRefs`). */
  remote?: RemoteDocuments;
  /** The root file, read ahead (`readAhead`). */
  ahead?: RootAhead;
}

/**
 * Reads a version's root file now and starts indexing it, so that the index is made (on the second thread)
 * while the other version loads; a large file is read there too. Load this version with `ahead`.
 */
export function readAhead(reader: FileReader, path: string, maxFileBytes: number, large: boolean): RootAhead {
  const later = large ? reader.readLater?.(path, maxFileBytes) : undefined;
  if (later) {
    let read: ReturnType<typeof later> | undefined;
    const get = () => {
      read ??= later();
      return read;
    };
    return {
      path,
      read: () => {
        const { text, refused } = get();
        return refused ? { refused } : text === undefined ? undefined : { text };
      },
      index: () => get().index,
    };
  }
  const read = openFile(reader, path, maxFileBytes);
  // Past the limit the file is refused unread (DocumentSet): no point indexing it.
  const index =
    read && 'text' in read && read.text.length <= maxFileBytes ? indexAhead(path, read.text) : undefined;
  return { path, read: () => read, ...(index ? { index } : {}) };
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

// Reading one API description: its root file read ahead, and what a loaded description is made of
// (normalize/spec.ts `loadSpec` reads the files and builds the model).
import type { ApiModel, SpecProblem } from '../model.js';
import type { RootAhead } from './documents.js';
import { type FileReader, openFile } from './reader.js';
import { indexAhead, type SourceFile } from './source.js';

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

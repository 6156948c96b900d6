// The one pass over JSON text that positions need (where each object and array closes, where each line
// starts), and a second thread to run it on while the main thread parses and analyses the same text. The
// thread also reads a version's root file from git (and indexes it) while the other version loads.
//
// On GitHub's REST description the pass is a tenth of a second per version, all of it otherwise on the
// critical path. The engine is synchronous, so the main thread collects a result by blocking on a shared
// flag (`Atomics.wait`) and taking the message off the port (`receiveMessageOnPort`); by then the result
// is almost always waiting. Any failure of the thread falls back to scanning on the main thread.
import {
  isMainThread,
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import { decodeText, gitShow, type Refusal, readInside } from './file-text.js';

export interface JsonIndex {
  /** Offset of every `{` and `[` outside strings, in order of appearance. */
  opens: Int32Array;
  /** Where each of them closes (the text's length if it never does). */
  closes: Int32Array;
  /** Offsets where lines start, the first 0. Valid JSON has no raw line break inside a string. */
  lineStarts: Int32Array;
}

/**
 * One pass over the text. Self-contained on purpose (no imports, no helpers outside it): its source is
 * what the second thread runs. A string's body is skipped with `indexOf`, which makes the pass cheap:
 * most of a description is strings.
 */
export function scanJson(text: string): JsonIndex {
  const n = text.length;
  let opens = new Int32Array(1024);
  let closes = new Int32Array(1024);
  let lines = new Int32Array(1024);
  let count = 0;
  let lineCount = 1; // lines[0] = 0
  const stack: number[] = [];
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // the closing quote: the first one not escaped (most strings hold no escaped quote)
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && text.charCodeAt(end - 1) === 0x5c) {
        let backslashes = 1;
        while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (c === 0x0a) {
      if (lineCount === lines.length) {
        const grown = new Int32Array(lines.length * 2);
        grown.set(lines);
        lines = grown;
      }
      lines[lineCount++] = i + 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (count === opens.length) {
        const grownOpens = new Int32Array(opens.length * 2);
        const grownCloses = new Int32Array(closes.length * 2);
        grownOpens.set(opens);
        grownCloses.set(closes);
        opens = grownOpens;
        closes = grownCloses;
      }
      stack.push(count);
      opens[count] = i;
      closes[count] = n; // unclosed: runs to the end
      count++;
    } else if (c === 0x7d || c === 0x5d) {
      const index = stack.pop();
      if (index !== undefined) closes[index] = i;
    }
    i++;
  }
  return {
    opens: opens.slice(0, count),
    closes: closes.slice(0, count),
    lineStarts: lines.slice(0, lineCount),
  };
}

/**
 * The text JSON.parse is given (a byte-order mark is not JSON, and no editor counts it as a column) when
 * the file looks like JSON; undefined otherwise. Self-contained: the second thread runs its source too.
 */
export function jsonTextOf(path: string, text: string): string | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return /\.json$/i.test(path) || /^\s*[{[]/.test(body) ? body : undefined;
}

/** Shorter texts are scanned where they are needed: for them a thread costs more than it saves. */
export const BACKGROUND_MIN_CHARS = 1 << 20;

function workerSource(): string {
  return `
const { workerData } = require('node:worker_threads');
const { spawnSync } = require('node:child_process');
const scanJson = ${scanJson.toString()};
const jsonTextOf = ${jsonTextOf.toString()};
const decodeText = ${decodeText.toString()};
const gitShow = ${gitShow.toString()};
const readInside = ${readInside.toString()};
const safely = (f) => { try { return f(); } catch { return undefined; } };
// A collection after each answer: the text received or read here is garbage once answered, and an idle
// thread would keep it until its own next collection (94 MB for Microsoft Graph beta, through the whole
// analysis of the document on the main thread). \`gc\` as src/util/heap.ts gets it.
const collect = safely(() => {
  require('node:v8').setFlagsFromString('--expose-gc');
  return require('node:vm').runInNewContext('typeof gc === "function" ? gc : undefined');
});
const readFile = (file) =>
  file.kind === 'git'
    ? gitShow(spawnSync, decodeText, file.repoDir, file.commit, file.path, file.maxBytes)
    : readInside(require('node:fs'), require('node:path'), decodeText, file.realRoot, file.path, file.maxBytes);
workerData.port.on('message', ({ id, text, file, done }) => {
  let reply;
  if (file) {
    // A read that throws is answered as not done: the main thread reads again, and meets the error itself.
    let read;
    let failed = false;
    try {
      read = readFile(file);
    } catch {
      failed = true;
    }
    const text = read && read.text;
    const json = text === undefined ? undefined : jsonTextOf(file.path, text);
    const index = json === undefined ? undefined : safely(() => scanJson(json));
    reply = failed
      ? { id, index: undefined }
      : { id, read: read !== undefined, text, refused: read && read.refused, index };
  } else {
    reply = { id, index: safely(() => scanJson(text)) };
  }
  const index = reply.index;
  workerData.port.postMessage(reply, index ? [index.opens.buffer, index.closes.buffer, index.lineStarts.buffer] : []);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
  if (collect) setImmediate(collect); // once this handler's frame (holding the text) is gone
});
`;
}

/** What the thread answers: an index, and for a file read whether it exists, its text or why it was refused. */
interface Reply {
  id: number;
  index: JsonIndex | undefined;
  read?: boolean;
  text?: string | undefined;
  refused?: Refusal | undefined;
}

interface Thread {
  port: MessagePort;
  /** Replies taken off the port while waiting for another one. */
  early: Map<number, Reply>;
  nextId: number;
}

/** undefined: not started yet; null: could not start, scan on the main thread. */
let thread: Thread | null | undefined;

function backgroundThread(): Thread | null {
  if (thread !== undefined) return thread;
  // In a worker (the CLI's scan pool), the other core is already analysing another document.
  if (!isMainThread) {
    thread = null;
    return thread;
  }
  try {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerSource(), {
      eval: true,
      workerData: { port: port2 },
      transferList: [port2],
    });
    // Neither keeps the process alive: a result nobody asks for is simply never read.
    worker.unref();
    port1.unref();
    worker.on('error', () => {
      thread = null;
    });
    thread = { port: port1, early: new Map(), nextId: 0 };
  } catch {
    thread = null;
  }
  return thread;
}

/**
 * Starts indexing `text` and returns how to get the index when it is needed. Large texts go to the
 * second thread; the returned function then waits for it (or scans here if the thread failed).
 */
export function scanJsonLater(text: string): () => JsonIndex {
  const background = text.length >= BACKGROUND_MIN_CHARS ? scanJsonInBackground(text) : undefined;
  let index: JsonIndex | undefined;
  return () => {
    index ??= background?.() ?? scanJson(text);
    return index;
  };
}

/** The second thread's half of `scanJsonLater`: its answer, or undefined when it could not give one. */
export function scanJsonInBackground(text: string): (() => JsonIndex | undefined) | undefined {
  // Generous: the scan takes about 10 ms per MB; a thread that has not answered by then is not going to.
  const reply = request({ text }, 2000 + text.length / 1000);
  return reply && (() => reply()?.index);
}

/** A file for the second thread to read: from a git commit (`gitShow`) or under a directory (`readInside`). */
export type FileToRead =
  | { kind: 'git'; repoDir: string; commit: string; path: string; maxBytes: number }
  | { kind: 'file'; realRoot: string; path: string; maxBytes: number };

/**
 * Reads a file on the second thread, and indexes its JSON text: undefined when the thread is not there;
 * the returned function waits, and gives undefined if the thread did not answer (read it here then).
 */
export function readInBackground(
  file: FileToRead,
):
  | (() => { text: string | undefined; index: JsonIndex | undefined; refused?: Refusal } | undefined)
  | undefined {
  const reply = request({ file }, 120_000);
  return (
    reply &&
    (() => {
      const r = reply();
      if (r?.read === undefined) return undefined;
      return r.refused
        ? { text: undefined, index: undefined, refused: r.refused }
        : { text: r.read ? r.text : undefined, index: r.index };
    })
  );
}

/** Posts a request; the returned function waits for its reply once (later calls give the same). */
function request(
  message: { text: string } | { file: FileToRead },
  timeoutMs: number,
): (() => Reply | undefined) | undefined {
  const background = backgroundThread();
  if (!background) return undefined;
  const id = background.nextId++;
  const done = new Int32Array(new SharedArrayBuffer(4));
  try {
    background.port.postMessage({ ...message, id, done });
  } catch {
    return undefined;
  }
  let claimed = false;
  let reply: Reply | undefined;
  return () => {
    if (!claimed) reply = collect(background, id, done, timeoutMs);
    claimed = true;
    return reply;
  };
}

function collect(background: Thread, id: number, done: Int32Array, timeoutMs: number): Reply | undefined {
  if (Atomics.wait(done, 0, 0, timeoutMs) === 'timed-out') return undefined;
  const early = background.early.get(id);
  if (early) {
    background.early.delete(id);
    return early;
  }
  for (;;) {
    const received = receiveMessageOnPort(background.port);
    if (!received) return undefined;
    const reply = received.message as Reply;
    if (reply.id === id) return reply;
    background.early.set(reply.id, reply);
  }
}

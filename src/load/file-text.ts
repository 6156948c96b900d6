// How a file's text is read: from a git commit, or from under a directory without leaving it. Each
// function is self-contained (the modules and helpers it uses are passed in): the second thread
// (json-scan.ts) runs their source.
//
// A pull request's content is hostile: a file is read only when it is a regular file (a blob in a commit)
// whose real path stays inside the workspace and outside every `.git` directory (`.git/config` holds the
// job's token), and only up to the size limit, checked before reading. A file that is not read says why.

import type { spawnSync } from 'node:child_process';
import type * as fs from 'node:fs';
import type * as nodePath from 'node:path';

/** Why a file that exists was not read. */
export type Refusal =
  /** Its real path (symlinks followed) leaves the workspace. */
  | { reason: 'outside' }
  /** It is under a `.git` directory. */
  | { reason: 'git-dir' }
  /** Not committed in the checkout: a file an earlier workflow step wrote (see `trackedReader`). */
  | { reason: 'untracked' }
  /** A directory, device, FIFO or socket; in a commit, a symbolic link or a submodule. */
  | { reason: 'not-file' }
  | { reason: 'too-large'; bytes: number }
  /** Bytes that do not decode: what was expected, and where (1-based line) when known. */
  | { reason: 'not-text'; encoding: string; line?: number };

/** A file's text, or why it was not read; `undefined` (elsewhere) is a file that does not exist. */
export type FileRead = { text: string } | { refused: Refusal };

/**
 * The text of a file's bytes: UTF-8, or UTF-16/UTF-32 when a byte-order mark says so (the mark is not part
 * of the text). Bytes that do not decode, and text holding NUL characters (UTF-16 without a mark reads as
 * UTF-8 full of them; neither YAML nor JSON allows one), are refused as not text. Self-contained.
 */
export function decodeText(bytes: Uint8Array): FileRead {
  const b = bytes;
  const notText = (encoding: string, at?: number): FileRead => {
    if (at === undefined) return { refused: { reason: 'not-text', encoding } };
    let line = 1;
    for (let i = 0; i < at; i++) if (b[i] === 0x0a) line++;
    return { refused: { reason: 'not-text', encoding, line } };
  };
  /** Where UTF-8 first goes wrong (only called once the fast decoder has said it does). */
  const badUtf8 = (start: number): number => {
    let i = start;
    while (i < b.length) {
      const c = b[i]!;
      const need =
        c < 0x80
          ? 0
          : c >= 0xc2 && c <= 0xdf
            ? 1
            : c >= 0xe0 && c <= 0xef
              ? 2
              : c >= 0xf0 && c <= 0xf4
                ? 3
                : -1;
      if (need < 0 || i + need >= b.length) return i;
      for (let k = 1; k <= need; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
      const second = b[i + 1]!;
      if (c === 0xe0 && second < 0xa0) return i; // overlong
      if (c === 0xed && second > 0x9f) return i; // a surrogate
      if (c === 0xf0 && second < 0x90) return i; // overlong
      if (c === 0xf4 && second > 0x8f) return i; // past U+10FFFF
      i += need + 1;
    }
    return b.length;
  };
  const utf32 = (start: number, little: boolean): FileRead => {
    if ((b.length - start) % 4 !== 0) return notText(little ? 'UTF-32LE' : 'UTF-32BE');
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const parts: string[] = [];
    let chunk: number[] = [];
    for (let i = start; i < b.length; i += 4) {
      const cp = view.getUint32(i, little);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return notText(little ? 'UTF-32LE' : 'UTF-32BE');
      chunk.push(cp);
      if (chunk.length === 8192) {
        parts.push(String.fromCodePoint(...chunk));
        chunk = [];
      }
    }
    parts.push(String.fromCodePoint(...chunk));
    return { text: parts.join('') };
  };
  let decoded: FileRead;
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) decoded = utf32(4, true);
  else if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) decoded = utf32(4, false);
  else if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    const little = b[0] === 0xff;
    const encoding = little ? 'UTF-16LE' : 'UTF-16BE';
    if (b.length % 2 !== 0) return notText(encoding);
    // Big-endian is swapped into little-endian, which every Node build decodes.
    const units = little ? b.subarray(2) : Uint8Array.from(b.subarray(2));
    if (!little)
      for (let i = 0; i + 1 < units.length; i += 2) [units[i], units[i + 1]] = [units[i + 1]!, units[i]!];
    try {
      decoded = { text: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(units) };
    } catch {
      return notText(encoding);
    }
  } else {
    const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    try {
      decoded = {
        text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b.subarray(start)),
      };
    } catch {
      return notText('UTF-8', badUtf8(start));
    }
  }
  const nul = 'text' in decoded ? decoded.text.indexOf('\0') : -1;
  if (nul !== -1) {
    const text = (decoded as { text: string }).text;
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < nul; i = text.indexOf('\n', i + 1)) line++;
    return { refused: { reason: 'not-text', encoding: 'UTF-8', line } };
  }
  return decoded;
}

/**
 * The blob at `path` in `commit` (validated by the caller: a hex object name), decoded. Undefined when the
 * commit has no such path. Refused: a symbolic link (`git show` would print its target as if it were the
 * file), a submodule or a directory, a path under `.git`, a blob over `maxBytes` (its size is asked first).
 */
export function gitShow(
  spawn: typeof spawnSync,
  decode: typeof decodeText,
  repoDir: string,
  commit: string,
  path: string,
  maxBytes: number,
): FileRead | undefined {
  if (path.split('/').some((part) => part.toLowerCase() === '.git'))
    return { refused: { reason: 'git-dir' } };
  // `--full-tree`: the path is from the top of the tree, as in `git show commit:path`; literal pathspecs.
  const env = { ...process.env, GIT_LITERAL_PATHSPECS: '1' };
  const listed = spawn(
    'git',
    ['ls-tree', '-l', '-z', '--full-tree', '--end-of-options', commit, '--', path],
    {
      cwd: repoDir,
      encoding: 'utf8',
      env,
      maxBuffer: 1024 * 1024,
    },
  );
  if (listed.status !== 0) return undefined;
  // `<mode> <type> <object> <size>\t<path>`: the entry named exactly `path`.
  const entry = listed.stdout
    .split('\0')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode = '', type = '', object = '', size = ''] = line.slice(0, tab).trim().split(/ +/);
      return { mode, type, object, size, name: line.slice(tab + 1) };
    })
    .find((e) => e.name === path);
  if (!entry) return undefined;
  if (entry.type !== 'blob' || entry.mode === '120000' || !/^[0-9a-f]+$/.test(entry.object))
    return { refused: { reason: 'not-file' } };
  const bytes = Number(entry.size);
  if (!(bytes <= maxBytes)) return { refused: { reason: 'too-large', bytes } };
  const blob = spawn('git', ['cat-file', 'blob', entry.object], {
    cwd: repoDir,
    env,
    maxBuffer: maxBytes + 1024,
  });
  if (blob.status !== 0 || !blob.stdout) return undefined;
  return decode(blob.stdout as unknown as Uint8Array);
}

/**
 * `gitShow` for many paths at once, in two processes (one `git ls-tree` naming them all, one `git cat-file
 * --batch`) instead of two per path: a monorepo's pull request reads hundreds of base documents, and a
 * process costs some 15 ms. The same answers as `gitShow` path by path. Blobs over `maxBytes` are left out
 * (read them with `gitShow`, which refuses them as it should); so is everything once `budgetBytes` of
 * blobs are in. Main thread only (not self-contained).
 */
export function gitShowMany(
  spawn: typeof spawnSync,
  decode: typeof decodeText,
  repoDir: string,
  commit: string,
  paths: string[],
  maxBytes: number,
  budgetBytes: number,
): Map<string, { read: FileRead | undefined; bytes: number }> {
  /** Each path's answer, and the blob's size (0 when there is none). */
  const found = new Map<string, { read: FileRead | undefined; bytes: number }>();
  const asked = [...new Set(paths)].filter(
    (p) => !p.split('/').some((part) => part.toLowerCase() === '.git'),
  );
  if (asked.length === 0) return found;
  const env = { ...process.env, GIT_LITERAL_PATHSPECS: '1' };
  const listed = spawn(
    'git',
    ['ls-tree', '-t', '-l', '-z', '--full-tree', '--end-of-options', commit, '--', ...asked],
    {
      cwd: repoDir,
      encoding: 'utf8',
      env,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (listed.status !== 0) return found;
  // `-t`: a folder asked for is listed even when another path asked lies in it (`folder`, `folder/x.yaml`)
  const entries = new Map<string, { mode: string; type: string; object: string; size: string }>();
  for (const line of listed.stdout.split('\0')) {
    const tab = line.indexOf('\t');
    if (tab === -1) continue;
    const [mode = '', type = '', object = '', size = ''] = line.slice(0, tab).trim().split(/ +/);
    entries.set(line.slice(tab + 1), { mode, type, object, size });
  }
  const blobs: { path: string; object: string; bytes: number }[] = [];
  let budget = budgetBytes;
  for (const path of asked) {
    const entry = entries.get(path);
    if (!entry)
      found.set(path, { read: undefined, bytes: 0 }); // as `gitShow`: no such path
    else if (entry.type !== 'blob' || entry.mode === '120000' || !/^[0-9a-f]+$/.test(entry.object))
      found.set(path, { read: { refused: { reason: 'not-file' } }, bytes: 0 });
    else {
      const bytes = Number(entry.size);
      if (!(bytes <= maxBytes) || bytes > budget) continue;
      budget -= bytes;
      blobs.push({ path, object: entry.object, bytes });
    }
  }
  if (blobs.length === 0) return found;
  const batch = spawn('git', ['cat-file', '--batch'], {
    cwd: repoDir,
    env,
    input: `${blobs.map((b) => b.object).join('\n')}\n`,
    maxBuffer: budgetBytes - budget + blobs.length * 128 + 1024,
  });
  if (batch.status !== 0 || !batch.stdout) return found;
  // `<object> blob <size>\n<bytes>\n` per blob, in the order asked
  const out = batch.stdout as unknown as Uint8Array;
  let at = 0;
  for (const blob of blobs) {
    const eol = out.indexOf(0x0a, at);
    if (eol === -1) break;
    const [object, type, size] = Buffer.from(out.subarray(at, eol)).toString('latin1').split(' ');
    if (object !== blob.object || type !== 'blob') break;
    const end = eol + 1 + Number(size);
    found.set(blob.path, { read: decode(out.subarray(eol + 1, end)), bytes: blob.bytes });
    at = end + 1;
  }
  return found;
}

/**
 * The text of `path` under `realRoot`; undefined when it does not exist. Refused: its real path (symlinks
 * followed) leaves the root or goes under a `.git` directory, it is not a regular file, or it is larger
 * than `maxBytes` (the size of the opened file is checked before reading; at most `maxBytes + 1` bytes
 * are read whatever it claims).
 */
export function readInside(
  files: typeof fs,
  paths: typeof nodePath,
  decode: typeof decodeText,
  realRoot: string,
  path: string,
  maxBytes: number,
): FileRead | undefined {
  const underGit = (rel: string) => rel.split(/[\\/]/).some((part) => part.toLowerCase() === '.git');
  const full = paths.join(realRoot, path);
  // By its name first (a `.GIT` that a case-folding filesystem would open), then by its real path.
  if (underGit(paths.relative(realRoot, full))) return { refused: { reason: 'git-dir' } };
  let real: string;
  try {
    real = (files.realpathSync.native ?? files.realpathSync)(full);
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { refused: { reason: 'not-file' } }; // a symlink loop, a path too long, no permission
  }
  const rel = paths.relative(realRoot, real);
  const inside = rel === '' || (!rel.startsWith(`..${paths.sep}`) && rel !== '..' && !paths.isAbsolute(rel));
  if (!inside) return { refused: { reason: 'outside' } };
  if (underGit(rel)) return { refused: { reason: 'git-dir' } };
  const c = files.constants;
  // No blocking on a FIFO; the real path's last part is no symlink (unless swapped since: then refused).
  let fd: number;
  try {
    fd = files.openSync(real, c.O_RDONLY | (c.O_NONBLOCK ?? 0) | (c.O_NOFOLLOW ?? 0));
  } catch {
    return { refused: { reason: 'not-file' } };
  }
  try {
    const stat = files.fstatSync(fd);
    if (!stat.isFile()) return { refused: { reason: 'not-file' } };
    if (stat.size > maxBytes) return { refused: { reason: 'too-large', bytes: stat.size } };
    // What the size said, and more if the file grows, but never past the limit (a size can lie: /proc).
    let buffer = new Uint8Array(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return { refused: { reason: 'too-large', bytes: length } };
        const grown = new Uint8Array(Math.min(length * 2, maxBytes + 1));
        grown.set(buffer);
        buffer = grown;
      }
      const n = files.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return decode(buffer.subarray(0, length));
  } finally {
    files.closeSync(fd);
  }
}

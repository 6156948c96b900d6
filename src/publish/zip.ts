// Reads one file out of a zip archive in memory: the fork-PR comment artifact (publish/artifact.ts) is a
// zip that the pull request's own workflow wrote, so every field of it is hostile. Only what
// actions/upload-artifact writes is accepted: stored or deflated entries, no encryption, no ZIP64. Nothing
// is ever written to disk, so an entry's name cannot escape anywhere; it must still be the expected one.
import { crc32, inflateRawSync } from 'node:zlib';

export type ZipRead = { bytes: Buffer } | { refused: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** More entries than this is not an artifact of one file: refused before any is read. */
const MAX_ENTRIES = 16;

/**
 * The bytes of the entry named `name`, which must be the archive's only file (folders aside), at most
 * `maxBytes` once inflated: declared sizes are checked before inflating, and inflating stops at the limit
 * (a zip bomb declares a small size and inflates to gigabytes). The CRC must match.
 */
export function readOnlyEntry(zip: Buffer, name: string, maxBytes: number): ZipRead {
  const end = findEndOfCentralDirectory(zip);
  if (end === undefined) return { refused: 'it is not a zip archive (no end of central directory)' };
  const entries = zip.readUInt16LE(end + 10);
  const cdSize = zip.readUInt32LE(end + 12);
  const cdOffset = zip.readUInt32LE(end + 16);
  if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 8) !== entries)
    return { refused: 'it is a multi-part zip archive' };
  if (entries === 0xffff || cdOffset === 0xffffffff) return { refused: 'it is a ZIP64 archive' };
  if (entries > MAX_ENTRIES) return { refused: `it holds ${entries} entries, not one file` };
  if (cdOffset + cdSize > end) return { refused: 'its central directory lies outside the archive' };
  const files: CentralEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < entries; i++) {
    const entry = readCentralEntry(zip, at, end);
    if ('refused' in entry) return entry;
    at = entry.next;
    // A folder entry carries no data; anything else must be the one expected file.
    if (entry.name.endsWith('/') && entry.uncompressed === 0) continue;
    files.push(entry);
  }
  const others = files.filter((f) => f.name !== name).map((f) => quoted(f.name));
  if (others.length > 0) return { refused: `it holds ${others.slice(0, 3).join(', ')}, not only ${name}` };
  if (files.length !== 1)
    return { refused: files.length === 0 ? `it has no ${name}` : `it has ${name} twice` };
  return entryBytes(zip, files[0]!, maxBytes);
}

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
  next: number;
}

/** An entry's name for a message: JSON-quoted (control characters shown), cut short. */
function quoted(name: string): string {
  const json = JSON.stringify(name);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}

function findEndOfCentralDirectory(zip: Buffer): number | undefined {
  // The record is 22 bytes plus a comment of at most 65,535.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
    if (zip.readUInt32LE(at) === EOCD) return at;
  return undefined;
}

function readCentralEntry(zip: Buffer, at: number, end: number): CentralEntry | { refused: string } {
  if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL)
    return { refused: 'its central directory is malformed' };
  const nameLength = zip.readUInt16LE(at + 28);
  const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  if (next > end) return { refused: 'its central directory is malformed' };
  return {
    name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    flags: zip.readUInt16LE(at + 8),
    method: zip.readUInt16LE(at + 10),
    crc: zip.readUInt32LE(at + 16),
    compressed: zip.readUInt32LE(at + 20),
    uncompressed: zip.readUInt32LE(at + 24),
    localOffset: zip.readUInt32LE(at + 42),
    next,
  };
}

function entryBytes(zip: Buffer, entry: CentralEntry, maxBytes: number): ZipRead {
  const shown = quoted(entry.name);
  if (entry.flags & 1) return { refused: `${shown} is encrypted` };
  if (entry.method !== 0 && entry.method !== 8)
    return {
      refused: `${shown} uses compression method ${entry.method} (only stored and deflated are read)`,
    };
  if (entry.compressed === 0xffffffff || entry.uncompressed === 0xffffffff)
    return { refused: `${shown} is a ZIP64 entry` };
  if (entry.uncompressed > maxBytes)
    return { refused: `${shown} is ${entry.uncompressed} bytes, over the limit of ${maxBytes}` };
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL)
    return { refused: `${shown}: its local header is missing` };
  const nameLength = zip.readUInt16LE(at + 26);
  // The local header's name must be the central directory's: a reader that trusts one and an unzip
  // that trusts the other would see two different files.
  if (zip.toString('utf8', at + 30, at + 30 + nameLength) !== entry.name)
    return { refused: `${shown}: its local header names another file` };
  const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
  if (start + entry.compressed > zip.length) return { refused: `${shown} is cut short` };
  const data = zip.subarray(start, start + entry.compressed);
  let bytes: Buffer;
  if (entry.method === 0) bytes = Buffer.from(data);
  else {
    try {
      bytes = inflateRawSync(data, { maxOutputLength: maxBytes });
    } catch (error) {
      const code = (error as { code?: string }).code;
      return {
        refused:
          code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError
            ? `${shown} inflates to more than ${maxBytes} bytes (a zip bomb?)`
            : `${shown} does not inflate: ${(error as Error).message}`,
      };
    }
  }
  if (bytes.length !== entry.uncompressed)
    return {
      refused: `${shown} inflates to ${bytes.length} bytes, not the ${entry.uncompressed} it declares`,
    };
  if (crc32(bytes) !== entry.crc) return { refused: `${shown} fails its CRC check` };
  return { bytes };
}

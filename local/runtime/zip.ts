/**
 * A minimal ZIP container (PKWARE APPNOTE 6.3) written and read by hand: local file headers,
 * central directory, end-of-central-directory record. No ZIP64, no encryption, no data
 * descriptors. Used by the sandbox's .xlsx writer and by Utilities.zip/unzip.
 *
 * Output is byte-for-byte deterministic: every entry is raw-deflated with the same zlib
 * settings, and the timestamp is fixed unless the caller gives one.
 */
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, '/'-separated, no leading slash. Stored as UTF-8. */
  name: string;
  /**
   * The file's bytes. An iterable of chunks lets a large part (a 100k-row sheet) be produced and
   * compressed piece by piece, so the uncompressed XML never exists in memory as one buffer.
   */
  data: Uint8Array | Iterable<Uint8Array>;
}

export interface WriteZipOptions {
  /**
   * Modification time of every entry: a wall-clock time encoded as if it were UTC (zip has no
   * time zone). Default 1980-01-01 00:00:00, the earliest DOS timestamp, for determinism.
   */
  modified?: number;
  /** Let several entries carry the same name (Utilities.zip does); by default that throws. */
  allowDuplicateNames?: boolean;
}

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const END_SIG = 0x06054b50;
/** 2.0: the version that introduced deflate; all this writer needs. */
const VERSION = 20;
/** General-purpose flag bit 11: the name is UTF-8 (so non-ASCII names survive any unzip). */
const FLAG_UTF8 = 0x0800;
const FLAG_ENCRYPTED = 0x0001;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const DOS_EPOCH = Date.UTC(1980, 0, 1);
/** Input is gathered into pieces of about this size before each deflate call. */
const CHUNK = 1 << 20;
const MAX_U32 = 0xffffffff;

interface Written {
  nameBytes: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** MS-DOS date and time fields of a wall-clock time (2-second resolution). */
function dosTime(wall: Date): { time: number; date: number } {
  const time = (wall.getUTCHours() << 11) | (wall.getUTCMinutes() << 5) | (wall.getUTCSeconds() >> 1);
  const date = ((Math.max(wall.getUTCFullYear(), 1980) - 1980) << 9) | ((wall.getUTCMonth() + 1) << 5) | wall.getUTCDate();
  return { time, date };
}

/**
 * Raw-deflates a sequence of chunks into one stream. Every piece but the last ends with a sync
 * flush (an empty stored block, byte-aligned, BFINAL=0), so independently compressed pieces
 * concatenate into one valid deflate stream; only the last piece is finished (BFINAL=1).
 */
function deflateChunks(chunks: Iterable<Uint8Array>): { parts: Buffer[]; crc: number; size: number; compressedSize: number } {
  const parts: Buffer[] = [];
  let crc = 0;
  let size = 0;
  let compressedSize = 0;
  let pending: Uint8Array[] = [];
  let pendingLen = 0;
  const emit = (final: boolean): void => {
    const input = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingLen);
    pending = [];
    pendingLen = 0;
    const out = deflateRawSync(input, final ? {} : { finishFlush: constants.Z_SYNC_FLUSH });
    parts.push(out);
    compressedSize += out.length;
  };
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    crc = crc32(chunk, crc);
    size += chunk.length;
    pending.push(chunk);
    pendingLen += chunk.length;
    if (pendingLen >= CHUNK) emit(false);
  }
  emit(true);
  return { parts, crc, size, compressedSize };
}

/** Writes the entries, in the given order, into one ZIP archive. */
export function writeZip(entries: readonly ZipEntry[], options: WriteZipOptions = {}): Buffer {
  if (entries.length > 0xffff) throw new RangeError('writeZip: more than 65535 entries needs ZIP64');
  const { time, date } = dosTime(new Date(options.modified ?? DOS_EPOCH));
  const out: Buffer[] = [];
  const written: Written[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const entry of entries) {
    if (!options.allowDuplicateNames && seen.has(entry.name)) throw new Error(`writeZip: duplicate entry ${entry.name}`);
    seen.add(entry.name);
    const nameBytes = Buffer.from(entry.name, 'utf8');
    if (nameBytes.length > 0xffff) throw new RangeError(`writeZip: name too long: ${entry.name}`);
    const { parts, crc, size, compressedSize } = deflateChunks(ArrayBuffer.isView(entry.data) ? [entry.data] : entry.data);
    // The central directory and headers hold 32-bit sizes and offsets; beyond that needs ZIP64.
    if (size > MAX_U32 || compressedSize > MAX_U32 || offset > MAX_U32) {
      throw new RangeError(`writeZip: ${entry.name} exceeds 4 GiB (ZIP64 not supported)`);
    }
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_SIG, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAG_UTF8, 6);
    header.writeUInt16LE(METHOD_DEFLATE, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(compressedSize, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28); // extra field length
    out.push(header, nameBytes, ...parts);
    written.push({ nameBytes, crc: crc >>> 0, compressedSize, size, offset });
    offset += header.length + nameBytes.length + compressedSize;
  }

  const centralStart = offset;
  for (const w of written) {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(CENTRAL_SIG, 0);
    h.writeUInt16LE(VERSION, 4); // version made by: 2.0, host 0 (MS-DOS: no Unix modes to carry)
    h.writeUInt16LE(VERSION, 6);
    h.writeUInt16LE(FLAG_UTF8, 8);
    h.writeUInt16LE(METHOD_DEFLATE, 10);
    h.writeUInt16LE(time, 12);
    h.writeUInt16LE(date, 14);
    h.writeUInt32LE(w.crc, 16);
    h.writeUInt32LE(w.compressedSize, 20);
    h.writeUInt32LE(w.size, 24);
    h.writeUInt16LE(w.nameBytes.length, 28);
    // extra length, comment length, disk number, internal and external attributes: all zero.
    h.writeUInt32LE(w.offset, 42);
    out.push(h, w.nameBytes);
    offset += h.length + w.nameBytes.length;
  }
  const centralSize = offset - centralStart;
  if (offset > MAX_U32) throw new RangeError('writeZip: archive exceeds 4 GiB (ZIP64 not supported)');

  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_SIG, 0);
  // disk numbers (0, 0) are already zero
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralStart, 16);
  end.writeUInt16LE(0, 20); // comment length
  out.push(end);
  return Buffer.concat(out);
}

/** One file's record in the central directory. */
export interface CentralRecord {
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  nameBytes: Buffer;
  localOffset: number;
}

/**
 * Where the end-of-central-directory record starts, or -1. The record is 22 bytes plus a comment
 * of at most 65535 bytes, so it is looked for backwards from the end; `exact` accepts only a
 * record whose comment reaches exactly to the end of `buf`.
 */
export function findEndRecord(buf: Buffer, exact: boolean): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END_SIG && (!exact || i + 22 + buf.readUInt16LE(i + 20) === buf.length)) return i;
  }
  return -1;
}

/** The central directory's records, in order, as the end record at `end` lists them. */
export function* centralRecords(buf: Buffer, end: number): Generator<CentralRecord> {
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== CENTRAL_SIG) throw new Error(`readZip: bad central header at ${p}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const record: CentralRecord = {
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      nameBytes: buf.subarray(p + 46, p + 46 + nameLen),
      localOffset: buf.readUInt32LE(p + 42),
    };
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    yield record;
  }
}

/** Where an entry's stored bytes start: after its local header, name and extra field. */
export function dataStart(buf: Buffer, localOffset: number): number {
  return localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
}

/** Stored or deflated bytes unpacked; null for any other method. */
export function unpack(raw: Buffer, method: number): Buffer | null {
  if (method === METHOD_STORE) return Buffer.from(raw);
  if (method === METHOD_DEFLATE) return inflateRawSync(raw);
  return null;
}

/**
 * Reads a (non-ZIP64) archive through its central directory, as unzip tools do, and returns every
 * file by name. Checks signatures, sizes and CRC-32 so a test notices any corruption. Handles
 * stored and deflated entries; meant for tests and small archives, not hostile input.
 */
export function readZip(buf: Buffer): Map<string, Buffer> {
  const end = findEndRecord(buf, true);
  if (end < 0) throw new Error('readZip: no end of central directory record');
  const centralSize = buf.readUInt32LE(end + 12);
  if (buf.readUInt32LE(end + 16) + centralSize > end) throw new Error('readZip: central directory out of bounds');

  const files = new Map<string, Buffer>();
  for (const r of centralRecords(buf, end)) {
    const encoding = r.flags & FLAG_UTF8 ? 'utf8' : 'latin1';
    const name = r.nameBytes.toString(encoding);
    if (r.flags & FLAG_ENCRYPTED) throw new Error(`readZip: ${name} is encrypted`);
    if (buf.readUInt32LE(r.localOffset) !== LOCAL_SIG) throw new Error(`readZip: bad local header for ${name}`);
    const localName = buf.toString(encoding, r.localOffset + 30, r.localOffset + 30 + buf.readUInt16LE(r.localOffset + 26));
    if (localName !== name) throw new Error(`readZip: local and central names differ: ${localName} / ${name}`);
    const start = dataStart(buf, r.localOffset);
    if (start + r.compressedSize > buf.length) throw new Error(`readZip: ${name} runs past the end`);
    const data = unpack(buf.subarray(start, start + r.compressedSize), r.method);
    if (data === null) throw new Error(`readZip: ${name} uses unsupported method ${r.method}`);
    if (data.length !== r.size) throw new Error(`readZip: ${name} size ${data.length} != ${r.size}`);
    if (crc32(data) >>> 0 !== r.crc) throw new Error(`readZip: ${name} CRC mismatch`);
    if (files.has(name)) throw new Error(`readZip: duplicate entry ${name}`);
    files.set(name, data);
  }
  return files;
}

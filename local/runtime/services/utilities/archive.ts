/**
 * Zip and gzip for Utilities (fidelity §1.2 rows 53–54): a real PKZIP container (deflate,
 * UTF-8 names) so archives open in any tool, and gzip through Node's zlib.
 */
import { crc32, deflateRawSync, gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import { GasException } from '../../errors';

export interface ArchiveEntry {
  name: string;
  data: Uint8Array;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_NAMES = 0x0800;

/** MS-DOS date and time fields of a wall-clock time (2-second resolution). */
function dosTime(wall: Date): { time: number; date: number } {
  const time = (wall.getUTCHours() << 11) | (wall.getUTCMinutes() << 5) | (wall.getUTCSeconds() >> 1);
  const date = ((Math.max(wall.getUTCFullYear(), 1980) - 1980) << 9) | ((wall.getUTCMonth() + 1) << 5) | wall.getUTCDate();
  return { time, date };
}

/** `wallMs` is the local wall-clock time encoded as if it were UTC (zip has no time zone). */
export function zipEntries(entries: readonly ArchiveEntry[], wallMs: number): Uint8Array {
  const { time, date } = dosTime(new Date(wallMs));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/**
 * The files of a zip, in central-directory order, folders skipped. A blob that is not a zip
 * throws; Apps Script's text for that is not in the reference, so this one is descriptive.
 */
export function unzipEntries(bytes: Uint8Array): ArchiveEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = () => new GasException('Could not unzip the blob: it is not a valid zip archive.');
  let endAt = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END) {
      endAt = i;
      break;
    }
  }
  if (endAt < 0) throw bad();
  const count = buf.readUInt16LE(endAt + 10);
  let p = buf.readUInt32LE(endAt + 16);
  const out: ArchiveEntry[] = [];
  try {
    for (let n = 0; n < count; n++) {
      if (buf.readUInt32LE(p) !== CENTRAL) throw bad();
      const method = buf.readUInt16LE(p + 10);
      const packedSize = buf.readUInt32LE(p + 20);
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      const localAt = buf.readUInt32LE(p + 42);
      const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
      p += 46 + nameLen + extraLen + commentLen;
      if (name.endsWith('/')) continue;
      const dataAt = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
      const packed = buf.subarray(dataAt, dataAt + packedSize);
      const data = method === 0 ? Buffer.from(packed) : method === 8 ? inflateRawSync(packed) : null;
      if (data === null) throw bad();
      out.push({ name, data: new Uint8Array(data) });
    }
  } catch (e) {
    if (e instanceof GasException) throw e;
    throw bad();
  }
  return out;
}

export function gzipBytes(data: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(data));
}

export function gunzipBytes(data: Uint8Array): Uint8Array {
  try {
    return new Uint8Array(gunzipSync(data));
  } catch {
    throw new GasException('Could not ungzip the blob: it is not valid gzip data.');
  }
}

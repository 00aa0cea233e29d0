/**
 * Zip and gzip for Utilities (fidelity §1.2 rows 53–54): a real PKZIP container (deflate,
 * UTF-8 names) so archives open in any tool, and gzip through Node's zlib.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { GasException } from '../../errors';
import { centralRecords, dataStart, findEndRecord, unpack, writeZip } from '../../zip';

export interface ArchiveEntry {
  name: string;
  data: Uint8Array;
}

/** `wallMs` is the local wall-clock time encoded as if it were UTC (zip has no time zone). */
export function zipEntries(entries: readonly ArchiveEntry[], wallMs: number): Uint8Array {
  return new Uint8Array(writeZip(entries, { modified: wallMs, allowDuplicateNames: true }));
}

/**
 * The files of a zip, in central-directory order, folders skipped. A blob that is not a zip
 * throws; Apps Script's text for that is not in the reference, so this one is descriptive.
 * Unlike readZip this checks no more than it needs to find the bytes, and names are UTF-8
 * whatever the flag says, as Java's ZipInputStream reads them.
 */
export function unzipEntries(bytes: Uint8Array): ArchiveEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = () => new GasException('Could not unzip the blob: it is not a valid zip archive.');
  const end = findEndRecord(buf, false);
  if (end < 0) throw bad();
  const out: ArchiveEntry[] = [];
  try {
    for (const r of centralRecords(buf, end)) {
      const name = r.nameBytes.toString('utf8');
      if (name.endsWith('/')) continue;
      const start = dataStart(buf, r.localOffset);
      const data = unpack(buf.subarray(start, start + r.compressedSize), r.method);
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

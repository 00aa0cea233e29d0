/**
 * Blob: bytes with a content type and a name. Pure data held by the script, so every method
 * is local (no backend round trip). Facts from fidelity §1.2 row 55: `newBlob("text")` has name
 * null, type text/plain, isGoogleType() false, and copyBlob() is independent of the original.
 */
import { localMethods, Remote } from '../remote';
import { signatureError, toBytes, toSignedBytes } from './utilities/args';
import { decodeCharset, decodeUtf8, encodeCharset, encodeUtf8 } from './utilities/charset';
import { contentTypeFromName } from './utilities/mime';
import { GasException } from '../errors';

export class Blob extends Remote implements GoogleAppsScript.Base.Blob {
  readonly gasName = 'Blob';
  override readonly localMethods = localMethods(
    'copyBlob', 'getAs', 'getBlob', 'getBytes', 'getContentType', 'getDataAsString', 'getName', 'isGoogleType',
    'setBytes', 'setContentType', 'setContentTypeFromExtension', 'setDataFromString', 'setName', 'getAllBlobs',
  );

  constructor(
    private data: Uint8Array,
    private contentType: string | null,
    private name: string | null,
  ) {
    super();
  }

  copyBlob(): Blob {
    return new Blob(this.data.slice(), this.contentType, this.name);
  }

  /**
   * Only the identity conversion is emulated. Real Apps Script also renders PDFs and images;
   * the message for an unsupported pair follows the one Apps Script gives for those.
   */
  getAs(contentType: string): Blob {
    if (typeof contentType !== 'string') throw signatureError('Blob.getAs', [contentType]);
    if (contentType === this.contentType) return this.copyBlob();
    throw new GasException(`Converting from ${this.contentType ?? 'null'} to ${contentType} is not supported.`);
  }

  getBlob(): Blob {
    return this;
  }

  getBytes(): number[] {
    return toSignedBytes(this.data);
  }

  getContentType(): string | null {
    return this.contentType;
  }

  /** UTF-8 unless a Java charset name is given. */
  getDataAsString(charset?: string): string {
    if (charset === undefined) return decodeUtf8(this.data);
    if (typeof charset !== 'string') throw signatureError('Blob.getDataAsString', [charset]);
    return decodeCharset(this.data, charset);
  }

  getName(): string | null {
    return this.name;
  }

  isGoogleType(): boolean {
    return this.contentType !== null && this.contentType.startsWith('application/vnd.google-apps.');
  }

  setBytes(data: number[]): Blob {
    if (!Array.isArray(data)) throw signatureError('Blob.setBytes', [data]);
    this.data = toBytes(data);
    return this;
  }

  setContentType(contentType: string | null): Blob {
    if (contentType !== null && typeof contentType !== 'string') throw signatureError('Blob.setContentType', [contentType]);
    this.contentType = contentType;
    return this;
  }

  /** The type becomes null when the extension is unknown (the documented behaviour). */
  setContentTypeFromExtension(): Blob {
    this.contentType = contentTypeFromName(this.name);
    return this;
  }

  setDataFromString(string: string, charset?: string): Blob {
    if (typeof string !== 'string' || (charset !== undefined && typeof charset !== 'string')) {
      throw signatureError('Blob.setDataFromString', charset === undefined ? [string] : [string, charset]);
    }
    this.data = charset === undefined ? encodeUtf8(string) : encodeCharset(string, charset);
    return this;
  }

  setName(name: string): Blob {
    if (typeof name !== 'string') throw signatureError('Blob.setName', [name]);
    this.name = name;
    return this;
  }

  /** Deprecated in Apps Script; a plain blob holds only itself. */
  getAllBlobs(): Blob[] {
    return [this];
  }

  /** Host-only: the raw bytes (no copy). */
  _bytes(): Uint8Array {
    return this.data;
  }
}

/** Host-side constructor for other services (UrlFetch responses, Drive files, HtmlOutput). */
export function newBlobFromBytes(bytes: Uint8Array, contentType: string | null = null, name: string | null = null): Blob {
  return new Blob(bytes, contentType, name);
}

/**
 * Resolves a BlobSource argument: a Blob, or any host object with getBlob() (HtmlOutput, a
 * Drive File, an HTTPResponse). Returns null for anything else so callers can throw their own
 * signature error.
 */
export function blobOf(source: unknown): Blob | null {
  if (source instanceof Blob) return source;
  if (source !== null && typeof source === 'object' && typeof (source as { getBlob?: unknown }).getBlob === 'function') {
    const b = (source as { getBlob(): unknown }).getBlob();
    if (b instanceof Blob) return b;
  }
  return null;
}

/**
 * Utilities: encoding, hashing, dates, CSV, archives and blobs. All of it is computation on
 * the Apps Script side, so every method is local (no round trip, no latency), except that
 * sleep advances the execution's simulated clock.
 *
 * Arguments are checked against the Java overloads as Apps Script does (fidelity §1.2 row 47):
 * a wrong count, bytes with a charset, a charset or algorithm that is not the enum, or a string
 * mixed with bytes all throw the signature message; a byte array holding something that is not
 * a byte throws "Cannot convert …".
 */
import { createHash } from 'node:crypto';
import type { ExecutionEnv } from '../env';
import { GasException } from '../errors';
import { gasEnum, localMethods, Remote } from '../remote';
import { createWorld, type World } from '../world';
import { Blob, blobOf } from './blob';
import { formatJavaDate } from './java-date-format';
import { gunzipBytes, gzipBytes, unzipEntries, zipEntries } from './utilities/archive';
import { conversionError, signatureError, toBytes, toJavaInt, toSignedBytes } from './utilities/args';
import { encodeAscii, encodeUtf8 } from './utilities/charset';
import { digest, DIGEST_ALGORITHMS, hmac, MAC_ALGORITHMS, rsaSign, RSA_ALGORITHMS, type DigestName, type MacName, type RsaName } from './utilities/crypto';
import { parseCsv } from './utilities/csv';
import { formatString } from './utilities/format-string';
import { parseJavaDate } from './utilities/java-date-parse';
import { contentTypeFromName } from './utilities/mime';
import { resolveZone } from './utilities/time-zone';

const Charset = gasEnum('US_ASCII', 'UTF_8');
const DigestAlgorithm = gasEnum(...DIGEST_ALGORITHMS);
const MacAlgorithm = gasEnum(...MAC_ALGORITHMS);
const RsaAlgorithm = gasEnum(...RSA_ALGORITHMS);

type CharsetName = keyof typeof Charset;

/** Utilities.sleep's documented maximum; longer requests are cut to it (the reference is silent). */
const MAX_SLEEP_MS = 300_000;

const isCharset = (v: unknown): v is CharsetName => typeof v === 'string' && Object.hasOwn(Charset, v);
const isDigest = (v: unknown): v is DigestName => typeof v === 'string' && Object.hasOwn(DigestAlgorithm, v);
const isMac = (v: unknown): v is MacName => typeof v === 'string' && Object.hasOwn(MacAlgorithm, v);
const isRsa = (v: unknown): v is RsaName => typeof v === 'string' && Object.hasOwn(RsaAlgorithm, v);
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/**
 * Strings become bytes in US-ASCII unless a charset is given: the trap of fidelity §1.2
 * rows 44 and 46 for digests and MACs, and reported live for base64Encode as well
 * (thiscouldbejd/Gabriel#5: non-ASCII text came out as question marks until UTF_8 was passed).
 */
function stringBytes(s: string, charset: CharsetName = 'US_ASCII'): Uint8Array {
  return charset === 'UTF_8' ? encodeUtf8(s) : encodeAscii(s);
}

const STD = /^[A-Za-z0-9+/]*={0,2}$/;
const WEB = /^[A-Za-z0-9_-]*={0,2}$/;

export class Utilities extends Remote implements Pick<
  GoogleAppsScript.Utilities.Utilities,
  | 'base64Decode' | 'base64DecodeWebSafe' | 'base64Encode' | 'base64EncodeWebSafe'
  | 'computeDigest' | 'computeHmacSha256Signature' | 'computeHmacSignature'
  | 'computeRsaSha1Signature' | 'computeRsaSha256Signature' | 'computeRsaSignature'
  | 'formatDate' | 'formatString' | 'getUuid' | 'gzip' | 'ungzip' | 'zip' | 'unzip'
  | 'newBlob' | 'parseCsv' | 'parseDate' | 'sleep'
> {
  readonly gasName = 'Utilities';
  override readonly localMethods = localMethods(
    'base64Decode', 'base64DecodeWebSafe', 'base64Encode', 'base64EncodeWebSafe',
    'computeDigest', 'computeHmacSha256Signature', 'computeHmacSignature',
    'computeRsaSha1Signature', 'computeRsaSha256Signature', 'computeRsaSignature',
    'formatDate', 'formatString', 'getUuid', 'gzip', 'ungzip', 'zip', 'unzip',
    'newBlob', 'parseCsv', 'parseDate', 'sleep',
  );
  override readonly constants = { Charset, DigestAlgorithm, MacAlgorithm, RsaAlgorithm };
  // Pure functions of their arguments; getUuid (the world's sequence), parseDate (the clock),
  // sleep and the blob makers stay with the host.
  override readonly inThread = localMethods(
    'base64Decode', 'base64DecodeWebSafe', 'base64Encode', 'base64EncodeWebSafe',
    'computeDigest', 'computeHmacSha256Signature', 'computeHmacSignature',
    'computeRsaSha1Signature', 'computeRsaSha256Signature', 'computeRsaSignature',
    'formatDate', 'formatString', 'parseCsv',
  );

  // getUuid reads the world's id sequence: a leased thread runs it on a copy of the sequence.
  override readonly leased = localMethods('getUuid');

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
  ) {
    super();
  }

  override _leaseState(): { idCounter: number } {
    return { idCounter: this.world.idCounter() };
  }

  /** The thread's copy: the same sequence, from where the world's is. */
  static _fromLease(env: ExecutionEnv, state: { idCounter: number }): Utilities {
    return new Utilities(env, createWorld(state.idCounter));
  }

  // ---- base64 --------------------------------------------------------------------------

  base64Encode(...args: unknown[]): string {
    return Buffer.from(this.#encodable('Utilities.base64Encode', args)).toString('base64');
  }

  /** URL-safe alphabet; the '=' padding stays, as scripts that strip it by hand show. */
  base64EncodeWebSafe(...args: unknown[]): string {
    const standard = Buffer.from(this.#encodable('Utilities.base64EncodeWebSafe', args)).toString('base64');
    return standard.replace(/\+/g, '-').replace(/\//g, '_');
  }

  /** Accepts the web-safe alphabet too (fidelity §1.2 row 56). */
  base64Decode(...args: unknown[]): number[] {
    return this.#decode('Utilities.base64Decode', args);
  }

  base64DecodeWebSafe(...args: unknown[]): number[] {
    return this.#decode('Utilities.base64DecodeWebSafe', args);
  }

  #encodable(method: string, args: unknown[]): Uint8Array {
    const [data, charset] = args;
    if (args.length === 1 && Array.isArray(data)) return toBytes(data);
    if (args.length === 1 && typeof data === 'string') return stringBytes(data);
    if (args.length === 2 && typeof data === 'string' && isCharset(charset)) return stringBytes(data, charset);
    throw signatureError(method, args);
  }

  /**
   * Standard or web-safe text, padded; line breaks and spaces are ignored. Unpadded input is
   * refused: the reference is silent, and scripts that re-pad JWT segments before decoding
   * suggest Apps Script wants the padding. The message is the one Apps Script gives for
   * undecodable text.
   */
  #decode(method: string, args: unknown[]): number[] {
    const [encoded, charset] = args;
    if (typeof encoded !== 'string' || args.length > 2 || (args.length === 2 && !isCharset(charset))) {
      throw signatureError(method, args);
    }
    const s = encoded.replace(/[\r\n\t ]/g, '');
    if (s.length % 4 !== 0 || !(STD.test(s) || WEB.test(s))) throw new GasException('Could not decode string.');
    return toSignedBytes(new Uint8Array(Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64')));
  }

  // ---- digests and signatures --------------------------------------------------------------

  computeDigest(...args: unknown[]): number[] {
    const [algorithm, value, charset] = args;
    if (!isDigest(algorithm)) throw signatureError('Utilities.computeDigest', args);
    // Bytes are hashed as given, so `newBlob(text).getBytes()` hashes the UTF-8 form (row 46).
    if (args.length === 2 && Array.isArray(value)) return toSignedBytes(digest(algorithm, toBytes(value)));
    if (args.length === 2 && typeof value === 'string') return toSignedBytes(digest(algorithm, stringBytes(value)));
    if (args.length === 3 && typeof value === 'string' && isCharset(charset)) {
      return toSignedBytes(digest(algorithm, stringBytes(value, charset)));
    }
    throw signatureError('Utilities.computeDigest', args);
  }

  computeHmacSha256Signature(...args: unknown[]): number[] {
    const [value, key] = this.#macArgs('Utilities.computeHmacSha256Signature', args);
    return toSignedBytes(hmac('HMAC_SHA_256', value, key));
  }

  computeHmacSignature(...args: unknown[]): number[] {
    const [algorithm, ...rest] = args;
    if (!isMac(algorithm)) throw signatureError('Utilities.computeHmacSignature', args);
    const [value, key] = this.#macArgs('Utilities.computeHmacSignature', rest, args);
    return toSignedBytes(hmac(algorithm, value, key));
  }

  /** (bytes, bytes) or (string, string[, charset]); strings default to US-ASCII (rows 42–44). */
  #macArgs(method: string, args: unknown[], all: unknown[] = args): [Uint8Array, Uint8Array] {
    const [value, key, charset] = args;
    if (args.length === 2 && Array.isArray(value) && Array.isArray(key)) return [toBytes(value), toBytes(key)];
    if (typeof value === 'string' && typeof key === 'string') {
      if (args.length === 2) return [stringBytes(value), stringBytes(key)];
      if (args.length === 3 && isCharset(charset)) return [stringBytes(value, charset), stringBytes(key, charset)];
    }
    throw signatureError(method, all);
  }

  computeRsaSha1Signature(...args: unknown[]): number[] {
    return this.#rsa('Utilities.computeRsaSha1Signature', 'RSA_SHA_1', args, args);
  }

  computeRsaSha256Signature(...args: unknown[]): number[] {
    return this.#rsa('Utilities.computeRsaSha256Signature', 'RSA_SHA_256', args, args);
  }

  computeRsaSignature(...args: unknown[]): number[] {
    const [algorithm, ...rest] = args;
    if (!isRsa(algorithm)) throw signatureError('Utilities.computeRsaSignature', args);
    return this.#rsa('Utilities.computeRsaSignature', algorithm, rest, args);
  }

  /** The value follows the same US-ASCII default as the other string overloads (not in the reference). */
  #rsa(method: string, algorithm: RsaName, args: unknown[], all: unknown[]): number[] {
    const [value, key, charset] = args;
    const ok = typeof value === 'string' && typeof key === 'string' && (args.length === 2 || (args.length === 3 && isCharset(charset)));
    if (!ok) throw signatureError(method, all);
    return toSignedBytes(rsaSign(algorithm, stringBytes(value, isCharset(charset) ? charset : 'US_ASCII'), key));
  }

  // ---- dates and text --------------------------------------------------------------------

  formatDate(...args: unknown[]): string {
    const [date, timeZone, format] = args;
    if (args.length !== 3 || !isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError('Utilities.formatDate', args);
    }
    return formatJavaDate(date.getTime(), timeZone, format);
  }

  parseDate(...args: unknown[]): Date {
    const [date, timeZone, format] = args;
    if (args.length !== 3 || typeof date !== 'string' || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError('Utilities.parseDate', args);
    }
    return parseJavaDate(date, timeZone, format, this.env.now());
  }

  formatString(template: string, ...args: unknown[]): string {
    if (typeof template !== 'string') throw signatureError('Utilities.formatString', [template, ...args]);
    return formatString(template, args);
  }

  parseCsv(...args: unknown[]): string[][] {
    const [csv, delimiter] = args;
    const ok = typeof csv === 'string' && (args.length === 1 || (args.length === 2 && typeof delimiter === 'string' && delimiter.length === 1));
    if (!ok) throw signatureError('Utilities.parseCsv', args);
    return parseCsv(csv, (delimiter as string | undefined) ?? ',');
  }

  /**
   * A v4-shaped UUID derived from the world's id sequence, so a replayed run sees the same
   * ids (Apps Script's are random; nothing can depend on their value).
   */
  getUuid(): string {
    const h = createHash('sha256').update(this.world.nextId('uuid')).digest();
    h[6] = ((h[6] as number) & 0x0f) | 0x40;
    h[8] = ((h[8] as number) & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString('hex');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
  }

  /** Advances the simulated clock; a non-number throws Rhino's "Cannot convert" (row 52). */
  sleep(milliseconds: number): void {
    const ms = toJavaInt(milliseconds);
    this.env.sleep(Math.min(Math.max(ms, 0), MAX_SLEEP_MS));
  }

  // ---- blobs and archives -------------------------------------------------------------------

  /**
   * Text is stored as UTF-8 with type text/plain (row 55); bytes get type null. A null or
   * missing type means the default (the wire turns undefined into null, so they cannot differ).
   */
  newBlob(...args: unknown[]): Blob {
    const [data, contentType, name] = args;
    const typeOk = contentType === undefined || contentType === null || typeof contentType === 'string';
    const nameOk = name === undefined || name === null || typeof name === 'string';
    if (args.length < 1 || args.length > 3 || !typeOk || !nameOk) throw signatureError('Utilities.newBlob', args);
    const type = (contentType as string | null | undefined) ?? null;
    const n = (name as string | null | undefined) ?? null;
    if (typeof data === 'string') return new Blob(encodeUtf8(data), type ?? 'text/plain', n);
    if (Array.isArray(data)) return new Blob(toBytes(data), type, n);
    throw signatureError('Utilities.newBlob', args);
  }

  /** Named archive.zip unless named (row 53); type application/zip. */
  zip(...args: unknown[]): Blob {
    const [blobs, name] = args;
    if (!Array.isArray(blobs) || args.length > 2 || (args.length === 2 && typeof name !== 'string')) {
      throw signatureError('Utilities.zip', args);
    }
    const entries = blobs.map((b, i) => {
      const blob = blobOf(b);
      if (!blob) throw conversionError(b, 'BlobSource');
      // A nameless blob would make a nameless entry; Apps Script's choice is not recorded.
      return { name: blob.getName() ?? `untitled${i === 0 ? '' : i}`, data: blob._bytes() };
    });
    const wall = this.env.now() + resolveZone(this.env.scriptTimeZone).offsetAt(this.env.now());
    return new Blob(zipEntries(entries, wall), 'application/zip', (name as string | undefined) ?? 'archive.zip');
  }

  /** Names are kept and types are guessed from them (row 53). */
  unzip(...args: unknown[]): Blob[] {
    const blob = args.length === 1 ? blobOf(args[0]) : null;
    if (!blob) throw signatureError('Utilities.unzip', args);
    return unzipEntries(blob._bytes()).map((e) => new Blob(e.data, contentTypeFromName(e.name), e.name));
  }

  /** Named archive.gz unless named; type application/x-gzip (row 54). */
  gzip(...args: unknown[]): Blob {
    const [source, name] = args;
    const blob = blobOf(source);
    if (!blob || args.length > 2 || (args.length === 2 && typeof name !== 'string')) throw signatureError('Utilities.gzip', args);
    return new Blob(gzipBytes(blob._bytes()), 'application/x-gzip', (name as string | undefined) ?? 'archive.gz');
  }

  /** The name loses its .gz and the type is null (row 54). */
  ungzip(...args: unknown[]): Blob {
    const blob = args.length === 1 ? blobOf(args[0]) : null;
    if (!blob) throw signatureError('Utilities.ungzip', args);
    const gzName = blob.getName();
    const name = gzName === null ? null : gzName.replace(/\.gz$/i, '');
    return new Blob(gunzipBytes(blob._bytes()), null, name);
  }
}

export function createUtilities(env: ExecutionEnv, world: World): Utilities {
  return new Utilities(env, world);
}

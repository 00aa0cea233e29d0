/**
 * Argument checks shared by the facades in this folder's services: Apps Script resolves a call
 * against the Java overloads of the method and, when none fits, throws the signature message
 * (fidelity §1.4 row 18); values that fit an overload are then converted the Rhino way, where a
 * value that cannot become the Java type throws "Cannot convert …" (§1.2 row 47).
 */
import { GasException, gasMessages, signatureTypes } from '../../errors';

/** `The parameters (…) don't match the method signature for Utilities.computeDigest.` */
export function signatureError(method: string, args: readonly unknown[]): GasException {
  return new GasException(gasMessages.signature(signatureTypes(args), method));
}

/**
 * Rhino's conversion message, e.g. `Cannot convert 12woah to byte.` The trailing period follows
 * the other Apps Script messages; the tests in the reference only match /Cannot convert/.
 */
export function conversionError(value: unknown, javaType: string): GasException {
  return new GasException(`Cannot convert ${String(value)} to ${javaType}.`);
}

/**
 * Converts a script number array to bytes as Rhino converts a JS value to a Java `byte`:
 * the number (strings go through Number()) is truncated toward zero and must lie in
 * −128..127; NaN, infinities and anything outside the range throw "Cannot convert".
 */
export function toBytes(arr: readonly unknown[]): Uint8Array {
  const out = new Uint8Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    const n = typeof v === 'number' ? v : typeof v === 'string' || typeof v === 'boolean' ? Number(v) : NaN;
    const t = Math.trunc(n);
    if (!Number.isFinite(n) || t < -128 || t > 127) throw conversionError(v, 'byte');
    out[i] = t & 0xff;
  }
  return out;
}

/** Java bytes are signed: what a script sees from getBytes(), digests and signatures. */
export function toSignedBytes(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}

export function isByteArray(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

/** Rhino converts a JS number to a Java int by truncation; anything else cannot convert. */
export function toJavaInt(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw conversionError(typeof v === 'string' ? `"${v}"` : v, 'int');
  return Math.trunc(v);
}

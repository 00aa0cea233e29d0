/**
 * CEA HMAC as B1 documents it: `Authorization: CEA algorithm=HmacSHA256, access-key=…,
 * signed-date=yyMMddTHHmmssZ, signature=…`, the signature lower-case hex of
 * HMAC-SHA256(secret, signedDate + METHOD + path + query), query as sent without `?`, body
 * unsigned. Optional whitespace after the commas (both Coupang samples).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface CeaHeader {
  readonly accessKey: string;
  readonly signedDate: string;
  readonly signature: string;
}

const HEADER = /^CEA\s+algorithm=HmacSHA256\s*,\s*access-key=([^,\s]+)\s*,\s*signed-date=(\d{6}T\d{6}Z)\s*,\s*signature=([0-9a-fA-F]+)\s*$/;

export function parseCea(header: string | undefined): CeaHeader | null {
  const m = HEADER.exec(header ?? '');
  return m ? { accessKey: m[1]!, signedDate: m[2]!, signature: m[3]! } : null;
}

/** `yyMMddTHHmmssZ` (UTC) → epoch ms; NaN when it is no real time. */
export function parseSignedDate(text: string): number {
  const m = /^(\d{2})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return NaN;
  const iso = `20${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
  const t = Date.parse(iso);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 19) === iso.slice(0, 19) ? t : NaN;
}

export function signature(secretKey: string, signedDate: string, method: string, path: string, query: string): string {
  return createHmac('sha256', secretKey).update(signedDate + method.toUpperCase() + path + query, 'utf8').digest('hex');
}

export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The header a client would send (tests and the control CLI). */
export function ceaHeader(accessKey: string, secretKey: string, method: string, path: string, query: string, now: number): string {
  const d = new Date(now).toISOString();
  const signedDate = `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}T${d.slice(11, 13)}${d.slice(14, 16)}${d.slice(17, 19)}Z`;
  return `CEA algorithm=HmacSHA256, access-key=${accessKey}, signed-date=${signedDate}, signature=${signature(secretKey, signedDate, method, path, query)}`;
}

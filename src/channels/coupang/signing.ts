/**
 * Coupang's CEA HMAC, per request (reference B1): `signed-date` is the UTC time as
 * `yyMMddTHHmmssZ`; the message is signed-date + METHOD + path + query (the raw query as sent,
 * without `?`; the body is not signed); the signature is lower-case hex HMAC-SHA256 under the
 * secret key. A fresh signature for every send: an old one is "Specified signature is expired."
 */
import type { HttpMethod, HttpRequest } from '../../core/http';

export const WING_HOST = 'https://api-gateway.coupang.com';

export function signedDate(now: number): string {
  const d = new Date(now).toISOString();
  return `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}T${d.slice(11, 13)}${d.slice(14, 16)}${d.slice(17, 19)}Z`;
}

export interface Signer {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly hmacSha256Hex: (key: string, message: string) => string;
}

export function authorization(s: Signer, method: HttpMethod, path: string, query: string, now: number): string {
  const date = signedDate(now);
  const sig = s.hmacSha256Hex(s.secretKey, `${date}${method.toUpperCase()}${path}${query}`);
  return `CEA algorithm=HmacSHA256, access-key=${s.accessKey}, signed-date=${date}, signature=${sig}`;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

/** A signed request to Wing's host; `query` without `?`, already encoded as it will be sent. */
export function signedRequest(s: Signer, method: HttpMethod, path: string, query: string, now: number, body?: unknown): HttpRequest {
  return {
    method,
    url: `${WING_HOST}${path}${query ? `?${query}` : ''}`,
    headers: { Authorization: authorization(s, method, path, query, now), 'Content-Type': JSON_TYPE },
    ...(body === undefined ? {} : { payload: JSON.stringify(body), contentType: JSON_TYPE }),
  };
}

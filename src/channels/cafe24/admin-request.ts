/**
 * The shape every Admin API request shares (reference §1): the mall's host, the Bearer token,
 * JSON content type (the docs send it on every call, GET included; a missing one is a 400 on
 * writes), the pinned version header, `shop_no` on reads, and the `request` / `requests`
 * envelopes on writes.
 */
import type { HttpRequest } from '../../core/http';
import { queryString } from '../../core/http';
import type { Cafe24Connection } from './connection';
import { adminBaseUrl } from './connection';

/** A connection and the access token to use with it. */
export interface Cafe24Session {
  readonly connection: Cafe24Connection;
  readonly accessToken: string;
}

export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

const JSON_TYPE = 'application/json';

function headers(s: Cafe24Session): Record<string, string> {
  return {
    Authorization: `Bearer ${s.accessToken}`,
    'Content-Type': JSON_TYPE,
    'X-Cafe24-Api-Version': s.connection.apiVersion,
  };
}

/** Path segments from data (ids, codes) are percent-encoded: un-encoded characters are a 400. */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}

/** Comma list (reference §1: several values in one filter), or undefined when empty. */
export function commaList(values: readonly (string | number)[] | undefined): string | undefined {
  return values === undefined || values.length === 0 ? undefined : values.join(',');
}

export function adminGet(s: Cafe24Session, path: string, query: Query = {}): HttpRequest {
  return {
    method: 'get',
    url: `${adminBaseUrl(s.connection.mallId)}${path}${queryString({ shop_no: s.connection.shopNo, ...query })}`,
    headers: headers(s),
  };
}

function adminWrite(s: Cafe24Session, method: 'post' | 'put', path: string, body: unknown): HttpRequest {
  return {
    method,
    url: `${adminBaseUrl(s.connection.mallId)}${path}`,
    headers: headers(s),
    payload: JSON.stringify(body),
    contentType: JSON_TYPE,
  };
}

/** Single-object endpoints: `{"shop_no": n, "request": {…}}`. */
export function adminSingle(s: Cafe24Session, method: 'post' | 'put', path: string, request: object): HttpRequest {
  return adminWrite(s, method, path, { shop_no: s.connection.shopNo, request });
}

/** Bulk endpoints: `{"shop_no": n, "requests": […]}`. */
export function adminBulk(s: Cafe24Session, method: 'post' | 'put', path: string, requests: readonly object[]): HttpRequest {
  return adminWrite(s, method, path, { shop_no: s.connection.shopNo, requests });
}

/** Drops undefined values so a body carries only what the caller set. */
export function defined<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export const tf = (b: boolean | undefined): 'T' | 'F' | undefined => (b === undefined ? undefined : b ? 'T' : 'F');

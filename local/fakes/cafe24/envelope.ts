/**
 * Request body envelopes (reference §1): `{"shop_no":1,"request":{…}}` for single-object
 * endpoints and `{"shop_no":1,"requests":[…]}` for bulk ones, with the per-call object caps of
 * §3 ("1회당 요청건수 제한"). Bad envelopes and bad fields answer 422, the status Cafe24 lists
 * for "missing required param or value outside spec".
 *
 * Bulk answers: all objects succeed → the endpoint's success status; some fail → 207 with each
 * object's result in place (a failed one as `{…its keys, "error":{code,message}}`); all fail →
 * the first failure's status and error body. The 207 layout is our choice: the reference only
 * has an illustrative sample (open question 8).
 */
import type { z } from 'zod';
import { ApiError } from './errors';
import type { Json } from './model';

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkShopNo(body: Json): void {
  if (body.shop_no !== undefined && body.shop_no !== 1) {
    // The fake models one shop per mall (multi-shops are out of scope).
    throw new ApiError(422, '[Shop_no] The shop does not exist. (parameter.shop_no)');
  }
}

export function fieldError(issues: z.core.$ZodIssue[], prefix: string): ApiError {
  const first = issues[0]!;
  const path = [prefix, ...first.path.map(String)].filter((s) => s !== '').join('.');
  const name = String(first.path[first.path.length - 1] ?? prefix);
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  return new ApiError(422, `[${label}] ${first.message} (parameter.${path})`);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw fieldError(r.error.issues, prefix);
  return r.data;
}

/** The `request` object of a single-object endpoint (cap 1). */
export function single<S extends z.ZodType>(body: unknown, schema: S): z.output<S> {
  if (!isObject(body)) throw new ApiError(422, '[Request] is required. (parameter.request)');
  checkShopNo(body);
  if (Array.isArray(body.requests)) {
    throw new ApiError(422, '[Requests] This API accepts 1 object per request; send it as "request". (parameter.requests)');
  }
  if (!isObject(body.request)) throw new ApiError(422, '[Request] is required. (parameter.request)');
  return parseWith(schema, body.request, '');
}

/**
 * The `requests` array of a bulk endpoint, capped. Objects are validated one by one by the
 * caller so one bad object does not sink the others. A lone `request` object is refused like a
 * missing `requests` (the reference documents only the list; strict `bulkLoneRequest`), or
 * read as a list of one with 'accept'.
 */
export function bulk(body: unknown, cap: number, loneRequest: 'refuse' | 'accept'): unknown[] {
  if (!isObject(body)) throw new ApiError(422, '[Requests] is required. (parameter.requests)');
  checkShopNo(body);
  if (!Array.isArray(body.requests) && isObject(body.request) && loneRequest === 'refuse') {
    throw new ApiError(422, '[Requests] is required: this API takes a "requests" list, not a single "request". (parameter.requests)');
  }
  const list = Array.isArray(body.requests) ? body.requests : isObject(body.request) ? [body.request] : null;
  if (list === null || list.length === 0) throw new ApiError(422, '[Requests] is required. (parameter.requests)');
  if (list.length > cap) {
    throw new ApiError(422, `[Requests] You can send up to ${cap} objects per request. (parameter.requests)`);
  }
  return list;
}

export type BulkOutcome = { ok: true; value: Json } | { ok: false; error: ApiError; ref: Json };

export function runEach(items: unknown[], refKeys: string[], fn: (item: unknown, index: number) => Json): BulkOutcome[] {
  return items.map((item, index) => {
    try {
      return { ok: true, value: fn(item, index) };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const ref: Json = {};
      if (isObject(item)) for (const k of refKeys) if (k in item) ref[k] = item[k];
      return { ok: false, error: e, ref };
    }
  });
}

export function bulkAnswer(key: string, outcomes: BulkOutcome[], successStatus: number): { status: number; body: unknown } {
  const failed = outcomes.filter((o): o is Extract<BulkOutcome, { ok: false }> => !o.ok);
  if (failed.length === 0) return { status: successStatus, body: { [key]: outcomes.map((o) => (o as { value: Json }).value) } };
  if (failed.length === outcomes.length) {
    const e = failed[0]!.error;
    return { status: e.status, body: { error: { code: e.status, message: e.message } } };
  }
  return {
    status: 207,
    body: {
      [key]: outcomes.map((o) => (o.ok ? o.value : { ...o.ref, error: { code: o.error.status, message: o.error.message } })),
    },
  };
}

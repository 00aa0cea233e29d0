/**
 * Query-string conventions shared by the list endpoints (reference §1 "Query conventions",
 * §3 "Paging caps"): comma lists, T/F flags, limit/offset caps, date windows, `fields`,
 * `embed`, and the `links` block. Violations are 422 with Cafe24's `[Name] … (parameter.name)`
 * message style. Pure.
 */
import { paramError } from './errors';
import { addKstMonths, DAY_MS, isDateOnly, parseCafe24Date } from './time';

export interface PageCaps {
  defaultLimit: number;
  maxLimit: number;
  maxOffset: number;
}

/** Per-endpoint caps from the reference's table. Products' default limit is not documented;
 * 10 like the other lists. Carriers are not paged. */
export const CAPS = {
  orders: { defaultLimit: 10, maxLimit: 1000, maxOffset: 15000 },
  products: { defaultLimit: 10, maxLimit: 100, maxOffset: 5000 },
  unpaidorders: { defaultLimit: 10, maxLimit: 500, maxOffset: 15000 },
  refunds: { defaultLimit: 10, maxLimit: 500, maxOffset: 15000 },
  suppliers: { defaultLimit: 10, maxLimit: 100, maxOffset: 8000 },
} as const satisfies Record<string, PageCaps>;

export function intParam(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw paramError(name, 'should be an integer.');
  return Number(raw);
}

export function numberParam(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw paramError(name, 'should be a number.');
  return n;
}

export function paging(q: URLSearchParams, caps: PageCaps): { limit: number; offset: number } {
  const limit = intParam(q, 'limit') ?? caps.defaultLimit;
  if (limit < 1 || limit > caps.maxLimit) throw paramError('limit', `should be between 1 and ${caps.maxLimit}.`);
  const offset = intParam(q, 'offset') ?? 0;
  if (offset < 0 || offset > caps.maxOffset) throw paramError('offset', `should be between 0 and ${caps.maxOffset}.`);
  return { limit, offset };
}

/** `a,b,c` → ['a','b','c']; absent → undefined. */
export function listParam(q: URLSearchParams, name: string): string[] | undefined {
  const raw = q.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function intListParam(q: URLSearchParams, name: string): number[] | undefined {
  const list = listParam(q, name);
  if (!list) return undefined;
  return list.map((s) => {
    if (!/^\d+$/.test(s)) throw paramError(name, 'should be a comma-separated list of integers.');
    return Number(s);
  });
}

export function enumParam<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw paramError(name, `should be one of ${allowed.join(', ')}.`);
  return raw as T;
}

export function enumListParam<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[]): T[] | undefined {
  const list = listParam(q, name);
  if (!list) return undefined;
  for (const v of list) {
    if (!(allowed as readonly string[]).includes(v)) throw paramError(name, `has an invalid value (${v}).`);
  }
  return list as T[];
}

/**
 * How a comma list is read in a filter the reference does not document as multi-valued
 * (strict option `undocumentedCommaList`): refused with 422 as a value outside the filter's
 * list, cut to its first value, or read as a list like the documented ones.
 */
export type UndocumentedListReading = 'reject' | 'first' | 'accept';

export function undocumentedListParam<T extends string>(
  q: URLSearchParams,
  name: string,
  reading: UndocumentedListReading,
  allowed?: readonly T[],
): T[] | undefined {
  const list = listParam(q, name);
  if (!list) return undefined;
  if (list.length > 1 && reading === 'reject') throw paramError(name, `has an invalid value (${q.get(name)}).`);
  const read = reading === 'first' ? list.slice(0, 1) : list;
  if (allowed) for (const v of read) if (!(allowed as readonly string[]).includes(v)) throw paramError(name, `has an invalid value (${v}).`);
  return read as T[];
}

export function flagParam(q: URLSearchParams, name: string): 'T' | 'F' | undefined {
  return enumParam(q, name, ['T', 'F'] as const);
}

/** A single date bound. A bare date means the whole KST day (start, or end inclusive). */
export function dateParam(q: URLSearchParams, name: string, edge: 'start' | 'end'): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  const t = parseCafe24Date(raw);
  if (t === null) throw paramError(name, 'should be a date (YYYY-MM-DD) or date-time.');
  return edge === 'end' && isDateOnly(raw) ? t + DAY_MS - 1 : t;
}

export interface DateWindow {
  start: number;
  end: number;
}

/**
 * `start_date`/`end_date` used together, the span not beyond `maxMonths` calendar months.
 * Open question 6: time components are accepted as well as bare dates; a bare end date is
 * inclusive (the whole day). "3 months" is read as: end (inclusive) before start + 3 months,
 * so 2024-01-01..2024-03-31 passes and 2024-01-01..2024-04-01 is refused.
 */
export function dateWindow(
  q: URLSearchParams,
  opts: { required: boolean; maxMonths: number | null; startName?: string; endName?: string },
): DateWindow | undefined {
  const sName = opts.startName ?? 'start_date';
  const eName = opts.endName ?? 'end_date';
  const start = dateParam(q, sName, 'start');
  const end = dateParam(q, eName, 'end');
  if (start === undefined && end === undefined) {
    if (opts.required) throw paramError(sName, `and ${eName} are required.`);
    return undefined;
  }
  if (start === undefined) throw paramError(sName, `must be used together with ${eName}.`);
  if (end === undefined) throw paramError(eName, `must be used together with ${sName}.`);
  if (end < start) throw paramError(eName, `should not be earlier than ${sName}.`);
  if (opts.maxMonths !== null && end >= addKstMonths(start, opts.maxMonths)) {
    throw paramError(eName, `The search period cannot exceed ${opts.maxMonths} months.`);
  }
  return { start, end };
}

/** `fields=a,b`: keep only those keys (unknown names are ignored). */
export function pickFields<T extends Record<string, unknown>>(obj: T, fields: string[] | undefined): Record<string, unknown> {
  if (!fields) return obj;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in obj) out[f] = obj[f];
  return out;
}

export function embedSet(q: URLSearchParams): Set<string> {
  return new Set(listParam(q, 'embed') ?? []);
}

/**
 * `links: [{rel:"next", href}]` when more results exist (reference §1, §11). The href keeps the
 * caller's query and moves the offset, on the mall's public host.
 */
export function pageLinks(
  mallId: string,
  path: string,
  q: URLSearchParams,
  page: { limit: number; offset: number },
  total: number,
  maxOffset: number,
): Array<{ rel: string; href: string }> | undefined {
  const nextOffset = page.offset + page.limit;
  if (nextOffset >= total || nextOffset > maxOffset) return undefined;
  const next = new URLSearchParams(q);
  next.set('limit', String(page.limit));
  next.set('offset', String(nextOffset));
  return [{ rel: 'next', href: `https://${mallId}.cafe24api.com${path}?${next.toString()}` }];
}

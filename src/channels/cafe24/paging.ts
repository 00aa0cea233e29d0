/**
 * Paging caps (reference §3) and the planners that stay inside them.
 *
 * Orders: a search window must be under 3 months and `offset` stops at 15,000, with no cursor.
 * `orderWindows` cuts a span into Seoul-day windows of at most 89 days (the shortest 3 calendar
 * months, Feb–Apr, have 89 days, so this is under 3 months from any start, and under 90 days
 * should Cafe24 count days). `OrderScan` pages through the windows; when the next page would
 * pass the offset cap it halves the current window and starts the halves over (orders already
 * read come again; lines are keyed by item id), which works whatever order Cafe24 sorts in.
 *
 * Products: `since_product_no` (keyset by product number) instead of offsets, so the 5,000
 * offset cap never applies.
 */
import type { SeoulDay } from '../../core/seoul-time';
import { addSeoulDays, seoulDayOf, seoulDaysBetween } from '../../core/seoul-time';

export const CAPS = {
  orders: { maxLimit: 1000, maxOffset: 15000 },
  products: { maxLimit: 100, maxOffset: 5000 },
  refunds: { maxLimit: 500, maxOffset: 15000 },
  suppliers: { maxLimit: 100, maxOffset: 8000 },
} as const;

/** Objects per call on bulk writes (reference §3 "1회당 요청건수 제한"). */
export const BULK_CAPS = {
  variants: 100,
  shipments: 100,
  /** Not in the reference's table; 100 like the documented bulk writes (the local fake agrees). */
  orders: 100,
  claimRequests: 100,
} as const;

export type PageCapName = keyof typeof CAPS;

/** Refuses a limit/offset Cafe24 would answer with 422, before the call is spent. */
export function checkPage(name: PageCapName, limit: number, offset: number): void {
  const caps = CAPS[name];
  if (!Number.isInteger(limit) || limit < 1 || limit > caps.maxLimit) {
    throw new RangeError(`${name}: limit must be 1-${caps.maxLimit}, got ${limit}`);
  }
  if (!Number.isInteger(offset) || offset < 0 || offset > caps.maxOffset) {
    throw new RangeError(`${name}: offset must be 0-${caps.maxOffset}, got ${offset}`);
  }
}

/** Seoul days from `startDate` to `endDate`, both included. */
export interface DayWindow {
  readonly startDate: SeoulDay;
  readonly endDate: SeoulDay;
}

export const ORDER_WINDOW_MAX_DAYS = 89;

/**
 * Contiguous windows covering the Seoul days of `from`..`to` (epoch ms), each at most
 * `maxDays` days: no gap, no overlap, the first starting on from's day, the last ending on to's.
 */
export function orderWindows(from: number, to: number, maxDays: number = ORDER_WINDOW_MAX_DAYS): DayWindow[] {
  if (!(to >= from)) throw new RangeError(`orderWindows: to (${to}) is before from (${from})`);
  if (!Number.isInteger(maxDays) || maxDays < 1 || maxDays > ORDER_WINDOW_MAX_DAYS) {
    throw new RangeError(`orderWindows: maxDays must be 1-${ORDER_WINDOW_MAX_DAYS}, got ${maxDays}`);
  }
  const last = seoulDayOf(to);
  const out: DayWindow[] = [];
  for (let start = seoulDayOf(from); seoulDaysBetween(start, last) >= 0; start = addSeoulDays(start, maxDays)) {
    const end = addSeoulDays(start, maxDays - 1);
    out.push({ startDate: start, endDate: seoulDaysBetween(end, last) < 0 ? last : end });
  }
  return out;
}

/** Days in a window. */
export function windowDays(w: DayWindow): number {
  return seoulDaysBetween(w.startDate, w.endDate) + 1;
}

/** Two halves of a window of two days or more. */
export function splitWindow(w: DayWindow): [DayWindow, DayWindow] {
  const days = windowDays(w);
  if (days < 2) throw new RangeError(`cannot split the one-day window ${w.startDate}`);
  const firstEnd = addSeoulDays(w.startDate, Math.floor(days / 2) - 1);
  return [
    { startDate: w.startDate, endDate: firstEnd },
    { startDate: addSeoulDays(firstEnd, 1), endDate: w.endDate },
  ];
}

/** Where an order search stands: the windows still to read (the first one current) and the offset in it. */
export interface OrderScan {
  readonly windows: readonly DayWindow[];
  readonly offset: number;
  readonly limit: number;
}

export interface OrderPage {
  readonly window: DayWindow;
  readonly offset: number;
  readonly limit: number;
}

export const DEFAULT_ORDER_PAGE = 500;

export function startOrderScan(from: number, to: number, limit: number = DEFAULT_ORDER_PAGE): OrderScan {
  checkPage('orders', limit, 0);
  return { windows: orderWindows(from, to), offset: 0, limit };
}

/** The page to request next, or null when the scan is done. */
export function nextOrderPage(scan: OrderScan): OrderPage | null {
  const window = scan.windows[0];
  return window === undefined ? null : { window, offset: scan.offset, limit: scan.limit };
}

/**
 * The scan after a page of `received` orders. A short page ends its window. A full page moves
 * the offset on, unless that would pass the cap: then the window is halved and read again from
 * offset 0. A single day holding more than offset cap + limit orders cannot be paged by date
 * and throws.
 */
export function advanceOrderScan(scan: OrderScan, received: number): OrderScan {
  const [current, ...rest] = scan.windows;
  if (current === undefined) return scan;
  if (received < scan.limit) return { ...scan, windows: rest, offset: 0 };
  const next = scan.offset + scan.limit;
  if (next <= CAPS.orders.maxOffset) return { ...scan, offset: next };
  if (windowDays(current) < 2) {
    throw new RangeError(
      `orders on ${current.startDate} exceed ${CAPS.orders.maxOffset + scan.limit}: the offset cap cannot page further`,
    );
  }
  return { ...scan, windows: [...splitWindow(current), ...rest], offset: 0 };
}

/** Products by `since_product_no`: the last product number seen; done after a short page. */
export interface ProductScan {
  readonly sinceProductNo: number;
  readonly limit: number;
  readonly done: boolean;
}

export function startProductScan(limit: number = CAPS.products.maxLimit): ProductScan {
  checkPage('products', limit, 0);
  return { sinceProductNo: 0, limit, done: false };
}

export function advanceProductScan(scan: ProductScan, productNos: readonly number[]): ProductScan {
  const last = productNos.reduce((m, n) => Math.max(m, n), scan.sinceProductNo);
  return { ...scan, sinceProductNo: last, done: productNos.length < scan.limit };
}

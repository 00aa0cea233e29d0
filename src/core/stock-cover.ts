/**
 * Stock cover (seed 003: "watch each product's usual pace and order before it runs out"): how
 * many days the available units last at the last 14 days' pace, and the reorder point a lead
 * time gives.
 *
 *   pace          = units sold in the last 14 days ÷ 14                 (units a day)
 *   days of cover = ⌊available ÷ pace⌋                                  (none when nothing sold)
 *   reorder point = ⌈pace × lead time⌉                                  (units)
 *   reorder       = available ≤ reorder point, unless the product is discontinued
 *
 * `available` is what the malls may be offered (warehouse − safety − reserved, src/core/stock.ts):
 * the safety stock stays the cushion, and units already promised to collected orders are gone.
 * Integer arithmetic throughout (the pace is never rounded before use).
 */
import type { OrderLineStatus } from './order';

export const COVER_WINDOW_DAYS = 14;
export const DEFAULT_LEAD_TIME_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * Whether a line's units count as sold for the pace. A Record over every status, so a new
 * status cannot be added without deciding.
 */
const SOLD: Readonly<Record<OrderLineStatus, boolean>> = {
  paid: true,
  preparing: true,
  standby: true,
  shipping: true,
  delivered: true,
  // Asked, not done: the units are still promised.
  cancelRequested: true,
  // The customer keeps an item (the replacement): demand all the same.
  exchangeRequested: true,
  exchanged: true,
  // Coming back, or back: the sale did not hold.
  returnRequested: false,
  returned: false,
  cancelled: false,
  refunded: false,
};

/** A line of the orders tab, as much of it as the pace needs. */
export interface SoldLine {
  readonly sku: string;
  readonly quantity: number;
  readonly status: OrderLineStatus;
  /** When it was paid (ms); a line without a time is left out. */
  readonly paidAt: number | null;
}

export interface CoverInput {
  readonly sku: string;
  /** Units the malls may be offered now. */
  readonly available: number;
  /** Days from ordering stock to having it on the shelf; null for the default. */
  readonly leadTimeDays: number | null;
  /** A discontinued product is not reordered. */
  readonly discontinued: boolean;
}

export interface StockCover {
  readonly sku: string;
  readonly available: number;
  /** Units sold in the window. */
  readonly soldUnits: number;
  /** ⌊available ÷ pace⌋; null when nothing sold in the window (no pace to measure by). */
  readonly daysLeft: number | null;
  readonly leadTimeDays: number;
  /** ⌈pace × lead time⌉ units. */
  readonly reorderPoint: number;
  /** At or below the reorder point (and not discontinued). */
  readonly reorder: boolean;
}

/** Units sold per SKU in the COVER_WINDOW_DAYS before `now` (paid in (now − 14 d, now]). */
export function unitsSold(lines: readonly SoldLine[], now: number): Map<string, number> {
  const from = now - COVER_WINDOW_DAYS * DAY_MS;
  const sold = new Map<string, number>();
  for (const l of lines) {
    if (!l.sku || l.paidAt === null || l.paidAt <= from || l.paidAt > now || !SOLD[l.status]) continue;
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) continue;
    sold.set(l.sku, (sold.get(l.sku) ?? 0) + l.quantity);
  }
  return sold;
}

export function stockCover(products: readonly CoverInput[], lines: readonly SoldLine[], now: number): StockCover[] {
  const sold = unitsSold(lines, now);
  return products.map((p) => {
    const soldUnits = sold.get(p.sku) ?? 0;
    const leadTimeDays = p.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS;
    const available = Math.max(0, p.available);
    // available ÷ (sold / 14) and (sold / 14) × lead, without rounding the pace first.
    const daysLeft = soldUnits > 0 ? Math.floor((available * COVER_WINDOW_DAYS) / soldUnits) : null;
    const reorderPoint = Math.ceil((soldUnits * leadTimeDays) / COVER_WINDOW_DAYS);
    return { sku: p.sku, available, soldUnits, daysLeft, leadTimeDays, reorderPoint, reorder: !p.discontinued && available <= reorderPoint };
  });
}

/** How many SKUs are at or below their reorder point: the count 오늘 할 일 shows. */
export function countAtReorderPoint(covers: readonly Pick<StockCover, 'reorder'>[]): number {
  return covers.filter((c) => c.reorder).length;
}

import type { OrderLine } from '../core/order';

/**
 * What the orders tab was last given, per line, kept between runs (CacheService) so that a
 * minute which reads back the same orders costs no Sheets call at all. A line whose fingerprint
 * matches is already in the tab as it is; anything else goes to the tab (and an entry lost to
 * cache eviction only costs one read of the tab, never a missed line).
 */
export type RecentOrders = Record<string, [fingerprint: string, at: number]>;

export const RECENT_ORDERS_KEY = 'orders.recent';
/** Order reads cover today (and yesterday around midnight): older entries are not needed. */
const KEEP_MS = 26 * 3_600_000;
/** CacheService holds 100 KB a value; stay well under it. */
const MAX_ENTRIES = 1_200;

export function fingerprint(l: OrderLine): string {
  return [l.rawStatus, l.quantity, l.amount, l.trackingNo ?? '', l.carrier?.code ?? '', l.shippedAt ?? '', l.receiverName, l.receiverPhone, l.receiverAddress1, l.receiverAddress2, l.message, l.productName, l.optionText].join('\u001f');
}

const keyOf = (l: OrderLine) => `${l.partnerId}|${l.itemId}`;

/** The lines the tab does not have as they are now. */
export function changedLines(lines: readonly OrderLine[], recent: RecentOrders): OrderLine[] {
  return lines.filter((l) => recent[keyOf(l)]?.[0] !== fingerprint(l));
}

/** The record after `written` reached the tab at `now`: newest kept, old and excess dropped. */
export function remember(recent: RecentOrders, written: readonly OrderLine[], now: number): RecentOrders {
  const next: RecentOrders = {};
  for (const [k, v] of Object.entries(recent)) if (now - v[1] < KEEP_MS) next[k] = v;
  for (const l of written) next[keyOf(l)] = [fingerprint(l), now];
  const entries = Object.entries(next);
  if (entries.length <= MAX_ENTRIES) return next;
  entries.sort((a, b) => b[1][1] - a[1][1]);
  return Object.fromEntries(entries.slice(0, MAX_ENTRIES));
}

export function parseRecent(text: string | undefined): RecentOrders {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as RecentOrders) : {};
  } catch {
    return {};
  }
}

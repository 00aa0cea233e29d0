import type { OrderLine } from '../core/order';

/**
 * What the orders tab was last given, per line, kept between runs (CacheService) so that a
 * minute which reads back the same orders costs no Sheets call at all. A line whose fingerprint
 * matches is already in the tab as it is; anything else goes to the tab (and an entry lost to
 * cache eviction only costs one read of the tab, never a missed line).
 */
export type RecentOrders = Record<string, [fingerprint: string, at: number]>;
/** The record as stored: CacheService holds at most 100 KB a value, so it is kept under this. */
const MAX_BYTES = 90_000;

/** Order reads cover today (and yesterday around midnight): older entries are not needed. */
const KEEP_MS = 26 * 3_600_000;
/**
 * A short hash of what the tab shows of a line (36-bit FNV-1a in base 36): equal lines give equal
 * fingerprints; a collision would only skip rewriting an identical-looking line.
 */
export function fingerprint(l: OrderLine): string {
  const text = [l.rawStatus, l.quantity, l.amount, l.trackingNo ?? '', l.carrier?.code ?? '', l.shippedAt ?? '', l.receiverName, l.receiverPhone, l.receiverAddress1, l.receiverAddress2, l.message, l.productName, l.optionText, l.sku ?? '', l.paidAt ?? ''].join('\u001f');
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(36) + (h2 & 0xff).toString(36);
}

const keyOf = (l: OrderLine) => `${l.partnerId}|${l.itemId}`;

/**
 * What is kept of a line: its fingerprint, and the claim's number after a `#` when the line knew
 * it. Some channels say one state by two reads, one of which knows the claim's number (Coupang's
 * cancel receipts) and one which does not (its ordersheets): the number is news once, and a read
 * without it does not take it back (the claims step needs it to answer the claim).
 */
const recordOf = (l: OrderLine): string => (l.claimCode ? `${fingerprint(l)}#${l.claimCode}` : fingerprint(l));

/** The lines the tab does not have as they are now. */
export function changedLines(lines: readonly OrderLine[], recent: RecentOrders): OrderLine[] {
  return lines.filter((l) => {
    const kept = recent[keyOf(l)]?.[0];
    if (kept === undefined) return true;
    return l.claimCode ? kept !== recordOf(l) : kept.split('#')[0] !== fingerprint(l);
  });
}

/** The record after `written` reached the tab at `now`: newest kept, old and excess dropped. */
export function remember(recent: RecentOrders, written: readonly OrderLine[], now: number): RecentOrders {
  const next: RecentOrders = {};
  for (const [k, v] of Object.entries(recent)) if (now - v[1] < KEEP_MS) next[k] = v;
  for (const l of written) {
    // A line without the claim's number keeps the number its state was last given with.
    const before = next[keyOf(l)]?.[0];
    next[keyOf(l)] = [!l.claimCode && before?.split('#')[0] === fingerprint(l) ? before : recordOf(l), now];
  }
  if (JSON.stringify(next).length <= MAX_BYTES) return next;
  // Too many for one cache value: keep the newest that fit. A dropped line costs one read of
  // the tab when it is seen again, never a missed line.
  const entries = Object.entries(next).sort((a, b) => b[1][1] - a[1][1]);
  const kept: RecentOrders = {};
  let bytes = 2;
  for (const [k, v] of entries) {
    bytes += JSON.stringify(k).length + JSON.stringify(v).length + 2;
    if (bytes > MAX_BYTES) break;
    kept[k] = v;
  }
  return kept;
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

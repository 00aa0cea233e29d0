import type { OrderLine } from '../../core/order';
import type { Cafe24Connection, Cafe24Error, OrderScan } from '../../channels/cafe24';
import { advanceOrderScan, listOrders, nextOrderPage, orderLines, OrdersList, parse, startOrderScan, type OrderDateType } from '../../channels/cafe24';
import { seoulDayOf, seoulDayStart } from '../../core/seoul-time';
import type { Clock, KeyValueStore } from '../ports';
import type { Cafe24Gateway } from './gateway';

/**
 * Collects the paid order items of every connected mall since each mall's cursor. All malls'
 * pages go out together, round after round (one fetchAll a round), until every scan is done.
 * A mall's cursor moves only when its whole scan succeeded, so a 429 storm, a 500 or a revoked
 * token means that mall is read again next time, never skipped; lines are keyed by item, so
 * reading an order twice updates its row instead of adding one.
 */
export interface CollectResult {
  readonly lines: OrderLine[];
  /** Per partner: what went wrong (the others went on). */
  readonly errors: ReadonlyArray<{ partnerId: string; error: Cafe24Error; deferred: boolean }>;
  readonly completed: readonly string[];
  /**
   * New cursors of the malls read completely. Commit them (commitCursors) only after the lines
   * are safely in the sheet: a run stopped in between reads the same orders again.
   */
  readonly cursors: Readonly<Record<string, number>>;
}

/** Writes only cursors that moved: order reads are by whole Seoul days, so about once a day. */
export function commitCursors(store: KeyValueStore, cursors: Readonly<Record<string, number>>): void {
  for (const [partnerId, at] of Object.entries(cursors)) {
    if (store.get(cursorKey(partnerId)) !== String(at)) store.set(cursorKey(partnerId), String(at));
  }
}

export const cursorKey = (partnerId: string) => `cafe24.orders.since.${partnerId}`;
/** Re-read this much before the cursor: an order paid at 23:59:59 may land a moment late. */
const OVERLAP_MS = 10 * 60_000;
/** A mall connected for the first time is read from this far back. */
export const FIRST_LOOKBACK_MS = 7 * 86_400_000;

/**
 * Claims on orders paid before today (a cancel requested today for last week's order) are
 * found by their own dates. One claim date type is read per run, in turn, over today: each is
 * read every few minutes at the cost of one more request per mall in the same batch.
 */
export const CLAIM_DATE_TYPES: readonly OrderDateType[] = [
  'cancel_request_date',
  'cancel_complete_date',
  'return_request_date',
  'return_complete_date',
  'exchange_request_date',
  'exchange_complete_date',
];

interface Scan {
  readonly conn: Cafe24Connection;
  readonly dateType: OrderDateType;
  scan: OrderScan;
}

export function collectOrders(
  conns: readonly Cafe24Connection[],
  d: { gateway: Cafe24Gateway; store: KeyValueStore; clock: Clock; claimDateType?: OrderDateType },
): CollectResult {
  const now = d.clock.now();
  const scans = new Map<string, Scan>();
  for (const conn of conns) {
    const since = Number(d.store.get(cursorKey(conn.partnerId)) ?? now - FIRST_LOOKBACK_MS);
    scans.set(`${conn.partnerId}|pay_date`, { conn, dateType: 'pay_date', scan: startOrderScan(Math.min(since, now - OVERLAP_MS), now) });
    if (d.claimDateType) {
      scans.set(`${conn.partnerId}|${d.claimDateType}`, { conn, dateType: d.claimDateType, scan: startOrderScan(seoulDayStart(seoulDayOf(now - OVERLAP_MS)), now) });
    }
  }
  const byItem = new Map<string, OrderLine>();
  const errors: Array<{ partnerId: string; error: Cafe24Error; deferred: boolean }> = [];
  const failed = new Set<string>();
  const finished = new Set<string>();
  const cursors: Record<string, number> = {};
  while (scans.size > 0) {
    const round = [...scans.entries()].map(([key, s]) => ({ key, s, page: nextOrderPage(s.scan)! }));
    const outcomes = d.gateway.run(
      round.map(({ s, page }) => ({
        conn: s.conn,
        call: 'orders.list' as const,
        build: (session) => listOrders(session, { page, dateType: s.dateType }),
        read: (r) => parse('orders.list', s.conn.mallId, OrdersList, r).orders,
      })),
    );
    round.forEach(({ key, s }, i) => {
      const o = outcomes[i]!;
      const id = s.conn.partnerId;
      if (!o.ok) {
        if (!failed.has(id)) errors.push({ partnerId: id, error: o.error, deferred: o.deferred });
        failed.add(id);
        scans.delete(key);
        return;
      }
      for (const line of orderLines(s.conn, o.value).lines) byItem.set(`${line.partnerId}|${line.itemId}`, line);
      const next = advanceOrderScan(s.scan, o.value.length);
      if (nextOrderPage(next) !== null) {
        s.scan = next;
        return;
      }
      scans.delete(key);
      if (s.dateType === 'pay_date') {
        finished.add(id);
        // Cafe24 filters orders by whole days: the next read starts at the day that holds
        // `now − overlap`, so the cursor changes once a day and late-landing orders are read again.
        cursors[id] = seoulDayStart(seoulDayOf(now - OVERLAP_MS));
      }
    });
  }
  // A mall whose claim scan failed is not complete, but its paid orders were read in full.
  const completed = [...finished].filter((id) => !failed.has(id));
  for (const id of failed) delete cursors[id];
  return { lines: [...byItem.values()], errors, completed, cursors };
}

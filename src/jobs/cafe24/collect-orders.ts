import type { OrderLine } from '../../core/order';
import type { Cafe24Connection, Cafe24Error, OrderScan } from '../../channels/cafe24';
import { advanceOrderScan, listOrders, nextOrderPage, orderLines, OrdersList, parse, startOrderScan } from '../../channels/cafe24';
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

export function collectOrders(conns: readonly Cafe24Connection[], d: { gateway: Cafe24Gateway; store: KeyValueStore; clock: Clock }): CollectResult {
  const now = d.clock.now();
  const scans = new Map<string, { conn: Cafe24Connection; scan: OrderScan }>();
  for (const conn of conns) {
    const since = Number(d.store.get(cursorKey(conn.partnerId)) ?? now - FIRST_LOOKBACK_MS);
    scans.set(conn.partnerId, { conn, scan: startOrderScan(Math.min(since, now - OVERLAP_MS), now) });
  }
  const byItem = new Map<string, OrderLine>();
  const errors: Array<{ partnerId: string; error: Cafe24Error; deferred: boolean }> = [];
  const completed: string[] = [];
  const cursors: Record<string, number> = {};
  while (scans.size > 0) {
    const round = [...scans.values()].map(({ conn, scan }) => ({ conn, page: nextOrderPage(scan)! }));
    const outcomes = d.gateway.run(
      round.map(({ conn, page }) => ({
        conn,
        call: 'orders.list' as const,
        build: (s) => listOrders(s, { page, dateType: 'pay_date' }),
        read: (r) => parse('orders.list', conn.mallId, OrdersList, r).orders,
      })),
    );
    round.forEach(({ conn }, i) => {
      const o = outcomes[i]!;
      const entry = scans.get(conn.partnerId)!;
      if (!o.ok) {
        errors.push({ partnerId: conn.partnerId, error: o.error, deferred: o.deferred });
        scans.delete(conn.partnerId);
        return;
      }
      for (const line of orderLines(conn, o.value).lines) byItem.set(`${line.partnerId}|${line.itemId}`, line);
      const next = advanceOrderScan(entry.scan, o.value.length);
      if (nextOrderPage(next) === null) {
        scans.delete(conn.partnerId);
        completed.push(conn.partnerId);
        // Cafe24 filters orders by whole days: the next read starts at the day that holds
        // `now − overlap`, so the cursor changes once a day and late-landing orders are read again.
        cursors[conn.partnerId] = seoulDayStart(seoulDayOf(now - OVERLAP_MS));
      } else {
        entry.scan = next;
      }
    });
  }
  return { lines: [...byItem.values()], errors, completed, cursors };
}

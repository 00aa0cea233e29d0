import type { OrderLine } from '../../core/order';
import { parseSeoulDay, seoulDayOf, seoulDaysBetween, type SeoulDay } from '../../core/seoul-time';
import { chunk } from '../../core/chunk';
import type { Cafe24Connection, Cafe24Error, Cafe24Order } from '../../channels/cafe24';
import { getOrder, listOrders, ORDER_WINDOW_MAX_DAYS, OrderOne, orderLines, OrdersList, parse } from '../../channels/cafe24';
import type { Cafe24Gateway, Cafe24Request } from './gateway';

/**
 * Reads given orders again, whole, from their malls: before a tracking number is sent (has a
 * cancel been requested since?) and after a claim is answered (what did the mall make of it?).
 * Lines come back as the collector makes them, so they go to the orders tab by the same upsert.
 *
 * Up to 100 orders of a mall are one request: GET /orders filtered by `order_id` (a comma list,
 * reference §7) over the order-date window their ids give (Cafe24 order ids start with the order
 * day, YYYYMMDD-…). An id of another shape, or one older than the 3-month window, is read alone
 * (GET /orders/{id}). All malls go in the same rounds.
 */
export interface OrderRef {
  readonly partnerId: string;
  readonly orderId: string;
}

export interface RereadResult {
  readonly lines: OrderLine[];
  /** Orders that could not be read, with why (the caller must not act on a stale view of them). */
  readonly failed: ReadonlyArray<OrderRef & { readonly error: Cafe24Error; readonly deferred: boolean }>;
}

/** Orders named in one list request. */
const IDS_PER_REQUEST = 100;

/** The Seoul day an order id starts with ("20261123-0000012" → 2026-11-23), or null. */
export function orderDayOf(orderId: string): SeoulDay | null {
  const m = /^(\d{4})(\d{2})(\d{2})-/.exec(orderId);
  return m ? parseSeoulDay(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

export function rereadOrders(refs: readonly OrderRef[], conns: ReadonlyMap<string, Cafe24Connection>, gateway: Cafe24Gateway, now: number = Date.now()): RereadResult {
  const today = seoulDayOf(now);
  const byMall = new Map<string, { conn: Cafe24Connection; listed: Map<string, SeoulDay>; alone: Set<string> }>();
  for (const ref of refs) {
    const conn = conns.get(ref.partnerId);
    if (!conn) continue;
    let mall = byMall.get(ref.partnerId);
    if (!mall) byMall.set(ref.partnerId, (mall = { conn, listed: new Map(), alone: new Set() }));
    const day = orderDayOf(ref.orderId);
    const inWindow = day !== null && day <= today && seoulDaysBetween(day, today) < ORDER_WINDOW_MAX_DAYS;
    if (inWindow) mall.listed.set(ref.orderId, day);
    else mall.alone.add(ref.orderId);
  }

  type Call = { conn: Cafe24Connection; orderIds: readonly string[]; request: Cafe24Request<Cafe24Order[]> };
  const calls: Call[] = [];
  for (const { conn, listed, alone } of byMall.values()) {
    const ids = [...listed.keys()].sort();
    for (const part of chunk(ids, IDS_PER_REQUEST)) {
      const from = part.map((id) => listed.get(id)!).reduce((a, b) => (a < b ? a : b));
      const page = { window: { startDate: from, endDate: today }, offset: 0, limit: IDS_PER_REQUEST };
      calls.push({
        conn,
        orderIds: part,
        request: {
          conn,
          call: 'orders.list',
          build: (s) => listOrders(s, { page, dateType: 'order_date', orderIds: part }),
          read: (r) => parse('orders.list', conn.mallId, OrdersList, r).orders,
        },
      });
    }
    for (const id of alone) {
      calls.push({
        conn,
        orderIds: [id],
        request: { conn, call: 'orders.get', build: (s) => getOrder(s, id), read: (r) => [parse('orders.get', conn.mallId, OrderOne, r).order] },
      });
    }
  }
  if (calls.length === 0) return { lines: [], failed: [] };
  const outcomes = gateway.run(calls.map((c) => c.request));
  const lines: OrderLine[] = [];
  const failed: Array<OrderRef & { error: Cafe24Error; deferred: boolean }> = [];
  calls.forEach((c, i) => {
    const o = outcomes[i]!;
    if (o.ok) lines.push(...orderLines(c.conn, o.value).lines);
    else for (const orderId of c.orderIds) failed.push({ partnerId: c.conn.partnerId, orderId, error: o.error, deferred: o.deferred });
  });
  return { lines, failed };
}


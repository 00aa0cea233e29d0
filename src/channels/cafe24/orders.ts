/**
 * Cafe24's orders as the port asks for them: a collect (paid orders since the cursor, and one
 * claim date type in turn) and a re-read of given orders.
 */
import { chunk } from '../../core/chunk';
import type { OrderLine } from '../../core/order';
import { parseSeoulDay, seoulDayOf, seoulDayStart, seoulDaysBetween, type SeoulDay } from '../../core/seoul-time';
import type { ChannelAccount, ChannelRequest, OrderRead, OrdersCapability, PagedRead } from '../port';
import type { Cafe24Connection } from './connection';
import { orderLines } from './mapping';
import { advanceOrderScan, nextOrderPage, ORDER_WINDOW_MAX_DAYS, startOrderScan, type OrderScan } from './paging';
import { getOrder, listOrders, type OrderDateType } from './requests';
import { OrderOne, OrdersList, parse } from './schemas';
import { cafe24Request } from './transport';

/** Re-read this much before the cursor: an order paid at 23:59:59 may land a moment late. */
const OVERLAP_MS = 10 * 60_000;
/** A mall connected for the first time is read from this far back. */
export const FIRST_LOOKBACK_MS = 7 * 86_400_000;

/**
 * Claims on orders paid before today (a cancel requested today for last week's order) are
 * found by their own dates, one date type a request, over today (and yesterday in the first
 * hours of a day, CLAIM_LOOKBACK_MS): on the sync's backstop cadence
 * one type in turn, and every type when a claim webhook came (src/jobs/order-cadence.ts). A
 * cancel before shipping is caught sooner anyway: each order is read again before it ships.
 */
export const CLAIM_DATE_TYPES: readonly OrderDateType[] = [
  'cancel_request_date',
  'cancel_complete_date',
  'return_request_date',
  'return_complete_date',
  'exchange_request_date',
  'exchange_complete_date',
];

/**
 * A claim date type is read once in six backstops (at most an hour apart each, 6 h at the
 * longest setting): its window reaches back that far, so a return asked at 23:30 is still read
 * when that type's turn comes after midnight (a window of today alone would never list it).
 */
export const CLAIM_LOOKBACK_MS = 6 * 3_600_000 + OVERLAP_MS;

/** Orders named in one list request. */
const IDS_PER_REQUEST = 100;

const connectionOf = (account: ChannelAccount) => account as Cafe24Connection;

function orderRead(conn: Cafe24Connection, dateType: OrderDateType, scan: OrderScan): PagedRead<OrderLine> {
  const page = nextOrderPage(scan)!;
  return {
    request: cafe24Request(
      conn,
      'orders.list',
      (s) => listOrders(s, { page, dateType }),
      (r) => {
        const orders = parse('orders.list', conn.mallId, OrdersList, r).orders;
        const next = advanceOrderScan(scan, orders.length);
        return { items: orderLines(conn, orders).lines, next: nextOrderPage(next) === null ? null : orderRead(conn, dateType, next) };
      },
    ),
  };
}

/** The Seoul day an order id starts with ("20261123-0000012" → 2026-11-23), or null. */
export function orderDayOf(orderId: string): SeoulDay | null {
  const m = /^(\d{4})(\d{2})(\d{2})-/.exec(orderId);
  return m ? parseSeoulDay(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

export const cafe24Orders: OrdersCapability = {
  /**
   * Paid orders since the cursor (epoch ms of a Seoul day's start), and this minute's claim
   * date type over today. Cafe24 filters orders by whole days: the next read starts at the day
   * that holds `now − overlap`, so the cursor changes once a day and late-landing orders are
   * read again.
   */
  collect(account, cursor, now, turn, scope = { orders: true, claims: 'turn', claimTurn: turn }): OrderRead[] {
    const conn = connectionOf(account);
    const since = cursor !== null && cursor !== '' && Number.isFinite(Number(cursor)) ? Number(cursor) : now - FIRST_LOOKBACK_MS;
    const today = seoulDayStart(seoulDayOf(now - OVERLAP_MS));
    const n = CLAIM_DATE_TYPES.length;
    const claimTypes = scope.claims === 'all' ? CLAIM_DATE_TYPES : scope.claims === 'turn' ? [CLAIM_DATE_TYPES[((scope.claimTurn % n) + n) % n]!] : [];
    return [
      ...(scope.orders ? [{ read: orderRead(conn, 'pay_date', startOrderScan(Math.min(since, now - OVERLAP_MS), now)), cursorWhenDone: String(today) }] : []),
      ...claimTypes.map((t) => ({ read: orderRead(conn, t, startOrderScan(seoulDayStart(seoulDayOf(now - CLAIM_LOOKBACK_MS)), now)), cursorWhenDone: null })),
    ];
  },

  /**
   * Up to 100 orders of a mall are one request: GET /orders filtered by `order_id` (a comma list,
   * reference §7) over the order-date window their ids give (Cafe24 order ids start with the
   * order day). An id of another shape, or one older than the 3-month window, is read alone.
   */
  reread(account, orderIds, now) {
    const conn = connectionOf(account);
    const today = seoulDayOf(now);
    const listed = new Map<string, SeoulDay>();
    const alone = new Set<string>();
    for (const id of orderIds) {
      const day = orderDayOf(id);
      const inWindow = day !== null && day <= today && seoulDaysBetween(day, today) < ORDER_WINDOW_MAX_DAYS;
      if (inWindow) listed.set(id, day);
      else alone.add(id);
    }
    const calls: Array<{ orderIds: readonly string[]; request: ChannelRequest<OrderLine[]> }> = [];
    for (const part of chunk([...listed.keys()].sort(), IDS_PER_REQUEST)) {
      const from = part.map((id) => listed.get(id)!).reduce((a, b) => (a < b ? a : b));
      const page = { window: { startDate: from, endDate: today }, offset: 0, limit: IDS_PER_REQUEST };
      calls.push({
        orderIds: part,
        request: cafe24Request(conn, 'orders.list', (s) => listOrders(s, { page, dateType: 'order_date', orderIds: part }), (r) => orderLines(conn, parse('orders.list', conn.mallId, OrdersList, r).orders).lines),
      });
    }
    for (const id of alone) {
      calls.push({ orderIds: [id], request: cafe24Request(conn, 'orders.get', (s) => getOrder(s, id), (r) => orderLines(conn, [parse('orders.get', conn.mallId, OrderOne, r).order]).lines) });
    }
    return calls;
  },
};

/**
 * Coupang's orders as the port asks for them. Ordersheets are listed by one status at a time
 * (B2, `status` required), in day mode (`yyyy-MM-dd`, paged by `nextToken`; the minute mode
 * answers at most 24 h unpaged). A collect reads:
 * - ACCEPT (결제완료: new paid orders, and those still waiting for 발주확인) over the last week
 *   or since the cursor, whichever reaches back further (a deposit may come days after the order);
 * - on the sync's claims cadence (the backstop, `scope.claims`), what changes after 발주확인:
 *   RU (출고중지요청) each time, and in turn INSTRUCT over two weeks, everything after shipping
 *   (the return receipts UC, CC and the exchanges, at most 7 days back, C-EXCH, then the shipped
 *   box statuses over two weeks with those claims laid over their items), or nothing more.
 *   None of these brings a new paid order, and a cancel after 발주확인 cannot ship unnoticed:
 *   each parcel's order is read again before its invoice goes (its `holdCountForCancel`), and
 *   Coupang refuses an invoice for a stopped box. An ordersheet shows neither a return nor an
 *   exchange, so a box read on its own would say "delivered" of an item the claim read said
 *   "return requested", and the two reads would rewrite its row in turn.
 *   A claim read goes on to read each named order whole (`GET …/{orderId}/ordersheets`), so its
 *   lines carry the order's fields with the claim's status.
 */
import { addSeoulDays, seoulDayOf, seoulDayStart, type SeoulDay } from '../../core/seoul-time';
import type { OrderLine } from '../../core/order';
import type { ChannelAccount, OrderRead, OrdersCapability, PagedRead, RereadStep } from '../port';
import type { CoupangAccount } from './account';
import { exchangeClaim, itemIdOf, orderLines, receiptClaim, withClaims, type ItemClaim } from './mapping';
import { paths, query } from './paths';
import { ExchangeList, OrdersheetList, OrdersheetsOfOrder, parse, ReceiptList } from './schemas';
import { coupangRequest, wing } from './transport';

const DAY = 86_400_000;
export const ACCEPT_LOOKBACK_DAYS = 7;
/** Day-mode spans stay under a month (the fake's `dayRangeMaxDays` reading of an undocumented cap). */
const MAX_SPAN_DAYS = 30;
const OTHER_STATUS_DAYS = 14;
const CLAIM_DAYS = 7;
export const PAGE_SIZE = 50;

/**
 * What a claims read takes beside RU, in turn (null: nothing more). AFTER_SHIPPING is six lists
 * one after another (UC, CC, exchanges, DEPARTURE, DELIVERING, FINAL_DELIVERY).
 */
export const ROTATION = ['INSTRUCT', 'AFTER_SHIPPING', null] as const;
type Turn = (typeof ROTATION)[number];
/** Box statuses after shipping, read with the return and exchange claims laid over them. */
const SHIPPED = ['DEPARTURE', 'DELIVERING', 'FINAL_DELIVERY'] as const;

/** Claims by item id, filled by the claim lists of a turn for the box lists after them. */
type ClaimsSeen = Map<string, ItemClaim>;

const acc = (a: ChannelAccount) => a as CoupangAccount;

function sheetsRead(a: CoupangAccount, status: string, from: SeoulDay, to: SeoulDay, token: string, seen: ClaimsSeen = new Map(), then: () => PagedRead<OrderLine> | null = () => null): PagedRead<OrderLine> {
  return {
    request: coupangRequest(
      a,
      'ordersheets.list',
      (s) => wing(s, 'get', paths.ordersheets(a.vendorId), query({ createdAtFrom: from, createdAtTo: to, status, maxPerPage: PAGE_SIZE, nextToken: token })),
      (r) => {
        const page = parse('ordersheets.list', a.vendorId, OrdersheetList, r);
        const next = page.nextToken ?? '';
        return { items: orderLines(a, page.data, seen), next: next === '' ? then() : sheetsRead(a, status, from, to, next, seen, then) };
      },
    ),
  };
}

type Claims = ReadonlyArray<readonly [string, ReadonlyMap<string, ItemClaim>]>;

/** Reads each order a claim names, whole, then what comes after (the list's next page). */
function ordersOf(a: CoupangAccount, queue: Claims, after: PagedRead<OrderLine> | null): PagedRead<OrderLine> | null {
  const [head, ...rest] = queue;
  if (!head) return after;
  const [orderId, claims] = head;
  return {
    request: coupangRequest(
      a,
      'ordersheets.ofOrder',
      (s) => wing(s, 'get', paths.ordersheetsOfOrder(a.vendorId, orderId)),
      (r) => ({ items: orderLines(a, parse('ordersheets.ofOrder', a.vendorId, OrdersheetsOfOrder, r).data, claims), next: ordersOf(a, rest, after) }),
    ),
  };
}

function group(entries: ReadonlyArray<{ orderId: number; itemIds: number[]; claim: ItemClaim }>): Claims {
  const byOrder = new Map<string, Map<string, ItemClaim>>();
  for (const e of entries) {
    const m = byOrder.get(String(e.orderId)) ?? new Map<string, ItemClaim>();
    for (const id of e.itemIds) m.set(itemIdOf(e.orderId, id), e.claim);
    byOrder.set(String(e.orderId), m);
  }
  return [...byOrder];
}

/** Notes each entry's claim for its items, for the box lists read after it in the same turn. */
function note(seen: ClaimsSeen, entries: ReadonlyArray<{ orderId: number; itemIds: number[]; claim: ItemClaim }>): void {
  for (const e of entries) for (const id of e.itemIds) seen.set(itemIdOf(e.orderId, id), e.claim);
}

function receiptsRead(a: CoupangAccount, status: 'RU' | 'UC' | 'CC', from: SeoulDay, to: SeoulDay, token: string, seen: ClaimsSeen = new Map(), then: () => PagedRead<OrderLine> | null = () => null): PagedRead<OrderLine> {
  return {
    request: coupangRequest(
      a,
      'returnRequests.list',
      (s) => wing(s, 'get', paths.returnRequests(a.vendorId), query({ createdAtFrom: from, createdAtTo: to, status, maxPerPage: PAGE_SIZE, nextToken: token })),
      (r) => {
        const page = parse('returnRequests.list', a.vendorId, ReceiptList, r);
        const next = page.nextToken ?? '';
        const after = next === '' ? then() : receiptsRead(a, status, from, to, next, seen, then);
        const entries = page.data.map((x) => ({ orderId: x.orderId, itemIds: x.returnItems.map((i) => i.vendorItemId), claim: receiptClaim(x) }));
        note(seen, entries);
        return { items: [], next: ordersOf(a, group(entries), after) };
      },
    ),
  };
}

/** `yyyy-MM-ddTHH:mm:ss` in Seoul time. */
const kstStamp = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 19);

function exchangesRead(a: CoupangAccount, from: number, to: number, seen: ClaimsSeen, then: () => PagedRead<OrderLine> | null): PagedRead<OrderLine> {
  return {
    request: coupangRequest(
      a,
      'exchangeRequests.list',
      (s) => wing(s, 'get', paths.exchangeRequests(a.vendorId), query({ createdAtFrom: kstStamp(from), createdAtTo: kstStamp(to) })),
      (r) => {
        const list = parse('exchangeRequests.list', a.vendorId, ExchangeList, r).data;
        const entries = list.map((x) => ({ orderId: x.orderId, itemIds: x.exchangeItemDtoV1s.map((i) => i.orderItemId), claim: exchangeClaim(x) }));
        note(seen, entries);
        return { items: [], next: ordersOf(a, group(entries), then()) };
      },
    ),
  };
}

/** The return and exchange claims, then the shipped box lists with those claims on their items. */
function afterShipping(a: CoupangAccount, now: number, today: SeoulDay): PagedRead<OrderLine> {
  const seen: ClaimsSeen = new Map();
  // As far back as the box lists, so a return stays laid over its box while the box is listed
  // (exchanges can be read only a week back: one older than that shows its box's status once).
  const claimsFrom = addSeoulDays(today, -OTHER_STATUS_DAYS);
  const boxes = (i: number): PagedRead<OrderLine> | null => (i < SHIPPED.length ? sheetsRead(a, SHIPPED[i]!, addSeoulDays(today, -OTHER_STATUS_DAYS), today, '', seen, () => boxes(i + 1)) : null);
  const exchanges = () => exchangesRead(a, now - CLAIM_DAYS * DAY + 60_000, now, seen, () => boxes(0));
  const completed = () => receiptsRead(a, 'CC', claimsFrom, today, '', seen, exchanges);
  return receiptsRead(a, 'UC', claimsFrom, today, '', seen, completed);
}

function rotating(a: CoupangAccount, turn: 'RU' | Exclude<Turn, null>, now: number, today: SeoulDay): PagedRead<OrderLine> {
  if (turn === 'RU') return receiptsRead(a, turn, addSeoulDays(today, -CLAIM_DAYS), today, '');
  if (turn === 'AFTER_SHIPPING') return afterShipping(a, now, today);
  return sheetsRead(a, turn, addSeoulDays(today, -OTHER_STATUS_DAYS), today, '');
}

export const coupangOrders: OrdersCapability = {
  /** The cursor is the Seoul day start through which ACCEPT was read in full (epoch ms). */
  collect(account, cursor, now, turn, scope = { orders: true, claims: 'turn', claimTurn: turn }): OrderRead[] {
    const a = acc(account);
    const today = seoulDayOf(now);
    const since = cursor !== null && cursor !== '' && Number.isFinite(Number(cursor)) ? Number(cursor) - DAY : now;
    const from = seoulDayOf(Math.max(Math.min(since, now - ACCEPT_LOOKBACK_DAYS * DAY), now - (MAX_SPAN_DAYS - 1) * DAY));
    const n = ROTATION.length;
    const more: Array<Exclude<Turn, null>> = scope.claims === 'all' ? ['INSTRUCT', 'AFTER_SHIPPING'] : scope.claims === 'turn' ? [ROTATION[((scope.claimTurn % n) + n) % n]].filter((t): t is Exclude<Turn, null> => t !== null) : [];
    const lists: Array<'RU' | Exclude<Turn, null>> = scope.claims === 'none' ? [] : ['RU', ...more];
    return [
      ...(scope.orders ? [{ read: sheetsRead(a, 'ACCEPT', from, today, ''), cursorWhenDone: String(seoulDayStart(today)) }] : []),
      ...lists.map((t) => ({ read: rotating(a, t, now, today), cursorWhenDone: null })),
    ];
  },

  /**
   * One read per order (`GET …/{orderId}/ordersheets` answers every box of it, split ones too),
   * followed, when the order may carry a claim, by its cancel/return receipts (by `orderId`) and,
   * once delivered, the week's exchanges: an ordersheet shows neither a return nor an exchange,
   * and a re-read after a claim is answered must show where the claim now stands.
   */
  reread(account, orderIds, now) {
    const a = acc(account);
    return [...new Set(orderIds)].map((id) => ({
      orderIds: [id],
      request: coupangRequest(a, 'ordersheets.ofOrder', (s) => wing(s, 'get', paths.ordersheetsOfOrder(a.vendorId, id)), (r) => orderLines(a, parse('ordersheets.ofOrder', a.vendorId, OrdersheetsOfOrder, r).data)),
      then: (lines: OrderLine[]) => {
        const exchanges = lines.some(delivered) ? () => exchangesOfOrder(a, id, now) : null;
        return lines.some(mayHaveReceipt) ? receiptsOfOrder(a, id, lines, exchanges) : exchanges ? exchanges()(lines) : null;
      },
    }));
  },
};

/** Beyond a plain ACCEPT or INSTRUCT: shipped, or a cancel shows on the sheet. */
const mayHaveReceipt = (l: OrderLine) => l.rawStatus !== 'ACCEPT' && l.rawStatus !== 'INSTRUCT';
const delivered = (l: OrderLine) => /^(DELIVERING|FINAL_DELIVERY)(\/|$)/.test(l.rawStatus);

const claimsOf = (orderId: string, entries: ReadonlyArray<{ orderId: number; itemIds: number[]; claim: ItemClaim }>) => new Map(group(entries)).get(orderId) ?? new Map<string, ItemClaim>();

function receiptsOfOrder(a: CoupangAccount, orderId: string, lines: OrderLine[], exchanges: (() => (lines: OrderLine[]) => RereadStep) | null): RereadStep {
  return {
    request: coupangRequest(
      a,
      'returnRequests.ofOrder',
      (s) => wing(s, 'get', paths.returnRequests(a.vendorId), query({ orderId })),
      (r) => {
        const receipts = parse('returnRequests.ofOrder', a.vendorId, ReceiptList, r).data;
        return withClaims(lines, claimsOf(orderId, receipts.map((x) => ({ orderId: x.orderId, itemIds: x.returnItems.map((i) => i.vendorItemId), claim: receiptClaim(x) }))));
      },
    ),
    ...(exchanges ? { then: (after: OrderLine[]) => exchanges()(after) } : {}),
  };
}

/** The week's exchanges (the list takes no orderId), this order's laid over its lines. */
function exchangesOfOrder(a: CoupangAccount, orderId: string, now: number): (lines: OrderLine[]) => RereadStep {
  return (lines) => ({
    request: coupangRequest(
      a,
      'exchangeRequests.list',
      (s) => wing(s, 'get', paths.exchangeRequests(a.vendorId), query({ createdAtFrom: kstStamp(now - CLAIM_DAYS * DAY + 60_000), createdAtTo: kstStamp(now) })),
      (r) => {
        const list = parse('exchangeRequests.list', a.vendorId, ExchangeList, r).data.filter((x) => String(x.orderId) === orderId);
        return withClaims(lines, claimsOf(orderId, list.map((x) => ({ orderId: x.orderId, itemIds: x.exchangeItemDtoV1s.map((i) => i.orderItemId), claim: exchangeClaim(x) }))));
      },
    ),
  });
}

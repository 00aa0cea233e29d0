/**
 * SmartStore orders as the port asks for them. A collect reads the change feed
 * (`last-changed-statuses`, windows of at most 24 h, pages of 300 followed by `more`) from the
 * cursor, and after each page the details of the paid product orders it named (one `query` of
 * up to 300 ids). The cursor is the end of the last window read (epoch ms); the next collect
 * starts a few minutes before it, since a change may be recorded a moment late.
 */
import { chunk } from '../../core/chunk';
import type { OrderLine } from '../../core/order';
import type { ChannelAccount, OrderRead, OrdersCapability, PagedRead } from '../port';
import type { NaverAccount } from './connection';
import { orderLinesOf } from './mapping';
import { lastChangedStatuses, queryProductOrders } from './requests';
import { LastChanged, QueryAnswer, readJson } from './schemas';
import { naverRequest } from './transport';

export const WINDOW_MS = 24 * 3_600_000;
/** Windows read in one collect (a store not collected for days catches up a week a minute). */
export const MAX_WINDOWS = 7;
export const OVERLAP_MS = 5 * 60_000;
/** A store collected for the first time is read from this far back. */
export const FIRST_LOOKBACK_MS = 3 * WINDOW_MS;
export const QUERY_IDS = 300;
/** A quiet feed's cursor is written at most this often (well inside the 24-hour window a read may span). */
export const CURSOR_SLACK_MS = 30 * 60_000;
/** Statuses of product orders never paid: not worth a detail read. */
const UNPAID = new Set(['PAYMENT_WAITING', 'CANCELED_BY_NOPAYMENT']);

const accountOf = (a: ChannelAccount) => a as NaverAccount;

/** Reads the details of `ids`, then carries on with `then`. */
function detailsRead(account: NaverAccount, ids: readonly string[], then: PagedRead<OrderLine> | null): PagedRead<OrderLine> {
  return {
    request: naverRequest(account, 'productOrders.query', (s) => queryProductOrders(s, ids), (r) => ({ items: orderLinesOf(account, readJson('productOrders.query', account.accountId, QueryAnswer, r).data), next: then })),
  };
}

interface FeedPage {
  readonly from: number;
  readonly to: number;
  readonly end: number;
  readonly moreFrom?: string;
  readonly moreSequence?: string;
}

function feedRead(account: NaverAccount, page: FeedPage): PagedRead<OrderLine> {
  return {
    request: naverRequest(
      account,
      'productOrders.lastChanged',
      (s) => lastChangedStatuses(s, page),
      (r) => {
        const data = readJson('productOrders.lastChanged', account.accountId, LastChanged, r).data;
        const more = data.more ?? null;
        const following: PagedRead<OrderLine> | null = more
          ? feedRead(account, { ...page, moreFrom: more.moreFrom, moreSequence: more.moreSequence })
          : page.to < page.end
            ? feedRead(account, { from: page.to, to: Math.min(page.to + WINDOW_MS, page.end), end: page.end })
            : null;
        const ids = [...new Set(data.lastChangeStatuses.filter((c) => !UNPAID.has(c.productOrderStatus ?? '')).map((c) => c.productOrderId))];
        return { items: [], next: ids.length === 0 ? following : detailsRead(account, ids, following) };
      },
    ),
  };
}

export const naverOrders: OrdersCapability = {
  collect(a, cursor, now): OrderRead[] {
    const account = accountOf(a);
    const kept = cursor !== null && cursor !== '' && Number.isFinite(Number(cursor)) ? Number(cursor) : null;
    const from = kept === null ? now - FIRST_LOOKBACK_MS : Math.min(kept - OVERLAP_MS, now);
    const end = Math.min(now, from + MAX_WINDOWS * WINDOW_MS);
    return [{ read: feedRead(account, { from, to: Math.min(from + WINDOW_MS, end), end }), cursorWhenDone: String(end) }];
  },

  /**
   * The feed's cursor is the time read up to: kept when the feed brought changes, and otherwise
   * at most every CURSOR_SLACK_MS, so a quiet minute writes no property (the next read covers
   * the quiet minutes again, at no extra request: nothing changed in them).
   */
  keepCursor(stored, next, sawLines) {
    const was = stored === null || stored === '' ? NaN : Number(stored);
    return sawLines || !Number.isFinite(was) || Number(next) - was >= CURSOR_SLACK_MS || Number(next) < was;
  },

  /**
   * Naver reads product orders by their own ids (≤ 300 a query), not by order: the items the
   * caller names are read. An order named without items cannot be read and is left out.
   */
  reread(a, _orderIds, _now, items = []) {
    const account = accountOf(a);
    const unique = [...new Map(items.map((i) => [i.itemId, i])).values()];
    return chunk(unique, QUERY_IDS).map((part) => ({
      orderIds: [...new Set(part.map((i) => i.orderId))],
      request: naverRequest(
        account,
        'productOrders.query',
        (s) => queryProductOrders(s, part.map((i) => i.itemId)),
        (r) => orderLinesOf(account, readJson('productOrders.query', account.accountId, QueryAnswer, r).data),
      ),
    }));
  },
};

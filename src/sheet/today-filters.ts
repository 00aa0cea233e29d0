/**
 * Which rows a 오늘 할 일 item opens: per item, its tab and one test per column on the cell
 * text as shown. A sheet's filter hides rows by the values of its columns, so each item is a
 * conjunction of column tests, the same tests `orderRowMatches` and `claimWaits` count by.
 */
import { claimWaits, inquiryLate, inquiryWaits, orderRowMatches, type TodayKind } from '../core/today';
import { statusFromCell } from './orders';
import { CLAIMS, INQUIRIES, ORDERS, PRODUCTS } from './tabs';
import type { TabSpec } from './schema';

export interface ColumnTest {
  /** The column's key in the tab spec. */
  readonly column: string;
  readonly show: (text: string) => boolean;
}

export interface TodayFilter {
  readonly tab: TabSpec;
  readonly tests: readonly ColumnTest[];
  /** What the tab now shows, for the message beside the button. */
  readonly what: string;
}

const status = (show: (s: ReturnType<typeof statusFromCell>) => boolean): ColumnTest => ({ column: 'orderStatus', show: (t) => show(statusFromCell(t)) });
const todo = (kind: 'checkTracking' | 'held'): ColumnTest => ({ column: 'todo', show: (t) => orderRowMatches[kind]({ status: null, todo: t }) });

/** `skus`: the SKUs running out, for the products tab. */
export function todayFilter(kind: TodayKind, skus: ReadonlySet<string>): TodayFilter {
  switch (kind) {
    case 'newOrders':
      return { tab: ORDERS, tests: [status((s) => orderRowMatches.newOrders({ status: s, todo: '' }))], what: '새 결제 주문' };
    case 'toShip':
      // Paid or preparing, and not held: the same two columns the count reads.
      return {
        tab: ORDERS,
        tests: [status((s) => orderRowMatches.toShip({ status: s, todo: '' })), { column: 'todo', show: (t) => !orderRowMatches.held({ status: null, todo: t }) }],
        what: '출고할 택배',
      };
    case 'checkTracking':
      return { tab: ORDERS, tests: [todo('checkTracking')], what: '송장 확인' };
    case 'held':
      return { tab: ORDERS, tests: [todo('held')], what: '출고 보류' };
    case 'claims':
      return { tab: CLAIMS, tests: [{ column: 'todo', show: (t) => claimWaits({ todo: t }) }], what: '처리 대기 클레임' };
    case 'inquiries':
      return { tab: INQUIRIES, tests: [{ column: 'todo', show: (t) => inquiryWaits({ todo: t }) }], what: '미답변 문의' };
    case 'lateInquiries':
      return { tab: INQUIRIES, tests: [{ column: 'todo', show: (t) => inquiryLate({ todo: t }) }], what: '답변기한 지난 문의' };
    case 'lowStock':
      return { tab: PRODUCTS, tests: [{ column: 'sku', show: (t) => skus.has(t.trim()) }], what: '재고 부족 상품' };
    case 'ordersTabFull':
      return { tab: ORDERS, tests: [], what: '주문 탭 전체' };
  }
}

/** The values a column's filter hides: every text of the column its test refuses. */
export function hiddenValues(texts: readonly string[], test: ColumnTest): string[] {
  return [...new Set(texts)].filter((t) => !test.show(t));
}

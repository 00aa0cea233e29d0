/**
 * 오늘 할 일 (pure): what staff must act on today, counted from the tabs as they are, each item
 * with the rows behind it, so that a click can show exactly those rows. The morning is order
 * confirmation and CS, the afternoon shipping, stock in between (seed 001): new paid orders,
 * parcels to pack and ship, tracking numbers to check, claims to answer (late ones first), held
 * parcels and why, and stock running out.
 */
import { responseRates } from './inquiries';
import type { ChannelId, OrderLineStatus } from './order';
import { ORDERS_TAB_MAX_ROWS } from './order-archive';

export const TODAY_KINDS = ['newOrders', 'toShip', 'checkTracking', 'claims', 'inquiries', 'lateInquiries', 'held', 'lowStock', 'ordersTabFull'] as const;
export type TodayKind = (typeof TODAY_KINDS)[number];

/** One orders-tab row as 오늘 할 일 reads it. */
export interface TodayOrderRow {
  readonly partnerId: string;
  readonly orderId: string;
  readonly status: OrderLineStatus | null;
  /** The row's 조치필요 text ("1 출고 보류: 정산 미납", "2 송장 확인", "3 출고 대기", ""). */
  readonly todo: string;
  readonly quantity: number;
  /** Who receives the parcel (receiverKey): items of one receiver go in one box. */
  readonly receiver: string;
}

/** One claims-tab row. */
export interface TodayClaimRow {
  readonly todo: string;
  readonly answerBy: number | null;
}

/** One 문의-tab row. */
export interface TodayInquiryRow {
  /** Null when the row's channel cell names none the add-on knows. */
  readonly channel: ChannelId | null;
  /** Its 조치필요 ("1 답변기한 초과", "2 답변 필요 (…까지)", ""). */
  readonly todo: string;
  readonly askedAt: number | null;
  readonly answeredAt: number | null;
  readonly answered: boolean;
}

/** An inquiry waits for an answer while its 조치필요 says anything; late when it ranks 1. */
export const inquiryWaits = (r: Pick<TodayInquiryRow, 'todo'>): boolean => r.todo.trim() !== '';
export const inquiryLate = (r: Pick<TodayInquiryRow, 'todo'>): boolean => /^1\s/.test(r.todo);

/** One SKU's stock: what may still be offered to the malls. */
export interface TodayStock {
  readonly sku: string;
  /** Warehouse − safety stock − units in collected, unshipped orders. */
  readonly available: number;
  /** The products tab's reorder point (stock cover, src/core/stock-cover.ts); null before the sync has figured one. */
  readonly reorderPoint: number | null;
}

export interface TodayItem {
  readonly kind: TodayKind;
  readonly label: string;
  readonly count: number;
  /** "건" or "개". */
  readonly unit: string;
  /** The breakdown: "상품 5개 피킹", "정산 미납 2건 · 취소요청 확인 1건", "기한 초과 1건". */
  readonly detail: string | null;
  /** Something is late or blocks shipping: shown in red. */
  readonly urgent: boolean;
  /** Where a click goes. */
  readonly tab: 'orders' | 'claims' | 'inquiries' | 'products';
}

/** Stock running out without a reorder point yet (a SKU the sync has not figured): at or below this. */
export const LOW_STOCK_UNITS = 5;

/**
 * Running out: available now (this moment's reservations) at or below the SKU's reorder point, the
 * stock cover's own rule; a SKU without one yet falls back to a few units.
 */
export function isRunningOut(s: TodayStock): boolean {
  return s.available <= (s.reorderPoint ?? LOW_STOCK_UNITS);
}

const TO_SHIP: ReadonlySet<OrderLineStatus> = new Set(['paid', 'preparing']);
const HELD_PREFIX = '1 출고 보류';
const CHECK_PREFIX = '2 송장 확인';

/** Which order rows each order item stands for (also what its filter shows). */
export const orderRowMatches: Readonly<Record<'newOrders' | 'toShip' | 'checkTracking' | 'held', (r: Pick<TodayOrderRow, 'status' | 'todo'>) => boolean>> = {
  newOrders: (r) => r.status === 'paid',
  toShip: (r) => r.status !== null && TO_SHIP.has(r.status) && !r.todo.startsWith(HELD_PREFIX),
  checkTracking: (r) => r.todo.startsWith(CHECK_PREFIX),
  held: (r) => r.todo.startsWith(HELD_PREFIX),
};

/** A claim waits for staff while its 조치필요 says anything. */
export function claimWaits(r: Pick<TodayClaimRow, 'todo'>): boolean {
  return r.todo.trim() !== '';
}

/** Late: the 24-hour answer time has passed and an answer is still owed (ranks 1 and 2). */
export function claimLate(r: TodayClaimRow, now: number): boolean {
  return /^[12]\s/.test(r.todo) && r.answerBy !== null && r.answerBy < now;
}

/** "카페24 92% · 스마트스토어 100%": each channel's 7-day response rate, or null when none counts yet. */
export function responseRateText(rows: readonly TodayInquiryRow[], now: number, labelOf: (c: ChannelId) => string): string | null {
  const rates = responseRates(rows.flatMap((r) => (r.channel === null ? [] : [{ ...r, channel: r.channel }])), now).filter((r) => r.percent !== null);
  return rates.length === 0 ? null : rates.map((r) => `${labelOf(r.channel)} ${r.percent}%`).join(' · ');
}

export function todayItems(
  orders: readonly TodayOrderRow[],
  claims: readonly TodayClaimRow[],
  stock: readonly TodayStock[],
  now: number,
  inquiries: readonly TodayInquiryRow[] = [],
  labelOf: (c: ChannelId) => string = (c) => c,
): TodayItem[] {
  const rows = (kind: keyof typeof orderRowMatches) => orders.filter((r) => orderRowMatches[kind](r));
  const distinct = (list: readonly TodayOrderRow[], key: (r: TodayOrderRow) => string) => new Set(list.map(key)).size;

  const paid = rows('newOrders');
  const toShip = rows('toShip');
  const units = toShip.reduce((n, r) => n + (Number.isFinite(r.quantity) ? r.quantity : 0), 0);
  const check = rows('checkTracking');
  const held = rows('held');
  const waiting = claims.filter(claimWaits);
  const late = waiting.filter((c) => claimLate(c, now)).length;
  const short = stock.filter(isRunningOut);

  const items: TodayItem[] = [
    { kind: 'newOrders', label: '새 결제 주문', count: distinct(paid, (r) => `${r.partnerId}|${r.orderId}`), unit: '건', detail: null, urgent: false, tab: 'orders' },
    {
      kind: 'toShip',
      label: '출고할 택배',
      count: distinct(toShip, (r) => `${r.partnerId}|${r.receiver}`),
      unit: '건',
      detail: units > 0 ? `상품 ${units}개 피킹` : null,
      urgent: false,
      tab: 'orders',
    },
  ];
  // Only when there is one: a refused number blocks its parcel until staff fix it.
  if (check.length > 0) items.push({ kind: 'checkTracking', label: '송장 확인', count: check.length, unit: '건', detail: '송장번호가 거부되었습니다', urgent: true, tab: 'orders' });
  items.push(
    { kind: 'claims', label: '클레임 처리 대기', count: waiting.length, unit: '건', detail: late > 0 ? `답변기한 초과 ${late}건` : null, urgent: late > 0, tab: 'claims' },
  );
  const unanswered = inquiries.filter(inquiryWaits);
  const lateInquiries = unanswered.filter(inquiryLate).length;
  const rate = responseRateText(inquiries, now, labelOf);
  items.push({
    kind: 'inquiries',
    label: '미답변 문의',
    count: unanswered.length,
    unit: '건',
    detail: [lateInquiries > 0 ? `답변기한 초과 ${lateInquiries}건` : '', rate ? `7일 응답률 ${rate}` : ''].filter(Boolean).join(' · ') || null,
    urgent: lateInquiries > 0,
    tab: 'inquiries',
  });
  // Only when there is one: a late answer hurts the seller's response rate.
  if (lateInquiries > 0) items.push({ kind: 'lateInquiries', label: '답변기한 지난 문의', count: lateInquiries, unit: '건', detail: '24시간 안에 답변하지 못했습니다', urgent: true, tab: 'inquiries' });
  items.push(
    { kind: 'held', label: '출고 보류', count: held.length, unit: '건', detail: heldReasons(held), urgent: held.length > 0, tab: 'orders' },
    {
      kind: 'lowStock',
      label: '재고 부족',
      count: short.length,
      unit: '건',
      detail: short.length > 0 ? `${short.slice(0, 3).map((s) => `${s.sku} ${Math.max(0, s.available)}개`).join(', ')}${short.length > 3 ? ' 외' : ''}` : null,
      urgent: short.some((s) => s.available <= 0),
      tab: 'products',
    },
  );
  // Only past the cap: rows that may not be archived yet (waiting to ship, a claim open, a week
  // not settled) stay, and new orders are still written; staff see why the tab is large.
  if (orders.length > ORDERS_TAB_MAX_ROWS) {
    items.push({
      kind: 'ordersTabFull',
      label: '주문 탭 한도 초과',
      count: orders.length,
      unit: '행',
      detail: `한도 ${ORDERS_TAB_MAX_ROWS.toLocaleString('en-US')}행: 출고·정산이 끝난 주문은 밤마다 보관 시트로 옮겨집니다 (지워지는 행은 없습니다)`,
      urgent: true,
      tab: 'orders',
    });
  }
  return items;
}

/** "정산 미납 2건 · 취소요청 확인 1건": the reasons the 조치필요 cells give, most first. */
function heldReasons(held: readonly TodayOrderRow[]): string | null {
  if (held.length === 0) return null;
  const counts = new Map<string, number>();
  for (const r of held) {
    const why = r.todo.slice(HELD_PREFIX.length).replace(/^[:\s]+/, '').trim() || '사유 미기재';
    counts.set(why, (counts.get(why) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([why, n]) => `${why} ${n}건`)
    .join(' · ');
}

import type { OrderLine, OrderLineStatus } from '../core/order';
import type { ShipLine } from '../core/shipping';
import { reservedUnits } from '../core/stock';
import { cellText, type TableRow } from './table';
import type { Lang } from './schema';

/** What the orders tab shows for a line's status. */
export const ORDER_STATUS_LABELS: Readonly<Record<OrderLineStatus, Readonly<Record<Lang, string>>>> = {
  paid: { ko: '결제완료', en: 'Paid' },
  preparing: { ko: '배송준비중', en: 'Preparing' },
  standby: { ko: '배송대기', en: 'Awaiting pickup' },
  shipping: { ko: '배송중', en: 'In transit' },
  delivered: { ko: '배송완료', en: 'Delivered' },
  cancelRequested: { ko: '취소요청', en: 'Cancel requested' },
  cancelled: { ko: '취소완료', en: 'Cancelled' },
  returnRequested: { ko: '반품요청', en: 'Return requested' },
  returned: { ko: '반품완료', en: 'Returned' },
  exchangeRequested: { ko: '교환요청', en: 'Exchange requested' },
  exchanged: { ko: '교환완료', en: 'Exchanged' },
  refunded: { ko: '환불완료', en: 'Refunded' },
};

export const orderKey = (l: Pick<OrderLine, 'partnerId' | 'itemId'>) => `${l.partnerId}|${l.itemId}`;

/**
 * A line as the orders tab's cells, by column key. Channel text stays text (the columns are
 * plain-text formatted by setup); times are Dates; amounts integer KRW.
 */
export function orderRow(l: OrderLine, lang: Lang): Record<string, unknown> {
  const date = (ms: number | null) => (ms === null ? '' : new Date(ms));
  return {
    partnerId: l.partnerId,
    orderId: l.orderId,
    itemId: l.itemId,
    orderedAt: date(l.orderedAt),
    paidAt: date(l.paidAt),
    sku: l.sku ?? '',
    productName: l.productName,
    option: l.optionText,
    quantity: l.quantity,
    amount: l.amount,
    buyerName: l.buyerName,
    receiverName: l.receiverName,
    receiverPhone: l.receiverPhone,
    receiverAddress: [l.receiverZip && `(${l.receiverZip})`, l.receiverAddress1, l.receiverAddress2].filter(Boolean).join(' '),
    message: l.message,
    orderStatus: `${ORDER_STATUS_LABELS[l.status][lang]} (${l.rawStatus})`,
    carrier: l.carrier?.name ?? '',
    trackingNo: l.trackingNo ?? '',
    shippedAt: date(l.shippedAt),
    todo: todoOf(l.status),
  };
}

/**
 * What the row asks of staff, by status; the leading rank makes a sort of the column put what
 * comes first on top (the shipping step writes "2 송장 확인" when a number is refused).
 */
export const ORDER_TODO = {
  cancelRequested: '1 출고 보류: 취소요청 확인',
  settlementHold: '1 출고 보류: 정산 미납',
  refused: '2 송장 확인',
  toShip: '3 출고 대기',
} as const;

export function todoOf(status: OrderLineStatus): string {
  if (status === 'cancelRequested') return ORDER_TODO.cancelRequested;
  if (status === 'paid' || status === 'preparing') return ORDER_TODO.toShip;
  return '';
}

const STATUS_BY_LABEL = new Map<string, OrderLineStatus>(
  (Object.entries(ORDER_STATUS_LABELS) as Array<[OrderLineStatus, Readonly<Record<Lang, string>>]>).flatMap(([s, l]) => [
    [l.ko, s],
    [l.en, s],
  ]),
);

/** The status a cell of the orders tab shows ("결제완료 (N10)"), or null for anything else. */
export function statusFromCell(text: unknown): OrderLineStatus | null {
  const label = String(text ?? '').replace(/\s*\([^)]*\)\s*$/, '').trim();
  return STATUS_BY_LABEL.get(label) ?? null;
}

/** "(07071) 서울 … 101호" → zip and the rest, as orderRow wrote it. */
function splitAddress(text: string): { zip: string; address: string } {
  const m = /^\(([^)]*)\)\s*/.exec(text);
  return m ? { zip: m[1]!, address: text.slice(m[0].length) } : { zip: '', address: text };
}

/**
 * What shipping needs of an orders-tab row: its ids, receiver and status. null for a row the add-on
 * did not write (no key or a status it cannot read), which is then not shipped.
 */
export function shipLineOf(row: TableRow): ShipLine | null {
  const status = statusFromCell(row.get('orderStatus'));
  const partnerId = cellText(row.get('partnerId'));
  const orderId = cellText(row.get('orderId'));
  const itemId = cellText(row.get('itemId'));
  if (status === null || !partnerId || !orderId || !itemId) return null;
  const { zip, address } = splitAddress(cellText(row.get('receiverAddress')));
  return {
    partnerId,
    orderId,
    itemId,
    receiverName: cellText(row.get('receiverName')),
    receiverPhone: cellText(row.get('receiverPhone')),
    receiverZip: zip,
    receiverAddress1: address,
    receiverAddress2: '',
    status,
  };
}

/**
 * Units per SKU the orders tab's rows still hold back (collected, not yet left the warehouse:
 * a row with a shipping time has left, whatever its status says).
 */
export function reservedFromRows(rows: readonly TableRow[]): Map<string, number> {
  return reservedUnits(
    rows.flatMap((r) => {
      const status = statusFromCell(r.get('orderStatus'));
      const quantity = Number(r.get('quantity'));
      const sku = cellText(r.get('sku'));
      const shippedAt = cellText(r.get('shippedAt')) === '' ? null : 1;
      return status && sku && Number.isFinite(quantity) ? [{ sku, quantity, status, shippedAt }] : [];
    }),
  );
}

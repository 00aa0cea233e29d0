/**
 * Item-level `order_status` codes exactly as the reference lists them (§7), their Korean
 * labels (the admin's wording), and the rules for which move is allowed from where.
 * Cafe24 keeps status per order item, never per order; order-level fields (`paid`,
 * `canceled`, `shipping_status`) are summaries derived here.
 *
 * Where the reference is silent (which codes a shipment or claim moves through) the choices are
 * ours and are written next to each rule.
 */
import { z } from 'zod';

export const ORDER_STATUS_LABELS = {
  N00: '입금전',
  N01: '교환접수 - 교환상품',
  N02: '주문접수중',
  N03: '교환접수 - 카드결제대기',
  N10: '상품준비중',
  N20: '배송준비중',
  N21: '배송대기',
  N22: '배송보류',
  N30: '배송중',
  N40: '배송완료',
  N50: '구매확정',
  C00: '취소신청',
  C10: '취소접수 - 관리자',
  C11: '취소접수거부 - 관리자',
  C34: '취소처리중 - 환불전',
  C35: '취소처리중 - 환불완료',
  C36: '취소처리중 - 환불보류',
  C40: '취소완료',
  C41: '취소 완료 - 환불전',
  C42: '취소 완료 - 환불요청중',
  C43: '취소 완료 - 환불보류',
  C47: '입금전취소 - 구매자',
  C48: '입금전취소 - 자동취소',
  C49: '입금전취소 - 관리자',
  R00: '반품신청',
  R10: '반품접수',
  R11: '반품 접수 거부',
  R12: '반품보류',
  R13: '반품접수 - 수거완료(자동)',
  R20: '반품 수거 완료',
  R30: '반품처리중 - 수거전',
  R31: '반품처리중 - 수거완료',
  R34: '반품처리중 - 환불전',
  R36: '반품처리중 - 환불보류',
  R40: '반품완료 - 환불완료',
  R41: '반품완료 - 환불전',
  R42: '반품완료 - 환불요청중',
  R43: '반품완료 - 환불보류',
  E00: '교환신청',
  E10: '교환접수',
  E11: '교환접수거부',
  E12: '교환보류',
  E13: '교환접수 - 수거완료(자동)',
  E20: '교환준비',
  E30: '교환처리중 - 수거전',
  E31: '교환처리중 - 수거완료',
  E32: '교환처리중 - 입금전',
  E33: '교환처리중 - 입금완료',
  E34: '교환처리중 - 환불전',
  E35: '교환처리중 - 환불완료',
  E36: '교환처리중 - 환불보류',
  E40: '교환완료',
} as const;

export type OrderStatus = keyof typeof ORDER_STATUS_LABELS;
export const ORDER_STATUSES = Object.keys(ORDER_STATUS_LABELS) as OrderStatus[];
export const OrderStatusSchema = z.enum(ORDER_STATUSES as [OrderStatus, ...OrderStatus[]]);

export function isOrderStatus(s: string): s is OrderStatus {
  return Object.prototype.hasOwnProperty.call(ORDER_STATUS_LABELS, s);
}

/** `status_code`: N1 normal, N2 exchange item, C1 cancel before payment, C2 cancel before
 * shipping, C3 return, E1 exchange (reference §7). */
export function statusCodeOf(s: OrderStatus): 'N1' | 'N2' | 'C1' | 'C2' | 'C3' | 'E1' {
  if (s === 'N01' || s === 'N03') return 'N2';
  if (s === 'C47' || s === 'C48' || s === 'C49') return 'C1';
  if (s.startsWith('C')) return 'C2';
  if (s.startsWith('R')) return 'C3';
  if (s.startsWith('E')) return 'E1';
  return 'N1';
}

// ---- where each move is allowed from ----

/** Paid, not yet handed to a carrier, not in a claim: the states a warehouse works on.
 * C11 (cancel request rejected) means the order carries on, so it ships like N20. */
const PREPARING: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['N10', 'N20', 'N21', 'N22', 'C11']);

/** Statuses from which POST shipments is accepted. Open question 5: the reference cannot say
 * whether N10 is accepted or only N20+. We accept N10 (the likelier: practitioners upload
 * tracking numbers for orders still at 상품준비중), with `shipmentRequiresN20` to refuse it. */
export function canCreateShipment(s: OrderStatus, requireN20: boolean): boolean {
  if (s === 'N10') return !requireN20;
  return s === 'N20' || s === 'C11';
}

/** Shipment `status` → item `order_status` (reference §8, mapping inferred from labels). */
export const SHIPMENT_STATUS_TARGET = { standby: 'N21', shipping: 'N30', shipped: 'N40' } as const;
export type ShipmentStatus = keyof typeof SHIPMENT_STATUS_TARGET;

/** PUT shipments status: moves among N21/N30/N40 only, never back from delivered. */
export function canChangeShipmentStatus(from: OrderStatus, to: ShipmentStatus): boolean {
  if (from === 'N40' || from === 'N50') return to === 'shipped' && from === 'N40';
  return from === 'N21' || from === 'N30' || PREPARING.has(from);
}

/** `process_status` of PUT /orders → target (reference §7, mapping inferred from labels). */
export const PROCESS_STATUS_TARGET = {
  prepareproduct: 'N10',
  prepare: 'N20',
  hold: 'N22',
} as const;

export function canProcess(from: OrderStatus, processStatus: 'prepareproduct' | 'prepare' | 'hold' | 'unhold'): boolean {
  switch (processStatus) {
    case 'prepareproduct':
      return from === 'N20' || from === 'N10' || from === 'N22';
    case 'prepare':
      return from === 'N10' || from === 'N20' || from === 'N22' || from === 'C11';
    case 'hold':
      return from === 'N10' || from === 'N20' || from === 'N21' || from === 'N22';
    case 'unhold':
      return from === 'N22';
  }
}

/** Before the parcel is in transit: the only time a cancel is possible (DOMAIN: "after in
 * transit no cancel or change"; Cafe24 sends post-shipping cases through returns). */
export function isCancellable(s: OrderStatus): boolean {
  return s === 'N00' || s === 'N02' || PREPARING.has(s) || s === 'C00' || s === 'C10' || s === 'C34';
}

/** A buyer may ask to cancel while unpaid or being prepared. */
export function canRequestCancel(s: OrderStatus): boolean {
  return s === 'N00' || s === 'N02' || s === 'N10' || s === 'N20' || s === 'N21' || s === 'N22';
}

const RETURN_OPEN: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'R00', 'R10', 'R12', 'R13', 'R20', 'R30', 'R31', 'R34', 'R36',
]);
/** Returns start from shipped goods, or continue an open return. */
export function isReturnable(s: OrderStatus): boolean {
  return s === 'N30' || s === 'N40' || s === 'N50' || RETURN_OPEN.has(s);
}

export function canRequestReturnOrExchange(s: OrderStatus): boolean {
  return s === 'N30' || s === 'N40' || s === 'N50';
}

const EXCHANGE_OPEN: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'E00', 'E10', 'E12', 'E13', 'E20', 'E30', 'E31', 'E32', 'E33', 'E34', 'E36',
]);
export function isExchangeable(s: OrderStatus): boolean {
  return s === 'N30' || s === 'N40' || s === 'N50' || EXCHANGE_OPEN.has(s);
}

export function isShipped(s: OrderStatus): boolean {
  return s === 'N30' || s === 'N40' || s === 'N50';
}

/** Items that still belong to the sale (not cancelled, returned or exchanged away). */
export function isLive(s: OrderStatus): boolean {
  return s.startsWith('N') || s === 'C00' || s === 'C11' || s === 'R00' || s === 'R11' || s === 'E00' || s === 'E11';
}

// ---- order-level summaries ----

/** `shipping_status`: F before shipping, M shipping, T delivered, W on hold (reference §7). */
export function deriveShippingStatus(statuses: OrderStatus[]): 'F' | 'M' | 'T' | 'W' | null {
  const live = statuses.filter((s) => s.startsWith('N'));
  const considered = live.length > 0 ? live : statuses;
  if (considered.length === 0) return null;
  if (considered.every((s) => s === 'N40' || s === 'N50' || !s.startsWith('N'))) {
    return considered.some((s) => s === 'N40' || s === 'N50') ? 'T' : 'F';
  }
  if (considered.some((s) => s === 'N30' || s === 'N40' || s === 'N50')) return 'M';
  if (considered.some((s) => s === 'N22')) return 'W';
  return 'F';
}

/** `canceled`: T every item cancelled, M some, F none. */
export function deriveCanceled(statuses: OrderStatus[]): 'T' | 'F' | 'M' {
  const done = statuses.filter((s) => s === 'C40' || s === 'C41' || s === 'C42' || s === 'C43' || s === 'C47' || s === 'C48' || s === 'C49');
  if (done.length === 0) return 'F';
  return done.length === statuses.length ? 'T' : 'M';
}

/**
 * Cafe24 keeps status per order item (`order_status`, reference §7). This maps each documented
 * code to the sheet's small status set. Codes of items that were never paid map to null: they
 * are not orders yet for the manufacturer (DOMAIN: unpaid orders are excluded).
 */
import type { ClaimKind, OrderLineStatus } from '../../core/order';

export const CAFE24_ORDER_STATUSES = [
  'N00', 'N01', 'N02', 'N03', 'N10', 'N20', 'N21', 'N22', 'N30', 'N40', 'N50',
  'C00', 'C10', 'C11', 'C34', 'C35', 'C36', 'C40', 'C41', 'C42', 'C43', 'C47', 'C48', 'C49',
  'R00', 'R10', 'R11', 'R12', 'R13', 'R20', 'R30', 'R31', 'R34', 'R36', 'R40', 'R41', 'R42', 'R43',
  'E00', 'E10', 'E11', 'E12', 'E13', 'E20', 'E30', 'E31', 'E32', 'E33', 'E34', 'E35', 'E36', 'E40',
] as const;
export type Cafe24OrderStatus = (typeof CAFE24_ORDER_STATUSES)[number];

export function isCafe24OrderStatus(code: string): code is Cafe24OrderStatus {
  return (CAFE24_ORDER_STATUSES as readonly string[]).includes(code);
}

export interface LineState {
  readonly status: OrderLineStatus;
  readonly claim: ClaimKind | null;
}

const line = (status: OrderLineStatus, claim: ClaimKind | null = null): LineState => ({ status, claim });

/**
 * Each code's meaning for the sheet. null = never paid (N00 before deposit, N02 being received,
 * C47–C49 cancelled before payment). Rejected requests (C11, R11, E11) carry on where the item
 * was before the claim; see `lineStateOf`.
 */
const TABLE: Readonly<Record<Cafe24OrderStatus, LineState | null>> = {
  N00: null,
  N02: null,
  N10: line('paid'), // 상품준비중: Cafe24's "paid, not yet worked on"
  N20: line('preparing'), // 배송준비중
  N22: line('preparing'), // 배송보류: on hold, still not shipped
  N21: line('standby'), // 배송대기: tracking number registered
  N30: line('shipping'),
  N40: line('delivered'),
  N50: line('delivered'), // 구매확정
  N01: line('exchangeRequested', 'exchange'), // the replacement item, ships once the exchange completes
  N03: line('exchangeRequested', 'exchange'),
  C00: line('cancelRequested', 'cancel'),
  C10: line('cancelRequested', 'cancel'),
  C34: line('cancelRequested', 'cancel'),
  C35: line('cancelRequested', 'cancel'),
  C36: line('cancelRequested', 'cancel'),
  C11: line('paid'), // request rejected: back in the normal flow
  C40: line('refunded', 'cancel'), // 취소완료: cancelled and refunded
  C41: line('cancelled', 'cancel'),
  C42: line('cancelled', 'cancel'),
  C43: line('cancelled', 'cancel'),
  C47: null,
  C48: null,
  C49: null,
  R00: line('returnRequested', 'return'),
  R10: line('returnRequested', 'return'),
  R12: line('returnRequested', 'return'),
  R13: line('returnRequested', 'return'),
  R20: line('returnRequested', 'return'),
  R30: line('returnRequested', 'return'),
  R31: line('returnRequested', 'return'),
  R34: line('returnRequested', 'return'),
  R36: line('returnRequested', 'return'),
  R11: line('delivered'),
  R40: line('refunded', 'return'), // 반품완료 - 환불완료
  R41: line('returned', 'return'),
  R42: line('returned', 'return'),
  R43: line('returned', 'return'),
  E00: line('exchangeRequested', 'exchange'),
  E10: line('exchangeRequested', 'exchange'),
  E12: line('exchangeRequested', 'exchange'),
  E13: line('exchangeRequested', 'exchange'),
  E20: line('exchangeRequested', 'exchange'),
  E30: line('exchangeRequested', 'exchange'),
  E31: line('exchangeRequested', 'exchange'),
  E32: line('exchangeRequested', 'exchange'),
  E33: line('exchangeRequested', 'exchange'),
  E34: line('exchangeRequested', 'exchange'),
  E35: line('exchangeRequested', 'exchange'),
  E36: line('exchangeRequested', 'exchange'),
  E11: line('delivered'),
  E40: line('exchanged', 'exchange'),
};

/** Codes whose item was never paid. */
export const NEVER_PAID_STATUSES: readonly Cafe24OrderStatus[] = CAFE24_ORDER_STATUSES.filter((c) => TABLE[c] === null);

/**
 * The sheet's state of an item, or null when it was never paid. A rejected request (C11/R11/E11)
 * resumes the state the item had before the claim (`order_status_before_cs`) when Cafe24 says
 * what it was, else the table's default.
 */
export function lineStateOf(code: Cafe24OrderStatus, beforeClaim?: string | null): LineState | null {
  if ((code === 'C11' || code === 'R11' || code === 'E11') && beforeClaim && isCafe24OrderStatus(beforeClaim)) {
    const before = TABLE[beforeClaim];
    if (before !== null && before.claim === null) return before;
  }
  return TABLE[code];
}

/** True for statuses of the normal (not-claim) flow, where the order-level `paid` must be T. */
export function isFulfilmentStatus(code: Cafe24OrderStatus): boolean {
  return code.startsWith('N');
}

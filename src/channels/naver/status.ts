/**
 * Naver keeps state per product order: `productOrderStatus` (A4), and while a claim is open or
 * was answered, `claimType` and `claimStatus`. This maps them to the sheet's statuses and claim
 * phases. The row keeps all three as its raw status, "DELIVERED RETURN:COLLECT_DONE", so where a
 * claim stands can be told from the row alone (claims.stateOf).
 */
import type { MallClaimState } from '../../core/claims';
import type { ClaimKind, OrderLineStatus } from '../../core/order';

export const PRODUCT_ORDER_STATUSES = ['PAYMENT_WAITING', 'PAYED', 'DELIVERING', 'DELIVERED', 'PURCHASE_DECIDED', 'EXCHANGED', 'CANCELED', 'RETURNED', 'CANCELED_BY_NOPAYMENT'] as const;
export const CLAIM_TYPES = ['CANCEL', 'RETURN', 'EXCHANGE', 'PURCHASE_DECISION_HOLDBACK', 'ADMIN_CANCEL'] as const;

/** What Naver shows of a product order. */
export interface NaverState {
  readonly productOrderStatus: string;
  readonly placeOrderStatus?: string | null;
  readonly claimType?: string | null;
  readonly claimStatus?: string | null;
}

export interface LineState {
  readonly status: OrderLineStatus;
  readonly claim: ClaimKind | null;
}

const FLOW: Readonly<Record<string, OrderLineStatus | null>> = {
  PAYMENT_WAITING: null,
  CANCELED_BY_NOPAYMENT: null,
  PAYED: 'paid',
  DELIVERING: 'shipping',
  DELIVERED: 'delivered',
  PURCHASE_DECIDED: 'delivered',
  CANCELED: 'cancelled',
  RETURNED: 'returned',
  EXCHANGED: 'exchanged',
};

const KIND: Readonly<Record<string, ClaimKind>> = { CANCEL: 'cancel', ADMIN_CANCEL: 'cancel', RETURN: 'return', EXCHANGE: 'exchange' };

type Phase = 'requested' | 'accepted' | 'done' | 'rejected';
/**
 * The phase of each claim status. Return and exchange requests are 'requested' until the goods
 * are on their way back (COLLECTING, COLLECT_DONE: Naver arranges the pickup itself, so that is
 * where the seller's "accepted" begins); an exchange being sent again is still being worked.
 */
const PHASE: Readonly<Record<string, Phase>> = {
  CANCEL_REQUEST: 'requested',
  CANCELING: 'accepted',
  CANCEL_DONE: 'done',
  CANCEL_REJECT: 'rejected',
  ADMIN_CANCELING: 'accepted',
  ADMIN_CANCEL_DONE: 'done',
  ADMIN_CANCEL_REJECT: 'rejected',
  RETURN_REQUEST: 'requested',
  EXCHANGE_REQUEST: 'requested',
  COLLECTING: 'accepted',
  COLLECT_DONE: 'accepted',
  EXCHANGE_REDELIVERING: 'accepted',
  RETURN_DONE: 'done',
  EXCHANGE_DONE: 'done',
  RETURN_REJECT: 'rejected',
  EXCHANGE_REJECT: 'rejected',
};

const OPEN_STATUS: Readonly<Record<ClaimKind, OrderLineStatus>> = { cancel: 'cancelRequested', return: 'returnRequested', exchange: 'exchangeRequested' };
const DONE_STATUS: Readonly<Record<ClaimKind, OrderLineStatus>> = { cancel: 'cancelled', return: 'returned', exchange: 'exchanged' };

/** The sheet's state of a product order; null when it was never paid (unpaid orders are not orders yet). */
export function lineStateOf(s: NaverState): LineState | null {
  const flow = FLOW[s.productOrderStatus];
  if (flow === null || flow === undefined) return null;
  const base: LineState = { status: flow === 'paid' && s.placeOrderStatus === 'OK' ? 'preparing' : flow, claim: null };
  const kind = s.claimType ? KIND[s.claimType] : undefined;
  const phase = s.claimStatus ? PHASE[s.claimStatus] : undefined;
  if (kind === undefined || phase === undefined || phase === 'rejected') {
    // A claim that ended in the claim's own final status carries its kind (CANCELED with CANCEL_DONE…).
    if (flow === 'cancelled') return { status: flow, claim: 'cancel' };
    if (flow === 'returned') return { status: flow, claim: 'return' };
    if (flow === 'exchanged') return { status: flow, claim: 'exchange' };
    return base;
  }
  return { status: phase === 'done' ? DONE_STATUS[kind] : OPEN_STATUS[kind], claim: kind };
}

/** "DELIVERED", or "DELIVERED RETURN:COLLECT_DONE" while a claim is on the product order. */
export function rawStatusOf(s: NaverState): string {
  return s.claimType && s.claimStatus ? `${s.productOrderStatus} ${s.claimType}:${s.claimStatus}` : s.productOrderStatus;
}

/** Where a claim stands, from a row's raw status; null for a code Naver does not document. */
export function claimStateOf(raw: string): MallClaimState | null {
  const m = /^([A-Z_]+)(?: ([A-Z_]+):([A-Z_]+))?$/.exec(raw.trim());
  if (!m || !(PRODUCT_ORDER_STATUSES as readonly string[]).includes(m[1]!)) return null;
  if (m[2] === undefined) return { claim: null, phase: 'none' };
  if (!(CLAIM_TYPES as readonly string[]).includes(m[2])) return null;
  const kind = KIND[m[2]];
  // A purchase-decision holdback is not a claim the sheet answers.
  if (kind === undefined) return { claim: null, phase: 'none' };
  const phase = PHASE[m[3]!];
  if (phase === undefined) return null;
  return { claim: kind, phase };
}

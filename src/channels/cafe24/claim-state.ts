/**
 * Where a claim stands at Cafe24, from an item's `order_status` (reference §7's code table): the
 * letter says which claim (C cancel, R return, E exchange), the number how far it is. A normal
 * code (N…) on an item that had a claim means the buyer withdrew it.
 */
import type { MallClaimState } from '../../core/claims';
import type { ClaimKind } from '../../core/order';
import { isCafe24OrderStatus, type Cafe24OrderStatus } from './order-status';

const KIND: Readonly<Record<string, ClaimKind>> = { C: 'cancel', R: 'return', E: 'exchange' };

/** Requests not yet answered. */
const REQUESTED: ReadonlySet<Cafe24OrderStatus> = new Set<Cafe24OrderStatus>(['C00', 'R00', 'E00']);
/** Answered "no" (C11 cancel, R11 return, E11 exchange request rejected). */
const REJECTED: ReadonlySet<Cafe24OrderStatus> = new Set<Cafe24OrderStatus>(['C11', 'R11', 'E11']);
/**
 * Finished: cancelled (C40–C43, and C47–C49 before payment), returned (R40–R43), exchanged
 * (E40). Refund states after the goods are done count as done: the refund is the mall's affair.
 */
const DONE: ReadonlySet<Cafe24OrderStatus> = new Set<Cafe24OrderStatus>(['C40', 'C41', 'C42', 'C43', 'C47', 'C48', 'C49', 'R40', 'R41', 'R42', 'R43', 'E40']);

/** null for a code Cafe24 does not document. Every other C/R/E code is a claim being worked. */
export function claimStateOf(code: string): MallClaimState | null {
  if (!isCafe24OrderStatus(code)) return null;
  const kind = KIND[code[0]!];
  if (kind === undefined) return { claim: null, phase: 'none' };
  if (REQUESTED.has(code)) return { claim: kind, phase: 'requested' };
  if (REJECTED.has(code)) return { claim: kind, phase: 'rejected' };
  if (DONE.has(code)) return { claim: kind, phase: 'done' };
  return { claim: kind, phase: 'accepted' };
}

/**
 * The partner ledger: every money movement between the manufacturer and a partner, append-only.
 * Balances are derived from it; a past entry is never rewritten (a correction is a new entry).
 *
 * SIGN CONVENTION — amounts are signed from the partner's balance point of view:
 *   negative = the partner owes it (weekly settlement of shipped wholesale, monthly shipping fee);
 *   positive = in the partner's favour (payment received, sales incentive, return credit).
 * So balance = Σ amounts; a prepaid deposit is a positive balance, credit use a negative one.
 *
 * Entries the settlement generates have ids made of (partner, period, type), e.g.
 * `PNR002:2026-W47:settlement`, so re-running a period produces the same ids and `post` adds
 * nothing twice. Payments and adjustments carry the caller's reference (bank transaction, memo
 * number) in their id for the same reason.
 */
import { assertKrw, type Krw } from './krw';
import type { SettlementMode } from './partner';
import type { MonthlyShippingFee, WeeklyStatement } from './settlement';

export const LEDGER_ENTRY_TYPES = ['settlement', 'incentive', 'shippingFee', 'returnCredit', 'payment', 'adjustment'] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

/** Korean labels for the sheet. */
export const LEDGER_ENTRY_LABELS: Readonly<Record<LedgerEntryType, string>> = {
  settlement: '주간 정산',
  incentive: '영업 장려금',
  shippingFee: '배송비',
  returnCredit: '반품 공제',
  payment: '입금',
  adjustment: '수동 조정',
};

export interface LedgerEntry {
  /** Deterministic: `partner:period:type` for settlement-generated entries. */
  readonly id: string;
  /** When it takes effect, epoch ms. */
  readonly at: number;
  readonly partnerId: string;
  readonly type: LedgerEntryType;
  /** Signed whole won: negative = owed by the partner, positive = in its favour. */
  readonly amount: Krw;
  /** The period label (`2026-W47`, `2026-11`) or the payment/adjustment reference. */
  readonly reference: string;
  /** Required for adjustments. */
  readonly reason?: string;
  /** The order item keys behind the figure, for tracing. */
  readonly items?: readonly string[];
}

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
}

export const ledgerId = (partnerId: string, period: string, type: LedgerEntryType): string => `${partnerId}:${period}:${type}`;

function checkEntry(e: LedgerEntry): LedgerEntry {
  if (!e.id) throw new LedgerError('a ledger entry needs an id (원장 항목에 ID가 없습니다)');
  if (!(LEDGER_ENTRY_TYPES as readonly string[]).includes(e.type)) throw new LedgerError(`unknown ledger entry type ${String(e.type)} (${e.id})`);
  if (!Number.isFinite(e.at)) throw new LedgerError(`ledger entry ${e.id} has no valid time`);
  assertKrw(e.amount, `ledger entry ${e.id}`);
  if (e.type === 'adjustment' && !e.reason?.trim()) throw new LedgerError(`adjustment ${e.id} needs a reason (수동 조정에는 사유가 필요합니다)`);
  return e;
}

// ---------------------------------------------------------------------------------------------
// entries from the settlement

/**
 * The weekly movements of a statement, all at the week's end (next Monday 00:00 KST): the shipped
 * wholesale (−), the returns credited (+) and the incentive (+). Net of the first two = the
 * statement's amountDue. A zero figure makes no entry (no movement, no row).
 */
export function weeklyEntries(s: WeeklyStatement): LedgerEntry[] {
  const make = (type: LedgerEntryType, amount: Krw, items: readonly string[]): LedgerEntry => ({
    id: ledgerId(s.partnerId, s.period, type),
    at: s.week.end,
    partnerId: s.partnerId,
    type,
    amount,
    reference: s.period,
    items,
  });
  const out: LedgerEntry[] = [];
  if (s.wholesale !== 0) out.push(make('settlement', -s.wholesale, s.trace.shipped));
  if (s.returnCredit !== 0) out.push(make('returnCredit', s.returnCredit, s.trace.returned));
  if (s.incentive !== 0) out.push(make('incentive', s.incentive, s.trace.shipped));
  return out;
}

/** The month's shipping fee (−), at the month's end (the 1st of the next month 00:00 KST). */
export function monthlyEntries(f: MonthlyShippingFee): LedgerEntry[] {
  if (f.fee === 0) return [];
  return [{ id: ledgerId(f.partnerId, f.period, 'shippingFee'), at: f.month.end, partnerId: f.partnerId, type: 'shippingFee', amount: -f.fee, reference: f.period, items: f.items }];
}

/** A payment received from the partner (amount > 0); the reference (bank transaction) makes it unique. */
export function paymentEntry(p: { partnerId: string; at: number; amount: Krw; reference: string }): LedgerEntry {
  if (!p.reference.trim()) throw new LedgerError('a payment needs a reference (입금 참조번호가 필요합니다)');
  if (!(assertKrw(p.amount, 'payment') > 0)) throw new LedgerError(`a payment must be above 0, got ${p.amount} (입금액은 0보다 커야 합니다)`);
  return checkEntry({ id: `${p.partnerId}:payment:${p.reference}`, at: p.at, partnerId: p.partnerId, type: 'payment', amount: p.amount, reference: p.reference });
}

/** A manual adjustment (signed, see the sign convention), with its reason. */
export function adjustmentEntry(a: { partnerId: string; at: number; amount: Krw; reference: string; reason: string }): LedgerEntry {
  if (!a.reference.trim()) throw new LedgerError('an adjustment needs a reference (조정 참조번호가 필요합니다)');
  return checkEntry({ id: `${a.partnerId}:adjustment:${a.reference}`, at: a.at, partnerId: a.partnerId, type: 'adjustment', amount: a.amount, reference: a.reference, reason: a.reason });
}

// ---------------------------------------------------------------------------------------------
// posting (append-only, idempotent)

const sameEntry = (a: LedgerEntry, b: LedgerEntry): boolean =>
  a.id === b.id && a.at === b.at && a.partnerId === b.partnerId && a.type === b.type && a.amount === b.amount && a.reference === b.reference && (a.reason ?? '') === (b.reason ?? '');

/**
 * The entries to append: those whose id is not in the ledger yet (nor earlier in `newEntries`).
 * Posting the same period twice returns nothing the second time. An entry whose id is already
 * there is never rewritten, even if its amount differs — see `postingConflicts` / `corrections`.
 */
export function post(existing: readonly LedgerEntry[], newEntries: readonly LedgerEntry[]): LedgerEntry[] {
  const ids = new Set(existing.map((e) => e.id));
  const out: LedgerEntry[] = [];
  for (const e of newEntries) {
    if (ids.has(e.id)) continue;
    ids.add(e.id);
    out.push(checkEntry(e));
  }
  return out;
}

/** New entries whose id is already posted with different content (a period re-run on changed rows). */
export function postingConflicts(existing: readonly LedgerEntry[], newEntries: readonly LedgerEntry[]): Array<{ posted: LedgerEntry; proposed: LedgerEntry }> {
  const byId = new Map<string, LedgerEntry>();
  for (const e of existing) if (!byId.has(e.id)) byId.set(e.id, e);
  const out: Array<{ posted: LedgerEntry; proposed: LedgerEntry }> = [];
  for (const e of newEntries) {
    const posted = byId.get(e.id);
    if (posted !== undefined && !sameEntry(posted, e)) out.push({ posted, proposed: e });
  }
  return out;
}

const CORRECTION = ':correction:';

/** The entry types the settlement generates per (partner, period). */
export const GENERATED_TYPES: readonly LedgerEntryType[] = ['settlement', 'returnCredit', 'incentive', 'shippingFee'];

/**
 * When a re-run of a period gives a different figure than the one posted (a late shipment row, a
 * fixed price), the posted entry stays and an adjustment brings its effective total (the entry plus
 * its earlier corrections) to the new figure. A figure whose entry is not posted yet is left to
 * `post`. Zero figures make no entry, so list the re-run periods in `rerun`: a posted generated
 * entry of such a period that the re-run no longer produces is corrected to 0. The ids are
 * deterministic (`<id>:correction:<n>`): once posted, running again yields nothing.
 */
export function corrections(
  existing: readonly LedgerEntry[],
  regenerated: readonly LedgerEntry[],
  at: number,
  rerun: ReadonlyArray<{ readonly partnerId: string; readonly period: string }> = [],
): LedgerEntry[] {
  const byId = new Map<string, LedgerEntry>();
  for (const e of existing) if (!byId.has(e.id)) byId.set(e.id, e);
  const targets = new Map<string, { amount: Krw; items?: readonly string[] }>();
  for (const e of regenerated) if (!targets.has(e.id)) targets.set(e.id, e.items ? { amount: e.amount, items: e.items } : { amount: e.amount });
  for (const { partnerId, period } of rerun) {
    for (const type of GENERATED_TYPES) {
      const id = ledgerId(partnerId, period, type);
      if (!targets.has(id)) targets.set(id, { amount: 0, items: [] });
    }
  }
  const out: LedgerEntry[] = [];
  for (const [id, target] of targets) {
    const posted = byId.get(id);
    if (posted === undefined) continue; // not posted yet: that is `post`'s job
    // compared with the effective figure (original + earlier corrections), so going back also corrects
    const prior = existing.filter((e) => e.id.startsWith(id + CORRECTION));
    const effective = prior.reduce((sum, e) => assertKrw(sum + e.amount, 'correction'), posted.amount);
    const delta = assertKrw(target.amount - effective, 'correction');
    if (delta === 0) continue;
    out.push(
      checkEntry({
        id: `${id}${CORRECTION}${prior.length + 1}`,
        at,
        partnerId: posted.partnerId,
        type: 'adjustment',
        amount: delta,
        reference: id,
        reason: `${LEDGER_ENTRY_LABELS[posted.type]} 재계산 차액 (${posted.reference})`,
        ...(target.items ? { items: target.items } : {}),
      }),
    );
  }
  return out;
}

/**
 * The partner's balance from its entries (at or before `at`, when given). An id that appears more
 * than once counts once, so a ledger appended to twice by mistake does not double.
 */
export function balanceOf(entries: readonly LedgerEntry[], partnerId: string, at?: number): Krw {
  const seen = new Set<string>();
  let balance: Krw = 0;
  for (const e of entries) {
    if (e.partnerId !== partnerId || seen.has(e.id)) continue;
    seen.add(e.id);
    if (at !== undefined && e.at > at) continue;
    balance = assertKrw(balance + e.amount, `balance of ${partnerId}`);
  }
  return balance;
}

// ---------------------------------------------------------------------------------------------
// shipping hold

export interface HoldTerms {
  readonly mode: SettlementMode;
  /** Credit mode: how far below zero the balance may go (≥ 0). Ignored for deposit. */
  readonly creditLimit: Krw;
}

export interface HoldDecision {
  readonly hold: boolean;
  /** Korean, for the sheet and the sidebar. */
  readonly reason: string;
  /** The lowest balance allowed: 0 for deposit, −creditLimit for credit. */
  readonly floor: Krw;
  /** Balance after the next amount. */
  readonly projected: Krw;
  /** What the partner must pay to ship (0 when not held). */
  readonly shortfall: Krw;
}

/** 1234567 → `1,234,567원`, −500 → `-500원`. */
export function formatWon(amount: Krw): string {
  const digits = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount < 0 ? '-' : ''}${digits}원`;
}

/**
 * Whether the partner's new orders are held from shipping. `nextAmount` (≥ 0) is what the next
 * shipment would charge. Deposit: held when the balance would go below 0 (exactly 0 ships).
 * Credit: held when it would go below −creditLimit (exactly at the limit ships, one won over holds).
 */
export function shippingHold(partner: HoldTerms, balance: Krw, nextAmount: Krw = 0): HoldDecision {
  assertKrw(balance, 'balance');
  if (assertKrw(nextAmount, 'next amount') < 0) throw new LedgerError(`next amount must not be negative, got ${nextAmount}`);
  if (partner.mode !== 'deposit' && partner.mode !== 'credit') throw new LedgerError(`unknown settlement mode ${String(partner.mode)}`);
  if (partner.mode === 'credit' && assertKrw(partner.creditLimit, 'credit limit') < 0) {
    throw new LedgerError(`credit limit must not be negative, got ${partner.creditLimit} (신용 한도는 0 이상이어야 합니다)`);
  }
  const floor: Krw = partner.mode === 'deposit' ? 0 : -partner.creditLimit;
  const projected = assertKrw(balance - nextAmount, 'projected balance');
  const hold = projected < floor;
  const shortfall = hold ? floor - projected : 0;
  const next = nextAmount > 0 ? `, 출고 예정 ${formatWon(nextAmount)}` : '';
  const reason =
    partner.mode === 'deposit'
      ? hold
        ? `예치금 부족으로 출고 보류: 잔액 ${formatWon(balance)}${next}, ${formatWon(shortfall)} 입금 후 출고됩니다`
        : `예치금 잔액 내 출고 가능: 잔액 ${formatWon(balance)}${next}, 출고 후 잔액 ${formatWon(projected)}`
      : hold
        ? `신용 한도 초과로 출고 보류: 잔액 ${formatWon(balance)}${next}, 한도 ${formatWon(partner.creditLimit)}, ${formatWon(shortfall)} 입금 후 출고됩니다`
        : `신용 한도 내 출고 가능: 잔액 ${formatWon(balance)}${next}, 한도 ${formatWon(partner.creditLimit)}, 남은 한도 ${formatWon(projected - floor)}`;
  return { hold, reason, floor, projected, shortfall };
}

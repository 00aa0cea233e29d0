/**
 * Claims (클레임: cancel, return, exchange) as the manufacturer works them, as pure functions:
 * which order lines are claims and what the claims tab shows of them, what staff must do first,
 * and the next step for a claim given where the mall stands and what staff asked.
 *
 * - A cancel before shipping is accepted through the mall (automatically unless the setting is
 *   off); its units stop being reserved once the mall says cancelled.
 * - After "in transit" no cancel is possible (DOMAIN), so a cancel on an item that had already
 *   shipped is worked as a return: the parcel comes back and is received like one.
 * - A return: 승인 accepts it at the mall; 입고확인 (receipt and classification) completes it,
 *   puts the good units back into warehouse stock and credits the partner the wholesale value of
 *   every returned unit (the reseller refunded its customer, whatever the goods' state).
 * - An exchange: 승인 accepts it; 입고확인 completes it, only then may the replacement ship
 *   (DOMAIN), good units back to stock, no credit (the customer keeps a unit).
 * - 거부 needs a memo: it is the reason the buyer reads.
 * - A completed row (completedAt) does nothing again. A mall that already shows a step done (a
 *   run stopped between the mall's answer and the sheet write) gets no second call: only the
 *   sheet side is finished.
 */
import type { Krw } from './krw';
import type { ClaimKind, OrderLine } from './order';

type Lang = 'ko' | 'en';

export type ClaimType = ClaimKind;
export type ReturnClass = 'good' | 'defective' | 'repairable';
export type StaffAction = 'accept' | 'reject' | 'receive';

/** The CS rule: customer questions are answered within 24 hours (DOMAIN). */
export const ANSWER_WITHIN_MS = 24 * 3_600_000;

/**
 * Where the mall has a claim: asked (requested), being worked (accepted, picked up, on hold),
 * finished (done), refused (rejected); or no claim on the item any more ('none': the buyer took
 * the request back and the item is in the normal flow again).
 */
export type MallClaimState =
  | { readonly claim: ClaimKind; readonly phase: 'requested' | 'accepted' | 'done' | 'rejected' }
  | { readonly claim: null; readonly phase: 'none' };

export type ClaimPhase = MallClaimState['phase'];

/** Still waiting on someone at the mall (an answer, a pickup, a completion). */
export function isOpenAtMall(m: MallClaimState): boolean {
  return m.phase === 'requested' || m.phase === 'accepted';
}

// ---------------------------------------------------------------------------------------------
// claim records from order lines

/** What the claims tab shows of a claim item (the add-on's columns). */
export interface ClaimRecord {
  readonly partnerId: string;
  readonly claimId: string;
  readonly orderId: string;
  readonly itemId: string;
  readonly sku: string | null;
  readonly productName: string;
  readonly quantity: number;
  /** How the manufacturer works it: a cancel after shipping is a return. */
  readonly type: ClaimType;
  /** A cancel request on an item that had already shipped (worked as a return). */
  readonly cancelAfterShipping: boolean;
  readonly reason: string;
  readonly requestedAt: number | null;
  /** requestedAt + 24 h; null when the mall gave no request time. */
  readonly answerBy: number | null;
  readonly mall: MallClaimState;
  /** The mall's own status code (R00), shown beside the label. */
  readonly rawStatus: string;
}

/** Whether an order line carries a claim of its own (the exchange's replacement item does not). */
export function isClaimLine(l: OrderLine): l is OrderLine & { claim: ClaimKind; claimCode: string } {
  return l.claim !== null && l.claimCode !== null && !l.replacement;
}

export function answerByOf(requestedAt: number | null): number | null {
  return requestedAt === null ? null : requestedAt + ANSWER_WITHIN_MS;
}

/** A claim line as a record; `mall` is the channel's reading of the line's status code. */
export function claimRecord(line: OrderLine & { claim: ClaimKind; claimCode: string }, mall: MallClaimState): ClaimRecord {
  const shipped = line.shippedAt !== null || line.trackingNo !== null;
  const cancelAfterShipping = line.claim === 'cancel' && shipped;
  return {
    partnerId: line.partnerId,
    claimId: line.claimCode,
    orderId: line.orderId,
    itemId: line.itemId,
    sku: line.sku,
    productName: line.productName,
    quantity: line.quantity,
    type: cancelAfterShipping ? 'return' : line.claim,
    cancelAfterShipping,
    reason: line.claimReason,
    requestedAt: line.claimRequestedAt,
    answerBy: answerByOf(line.claimRequestedAt),
    mall,
    rawStatus: line.rawStatus,
  };
}

export const claimKeyOf = (c: { partnerId: string; claimId: string; itemId: string }): string => `${c.partnerId}|${c.claimId}|${c.itemId}`;

/** One record per (partner, claim, item); a later line of the same key replaces an earlier one. */
export function claimRecords(lines: readonly OrderLine[], mallStateOf: (l: OrderLine) => MallClaimState | null): ClaimRecord[] {
  const out = new Map<string, ClaimRecord>();
  for (const l of lines) {
    if (!isClaimLine(l)) continue;
    const mall = mallStateOf(l);
    if (mall === null) continue;
    const r = claimRecord(l, mall);
    out.set(claimKeyOf(r), r);
  }
  return [...out.values()];
}

// ---------------------------------------------------------------------------------------------
// labels

const PHASE_WORDS: Readonly<Record<ClaimKind, Readonly<Record<Exclude<ClaimPhase, 'none'>, Readonly<Record<Lang, string>>>>>> = {
  cancel: {
    requested: { ko: '취소요청', en: 'Cancel requested' },
    accepted: { ko: '취소처리중', en: 'Cancelling' },
    done: { ko: '취소완료', en: 'Cancelled' },
    rejected: { ko: '취소거부', en: 'Cancel rejected' },
  },
  return: {
    requested: { ko: '반품요청', en: 'Return requested' },
    accepted: { ko: '반품처리중', en: 'Return in progress' },
    done: { ko: '반품완료', en: 'Returned' },
    rejected: { ko: '반품거부', en: 'Return rejected' },
  },
  exchange: {
    requested: { ko: '교환요청', en: 'Exchange requested' },
    accepted: { ko: '교환처리중', en: 'Exchange in progress' },
    done: { ko: '교환완료', en: 'Exchanged' },
    rejected: { ko: '교환거부', en: 'Exchange rejected' },
  },
};
const WITHDRAWN: Readonly<Record<Lang, string>> = { ko: '요청철회', en: 'Request withdrawn' };

/** "반품요청 (R00)": the claim's state at the mall, with the mall's own code. */
export function claimStatusLabel(mall: MallClaimState, rawStatus: string, lang: Lang = 'ko'): string {
  const word = mall.claim === null ? WITHDRAWN[lang] : PHASE_WORDS[mall.claim][mall.phase][lang];
  return `${word} (${rawStatus})`;
}

/** The note beside a cancel that arrived after shipping (worked as a return). */
export function cancelAfterShippingNote(lang: Lang = 'ko'): string {
  return lang === 'ko' ? '[출고 후 취소요청 → 반품으로 처리]' : '[Cancel after shipping → handled as a return]';
}

// ---------------------------------------------------------------------------------------------
// what staff must do first

export interface TodoInput {
  readonly type: ClaimType;
  readonly mall: MallClaimState;
  readonly answerBy: number | null;
  readonly completedAt: number | null;
}

/** What the row asks of staff: answer late (1), answer (2), receive the goods (3), or nothing. */
export type ClaimTodo =
  | { readonly kind: 'late' }
  | { readonly kind: 'answer'; readonly leftMs: number | null }
  | { readonly kind: 'receive' }
  | null;

export function claimTodo(row: TodoInput, now: number): ClaimTodo {
  if (row.completedAt !== null) return null;
  const m = row.mall;
  if (m.phase === 'requested') {
    if (row.answerBy !== null && now > row.answerBy) return { kind: 'late' };
    return { kind: 'answer', leftMs: row.answerBy === null ? null : row.answerBy - now };
  }
  // A cancel the mall has started but not finished (C10, C34): it still needs 승인 to end.
  if (m.claim === 'cancel' && row.type === 'cancel' && m.phase === 'accepted') return { kind: 'answer', leftMs: null };
  // Goods are on their way back (or already back at the reseller): confirm their receipt.
  if (row.type !== 'cancel' && m.claim !== null && (m.phase === 'accepted' || m.phase === 'done')) return { kind: 'receive' };
  return null;
}

/** Late once the answer-by time has passed: at the answer-by minute itself it is not late yet. */
export function isLate(row: TodoInput, now: number): boolean {
  return claimTodo(row, now)?.kind === 'late';
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** "1 답변기한 초과", "2 답변 필요 (5시간 남음)", "3 입고 확인 필요", "": sorting puts urgent first. */
export function todoText(todo: ClaimTodo, lang: Lang = 'ko'): string {
  if (todo === null) return '';
  if (todo.kind === 'late') return lang === 'ko' ? '1 답변기한 초과' : '1 Answer overdue';
  if (todo.kind === 'receive') return lang === 'ko' ? '3 입고 확인 필요' : '3 Confirm receipt';
  if (todo.leftMs === null) return lang === 'ko' ? '2 답변 필요' : '2 Answer needed';
  const hours = Math.floor(todo.leftMs / HOUR);
  const left = hours >= 1 ? (lang === 'ko' ? `${hours}시간` : `${hours} h`) : lang === 'ko' ? `${Math.floor(todo.leftMs / MINUTE)}분` : `${Math.floor(todo.leftMs / MINUTE)} min`;
  return lang === 'ko' ? `2 답변 필요 (${left} 남음)` : `2 Answer needed (${left} left)`;
}

/**
 * When the row's to-do text will next change by itself (the time left ticks down), or null when
 * only the mall or staff can change it. The sync looks at the tab again then, and not before.
 */
export function nextTodoChange(row: TodoInput, now: number): number | null {
  const todo = claimTodo(row, now);
  if (todo === null || todo.kind !== 'answer' || todo.leftMs === null || row.answerBy === null) return null;
  const unit = todo.leftMs >= HOUR ? HOUR : MINUTE;
  // The text shows whole units left: it changes when the time left drops below the count shown.
  const shown = Math.floor(todo.leftMs / unit) * unit;
  return row.answerBy - shown + 1;
}

/** The first moment the row is late (its answer-by time passed unanswered), or null if it cannot be. */
export function lateFrom(row: TodoInput): number | null {
  return row.completedAt === null && row.mall.phase === 'requested' && row.answerBy !== null ? row.answerBy + 1 : null;
}

// ---------------------------------------------------------------------------------------------
// the next step

export interface ClaimSettings {
  /** Accept cancel requests of unshipped items without waiting for staff (default on). */
  readonly autoAcceptCancel: boolean;
}

export const DEFAULT_CLAIM_SETTINGS: ClaimSettings = { autoAcceptCancel: true };

/** What staff answered on a claim row, and when the add-on finished it (null = blank). */
export interface StaffAnswer {
  readonly action: StaffAction | null;
  readonly memo: string;
  readonly receivedAt: number | null;
  readonly classification: ReturnClass | null;
  /** As typed (may be fractional or negative: refused); null when blank. */
  readonly quantityToStock: number | null;
  readonly completedAt: number | null;
}

/** A claim row as the next step needs it; cells already read into values (null = blank). */
export interface ClaimRowState extends StaffAnswer {
  readonly type: ClaimType;
  readonly mall: MallClaimState;
  /** Units in the claim. */
  readonly quantity: number;
  /** Wholesale price of the claim's SKU from the products tab; null when the SKU is not there. */
  readonly wholesalePrice: Krw | null;
}

export type ClaimCommand =
  /** Cancel at the mall (`auto`: the setting did it, not staff). */
  | { readonly kind: 'acceptCancel'; readonly auto: boolean }
  /** Refuse the buyer's request of that kind at the mall; `reason` is shown to the buyer. */
  | { readonly kind: 'reject'; readonly claim: ClaimKind; readonly reason: string }
  | { readonly kind: 'acceptReturn' }
  /** `callMall` false: the mall already shows it complete; only the sheet side is left. */
  | { readonly kind: 'completeReturn'; readonly callMall: boolean; readonly restock: number; readonly credit: Krw }
  | { readonly kind: 'acceptExchange' }
  | { readonly kind: 'completeExchange'; readonly callMall: boolean; readonly restock: number }
  | { readonly kind: 'none' }
  /** Staff asked for something that cannot be done now; the reason goes to the row's status. */
  | { readonly kind: 'refuse'; readonly reason: string };

/** The commands that call the mall. */
export type MallCommand =
  | Extract<ClaimCommand, { kind: 'acceptCancel' | 'reject' | 'acceptReturn' | 'acceptExchange' }>
  | (Extract<ClaimCommand, { kind: 'completeReturn' | 'completeExchange' }> & { readonly callMall: true });

export function callsMall(c: ClaimCommand): c is MallCommand {
  if (c.kind === 'completeReturn' || c.kind === 'completeExchange') return c.callMall;
  return c.kind === 'acceptCancel' || c.kind === 'reject' || c.kind === 'acceptReturn' || c.kind === 'acceptExchange';
}

const NONE: ClaimCommand = { kind: 'none' };
const refuse = (reason: string): ClaimCommand => ({ kind: 'refuse', reason });

const CLAIM_WORD: Readonly<Record<ClaimKind, string>> = { cancel: '취소', return: '반품', exchange: '교환' };

export function nextCommand(row: ClaimRowState, settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS): ClaimCommand {
  if (row.completedAt !== null) return NONE;
  const m = row.mall;
  // The buyer took the request back: nothing is left to answer.
  if (m.claim === null) return NONE;
  if (m.phase === 'rejected') {
    // Our own rejection shows up here too, with the action cell still saying 거부.
    return row.action === null || row.action === 'reject' ? NONE : refuse(`이미 거부된 ${CLAIM_WORD[m.claim]} 요청입니다`);
  }
  if (row.action === 'reject') return rejectCommand(row, m.claim, m.phase);
  if (row.type === 'cancel') return cancelCommand(row, m.phase, settings);
  return goodsBackCommand(row, m.claim, m.phase);
}

function rejectCommand(row: ClaimRowState, claim: ClaimKind, phase: 'requested' | 'accepted' | 'done'): ClaimCommand {
  if (phase === 'done') return refuse(`이미 완료된 ${CLAIM_WORD[claim]}는 거부할 수 없습니다`);
  if (phase === 'accepted') return refuse(`이미 승인된 ${CLAIM_WORD[claim]}는 거부할 수 없습니다`);
  const reason = row.memo.trim();
  if (!reason) return refuse('거부하려면 메모(거부 사유)를 적어 주세요. 고객에게 보이는 사유입니다');
  return { kind: 'reject', claim, reason };
}

/** A cancel before shipping: nothing comes back, so there is nothing to receive. */
function cancelCommand(row: ClaimRowState, phase: 'requested' | 'accepted' | 'done', settings: ClaimSettings): ClaimCommand {
  if (row.action === 'receive') return refuse('출고 전 취소에는 입고확인이 없습니다 (돌아올 상품이 없습니다)');
  if (phase === 'done') return NONE;
  if (row.action === 'accept') return { kind: 'acceptCancel', auto: false };
  return settings.autoAcceptCancel ? { kind: 'acceptCancel', auto: true } : NONE;
}

/**
 * A return or an exchange (or a cancel after shipping, whose parcel comes back): 승인 accepts at
 * the mall; 입고확인 completes, accepting first when the mall has not yet (the next run then
 * completes); a mall that already shows it done gets no call, only the sheet side is finished.
 */
function goodsBackCommand(row: ClaimRowState, claim: ClaimKind, phase: 'requested' | 'accepted' | 'done'): ClaimCommand {
  const accept: ClaimCommand = claim === 'cancel' ? { kind: 'acceptCancel', auto: false } : claim === 'return' ? { kind: 'acceptReturn' } : { kind: 'acceptExchange' };
  if (row.action === 'accept') return phase === 'requested' ? accept : NONE;
  if (row.action !== 'receive') return NONE;
  const receipt = checkReceipt(row);
  if (typeof receipt === 'string') return refuse(receipt);
  // A cancel after shipping ends at the mall once cancelled; the parcel's return is the sheet's.
  if (phase === 'requested' || (claim === 'cancel' && phase === 'accepted')) return accept;
  const callMall = phase === 'accepted';
  if (row.type === 'exchange') return { kind: 'completeExchange', callMall, restock: receipt.restock };
  return { kind: 'completeReturn', callMall, restock: receipt.restock, credit: receipt.credit };
}

/** What 입고확인 needs: when received, how sorted, how many go back on the shelf, and the price. */
function checkReceipt(row: ClaimRowState): { restock: number; credit: Krw } | string {
  const problems: string[] = [];
  if (row.receivedAt === null) problems.push('입고일시를 입력하세요');
  if (row.classification === null) problems.push('분류(정품/불량/수선)를 선택하세요');
  if (problems.length > 0) return `입고확인 불가: ${problems.join(', ')}`;
  const restock = row.quantityToStock ?? (row.classification === 'good' ? row.quantity : 0);
  if (!Number.isInteger(restock)) return `재입고수량은 정수여야 합니다 (${restock})`;
  if (restock < 0) return `재입고수량은 0 이상이어야 합니다 (${restock})`;
  if (restock > row.quantity) return `재입고수량 ${restock}개가 클레임 수량 ${row.quantity}개보다 많습니다`;
  const needsPrice = row.type === 'return' || restock > 0;
  if (needsPrice && row.wholesalePrice === null) return '상품 탭에서 이 SKU를 찾을 수 없어 재입고/차감액을 계산할 수 없습니다';
  const credit = row.type === 'return' ? creditOf(row.wholesalePrice!, row.quantity) : 0;
  if (credit === null) return '차감액이 너무 큽니다';
  return { restock, credit };
}

/** Wholesale value of the returned units, in whole won (null if past the safe integer range). */
export function creditOf(wholesalePrice: Krw, quantity: number): Krw | null {
  const credit = wholesalePrice * quantity;
  return Number.isSafeInteger(credit) ? credit : null;
}

/**
 * Whether the mall, read again after a command, shows the command's effect. A call the mall
 * refused ("already completed") whose effect is there was done before: not an error.
 */
export function effectShown(command: MallCommand, after: MallClaimState): boolean {
  switch (command.kind) {
    case 'acceptCancel':
      return after.claim === 'cancel' && after.phase === 'done';
    case 'reject':
      return after.phase === 'none' || (after.claim === command.claim && after.phase === 'rejected');
    case 'acceptReturn':
      return after.claim === 'return' && (after.phase === 'accepted' || after.phase === 'done');
    case 'acceptExchange':
      return after.claim === 'exchange' && (after.phase === 'accepted' || after.phase === 'done');
    case 'completeReturn':
      return after.claim === 'return' && after.phase === 'done';
    case 'completeExchange':
      return after.claim === 'exchange' && after.phase === 'done';
  }
}

/** Whether a step that finished at the mall leaves the sheet side (restock, credit) to do now. */
export function finishesRow(command: ClaimCommand): command is Extract<ClaimCommand, { kind: 'completeReturn' | 'completeExchange' }> {
  return command.kind === 'completeReturn' || command.kind === 'completeExchange';
}

/**
 * The ledger tab (원장) as ledger entries (src/core/ledger.ts), and staff's new rows.
 *
 * - A row with a 전표키 (entryId) is posted: it is read as an entry and never written again
 *   (a changed figure is a new correction row; staff's edits of a posted row are put back, see
 *   src/gas/ledger-guard.ts).
 * - A row without one that staff typed (partner, type 입금 or 수동 조정, amount, and for an
 *   adjustment a reason) is recorded by the add-on: it gets its id (`PNR002:payment:<reference>`,
 *   the reference typed in 근거 or one made from the time), its time when left blank, and a
 *   status. Amounts are signed from the partner's balance: a payment is positive; an adjustment
 *   is + in the partner's favour, − owed by it.
 */
import type { Krw } from '../core/krw';
import { adjustmentEntry, LEDGER_ENTRY_TYPES, LedgerError, paymentEntry, type LedgerEntry, type LedgerEntryType } from '../core/ledger';
import type { Partner } from '../core/partner';
import { seoulDayOf } from '../core/seoul-time';
import type { Label } from './schema';
import { cellText, readTable, type TableRow } from './table';
import { LEDGER, LEDGER_TYPES } from './tabs';
import { timeOfCell, wholeOfCell } from './settlement-data';

type Grid = readonly (readonly unknown[])[];

/** What staff may type in 구분: the dropdown's labels, and a few words people use. */
const TYPE_ALIASES: Readonly<Record<string, LedgerEntryType>> = { 조정: 'adjustment', 입금확인: 'payment', 수금: 'payment' };

export function ledgerTypeOf(text: string): LedgerEntryType | null {
  const t = text.trim();
  if (!t) return null;
  for (const [key, l] of Object.entries(LEDGER_TYPES) as Array<[LedgerEntryType, Label]>) {
    if (t === l.ko || t === l.en || t === key) return key;
  }
  return TYPE_ALIASES[t] ?? null;
}

export interface PostedRow {
  readonly row: TableRow;
  readonly entry: LedgerEntry;
}

export interface StaffRow {
  readonly row: TableRow;
  /** The entry to record, or why it cannot be. */
  readonly entry: LedgerEntry | null;
  readonly problems: readonly string[];
  /** The cells as typed, to find the row again just before writing. */
  readonly fingerprint: string;
}

export interface LedgerRead {
  readonly posted: PostedRow[];
  /** Posted rows whose cells cannot be read (ignored for balances, reported). */
  readonly unreadable: Array<{ row: TableRow; problem: string }>;
  readonly staff: StaffRow[];
}

/** The cells that identify a staff row before it has an id. */
export function staffFingerprint(get: (column: string) => unknown): string {
  return JSON.stringify(['partnerId', 'type', 'amount', 'reference', 'reason', 'at'].map((k) => {
    const v = get(k);
    return v instanceof Date ? v.getTime() : cellText(v);
  }));
}

/**
 * Reads the tab. `now` is the time given to a staff row typed without one; `partners` are the
 * partners a staff row may name. References made up for rows typed without one are unique in
 * the tab (`20270201-1`, `20270201-2`, …).
 */
export function readLedger(grid: Grid, partners: readonly Partner[], now: number): LedgerRead {
  const table = readTable(LEDGER, grid);
  const out: LedgerRead = { posted: [], unreadable: [], staff: [] };
  const known = new Set(partners.map((p) => p.partnerId));
  for (const row of table.rows) {
    const id = cellText(row.get('entryId'));
    if (id) {
      const entry = postedEntry(row, id);
      if (typeof entry === 'string') out.unreadable.push({ row, problem: entry });
      else out.posted.push({ row, entry });
    }
  }
  const ids = new Set(out.posted.map((p) => p.entry.id));
  const day = seoulDayOf(now).replace(/-/g, '');
  let seq = 0;
  const madeUp = (): string => {
    for (;;) {
      const ref = `${day}-${++seq}`;
      if (![...ids].some((i) => i.endsWith(`:${ref}`))) return ref;
    }
  };
  for (const row of table.rows) {
    if (cellText(row.get('entryId'))) continue;
    const typed = ['partnerId', 'type', 'amount', 'reference', 'reason'].some((k) => cellText(row.get(k)) !== '');
    if (!typed) continue;
    const problems: string[] = [];
    const partnerId = cellText(row.get('partnerId'));
    if (!partnerId) problems.push('파트너ID를 입력하세요');
    else if (!known.has(partnerId)) problems.push(`파트너 탭에 없는 파트너ID입니다: ${partnerId}`);
    const typeText = cellText(row.get('type'));
    const type = ledgerTypeOf(typeText);
    if (type === null) problems.push(typeText ? `구분은 입금 또는 수동 조정이어야 합니다: "${typeText}"` : '구분(입금 또는 수동 조정)을 고르세요');
    else if (type !== 'payment' && type !== 'adjustment') problems.push(`${LEDGER_TYPES[type].ko} 항목은 정산이 만듭니다. 직접 입력은 입금 또는 수동 조정만 가능합니다`);
    const amount = wholeOfCell(row.get('amount'));
    if (amount === null) problems.push(cellText(row.get('amount')) ? `금액은 원 단위 정수여야 합니다: "${cellText(row.get('amount'))}"` : '금액을 입력하세요');
    else if (amount === 0) problems.push('금액이 0입니다');
    const atCell = row.get('at');
    const typedAt = timeOfCell(atCell);
    if (cellText(atCell) && typedAt === null) problems.push(`일시가 날짜/시각이 아닙니다: "${cellText(atCell)}"`);
    const reason = cellText(row.get('reason'));
    let entry: LedgerEntry | null = null;
    if (problems.length === 0 && type !== null && amount !== null) {
      const reference = cellText(row.get('reference')) || madeUp();
      try {
        entry =
          type === 'payment'
            ? paymentEntry({ partnerId, at: typedAt ?? now, amount: amount as Krw, reference })
            : adjustmentEntry({ partnerId, at: typedAt ?? now, amount: amount as Krw, reference, reason });
        if (ids.has(entry.id)) {
          problems.push(`같은 근거(${reference})로 기록된 ${LEDGER_TYPES[type].ko}이 이미 원장에 있습니다 (${entry.id}). 새 입금이면 근거를 바꾸세요`);
          entry = null;
        } else ids.add(entry.id);
      } catch (e) {
        problems.push(e instanceof LedgerError ? koreanPart(e.message) : String((e as Error).message));
      }
    }
    out.staff.push({ row, entry, problems, fingerprint: staffFingerprint(row.get) });
  }
  return out;
}

/** "a payment must be above 0, got -5 (입금액은 0보다 커야 합니다)" → "입금액은 0보다 커야 합니다". */
function koreanPart(message: string): string {
  return /\(([^()]*[가-힣][^()]*)\)\s*$/.exec(message)?.[1] ?? message;
}

function postedEntry(row: TableRow, id: string): LedgerEntry | string {
  const partnerId = cellText(row.get('partnerId'));
  const type = ledgerTypeOf(cellText(row.get('type')));
  const amount = wholeOfCell(row.get('amount'));
  const at = timeOfCell(row.get('at'));
  if (!partnerId || type === null || amount === null || at === null) return `원장 ${id} 행을 읽을 수 없습니다 (파트너ID·구분·금액·일시 확인)`;
  if (!(LEDGER_ENTRY_TYPES as readonly string[]).includes(type)) return `원장 ${id}: 알 수 없는 구분`;
  const reason = cellText(row.get('reason'));
  return { id, at, partnerId, type, amount, reference: cellText(row.get('reference')), ...(reason ? { reason } : {}) };
}

/** An entry as the tab's cells, by column key. */
export function ledgerCells(e: LedgerEntry, itemsText: string, status = '', voucherNo = ''): Record<string, unknown> {
  return {
    voucherNo,
    entryId: e.id,
    at: new Date(e.at),
    partnerId: e.partnerId,
    type: LEDGER_TYPES[e.type].ko,
    amount: e.amount,
    reference: e.reference,
    reason: e.reason ?? '',
    items: itemsText,
    status,
  };
}

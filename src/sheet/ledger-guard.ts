/**
 * The ledger is append-only: what the add-on posted stays as it was, whatever people do to the
 * tab (type over a cell, paste over rows, delete rows, sort). The add-on keeps each posted entry
 * (src/gas/adapters/ledger-vault.ts); this module compares the tab with what was kept, by key,
 * and says what to put back. Pure: the grid in, the repairs out.
 *
 * Guarded: 전표키 (the entry's id), 일시, 파트너ID, 구분, 금액, 근거, 사유 (what balances, holds and the reseller
 * sheets are made of). 품목 근거 and 처리결과 are the add-on's notes, free to change.
 */
import { formatWon, LEDGER_ENTRY_TYPES, type LedgerEntry } from '../core/ledger';
import type { Krw } from '../core/krw';
import { ledgerTypeOf } from './ledger';
import { timeOfCell, wholeOfCell } from './settlement-data';
import { cellText, readTable, type TableRow } from './table';
import { LEDGER, LEDGER_TYPES } from './tabs';

type Grid = readonly (readonly unknown[])[];

/** A posted entry as the add-on keeps it: the guarded cells. */
export type PostedCells = Pick<LedgerEntry, 'id' | 'at' | 'partnerId' | 'type' | 'amount' | 'reference'> & { readonly reason: string };

/** A reason is kept and compared up to this length (a property value holds 9 KB). */
export const REASON_KEPT = 1_000;

export function postedOf(e: LedgerEntry): PostedCells {
  return { id: e.id, at: e.at, partnerId: e.partnerId, type: e.type, amount: e.amount, reference: e.reference, reason: (e.reason ?? '').slice(0, REASON_KEPT) };
}

export type LedgerRepair =
  /** The entry's row (found by its id, or the row that took its place) gets its cells back. */
  | { readonly kind: 'restore'; readonly row: number; readonly entry: PostedCells; readonly changes: readonly string[] }
  /** The entry's row is gone: a row is put back below row `after` (1: below the header). */
  | { readonly kind: 'reinsert'; readonly after: number; readonly entry: PostedCells }
  /** A 전표키 the add-on did not give to this row (typed, or a copy of a posted row): cleared. */
  | { readonly kind: 'unpost'; readonly row: number; readonly id: string; readonly copy: boolean };

/** Rows a person just changed (an edit event's range): a copy found there is the copy, not the original. */
export interface Touched {
  readonly from: number;
  readonly to: number;
}

const FIELDS = ['at', 'partnerId', 'type', 'amount', 'reference', 'reason'] as const;
const FIELD_LABELS: Readonly<Record<(typeof FIELDS)[number] | 'id', string>> = { id: '전표키', at: '일시', partnerId: '파트너ID', type: '구분', amount: '금액', reference: '근거', reason: '사유' };

/** The guarded cells of a row, read as the ledger reader reads them. */
function cellsOf(row: TableRow) {
  return {
    id: cellText(row.get('entryId')),
    at: timeOfCell(row.get('at')),
    partnerId: cellText(row.get('partnerId')),
    type: ledgerTypeOf(cellText(row.get('type'))),
    amount: wholeOfCell(row.get('amount')),
    reference: cellText(row.get('reference')),
    reason: cellText(row.get('reason')).slice(0, REASON_KEPT),
  };
}

/** Times are compared to the second (a sheet's date cell need not keep milliseconds). */
const sameTime = (a: number | null, b: number) => a !== null && Math.floor(a / 1000) === Math.floor(b / 1000);

function differences(row: TableRow, e: PostedCells): string[] {
  const c = cellsOf(row);
  const out: string[] = [];
  const shown = (k: (typeof FIELDS)[number] | 'id') => cellText(row.get(k === 'id' ? 'entryId' : k)) || '(빈칸)';
  if (c.id !== e.id) out.push(`${FIELD_LABELS.id} ${shown('id')} → ${e.id}`);
  if (!sameTime(c.at, e.at)) out.push(`${FIELD_LABELS.at} ${shown('at')}`);
  if (c.partnerId !== e.partnerId) out.push(`${FIELD_LABELS.partnerId} ${shown('partnerId')} → ${e.partnerId}`);
  if (c.type !== e.type) out.push(`${FIELD_LABELS.type} ${shown('type')} → ${LEDGER_TYPES[e.type].ko}`);
  if (c.amount !== e.amount) out.push(`${FIELD_LABELS.amount} ${c.amount !== null ? formatWon(c.amount as Krw) : shown('amount')} → ${formatWon(e.amount)}`);
  if (c.reference !== e.reference) out.push(`${FIELD_LABELS.reference} ${shown('reference')} → ${e.reference || '(빈칸)'}`);
  if (c.reason !== e.reason) out.push(`${FIELD_LABELS.reason} 변경`);
  return out;
}

/**
 * A row without an id that is this entry as typed (a staff row the add-on was recording when its
 * run stopped, or a posted row whose id cell was cleared): same partner, type, amount and reason,
 * and a reference and time that are blank or the same.
 */
function typedAs(row: TableRow, e: PostedCells): boolean {
  const c = cellsOf(row);
  return (
    c.id === '' && c.partnerId === e.partnerId && c.type === e.type && c.amount === e.amount && c.reason === e.reason &&
    (c.reference === '' || c.reference === e.reference) && (c.at === null || sameTime(c.at, e.at))
  );
}

/**
 * What to do so that the tab holds every kept entry exactly once, as kept. Rows are found by
 * key, so a sort needs nothing. A row whose id is kept but whose cells differ is restored; a kept
 * entry with no row takes the row that lost it (typed again without its id, or overwritten by a
 * paste), else a row is put back after its predecessor; an id the add-on did not give to that
 * row is cleared (a typed payment then goes the ordinary way: recorded, checked, given its id).
 */
export function planRepairs(kept: readonly PostedCells[], grid: Grid, touched?: Touched): LedgerRepair[] {
  const table = readTable(LEDGER, grid);
  const inTouched = (r: TableRow) => touched !== undefined && r.rowNumber >= touched.from && r.rowNumber <= touched.to;
  const byId = new Map<string, TableRow[]>();
  for (const row of table.rows) {
    const id = cellText(row.get('entryId'));
    if (id) byId.set(id, [...(byId.get(id) ?? []), row]);
  }
  const keptIds = new Set(kept.map((e) => e.id));
  const repairs: LedgerRepair[] = [];
  const home = new Map<string, number>();
  // Rows free to take a missing entry: copies and unknown ids (those the person just changed first).
  const free: Array<{ row: TableRow; id: string; copy: boolean }> = [];
  for (const e of kept) {
    const rows = byId.get(e.id);
    if (!rows) continue;
    // The original is the row the person did not just change, and one that still matches.
    const rank = (r: TableRow) => (inTouched(r) ? 2 : 0) + (differences(r, e).length > 0 ? 1 : 0);
    const ordered = [...rows].sort((a, b) => rank(a) - rank(b) || a.rowNumber - b.rowNumber);
    const original = ordered[0]!;
    home.set(e.id, original.rowNumber);
    const changes = differences(original, e);
    if (changes.length > 0) repairs.push({ kind: 'restore', row: original.rowNumber, entry: e, changes });
    for (const copy of ordered.slice(1)) free.push({ row: copy, id: e.id, copy: true });
  }
  for (const [id, rows] of byId) if (!keptIds.has(id)) for (const row of rows) free.push({ row, id, copy: false });
  free.sort((a, b) => Number(inTouched(b.row)) - Number(inTouched(a.row)) || a.row.rowNumber - b.row.rowNumber);
  const idless = table.rows.filter((r) => cellText(r.get('entryId')) === '');
  let anchor = 1;
  const pending: PostedCells[] = [];
  const flush = () => {
    for (const e of pending) repairs.push({ kind: 'reinsert', after: anchor, entry: e });
    pending.length = 0;
  };
  for (const e of kept) {
    const at = home.get(e.id);
    if (at !== undefined) {
      flush();
      anchor = at;
      continue;
    }
    const typed = idless.findIndex((r) => typedAs(r, e));
    const taken = typed >= 0 ? idless.splice(typed, 1)[0]! : free.shift()?.row;
    if (taken) {
      flush();
      repairs.push({ kind: 'restore', row: taken.rowNumber, entry: e, changes: differences(taken, e) });
      home.set(e.id, taken.rowNumber);
      anchor = taken.rowNumber;
    } else pending.push(e);
  }
  flush();
  for (const f of free) repairs.push({ kind: 'unpost', row: f.row.rowNumber, id: f.id, copy: f.copy });
  return repairs;
}

/** The posted entries of a tab, as kept when the add-on first guards a ledger it did not post. */
export function postedInTab(grid: Grid): PostedCells[] {
  const out: PostedCells[] = [];
  const seen = new Set<string>();
  for (const row of readTable(LEDGER, grid).rows) {
    const c = cellsOf(row);
    if (!c.id || seen.has(c.id) || c.at === null || c.type === null || c.amount === null || !c.partnerId) continue;
    if (!(LEDGER_ENTRY_TYPES as readonly string[]).includes(c.type)) continue;
    seen.add(c.id);
    out.push({ id: c.id, at: c.at, partnerId: c.partnerId, type: c.type, amount: c.amount as Krw, reference: c.reference, reason: c.reason });
  }
  return out;
}

/** What a person is told of one repair (log tab), in Korean. */
export function repairText(r: LedgerRepair): string {
  switch (r.kind) {
    case 'restore':
      return `원장 ${r.row}행 ${r.entry.id}: 기록된 전표가 바뀌어 되돌렸습니다 (${r.changes.join(', ')})`;
    case 'reinsert':
      return `원장 ${r.entry.id}: 지워진 전표 행을 ${r.after + 1}행에 되살렸습니다 (${formatWon(r.entry.amount)})`;
    case 'unpost':
      return r.copy
        ? `원장 ${r.row}행: 이미 기록된 전표 ${r.id}의 복사본이어서 전표키를 지웠습니다 (잔액에 들어가지 않습니다)`
        : `원장 ${r.row}행: 전표키 ${r.id}는 애드온이 기록한 것이 아니어서 지웠습니다. 입금·수동 조정이면 다음 실행에 새로 기록됩니다`;
  }
}

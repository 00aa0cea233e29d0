import { seoulStamp } from '../core/seoul-time';
import type { LedgerEntry } from '../core/ledger';
import { layoutOf } from '../sheet/layout';
import { ledgerCells } from '../sheet/ledger';
import { planRepairs, postedInTab, postedOf, repairText, type LedgerRepair, type PostedCells, type Touched } from '../sheet/ledger-guard';
import { voucherFixes, voucherNumbers } from '../sheet/ledger-voucher';
import { LEDGER } from '../sheet/tabs';
import { ledgerVault, type LedgerVault } from './adapters/ledger-vault';
import { addonStore, syncLock } from './adapters/stores';
import { readGrid, writeRowCells } from './adapters/tab';

/**
 * The ledger is append-only on every path: a cell typed over, a paste over posted rows (onEdit,
 * at once), a deleted row or a sort (no onEdit: found whenever the add-on reads the ledger,
 * before anything is made of it). Each posted entry is kept by the add-on (adapters/ledger-vault)
 * and compared by key; what changed is put back, the row's 처리결과 and the log tab say what.
 */
export const LEDGER_GUARD_TOAST = '기록된 원장 행은 바꿀 수 없습니다. 정정은 새 행에 구분 "수동 조정"과 사유로 입력하세요';

type Msg = { level: 'info' | 'warn' | 'error'; message: string };

export interface Guarded {
  /** The tab as it is after the repairs (header first). */
  readonly grid: unknown[][];
  readonly repairs: readonly LedgerRepair[];
  readonly messages: Msg[];
}

/** One per execution (a global scope lives for one): what one step read, the next reuses. */
let vaultOfRun: LedgerVault | null = null;

export function postedVault(): LedgerVault {
  return (vaultOfRun ??= ledgerVault(addonStore()));
}

/**
 * Keeps entries the add-on is about to post (before they reach the tab: a run stopped between is
 * completed by the guard). Answers every kept entry's voucher number, theirs included.
 */
export function keepPosted(entries: readonly LedgerEntry[], vault: LedgerVault = postedVault()): Map<string, string> {
  if (entries.length > 0) vault.add(entries.map(postedOf));
  return voucherNumbers(vault.load() ?? []);
}

/** Compares the tab with the kept entries and puts back what changed. */
export function guardLedger(sheet: GoogleAppsScript.Spreadsheet.Sheet, now: number, touched?: Touched, vault: LedgerVault = postedVault()): Guarded {
  const grid = readGrid(sheet);
  const kept = vault.load();
  if (kept === null) {
    // A ledger from before the add-on kept its entries: what is posted now is the baseline.
    const posted = postedInTab(grid);
    vault.adopt(posted);
    return { grid, repairs: [], messages: posted.length > 0 ? [{ level: 'info', message: `원장 보호 시작: 기록된 전표 ${posted.length}건을 보관했습니다` }] : [] };
  }
  const repairs = planRepairs(kept, grid, touched);
  const after = repairs.length === 0 ? grid : (apply(sheet, grid, repairs, now), readGrid(sheet));
  // Every posted row shows its voucher number (rows from before numbers, rows put back, a number typed over).
  const wroteNumbers = writeVoucherNumbers(sheet, after, voucherNumbers(kept));
  return { grid: wroteNumbers ? readGrid(sheet) : after, repairs, messages: repairs.map((r) => ({ level: 'warn' as const, message: repairText(r) })) };
}

/** Writes the 전표번호 cells that differ: a few one by one, many as the one column. */
function writeVoucherNumbers(sheet: GoogleAppsScript.Spreadsheet.Sheet, grid: unknown[][], numbers: ReadonlyMap<string, string>): boolean {
  const fixes = voucherFixes(numbers, grid);
  if (fixes.length === 0) return false;
  const col = layoutOf(LEDGER, grid[0] ?? []).index.get('voucherNo')!;
  if (fixes.length <= 3) for (const f of fixes) sheet.getRange(f.row, col + 1).setValue(f.value);
  else {
    const column = grid.slice(1).map((r) => [r[col] ?? '']);
    for (const f of fixes) column[f.row - 2] = [f.value];
    sheet.getRange(2, col + 1, column.length, 1).setValues(column);
  }
  return true;
}

function apply(sheet: GoogleAppsScript.Spreadsheet.Sheet, grid: unknown[][], repairs: readonly LedgerRepair[], now: number): void {
  const layout = layoutOf(LEDGER, grid[0] ?? []);
  const width = Math.max(1, grid[0]?.length ?? 1);
  const stamp = seoulStamp(now);
  const rowOf = (e: PostedCells, status: string): unknown[] => {
    const cells = guardedCells(e);
    const row = new Array<unknown>(width).fill('');
    for (const [k, v] of Object.entries({ ...cells, status })) {
      const c = layout.index.get(k);
      if (c !== undefined) row[c] = v;
    }
    return row;
  };
  // Rows in place first (their numbers hold): only the guarded cells and the status, so a
  // person's own columns and 품목 근거 stay as they are. Then the rows put back, bottom up.
  for (const r of repairs) {
    if (r.kind === 'restore') writeRowCells(sheet, layout.index, r.row, { ...guardedCells(r.entry), status: `↺ ${stamp} 되돌림: ${r.changes.join(', ')}` });
    else if (r.kind === 'unpost') {
      writeRowCells(sheet, layout.index, r.row, { entryId: '', status: `✗ ${stamp} ${r.copy ? `전표 ${r.id}의 복사본: 전표키를 지웠습니다` : `애드온이 기록하지 않은 전표키(${r.id})를 지웠습니다`}` });
    }
  }
  const inserts = repairs.filter((r): r is Extract<LedgerRepair, { kind: 'reinsert' }> => r.kind === 'reinsert');
  const byAnchor = new Map<number, PostedCells[]>();
  for (const r of inserts) byAnchor.set(r.after, [...(byAnchor.get(r.after) ?? []), r.entry]);
  for (const after of [...byAnchor.keys()].sort((a, b) => b - a)) {
    const entries = byAnchor.get(after)!;
    sheet.insertRowsAfter(after, entries.length);
    sheet.getRange(after + 1, 1, entries.length, width).setValues(entries.map((e) => rowOf(e, `↺ ${stamp} 지워진 전표 행을 되살림`)));
  }
}

function guardedCells(e: PostedCells): Record<string, unknown> {
  const all = ledgerCells({ id: e.id, at: e.at, partnerId: e.partnerId, type: e.type, amount: e.amount, reference: e.reference, ...(e.reason ? { reason: e.reason } : {}) }, '');
  // The voucher number is written after the repairs, from the kept order (writeVoucherNumbers).
  const { items: _items, status: _status, voucherNo: _voucherNo, ...guarded } = all;
  return guarded;
}

/**
 * onEdit of the ledger tab (single cell or paste): checked at once under the sync's lock; when a
 * sync holds it, the sync's next read of the ledger does it (the edit marks the ledger dirty).
 * Returns the toast to show, or null.
 */
export function guardLedgerEdit(e: GoogleAppsScript.Events.SheetsOnEdit): { toast: string; messages: Msg[] } | null {
  const range = e.range;
  const lock = syncLock();
  if (!lock.tryLock(1_000)) return null;
  try {
    const g = guardLedger(range.getSheet(), Date.now(), { from: range.getRow(), to: range.getLastRow() });
    return g.repairs.length > 0 ? { toast: LEDGER_GUARD_TOAST, messages: g.messages } : null;
  } finally {
    lock.releaseLock();
  }
}

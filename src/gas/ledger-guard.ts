import { layoutOf } from '../sheet/layout';
import { LEDGER } from '../sheet/tabs';

/**
 * The ledger is append-only: a row with a 전표번호 is posted and stays as it is. A person's edit
 * of a posted row is put back and the person told how to correct instead (a new 수동 조정 row).
 * Only single-cell edits carry the old value (Apps Script gives `oldValue` for those only); a
 * paste over a posted row is not undone here, and its id still counts once in every balance.
 * Returns the message shown, or null.
 */
export function guardPostedLedgerRow(e: GoogleAppsScript.Events.SheetsOnEdit): string | null {
  const range = e.range;
  if (range.getNumRows() !== 1 || range.getNumColumns() !== 1 || range.getRow() < 2) return null;
  const sheet = range.getSheet();
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0] ?? [];
  const layout = layoutOf(LEDGER, header);
  const idCol = layout.index.get('entryId');
  if (idCol === undefined) return null;
  const column = range.getColumn() - 1;
  // The status cell is the add-on's note; anything else of a posted row is the entry.
  if (column === layout.index.get('status')) return null;
  const id = column === idCol ? String(e.oldValue ?? '') : String(sheet.getRange(range.getRow(), idCol + 1).getValue() ?? '');
  if (!id.trim()) return null;
  range.setValue(e.oldValue ?? '');
  return '기록된 원장 행은 바꿀 수 없습니다. 정정은 새 행에 구분 "수동 조정"과 사유로 입력하세요';
}

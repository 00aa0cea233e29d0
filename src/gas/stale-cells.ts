import { staleDerivedCells } from '../sheet/stale-cells';
import { STOCK_RATIOS } from '../sheet/tabs';

/**
 * onEdit of the stock-ratio tab: the add-on's own cells of rows whose SKU or partner staff
 * retyped are cleared (src/sheet/stale-cells.ts says why). A single cell typed again with the
 * value it held changes nothing and costs nothing.
 */
export function clearStaleRatioCells(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e.range;
  if (range.getNumRows() === 1 && range.getNumColumns() === 1 && e.oldValue !== undefined && String(e.oldValue) === String(e.value)) return;
  const sheet = range.getSheet();
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0] ?? [];
  const edited = { row: range.getRow(), column: range.getColumn(), numRows: range.getNumRows(), numColumns: range.getNumColumns() };
  for (const b of staleDerivedCells(STOCK_RATIOS, header, edited)) sheet.getRange(b.row, b.column, b.numRows, b.numColumns).clearContent();
}

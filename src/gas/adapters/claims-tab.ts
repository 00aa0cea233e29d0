import type { ClaimsTabPort, WorkRow } from '../../jobs/claims';
import { once } from '../../core/once';
import { CLAIMS } from '../../sheet/tabs';
import { readTable, rowCells, sameCell, type KeyedUpdate } from '../../sheet/table';
import { findTab } from './tab';
import { appendRows, readGrid, writeByKey } from './tab';

/**
 * Writing the claims tab: new rows in one append, the add-on's changed cells by key (never a
 * staff column, never by position), and the answer-by cell's colour.
 */


/** The add-on's columns (built on first use: every execution loads this module). */
const systemColumns = once(() => new Set(CLAIMS.columns.filter((c) => !c.editable).map((c) => c.key)));

/**
 * New rows in one append; for the others only the add-on's cells that changed, written by key
 * (so no write ever spans a staff column).
 */
export function writeRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, header: readonly unknown[], rows: ReadonlyMap<string, WorkRow>): boolean {
  const { layout } = readTable(CLAIMS, [header]);
  const appends: unknown[][] = [];
  const updates: KeyedUpdate[] = [];
  for (const row of rows.values()) {
    if (row.before === null) {
      appends.push(rowCells(layout.index, header.length, row.cells));
      continue;
    }
    const changed = Object.entries(row.cells).filter(([k, v]) => systemColumns().has(k) && !sameCell(v, row.before![k]));
    if (changed.length > 0) updates.push({ key: row.key, values: Object.fromEntries(changed) });
  }
  // writeByKey never spans a staff column (src/sheet/block-writes.ts).
  writeByKey(sheet, CLAIMS, updates);
  appendRows(sheet, appends);
  return appends.length + updates.length > 0;
}

/** The answer-by cell red while the answer is late, back to default once it is not. */
export function paintAnswerBy(sheet: GoogleAppsScript.Spreadsheet.Sheet, fonts: ReadonlyArray<{ key: string; late: boolean }>): void {
  const grid = readGrid(sheet);
  const table = readTable(CLAIMS, grid);
  const col = table.layout.index.get('answerBy');
  if (col === undefined) return;
  const rowOf = new Map(table.rows.map((r) => [r.key, r.rowNumber]));
  for (const late of [true, false]) {
    const cells = fonts.filter((f) => f.late === late && rowOf.has(f.key)).map((f) => a1(rowOf.get(f.key)!, col + 1));
    if (cells.length > 0) sheet.getRangeList(cells).setFontColor(late ? LATE_RED : null);
  }
}

const LATE_RED = '#d93025';

function a1(row: number, col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** The claims tab of the spreadsheet as the claims step's port: read once, written by key. */
export function claimsTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): ClaimsTabPort {
  // Found on first need: a quiet run never asks for the tab.
  let sheet: GoogleAppsScript.Spreadsheet.Sheet | null = null;
  let header: readonly unknown[] = [];
  return {
    rows() {
      sheet = findTab(ss, CLAIMS);
      if (!sheet) return null;
      const grid = readGrid(sheet);
      header = grid[0] ?? [];
      return readTable(CLAIMS, grid).rows;
    },
    write(rows, lateness) {
      if (!sheet) return false;
      const wrote = writeRows(sheet, header, rows);
      if (lateness.length > 0) paintAnswerBy(sheet, lateness);
      return wrote || lateness.length > 0;
    },
  };
}

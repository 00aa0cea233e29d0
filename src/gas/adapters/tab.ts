import { blockWrites, ownColumns, type CellWrite, type Rect } from '../../sheet/block-writes';
import { layoutOf } from '../../sheet/layout';
import type { TabSpec } from '../../sheet/schema';
import { cellText, keyOf, type KeyedUpdate } from '../../sheet/table';

const found = new WeakMap<object, Map<string, GoogleAppsScript.Spreadsheet.Sheet | null>>();
const byName = new WeakMap<object, Map<string, GoogleAppsScript.Spreadsheet.Sheet>>();

/**
 * Every tab of the spreadsheet by its name (lower case: Sheets finds names regardless of case),
 * from one getSheets() an execution: a sheet's name is client-side once it is fetched, so a run
 * that needs four tabs pays one round trip for their handles, not four.
 */
function sheetsByName(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Map<string, GoogleAppsScript.Spreadsheet.Sheet> {
  let index = byName.get(ss);
  if (!index) {
    index = new Map();
    for (const s of ss.getSheets()) if (!index.has(s.getName().toLowerCase())) index.set(s.getName().toLowerCase(), s);
    byName.set(ss, index);
  }
  return index;
}

/**
 * A tab by its title in either language; null before setup. Remembered for the execution (a
 * global scope lives for one execution): each step of a run asks again, Sheets is asked once.
 * A title not among the tabs listed at the first ask (a tab made since) is asked for by name.
 */
export function findTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tab: TabSpec): GoogleAppsScript.Spreadsheet.Sheet | null {
  let tabs = found.get(ss);
  if (!tabs) found.set(ss, (tabs = new Map()));
  if (!tabs.has(tab.key)) {
    const index = sheetsByName(ss);
    tabs.set(tab.key, index.get(tab.title.ko.toLowerCase()) ?? index.get(tab.title.en.toLowerCase()) ?? ss.getSheetByName(tab.title.ko) ?? ss.getSheetByName(tab.title.en));
  }
  return tabs.get(tab.key) ?? null;
}

/** The whole used grid, header first: one round trip. */
export function readGrid(sheet: GoogleAppsScript.Spreadsheet.Sheet): unknown[][] {
  return sheet.getDataRange().getValues();
}

/**
 * Writes cells of rows found by key at the moment of writing: the header and key columns are
 * read again just before, so a sort or an inserted row since the caller read the tab changes
 * nothing. Only the named cells are written, in runs of adjacent columns (a block of many rows
 * also puts back the add-on's own cells between them as read, never a staff column's), so a
 * person's edits in other columns of the same row stay. Returns the keys that were not found.
 */
export function writeByKey(sheet: GoogleAppsScript.Spreadsheet.Sheet, tab: TabSpec, updates: readonly KeyedUpdate[]): string[] {
  if (updates.length === 0) return [];
  const lastRow = sheet.getLastRow();
  const width = Math.max(1, sheet.getLastColumn());
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
  const layout = layoutOf(tab, header);
  const keyCols = tab.rowKey.map((k) => layout.index.get(k));
  if (keyCols.some((c) => c === undefined) || lastRow < 2) return updates.map((u) => u.key);
  const first = Math.min(...(keyCols as number[]));
  const last = Math.max(...(keyCols as number[]));
  const keys = sheet.getRange(2, first + 1, lastRow - 1, last - first + 1).getValues();
  // A key on several rows (a duplicate staff must resolve) gets the same cells on each.
  const rowsOf = new Map<string, number[]>();
  keys.forEach((r, i) => {
    const k = keyOf((keyCols as number[]).map((c) => r[c - first]));
    if (k) rowsOf.set(k, [...(rowsOf.get(k) ?? []), i + 2]);
  });
  const missing = updates.filter((u) => !rowsOf.has(u.key)).map((u) => u.key);
  const found = updates.filter((u) => rowsOf.has(u.key));
  const rows = found.flatMap((u) => rowsOf.get(u.key)!);
  // A block pays when the rows are many and close together (new orders, today's shipments); a
  // few rows scattered over 100,000 are written one by one.
  const span = rows.length === 0 ? 0 : Math.max(...rows) - Math.min(...rows) + 1;
  if (found.length > BLOCK_FROM && span <= BLOCK_SPAN_PER_ROW * rows.length) writeBlock(sheet, tab, layout.index, rowsOf, found);
  else for (const u of found) for (const row of rowsOf.get(u.key)!) writeRowCells(sheet, layout.index, row, u.values);
  return missing;
}

/** From this many rows on, one read and one write of the columns concerned beat a write per row. */
const BLOCK_FROM = 8;
/** …as long as the block is at most this many rows per row written. */
const BLOCK_SPAN_PER_ROW = 20;

/**
 * Many rows at once, in few calls: the add-on's own columns in one rectangle per run of
 * adjacent ones (their unnamed cells kept from one read), and a staff cell only where an update
 * names it (src/sheet/block-writes.ts). A rectangle never spans a staff column: what a person
 * types there meanwhile, or a formula there, stays.
 */
function writeBlock(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  tab: TabSpec,
  index: ReadonlyMap<string, number>,
  rowsOf: ReadonlyMap<string, number[]>,
  updates: readonly KeyedUpdate[],
): void {
  const cells: CellWrite[] = updates.flatMap((u) =>
    rowsOf.get(u.key)!.flatMap((row) => Object.entries(u.values).flatMap(([k, value]) => (index.has(k) ? [{ row, col: index.get(k)!, value }] : []))),
  );
  const read = (r: Rect) => sheet.getRange(r.row, r.col + 1, r.rows, r.cols).getValues();
  for (const w of blockWrites(cells, ownColumns(tab, index), read)) sheet.getRange(w.rect.row, w.rect.col + 1, w.rect.rows, w.rect.cols).setValues(w.values);
}

/**
 * Appends rows below the last one in one write, adding sheet rows first when the grid is too
 * short (new rows take the formats and rules of the row above them).
 */
export function appendRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: readonly unknown[][], knownLastRow?: number): void {
  if (rows.length === 0) return;
  const at = (knownLastRow ?? sheet.getLastRow()) + 1;
  const short = at + rows.length - 1 - sheet.getMaxRows();
  if (short > 0) sheet.insertRowsAfter(sheet.getMaxRows(), short);
  sheet.getRange(at, 1, rows.length, rows[0]!.length).setValues(rows.map((r) => r.slice()));
}

/** Cells of one row by column key, in runs of adjacent columns (other cells untouched). */
export function writeRowCells(sheet: GoogleAppsScript.Spreadsheet.Sheet, index: ReadonlyMap<string, number>, row: number, values: Readonly<Record<string, unknown>>): void {
  const cells = Object.entries(values)
    .map(([k, v]) => ({ c: index.get(k), v }))
    .filter((x): x is { c: number; v: unknown } => x.c !== undefined)
    .sort((a, b) => a.c - b.c);
  for (let i = 0; i < cells.length; ) {
    let j = i;
    while (j + 1 < cells.length && cells[j + 1]!.c === cells[j]!.c + 1) j++;
    sheet.getRange(row, cells[i]!.c + 1, 1, j - i + 1).setValues([cells.slice(i, j + 1).map((x) => x.v)]);
    i = j + 1;
  }
}

export { cellText };

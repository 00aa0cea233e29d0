import { layoutOf } from '../../sheet/layout';
import type { TabSpec } from '../../sheet/schema';
import { cellText, keyOf } from '../../sheet/table';

const found = new WeakMap<object, Map<string, GoogleAppsScript.Spreadsheet.Sheet | null>>();

/**
 * A tab by its title in either language; null before setup. Remembered for the execution (a
 * global scope lives for one execution): each step of a run asks again, Sheets is asked once.
 */
export function findTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tab: TabSpec): GoogleAppsScript.Spreadsheet.Sheet | null {
  let tabs = found.get(ss);
  if (!tabs) found.set(ss, (tabs = new Map()));
  if (!tabs.has(tab.key)) tabs.set(tab.key, ss.getSheetByName(tab.title.ko) ?? ss.getSheetByName(tab.title.en));
  return tabs.get(tab.key) ?? null;
}

/** The whole used grid, header first: one round trip. */
export function readGrid(sheet: GoogleAppsScript.Spreadsheet.Sheet): unknown[][] {
  return sheet.getDataRange().getValues();
}

export interface KeyedUpdate {
  readonly key: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Writes cells of rows found by key at the moment of writing: the header and key columns are
 * read again just before, so a sort or an inserted row since the caller read the tab changes
 * nothing. Only the named cells are written, in runs of adjacent columns, so a person's edits
 * in other columns of the same row stay. Returns the keys that were not found.
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
  if (found.length > BLOCK_FROM && span <= BLOCK_SPAN_PER_ROW * rows.length) writeBlock(sheet, layout.index, rowsOf, found, lastRow);
  else for (const u of found) for (const row of rowsOf.get(u.key)!) writeCells(sheet, layout.index, row, u.values);
  return missing;
}

/** From this many rows on, one read and one write of the columns concerned beat a write per row. */
const BLOCK_FROM = 8;
/** …as long as the block is at most this many rows per row written. */
const BLOCK_SPAN_PER_ROW = 20;

/**
 * Many rows at once: read the span of the columns being written, change the rows by key in
 * memory, write the rows touched back in one call. Meant for the add-on's own columns (a span
 * of system columns), which staff do not type into.
 */
function writeBlock(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  index: ReadonlyMap<string, number>,
  rowsOf: ReadonlyMap<string, number[]>,
  updates: readonly KeyedUpdate[],
  lastRow: number,
): void {
  const cols = [...new Set(updates.flatMap((u) => Object.keys(u.values).map((k) => index.get(k)).filter((c): c is number => c !== undefined)))];
  if (cols.length === 0) return;
  const c0 = Math.min(...cols);
  const c1 = Math.max(...cols);
  const targets = updates.flatMap((u) => rowsOf.get(u.key)!.map((row) => ({ row, values: u.values })));
  const r0 = Math.min(...targets.map((t) => t.row));
  const r1 = Math.min(lastRow, Math.max(...targets.map((t) => t.row)));
  const block = sheet.getRange(r0, c0 + 1, r1 - r0 + 1, c1 - c0 + 1).getValues();
  for (const t of targets) {
    for (const [k, v] of Object.entries(t.values)) {
      const c = index.get(k);
      if (c !== undefined) block[t.row - r0]![c - c0] = v;
    }
  }
  sheet.getRange(r0, c0 + 1, block.length, c1 - c0 + 1).setValues(block);
}

/** Writes the named cells of one row, one setValues per run of adjacent columns. */
function writeCells(sheet: GoogleAppsScript.Spreadsheet.Sheet, index: ReadonlyMap<string, number>, row: number, values: Readonly<Record<string, unknown>>): void {
  const cells = Object.entries(values)
    .map(([col, v]) => ({ c: index.get(col), v }))
    .filter((x): x is { c: number; v: unknown } => x.c !== undefined)
    .sort((a, b) => a.c - b.c);
  for (let i = 0; i < cells.length; ) {
    let j = i;
    while (j + 1 < cells.length && cells[j + 1]!.c === cells[j]!.c + 1) j++;
    const run = cells.slice(i, j + 1);
    sheet.getRange(row, run[0]!.c + 1, 1, run.length).setValues([run.map((x) => x.v)]);
    i = j + 1;
  }
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
export function writeRowCells(sheet: GoogleAppsScript.Spreadsheet.Sheet, index: ReadonlyMap<string, number>, row: number, values: Record<string, unknown>): void {
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

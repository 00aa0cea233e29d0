import type { OrderLine } from '../../core/order';
import { orderKey, orderRow } from '../../sheet/orders';
import type { Lang } from '../../sheet/schema';
import { ORDERS } from '../../sheet/tabs';
import { cellText, readTable, rowCells } from '../../sheet/table';
import { appendRows, findTab } from './tab';

/**
 * Upserts order lines into the orders tab by key (partner | item). The tab is read once; a
 * line whose row exists updates only the cells that differ (in runs of adjacent columns), so
 * staff columns (carrier, tracking number being typed) are left alone unless the mall changed
 * them; new lines are appended in one write. Keys are read again right before writing, so a
 * sort by a person in between changes nothing.
 */
export function upsertOrders(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lines: readonly OrderLine[],
  lang: Lang,
): { added: number; updated: number; grid?: unknown[][]; warehouseDeltas: Map<string, number> } {
  const warehouseDeltas = new Map<string, number>();
  if (lines.length === 0) return { added: 0, updated: 0, warehouseDeltas };
  const sheet = findTab(ss, ORDERS);
  if (!sheet) throw new Error('주문 탭이 없습니다. 시트 설정을 먼저 실행하세요');
  const grid = sheet.getDataRange().getValues();
  const table = readTable(ORDERS, grid);
  const width = grid[0]?.length ?? 0;
  const existing = new Map(table.rows.map((r) => [r.key, r]));
  const appends: unknown[][] = [];
  const edits: Array<{ row: number; col: number; values: unknown[] }> = [];
  for (const line of lines) {
    const values = orderRow(line, lang);
    const row = existing.get(orderKey(line));
    if (!row) {
      appends.push(rowCells(table.layout.index, width, values));
      continue;
    }
    // Units leave the warehouse (a negative delta) when a row the tab already had becomes shipped (a line first
    // seen already shipped was shipped before the add-on knew it, and is not counted).
    if (line.shippedAt !== null && line.sku !== null && cellText(row.get('shippedAt')) === '') {
      warehouseDeltas.set(line.sku, (warehouseDeltas.get(line.sku) ?? 0) - line.quantity);
    }
    const changed = Object.entries(values)
      // A number the mall does not have yet is staff's, being typed or waiting to be sent.
      .filter(([k, v]) => !(STAFF_UNTIL_SENT.has(k) && v === ''))
      .map(([k, v]) => ({ c: table.layout.index.get(k), v, old: row.get(k) }))
      .filter((x): x is { c: number; v: unknown; old: unknown } => x.c !== undefined && !same(x.v, x.old))
      .sort((a, b) => a.c - b.c);
    for (let i = 0; i < changed.length; ) {
      let j = i;
      while (j + 1 < changed.length && changed[j + 1]!.c === changed[j]!.c + 1) j++;
      edits.push({ row: row.rowNumber, col: changed[i]!.c + 1, values: changed.slice(i, j + 1).map((x) => x.v) });
      i = j + 1;
    }
  }
  if (edits.length > 0) {
    // Rows may have moved since the read: find each edited key again just before writing.
    const keyNow = currentRows(sheet, table.layout.index.get('partnerId')!, table.layout.index.get('itemId')!);
    const rowKeyAtRead = new Map(table.rows.map((r) => [r.rowNumber, r.key]));
    for (const e of edits) {
      const row = keyNow.get(rowKeyAtRead.get(e.row) ?? '');
      if (row !== undefined) sheet.getRange(row, e.col, 1, e.values.length).setValues([e.values]);
    }
  }
  // The grid read above ends at the last row, unless rows were added since (re-read then).
  appendRows(sheet, appends, edits.length > 0 ? undefined : grid.length);
  // The tab as it now is (row order aside), so stock need not read 100,000 rows again.
  const after = grid.map((r) => r.slice());
  for (const e of edits) e.values.forEach((v, i) => (after[e.row - 1]![e.col - 1 + i] = v));
  after.push(...appends);
  return { added: appends.length, updated: new Set(edits.map((e) => e.row)).size, grid: after, warehouseDeltas };
}

/** Staff type these; the mall's values replace them only once the mall has some. */
const STAFF_UNTIL_SENT = new Set(['carrier', 'trackingNo']);

function currentRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, partnerCol: number, itemCol: number): Map<string, number> {
  const last = sheet.getLastRow();
  const out = new Map<string, number>();
  if (last < 2) return out;
  const lo = Math.min(partnerCol, itemCol);
  const hi = Math.max(partnerCol, itemCol);
  const block = sheet.getRange(2, lo + 1, last - 1, hi - lo + 1).getValues();
  block.forEach((r, i) => {
    const key = `${cellText(r[partnerCol - lo])}|${cellText(r[itemCol - lo])}`;
    if (!out.has(key)) out.set(key, i + 2);
  });
  return out;
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    const ta = a instanceof Date ? a.getTime() : a === '' ? '' : NaN;
    const tb = b instanceof Date ? b.getTime() : b === '' ? '' : NaN;
    // Sheets keeps seconds: compare to the second.
    return typeof ta === 'number' && typeof tb === 'number' ? Math.floor(ta / 1000) === Math.floor(tb / 1000) : ta === tb;
  }
  return cellText(a) === cellText(b);
}

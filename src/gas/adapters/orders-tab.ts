import type { OrderLine } from '../../core/order';
import { orderKey, orderRow } from '../../sheet/orders';
import type { Lang } from '../../sheet/schema';
import { ORDERS } from '../../sheet/tabs';
import { cellText, readTable, rowCells, sameCell, type KeyedUpdate } from '../../sheet/table';
import { appendRows, findTab, writeByKey } from './tab';
import type { LeavingUnit, OrderRowsPort } from '../../jobs/warehouse-out';

/**
 * Upserts order lines into the orders tab by key (partner | item). The tab is read once; a
 * line whose row exists updates only the cells that differ (in runs of adjacent columns), so
 * staff columns (carrier, tracking number being typed) are left alone unless the mall changed
 * them; new lines are appended in one write. Keys are read again right before writing, so a
 * sort by a person in between changes nothing.
 */
export function upsertOrders(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lines: readonly OrderLine[], lang: Lang): UpsertResult {
  return ordersWriter(ss, lang).write(lines);
}

export interface UpsertResult {
  added: number;
  updated: number;
  grid?: unknown[][];
  /** Lines the tab did not have: sales the stock step counts off each mall's quantity. */
  appended: OrderLine[];
}

/**
 * The orders tab for one write of lines (src/jobs/warehouse-out.ts's port): which rows become
 * shipped (their units leave the warehouse) is known from the tab as read before anything is
 * written, so the stock can move first.
 */
export function ordersWriter(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): OrderRowsPort<UpsertResult> {
  let read: { sheet: GoogleAppsScript.Spreadsheet.Sheet; grid: unknown[][]; table: ReturnType<typeof readTable> } | null = null;
  const tab = () => {
    if (read) return read;
    const sheet = findTab(ss, ORDERS);
    if (!sheet) throw new Error('주문 탭이 없습니다. 시트 설정을 먼저 실행하세요');
    const grid = sheet.getDataRange().getValues();
    return (read = { sheet, grid, table: readTable(ORDERS, grid) });
  };
  const rowsByKey = () => new Map(tab().table.rows.map((r) => [r.key, r]));
  return {
    leaving(lines) {
      if (lines.length === 0) return [];
      const existing = rowsByKey();
      // Units leave the warehouse when a row the tab already had becomes shipped (a line first
      // seen already shipped left before the add-on knew it: not counted).
      return lines.flatMap((line): LeavingUnit[] => {
        const row = existing.get(orderKey(line));
        return row && line.shippedAt !== null && line.sku !== null && cellText(row.get('shippedAt')) === '' ? [{ item: orderKey(line), sku: line.sku, quantity: line.quantity }] : [];
      });
    },
    shippedOnTab(items) {
      if (items.length === 0) return new Set();
      const existing = rowsByKey();
      return new Set(items.filter((i) => cellText(existing.get(i)?.get('shippedAt')) !== ''));
    },
    write(lines) {
      if (lines.length === 0) return { added: 0, updated: 0, appended: [] };
      const { sheet, grid, table } = tab();
      const width = grid[0]?.length ?? 0;
      const existing = rowsByKey();
      const appends: unknown[][] = [];
      const appended: OrderLine[] = [];
      const updates: KeyedUpdate[] = [];
      const after = grid.map((r) => r.slice());
      for (const line of lines) {
        const values = orderRow(line, lang);
        const row = existing.get(orderKey(line));
        if (!row) {
          appends.push(rowCells(table.layout.index, width, values));
          appended.push(line);
          continue;
        }
        const changed = Object.entries(values).filter(
          // A number the mall does not have yet is staff's, being typed or waiting to be sent.
          ([k, v]) => !(STAFF_UNTIL_SENT.has(k) && v === '') && table.layout.index.has(k) && !sameCell(v, row.get(k)),
        );
        if (changed.length === 0) continue;
        updates.push({ key: row.key, values: Object.fromEntries(changed) });
        for (const [k, v] of changed) after[row.rowNumber - 1]![table.layout.index.get(k)!] = v;
      }
      // Rows are found again by key just before writing (a sort since the read changes nothing);
      // many rows go in one block write.
      writeByKey(sheet, ORDERS, updates);
      // The grid read above ends at the last row, unless rows were added since (re-read then).
      appendRows(sheet, appends, updates.length > 0 ? undefined : grid.length);
      // The tab as it now is (row order aside), so stock need not read 100,000 rows again.
      after.push(...appends);
      read = null;
      return { added: appends.length, updated: updates.length, grid: after, appended };
    },
  };
}

/** Staff type these; the mall's values replace them only once the mall has some. */
const STAFF_UNTIL_SENT = new Set(['carrier', 'trackingNo']);


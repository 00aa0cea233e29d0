/**
 * Stock cover on the products tab: what the sync writes in 재고일수, 발주점 and 발주필요, from the
 * rows it has already read (the products tab, and the orders tab for the pace). Staff set
 * 리드타임(일) per product; blank is the default (src/core/stock-cover.ts).
 */
import type { Product } from '../core/product';
import { countAtReorderPoint, COVER_WINDOW_DAYS, stockCover, type SoldLine, type StockCover } from '../core/stock-cover';
import { availableUnits } from '../core/stock';
import { statusFromCell } from './orders';
import { timeOfCell } from './settlement-data';
import { cellText, readTable, type TableRow } from './table';
import { PRODUCTS } from './tabs';

type Grid = readonly (readonly unknown[])[];

/** The orders tab's rows as sold lines (rows the add-on did not write are left out). */
export function soldLinesOf(orderRows: readonly TableRow[]): SoldLine[] {
  return orderRows.flatMap((r) => {
    const status = statusFromCell(r.get('orderStatus'));
    const sku = cellText(r.get('sku'));
    const quantity = Number(r.get('quantity'));
    return status && sku && Number.isFinite(quantity) ? [{ sku, quantity, status, paidAt: timeOfCell(r.get('paidAt')) }] : [];
  });
}

/** A lead time cell: blank is the default; anything but a whole number ≥ 0 too, with why. */
export function leadTimeOfCell(v: unknown): { days: number | null; problem?: string } {
  const text = cellText(v);
  if (text === '') return { days: null };
  const n = typeof v === 'number' ? v : Number(text.replace(/일$/, '').trim());
  if (Number.isInteger(n) && n >= 0 && n <= 365) return { days: n };
  return { days: null, problem: `리드타임(일) "${text}"을 읽을 수 없어 기본값으로 계산` };
}

export interface CoverRow {
  readonly row: TableRow;
  readonly product: Product;
}

/**
 * The cover of each product row, and its cells. `reserved` is what collected orders still hold
 * (as the stock push uses it), so 재고일수 counts what the malls may still sell.
 */
export function coverOfRows(rows: readonly CoverRow[], reserved: ReadonlyMap<string, number>, sold: readonly SoldLine[], now: number): Array<{ row: TableRow; cover: StockCover; cells: Record<string, unknown> }> {
  const leads = rows.map((r) => leadTimeOfCell(r.row.get('leadTimeDays')));
  const covers = stockCover(
    rows.map((r, i) => ({
      sku: r.product.sku,
      available: availableUnits(r.product, reserved.get(r.product.sku) ?? 0),
      leadTimeDays: leads[i]!.days,
      discontinued: r.product.status === 'discontinued',
    })),
    sold,
    now,
  );
  return rows.map((r, i) => ({ row: r.row, cover: covers[i]!, cells: coverCells(covers[i]!, leads[i]!.problem) }));
}

/** 재고일수 blank when nothing sold in the window; 발주필요 says why, or is blank. */
export function coverCells(c: StockCover, problem?: string): Record<string, unknown> {
  const why = c.soldUnits > 0 ? `${COVER_WINDOW_DAYS}일 ${c.soldUnits}개 판매, 리드타임 ${c.leadTimeDays}일` : `${COVER_WINDOW_DAYS}일 판매 없음`;
  const reorder = c.reorder ? `발주 필요: 가용 ${c.available}개 ≤ 발주점 ${c.reorderPoint}개 (${why})` : '';
  return { daysLeft: c.daysLeft ?? '', reorderPoint: c.reorderPoint, reorder: [reorder, problem ?? ''].filter(Boolean).join('; ') };
}

/**
 * Which of a row's cover cells to write now. Days of cover move with every sale, and a write of
 * the products tab is round trips a run would not otherwise make, so the figures are brought up
 * to date once a Seoul day (`refreshAll`, the first stock run of the day), while a row crossing
 * its reorder point (발주 필요 appears or goes) is written at once, and a row whose 처리결과 is
 * being written anyway takes its figures along.
 */
export function coverToWrite(
  shown: (column: string) => unknown,
  cells: Readonly<Record<string, unknown>>,
  o: { refreshAll: boolean; rowWritten: boolean; has: (column: string) => boolean },
): Record<string, unknown> {
  const changed = Object.fromEntries(Object.entries(cells).filter(([k, v]) => o.has(k) && cellText(shown(k)) !== cellText(v)));
  if (Object.keys(changed).length === 0) return {};
  const flips = cellText(shown('reorder')).startsWith('발주 필요') !== cellText(cells.reorder).startsWith('발주 필요');
  return o.refreshAll || o.rowWritten || flips ? changed : {};
}

/**
 * How many products the products tab marks 발주필요 (at or below their reorder point), read
 * from the tab's grid as the last stock run left it: the count for the sidebar's 오늘 할 일.
 */
export function countAtReorderPointInTab(productsGrid: Grid): number {
  return countAtReorderPoint(readTable(PRODUCTS, productsGrid).rows.filter((r) => r.key).map((r) => ({ reorder: cellText(r.get('reorder')).startsWith('발주 필요') })));
}

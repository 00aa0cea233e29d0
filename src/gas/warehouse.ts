import type { OrderLine } from '../core/order';
import type { Lang } from '../sheet/schema';
import { PRODUCTS } from '../sheet/tabs';
import { upsertOrders } from './adapters/orders-tab';
import { cellText } from '../sheet/table';
import { layoutOf } from '../sheet/layout';
import { findTab } from './adapters/tab';

/**
 * Moves the warehouse stock (물류재고) of SKUs by whole units: down when items leave (shipped),
 * up when good units come back (a return classified 정품). The cells are read right before they
 * are written, by SKU (never by position), so a count staff typed a moment ago is the base. A
 * count would never go below zero: it stops at 0 and the shortfall is reported.
 * Returns what could not be applied (SKU not on the tab, or a cell that is not a number).
 */
export function adjustWarehouseStock(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, deltas: ReadonlyMap<string, number>): string[] {
  const changes = [...deltas].filter(([, d]) => d !== 0);
  if (changes.length === 0) return [];
  const sheet = findTab(ss, PRODUCTS);
  if (!sheet) return changes.map(([sku]) => `${sku}: 상품 탭이 없습니다`);
  const lastRow = sheet.getLastRow();
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0] ?? [];
  const layout = layoutOf(PRODUCTS, header);
  const skuCol = layout.index.get('sku');
  const stockCol = layout.index.get('warehouseStock');
  if (skuCol === undefined || stockCol === undefined || lastRow < 2) return changes.map(([sku]) => `${sku}: 상품 탭에 SKU/물류재고 열이 없습니다`);
  const lo = Math.min(skuCol, stockCol);
  const hi = Math.max(skuCol, stockCol);
  const block = sheet.getRange(2, lo + 1, lastRow - 1, hi - lo + 1).getValues();
  const rowOf = new Map<string, number>();
  block.forEach((r, i) => {
    const sku = cellText(r[skuCol - lo]);
    if (sku && !rowOf.has(sku)) rowOf.set(sku, i);
  });
  const problems: string[] = [];
  for (const [sku, delta] of changes) {
    const i = rowOf.get(sku);
    if (i === undefined) {
      problems.push(`${sku}: 상품 탭에 없는 SKU라 물류재고를 ${delta > 0 ? '늘리지' : '줄이지'} 못했습니다 (${delta > 0 ? '+' : ''}${delta})`);
      continue;
    }
    const before = block[i]![stockCol - lo];
    const count = typeof before === 'number' ? before : Number(cellText(before).replace(/,/g, ''));
    if (!Number.isInteger(count)) {
      problems.push(`${sku}: 물류재고 "${cellText(before)}"가 숫자가 아니어서 ${delta > 0 ? '+' : ''}${delta}를 반영하지 못했습니다`);
      continue;
    }
    const after = count + delta;
    if (after < 0) problems.push(`${sku}: 물류재고 ${count}에서 ${-delta}개를 뺄 수 없어 0으로 두었습니다`);
    sheet.getRange(i + 2, stockCol + 1).setValue(Math.max(0, after));
  }
  return problems;
}

/**
 * Order lines to the orders tab (by key), and the units that left with them off the warehouse
 * stock in the same breath: what every writer of lines (the sync, a scan) must do together.
 */
export function writeOrderLines(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lines: readonly OrderLine[], lang: Lang): ReturnType<typeof upsertOrders> & { stockProblems: string[] } {
  const written = upsertOrders(ss, lines, lang);
  return { ...written, stockProblems: adjustWarehouseStock(ss, written.warehouseDeltas) };
}

import { PRODUCTS } from '../sheet/tabs';
import { cellText } from '../sheet/table';
import { layoutOf } from '../sheet/layout';
import { findTab } from './adapters/tab';
import { addonStore } from './adapters/stores';
import { moveWarehouse, type WarehousePort } from '../jobs/warehouse-out';

/**
 * The warehouse stock (물류재고) column of the products tab, by SKU (never by position). The
 * cells are read once, right before they are written, so a count staff typed a moment ago is the
 * base. A count never goes below zero: it stops at 0 and the shortfall is reported.
 */
export function warehouseTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): WarehousePort {
  type Read = { sheet: GoogleAppsScript.Spreadsheet.Sheet; block: unknown[][]; rowOf: Map<string, number>; lo: number; stockCol: number } | string;
  let read: Read | null = null;
  const load = (): Read => {
    if (read !== null) return read;
    const sheet = findTab(ss, PRODUCTS);
    if (!sheet) return (read = '상품 탭이 없습니다');
    const lastRow = sheet.getLastRow();
    const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0] ?? [];
    const layout = layoutOf(PRODUCTS, header);
    const skuCol = layout.index.get('sku');
    const stockCol = layout.index.get('warehouseStock');
    if (skuCol === undefined || stockCol === undefined || lastRow < 2) return (read = '상품 탭에 SKU/물류재고 열이 없습니다');
    const lo = Math.min(skuCol, stockCol);
    const hi = Math.max(skuCol, stockCol);
    const block = sheet.getRange(2, lo + 1, lastRow - 1, hi - lo + 1).getValues();
    const rowOf = new Map<string, number>();
    block.forEach((r, i) => {
      const sku = cellText(r[skuCol - lo]);
      if (sku && !rowOf.has(sku)) rowOf.set(sku, i);
    });
    return (read = { sheet, block, rowOf, lo, stockCol });
  };
  const countOf = (r: Exclude<Read, string>, i: number): number | null => {
    const before = r.block[i]![r.stockCol - r.lo];
    const count = typeof before === 'number' ? before : Number(cellText(before).replace(/,/g, ''));
    return Number.isInteger(count) ? count : null;
  };
  return {
    counts(skus) {
      const r = load();
      return new Map(skus.map((sku) => {
        const i = typeof r === 'string' ? undefined : r.rowOf.get(sku);
        return [sku, typeof r === 'string' || i === undefined ? null : countOf(r, i)];
      }));
    },
    move(deltas) {
      const changes = [...deltas].filter(([, d]) => d !== 0);
      if (changes.length === 0) return [];
      const r = load();
      if (typeof r === 'string') return changes.map(([sku]) => `${sku}: ${r}`);
      const problems: string[] = [];
      for (const [sku, delta] of changes) {
        const i = r.rowOf.get(sku);
        if (i === undefined) {
          problems.push(`${sku}: 상품 탭에 없는 SKU라 물류재고를 ${delta > 0 ? '늘리지' : '줄이지'} 못했습니다 (${delta > 0 ? '+' : ''}${delta})`);
          continue;
        }
        const count = countOf(r, i);
        if (count === null) {
          problems.push(`${sku}: 물류재고 "${cellText(r.block[i]![r.stockCol - r.lo])}"가 숫자가 아니어서 ${delta > 0 ? '+' : ''}${delta}를 반영하지 못했습니다`);
          continue;
        }
        const after = count + delta;
        if (after < 0) problems.push(`${sku}: 물류재고 ${count}에서 ${-delta}개를 뺄 수 없어 0으로 두었습니다`);
        r.sheet.getRange(i + 2, r.stockCol + 1).setValue(Math.max(0, after));
        r.block[i]![r.stockCol - r.lo] = Math.max(0, after);
      }
      return problems;
    },
  };
}

/** Moves the warehouse stock of SKUs by whole units (returns classified 정품 come back up). */
export function adjustWarehouseStock(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, deltas: ReadonlyMap<string, number>): string[] {
  return moveWarehouse(deltas, { warehouse: warehouseTab(ss), journal: addonStore(), now: Date.now() });
}

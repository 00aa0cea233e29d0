import type { Krw } from '../core/krw';
import type { Partner } from '../core/partner';
import type { Product } from '../core/product';
import { stockKey } from '../core/stock';
import { numberCell, wholeCell } from './products';
import { cellText, checkboxCell, duplicateKeys, readTable, type TableRow } from './table';
import { STOCK_RATIOS } from './tabs';

/**
 * The stock ratios tab: one row per (SKU, partner) saying whether the partner sells the SKU,
 * its link ratio and sale price, and what the add-on last sent. A row with a bad cell is not
 * used: it comes back with the reasons, in Korean, for its status cell.
 */
export interface StockRatio {
  readonly sku: string;
  readonly partnerId: string;
  readonly sellable: boolean;
  /** Percent, 0–100: the row's own, or the partner's default when the cell is blank. */
  readonly ratio: number;
  readonly salePrice: Krw | null;
  readonly channelProductNo: string | null;
  readonly channelVariantCode: string | null;
  /** What the add-on last sent; null when never sent (or the cell was damaged: sent again). */
  readonly pushedStock: number | null;
}

export type RatioRead = { readonly ok: true; readonly row: TableRow; readonly stockRatio: StockRatio } | { readonly ok: false; readonly row: TableRow; readonly problems: string[] };

export interface KnownForRatios {
  /** SKUs of the products tab (see `productSkus`). */
  readonly skus: ReadonlySet<string>;
  readonly partners: ReadonlyMap<string, Pick<Partner, 'defaultRatio'>>;
}

const RATIO = '연동재고율(%)';

export function readRatios(grid: readonly (readonly unknown[])[], known: KnownForRatios): RatioRead[] {
  const table = readTable(STOCK_RATIOS, grid);
  const dups = duplicateKeys(table.rows);
  return table.rows.map((row): RatioRead => {
    const problems: string[] = [];
    const sku = cellText(row.get('sku'));
    const partnerId = cellText(row.get('partnerId'));
    if (!sku) problems.push('SKU가 비어 있습니다');
    else if (!known.skus.has(sku)) problems.push(`상품 탭에서 찾을 수 없는 SKU입니다: ${sku}`);
    const partner = known.partners.get(partnerId);
    if (!partnerId) problems.push('파트너ID가 비어 있습니다');
    else if (!partner) problems.push(`파트너 탭에서 찾을 수 없는 파트너ID입니다: ${partnerId}`);
    // Every duplicate is refused: which ratio holds is for staff to say.
    if (dups.has(row.key)) problems.push(`SKU ${sku} · 파트너 ${partnerId} 행이 여러 개 있습니다`);
    // Blank is not sellable: a row the sync added offers nothing until staff tick it (never oversell by default).
    const sellable = checkboxCell(row.get('sellable'), '판매여부', problems);
    const ratio = ratioCell(row.get('ratio'), problems) ?? partner?.defaultRatio;
    const salePrice = wholeCell(row.get('salePrice'), '판매가', problems);
    // The add-on's own cell: if someone damaged it, forget it; the stock is then sent again.
    const pushedStock = wholeCell(row.get('pushedStock'), '전송재고', []);
    if (problems.length > 0 || ratio === undefined) return { ok: false, row, problems };
    const text = (column: string) => cellText(row.get(column)) || null;
    return {
      ok: true,
      row,
      stockRatio: { sku, partnerId, sellable, ratio, salePrice, channelProductNo: text('channelProductNo'), channelVariantCode: text('channelVariantCode'), pushedStock },
    };
  });
}

/** What was last sent per (SKU, partner), keyed by `stockKey`, for `stockChanges`. */
export function lastPushedStock(ratios: readonly StockRatio[]): Map<string, number> {
  const pushed = new Map<string, number>();
  for (const r of ratios) if (r.pushedStock !== null) pushed.set(stockKey(r.sku, r.partnerId), r.pushedStock);
  return pushed;
}

/** A row to append, as cells by column key: not sellable and no ratio until staff fill it in. */
export interface NewRatioRow {
  readonly sku: string;
  readonly partnerId: string;
  readonly sellable: false;
  readonly ratio: '';
}

/**
 * The (SKU, partner) pairs the tab has no row for, in product then partner order. Rows with
 * problems count as present (staff are fixing them; a second row would be a duplicate).
 */
export function missingRatioRows(products: ReadonlyArray<Pick<Product, 'sku'>>, partners: ReadonlyArray<Pick<Partner, 'partnerId'>>, existing: readonly RatioRead[]): NewRatioRow[] {
  const present = new Set(existing.map((r) => r.row.key));
  const missing: NewRatioRow[] = [];
  for (const { sku } of products) {
    for (const { partnerId } of partners) {
      const key = stockKey(sku, partnerId);
      if (present.has(key)) continue;
      present.add(key); // a product or partner listed twice still gets one row
      missing.push({ sku, partnerId, sellable: false, ratio: '' });
    }
  }
  return missing;
}


/** Percent 0–100 as a number (30) or text ("30", "30%"). null when blank (or bad, with a problem). */
function ratioCell(v: unknown, problems: string[]): number | null {
  const text = cellText(v);
  if (text === '') return null;
  const n = numberCell(typeof v === 'number' ? v : text.replace(/\s*%$/, ''), RATIO, []);
  if (n === null) {
    problems.push(`${RATIO}: 숫자가 아닙니다 ("${text}")`);
    return null;
  }
  if (n < 0 || n > 100) {
    problems.push(`${RATIO}: 0~100 범위를 벗어났습니다 (${n})`);
    return null;
  }
  // Typing "30%" stores 0.3 in Sheets; nobody means 0.3%, so ask instead of offering almost nothing.
  if (typeof v === 'number' && n > 0 && n < 1) {
    problems.push(`${RATIO}: ${n}은(는) "${Math.round(n * 100)}%"를 입력한 값으로 보입니다. 숫자 ${Math.round(n * 100)}(으)로 입력하세요`);
    return null;
  }
  return n;
}

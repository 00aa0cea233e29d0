import type { Product, ProductStatus } from '../core/product';
import { KEY_SEPARATOR, cellText, duplicateKeys, readTable, type TableRow } from './table';
import { PRODUCTS, PRODUCT_STATES } from './tabs';
import type { Label } from './schema';

/**
 * The products tab as products. A row with a bad cell is not used: it comes back with the
 * reasons, in Korean, for its status cell; the other rows go on.
 */
export type ProductRead = { readonly ok: true; readonly row: TableRow; readonly product: Product } | { readonly ok: false; readonly row: TableRow; readonly problems: string[] };

export function readProducts(grid: readonly (readonly unknown[])[]): ProductRead[] {
  const table = readTable(PRODUCTS, grid);
  const dups = duplicateKeys(table.rows);
  return table.rows.map((row): ProductRead => {
    const problems: string[] = [];
    const sku = row.key;
    if (!sku) problems.push('SKU가 비어 있습니다');
    // Every duplicate is refused: which row holds the real stock is for staff to say.
    if (dups.has(sku)) problems.push(`SKU ${sku}가 여러 행에 있습니다`);
    // "|" joins SKU and partner in the stock ratios tab's row key.
    if (sku.includes(KEY_SEPARATOR)) problems.push(`SKU에 "${KEY_SEPARATOR}" 문자를 쓸 수 없습니다: ${sku}`);
    const name = cellText(row.get('name'));
    if (!name) problems.push('상품명이 비어 있습니다');
    const wholesalePrice = wholeCell(row.get('wholesalePrice'), '도매가', problems, { required: true });
    const retailPrice = wholeCell(row.get('retailPrice'), '권장소비자가', problems);
    const warehouseStock = wholeCell(row.get('warehouseStock'), '물류재고', problems, { required: true });
    const safetyStock = wholeCell(row.get('safetyStock'), '안전재고', problems) ?? 0;
    const status = statusCell(row.get('productStatus'), problems);
    if (problems.length > 0 || wholesalePrice === null || warehouseStock === null || status === null) return { ok: false, row, problems };
    const barcode = cellText(row.get('barcode'));
    return {
      ok: true,
      row,
      product: { sku, name, option: cellText(row.get('option')), barcode: barcode || null, wholesalePrice, retailPrice, warehouseStock, safetyStock, status },
    };
  });
}

/**
 * Every SKU written in the tab, bad rows included: a stock ratio row of a product whose row has
 * a typo still names a real product, and allocation then offers it 0 rather than leaving the
 * malls with stale stock.
 */
export function productSkus(reads: readonly ProductRead[]): Set<string> {
  return new Set(reads.map((r) => r.row.key).filter(Boolean));
}

/**
 * What a channel shows of a product, as one stable string: when it changes, the product is sent
 * again. Stock is not in it (it goes on its own, by the stock ratios). JSON keeps the fields
 * apart whatever characters a name holds.
 */
export function productFingerprint(p: Product): string {
  return JSON.stringify([p.name, p.option, p.wholesalePrice, p.retailPrice, p.status]);
}

/** A sales status label in either language, or its key; blank is on sale (a new row is meant to sell). */
function statusCell(v: unknown, problems: string[]): ProductStatus | null {
  const text = cellText(v);
  if (!text) return 'selling';
  for (const [key, l] of Object.entries(PRODUCT_STATES) as Array<[ProductStatus, Label]>) {
    if (text === l.ko || text === l.en || text === key) return key;
  }
  problems.push(`판매상태 값이 올바르지 않습니다: "${text}" (${Object.values<Label>(PRODUCT_STATES).map((o) => o.ko).join(', ')} 중 하나)`);
  return null;
}

// Cell readers shared with the stock ratios tab.

/** Commas only between thousands: "1,200" is 1200, while "12,00" (a decimal comma?) is refused
 * rather than read as 1200. */
const NUMBER_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** A number, or text such as "1,200". null when blank, or when not a number (with a problem). */
export function numberCell(v: unknown, label: string, problems: string[]): number | null {
  const text = cellText(v);
  if (text === '') return null;
  const n = typeof v === 'number' ? v : NUMBER_TEXT.test(text) ? Number(text.replace(/,/g, '')) : NaN;
  if (Number.isFinite(n)) return n;
  problems.push(`${label}: 숫자가 아닙니다 ("${text}")`);
  return null;
}

/** A whole number ≥ 0 (units, won). null when blank (a problem if required) or bad (with a problem). */
export function wholeCell(v: unknown, label: string, problems: string[], o: { required?: boolean } = {}): number | null {
  if (cellText(v) === '') {
    if (o.required) problems.push(`${label}: 비어 있습니다`);
    return null;
  }
  const n = numberCell(v, label, problems);
  if (n === null) return null;
  const before = problems.length;
  if (n < 0) problems.push(`${label}: 0 이상이어야 합니다 (${n})`);
  if (!Number.isInteger(n)) problems.push(`${label}: 정수여야 합니다 (${n})`);
  return problems.length === before ? n : null;
}

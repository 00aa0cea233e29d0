/**
 * What the settlement reads from the tabs, as the pure rules' inputs (src/core/settlement.ts):
 *
 * - shipped items: orders-tab rows with 출고일시 (shippedAt) that are not cancelled, valued at the
 *   products tab's 도매가 of their SKU (read at settlement time: a price changed later changes a
 *   re-run's figures, which the ledger then corrects, never rewrites);
 * - ordered items: orders-tab rows by 주문일시 (orderedAt) with their 결제금액, cancelled ones left
 *   out (context only: the 7-day order amount);
 * - return credits: claims-tab rows with a 파트너 차감액 (credit) above 0 and a 완료일시
 *   (completedAt): the claims step writes both when returned goods are received.
 *
 * Item keys are the orders tab's row keys (`PNR002|20270125-0000001-01`), so every figure can be
 * traced to its rows. Shipped items whose SKU has no usable wholesale price are returned apart
 * (`unpriced`): a statement that would need them is not posted (the settlement says why).
 */
import type { Krw } from '../core/krw';
import type { OrderedItem, ReturnCredit, ShippedItem } from '../core/settlement';
import { parseSeoulDateTime } from '../core/seoul-time';
import { statusFromCell } from './orders';
import { CLAIMS, ORDERS, PRODUCTS } from './tabs';
import { cellText, duplicateKeys, readTable } from './table';

type Grid = readonly (readonly unknown[])[];

/** A date-time cell (a Date from Sheets, or text as typed) as epoch ms; null when blank or not a time. */
export function timeOfCell(v: unknown): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
  const text = cellText(v);
  if (!text) return null;
  const iso = text.replace(/[/.]/g, '-');
  return parseSeoulDateTime(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso} 00:00` : iso);
}

/** A whole-number cell (number, or text with thousands separators); null when blank or not whole. */
export function wholeOfCell(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  const text = cellText(v).replace(/,/g, '').replace(/원$/, '');
  if (!/^-?\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** SKU → wholesale price from the products tab. A SKU on several rows, or with a bad price, has none. */
export function readWholesalePrices(grid: Grid): Map<string, Krw> {
  const table = readTable(PRODUCTS, grid);
  const dups = duplicateKeys(table.rows);
  const out = new Map<string, Krw>();
  for (const row of table.rows) {
    if (!row.key || dups.has(row.key)) continue;
    const price = wholeOfCell(row.get('wholesalePrice'));
    if (price !== null && price >= 0) out.set(row.key, price);
  }
  return out;
}

export interface UnpricedItem {
  readonly partnerId: string;
  readonly itemKey: string;
  readonly sku: string;
  readonly shippedAt: number;
}

export interface OrderFacts {
  readonly shipped: ShippedItem[];
  readonly ordered: OrderedItem[];
  readonly unpriced: UnpricedItem[];
  /** Per shipped item key: what the reseller sheet shows (order, item, product, quantity, tracking). */
  readonly details: Map<string, ShippedDetail>;
}

export interface ShippedDetail {
  readonly partnerId: string;
  readonly orderId: string;
  readonly itemId: string;
  readonly sku: string;
  readonly productName: string;
  readonly option: string;
  readonly quantity: number;
  readonly carrier: string;
  readonly trackingNo: string;
  readonly shippedAt: number;
}

/** The orders tab as shipments and orders (rows the add-on did not write, or half-typed ones, are skipped). */
export function readOrderFacts(grid: Grid, prices: ReadonlyMap<string, Krw>): OrderFacts {
  const table = readTable(ORDERS, grid);
  const facts: OrderFacts = { shipped: [], ordered: [], unpriced: [], details: new Map() };
  for (const row of table.rows) {
    const partnerId = cellText(row.get('partnerId'));
    const itemId = cellText(row.get('itemId'));
    if (!partnerId || !itemId) continue;
    const itemKey = `${partnerId}|${itemId}`;
    const status = statusFromCell(row.get('orderStatus'));
    if (status === 'cancelled') continue;
    const orderedAt = timeOfCell(row.get('orderedAt'));
    const amount = wholeOfCell(row.get('amount'));
    if (orderedAt !== null && amount !== null) facts.ordered.push({ partnerId, itemKey, amount, orderedAt });
    const shippedAt = timeOfCell(row.get('shippedAt'));
    const quantity = wholeOfCell(row.get('quantity'));
    if (shippedAt === null || quantity === null || quantity <= 0) continue;
    const sku = cellText(row.get('sku'));
    facts.details.set(itemKey, {
      partnerId,
      orderId: cellText(row.get('orderId')),
      itemId,
      sku,
      productName: cellText(row.get('productName')),
      option: cellText(row.get('option')),
      quantity,
      carrier: cellText(row.get('carrier')),
      trackingNo: cellText(row.get('trackingNo')),
      shippedAt,
    });
    const price = sku ? prices.get(sku) : undefined;
    if (price === undefined) facts.unpriced.push({ partnerId, itemKey, sku, shippedAt });
    else facts.shipped.push({ partnerId, itemKey, sku, quantity, wholesaleUnitPrice: price, shippedAt });
  }
  return facts;
}

/**
 * Completed returns credited to the partner (claims tab: credit > 0 and completedAt set). The
 * credit is kept to the won: as quantity × unit price when it divides evenly, else as one unit.
 */
export function readReturnCredits(grid: Grid): ReturnCredit[] {
  const table = readTable(CLAIMS, grid);
  const out: ReturnCredit[] = [];
  for (const row of table.rows) {
    const partnerId = cellText(row.get('partnerId'));
    const itemId = cellText(row.get('itemId'));
    const credit = wholeOfCell(row.get('credit'));
    const creditedAt = timeOfCell(row.get('completedAt'));
    if (!partnerId || !itemId || credit === null || credit <= 0 || creditedAt === null) continue;
    const quantity = wholeOfCell(row.get('quantity'));
    const even = quantity !== null && quantity > 0 && credit % quantity === 0;
    out.push({
      partnerId,
      itemKey: `${partnerId}|${itemId}`,
      quantity: even ? quantity : 1,
      wholesaleUnitPrice: even ? credit / quantity : credit,
      creditedAt,
    });
  }
  return out;
}

/**
 * Warehouse lists (pure, deterministic): what to take off the shelves (pick list, by SKU) and what
 * goes into each box (packing list, by receiver, for bundle shipping).
 *
 * Both take the items still to be worked on: paid and preparing. Standby items already have a
 * tracking number (packed), and cancel requests are held (see shipping.ts), so neither is listed.
 *
 * Sorting compares strings by code unit (not locale), so the order is the same on every runtime.
 */
import type { OrderLine, OrderLineStatus } from './order';
import { receiverKey, type ReceiverKey } from './shipping';

const TO_WORK: ReadonlySet<OrderLineStatus> = new Set<OrderLineStatus>(['paid', 'preparing']);

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The most frequent text (ties: the smallest), so one SKU gets one name whatever each mall calls it. */
function mostCommon(texts: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [t, n] of [...counts].sort((a, b) => cmp(a[0], b[0]))) {
    if (n > bestCount) [best, bestCount] = [t, n];
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Pick list

export type PickLine = Pick<OrderLine, 'partnerId' | 'orderId' | 'sku' | 'productName' | 'optionText' | 'quantity' | 'status'>;

export interface PickRow {
  /** null for items the channel gave no SKU: picked by name and option, listed last. */
  readonly sku: string | null;
  readonly productName: string;
  readonly optionText: string;
  readonly quantity: number;
  /** Distinct (partner, order) pairs wanting this SKU. */
  readonly orders: number;
}

/**
 * Units to pick per SKU over paid / preparing items, sorted by SKU. Product name and option are
 * the most common among the lines (resellers name products their own way). Items without a SKU
 * are grouped by name and option and come after every SKU.
 */
export function pickList(lines: readonly PickLine[]): PickRow[] {
  const groups = new Map<string, { sku: string | null; names: string[]; options: string[]; quantity: number; orders: Set<string> }>();
  for (const line of lines) {
    if (!TO_WORK.has(line.status)) continue;
    const sku = line.sku === null || line.sku.trim() === '' ? null : line.sku.trim();
    const key = sku !== null ? `S\u0000${sku}` : `N\u0000${line.productName}\u0000${line.optionText}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { sku, names: [], options: [], quantity: 0, orders: new Set() }));
    g.names.push(line.productName);
    g.options.push(line.optionText);
    g.quantity += line.quantity;
    g.orders.add(`${line.partnerId}\u0000${line.orderId}`);
  }
  return [...groups.values()]
    .map((g) => ({ sku: g.sku, productName: mostCommon(g.names), optionText: mostCommon(g.options), quantity: g.quantity, orders: g.orders.size }))
    .sort((a, b) => {
      if (a.sku !== null && b.sku !== null) return cmp(a.sku, b.sku);
      if (a.sku !== null) return -1;
      if (b.sku !== null) return 1;
      return cmp(a.productName, b.productName) || cmp(a.optionText, b.optionText);
    });
}

// ---------------------------------------------------------------------------------------------
// Packing list

export type PackLine = Pick<
  OrderLine,
  | 'partnerId'
  | 'orderId'
  | 'itemId'
  | 'sku'
  | 'productName'
  | 'optionText'
  | 'quantity'
  | 'status'
  | 'message'
  | 'receiverName'
  | 'receiverPhone'
  | 'receiverZip'
  | 'receiverAddress1'
  | 'receiverAddress2'
>;

export interface PackItem {
  readonly orderId: string;
  readonly itemId: string;
  readonly sku: string | null;
  readonly productName: string;
  readonly optionText: string;
  readonly quantity: number;
}

export interface PackGroup {
  readonly partnerId: string;
  readonly receiverKey: ReceiverKey;
  /** As written on the first item (sorted), for the label. */
  readonly receiverName: string;
  readonly receiverPhone: string;
  readonly receiverZip: string;
  readonly receiverAddress1: string;
  readonly receiverAddress2: string;
  /** Distinct non-blank delivery messages, in item order. */
  readonly messages: readonly string[];
  /** Sorted by order then item. */
  readonly items: readonly PackItem[];
  readonly totalQuantity: number;
  /** Distinct orders in the box (more than one = bundle across orders). */
  readonly orders: number;
}

/**
 * Paid / preparing items grouped per box: one group per partner and receiver (`receiverKey`).
 * Groups stay within a partner: each partner's parcels go out under its own mall, so items bought
 * from two malls are not packed together even for the same receiver. Sorted by partner, then
 * receiver name, then receiver key.
 */
export function packingList(lines: readonly PackLine[]): PackGroup[] {
  const groups = new Map<string, { partnerId: string; key: ReceiverKey; lines: PackLine[] }>();
  for (const line of lines) {
    if (!TO_WORK.has(line.status)) continue;
    const key = receiverKey(line);
    const groupKey = `${line.partnerId}\u0000${key}`;
    let g = groups.get(groupKey);
    if (!g) groups.set(groupKey, (g = { partnerId: line.partnerId, key, lines: [] }));
    g.lines.push(line);
  }
  return [...groups.values()]
    .map((g): PackGroup => {
      const sorted = [...g.lines].sort((a, b) => cmp(a.orderId, b.orderId) || cmp(a.itemId, b.itemId));
      const first = sorted[0]!;
      const messages: string[] = [];
      for (const l of sorted) if (l.message.trim() !== '' && !messages.includes(l.message)) messages.push(l.message);
      return {
        partnerId: g.partnerId,
        receiverKey: g.key,
        receiverName: first.receiverName,
        receiverPhone: first.receiverPhone,
        receiverZip: first.receiverZip,
        receiverAddress1: first.receiverAddress1,
        receiverAddress2: first.receiverAddress2,
        messages,
        items: sorted.map((l) => ({ orderId: l.orderId, itemId: l.itemId, sku: l.sku, productName: l.productName, optionText: l.optionText, quantity: l.quantity })),
        totalQuantity: sorted.reduce((n, l) => n + l.quantity, 0),
        orders: new Set(sorted.map((l) => l.orderId)).size,
      };
    })
    .sort((a, b) => cmp(a.partnerId, b.partnerId) || cmp(a.receiverName, b.receiverName) || cmp(a.receiverKey, b.receiverKey));
}

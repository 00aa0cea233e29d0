/**
 * System-assigned identifiers in the formats seen in Cafe24's examples (reference §1):
 * product_code `P000000X` (8 of A-Z0-9), variant_code = product_code + 4 (`P000000R000C`),
 * order_id `YYYYMMDD-NNNNNNN`, order_item_code order_id + `-NN`, shipping_code
 * `D-{order_id}-NN`, claim_code / refund_code `CYYYYMMDD-NNNNNNN`. The counting scheme
 * (base-36 for codes, per-day serials for ids) is our reading of those examples.
 */
import type { MallState, Order } from './model';
import { kstCompactDate } from './time';

const B36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function base36(n: number, width: number): string {
  let out = '';
  let v = n;
  do {
    out = B36[v % 36] + out;
    v = Math.floor(v / 36);
  } while (v > 0);
  return out.padStart(width, '0');
}

function fromBase36(text: string): number {
  let v = 0;
  for (const ch of text) {
    const d = B36.indexOf(ch);
    if (d < 0) return NaN;
    v = v * 36 + d;
  }
  return v;
}

/** The counter value a seeded `P…` code stands for, so new codes never collide with it. */
export function productCodeSerial(code: string): number {
  return code.startsWith('P') ? fromBase36(code.slice(1)) : NaN;
}

export function nextProductCode(mall: MallState): string {
  let code: string;
  do {
    mall.seq.productCode += 1;
    code = `P${base36(mall.seq.productCode, 7)}`;
  } while ([...mall.products.values()].some((p) => p.product_code === code));
  return code;
}

/** Variant suffixes: 000A, 000B, … (the first is what single-variant products carry). */
export function variantCode(productCode: string, index: number): string {
  return `${productCode}${base36(10 + index, 4)}`;
}

export function nextOrderId(mall: MallState, at: number): string {
  const day = kstCompactDate(at);
  let serial = mall.seq.orderSerial.get(day) ?? 0;
  let id: string;
  do {
    serial += 1;
    id = `${day}-${String(serial).padStart(7, '0')}`;
  } while (mall.orders.has(id));
  mall.seq.orderSerial.set(day, serial);
  return id;
}

export function noteSeededOrderId(mall: MallState, orderId: string): void {
  const [day, serial] = orderId.split('-');
  if (!day || !serial) return;
  mall.seq.orderSerial.set(day, Math.max(mall.seq.orderSerial.get(day) ?? 0, Number(serial)));
}

export function nextItemCode(order: Order): { code: string; itemNo: number } {
  const used = order.items.map((i) => Number(i.order_item_code.slice(order.order_id.length + 1)) || 0);
  const n = Math.max(0, ...used) + 1;
  const itemNo = Math.max(0, ...order.items.map((i) => i.item_no)) + 1;
  return { code: `${order.order_id}-${String(n).padStart(2, '0')}`, itemNo };
}

export function nextShippingCode(mall: MallState, orderId: string): string {
  for (let n = 0; ; n++) {
    const code = `D-${orderId}-${String(n).padStart(2, '0')}`;
    if (!mall.shipments.has(code) && !shippingCodeOnItems(mall, orderId, code)) return code;
  }
}

function shippingCodeOnItems(mall: MallState, orderId: string, code: string): boolean {
  return mall.orders.get(orderId)?.items.some((i) => i.shipping_code === code) ?? false;
}

export function nextClaimCode(mall: MallState, at: number): string {
  const day = kstCompactDate(at);
  let serial = mall.seq.claimSerial.get(day) ?? 0;
  let code: string;
  do {
    serial += 1;
    code = `C${day}-${String(serial).padStart(7, '0')}`;
  } while (mall.claims.has(code) || mall.refunds.has(code));
  mall.seq.claimSerial.set(day, serial);
  return code;
}

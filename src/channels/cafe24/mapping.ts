/**
 * Cafe24 objects → the sheet's core types: order lines, carriers, and the product/variant ids
 * the stock-ratio tab needs. Strings are carried over exactly as Cafe24 sent them (an empty
 * tracking number or custom code counts as absent; nothing is trimmed or turned into a number).
 */
import type { Carrier, ClaimKind, OrderLine } from '../../core/order';
import type { Cafe24Connection } from './connection';
import { isFulfilmentStatus, lineStateOf } from './order-status';
import type { Cafe24CarrierEntry, Cafe24Order, Cafe24OrderItem, Cafe24Product, Cafe24Receiver, Cafe24Variant } from './schemas';

const present = (v: string | null | undefined): string | null => (v === undefined || v === null || v === '' ? null : v);
const textOf = (v: string | null | undefined): string => v ?? '';

/** The seller's SKU: the variant's own code, else the product's (where the manufacturer's SKUs live). */
export function skuOf(codes: { custom_variant_code?: string | null; custom_product_code?: string | null }): string | null {
  return present(codes.custom_variant_code) ?? present(codes.custom_product_code);
}

export type SkipReason = 'unpaid' | 'otherSupplier';

export interface SkippedItem {
  readonly orderId: string;
  readonly itemId: string;
  readonly reason: SkipReason;
}

export interface MappedOrders {
  readonly lines: OrderLine[];
  readonly skipped: SkippedItem[];
}

/**
 * The receiver of an item: with several addresses (multiple_addresses) the one whose
 * shipping_code is the item's, else the first.
 */
function receiverFor(order: Cafe24Order, item: Cafe24OrderItem): Cafe24Receiver | undefined {
  const receivers = order.receivers ?? [];
  const code = present(item.shipping_code);
  return (code !== null ? receivers.find((r) => r.shipping_code === code) : undefined) ?? receivers[0];
}

/**
 * Why an item is not a line, or null when it is one. Unpaid: a never-paid status (N00, N02,
 * C47–C49) or an item still in the normal flow of an order that is not fully paid; order reads
 * carry no `payment_status` filter (requests.ts), so this is what keeps unpaid orders out.
 * Other supplier: in a reseller's mall, an item another supplier ships.
 */
function skipReason(conn: Cafe24Connection, order: Cafe24Order, item: Cafe24OrderItem): SkipReason | null {
  if (lineStateOf(item.order_status, item.order_status_before_cs) === null) return 'unpaid';
  if (isFulfilmentStatus(item.order_status) && order.paid !== 'T') return 'unpaid';
  const supplier = present(item.supplier_id);
  if (conn.supplierCode !== undefined && supplier !== null && supplier !== conn.supplierCode) return 'otherSupplier';
  return null;
}

/**
 * One OrderLine per paid order item. Orders must come with their items (`embed=items`, as every
 * order read in requests.ts asks); an order without them is a programming error and throws.
 */
export function orderLines(conn: Cafe24Connection, orders: readonly Cafe24Order[]): MappedOrders {
  const lines: OrderLine[] = [];
  const skipped: SkippedItem[] = [];
  for (const order of orders) {
    if (order.items === undefined) {
      throw new Error(`[${conn.mallId}] order ${order.order_id} came without items: request it with embed=items`);
    }
    for (const item of order.items) {
      const reason = skipReason(conn, order, item);
      if (reason !== null) {
        skipped.push({ orderId: order.order_id, itemId: item.order_item_code, reason });
        continue;
      }
      lines.push(orderLine(conn, order, item));
    }
  }
  return { lines, skipped };
}

function orderLine(conn: Cafe24Connection, order: Cafe24Order, item: Cafe24OrderItem): OrderLine {
  const state = lineStateOf(item.order_status, item.order_status_before_cs)!;
  const receiver = receiverFor(order, item);
  const unitPrice = item.product_price + (item.option_price ?? 0);
  const carrierCode = present(item.shipping_company_code);
  return {
    channel: 'cafe24',
    partnerId: conn.partnerId,
    orderId: order.order_id,
    itemId: item.order_item_code,
    orderedAt: order.order_date,
    paidAt: order.payment_date ?? null,
    sku: skuOf(item),
    productName: textOf(item.product_name),
    optionText: textOf(item.option_value),
    quantity: item.quantity,
    unitPrice,
    amount: unitPrice * item.quantity,
    buyerName: textOf(order.buyer?.name ?? order.billing_name),
    receiverName: textOf(receiver?.name),
    receiverPhone: present(receiver?.cellphone) ?? textOf(receiver?.phone),
    receiverZip: textOf(receiver?.zipcode),
    receiverAddress1: textOf(receiver?.address1),
    receiverAddress2: textOf(receiver?.address2),
    message: textOf(receiver?.shipping_message),
    status: state.status,
    claim: state.claim,
    claimCode: state.claim === null ? null : present(item.claim_code),
    claimReason: textOf(item.claim_reason),
    claimRequestedAt: claimRequestedAt(item, state.claim),
    replacement: isReplacement(item),
    rawStatus: item.order_status,
    carrier: carrierCode === null ? null : { code: carrierCode, name: textOf(item.shipping_company_name) },
    trackingNo: present(item.tracking_no),
    shippedAt: item.shipped_date ?? null,
    channelProductId: item.product_no === null || item.product_no === undefined ? null : String(item.product_no),
    channelVariantId: present(item.variant_code),
    channelShipmentId: present(item.shipping_code),
  };
}

/** When the item's claim was requested, from the date field of its kind. */
function claimRequestedAt(item: Cafe24OrderItem, claim: ClaimKind | null): number | null {
  if (claim === 'cancel') return item.cancel_request_date ?? null;
  if (claim === 'return') return item.return_request_date ?? null;
  if (claim === 'exchange') return item.exchange_request_date ?? null;
  return null;
}

/** The replacement item of an exchange: N01/N03 while waiting, status_code N2 throughout. */
function isReplacement(item: Cafe24OrderItem): boolean {
  return item.order_status === 'N01' || item.order_status === 'N03' || item.status_code === 'N2';
}

// ---- carriers ----

export interface Cafe24Carrier extends Carrier {
  readonly carrierId: number;
  readonly isDefault: boolean;
}

/** The mall's registered carriers, code and name as the mall has them. */
export function carriersOf(entries: readonly Cafe24CarrierEntry[]): Cafe24Carrier[] {
  return entries.map((c) => ({
    code: c.shipping_carrier_code,
    name: c.shipping_carrier,
    carrierId: c.carrier_id,
    isDefault: c.default_shipping_carrier === 'T',
  }));
}

/**
 * A registered carrier by its name as the sheet writes it (우체국택배, CJ대한통운, 롯데택배) or by
 * its code. Names compare without spaces, so "CJ 대한통운" finds "CJ대한통운". Null when the
 * mall has not registered it (Cafe24 then refuses the shipment).
 */
export function findCarrier(carriers: readonly Carrier[], nameOrCode: string): Carrier | null {
  const key = nameOrCode.replace(/\s+/g, '').toLowerCase();
  return carriers.find((c) => c.code === nameOrCode) ?? carriers.find((c) => c.name.replace(/\s+/g, '').toLowerCase() === key) ?? null;
}

// ---- products and variants ----

/** What the stock-ratio tab needs to find and update one variant's stock in a mall. */
export interface Cafe24VariantRef {
  readonly partnerId: string;
  readonly productNo: number;
  readonly productCode: string;
  readonly productName: string;
  readonly variantCode: string;
  readonly customProductCode: string | null;
  readonly customVariantCode: string | null;
  readonly sku: string | null;
  /** "색상=베이지" from the variant's options; '' without options. */
  readonly optionText: string;
  /** Stock in the mall now, when the answer carried it. */
  readonly quantity: number | null;
  readonly useInventory: boolean | null;
}

function optionText(v: Cafe24Variant): string {
  return (v.options ?? []).map((o) => `${o.name}=${o.value}`).join(', ');
}

function stockOf(v: Cafe24Variant): { quantity: number | null; useInventory: boolean | null } {
  const inv = Array.isArray(v.inventories) ? v.inventories[0] : v.inventories;
  const quantity = v.quantity ?? inv?.quantity ?? null;
  const use = v.use_inventory ?? inv?.use_inventory;
  return { quantity, useInventory: use === undefined ? null : use === 'T' };
}

/** One ref per variant of a product; `variants` from `embed=variants` or from variants.list. */
export function variantRefs(conn: Cafe24Connection, product: Cafe24Product, variants: readonly Cafe24Variant[] = product.variants ?? []): Cafe24VariantRef[] {
  return variants.map((v) => ({
    partnerId: conn.partnerId,
    productNo: product.product_no,
    productCode: product.product_code,
    productName: product.product_name,
    variantCode: v.variant_code,
    customProductCode: present(product.custom_product_code),
    customVariantCode: present(v.custom_variant_code),
    sku: skuOf({ custom_variant_code: v.custom_variant_code, custom_product_code: product.custom_product_code }),
    optionText: optionText(v),
    ...stockOf(v),
  }));
}

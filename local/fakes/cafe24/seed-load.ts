/**
 * Builds a mall's in-memory state from its validated seed. Seeded amounts of stock are taken as
 * the current figure (orders in the seed are assumed already deducted, so their live items
 * count as holding stock that a cancel or return with recover_inventory gives back). Shipments and claims
 * implied by seeded items (a tracking number, a claim code) are reconstructed so the
 * per-resource endpoints can find them.
 */
import { productCodeSerial, noteSeededOrderId, variantCode } from './codes';
import { formatMoney, money, toCents } from './money';
import type { Claim, ClaimType, Flag, Json, MallState, Order, OrderItem, PaymentStatus, Product, Shipment, Variant } from './model';
import { emptyClaim, ITEM_DATE_FIELDS } from './model';
import type { OrderStatus } from './order-status';
import { isLive } from './order-status';
import type { SeedItemData, SeedMallData, SeedOrderData, SeedProductData, SeedVariantData } from './seed-schema';
import { parseCafe24Date } from './time';
import { emptyUsage } from './usage';

export function without(obj: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k)) out[k] = v;
  return out;
}

const dateOf = (v: string | null | undefined): number | null => (v ? parseCafe24Date(v) : null);

const PRODUCT_KEYS = [
  'shop_no', 'product_no', 'product_code', 'custom_product_code', 'product_name', 'price', 'price_excluding_tax',
  'retail_price', 'supply_price', 'display', 'selling', 'sold_out', 'supplier_code', 'created_date', 'updated_date', 'variants',
] as const;

const VARIANT_KEYS = [
  'shop_no', 'variant_code', 'options', 'custom_variant_code', 'display', 'selling', 'additional_amount', 'use_inventory',
  'important_inventory', 'inventory_control_type', 'display_soldout', 'quantity', 'safety_inventory', 'origin_code', 'inventories', 'product_no',
] as const;

/** Tax-exclusive price when a seed gives only the price: 10% VAT, rounded to the won. */
export function priceExcludingTax(price: string): string {
  return formatMoney(Math.round((toCents(price) * 10) / 11 / 100) * 100);
}

export function variantFromInput(productNo: number, v: SeedVariantData): Variant {
  const inv = Array.isArray(v.inventories) ? v.inventories[0] : v.inventories ?? undefined;
  return {
    product_no: productNo,
    variant_code: v.variant_code,
    options: (v.options as Json[] | null | undefined) ?? null,
    custom_variant_code: v.custom_variant_code ?? '',
    display: v.display ?? 'T',
    selling: v.selling ?? 'T',
    additional_amount: money(v.additional_amount ?? 0),
    // Cafe24 creates variants with stock tracking off; seeds that care set it.
    use_inventory: inv?.use_inventory ?? v.use_inventory ?? 'F',
    important_inventory: inv?.important_inventory ?? v.important_inventory ?? 'A',
    inventory_control_type: inv?.inventory_control_type ?? v.inventory_control_type ?? 'A',
    display_soldout: inv?.display_soldout ?? v.display_soldout ?? 'F',
    quantity: inv?.quantity ?? v.quantity ?? 0,
    safety_inventory: inv?.safety_inventory ?? v.safety_inventory ?? 0,
    origin_code: inv?.origin_code ?? v.origin_code ?? null,
    extra: without(v, VARIANT_KEYS),
  };
}

function addProduct(mall: MallState, p: SeedProductData, now: number): void {
  const code = p.product_code ?? `P${String(p.product_no).padStart(7, '0')}`;
  const price = money(p.price ?? 0);
  const product: Product = {
    product_no: p.product_no,
    product_code: code,
    custom_product_code: p.custom_product_code ?? '',
    product_name: p.product_name,
    price,
    price_excluding_tax: p.price_excluding_tax !== undefined ? money(p.price_excluding_tax) : priceExcludingTax(price),
    retail_price: money(p.retail_price ?? 0),
    supply_price: money(p.supply_price ?? 0),
    display: p.display ?? 'T',
    selling: p.selling ?? 'T',
    supplier_code: p.supplier_code ?? 'S0000000',
    created: dateOf(p.created_date) ?? now,
    updated: dateOf(p.updated_date) ?? dateOf(p.created_date) ?? now,
    variantCodes: [],
    extra: without(p, PRODUCT_KEYS),
  };
  // Products without options still have one variant (reference §6).
  const variants = p.variants && p.variants.length > 0 ? p.variants : [{ variant_code: variantCode(code, 0) } as SeedVariantData];
  for (const v of variants) {
    mall.variants.set(v.variant_code, variantFromInput(p.product_no, v));
    product.variantCodes.push(v.variant_code);
  }
  mall.products.set(product.product_no, product);
  mall.seq.productNo = Math.max(mall.seq.productNo, p.product_no);
  const serial = productCodeSerial(code);
  if (Number.isFinite(serial)) mall.seq.productCode = Math.max(mall.seq.productCode, serial);
}

const ITEM_KEYS = [
  'shop_no', 'order_item_code', 'item_no', 'product_no', 'product_code', 'variant_code', 'custom_product_code', 'custom_variant_code',
  'product_name', 'option_value', 'product_price', 'option_price', 'quantity', 'supplier_id', 'order_status', 'order_status_before_cs',
  'status_code', 'status_text', 'shipping_code', 'tracking_no', 'shipping_company_code', 'shipping_company_name', 'shipping_company_id',
  'claim_code', 'claim_type', 'claim_status', 'claim_reason_type', 'claim_reason', 'claim_quantity', ...ITEM_DATE_FIELDS,
] as const;

/** The mall's carrier id for a carrier code a seeded item names without its id. */
function carrierIdOf(mall: MallState, code: string | null): number | null {
  const c = code === null ? undefined : mall.carriers.find((x) => x.shipping_carrier_code === code);
  return c && typeof c.carrier_id === 'number' ? c.carrier_id : null;
}

function itemFromSeed(mall: MallState, it: SeedItemData, index: number, paid: boolean): OrderItem {
  const raw = it as Json;
  const str = (k: string): string | null => (typeof raw[k] === 'string' ? (raw[k] as string) : null);
  const dates: OrderItem['dates'] = {};
  for (const f of ITEM_DATE_FIELDS) {
    const t = dateOf(raw[f] as string | null | undefined);
    if (t !== null) dates[f] = t;
  }
  const claimType = str('claim_type');
  const status = it.order_status ?? (paid ? 'N10' : 'N00');
  const variant = it.variant_code ? mall.variants.get(it.variant_code) : undefined;
  // Seeded stock is the figure after these orders, so live items hold their quantity.
  const holds = variant?.use_inventory === 'T' && isLive(status) && !(status === 'N00' && variant.inventory_control_type === 'B');
  return {
    order_item_code: it.order_item_code,
    item_no: it.item_no ?? index + 1,
    product_no: it.product_no ?? null,
    product_code: it.product_code ?? null,
    variant_code: it.variant_code ?? null,
    custom_product_code: it.custom_product_code ?? null,
    custom_variant_code: it.custom_variant_code ?? null,
    product_name: it.product_name ?? null,
    option_value: it.option_value ?? null,
    product_price: money(it.product_price ?? 0),
    option_price: money(it.option_price ?? 0),
    quantity: it.quantity,
    supplier_id: it.supplier_id ?? null,
    order_status: status,
    order_status_before_cs: it.order_status_before_cs ?? null,
    shipping_code: it.shipping_code ?? null,
    tracking_no: it.tracking_no ?? null,
    shipping_company_code: it.shipping_company_code ?? null,
    shipping_company_name: it.shipping_company_name ?? null,
    // The documented samples print it as a string ("2"); older seeds gave a number.
    shipping_company_id:
      typeof raw.shipping_company_id === 'number' ? raw.shipping_company_id
        : typeof raw.shipping_company_id === 'string' && /^\d+$/.test(raw.shipping_company_id) ? Number(raw.shipping_company_id)
          : carrierIdOf(mall, it.shipping_company_code ?? null),
    claim: {
      ...emptyClaim(),
      claim_code: it.claim_code ?? null,
      claim_type: claimType === 'C' || claimType === 'R' || claimType === 'E' ? claimType : null,
      claim_status: str('claim_status'),
      claim_reason_type: str('claim_reason_type'),
      claim_reason: str('claim_reason'),
      claim_quantity: typeof raw.claim_quantity === 'number' ? raw.claim_quantity : null,
    },
    dates,
    stockHeld: holds ? it.quantity : 0,
    extra: without(raw, ITEM_KEYS),
  };
}

const ORDER_KEYS = [
  'shop_no', 'order_id', 'order_date', 'payment_date', 'cancel_date', 'paid', 'canceled', 'payment_method', 'payment_amount',
  'shipping_status', 'member_id', 'billing_name', 'currency', 'items', 'receivers', 'buyer',
] as const;

export function paymentStatusFor(paid: 'T' | 'F' | 'M', methods: string[]): PaymentStatus {
  if (paid === 'F') return 'F';
  if (paid === 'M') return 'M';
  if (methods.includes('icash')) return 'A';
  if (methods.includes('cash')) return 'T';
  return 'P';
}

function orderFromSeed(mall: MallState, o: SeedOrderData): Order {
  const items = o.items ?? [];
  const paid = o.paid ?? (items.length > 0 && items.every((i) => i.order_status === 'N00') ? 'F' : 'T');
  const methods = o.payment_method ?? [];
  return {
    order_id: o.order_id,
    order_date: parseCafe24Date(o.order_date)!,
    payment_date: dateOf(o.payment_date),
    cancel_date: dateOf(o.cancel_date),
    paid,
    payment_status: paymentStatusFor(paid, methods),
    payment_method: [...methods],
    payment_amount: money(o.payment_amount ?? 0),
    currency: o.currency ?? 'KRW',
    member_id: o.member_id ?? null,
    billing_name: o.billing_name ?? null,
    seeded_shipping_status: o.shipping_status ?? null,
    seeded_canceled: o.canceled ?? null,
    items: items.map((it, i) => itemFromSeed(mall, it, i, paid !== 'F')),
    receivers: (o.receivers ?? []).map((r) => ({ ...r })),
    buyer: o.buyer ? { ...o.buyer } : null,
    extra: without(o, ORDER_KEYS),
  };
}

function shipmentStatusOf(s: OrderStatus): Shipment['status'] | null {
  if (s === 'N21') return 'standby';
  if (s === 'N30') return 'shipping';
  if (s === 'N40' || s === 'N50') return 'shipped';
  return null;
}

function claimTypeOf(s: OrderStatus): ClaimType | null {
  if (s.startsWith('C')) return 'cancellation';
  if (s.startsWith('R')) return 'return';
  if (s.startsWith('E')) return 'exchange';
  return null;
}

function claimStatusWord(type: ClaimType, s: OrderStatus): string {
  if (type === 'cancellation') return ['C40', 'C41', 'C42', 'C43', 'C47', 'C48', 'C49'].includes(s) ? 'canceled' : 'canceling';
  if (type === 'return') {
    if (s >= 'R40') return 'returned';
    return s >= 'R30' ? 'processing' : 'accepted';
  }
  return s === 'E40' ? 'exchanged' : 'accepted';
}

/** Shipments and claims implied by seeded items. */
function reconstruct(mall: MallState, order: Order, now: number): void {
  for (const item of order.items) {
    const st = shipmentStatusOf(item.order_status);
    if (st && item.shipping_code && item.tracking_no) {
      const existing = mall.shipments.get(item.shipping_code);
      if (existing) existing.order_item_code.push(item.order_item_code);
      else {
        mall.shipments.set(item.shipping_code, {
          shipping_code: item.shipping_code,
          order_id: order.order_id,
          tracking_no: item.tracking_no,
          shipping_company_code: item.shipping_company_code ?? '',
          carrier_id: item.shipping_company_id,
          status: st,
          status_additional_info: null,
          order_item_code: [item.order_item_code],
          tracking_no_updated: item.dates.shipped_date ?? now,
        });
      }
    }
    const type = claimTypeOf(item.order_status);
    const code = item.claim.claim_code;
    if (type && code) {
      const existing = mall.claims.get(code);
      if (existing) existing.items.push({ order_item_code: item.order_item_code, quantity: item.quantity });
      else {
        const claim: Claim = {
          claim_code: code,
          type,
          order_id: order.order_id,
          status: claimStatusWord(type, item.order_status),
          items: [{ order_item_code: item.order_item_code, quantity: item.quantity }],
          exchange_items: [],
          pickup_completed: (item.order_status >= 'R31' && item.order_status.startsWith('R') ? 'T' : 'F') as Flag,
          reason: item.claim.claim_reason,
          claim_reason_type: item.claim.claim_reason_type,
          refund_code: null,
          created: item.dates.cancel_request_date ?? item.dates.return_request_date ?? item.dates.exchange_request_date ?? now,
          extra: {},
        };
        mall.claims.set(code, claim);
      }
    }
  }
}

export function buildMall(seed: SeedMallData, now: number): MallState {
  const mall: MallState = {
    mall_id: seed.mall_id,
    user_id: seed.user_id ?? seed.mall_id,
    shop_name: seed.shop_name ?? seed.mall_id,
    partner_code: seed.partner_code ?? null,
    products: new Map(),
    variants: new Map(),
    orders: new Map(),
    carriers: (seed.carriers ?? []).map((c) => ({ ...c })),
    suppliers: (seed.suppliers ?? []).map((s) => ({ ...s })),
    shipments: new Map(),
    claims: new Map(),
    refunds: new Map(),
    seq: { productNo: 0, productCode: 0, orderSerial: new Map(), claimSerial: new Map() },
    usage: emptyUsage(),
    faults: [],
  };
  if (!mall.suppliers.some((s) => s.supplier_code === 'S0000000')) {
    // Every mall has the default supplier 자체공급 (reference §10).
    mall.suppliers.unshift({ supplier_code: 'S0000000', supplier_name: '자체공급', status: 'A', use_supplier: 'T' });
  }
  for (const p of seed.products ?? []) addProduct(mall, p, now);
  for (const o of seed.orders ?? []) {
    const order = orderFromSeed(mall, o);
    mall.orders.set(order.order_id, order);
    noteSeededOrderId(mall, order.order_id);
    reconstruct(mall, order, now);
  }
  return mall;
}

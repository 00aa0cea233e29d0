/**
 * Turns in-memory resources into Cafe24's JSON objects: documented field names, money as
 * "0.00" strings, T/F flags, resource dates as ISO with +09:00, item dates as
 * 'YYYY-MM-DD HH:MM:SS', nulls where a value is absent. Fields a seed carried that we do not
 * model follow the modelled ones unchanged.
 */
import { formatMoney, toCents } from './money';
import type { Claim, Json, MallState, Order, OrderItem, Product, Refund, Shipment, Variant } from './model';
import { ITEM_DATE_FIELDS } from './model';
import { deriveCanceled, deriveShippingStatus, ORDER_STATUS_LABELS, statusCodeOf } from './order-status';
import { kstDateTime, kstIso } from './time';

const SHOP_NO = 1;

/**
 * `sold_out` follows stock only: every variant tracks stock, shows sold-out at zero and has
 * none left. (Not `selling=F`: the documented sample has selling F with sold_out F.)
 */
export function isSoldOut(mall: MallState, p: Product): boolean {
  const variants = p.variantCodes.map((c) => mall.variants.get(c)).filter((v): v is Variant => v !== undefined);
  if (variants.length === 0) return false;
  return variants.every((v) => v.use_inventory === 'T' && v.display_soldout === 'T' && v.quantity <= 0);
}

export function renderInventory(v: Variant): Json {
  return {
    shop_no: SHOP_NO,
    variant_code: v.variant_code,
    use_inventory: v.use_inventory,
    important_inventory: v.important_inventory,
    inventory_control_type: v.inventory_control_type,
    display_soldout: v.display_soldout,
    quantity: v.quantity,
    safety_inventory: v.safety_inventory,
    origin_code: v.origin_code,
  };
}

export function renderVariant(v: Variant, embedInventories: boolean): Json {
  const out: Json = {
    shop_no: SHOP_NO,
    variant_code: v.variant_code,
    options: v.options,
    custom_variant_code: v.custom_variant_code,
    display: v.display,
    selling: v.selling,
    additional_amount: v.additional_amount,
    use_inventory: v.use_inventory,
    important_inventory: v.important_inventory,
    inventory_control_type: v.inventory_control_type,
    display_soldout: v.display_soldout,
    quantity: v.quantity,
    safety_inventory: v.safety_inventory,
    ...v.extra,
  };
  if (embedInventories) out.inventories = renderInventory(v);
  return out;
}

export function renderProduct(mall: MallState, p: Product, embed: ReadonlySet<string>): Json {
  const out: Json = {
    shop_no: SHOP_NO,
    product_no: p.product_no,
    product_code: p.product_code,
    custom_product_code: p.custom_product_code,
    product_name: p.product_name,
    price_excluding_tax: p.price_excluding_tax,
    price: p.price,
    retail_price: p.retail_price,
    supply_price: p.supply_price,
    display: p.display,
    selling: p.selling,
    sold_out: isSoldOut(mall, p) ? 'T' : 'F',
    has_option: p.variantCodes.length > 1 || p.variantCodes.some((c) => mall.variants.get(c)?.options) ? 'T' : 'F',
    supplier_code: p.supplier_code,
    created_date: kstIso(p.created),
    updated_date: kstIso(p.updated),
    ...p.extra,
  };
  if (embed.has('variants')) {
    out.variants = p.variantCodes
      .map((c) => mall.variants.get(c))
      .filter((v): v is Variant => v !== undefined)
      .map((v) => renderVariant(v, embed.has('inventories')));
  }
  return out;
}

const optDate = (t: number | undefined | null): string | null => (t === undefined || t === null ? null : kstDateTime(t));

export function renderItem(item: OrderItem): Json {
  const dates: Json = {};
  for (const f of ITEM_DATE_FIELDS) dates[f] = optDate(item.dates[f]);
  return {
    shop_no: SHOP_NO,
    item_no: item.item_no,
    order_item_code: item.order_item_code,
    variant_code: item.variant_code,
    product_no: item.product_no,
    product_code: item.product_code,
    custom_product_code: item.custom_product_code,
    custom_variant_code: item.custom_variant_code,
    product_name: item.product_name,
    product_name_default: item.product_name,
    option_id: item.variant_code ? item.variant_code.slice(-4) : null,
    option_value: item.option_value,
    product_price: item.product_price,
    option_price: item.option_price,
    additional_discount_price: '0.00',
    coupon_discount_price: '0.00',
    app_item_discount_amount: '0.00',
    payment_amount: null,
    quantity: item.quantity,
    supplier_id: item.supplier_id,
    order_status: item.order_status,
    order_status_additional_info: null,
    status_code: statusCodeOf(item.order_status),
    status_text: ORDER_STATUS_LABELS[item.order_status],
    order_status_before_cs: item.order_status_before_cs,
    claim_code: item.claim.claim_code,
    claim_type: item.claim.claim_type,
    claim_status: item.claim.claim_status,
    claim_reason_type: item.claim.claim_reason_type,
    claim_reason: item.claim.claim_reason,
    claim_quantity: item.claim.claim_quantity,
    shipping_code: item.shipping_code,
    tracking_no: item.tracking_no,
    shipping_company_id: item.shipping_company_id,
    shipping_company_name: item.shipping_company_name,
    shipping_company_code: item.shipping_company_code,
    ...dates,
    ...item.extra,
  };
}

export function orderShippingStatus(order: Order): string {
  return deriveShippingStatus(order.items.map((i) => i.order_status)) ?? order.seeded_shipping_status ?? 'F';
}

export function orderCanceled(order: Order): string {
  return order.items.length > 0 ? deriveCanceled(order.items.map((i) => i.order_status)) : order.seeded_canceled ?? 'F';
}

export function renderOrder(mall: MallState, order: Order, embed: ReadonlySet<string>): Json {
  const out: Json = {
    shop_no: SHOP_NO,
    currency: order.currency,
    order_id: order.order_id,
    market_id: 'self',
    member_id: order.member_id,
    billing_name: order.billing_name,
    payment_method: order.payment_method,
    paid: order.paid,
    canceled: orderCanceled(order),
    order_date: kstIso(order.order_date),
    payment_date: order.payment_date === null ? null : kstIso(order.payment_date),
    cancel_date: order.cancel_date === null ? null : kstIso(order.cancel_date),
    payment_amount: order.payment_amount,
    order_place_id: 'cafe24',
    shipping_type: 'A',
    shipping_status: orderShippingStatus(order),
    ...order.extra,
  };
  if (embed.has('items')) out.items = order.items.map(renderItem);
  if (embed.has('receivers')) out.receivers = order.receivers;
  if (embed.has('buyer')) out.buyer = order.buyer;
  const claims = (type: Claim['type']): Json[] =>
    [...mall.claims.values()].filter((c) => c.order_id === order.order_id && c.type === type).map((c) => renderClaim(c));
  if (embed.has('cancellation')) out.cancellation = claims('cancellation');
  if (embed.has('return')) out.return = claims('return');
  if (embed.has('exchange')) out.exchange = claims('exchange');
  if (embed.has('refunds')) out.refunds = [...mall.refunds.values()].filter((r) => r.order_id === order.order_id).map(renderRefund);
  for (const e of ['benefits', 'coupons']) if (embed.has(e)) out[e] = [];
  return out;
}

export function renderShipment(s: Shipment, mall: MallState): Json {
  const order = mall.orders.get(s.order_id);
  return {
    shop_no: SHOP_NO,
    shipping_code: s.shipping_code,
    order_id: s.order_id,
    status: s.status,
    tracking_no: s.tracking_no,
    tracking_no_updated_date: kstIso(s.tracking_no_updated),
    shipping_company_code: s.shipping_company_code,
    carrier_id: s.carrier_id,
    order_item_code: [...s.order_item_code],
    items: s.order_item_code.map((code) => ({
      order_item_code: code,
      status: order?.items.find((i) => i.order_item_code === code)?.order_status ?? null,
    })),
  };
}

export function renderClaim(c: Claim): Json {
  const out: Json = {
    shop_no: SHOP_NO,
    order_id: c.order_id,
    claim_code: c.claim_code,
    status: c.status,
    claim_reason_type: c.claim_reason_type,
    reason: c.reason,
    items: c.items.map((i) => ({ order_item_code: i.order_item_code, quantity: i.quantity })),
    ...c.extra,
  };
  if (c.type === 'return') out.pickup_completed = c.pickup_completed;
  if (c.type === 'exchange') out.exchange_items = [...c.exchange_items];
  if (c.refund_code) out.refund_code = c.refund_code;
  return out;
}

export function renderRefund(r: Refund): Json {
  return {
    shop_no: SHOP_NO,
    refund_code: r.refund_code,
    order_id: r.order_id,
    claim_code: r.claim_code,
    order_item_code: [...r.order_item_code],
    quantity: r.quantity,
    actual_refund_amount: formatMoney(r.amount),
    used_points: '0.00',
    used_credits: '0.00',
    currency: r.currency,
    payment_methods: [...r.payment_methods],
    refund_payment_methods: [...r.payment_methods],
    payment_gateway_cancel_statuses: [],
    refund_status: r.refund_status,
    accepted_refund_date: kstIso(r.accepted_refund_date),
    refund_date: r.refund_date === null ? null : kstIso(r.refund_date),
  };
}

/** Price of one unit of an item (product price plus option price). */
export function unitCents(item: OrderItem): number {
  return toCents(item.product_price) + toCents(item.option_price);
}

export function renderCarrier(c: Json): Json {
  return { shop_no: SHOP_NO, ...c };
}

export function renderSupplier(s: Json): Json {
  return { shop_no: SHOP_NO, ...s };
}

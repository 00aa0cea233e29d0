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
    duplicated_custom_variant_code: 'F',
    image: null,
    ...v.extra,
  };
  if (embedInventories) out.inventories = renderInventory(v);
  return out;
}

export function renderProduct(mall: MallState, p: Product, embed: ReadonlySet<string>): Json {
  const hasOption = p.variantCodes.length > 1 || p.variantCodes.some((c) => mall.variants.get(c)?.options);
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
    has_option: hasOption ? 'T' : 'F',
    // Combination options (C) are the only kind the fake models.
    option_type: hasOption ? 'C' : null,
    eng_product_name: '',
    supply_product_name: '',
    internal_product_name: '',
    model_name: '',
    margin_rate: '0.00',
    additional_price: '0.00',
    product_condition: 'N',
    product_bundle: 'F',
    tax_type: 'A',
    tax_rate: 10,
    tax_calculation: 'A',
    supplier_code: p.supplier_code,
    brand_code: 'B0000000',
    manufacturer_code: 'M0000000',
    trend_code: 'T0000000',
    classification_code: 'C000000A',
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

/** The product behind an item, when the mall still has it (for its supply price and names). */
function productOf(mall: MallState, item: OrderItem): Product | undefined {
  return item.product_no !== null ? mall.products.get(item.product_no) : undefined;
}

export function renderItem(item: OrderItem, mall: MallState): Json {
  const dates: Json = {};
  for (const f of ITEM_DATE_FIELDS) dates[f] = optDate(item.dates[f]);
  const product = productOf(mall, item);
  const supplier = mall.suppliers.find((x) => x.supplier_code === item.supplier_id);
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
    eng_product_name: null,
    internal_product_name: '',
    option_id: item.variant_code ? item.variant_code.slice(-4) : null,
    option_value: item.option_value,
    option_value_default: item.option_value,
    options: [],
    additional_option_value: '',
    additional_option_values: [],
    product_price: item.product_price,
    option_price: item.option_price,
    additional_discount_price: '0.00',
    coupon_discount_price: '0.00',
    app_item_discount_amount: '0.00',
    payment_amount: null,
    quantity: item.quantity,
    supply_price: product?.supply_price ?? '0.00',
    product_tax_type: 'A',
    tax_rate: 10,
    supplier_id: item.supplier_id,
    supplier_name: supplier ? String(supplier.supplier_name) : null,
    supplier_product_name: '',
    supplier_transaction_type: 'D',
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
    claim_quantity: item.claim.claim_quantity ?? 0,
    request_undone: null,
    refund_bank_name: '',
    refund_bank_account_no: '',
    refund_bank_account_holder: '',
    shipping_code: item.shipping_code,
    tracking_no: item.tracking_no,
    // A string in the documented samples ("2"), though carrier_id elsewhere is a number.
    shipping_company_id: item.shipping_company_id === null ? null : String(item.shipping_company_id),
    shipping_company_name: item.shipping_company_name,
    shipping_company_code: item.shipping_company_code,
    multi_invoice: null,
    shipping_expected_date: null,
    bundled_shipping_type: 'N',
    individual_shipping_fee: '0.00',
    shipping_fee_type: 'X',
    shipping_fee_type_text: '무료',
    shipping_payment_option: 'F',
    product_bundle: 'F',
    product_bundle_type: null,
    product_bundle_list: null,
    naver_pay_order_id: null,
    naver_pay_claim_status: null,
    market_cancel_request: null,
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

const PAYMENT_METHOD_NAMES: Record<string, string> = {
  cash: '무통장입금', card: '신용카드', cell: '휴대폰', tcash: '계좌이체', icash: '가상계좌', prepaid: '선불금', credit: '예치금',
  point: '적립금', pointfy: '통합포인트', cvs: '편의점', cod: '후불', coupon: '쿠폰', market_discount: '마켓할인',
  giftcard: '제휴상품권', pointcard: '제휴포인트', etc: '기타',
};

/** Items no longer part of what the buyer pays for (cancels and returns that are done). */
const gone = (i: OrderItem): boolean => /^(C4\d|R4\d)$/.test(i.order_status);
const lineCents = (i: OrderItem): number => unitCents(i) * i.quantity;

/**
 * `initial_order_amount` / `actual_order_amount` (reference §7): goods at order time and now,
 * the shipping fee a seed gave (else free), no discounts (the fake models none), tax as the
 * VAT inside a tax-inclusive price. Seeded parts override field by field.
 */
function orderAmount(items: OrderItem[], payment: string, shippingFee: string, seeded: unknown): Json {
  const goods = items.reduce((s, i) => s + lineCents(i), 0);
  const zero = '0.00';
  return {
    order_price_amount: formatMoney(goods),
    shipping_fee: shippingFee,
    points_spent_amount: zero,
    credits_spent_amount: zero,
    coupon_discount_price: zero,
    coupon_shipping_fee_amount: zero,
    membership_discount_amount: zero,
    shipping_fee_discount_amount: zero,
    set_product_discount_amount: zero,
    app_discount_amount: zero,
    point_incentive_amount: zero,
    total_amount_due: zero,
    payment_amount: payment,
    market_other_discount_amount: zero,
    tax: formatMoney(Math.round(goods / 11 / 100) * 100),
    ...(isJson(seeded) ? seeded : {}),
  };
}

function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One shipping group per supplier (reference §10: fees are grouped by `supplier_code`). */
function shippingFeeDetail(order: Order, shippingFee: string, seeded: unknown): Json[] {
  const zero = '0.00';
  const defaults = { cancel_shipping_fee: zero, additional_shipping_fee: zero, refunded_shipping_fee: zero, return_shipping_fee: zero };
  if (Array.isArray(seeded)) return seeded.map((g) => ({ shipping_group_code: 0, supplier_code: 'S0000000', shipping_fee: zero, items: [], ...defaults, ...(isJson(g) ? g : {}) }));
  const groups = new Map<string, string[]>();
  for (const i of order.items) {
    const key = i.supplier_id ?? 'S0000000';
    groups.set(key, [...(groups.get(key) ?? []), i.order_item_code]);
  }
  return [...groups.entries()].map(([supplier, items], n) => ({
    shipping_group_code: n + 1,
    supplier_code: supplier,
    shipping_fee: n === 0 ? shippingFee : zero,
    ...defaults,
    items,
  }));
}

export function renderOrder(mall: MallState, order: Order, embed: ReadonlySet<string>): Json {
  const { actual_order_amount, initial_order_amount, shipping_fee_detail, ...extra } = order.extra;
  const shippingFee = isJson(actual_order_amount) && typeof actual_order_amount.shipping_fee === 'string' ? actual_order_amount.shipping_fee : '0.00';
  const supplyCents = order.items.reduce((s, i) => s + toCents(productOf(mall, i)?.supply_price ?? '0') * i.quantity, 0);
  const returned = order.items.map((i) => i.dates.return_confirmed_date).filter((t): t is number => t !== undefined);
  const out: Json = {
    shop_no: SHOP_NO,
    currency: order.currency,
    order_id: order.order_id,
    market_id: 'self',
    market_order_no: null,
    member_id: order.member_id,
    member_email: order.buyer && typeof order.buyer.email === 'string' ? order.buyer.email : '',
    member_authentication: order.member_id ? 'T' : null,
    initial_order_amount: orderAmount(order.items, order.payment_amount, shippingFee, initial_order_amount),
    actual_order_amount: orderAmount(order.items.filter((i) => !gone(i)), order.payment_amount, shippingFee, actual_order_amount),
    billing_name: order.billing_name,
    bank_code: null,
    bank_code_name: null,
    payment_method: order.payment_method,
    payment_method_name: order.payment_method.map((m) => PAYMENT_METHOD_NAMES[m] ?? m),
    payment_gateway_names: null,
    sub_payment_method_name: null,
    sub_payment_method_code: null,
    transaction_ids: null,
    paid: order.paid,
    canceled: orderCanceled(order),
    order_date: kstIso(order.order_date),
    first_order: 'F',
    payment_date: order.payment_date === null ? null : kstIso(order.payment_date),
    order_from_mobile: 'F',
    use_escrow: 'F',
    bank_account_no: null,
    bank_account_owner_name: null,
    market_seller_id: null,
    payment_amount: order.payment_amount,
    cancel_date: order.cancel_date === null ? null : kstIso(order.cancel_date),
    order_place_name: 'PC쇼핑몰',
    order_place_id: 'cafe24',
    payment_confirmation: null,
    commission: '0.00',
    postpay: 'F',
    admin_additional_amount: '0.00',
    additional_shipping_fee: '0.00',
    international_shipping_insurance: '0.00',
    additional_handling_fee: '0.00',
    shipping_type: 'A',
    shipping_type_text: '국내배송',
    shipping_status: orderShippingStatus(order),
    shipping_fee_detail: shippingFeeDetail(order, shippingFee, shipping_fee_detail),
    regional_surcharge_detail: [],
    wished_delivery_date: '',
    wished_delivery_time: null,
    wished_carrier_id: null,
    wished_carrier_name: null,
    return_confirmed_date: returned.length > 0 ? kstIso(Math.max(...returned)) : null,
    // Whole won without decimals in the documented sample ("27000").
    total_supply_price: String(Math.round(supplyCents / 100)),
    naver_point: 0,
    additional_order_info_list: [],
    store_pickup: 'F',
    easypay_name: '',
    loan_status: null,
    subscription: 'F',
    multiple_addresses: 'F',
    exchange_rate: '1.0000',
    first_payment_methods: [...order.payment_method],
    naverpay_payment_information: null,
    market_discount_info: null,
    include_tax: 'T',
    tax_detail: [],
    service_type: null,
    service_data: null,
    show_shipping_address: 'T',
    social_member_code: null,
    social_name: null,
    ...extra,
  };
  if (embed.has('items')) out.items = order.items.map((i) => renderItem(i, mall));
  if (embed.has('receivers')) out.receivers = order.receivers.map((r) => renderReceiver(order, r));
  if (embed.has('buyer')) out.buyer = order.buyer && renderBuyer(order.buyer);
  const claims = (type: Claim['type']): Json[] =>
    [...mall.claims.values()].filter((c) => c.order_id === order.order_id && c.type === type).map((c) => renderClaim(c));
  if (embed.has('cancellation')) out.cancellation = claims('cancellation');
  if (embed.has('return')) out.return = claims('return');
  if (embed.has('exchange')) out.exchange = claims('exchange');
  if (embed.has('refunds')) out.refunds = [...mall.refunds.values()].filter((r) => r.order_id === order.order_id).map(renderRefund);
  return out;
}

/** A receiver as Cafe24 lists it (reference §7 "Receivers / buyer"); seeded fields win. */
export function renderReceiver(order: Order, r: Json): Json {
  return {
    name: null,
    name_furigana: '',
    phone: '',
    cellphone: '',
    virtual_phone_no: null,
    zipcode: '',
    address1: '',
    address2: '',
    address_state: '',
    address_city: '',
    address_street: '',
    address_full: `${String(r.address1 ?? '')} ${String(r.address2 ?? '')}`.trim(),
    country_code: 'KR',
    country_name: '',
    country_name_en: '',
    shipping_message: '',
    clearance_information_type: null,
    clearance_information: null,
    wished_delivery_date: '',
    wished_delivery_time: null,
    shipping_code: order.items.find((i) => i.shipping_code !== null)?.shipping_code ?? null,
    ...r,
  };
}

export function renderBuyer(b: Json): Json {
  return { member_id: null, member_group_no: null, name: null, names_furigana: '', email: '', phone: '', cellphone: '', customer_notification: null, ...b };
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

/** Carriers as a seed gave them, with the reference's §8 fields where a seed left them out. */
export function renderCarrier(c: Json): Json {
  return { shop_no: SHOP_NO, track_shipment_url: null, shipping_type: 'A', default_shipping_carrier: 'F', ...c };
}

/** Suppliers as a seed gave them, with the reference's §10 fields where a seed left them out. */
export function renderSupplier(s: Json): Json {
  return {
    shop_no: SHOP_NO,
    status: 'A',
    trading_type: 'D',
    payment_type: 'P',
    commission: '0.00',
    supplier_type: 'WS',
    use_supplier: 'T',
    ...s,
  };
}

/**
 * Orders of one mall: placing (the customer side, for tests and scenarios), payment, the
 * admin's `process_status` moves and purchase confirmation. Stock follows the variant's
 * `inventory_control_type`: A deducts when the order is placed (so unpaid bank-transfer orders
 * hold stock), B when it is paid (reference §6).
 */
import { z } from 'zod';
import { assertOrderable, holdStock } from './catalog';
import { nextItemCode, nextOrderId, nextShippingCode } from './codes';
import { ApiError, MSG } from './errors';
import { formatMoney, money, toCents } from './money';
import type { Json, MallState, Order, OrderItem, PaymentStatus, Product, Variant } from './model';
import { emptyClaim } from './model';
import type { OrderStatus } from './order-status';
import { canProcess, ORDER_STATUS_LABELS, PROCESS_STATUS_TARGET } from './order-status';
import { unitCents } from './render';
import { MoneyInput, OrderId, VariantCode } from './seed-schema';
import { paymentStatusFor } from './seed-load';
import { parseCafe24Date } from './time';

const Person = {
  name: z.string().min(1),
  email: z.string().optional(),
  phone: z.string().optional(),
  cellphone: z.string().optional(),
};

/** What a test or scenario sends to place an order (control operation `addOrder`). */
export const AddOrderInput = z.strictObject({
  order_id: OrderId.optional(),
  /** Default: now. Epoch ms or any Cafe24 date text. */
  order_date: z.union([z.number(), z.string()]).optional(),
  member_id: z.string().nullable().optional(),
  buyer: z.looseObject(Person),
  /** Default: the buyer, at a placeholder address. */
  receiver: z
    .looseObject({
      ...Person,
      zipcode: z.string().optional(),
      address1: z.string().optional(),
      address2: z.string().optional(),
      shipping_message: z.string().optional(),
    })
    .optional(),
  items: z
    .array(
      z.strictObject({
        variant_code: VariantCode.optional(),
        product_no: z.number().int().positive().optional(),
        quantity: z.number().int().positive().default(1),
        /** Default: the product's price (the variant's additional amount goes to option_price). */
        product_price: MoneyInput.optional(),
      }),
    )
    .min(1),
  /** Cafe24 payment method codes; card-like methods arrive paid, cash/icash unpaid. */
  payment_method: z.array(z.string().min(1)).min(1).default(['card']),
  /** Override: place the order paid (true) or unpaid (false). */
  paid: z.boolean().optional(),
  shipping_fee: MoneyInput.default(0),
  billing_name: z.string().optional(),
  /** Any further Cafe24 order fields to carry (e.g. order_place_id, market_order_no). */
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type AddOrderInputT = z.input<typeof AddOrderInput>;

const UNPAID_METHODS = new Set(['cash', 'icash', 'cvs']);

/** What an order item says of the product and variant it is for (orders and exchange items alike). */
export function itemIdentity(product: Product, variant: Variant) {
  return {
    product_no: product.product_no,
    product_code: product.product_code,
    variant_code: variant.variant_code,
    custom_product_code: product.custom_product_code,
    custom_variant_code: variant.custom_variant_code,
    product_name: product.product_name,
    option_value: variant.options ? variant.options.map((o) => `${String(o.name)}=${String(o.value)}`).join(', ') : '',
  };
}

export function getOrder(mall: MallState, orderId: string): Order {
  const o = mall.orders.get(orderId);
  if (!o) throw new ApiError(404, MSG.notFound('order', orderId));
  return o;
}

function orderTime(value: number | string | undefined, now: number): number {
  if (value === undefined) return now;
  if (typeof value === 'number') return value;
  const t = parseCafe24Date(value);
  if (t === null) throw new ApiError(422, `order_date is not a date: ${value}`);
  return t;
}

export function placeOrder(mall: MallState, input: z.output<typeof AddOrderInput>, now: number, paidStatus: OrderStatus): Order {
  const at = orderTime(input.order_date, now);
  if (input.order_id && mall.orders.has(input.order_id)) throw new ApiError(422, `The order ${input.order_id} already exists.`);
  const orderId = input.order_id ?? nextOrderId(mall, at);
  const paid = input.paid ?? !input.payment_method.some((m) => UNPAID_METHODS.has(m));

  const lines = input.items.map((line, i) => {
    let variant = line.variant_code ? mall.variants.get(line.variant_code) : undefined;
    if (line.variant_code && !variant) throw new ApiError(422, `items[${i}]: no variant ${line.variant_code} in ${mall.mall_id}`);
    if (!variant) {
      const p = line.product_no !== undefined ? mall.products.get(line.product_no) : undefined;
      if (!p) throw new ApiError(422, `items[${i}]: give a variant_code or an existing product_no`);
      if (p.variantCodes.length !== 1) throw new ApiError(422, `items[${i}]: product ${p.product_no} has options; give a variant_code`);
      variant = mall.variants.get(p.variantCodes[0]!)!;
    }
    const product = mall.products.get(variant.product_no)!;
    assertOrderable(variant, line.quantity);
    return { line, variant, product };
  });

  const order: Order = {
    order_id: orderId,
    order_date: at,
    payment_date: paid ? at : null,
    cancel_date: null,
    paid: paid ? 'T' : 'F',
    payment_status: 'F',
    payment_method: [...input.payment_method],
    payment_amount: '0.00',
    currency: 'KRW',
    member_id: input.member_id ?? null,
    billing_name: input.billing_name ?? input.buyer.name,
    seeded_shipping_status: null,
    seeded_canceled: null,
    items: [],
    receivers: [],
    buyer: null,
    extra: {},
  };
  order.payment_status = paymentStatusFor(order.paid, order.payment_method);

  for (const { line, variant, product } of lines) {
    const { code, itemNo } = nextItemCode(order);
    const holdNow = variant.inventory_control_type === 'A' || paid;
    const item: OrderItem = {
      order_item_code: code,
      item_no: itemNo,
      ...itemIdentity(product, variant),
      product_price: line.product_price !== undefined ? money(line.product_price) : product.price,
      option_price: variant.additional_amount,
      quantity: line.quantity,
      supplier_id: product.supplier_code,
      order_status: paid ? paidStatus : 'N00',
      order_status_before_cs: null,
      shipping_code: null,
      tracking_no: null,
      shipping_company_code: null,
      shipping_company_name: null,
      shipping_company_id: null,
      claim: emptyClaim(),
      dates: { ordered_date: at },
      stockHeld: holdNow ? holdStock(variant, line.quantity) : 0,
      extra: {},
    };
    order.items.push(item);
  }

  const itemsCents = order.items.reduce((s, i) => s + unitCents(i) * i.quantity, 0);
  const shippingCents = toCents(input.shipping_fee);
  order.payment_amount = formatMoney(itemsCents + shippingCents);
  const amounts: Json = {
    order_price_amount: formatMoney(itemsCents),
    shipping_fee: formatMoney(shippingCents),
    points_spent_amount: '0.00',
    credits_spent_amount: '0.00',
    coupon_discount_price: '0.00',
    membership_discount_amount: '0.00',
    shipping_fee_discount_amount: '0.00',
    total_amount_due: paid ? '0.00' : order.payment_amount,
    payment_amount: order.payment_amount,
  };
  const receiver = input.receiver ?? { name: input.buyer.name, cellphone: input.buyer.cellphone };
  order.receivers = [
    {
      phone: receiver.phone ?? '',
      cellphone: receiver.cellphone ?? '',
      zipcode: (receiver as Json).zipcode ?? '04524',
      address1: (receiver as Json).address1 ?? '서울특별시 중구 세종대로 110',
      address2: (receiver as Json).address2 ?? '',
      shipping_message: (receiver as Json).shipping_message ?? '',
      shipping_code: null,
      ...receiver,
    },
  ];
  order.buyer = {
    member_id: order.member_id,
    email: input.buyer.email ?? '',
    phone: input.buyer.phone ?? '',
    cellphone: input.buyer.cellphone ?? '',
    ...input.buyer,
  };
  order.extra = {
    order_place_id: 'cafe24',
    order_place_name: 'PC쇼핑몰',
    initial_order_amount: { ...amounts },
    actual_order_amount: { ...amounts },
    shipping_fee_detail: groupBySupplier(order).map(([supplier, codes], i) => ({
      shipping_group_code: i + 1,
      supplier_code: supplier,
      shipping_fee: i === 0 ? formatMoney(shippingCents) : '0.00',
      items: codes,
    })),
    ...(input.fields ?? {}),
  };
  mall.orders.set(order.order_id, order);
  return order;
}

function groupBySupplier(order: Order): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const i of order.items) {
    const key = i.supplier_id ?? 'S0000000';
    groups.set(key, [...(groups.get(key) ?? []), i.order_item_code]);
  }
  return [...groups.entries()];
}

export const PayInput = z.strictObject({
  /** Default: T for cash (manual deposit check), A for icash (virtual account), P otherwise. */
  payment_status: z.enum(['T', 'A', 'P']).optional(),
});

/** The customer's payment (or the deposit landing): N00 items move to the paid status. */
export function payOrder(mall: MallState, orderId: string, now: number, paidStatus: OrderStatus, input: z.output<typeof PayInput>): Order {
  const order = getOrder(mall, orderId);
  if (order.paid === 'T') throw new ApiError(422, `The order ${orderId} is already paid.`);
  const unpaid = order.items.filter((i) => i.order_status === 'N00' || i.order_status === 'N02');
  if (order.items.length > 0 && unpaid.length === 0) throw new ApiError(422, `The order ${orderId} has no items awaiting payment.`);
  for (const item of unpaid) {
    item.order_status = paidStatus;
    if (item.stockHeld === 0) item.stockHeld = holdStock(item.variant_code ? mall.variants.get(item.variant_code) : undefined, item.quantity);
  }
  order.paid = 'T';
  order.payment_date = now;
  order.payment_status = input.payment_status ?? (paymentStatusFor('T', order.payment_method) as PaymentStatus);
  const actual = order.extra.actual_order_amount;
  if (typeof actual === 'object' && actual !== null) (actual as Json).total_amount_due = '0.00';
  return order;
}

export const ProcessRequest = z.looseObject({
  process_status: z.enum(['prepare', 'prepareproduct', 'hold', 'unhold']).optional(),
  order_item_code: z.union([z.array(z.string()), z.string()]).optional(),
  purchase_confirmation: z.enum(['T', 'F']).optional(),
  collect_points: z.enum(['T', 'F']).optional(),
  show_shipping_address: z.enum(['T', 'F']).optional(),
});

export function codesOf(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : value.split(',')).map((s) => s.trim()).filter((s) => s.length > 0);
}

export function itemsByCodes(order: Order, codes: string[] | undefined): OrderItem[] {
  if (!codes) return order.items;
  return codes.map((c) => {
    const item = order.items.find((i) => i.order_item_code === c);
    if (!item) throw new ApiError(422, `[Order_item_code] ${c} is not an item of ${order.order_id}. (parameter.order_item_code)`);
    return item;
  });
}

function refuse(item: OrderItem, action: string): ApiError {
  return new ApiError(
    422,
    `The order item (${item.order_item_code}) cannot be ${action} in status ${item.order_status} (${ORDER_STATUS_LABELS[item.order_status]}).`,
  );
}

/**
 * PUT /orders/{id} and PUT /orders: `process_status` moves (mapping inferred from labels:
 * prepareproduct N10, prepare N20, hold N22, unhold back to N20 if a shipping code was
 * assigned, else N10) and `purchase_confirmation` (N40 ↔ N50). Without `order_item_code`
 * every item that can make the move does; naming an item that cannot is 422.
 */
export function processOrder(mall: MallState, orderId: string, req: z.output<typeof ProcessRequest>, now: number): Json {
  const order = getOrder(mall, orderId);
  if (!req.process_status && !req.purchase_confirmation && !req.show_shipping_address) {
    throw new ApiError(422, '[Process_status] is required. (parameter.process_status)');
  }
  const codes = codesOf(req.order_item_code);
  const named = itemsByCodes(order, codes);
  const moved: string[] = [];
  if (req.process_status) {
    const ps = req.process_status;
    const targets = codes ? named : named.filter((i) => canProcess(i.order_status, ps));
    if (targets.length === 0) throw new ApiError(422, `No item of ${orderId} can be moved to ${ps}.`);
    for (const i of targets) if (!canProcess(i.order_status, ps)) throw refuse(i, `moved to ${ps}`);
    let newCode: string | null = null;
    for (const i of targets) {
      if (ps === 'unhold') i.order_status = i.shipping_code ? 'N20' : 'N10';
      else i.order_status = PROCESS_STATUS_TARGET[ps];
      // The system assigns a shipping code when an item enters shipment preparation.
      if (ps === 'prepare' && !i.shipping_code) {
        newCode ??= nextShippingCode(mall, order.order_id);
        i.shipping_code = newCode;
      }
      if (ps === 'prepare') i.dates.place_date ??= now;
      moved.push(i.order_item_code);
    }
    if (newCode) for (const r of order.receivers) if (!r.shipping_code) r.shipping_code = newCode;
  }
  if (req.purchase_confirmation) {
    const confirm = req.purchase_confirmation === 'T';
    const targets = codes ? named : named.filter((i) => i.order_status === (confirm ? 'N40' : 'N50'));
    if (targets.length === 0) throw new ApiError(422, `No item of ${orderId} can change purchase confirmation.`);
    for (const i of targets) if (i.order_status !== (confirm ? 'N40' : 'N50')) throw refuse(i, confirm ? 'confirmed' : 'unconfirmed');
    for (const i of targets) {
      i.order_status = confirm ? 'N50' : 'N40';
      if (confirm) i.dates.purchaseconfirmation_date = now;
      else delete i.dates.purchaseconfirmation_date;
      if (!moved.includes(i.order_item_code)) moved.push(i.order_item_code);
    }
  }
  if (req.show_shipping_address) order.extra.show_shipping_address = req.show_shipping_address;
  const out: Json = { shop_no: 1, order_id: order.order_id };
  if (req.process_status) out.process_status = req.process_status;
  if (req.purchase_confirmation) out.purchase_confirmation = req.purchase_confirmation;
  out.order_item_code = moved;
  return out;
}

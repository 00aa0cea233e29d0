/**
 * zod schemas of every Cafe24 answer the add-on reads, and `parse`, which turns an HttpResponse
 * into data or a Cafe24Error naming the mall, the call and the failing field.
 *
 * Objects are loose: unknown fields pass through untouched (Cafe24 adds fields with versions).
 * Only the fields we use are declared. Of those, money we compute with becomes integer KRW and
 * dates become epoch ms; every other string (codes, phones, zip codes, names, messages) is kept
 * exactly as sent.
 */
import * as z from '../../core/zod';
import { builtOnUse, builtOnUseSharing, fail, map, type Schema } from '../../core/zod-helpers';
import { inShapeOrder, isEmptyList, isRecord } from '../../core/recognize';
import type { HttpResponse } from '../../core/http';
import { KrwError, parseKrw } from '../../core/krw';
import { parseSeoulDateTime } from '../../core/seoul-time';
import type { Cafe24Call } from './calls';
import { errorFromResponse, unreadableResponse } from './errors';
import { CAFE24_ORDER_STATUSES } from './order-status';

// ---- building blocks ----

/**
 * Every schema below is built on first use (a quiet minute parses nothing); the small ones they
 * share are handed to them as plain schemas.
 */
const lazily = builtOnUseSharing(() => {
  const text = z.string();
  const cafe24DateTime = map(text, (s, ctx) => parseSeoulDateTime(s) ?? fail(ctx, `not a date-time: ${JSON.stringify(s)}`));
  return {
    /** A decimal money string ("29000.00") → whole KRW; a fraction of a won is an error. */
    krw: map(text, (s, ctx) => {
      try {
        return parseKrw(s);
      } catch (e) {
        return fail(ctx, e instanceof KrwError ? e.message : String(e));
      }
    }),
    /** Any Cafe24 date-time (ISO with +09:00, or Seoul wall time without a zone) → epoch ms. */
    cafe24DateTime,
    text,
    optText: z.optional(z.nullable(text)),
    flag: z.enum(['T', 'F']),
    optDate: z.optional(z.nullable(cafe24DateTime)),
    count: z.number().check(z.int()),
  };
});

export const krw = lazily((b) => b.krw);
export const cafe24DateTime = lazily((b) => b.cafe24DateTime);

export const OrderStatusCode = builtOnUse(() => z.enum(CAFE24_ORDER_STATUSES));

/** Cafe24's error body: `{"error":{"code":422,"message":"…","more_info":{}}}`. */
export const ErrorDetail = builtOnUse(() => z.looseObject({ code: z.union([z.number(), z.string()]), message: z.string() }));
export const ErrorBody = builtOnUse(() => z.looseObject({ error: ErrorDetail }));

/** The OAuth endpoints' error body (RFC 6749 shape). */
export const OAuthErrorBody = builtOnUse(() => z.looseObject({ error: z.string(), error_description: z.optional(z.string()) }));

/**
 * One object of a bulk answer. On 207 a failed object comes back as its reference keys plus
 * `error` (reference §4; layout as the local fake has it), so it is checked first.
 */
export const BulkFailure = builtOnUse(() => z.looseObject({ error: ErrorDetail }));
export type BulkFailure = z.output<typeof BulkFailure>;

function bulkItem<S extends Schema>(schema: S) {
  return z.union([BulkFailure, schema]);
}

export function isBulkFailure(item: unknown): item is BulkFailure {
  return BulkFailure.safeParse(item).success;
}

/** Splits a bulk answer's objects into those that succeeded and those that failed. */
export function splitBulk<T>(items: ReadonlyArray<T | BulkFailure>): { ok: T[]; failed: BulkFailure[] } {
  const ok: T[] = [];
  const failed: BulkFailure[] = [];
  for (const item of items) (isBulkFailure(item) ? failed.push(item) : ok.push(item as T));
  return { ok, failed };
}

const Links = builtOnUse(() => z.array(z.looseObject({ rel: z.string(), href: z.string() })));

// ---- products, variants, inventories ----

export const Inventory = lazily(({ text, optText, flag, count }) => z.looseObject({
  variant_code: text,
  quantity: count,
  use_inventory: z.optional(flag),
  display_soldout: z.optional(flag),
  safety_inventory: z.optional(z.nullable(count)),
  inventory_control_type: optText,
}));

export const Variant = lazily(({ krw, text, optText, flag, count }) => z.looseObject({
  variant_code: text,
  custom_variant_code: optText,
  options: z.optional(z.nullable(z.array(z.looseObject({ name: text, value: text })))),
  display: z.optional(flag),
  selling: z.optional(flag),
  additional_amount: z.optional(z.nullable(krw)),
  use_inventory: z.optional(flag),
  quantity: z.optional(z.nullable(count)),
  /** `embed=inventories`: an object (one-element arrays seen in some copies). */
  inventories: z.optional(z.nullable(z.union([Inventory, z.array(Inventory)]))),
}));

/** Sale `price` is read as KRW; supply/retail/tax-exclusive prices pass through as sent. */
export const Product = lazily(({ krw, text, optText, flag, optDate, count }) => z.looseObject({
  product_no: count,
  product_code: text,
  product_name: text,
  custom_product_code: optText,
  price: z.optional(krw),
  display: z.optional(flag),
  selling: z.optional(flag),
  sold_out: z.optional(flag),
  supplier_code: optText,
  created_date: optDate,
  updated_date: optDate,
  variants: z.optional(z.array(Variant)),
}));

export const ProductsList = builtOnUse(() => z.looseObject({ products: z.array(Product) }));
export const ProductOne = builtOnUse(() => z.looseObject({ product: Product }));
export const VariantsList = builtOnUse(() => z.looseObject({ variants: z.array(Variant) }));
export const VariantOne = builtOnUse(() => z.looseObject({ variant: Variant }));
export const VariantsBulk = builtOnUse(() => z.looseObject({ variants: z.array(bulkItem(Variant)) }));
export const InventoryOne = builtOnUse(() => z.looseObject({ inventory: Inventory }));

// ---- orders ----

export const OrderItem = lazily(({ krw, text, optText, optDate, count }) => z.looseObject({
  order_item_code: text.check(z.minLength(1)),
  order_status: OrderStatusCode,
  order_status_before_cs: optText,
  quantity: count.check(z.nonnegative()),
  product_price: krw,
  option_price: z.optional(z.nullable(krw)),
  product_no: z.optional(z.nullable(count)),
  product_code: optText,
  variant_code: optText,
  custom_product_code: optText,
  custom_variant_code: optText,
  product_name: optText,
  option_value: optText,
  supplier_id: optText,
  shipping_code: optText,
  tracking_no: optText,
  shipping_company_code: optText,
  shipping_company_name: optText,
  claim_code: optText,
  /** C cancel, R return, E exchange (the replacement item of an exchange carries E too). */
  claim_type: optText,
  claim_reason: optText,
  claim_quantity: z.optional(z.nullable(count)),
  /** N1 normal, N2 exchange item, C1/C2 cancel, C3 return, E1 exchange. */
  status_code: optText,
  ordered_date: optDate,
  shipped_date: optDate,
  delivered_date: optDate,
  cancel_request_date: optDate,
  return_request_date: optDate,
  exchange_request_date: optDate,
}));

export const Receiver = lazily(({ optText }) => z.looseObject({
  name: optText,
  phone: optText,
  cellphone: optText,
  zipcode: optText,
  address1: optText,
  address2: optText,
  shipping_message: optText,
  shipping_code: optText,
}));

export const Buyer = lazily(({ optText }) => z.looseObject({ name: optText, cellphone: optText, phone: optText, email: optText }));

export const Order = lazily(({ cafe24DateTime, text, optText, optDate }) => z.looseObject({
  order_id: text.check(z.minLength(1)),
  order_date: cafe24DateTime,
  payment_date: optDate,
  /** T paid, F unpaid, M partly paid. */
  paid: z.enum(['T', 'F', 'M']),
  canceled: optText,
  billing_name: optText,
  currency: optText,
  items: z.optional(z.array(OrderItem)),
  receivers: z.optional(z.array(Receiver)),
  buyer: z.optional(z.nullable(Buyer)),
}));

/** A page without orders (a quiet minute's answer, `{"orders":[]}`), read by hand (zod-helpers.ts `Recognizer`). */
const noOrders = (v: unknown) => (isRecord(v) && isEmptyList(v['orders']) && v['links'] === undefined ? inShapeOrder<{ orders: [] }>(v, ['orders', 'links']) : undefined);
export const OrdersList = builtOnUse(() => z.looseObject({ orders: z.array(Order), links: z.optional(Links) }), noOrders);
export const OrderOne = builtOnUse(() => z.looseObject({ order: Order }));
export const OrderItemsList = builtOnUse(() => z.looseObject({ items: z.array(OrderItem) }));

/** PUT /orders/{id} echoes `process_status` and the items; PUT /orders answers per order. */
const StatusChange = lazily(({ text, optText }) => z.looseObject({ order_id: z.optional(text), process_status: optText, order_item_code: z.optional(z.array(text)) }));
export const OrderStatusChanged = builtOnUse(() => z.looseObject({ order: StatusChange }));
export const OrdersStatusChanged = builtOnUse(() => z.looseObject({ orders: z.array(bulkItem(StatusChange)) }));

// ---- shipments ----

export const Shipment = lazily(({ text, optText }) => z.looseObject({
  shipping_code: text,
  order_id: text,
  status: optText,
  tracking_no: optText,
  shipping_company_code: optText,
  order_item_code: z.optional(z.array(text)),
  items: z.optional(z.array(z.looseObject({ order_item_code: text, status: optText }))),
}));

export const ShipmentsList = builtOnUse(() => z.looseObject({ shipments: z.array(Shipment) }));
/** POST /orders/{id}/shipments answers a `shipments` array even for one object. */
export const ShipmentsCreated = ShipmentsList;
export const ShipmentOne = builtOnUse(() => z.looseObject({ shipment: Shipment }));
export const ShipmentsBulk = builtOnUse(() => z.looseObject({ shipments: z.array(bulkItem(Shipment)) }));

// ---- claims and refunds ----

const ClaimLine = lazily(({ text, count }) => z.looseObject({ order_item_code: text, quantity: z.optional(count) }));
export const Claim = lazily(({ text, optText }) => z.looseObject({
  order_id: text,
  claim_code: text,
  status: optText,
  items: z.optional(z.array(ClaimLine)),
}));

export const CancellationOne = builtOnUse(() => z.looseObject({ cancellation: Claim }));
export const ReturnOne = builtOnUse(() => z.looseObject({ return: Claim }));
export const ExchangeOne = builtOnUse(() => z.looseObject({ exchange: Claim }));

const RequestDecision = lazily(({ text }) => z.looseObject({ order_id: z.optional(text) }));
export const CancellationRequestsDecided = builtOnUse(() => z.looseObject({ cancellationrequests: z.array(bulkItem(RequestDecision)) }));
export const ReturnRequestsDecided = builtOnUse(() => z.looseObject({ returnrequests: z.array(bulkItem(RequestDecision)) }));
export const ExchangeRequestsDecided = builtOnUse(() => z.looseObject({ exchangerequests: z.array(bulkItem(RequestDecision)) }));

export const Refund = lazily(({ krw, text, optText, optDate, count }) => z.looseObject({
  refund_code: text,
  order_id: text,
  order_item_code: z.optional(z.array(text)),
  quantity: z.optional(count),
  actual_refund_amount: z.optional(z.nullable(krw)),
  refund_status: optText,
  accepted_refund_date: optDate,
  refund_date: optDate,
}));
export const RefundsList = builtOnUse(() => z.looseObject({ refunds: z.array(Refund) }));
export const RefundOne = builtOnUse(() => z.looseObject({ refund: Refund }));

// ---- carriers, suppliers ----

export const CarrierEntry = lazily(({ text, optText, flag, count }) => z.looseObject({
  carrier_id: count,
  shipping_carrier_code: text,
  shipping_carrier: text,
  track_shipment_url: optText,
  default_shipping_carrier: z.optional(flag),
  shipping_type: optText,
}));
export const CarriersList = builtOnUse(() => z.looseObject({ carriers: z.array(CarrierEntry) }));

export const Supplier = lazily(({ text, optText }) => z.looseObject({ supplier_code: text, supplier_name: text, status: optText }));
export const SuppliersList = builtOnUse(() => z.looseObject({ suppliers: z.array(Supplier) }));

// ---- OAuth ----

/** POST /api/v2/oauth/token (both grants). Times are Seoul wall time without a zone. */
export const TokenBody = lazily(({ cafe24DateTime, text, optText, optDate }) => z.looseObject({
  access_token: text.check(z.minLength(1)),
  expires_at: cafe24DateTime,
  refresh_token: text.check(z.minLength(1)),
  refresh_token_expires_at: cafe24DateTime,
  mall_id: text,
  scopes: z.array(text),
  client_id: optText,
  user_id: optText,
  issued_at: optDate,
  shop_no: optText,
  token_type: optText,
}));

export type Cafe24Product = z.output<typeof Product>;
export type Cafe24Variant = z.output<typeof Variant>;
export type Cafe24Inventory = z.output<typeof Inventory>;
export type Cafe24Order = z.output<typeof Order>;
export type Cafe24OrderItem = z.output<typeof OrderItem>;
export type Cafe24Receiver = z.output<typeof Receiver>;
export type Cafe24Shipment = z.output<typeof Shipment>;
export type Cafe24Claim = z.output<typeof Claim>;
export type Cafe24Refund = z.output<typeof Refund>;
export type Cafe24CarrierEntry = z.output<typeof CarrierEntry>;
export type Cafe24Supplier = z.output<typeof Supplier>;

// ---- parse ----

/** `orders[3].items[0].order_item_code` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(body)' : out;
}

function describe(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && input === undefined) return 'required';
  if (issue.code === 'invalid_type') return `expected ${issue.expected}, got ${JSON.stringify(input) ?? typeof input}`;
  if (issue.code === 'invalid_value') return `unexpected value ${JSON.stringify(input)}`;
  if (issue.code === 'invalid_union') return `matches no expected shape: ${JSON.stringify(input)?.slice(0, 120)}`;
  return issue.message;
}

/**
 * The data of a successful answer, checked against `schema`. Throws Cafe24Error: for a non-2xx
 * status (see errors.ts), for a body that is not JSON (retryable: bodies cut short in transit),
 * and for a body that does not fit, naming the first failing field:
 * `[najalran] orders.list: orders[3].items[0].order_item_code: required`.
 */
export function parse<S extends Schema>(call: Cafe24Call, mallId: string, schema: S, response: HttpResponse): z.output<S> {
  if (response.status < 200 || response.status > 299) throw errorFromResponse(call, mallId, response);
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    throw unreadableResponse(call, mallId, response.status, `body is not JSON (${response.body.length} characters)`, true);
  }
  const r = schema.safeParse(json, { reportInput: true });
  if (r.success) return r.data;
  const [first, ...rest] = r.error.issues;
  const more = rest.length > 0 ? ` (+${rest.length} more)` : '';
  throw unreadableResponse(call, mallId, response.status, `${formatPath(first!.path)}: ${describe(first!)}${more}`, false);
}

/**
 * Builders for every Admin API call the add-on makes (paths, parameters and bodies as in the
 * reference). Each returns an HttpRequest value; bulk writes return one request per chunk of
 * the endpoint's per-call cap. Nothing here sends anything. The call name to give `parse` is in
 * each builder's comment.
 */
import { chunk } from '../../core/chunk';
import type { HttpRequest } from '../../core/http';
import type { ListingFields } from '../port';
import type { Krw } from '../../core/krw';
import { assertKrw } from '../../core/krw';
import type { Cafe24Session } from './admin-request';
import { adminBulk, adminGet, adminSingle, commaList, defined, seg, tf } from './admin-request';
import type { Cafe24OrderStatus } from './order-status';
import type { DayWindow, OrderPage, ProductScan } from './paging';
import { BULK_CAPS, checkPage } from './paging';

export type { Cafe24Session } from './admin-request';
export * from './paging';

type Flag = 'T' | 'F';

// ---------------------------------------------------------------- products

export type ProductPage =
  | { readonly kind: 'offset'; readonly offset: number; readonly limit: number }
  /** Keyset paging; cannot be combined with product_no, sort, order or offset (reference §3). */
  | { readonly kind: 'since'; readonly sinceProductNo: number; readonly limit: number };

export interface ProductFilter {
  /** Defaults to the connection's supplier code; `null` lists every supplier's products. */
  readonly supplierCode?: string | null;
  readonly productNos?: readonly number[];
  /** Contains-match, case-sensitive (Cafe24's rule). */
  readonly customProductCode?: string;
  readonly display?: Flag;
  readonly selling?: Flag;
  /** `embed=variants` (with `embed=inventories` nothing more is needed: variants carry stock). */
  readonly embedVariants?: boolean;
}

export function productPageOf(scan: ProductScan): ProductPage {
  return { kind: 'since', sinceProductNo: scan.sinceProductNo, limit: scan.limit };
}

/** products.list: GET /products */
export function listProducts(s: Cafe24Session, page: ProductPage, filter: ProductFilter = {}): HttpRequest {
  const supplier = filter.supplierCode === undefined ? s.connection.supplierCode : filter.supplierCode ?? undefined;
  if (page.kind === 'since' && filter.productNos !== undefined) {
    throw new RangeError('products.list: since_product_no cannot be combined with product_no');
  }
  checkPage('products', page.limit, page.kind === 'offset' ? page.offset : 0);
  return adminGet(s, '/products', {
    supplier_code: supplier,
    product_no: commaList(filter.productNos),
    custom_product_code: filter.customProductCode,
    display: filter.display,
    selling: filter.selling,
    embed: filter.embedVariants ? 'variants' : undefined,
    since_product_no: page.kind === 'since' ? page.sinceProductNo : undefined,
    limit: page.limit,
    offset: page.kind === 'offset' ? page.offset : undefined,
  });
}

/** products.get: GET /products/{product_no} */
export function getProduct(s: Cafe24Session, productNo: number, opts: { embedVariants?: boolean } = {}): HttpRequest {
  return adminGet(s, `/products/${seg(productNo)}`, { embed: opts.embedVariants ? 'variants' : undefined });
}

/** Money goes out in Cafe24's own "29000.00" form. */
const money = (value: Krw | undefined, what: string): string | undefined =>
  value === undefined ? undefined : `${assertKrw(value, what)}.00`;

/** What a product is (the port's fields; `supplyPrice` is required by Cafe24 on create, "reference only"). */
export interface ProductFields extends ListingFields {
  /** Defaults to the connection's supplier code. */
  readonly supplierCode?: string;
}

export interface ProductOption {
  readonly name: string;
  readonly values: readonly string[];
}

function productBody(f: Partial<ProductFields>): Record<string, unknown> {
  return defined({
    product_name: f.productName,
    price: money(f.price, 'price'),
    supply_price: money(f.supplyPrice, 'supply_price'),
    retail_price: money(f.retailPrice, 'retail_price'),
    custom_product_code: f.customProductCode,
    display: tf(f.display),
    selling: tf(f.selling),
    supplier_code: f.supplierCode,
  });
}

/** products.create: POST /products. Options create one variant per combination. */
export function createProduct(s: Cafe24Session, fields: ProductFields, options: readonly ProductOption[] = []): HttpRequest {
  const body = productBody({ supplierCode: s.connection.supplierCode, ...fields });
  if (options.length > 0) body.options = options.map((o) => ({ name: o.name, value: [...o.values] }));
  return adminSingle(s, 'post', '/products', body);
}

/** products.update: PUT /products/{product_no} */
export function updateProduct(s: Cafe24Session, productNo: number, patch: Partial<ProductFields>): HttpRequest {
  return adminSingle(s, 'put', `/products/${seg(productNo)}`, productBody(patch));
}

// ---------------------------------------------------------------- variants and inventories

/** variants.list: GET /products/{product_no}/variants */
export function listVariants(s: Cafe24Session, productNo: number, opts: { embedInventories?: boolean } = {}): HttpRequest {
  return adminGet(s, `/products/${seg(productNo)}/variants`, { embed: opts.embedInventories ? 'inventories' : undefined });
}

export interface VariantPatch {
  readonly customVariantCode?: string;
  readonly display?: boolean;
  readonly selling?: boolean;
  /** Option surcharge; may be negative. */
  readonly additionalAmount?: Krw;
  readonly useInventory?: boolean;
  readonly displaySoldout?: boolean;
  readonly safetyInventory?: number;
}

function variantBody(p: VariantPatch): Record<string, unknown> {
  return defined({
    custom_variant_code: p.customVariantCode,
    display: tf(p.display),
    selling: tf(p.selling),
    additional_amount: money(p.additionalAmount, 'additional_amount'),
    use_inventory: tf(p.useInventory),
    display_soldout: tf(p.displaySoldout),
    safety_inventory: p.safetyInventory,
  });
}

/** variants.update: PUT /products/{product_no}/variants/{variant_code} (1 object per call). */
export function updateVariant(s: Cafe24Session, productNo: number, variantCode: string, patch: VariantPatch): HttpRequest {
  return adminSingle(s, 'put', `/products/${seg(productNo)}/variants/${seg(variantCode)}`, variantBody(patch));
}

/** variants.updateMany: PUT /products/{product_no}/variants, `requests[]` of ≤100 per call. */
export function updateVariants(
  s: Cafe24Session,
  productNo: number,
  patches: ReadonlyArray<VariantPatch & { readonly variantCode: string }>,
): HttpRequest[] {
  return chunk(patches, BULK_CAPS.variants).map((part) =>
    adminBulk(s, 'put', `/products/${seg(productNo)}/variants`, part.map((p) => ({ variant_code: p.variantCode, ...variantBody(p) }))),
  );
}

/** inventories.get: GET /products/{product_no}/variants/{variant_code}/inventories */
export function getInventory(s: Cafe24Session, productNo: number, variantCode: string): HttpRequest {
  return adminGet(s, `/products/${seg(productNo)}/variants/${seg(variantCode)}/inventories`);
}

/**
 * inventories.update: PUT …/inventories with `quantity` as the absolute stock figure (Cafe24 has
 * no delta parameter). Never negative: selling stock we do not have is what the add-on prevents.
 */
export function setInventoryQuantity(s: Cafe24Session, productNo: number, variantCode: string, quantity: number): HttpRequest {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new RangeError(`inventories.update: quantity must be a whole number ≥ 0, got ${quantity}`);
  }
  return adminSingle(s, 'put', `/products/${seg(productNo)}/variants/${seg(variantCode)}/inventories`, { quantity });
}

// ---------------------------------------------------------------- orders

export const ORDER_DATE_TYPES = [
  'order_date', 'pay_date', 'shipbegin_date', 'shipend_date', 'cancel_date', 'place_date', 'cancel_request_date',
  'cancel_accept_date', 'cancel_complete_date', 'exchange_request_date', 'exchange_accept_date',
  'exchange_complete_date', 'return_request_date', 'return_accept_date', 'return_complete_date',
  'purchaseconfirmation_date',
] as const;
export type OrderDateType = (typeof ORDER_DATE_TYPES)[number];

/** What every order read embeds: the items, receivers and buyer a line needs. */
export const ORDER_EMBED = 'items,receivers,buyer';

export interface OrderQuery {
  readonly page: OrderPage;
  /** Which date the window searches; Cafe24's default is order_date. */
  readonly dateType: OrderDateType;
  readonly orderStatus?: readonly Cafe24OrderStatus[];
  /** Defaults to the connection's supplier code (`supplier_id` filter); `null` for all. */
  readonly supplierId?: string | null;
  /** Only these orders (`order_id`, comma list): reading known orders again. */
  readonly orderIds?: readonly string[];
}

/**
 * orders.list: GET /orders, one window page. Dates are whole Seoul days (`YYYY-MM-DD`).
 * No `payment_status` filter: paid orders are T, A or P, and the reference documents that
 * filter with one value only (a list may be refused or cut to its first value), while one
 * request per state would triple the reads. Unpaid orders are left out by orderLines instead
 * (mapping.ts), and a `pay_date` window holds none anyway.
 */
export function listOrders(s: Cafe24Session, q: OrderQuery): HttpRequest {
  checkPage('orders', q.page.limit, q.page.offset);
  const supplier = q.supplierId === undefined ? s.connection.supplierCode : q.supplierId ?? undefined;
  return adminGet(s, '/orders', {
    start_date: q.page.window.startDate,
    end_date: q.page.window.endDate,
    date_type: q.dateType,
    order_status: commaList(q.orderStatus),
    order_id: commaList(q.orderIds),
    supplier_id: supplier,
    embed: ORDER_EMBED,
    limit: q.page.limit,
    offset: q.page.offset,
  });
}

/** orders.get: GET /orders/{order_id} with items, receivers and buyer. */
export function getOrder(s: Cafe24Session, orderId: string): HttpRequest {
  return adminGet(s, `/orders/${seg(orderId)}`, { embed: ORDER_EMBED });
}

/** orderItems.list: GET /orders/{order_id}/items (filtered to the connection's supplier). */
export function listOrderItems(s: Cafe24Session, orderId: string): HttpRequest {
  return adminGet(s, `/orders/${seg(orderId)}/items`, { supplier_id: s.connection.supplierCode });
}

/** `process_status`: prepareproduct → N10, prepare → N20, hold → N22, unhold releases a hold. */
export type ProcessStatus = 'prepareproduct' | 'prepare' | 'hold' | 'unhold';

export interface StatusChange {
  readonly orderId: string;
  readonly processStatus: ProcessStatus;
  /** The items to move; all of the order's when absent. */
  readonly orderItemCodes?: readonly string[];
}

const statusBody = (c: StatusChange): Record<string, unknown> =>
  defined({ process_status: c.processStatus, order_item_code: c.orderItemCodes ? [...c.orderItemCodes] : undefined });

/** orders.changeStatus: PUT /orders/{order_id} (e.g. 발주확인 = prepare). */
export function changeOrderStatus(s: Cafe24Session, change: StatusChange): HttpRequest {
  return adminSingle(s, 'put', `/orders/${seg(change.orderId)}`, statusBody(change));
}

/** orders.changeStatusMany: PUT /orders, `requests[]` of ≤100 per call. */
export function changeOrdersStatus(s: Cafe24Session, changes: readonly StatusChange[]): HttpRequest[] {
  return chunk(changes, BULK_CAPS.orders).map((part) =>
    adminBulk(s, 'put', '/orders', part.map((c) => ({ order_id: c.orderId, ...statusBody(c) }))),
  );
}

// ---------------------------------------------------------------- shipments

export const TRACKING_NO_MAX = 40;

function trackingNo(value: string): string {
  if (value.length === 0 || value.length > TRACKING_NO_MAX) {
    throw new RangeError(`tracking_no must be 1-${TRACKING_NO_MAX} characters, got ${JSON.stringify(value)}`);
  }
  return value;
}

export interface NewShipment {
  readonly orderId: string;
  readonly trackingNo: string;
  /** `shipping_company_code` from the mall's carriers list (e.g. 0006 CJ대한통운). */
  readonly carrierCode: string;
  /** standby = 배송대기 (N21), shipping = 배송중 (N30). Delivered is only set by an update. */
  readonly status: 'standby' | 'shipping';
  /** The items in this parcel; the whole order when absent. */
  readonly orderItemCodes?: readonly string[];
}

const newShipmentBody = (n: NewShipment): Record<string, unknown> =>
  defined({
    tracking_no: trackingNo(n.trackingNo),
    shipping_company_code: n.carrierCode,
    status: n.status,
    order_item_code: n.orderItemCodes ? [...n.orderItemCodes] : undefined,
  });

/** shipments.list: GET /orders/{order_id}/shipments */
export function listShipments(s: Cafe24Session, orderId: string): HttpRequest {
  return adminGet(s, `/orders/${seg(orderId)}/shipments`);
}

/** shipments.create: POST /orders/{order_id}/shipments (1 object per call). */
export function createShipment(s: Cafe24Session, n: NewShipment): HttpRequest {
  return adminSingle(s, 'post', `/orders/${seg(n.orderId)}/shipments`, newShipmentBody(n));
}

/** shipments.createMany: POST /shipments, `requests[]` of ≤100 per call. */
export function createShipments(s: Cafe24Session, list: readonly NewShipment[]): HttpRequest[] {
  return chunk(list, BULK_CAPS.shipments).map((part) =>
    adminBulk(s, 'post', '/shipments', part.map((n) => ({ order_id: n.orderId, ...newShipmentBody(n) }))),
  );
}

/**
 * A change to a registered shipment: either its status or its tracking number with carrier,
 * never both in one call (reference §8), which the union makes impossible to ask for.
 */
export type ShipmentChange =
  | { readonly orderId: string; readonly shippingCode: string; readonly kind: 'status'; readonly status: 'standby' | 'shipping' | 'shipped' }
  | { readonly orderId: string; readonly shippingCode: string; readonly kind: 'tracking'; readonly trackingNo: string; readonly carrierCode: string };

const changeBody = (c: ShipmentChange): Record<string, unknown> =>
  c.kind === 'status' ? { status: c.status } : { tracking_no: trackingNo(c.trackingNo), shipping_company_code: c.carrierCode };

/** shipments.update: PUT /orders/{order_id}/shipments/{shipping_code} */
export function updateShipment(s: Cafe24Session, c: ShipmentChange): HttpRequest {
  return adminSingle(s, 'put', `/orders/${seg(c.orderId)}/shipments/${seg(c.shippingCode)}`, changeBody(c));
}

/** shipments.updateMany: PUT /shipments, `requests[]` of ≤100 per call. */
export function updateShipments(s: Cafe24Session, list: readonly ShipmentChange[]): HttpRequest[] {
  return chunk(list, BULK_CAPS.shipments).map((part) =>
    adminBulk(s, 'put', '/shipments', part.map((c) => ({ order_id: c.orderId, shipping_code: c.shippingCode, ...changeBody(c) }))),
  );
}

// ---------------------------------------------------------------- claims

export interface ClaimItem {
  readonly orderItemCode: string;
  readonly quantity: number;
}

const claimItems = (items: readonly ClaimItem[]): Array<{ order_item_code: string; quantity: number }> => {
  if (items.length === 0) throw new RangeError('a claim needs at least one item');
  return items.map((i) => {
    if (!Number.isInteger(i.quantity) || i.quantity < 1) throw new RangeError(`claim quantity must be ≥ 1, got ${i.quantity}`);
    return { order_item_code: i.orderItemCode, quantity: i.quantity };
  });
};

/** cancellation.get: GET /cancellation/{claim_code} */
export function getCancellation(s: Cafe24Session, claimCode: string): HttpRequest {
  return adminGet(s, `/cancellation/${seg(claimCode)}`);
}

/** return.get: GET /return/{claim_code} */
export function getReturn(s: Cafe24Session, claimCode: string): HttpRequest {
  return adminGet(s, `/return/${seg(claimCode)}`);
}

/** exchange.get: GET /exchange/{claim_code} */
export function getExchange(s: Cafe24Session, claimCode: string): HttpRequest {
  return adminGet(s, `/exchange/${seg(claimCode)}`);
}

export interface CancelAcceptance {
  readonly orderId: string;
  readonly items: readonly ClaimItem[];
  /**
   * Also cancel the payment at the PG (card / real-time transfer only). Explicit because it
   * moves money: in a reseller's mall the reseller refunds its customer itself.
   */
  readonly refundAtGateway: boolean;
  /** Put the items' stock back in the mall (the next stock push overwrites it anyway). */
  readonly recoverInventory: boolean;
  readonly reason?: string;
}

/** cancellation.accept: POST /orders/{order_id}/cancellation with status `canceled`. */
export function acceptCancellation(s: Cafe24Session, c: CancelAcceptance): HttpRequest {
  return adminSingle(
    s,
    'post',
    `/orders/${seg(c.orderId)}/cancellation`,
    defined({
      status: 'canceled',
      items: claimItems(c.items),
      payment_gateway_cancel: tf(c.refundAtGateway),
      recover_inventory: tf(c.recoverInventory),
      reason: c.reason,
    }),
  );
}

/** return.accept: POST /orders/{order_id}/return with status `accepted`. */
export function acceptReturn(s: Cafe24Session, r: { orderId: string; items: readonly ClaimItem[]; reason?: string }): HttpRequest {
  return adminSingle(s, 'post', `/orders/${seg(r.orderId)}/return`, defined({ status: 'accepted', items: claimItems(r.items), reason: r.reason }));
}

export interface ReturnCompletion {
  readonly orderId: string;
  readonly claimCode: string;
  readonly refundAtGateway: boolean;
  readonly recoverInventory: boolean;
}

/** return.complete: PUT /orders/{order_id}/return/{claim_code} with status `returned` (goods received back). */
export function completeReturn(s: Cafe24Session, r: ReturnCompletion): HttpRequest {
  return adminSingle(s, 'put', `/orders/${seg(r.orderId)}/return/${seg(r.claimCode)}`, {
    status: 'returned',
    payment_gateway_cancel: tf(r.refundAtGateway),
    recover_inventory: tf(r.recoverInventory),
  });
}

export interface ExchangeAcceptance {
  readonly orderId: string;
  readonly items: readonly ClaimItem[];
  /** Another option of the same product; the same variant again when absent. */
  readonly exchangeVariantCode?: string;
}

/** exchange.accept: POST /orders/{order_id}/exchange with status `accepted`. */
export function acceptExchange(s: Cafe24Session, e: ExchangeAcceptance): HttpRequest {
  return adminSingle(
    s,
    'post',
    `/orders/${seg(e.orderId)}/exchange`,
    defined({ status: 'accepted', items: claimItems(e.items), same_product: 'T', exchange_variant_code: e.exchangeVariantCode }),
  );
}

/**
 * exchange.complete: PUT /orders/{order_id}/exchange/{claim_code} with status `exchanged`, once
 * the returned goods are confirmed (DOMAIN: an exchange ships only after that).
 */
export function completeExchange(s: Cafe24Session, e: { orderId: string; claimCode: string }): HttpRequest {
  return adminSingle(s, 'put', `/orders/${seg(e.orderId)}/exchange/${seg(e.claimCode)}`, { status: 'exchanged' });
}

export type ClaimRequestKind = 'cancellation' | 'return' | 'exchange';

export interface ClaimRejection {
  readonly orderId: string;
  readonly orderItemCodes: readonly string[];
  /** Shown to the buyer when `showToBuyer`. */
  readonly reason: string;
  readonly showToBuyer: boolean;
}

/**
 * cancellationRequests.reject / returnRequests.reject / exchangeRequests.reject:
 * PUT /{kind}requests with `undone: "T"`, `requests[]` of ≤100 per call.
 */
export function rejectClaimRequests(s: Cafe24Session, kind: ClaimRequestKind, list: readonly ClaimRejection[]): HttpRequest[] {
  return chunk(list, BULK_CAPS.claimRequests).map((part) =>
    adminBulk(
      s,
      'put',
      `/${kind}requests`,
      part.map((r) => ({
        order_id: r.orderId,
        order_item_code: [...r.orderItemCodes],
        undone: 'T',
        reject_reason: r.reason,
        display_reject_reason: tf(r.showToBuyer),
      })),
    ),
  );
}

// ---------------------------------------------------------------- refunds

export interface RefundQuery {
  readonly window: DayWindow;
  readonly dateType: 'accepted_refund_date' | 'refund_date';
  readonly limit: number;
  readonly offset: number;
  readonly orderIds?: readonly string[];
}

/** refunds.list: GET /refunds (both dates required). */
export function listRefunds(s: Cafe24Session, q: RefundQuery): HttpRequest {
  checkPage('refunds', q.limit, q.offset);
  return adminGet(s, '/refunds', {
    start_date: q.window.startDate,
    end_date: q.window.endDate,
    date_type: q.dateType,
    order_id: commaList(q.orderIds),
    limit: q.limit,
    offset: q.offset,
  });
}

/** refunds.get: GET /refunds/{refund_code} */
export function getRefund(s: Cafe24Session, refundCode: string): HttpRequest {
  return adminGet(s, `/refunds/${seg(refundCode)}`);
}

/** refunds.complete: PUT /orders/{order_id}/refunds/{refund_code} with status `complete`. */
export function completeRefund(s: Cafe24Session, r: { orderId: string; refundCode: string; refundAtGateway: boolean }): HttpRequest {
  return adminSingle(s, 'put', `/orders/${seg(r.orderId)}/refunds/${seg(r.refundCode)}`, {
    status: 'complete',
    payment_gateway_cancel: tf(r.refundAtGateway),
  });
}

// ---------------------------------------------------------------- carriers, suppliers

/** carriers.list: GET /carriers (not paged). */
export function listCarriers(s: Cafe24Session): HttpRequest {
  return adminGet(s, '/carriers');
}

/** suppliers.list: GET /suppliers */
export function listSuppliers(s: Cafe24Session, page: { limit: number; offset: number }): HttpRequest {
  checkPage('suppliers', page.limit, page.offset);
  return adminGet(s, '/suppliers', { limit: page.limit, offset: page.offset });
}

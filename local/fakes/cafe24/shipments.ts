/**
 * Shipments: tracking numbers and the item statuses they move (reference §8).
 * POST takes `standby` (→ N21) or `shipping` (→ N30, sets shipped_date); PUT changes either the
 * status (`standby|shipping|shipped`, shipped → N40 and delivered_date) or the tracking number
 * and carrier together, never both in one call.
 *
 * "Already used" answers (our wording; the reference quotes none): an item that already has a
 * shipment at N21 gets 422 telling the caller to PUT instead; an item in transit or delivered
 * gets 422 "already been shipped"; with `duplicateTrackingNo: 'reject'` a tracking number
 * already on another order gets 422.
 */
import { z } from 'zod';
import { nextShippingCode } from './codes';
import { ApiError, MSG } from './errors';
import type { Json, MallState, Order, OrderItem, Shipment } from './model';
import type { OrderStatus, ShipmentStatus } from './order-status';
import { canChangeShipmentStatus, canCreateShipment, ORDER_STATUS_LABELS, SHIPMENT_STATUS_TARGET } from './order-status';
import type { StrictOptions } from './options';
import { codesOf, getOrder } from './orders';

export const ShipmentCreate = z.looseObject({
  tracking_no: z.string().min(1).max(40),
  shipping_company_code: z.string().min(1),
  status: z.enum(['standby', 'shipping']),
  order_item_code: z.union([z.array(z.string()), z.string()]).optional(),
  shipping_code: z.string().optional(),
  carrier_id: z.number().int().positive().optional(),
});

export const ShipmentCreateBulk = ShipmentCreate.extend({ order_id: z.string().min(1) });

export const ShipmentUpdate = z.looseObject({
  status: z.enum(['standby', 'shipping', 'shipped']).optional(),
  status_additional_info: z.string().max(30).optional(),
  tracking_no: z.string().min(1).max(40).optional(),
  shipping_company_code: z.string().min(1).optional(),
});

export const ShipmentUpdateBulk = ShipmentUpdate.extend({
  shipping_code: z.string().min(1),
  order_id: z.string().min(1).optional(),
});

interface CarrierRef {
  code: string;
  name: string | null;
  id: number | null;
}

function carrierFor(mall: MallState, code: string, carrierId: number | undefined, opts: StrictOptions): CarrierRef {
  const byCode = mall.carriers.find((c) => c.shipping_carrier_code === code);
  const byId = carrierId !== undefined ? mall.carriers.find((c) => c.carrier_id === carrierId) : undefined;
  const c = byId ?? byCode;
  if (!c && !opts.acceptUnregisteredCarrierCodes) {
    throw new ApiError(422, `[Shipping_company_code] The shipping company (${code}) is not registered in this mall. (parameter.shipping_company_code)`);
  }
  return { code, name: c ? String(c.shipping_carrier) : null, id: c ? Number(c.carrier_id) : null };
}

function refuse(item: OrderItem, why: string): ApiError {
  return new ApiError(422, `The order item (${item.order_item_code}) ${why} (${item.order_status} ${ORDER_STATUS_LABELS[item.order_status]}).`);
}

function whyNotShippable(item: OrderItem): string {
  const s = item.order_status;
  if (s === 'N21') return 'already has a tracking number registered; change it with PUT';
  if (s === 'N30' || s === 'N40' || s === 'N50') return 'has already been shipped';
  if (s === 'N00' || s === 'N02') return 'is not paid yet';
  if (s === 'N22') return 'is on hold';
  if (s === 'N10') return 'is still at product preparation (N20 required)';
  if (s === 'N01') return 'is an exchange item waiting for the exchange to complete';
  return 'cannot be shipped in its current status';
}

function applyStatus(item: OrderItem, target: ShipmentStatus, now: number): void {
  item.order_status = SHIPMENT_STATUS_TARGET[target] as OrderStatus;
  if (target === 'shipping' || target === 'shipped') item.dates.shipped_date ??= now;
  if (target === 'shipped') item.dates.delivered_date ??= now;
}

function assertTrackingFree(mall: MallState, orderId: string, tracking: string, opts: StrictOptions): void {
  if (opts.duplicateTrackingNo !== 'reject') return;
  for (const s of mall.shipments.values()) {
    if (s.tracking_no === tracking && s.order_id !== orderId) {
      throw new ApiError(422, `[Tracking_no] The tracking number (${tracking}) is already used by another order. (parameter.tracking_no)`);
    }
  }
}

export function createShipment(
  mall: MallState,
  orderId: string,
  req: z.output<typeof ShipmentCreate>,
  now: number,
  opts: StrictOptions,
): Shipment {
  const order = getOrder(mall, orderId);
  const carrier = carrierFor(mall, req.shipping_company_code, req.carrier_id, opts);
  const codes = codesOf(req.order_item_code);
  // N21 without a tracking number (a seeded state) may still get one; with one, PUT changes it.
  const shippable = (i: OrderItem): boolean =>
    canCreateShipment(i.order_status, opts.shipmentRequiresN20) || (i.order_status === 'N21' && !i.tracking_no);
  let items: OrderItem[];
  if (codes) {
    items = codes.map((c) => {
      const item = order.items.find((i) => i.order_item_code === c);
      if (!item) throw new ApiError(422, `[Order_item_code] ${c} is not an item of ${orderId}. (parameter.order_item_code)`);
      if (!shippable(item)) throw refuse(item, whyNotShippable(item));
      return item;
    });
  } else {
    // No item codes: the whole order's shippable items (inferred from the doc's example).
    items = order.items.filter(shippable);
    if (items.length === 0) {
      const first = order.items[0];
      throw first ? refuse(first, whyNotShippable(first)) : new ApiError(422, `The order ${orderId} has no items.`);
    }
  }
  assertTrackingFree(mall, orderId, req.tracking_no, opts);

  let shippingCode = req.shipping_code;
  if (shippingCode && mall.shipments.has(shippingCode)) {
    throw new ApiError(422, `[Shipping_code] The shipment (${shippingCode}) already exists; change it with PUT. (parameter.shipping_code)`);
  }
  if (!shippingCode) {
    const assigned = new Set(items.map((i) => i.shipping_code));
    const only = assigned.size === 1 ? [...assigned][0] : null;
    shippingCode = only && !mall.shipments.has(only) ? only : nextShippingCode(mall, orderId);
  }
  for (const item of items) {
    item.shipping_code = shippingCode;
    item.tracking_no = req.tracking_no;
    item.shipping_company_code = carrier.code;
    item.shipping_company_name = carrier.name;
    item.shipping_company_id = carrier.id;
    applyStatus(item, req.status, now);
  }
  const shipment: Shipment = {
    shipping_code: shippingCode,
    order_id: orderId,
    tracking_no: req.tracking_no,
    shipping_company_code: carrier.code,
    carrier_id: carrier.id,
    status: req.status,
    status_additional_info: null,
    order_item_code: items.map((i) => i.order_item_code),
    tracking_no_updated: now,
  };
  mall.shipments.set(shippingCode, shipment);
  return shipment;
}

function shipmentOf(mall: MallState, order: Order, shippingCode: string): Shipment {
  const s = mall.shipments.get(shippingCode);
  if (!s || s.order_id !== order.order_id) throw new ApiError(404, MSG.notFound('shipment', shippingCode));
  return s;
}

function shipmentItems(order: Order, s: Shipment): OrderItem[] {
  return s.order_item_code
    .map((c) => order.items.find((i) => i.order_item_code === c))
    .filter((i): i is OrderItem => i !== undefined);
}

export function updateShipment(
  mall: MallState,
  orderId: string,
  shippingCode: string,
  req: z.output<typeof ShipmentUpdate>,
  now: number,
  opts: StrictOptions,
): Shipment {
  const order = getOrder(mall, orderId);
  const s = shipmentOf(mall, order, shippingCode);
  const changesTracking = req.tracking_no !== undefined || req.shipping_company_code !== undefined;
  if (req.status && changesTracking) {
    throw new ApiError(422, '[Status] Change either the status or the tracking number and shipping company, not both. (parameter.status)');
  }
  if (!req.status && !changesTracking) throw new ApiError(422, '[Status] is required. (parameter.status)');
  const items = shipmentItems(order, s).filter((i) => !i.order_status.startsWith('C'));
  if (req.status) {
    const target = req.status;
    for (const item of items) {
      if (!canChangeShipmentStatus(item.order_status, target)) throw refuse(item, `cannot be set to ${target}`);
    }
    for (const item of items) applyStatus(item, target, now);
    s.status = target;
    if (req.status_additional_info !== undefined) s.status_additional_info = req.status_additional_info;
  } else {
    if (req.tracking_no === undefined || req.shipping_company_code === undefined) {
      throw new ApiError(422, '[Tracking_no] tracking_no and shipping_company_code must be changed together. (parameter.tracking_no)');
    }
    const carrier = carrierFor(mall, req.shipping_company_code, undefined, opts);
    assertTrackingFree(mall, orderId, req.tracking_no, opts);
    s.tracking_no = req.tracking_no;
    s.shipping_company_code = carrier.code;
    s.carrier_id = carrier.id;
    s.tracking_no_updated = now;
    for (const item of items) {
      item.tracking_no = req.tracking_no;
      item.shipping_company_code = carrier.code;
      item.shipping_company_name = carrier.name;
      item.shipping_company_id = carrier.id;
    }
  }
  return s;
}

/** DELETE: the tracking number comes off; items not yet delivered go back to N20. */
export function deleteShipment(mall: MallState, orderId: string, shippingCode: string): Json {
  const order = getOrder(mall, orderId);
  const s = shipmentOf(mall, order, shippingCode);
  const items = shipmentItems(order, s);
  for (const item of items) if (item.order_status === 'N40' || item.order_status === 'N50') throw refuse(item, 'has been delivered; its shipment cannot be deleted');
  for (const item of items) {
    if (item.order_status === 'N21' || item.order_status === 'N30') item.order_status = 'N20';
    item.tracking_no = null;
    item.shipping_company_code = null;
    item.shipping_company_name = null;
    item.shipping_company_id = null;
    delete item.dates.shipped_date;
  }
  mall.shipments.delete(shippingCode);
  return { shop_no: 1, order_id: orderId, shipping_code: shippingCode };
}

export function shipmentByCode(mall: MallState, shippingCode: string): Shipment {
  const s = mall.shipments.get(shippingCode);
  if (!s) throw new ApiError(404, MSG.notFound('shipment', shippingCode));
  return s;
}

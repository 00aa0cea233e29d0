/** Shipments, per order and in bulk (reference §8). Scope group: order. */
import { bulk, bulkAnswer, parseWith, runEach, single } from '../envelope';
import type { ResolvedOptions } from '../options';
import { getOrder } from '../orders';
import { renderShipment } from '../render';
import type { Route } from '../router';
import {
  createShipment,
  deleteShipment,
  ShipmentCreate,
  ShipmentCreateBulk,
  shipmentByCode,
  ShipmentUpdate,
  ShipmentUpdateBulk,
  updateShipment,
} from '../shipments';

export function shipmentRoutes(opts: ResolvedOptions): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/orders/:order_id/shipments',
      scope: 'order',
      query: { read: [] },
      handler: (ctx) => {
        const order = getOrder(ctx.mall, ctx.params.order_id!);
        const shipments = [...ctx.mall.shipments.values()].filter((s) => s.order_id === order.order_id).map((s) => renderShipment(s, ctx.mall));
        return { status: 200, body: { shipments } };
      },
    },
    {
      // One object per call; the documented answer is still a `shipments` array.
      method: 'POST',
      pattern: '/orders/:order_id/shipments',
      scope: 'order',
      handler: (ctx) => {
        const req = single(ctx.body, ShipmentCreate);
        const s = createShipment(ctx.mall, ctx.params.order_id!, req, ctx.now, opts.strict);
        return { status: 201, body: { shipments: [renderShipment(s, ctx.mall)] } };
      },
    },
    {
      method: 'PUT',
      pattern: '/orders/:order_id/shipments/:shipping_code',
      scope: 'order',
      handler: (ctx) => {
        const req = single(ctx.body, ShipmentUpdate);
        const s = updateShipment(ctx.mall, ctx.params.order_id!, ctx.params.shipping_code!, req, ctx.now, opts.strict);
        return { status: 200, body: { shipment: renderShipment(s, ctx.mall) } };
      },
    },
    {
      method: 'DELETE',
      pattern: '/orders/:order_id/shipments/:shipping_code',
      scope: 'order',
      handler: (ctx) => ({ status: 200, body: { shipment: deleteShipment(ctx.mall, ctx.params.order_id!, ctx.params.shipping_code!) } }),
    },
    {
      method: 'POST',
      pattern: '/shipments',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, 100, opts.strict.bulkLoneRequest), ['order_id', 'tracking_no'], (raw) => {
          const req = parseWith(ShipmentCreateBulk, raw, '');
          return renderShipment(createShipment(ctx.mall, req.order_id, req, ctx.now, opts.strict), ctx.mall);
        });
        return bulkAnswer('shipments', outcomes, 201);
      },
    },
    {
      method: 'PUT',
      pattern: '/shipments',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, 100, opts.strict.bulkLoneRequest), ['order_id', 'shipping_code'], (raw) => {
          const req = parseWith(ShipmentUpdateBulk, raw, '');
          const orderId = req.order_id ?? shipmentByCode(ctx.mall, req.shipping_code).order_id;
          return renderShipment(updateShipment(ctx.mall, orderId, req.shipping_code, req, ctx.now, opts.strict), ctx.mall);
        });
        return bulkAnswer('shipments', outcomes, 200);
      },
    },
  ];
}

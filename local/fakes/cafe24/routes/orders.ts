/** Orders, their items, receivers and buyer, status changes, unpaid orders (reference §7).
 * Scope group: order. */
import { z } from 'zod';
import { requestCancellation, requestReturn, withdrawRequest } from '../claims';
import { bulk, bulkAnswer, parseWith, runEach, single } from '../envelope';
import { ApiError, paramError } from '../errors';
import { formatMoney, toCents } from '../money';
import type { Json, MallState, Order, OrderItem } from '../model';
import type { ResolvedOptions } from '../options';
import { ORDER_STATUSES } from '../order-status';
import { getOrder, ProcessRequest, processOrder } from '../orders';
import { CAPS, dateWindow, embedSet, enumListParam, enumParam, flagParam, intListParam, intParam, listParam, pageLinks, paging, pickFields, undocumentedListParam } from '../paging';
import type { QuerySpec } from '../query-spec';
import { renderBuyer, renderItem, renderOrder, renderReceiver } from '../render';
import type { Route, RouteContext } from '../router';
import { kstIso } from '../time';

export const DATE_TYPES = [
  'order_date', 'pay_date', 'shipbegin_date', 'shipend_date', 'cancel_date', 'place_date', 'cancel_request_date',
  'cancel_accept_date', 'cancel_complete_date', 'exchange_request_date', 'exchange_accept_date', 'exchange_complete_date',
  'return_request_date', 'return_accept_date', 'return_complete_date', 'purchaseconfirmation_date',
] as const;
type DateType = (typeof DATE_TYPES)[number];

/** The instants of an order that a `date_type` search looks at. */
function datesFor(order: Order, type: DateType): number[] {
  const items = (k: keyof OrderItem['dates']): number[] =>
    order.items.map((i) => i.dates[k]).filter((t): t is number => t !== undefined);
  switch (type) {
    case 'order_date': return [order.order_date];
    case 'pay_date': return order.payment_date === null ? [] : [order.payment_date];
    case 'shipbegin_date': return items('shipped_date');
    case 'shipend_date': return items('delivered_date');
    case 'cancel_date': return order.cancel_date === null ? items('cancel_date') : [order.cancel_date];
    case 'place_date': return items('place_date');
    case 'cancel_request_date': return items('cancel_request_date');
    case 'cancel_accept_date': return items('cancel_accept_date');
    case 'cancel_complete_date': return items('cancel_date');
    case 'exchange_request_date': return items('exchange_request_date');
    case 'exchange_accept_date': return items('exchange_accept_date');
    case 'exchange_complete_date': return items('exchange_date');
    case 'return_request_date': return items('return_request_date');
    case 'return_accept_date': return items('return_accept_date');
    case 'return_complete_date': return items('return_confirmed_date');
    case 'purchaseconfirmation_date': return items('purchaseconfirmation_date');
  }
}

function contains(hay: unknown, needle: string | null): boolean {
  return needle === null || (typeof hay === 'string' && hay.includes(needle));
}

/**
 * Filters of GET /orders and /orders/count. Orders come oldest first by order_date (the docs
 * do not say; the window-by-window paging the docs recommend reads naturally that way).
 */
function filterOrders(mall: MallState, q: URLSearchParams, opts: ResolvedOptions): Order[] {
  const window = dateWindow(q, { required: false, maxMonths: opts.strict.orderWindowMonths });
  const dateType = enumParam(q, 'date_type', DATE_TYPES) ?? 'order_date';
  const ids = listParam(q, 'order_id');
  const statuses = enumListParam(q, 'order_status', ORDER_STATUSES);
  // The reference documents only order_id, order_status, product_no and supplier_id as lists.
  const single = opts.strict.undocumentedCommaList;
  const payment = undocumentedListParam(q, 'payment_status', single, ['F', 'M', 'T', 'A', 'P'] as const);
  const refund = undocumentedListParam(q, 'refund_status', single, ['F', 'T', 'M'] as const);
  const productNos = intListParam(q, 'product_no');
  const productCode = q.get('product_code');
  const suppliers = listParam(q, 'supplier_id');
  const places = undocumentedListParam(q, 'order_place_id', single);
  const memberId = q.get('member_id');
  const buyerName = q.get('buyer_name');
  const buyerEmail = q.get('buyer_email');
  const buyerCell = q.get('buyer_cellphone');
  const receiverName = q.get('receiver_name');
  const memberType = enumParam(q, 'member_type', ['2', '3'] as const);
  const memberEmail = q.get('member_email');
  const buyerPhone = q.get('buyer_phone');
  const receiverAddress = q.get('receiver_address');
  const firstOrder = flagParam(q, 'first_order');
  const marketOrderNos = listParam(q, 'market_order_no');
  const marketSeller = q.get('market_seller_id');
  const marketCancel = enumParam(q, 'market_cancel_request', ['T'] as const);
  const methods = listParam(q, 'payment_method');
  const carrierId = intParam(q, 'carrier_id');
  const wishedCarriers = listParam(q, 'wished_carrier_id');
  const subscription = flagParam(q, 'subscription');
  const multipleAddresses = enumParam(q, 'multiple_addresses', ['T'] as const);
  // Filters on fields the fake renders are matched against the rendered order, so a filter
  // and the object it answers never disagree.
  const byRendered = [memberEmail, firstOrder, marketOrderNos, marketSeller, wishedCarriers, subscription, multipleAddresses].some((v) => v != null);

  return [...mall.orders.values()]
    .filter((o) => {
      if (window && !datesFor(o, dateType).some((t) => t >= window.start && t <= window.end)) return false;
      if (ids && !ids.includes(o.order_id)) return false;
      if (statuses && !o.items.some((i) => statuses.includes(i.order_status))) return false;
      if (payment && !payment.includes(o.payment_status)) return false;
      if (refund && ![...mall.refunds.values()].some((r) => r.order_id === o.order_id && refund.includes(r.refund_status))) return false;
      if (productNos && !o.items.some((i) => i.product_no !== null && productNos.includes(i.product_no))) return false;
      if (productCode && !o.items.some((i) => i.product_code === productCode)) return false;
      if (suppliers && !o.items.some((i) => i.supplier_id !== null && suppliers.includes(i.supplier_id))) return false;
      if (places && !places.includes(String(o.extra.order_place_id ?? 'cafe24'))) return false;
      if (memberId && o.member_id !== memberId) return false;
      if (memberType === '2' && !o.member_id) return false;
      if (memberType === '3' && o.member_id) return false;
      if (!contains(o.buyer?.name, buyerName)) return false;
      if (!contains(o.buyer?.email, buyerEmail)) return false;
      if (!contains(o.buyer?.cellphone, buyerCell)) return false;
      if (receiverName !== null && !o.receivers.some((r) => contains(r.name, receiverName))) return false;
      if (!contains(o.buyer?.phone, buyerPhone)) return false;
      if (receiverAddress !== null && !o.receivers.some((r) => contains(`${String(r.address1 ?? '')} ${String(r.address2 ?? '')}`, receiverAddress))) return false;
      if (marketCancel && !o.items.some((i) => i.extra.market_cancel_request === 'T')) return false;
      if (methods && !o.payment_method.some((m) => methods.includes(m))) return false;
      if (carrierId !== undefined && ![...mall.shipments.values()].some((sh) => sh.order_id === o.order_id && sh.carrier_id === carrierId)) return false;
      if (byRendered) {
        const r = renderOrder(mall, o, new Set());
        if (memberEmail !== null && r.member_email !== memberEmail) return false;
        if (firstOrder && r.first_order !== firstOrder) return false;
        if (marketOrderNos && !marketOrderNos.includes(String(r.market_order_no))) return false;
        if (marketSeller !== null && r.market_seller_id !== marketSeller) return false;
        if (wishedCarriers && !wishedCarriers.includes(String(r.wished_carrier_id))) return false;
        if (subscription && r.subscription !== subscription) return false;
        if (multipleAddresses && r.multiple_addresses !== multipleAddresses) return false;
      }
      return true;
    })
    .sort((a, b) => a.order_date - b.order_date || (a.order_id < b.order_id ? -1 : 1));
}

/** The filters of GET /orders and /orders/count (reference §7 "List parameters"). */
const ORDER_FILTERS: QuerySpec = {
  read: [
    'start_date', 'end_date', 'date_type', 'order_id', 'order_status', 'payment_status', 'refund_status',
    'member_type', 'member_id', 'member_email', 'buyer_name', 'buyer_email', 'buyer_phone', 'buyer_cellphone',
    'receiver_name', 'receiver_address', 'first_order', 'product_no', 'product_code', 'supplier_id',
    'order_place_id', 'market_order_no', 'market_seller_id', 'market_cancel_request', 'payment_method',
    'carrier_id', 'wished_carrier_id', 'subscription', 'multiple_addresses',
  ],
  // Fields the fake's orders do not carry (membership groups, furigana, inflow, PG, discounts, labels).
  notEmulated: ['group_no', 'name_furigana', 'inflow_path', 'payment_gateway_name', 'discount_method', 'discount_code', 'labels'],
};

const ORDER_EMBEDS = ['items', 'receivers', 'buyer', 'return', 'cancellation', 'exchange'];

export const ORDER_QUERY = {
  list: { read: [...ORDER_FILTERS.read, 'limit', 'offset', 'embed', 'fields'], notEmulated: ORDER_FILTERS.notEmulated, embeds: { read: ORDER_EMBEDS } },
  count: ORDER_FILTERS,
  one: { read: ['embed', 'fields'], embeds: { read: [...ORDER_EMBEDS, 'refunds'], notEmulated: ['benefits', 'coupons'] } },
  items: { read: ['supplier_id'] },
  none: { read: [] },
  unpaid: { read: ['start_date', 'end_date', 'payment_method', 'settle_type', 'limit', 'offset', 'order'] },
} as const satisfies Record<string, QuerySpec>;

const ItemUpdate = z.looseObject({
  claim_type: z.enum(['C', 'R']).optional(),
  claim_status: z.enum(['T', 'F']).optional(),
  claim_reason_type: z.string().optional(),
  claim_reason: z.string().max(2000).optional(),
  claim_quantity: z.number().int().positive().optional(),
  shipping_expected_date: z.string().optional(),
  multi_invoice: z.array(z.looseObject({})).optional(),
});

const receiversOf = (o: Order): Json[] => o.receivers.map((r) => ({ shop_no: 1, ...renderReceiver(o, r) }));

function orderIdOf(ctx: RouteContext): string {
  return ctx.params.order_id!;
}

export function orderRoutes(opts: ResolvedOptions): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/orders',
      scope: 'order',
      query: ORDER_QUERY.list,
      handler: (ctx) => {
        const page = paging(ctx.query, CAPS.orders);
        const list = filterOrders(ctx.mall, ctx.query, opts);
        const embed = embedSet(ctx.query);
        const fields = listParam(ctx.query, 'fields');
        const orders = list.slice(page.offset, page.offset + page.limit).map((o) => pickFields(renderOrder(ctx.mall, o, embed), fields));
        const links = pageLinks(ctx.mall.mall_id, '/api/v2/admin/orders', ctx.query, page, list.length, CAPS.orders.maxOffset);
        return { status: 200, body: links ? { orders, links } : { orders } };
      },
    },
    {
      method: 'GET',
      pattern: '/orders/count',
      scope: 'order',
      query: ORDER_QUERY.count,
      handler: (ctx) => ({ status: 200, body: { count: filterOrders(ctx.mall, ctx.query, opts).length } }),
    },
    {
      method: 'PUT',
      pattern: '/orders',
      scope: 'order',
      handler: (ctx) => {
        // Cap not in the reference's table; 100 like the other bulk writes.
        const list = bulk(ctx.body, 100, opts.strict.bulkLoneRequest);
        const outcomes = runEach(list, ['order_id'], (raw) => {
          const req = parseWith(ProcessRequest.extend({ order_id: z.string().min(1) }), raw, '');
          return processOrder(ctx.mall, req.order_id, req, ctx.now);
        });
        return bulkAnswer('orders', outcomes, 200);
      },
    },
    {
      method: 'GET',
      pattern: '/orders/:order_id',
      scope: 'order',
      query: ORDER_QUERY.one,
      handler: (ctx) => {
        const o = getOrder(ctx.mall, orderIdOf(ctx));
        return { status: 200, body: { order: pickFields(renderOrder(ctx.mall, o, embedSet(ctx.query)), listParam(ctx.query, 'fields')) } };
      },
    },
    {
      method: 'PUT',
      pattern: '/orders/:order_id',
      scope: 'order',
      handler: (ctx) => {
        const req = single(ctx.body, ProcessRequest);
        return { status: 200, body: { order: processOrder(ctx.mall, orderIdOf(ctx), req, ctx.now) } };
      },
    },
    {
      method: 'GET',
      pattern: '/orders/:order_id/items',
      scope: 'order',
      query: ORDER_QUERY.items,
      handler: (ctx) => {
        const o = getOrder(ctx.mall, orderIdOf(ctx));
        const suppliers = listParam(ctx.query, 'supplier_id');
        const items = o.items.filter((i) => !suppliers || (i.supplier_id !== null && suppliers.includes(i.supplier_id))).map((i) => renderItem(i, ctx.mall));
        return { status: 200, body: { items } };
      },
    },
    {
      method: 'PUT',
      pattern: '/orders/:order_id/items/:order_item_code',
      scope: 'order',
      handler: (ctx) => {
        const req = single(ctx.body, ItemUpdate);
        const orderId = orderIdOf(ctx);
        const code = ctx.params.order_item_code!;
        const order = getOrder(ctx.mall, orderId);
        const item = order.items.find((i) => i.order_item_code === code);
        if (!item) throw new ApiError(404, `No order item found. (${code})`);
        if (req.claim_status === 'F') withdrawRequest(ctx.mall, orderId, code);
        else if (req.claim_status === 'T' || req.claim_type) {
          if (!req.claim_type) throw paramError('claim_type', 'is required with claim_status.');
          const input = {
            items: [{ order_item_code: code, quantity: req.claim_quantity ?? item.quantity }],
            reason_type: req.claim_reason_type,
            reason: req.claim_reason,
          };
          if (req.claim_type === 'C') requestCancellation(ctx.mall, orderId, input, ctx.now);
          else requestReturn(ctx.mall, orderId, input, ctx.now);
        }
        if (req.shipping_expected_date !== undefined) item.extra.shipping_expected_date = req.shipping_expected_date;
        if (req.multi_invoice !== undefined) item.extra.multi_invoice = req.multi_invoice;
        return { status: 200, body: { item: renderItem(item, ctx.mall) } };
      },
    },
    {
      method: 'GET',
      pattern: '/orders/:order_id/receivers',
      scope: 'order',
      query: ORDER_QUERY.none,
      handler: (ctx) => ({ status: 200, body: { receivers: receiversOf(getOrder(ctx.mall, orderIdOf(ctx))) } }),
    },
    {
      method: 'GET',
      pattern: '/orders/:order_id/buyer',
      scope: 'order',
      query: ORDER_QUERY.none,
      handler: (ctx) => {
        const o = getOrder(ctx.mall, orderIdOf(ctx));
        return { status: 200, body: { buyer: o.buyer ? { shop_no: 1, ...renderBuyer(o.buyer) } : null } };
      },
    },
    {
      method: 'GET',
      pattern: '/unpaidorders',
      scope: 'order',
      query: ORDER_QUERY.unpaid,
      minVersion: opts.strict.unpaidOrdersMinVersion,
      handler: (ctx) => {
        const q = ctx.query;
        const window = dateWindow(q, { required: true, maxMonths: opts.strict.orderWindowMonths })!;
        const methods = enumListParam(q, 'payment_method', ['cash', 'icash'] as const) ?? ['cash', 'icash'];
        const dir = (enumParam(q, 'order', ['asc', 'desc'] as const) ?? 'desc') === 'desc' ? -1 : 1;
        // Every unpaid order of the fake is a first payment (S); additional payments (E) are not modelled.
        const settle = enumParam(q, 'settle_type', ['S', 'E'] as const);
        const page = paging(q, CAPS.unpaidorders);
        const list = [...ctx.mall.orders.values()]
          .filter((o) => o.order_date >= window.start && o.order_date <= window.end)
          .filter((o) => (o.paid === 'F' || o.paid === 'M') && o.payment_method.some((m) => (methods as string[]).includes(m)))
          .filter((o) => o.items.some((i) => i.order_status === 'N00' || i.order_status === 'N02'))
          .filter(() => settle !== 'E')
          .sort((a, b) => (a.order_date - b.order_date) * dir);
        const unpaidorders = list.slice(page.offset, page.offset + page.limit).map((o): Json => {
          const unpaid = o.items.filter((i) => i.order_status === 'N00' || i.order_status === 'N02');
          return {
            shop_no: 1,
            order_id: o.order_id,
            order_item_code: unpaid.map((i) => i.order_item_code),
            order_date: kstIso(o.order_date),
            buyer_name: o.buyer?.name ?? null,
            billing_name: o.billing_name,
            bank_code: o.extra.bank_code ?? null,
            bank_name: o.extra.bank_code_name ?? null,
            unpaid_amount: formatMoney(toCents(o.payment_amount)),
            accounts: o.extra.bank_account_no ?? null,
            payment_method: o.payment_method.find((m) => m === 'cash' || m === 'icash') ?? null,
            settle_type: 'S',
            payment_no: 1,
          };
        });
        return { status: 200, body: { unpaidorders } };
      },
    },
  ];
}

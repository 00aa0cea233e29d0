/** Cancellation, return, exchange and refund endpoints (reference §9). Scope group: order. */
import { z } from 'zod';
import {
  acceptRequest,
  BuyerRequest,
  cancelOrder,
  CancellationCreate,
  CancellationUpdate,
  ClaimLine,
  claimByCode,
  completeRefund,
  exchangeOrder,
  ExchangeCreate,
  ExchangeUpdate,
  rejectRequest,
  RefundUpdate,
  requestCancellation,
  requestReturn,
  returnOrder,
  ReturnCreate,
  ReturnUpdate,
  updateCancellation,
  updateExchange,
  updateReturn,
} from '../claims';
import { bulk, bulkAnswer, parseWith, runEach, single } from '../envelope';
import { ApiError } from '../errors';
import type { Json, MallState } from '../model';
import type { ResolvedOptions } from '../options';
import { codesOf } from '../orders';
import { CAPS, dateWindow, enumParam, paging, undocumentedListParam } from '../paging';
import { renderClaim, renderRefund } from '../render';
import type { Route } from '../router';

/** Bulk claim caps are not in the reference's table; 100 like the other bulk writes. */
const BULK_CAP = 100;

const OrderRef = { order_id: z.string().min(1) };
const ClaimRef = { order_id: z.string().min(1), claim_code: z.string().min(1) };

/** Admin filing a buyer-style request (POST /cancellationrequests, /returnrequests). */
const RequestFiling = z.looseObject({
  order_id: z.string().min(1),
  reason_type: z.string().optional(),
  reason: z.string().max(2000).optional(),
  items: z.array(ClaimLine).min(1).optional(),
});

/** Accept or reject (`undone=T`) buyer requests. */
const RequestDecision = z.looseObject({
  order_id: z.string().min(1).optional(),
  order_item_code: z.union([z.array(z.string()), z.string()]).optional(),
  undone: z.enum(['T', 'F']).optional(),
  reason_type: z.string().optional(),
  reason: z.string().optional(),
  reject_reason: z.string().optional(),
  display_reject_reason: z.enum(['T', 'F']).optional(),
});

function decide(mall: MallState, orderId: string, type: 'cancellation' | 'return' | 'exchange', req: z.output<typeof RequestDecision>, now: number, opts: ResolvedOptions): Json {
  const codes = codesOf(req.order_item_code);
  if (req.undone === 'T' || type === 'cancellation') {
    // PUT /cancellationrequests only rejects (accepting is POST /orders/{id}/cancellation).
    if (req.undone !== 'T') throw new ApiError(422, '[Undone] Only undone=T (reject) is supported here. (parameter.undone)');
    const claims = rejectRequest(mall, orderId, type, codes, req.reject_reason);
    return { shop_no: 1, order_id: orderId, undone: 'T', claim_code: claims.map((c) => c.claim_code) };
  }
  const claim = acceptRequest(mall, orderId, type, codes, now, opts.strict.paidStatus);
  return { shop_no: 1, order_id: orderId, undone: 'F', claim_code: [claim.claim_code] };
}

export function claimRoutes(opts: ResolvedOptions): Route[] {
  const paid = opts.strict.paidStatus;
  return [
    // ---- cancellation ----
    {
      method: 'POST',
      pattern: '/orders/:order_id/cancellation',
      scope: 'order',
      handler: (ctx) => ({ status: 201, body: { cancellation: renderClaim(cancelOrder(ctx.mall, ctx.params.order_id!, single(ctx.body, CancellationCreate), ctx.now)) } }),
    },
    {
      method: 'PUT',
      pattern: '/orders/:order_id/cancellation/:claim_code',
      scope: 'order',
      handler: (ctx) => ({
        status: 200,
        body: { cancellation: renderClaim(updateCancellation(ctx.mall, ctx.params.order_id!, ctx.params.claim_code!, single(ctx.body, CancellationUpdate), ctx.now)) },
      }),
    },
    {
      method: 'POST',
      pattern: '/cancellation',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, BULK_CAP, opts.strict.bulkLoneRequest), ['order_id'], (raw) => {
          const req = parseWith(CancellationCreate.extend(OrderRef), raw, '');
          // The bulk resource cannot cancel at the payment gateway (reference §9).
          return renderClaim(cancelOrder(ctx.mall, req.order_id, { ...req, payment_gateway_cancel: 'F' }, ctx.now));
        });
        return bulkAnswer('cancellation', outcomes, 201);
      },
    },
    {
      method: 'PUT',
      pattern: '/cancellation',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, BULK_CAP, opts.strict.bulkLoneRequest), ['order_id', 'claim_code'], (raw) => {
          const req = parseWith(CancellationUpdate.extend(ClaimRef), raw, '');
          return renderClaim(updateCancellation(ctx.mall, req.order_id, req.claim_code, { ...req, payment_gateway_cancel: 'F' }, ctx.now));
        });
        return bulkAnswer('cancellation', outcomes, 200);
      },
    },
    {
      method: 'GET',
      pattern: '/cancellation/:claim_code',
      scope: 'order',
      query: { read: [] },
      handler: (ctx) => ({ status: 200, body: { cancellation: renderClaim(claimByCode(ctx.mall, ctx.params.claim_code!, 'cancellation')) } }),
    },
    {
      method: 'POST',
      pattern: '/cancellationrequests',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, BULK_CAP, opts.strict.bulkLoneRequest), ['order_id'], (raw) => {
          const req = parseWith(RequestFiling, raw, '');
          const input = parseWith(BuyerRequest, { items: req.items, reason_type: req.reason_type, reason: req.reason }, '');
          return renderClaim(requestCancellation(ctx.mall, req.order_id, input, ctx.now));
        });
        return bulkAnswer('cancellationrequests', outcomes, 201);
      },
    },
    {
      method: 'PUT',
      pattern: '/cancellationrequests',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, BULK_CAP, opts.strict.bulkLoneRequest), ['order_id'], (raw) => {
          const req = parseWith(RequestDecision.extend({ order_id: z.string().min(1) }), raw, '');
          return decide(ctx.mall, req.order_id, 'cancellation', req, ctx.now, opts);
        });
        return bulkAnswer('cancellationrequests', outcomes, 200);
      },
    },
    // ---- return ----
    {
      method: 'POST',
      pattern: '/orders/:order_id/return',
      scope: 'order',
      handler: (ctx) => ({ status: 201, body: { return: renderClaim(returnOrder(ctx.mall, ctx.params.order_id!, single(ctx.body, ReturnCreate), ctx.now)) } }),
    },
    {
      method: 'PUT',
      pattern: '/orders/:order_id/return/:claim_code',
      scope: 'order',
      handler: (ctx) => ({
        status: 200,
        body: { return: renderClaim(updateReturn(ctx.mall, ctx.params.order_id!, ctx.params.claim_code!, single(ctx.body, ReturnUpdate), ctx.now)) },
      }),
    },
    {
      method: 'POST',
      pattern: '/return',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, BULK_CAP, opts.strict.bulkLoneRequest), ['order_id'], (raw) => {
          const req = parseWith(ReturnCreate.extend(OrderRef), raw, '');
          return renderClaim(returnOrder(ctx.mall, req.order_id, req, ctx.now));
        });
        return bulkAnswer('return', outcomes, 201);
      },
    },
    {
      method: 'PUT',
      pattern: '/return',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, BULK_CAP, opts.strict.bulkLoneRequest), ['order_id', 'claim_code'], (raw) => {
          const req = parseWith(ReturnUpdate.extend(ClaimRef), raw, '');
          return renderClaim(updateReturn(ctx.mall, req.order_id, req.claim_code, req, ctx.now));
        });
        return bulkAnswer('return', outcomes, 200);
      },
    },
    {
      method: 'GET',
      pattern: '/return/:claim_code',
      scope: 'order',
      query: { read: [] },
      handler: (ctx) => ({ status: 200, body: { return: renderClaim(claimByCode(ctx.mall, ctx.params.claim_code!, 'return')) } }),
    },
    {
      method: 'POST',
      pattern: '/returnrequests',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, BULK_CAP, opts.strict.bulkLoneRequest), ['order_id'], (raw) => {
          const req = parseWith(RequestFiling, raw, '');
          const input = parseWith(BuyerRequest, { items: req.items, reason_type: req.reason_type, reason: req.reason }, '');
          return renderClaim(requestReturn(ctx.mall, req.order_id, input, ctx.now));
        });
        return bulkAnswer('returnrequests', outcomes, 201);
      },
    },
    {
      method: 'PUT',
      pattern: '/returnrequests',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, BULK_CAP, opts.strict.bulkLoneRequest), ['order_id'], (raw) => {
          const req = parseWith(RequestDecision.extend({ order_id: z.string().min(1) }), raw, '');
          return decide(ctx.mall, req.order_id, 'return', req, ctx.now, opts);
        });
        return bulkAnswer('returnrequests', outcomes, 200);
      },
    },
    // ---- exchange ----
    {
      method: 'POST',
      pattern: '/orders/:order_id/exchange',
      scope: 'order',
      handler: (ctx) => ({ status: 201, body: { exchange: renderClaim(exchangeOrder(ctx.mall, ctx.params.order_id!, single(ctx.body, ExchangeCreate), ctx.now, paid)) } }),
    },
    {
      method: 'PUT',
      pattern: '/orders/:order_id/exchange/:claim_code',
      scope: 'order',
      handler: (ctx) => ({
        status: 200,
        body: { exchange: renderClaim(updateExchange(ctx.mall, ctx.params.order_id!, ctx.params.claim_code!, single(ctx.body, ExchangeUpdate), ctx.now, paid)) },
      }),
    },
    {
      method: 'POST',
      pattern: '/exchange',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, BULK_CAP, opts.strict.bulkLoneRequest), ['order_id'], (raw) => {
          const req = parseWith(ExchangeCreate.extend(OrderRef), raw, '');
          return renderClaim(exchangeOrder(ctx.mall, req.order_id, req, ctx.now, paid));
        });
        return bulkAnswer('exchange', outcomes, 201);
      },
    },
    {
      method: 'PUT',
      pattern: '/exchange',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, BULK_CAP, opts.strict.bulkLoneRequest), ['order_id', 'claim_code'], (raw) => {
          const req = parseWith(ExchangeUpdate.extend(ClaimRef), raw, '');
          return renderClaim(updateExchange(ctx.mall, req.order_id, req.claim_code, req, ctx.now, paid));
        });
        return bulkAnswer('exchange', outcomes, 200);
      },
    },
    {
      method: 'GET',
      pattern: '/exchange/:claim_code',
      scope: 'order',
      query: { read: [] },
      handler: (ctx) => ({ status: 200, body: { exchange: renderClaim(claimByCode(ctx.mall, ctx.params.claim_code!, 'exchange')) } }),
    },
    {
      method: 'PUT',
      pattern: '/orders/:order_id/exchangerequests',
      scope: 'order',
      handler: (ctx) => ({ status: 200, body: { exchangerequests: decide(ctx.mall, ctx.params.order_id!, 'exchange', single(ctx.body, RequestDecision), ctx.now, opts) } }),
    },
    {
      method: 'PUT',
      pattern: '/exchangerequests',
      scope: 'order',
      handler: (ctx) => {
        const outcomes = runEach(bulk(ctx.body, BULK_CAP, opts.strict.bulkLoneRequest), ['order_id'], (raw) => {
          const req = parseWith(RequestDecision.extend({ order_id: z.string().min(1) }), raw, '');
          return decide(ctx.mall, req.order_id, 'exchange', req, ctx.now, opts);
        });
        return bulkAnswer('exchangerequests', outcomes, 200);
      },
    },
    // ---- refunds ----
    {
      method: 'GET',
      pattern: '/refunds',
      scope: 'order',
      // Reference §9: all of GET /refunds' parameters.
      query: { read: ['start_date', 'end_date', 'date_type', 'order_id', 'member_id', 'refund_status', 'limit', 'offset'] },
      handler: (ctx) => {
        const q = ctx.query;
        // Both dates required (reference §9); the window cap is not documented for refunds.
        const window = dateWindow(q, { required: true, maxMonths: null })!;
        const dateType = enumParam(q, 'date_type', ['accepted_refund_date', 'refund_date'] as const) ?? 'accepted_refund_date';
        const ids = undocumentedListParam(q, 'order_id', opts.strict.undocumentedCommaList);
        const statuses = undocumentedListParam(q, 'refund_status', opts.strict.undocumentedCommaList, ['F', 'T', 'M'] as const);
        const memberId = q.get('member_id');
        const page = paging(q, CAPS.refunds);
        const list = [...ctx.mall.refunds.values()]
          .filter((r) => {
            const t = dateType === 'refund_date' ? r.refund_date : r.accepted_refund_date;
            if (t === null || t < window.start || t > window.end) return false;
            if (ids && !ids.includes(r.order_id)) return false;
            if (statuses && !statuses.includes(r.refund_status)) return false;
            if (memberId !== null && ctx.mall.orders.get(r.order_id)?.member_id !== memberId) return false;
            return true;
          })
          .sort((a, b) => a.accepted_refund_date - b.accepted_refund_date);
        return { status: 200, body: { refunds: list.slice(page.offset, page.offset + page.limit).map(renderRefund) } };
      },
    },
    {
      method: 'GET',
      pattern: '/refunds/:refund_code',
      scope: 'order',
      query: { read: [] },
      handler: (ctx) => {
        const r = ctx.mall.refunds.get(ctx.params.refund_code!);
        if (!r) throw new ApiError(404, `No refund found. (${ctx.params.refund_code})`);
        return { status: 200, body: { refund: renderRefund(r) } };
      },
    },
    {
      method: 'PUT',
      pattern: '/orders/:order_id/refunds/:refund_code',
      scope: 'order',
      handler: (ctx) => {
        single(ctx.body, RefundUpdate);
        return { status: 200, body: { refund: renderRefund(completeRefund(ctx.mall, ctx.params.order_id!, ctx.params.refund_code!, ctx.now)) } };
      },
    },
  ];
}

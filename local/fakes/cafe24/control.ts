/**
 * Control operations: what tests and scenarios do to a mall from the outside — the customer's
 * side (place, pay, ask to cancel/return/exchange), the carrier's (deliver), the operator's
 * (revoke the app's tokens), and fault injection. Each validates its input with zod and throws
 * ControlError with a clear message. The same operations are reachable over HTTP as
 * `POST /_fake/{operation}` with a JSON body (`GET /_fake/state`, `GET /_fake/log`).
 */
import { cancelOrder } from './claims';
import { AnswerInAdminInput, AskInput, DeleteArticleInput, answerInAdmin, askQuestion, deleteArticle } from './boards';
import { z } from 'zod';
import { BuyerRequest, autoCancelUnpaid, requestCancellation, requestExchange, requestReturn, withdrawRequest } from './claims';
import type { FakeCore } from './core';
import { ApiError, ControlError } from './errors';
import type { FaultInput } from './faults';
import { activate, FaultSchema } from './faults';
import type { Reply } from './http';
import { jsonReply } from './http';
import type { MallState } from './model';
import { tokenResponse } from './oauth';
import { AddOrderInput, PayInput, payOrder as pay, placeOrder } from './orders';
import { renderClaim, renderInventory, renderItem, renderOrder } from './render';
import { ScopeName } from './scopes';
import { updateShipment } from './shipments';
import { bucketsState, snapshot } from './snapshot';
import type { RequestLogEntry } from './request-log';
import { formatZodError } from './zod-format';

const MallId = z.string().min(1);
const OrderIdText = z.string().min(1);
const FULL = new Set(['items', 'receivers', 'buyer']);

function parse<S extends z.ZodType>(op: string, schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ControlError(formatZodError(`${op}: invalid input`, op, r.error));
  return r.data;
}

/** Domain refusals (ApiError) become ControlError naming the operation. */
function run<T>(op: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ApiError) throw new ControlError(`${op}: ${e.message}`);
    throw e;
  }
}

export const IssueTokenInput = z.strictObject({
  client_id: z.string().optional(),
  scopes: z.array(ScopeName).optional(),
});

export const MarkDeliveredInput = z.strictObject({ items: z.array(z.string()).optional() });

export class Controls {
  constructor(private readonly core: FakeCore) {}

  private mall(op: string, mallId: unknown): MallState {
    const id = parse(op, MallId, mallId);
    return run(op, () => this.core.requireMall(id));
  }

  addOrder(mallId: string, order: z.input<typeof AddOrderInput>): Record<string, unknown> {
    const mall = this.mall('addOrder', mallId);
    const input = parse('addOrder', AddOrderInput, order);
    const o = run('addOrder', () => placeOrder(mall, input, this.core.now(), this.core.opts.strict.paidStatus));
    return renderOrder(mall, o, FULL);
  }

  payOrder(mallId: string, orderId: string, options: z.input<typeof PayInput> = {}): Record<string, unknown> {
    const mall = this.mall('payOrder', mallId);
    const id = parse('payOrder', OrderIdText, orderId);
    const input = parse('payOrder', PayInput, options);
    return renderOrder(mall, run('payOrder', () => pay(mall, id, this.core.now(), this.core.opts.strict.paidStatus, input)), FULL);
  }

  requestCancel(mallId: string, orderId: string, request: z.input<typeof BuyerRequest> = {}): Record<string, unknown> {
    const mall = this.mall('requestCancel', mallId);
    const input = parse('requestCancel', BuyerRequest, request);
    return renderClaim(run('requestCancel', () => requestCancellation(mall, parse('requestCancel', OrderIdText, orderId), input, this.core.now())));
  }

  requestReturn(mallId: string, orderId: string, request: z.input<typeof BuyerRequest> = {}): Record<string, unknown> {
    const mall = this.mall('requestReturn', mallId);
    const input = parse('requestReturn', BuyerRequest, request);
    return renderClaim(run('requestReturn', () => requestReturn(mall, parse('requestReturn', OrderIdText, orderId), input, this.core.now())));
  }

  requestExchange(mallId: string, orderId: string, request: z.input<typeof BuyerRequest> = {}): Record<string, unknown> {
    const mall = this.mall('requestExchange', mallId);
    const input = parse('requestExchange', BuyerRequest, request);
    return renderClaim(run('requestExchange', () => requestExchange(mall, parse('requestExchange', OrderIdText, orderId), input, this.core.now())));
  }

  /**
   * The mall's operator cancels an order in the Cafe24 admin (accepting the buyer's request,
   * or on the phone): every cancellable item goes to C40 with the payment cancelled at the PG.
   * Not an API call of ours: it is what happens at the channel.
   */
  adminCancel(mallId: string, orderId: string, reason = '관리자 취소'): Record<string, unknown> {
    const mall = this.mall('adminCancel', mallId);
    const id = parse('adminCancel', OrderIdText, orderId);
    const req = { status: 'canceled' as const, payment_gateway_cancel: 'T' as const, reason, items: undefined as never };
    return renderClaim(run('adminCancel', () => cancelOrder(mall, id, req, this.core.now())));
  }

  /** The buyer takes back an open cancel/return/exchange request for one item. */
  withdrawRequest(mallId: string, orderId: string, orderItemCode: string): Record<string, unknown> {
    const mall = this.mall('withdrawRequest', mallId);
    const code = parse('withdrawRequest', z.string().min(1), orderItemCode);
    return renderItem(run('withdrawRequest', () => withdrawRequest(mall, parse('withdrawRequest', OrderIdText, orderId), code)), mall);
  }

  /** The carrier delivers: items in transit (N30) become delivered (N40) via their shipments. */
  markDelivered(mallId: string, orderId: string, options: z.input<typeof MarkDeliveredInput> = {}): Record<string, unknown> {
    const mall = this.mall('markDelivered', mallId);
    const id = parse('markDelivered', OrderIdText, orderId);
    const input = parse('markDelivered', MarkDeliveredInput, options);
    return run('markDelivered', () => {
      const order = mall.orders.get(id);
      if (!order) throw new ApiError(404, `No order found. (${id})`);
      const codes = new Set(
        order.items
          .filter((i) => i.order_status === 'N30' && (!input.items || input.items.includes(i.order_item_code)))
          .map((i) => i.shipping_code)
          .filter((c): c is string => c !== null && mall.shipments.has(c)),
      );
      if (codes.size === 0) throw new ApiError(422, `The order ${id} has no items in transit.`);
      for (const c of codes) updateShipment(mall, id, c, { status: 'shipped' }, this.core.now(), this.core.opts.strict);
      return renderOrder(mall, order, FULL);
    });
  }

  /** The deposit deadline passes: unpaid items become C48 (canceled automatically). */
  expireUnpaid(mallId: string, orderId: string): Record<string, unknown> {
    const mall = this.mall('expireUnpaid', mallId);
    return renderClaim(run('expireUnpaid', () => autoCancelUnpaid(mall, parse('expireUnpaid', OrderIdText, orderId), this.core.now())));
  }

  /** Sets a variant's stock to an absolute figure (as the warehouse would report it). */
  setStock(mallId: string, variantCode: string, quantity: number): Record<string, unknown> {
    const mall = this.mall('setStock', mallId);
    const code = parse('setStock', z.string().min(1), variantCode);
    const qty = parse('setStock', z.number().int(), quantity);
    const v = mall.variants.get(code);
    if (!v) throw new ControlError(`setStock: no variant ${code} in ${mall.mall_id}`);
    v.quantity = qty;
    return renderInventory(v);
  }

  /** A buyer asks on the mall's product Q&A or 1:1 board (inquiries-api.md §A). */
  askQuestion(mallId: string, input: z.input<typeof AskInput>): Record<string, unknown> {
    const mall = this.mall('askQuestion', mallId);
    return run('askQuestion', () => askQuestion(mall, parse('askQuestion', AskInput, input), this.core.now()));
  }

  /** Staff answer a question in the Cafe24 admin directly (a comment by default: strict `adminAnswerAs`). */
  answerInAdmin(mallId: string, input: z.input<typeof AnswerInAdminInput>): Record<string, unknown> {
    const mall = this.mall('answerInAdmin', mallId);
    return run('answerInAdmin', () => answerInAdmin(mall, parse('answerInAdmin', AnswerInAdminInput, input), this.core.now(), this.core.opts));
  }

  /** The buyer deletes their question: an answer to it is refused from then on. */
  deleteArticle(mallId: string, input: z.input<typeof DeleteArticleInput>): Record<string, unknown> {
    const mall = this.mall('deleteArticle', mallId);
    return run('deleteArticle', () => deleteArticle(mall, parse('deleteArticle', DeleteArticleInput, input)));
  }

  /** Every token of the mall stops working; refreshing answers invalid_grant. */
  revokeTokens(mallId: string): { mall_id: string; revoked_access_tokens: number } {
    const mall = this.mall('revokeTokens', mallId);
    return { mall_id: mall.mall_id, revoked_access_tokens: this.core.tokens.revokeMall(mall.mall_id) };
  }

  /** A token pair without the browser step (for tests that are not about OAuth). */
  issueToken(mallId: string, options: z.input<typeof IssueTokenInput> = {}): Record<string, unknown> {
    const mall = this.mall('issueToken', mallId);
    const input = parse('issueToken', IssueTokenInput, options);
    const app = input.client_id ? this.core.app(input.client_id) : this.core.apps[0];
    if (!app) throw new ControlError(`issueToken: no app ${input.client_id ?? ''}`);
    const scopes = input.scopes ?? app.scopes;
    const pair = this.core.tokens.issuePair({ mallId: mall.mall_id, clientId: app.client_id, userId: mall.user_id, scopes, shopNo: 1 }, this.core.now());
    return tokenResponse(pair);
  }

  injectFault(mallId: string, fault: FaultInput): { id: string } {
    const mall = this.mall('injectFault', mallId);
    const f = parse('injectFault', FaultSchema, fault);
    const id = this.core.nextFaultId();
    mall.faults.push(activate(id, f, this.core.now()));
    return { id };
  }

  /** Clears one mall's faults, or every mall's. */
  clearFaults(mallId?: string): { cleared: number } {
    const malls = mallId === undefined ? [...this.core.malls.values()] : [this.mall('clearFaults', mallId)];
    let cleared = 0;
    for (const m of malls) {
      cleared += m.faults.length;
      m.faults.length = 0;
    }
    return { cleared };
  }

  state(): ReturnType<typeof snapshot> {
    return snapshot(this.core);
  }

  requestLog(): RequestLogEntry[] {
    return this.core.log.list();
  }

  requestLogDropped(): number {
    return this.core.log.dropped();
  }

  clearRequestLog(): void {
    this.core.log.clear();
  }

  rateLimitState(mallId: string): ReturnType<typeof bucketsState> {
    return bucketsState(this.core, this.mall('rateLimitState', mallId));
  }
}

const Body = z.looseObject({ mall_id: z.string().optional() });

/** `/_fake/...` over HTTP. */
export function handleControl(controls: Controls, method: string, path: string, rawBody: Buffer): Reply {
  const op = path.replace(/^\/_fake\/?/, '');
  try {
    if (method === 'GET' && op === 'state') return jsonReply(200, controls.state());
    if (method === 'GET' && op === 'log') return jsonReply(200, { log: controls.requestLog(), dropped: controls.requestLogDropped() });
    if (method !== 'POST') return jsonReply(404, { error: `Unknown control ${method} /_fake/${op}` });
    let body: Record<string, unknown>;
    try {
      body = rawBody.length === 0 ? {} : parse(op, Body, JSON.parse(rawBody.toString('utf8')));
    } catch (e) {
      if (e instanceof ControlError) throw e;
      throw new ControlError(`${op}: the body is not JSON`);
    }
    const m = body.mall_id as string;
    const { mall_id: _m, ...rest } = body;
    const str = (k: string): string => body[k] as string;
    const result: unknown = (() => {
      switch (op) {
        case 'addOrder': return controls.addOrder(m, body.order as z.input<typeof AddOrderInput>);
        case 'payOrder': return controls.payOrder(m, str('order_id'), { payment_status: body.payment_status as 'T' | 'A' | 'P' | undefined });
        case 'requestCancel': return controls.requestCancel(m, str('order_id'), without(rest, 'order_id'));
        case 'requestReturn': return controls.requestReturn(m, str('order_id'), without(rest, 'order_id'));
        case 'requestExchange': return controls.requestExchange(m, str('order_id'), without(rest, 'order_id'));
        case 'withdrawRequest': return controls.withdrawRequest(m, str('order_id'), str('order_item_code'));
        case 'markDelivered': return controls.markDelivered(m, str('order_id'), without(rest, 'order_id'));
        case 'expireUnpaid': return controls.expireUnpaid(m, str('order_id'));
        case 'setStock': return controls.setStock(m, str('variant_code'), body.quantity as number);
        case 'askQuestion': return controls.askQuestion(m, rest as z.input<typeof AskInput>);
        case 'answerInAdmin': return controls.answerInAdmin(m, rest as z.input<typeof AnswerInAdminInput>);
        case 'deleteArticle': return controls.deleteArticle(m, rest as z.input<typeof DeleteArticleInput>);
        case 'revokeTokens': return controls.revokeTokens(m);
        case 'issueToken': return controls.issueToken(m, rest);
        case 'injectFault': return controls.injectFault(m, body.fault as FaultInput);
        case 'clearFaults': return controls.clearFaults(m);
        case 'clearLog': controls.clearRequestLog(); return { cleared: true };
        default: throw new ControlError(`Unknown control operation "${op}"`);
      }
    })();
    return jsonReply(200, result ?? {});
  } catch (e) {
    if (e instanceof ControlError) return jsonReply(400, { error: e.message });
    throw e;
  }
}

function without(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _drop, ...rest } = obj;
  return rest;
}

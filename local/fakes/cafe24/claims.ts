/**
 * Claims: cancellations, returns, exchanges and the refunds they produce (reference §9), from
 * both sides — the buyer's request (control operations, /cancellationrequests…) and the
 * admin's processing (/orders/{id}/cancellation, /return, /exchange).
 *
 * Status moves (codes from the reference; which code each step lands on is our reading of the
 * labels, the reference gives no table):
 * - buyer cancel: unpaid item → C47 at once; paid item → C00 (requested). Rejected → C11.
 * - admin cancel: `canceling` → C34; `canceled` → C40 when `payment_gateway_cancel=T` (refund
 *   done), else C41 (canceled, before refund) with a refund record awaiting completion.
 *   Unpaid items go straight to C49 (canceled before payment by admin) whatever the word.
 * - buyer return: N30/N40/N50 → R00. Admin: `accepted` R10, `processing` R30 (R31 once picked
 *   up), `returned` R40 with PG cancel else R41. Rejected → R11.
 * - buyer exchange: → E00. Admin `accepted` → E10 and a new exchange item (N01) is created;
 *   `exchanged` → E40 and the exchange item moves to the paid status so it can ship
 *   (DOMAIN: an exchange ships only after the return is confirmed). Rejected → E11.
 * - refund completion (PUT /orders/{id}/refunds/{code}): C41-43 → C40, R41-43 → R40.
 * A claim on part of an item's quantity splits the item (a new order_item_code carries the
 * claimed quantity), as Cafe24 does for partial cancels.
 */
import { z } from 'zod';
import { assertOrderable, holdStock, releaseStock } from './catalog';
import { nextClaimCode, nextItemCode } from './codes';
import { ApiError, MSG } from './errors';
import type { Claim, ClaimType, Flag, MallState, Order, OrderItem, Refund } from './model';
import { emptyClaim } from './model';
import type { OrderStatus } from './order-status';
import {
  canRequestCancel,
  canRequestReturnOrExchange,
  deriveCanceled,
  isCancellable,
  isExchangeable,
  isReturnable,
  ORDER_STATUS_LABELS,
} from './order-status';
import { getOrder, itemIdentity } from './orders';
import { unitCents } from './render';

const Flag = z.enum(['T', 'F']);
export const ClaimLine = z.looseObject({
  order_item_code: z.string().min(1),
  quantity: z.number().int().positive().optional(),
});
export type ClaimLineT = z.output<typeof ClaimLine>;

const Common = {
  items: z.array(ClaimLine).min(1),
  recover_inventory: Flag.optional(),
  payment_gateway_cancel: Flag.optional(),
  reason: z.string().max(2000).optional(),
  claim_reason_type: z.string().optional(),
  refund_method_code: z.union([z.string(), z.array(z.string())]).optional(),
  add_memo_too: Flag.optional(),
};

export const CancellationCreate = z.looseObject({ status: z.enum(['canceling', 'canceled']), ...Common });
export const CancellationUpdate = z.looseObject({
  status: z.enum(['canceled']).optional(),
  recover_inventory: Flag.optional(),
  payment_gateway_cancel: Flag.optional(),
  reason: z.string().max(2000).optional(),
});
export const ReturnCreate = z.looseObject({
  status: z.enum(['accepted', 'processing', 'returned']),
  pickup_completed: Flag.optional(),
  return_invoice_no: z.string().max(40).optional(),
  return_shipping_company_name: z.string().optional(),
  ...Common,
});
export const ReturnUpdate = z.looseObject({
  status: z.enum(['accepted', 'processing', 'returned']).optional(),
  pickup_completed: Flag.optional(),
  recover_inventory: Flag.optional(),
  payment_gateway_cancel: Flag.optional(),
  reason: z.string().max(2000).optional(),
});
export const ExchangeCreate = z.looseObject({
  status: z.enum(['accepted', 'exchanged']),
  same_product: Flag.optional(),
  exchange_variant_code: z.string().optional(),
  ...Common,
});
export const ExchangeUpdate = z.looseObject({
  status: z.enum(['accepted', 'exchanged']).optional(),
  recover_inventory: Flag.optional(),
});
export const RefundUpdate = z.looseObject({
  status: z.enum(['complete']),
  reason: z.string().optional(),
  send_sms: Flag.optional(),
  send_mail: Flag.optional(),
  payment_gateway_cancel: Flag.optional(),
});

/** The buyer's side (control operations and the *requests endpoints). */
export const BuyerRequest = z.strictObject({
  /** Item codes (whole quantity) or lines with a quantity; default: every eligible item. */
  items: z.array(z.union([z.string(), ClaimLine])).optional(),
  reason_type: z.string().optional(),
  reason: z.string().max(2000).optional(),
  /** Exchange only: the variant wanted instead. */
  exchange_variant_code: z.string().optional(),
});
export type BuyerRequestT = z.input<typeof BuyerRequest>;

// ---- helpers ----

function refuse(item: OrderItem, action: string): ApiError {
  return new ApiError(
    422,
    `The order item (${item.order_item_code}) cannot be ${action} in status ${item.order_status} (${ORDER_STATUS_LABELS[item.order_status]}).`,
  );
}

/** Moves `quantity` of an item onto a new item (same everything), returning the new one. */
function split(order: Order, item: OrderItem, quantity: number): OrderItem {
  if (quantity >= item.quantity) return item;
  const { code, itemNo } = nextItemCode(order);
  const held = Math.min(item.stockHeld, quantity);
  const part: OrderItem = {
    ...item,
    order_item_code: code,
    item_no: itemNo,
    quantity,
    claim: { ...item.claim },
    dates: { ...item.dates },
    stockHeld: held,
    extra: { ...item.extra },
  };
  item.quantity -= quantity;
  item.stockHeld -= held;
  order.items.splice(order.items.indexOf(item) + 1, 0, part);
  return part;
}

function normaliseLines(lines: Array<string | ClaimLineT> | undefined): ClaimLineT[] | undefined {
  return lines?.map((l) => (typeof l === 'string' ? { order_item_code: l } : l));
}

/** The items a claim acts on, split to the requested quantities. */
function resolve(order: Order, lines: ClaimLineT[] | undefined, allowed: (s: OrderStatus) => boolean, action: string): OrderItem[] {
  if (!lines) {
    const items = order.items.filter((i) => allowed(i.order_status));
    if (items.length === 0) throw new ApiError(422, `No item of ${order.order_id} can be ${action}.`);
    return items;
  }
  const found = lines.map((l) => {
    const item = order.items.find((i) => i.order_item_code === l.order_item_code);
    if (!item) throw new ApiError(422, `[Order_item_code] ${l.order_item_code} is not an item of ${order.order_id}. (parameter.items.order_item_code)`);
    if (!allowed(item.order_status)) throw refuse(item, action);
    const qty = l.quantity ?? item.quantity;
    if (qty > item.quantity) {
      throw new ApiError(422, `[Quantity] ${l.order_item_code} has only ${item.quantity}. (parameter.items.quantity)`);
    }
    return { item, qty };
  });
  return found.map(({ item, qty }) => split(order, item, qty));
}

function claimFor(mall: MallState, order: Order, items: OrderItem[], type: ClaimType, now: number): Claim {
  const existingCode = items.map((i) => i.claim.claim_code).find((c) => c && mall.claims.get(c)?.type === type);
  const existing = existingCode ? mall.claims.get(existingCode) : undefined;
  const claim: Claim = existing ?? {
    claim_code: nextClaimCode(mall, now),
    type,
    order_id: order.order_id,
    status: 'requested',
    items: [],
    exchange_items: [],
    pickup_completed: 'F',
    reason: null,
    claim_reason_type: null,
    refund_code: null,
    created: now,
    extra: {},
  };
  for (const i of items) {
    const line = claim.items.find((l) => l.order_item_code === i.order_item_code);
    if (line) line.quantity = i.quantity;
    else claim.items.push({ order_item_code: i.order_item_code, quantity: i.quantity });
  }
  mall.claims.set(claim.claim_code, claim);
  return claim;
}

const TYPE_LETTER = { cancellation: 'C', return: 'R', exchange: 'E' } as const;

function mark(item: OrderItem, claim: Claim, status: OrderStatus, reasonType?: string, reason?: string): void {
  if (!item.order_status_before_cs && !item.order_status.startsWith(TYPE_LETTER[claim.type])) {
    item.order_status_before_cs = item.order_status;
  }
  item.order_status = status;
  item.claim = {
    claim_code: claim.claim_code,
    claim_type: TYPE_LETTER[claim.type],
    claim_status: item.claim.claim_status,
    claim_reason_type: reasonType ?? item.claim.claim_reason_type,
    claim_reason: reason ?? item.claim.claim_reason,
    claim_quantity: item.quantity,
  };
}

function wasPaid(order: Order, item: OrderItem): boolean {
  if (item.order_status === 'N00' || item.order_status === 'N02') return false;
  if (item.order_status_before_cs === 'N00' || item.order_status_before_cs === 'N02') return false;
  return order.paid !== 'F';
}

function recover(mall: MallState, items: OrderItem[]): void {
  for (const i of items) {
    releaseStock(i.variant_code ? mall.variants.get(i.variant_code) : undefined, i.stockHeld);
    i.stockHeld = 0;
  }
}

function addRefund(mall: MallState, order: Order, claim: Claim, items: OrderItem[], done: boolean, now: number): void {
  if (items.length === 0) return;
  const amount = items.reduce((s, i) => s + unitCents(i) * i.quantity, 0);
  const existing = claim.refund_code ? mall.refunds.get(claim.refund_code) : undefined;
  if (existing) {
    for (const i of items) if (!existing.order_item_code.includes(i.order_item_code)) existing.order_item_code.push(i.order_item_code);
    existing.quantity = existing.order_item_code.reduce((s, c) => s + (order.items.find((i) => i.order_item_code === c)?.quantity ?? 0), 0);
    existing.amount = existing.order_item_code.reduce((s, c) => {
      const i = order.items.find((x) => x.order_item_code === c);
      return s + (i ? unitCents(i) * i.quantity : 0);
    }, 0);
    if (done) {
      existing.refund_status = 'T';
      existing.refund_date = now;
    }
    return;
  }
  const refund: Refund = {
    refund_code: nextClaimCode(mall, now),
    order_id: order.order_id,
    claim_code: claim.claim_code,
    order_item_code: items.map((i) => i.order_item_code),
    quantity: items.reduce((s, i) => s + i.quantity, 0),
    amount,
    refund_status: done ? 'T' : 'F',
    accepted_refund_date: now,
    refund_date: done ? now : null,
    payment_methods: [...order.payment_method],
    currency: order.currency,
  };
  mall.refunds.set(refund.refund_code, refund);
  claim.refund_code = refund.refund_code;
  if (done) for (const i of items) i.dates.refund_date = now;
}

function touchOrder(order: Order, now: number): void {
  if (order.cancel_date === null && deriveCanceled(order.items.map((i) => i.order_status)) === 'T') order.cancel_date = now;
}

function claimOf(mall: MallState, order: Order, code: string, type: ClaimType): Claim {
  const c = mall.claims.get(code);
  if (!c || c.order_id !== order.order_id || c.type !== type) throw new ApiError(404, MSG.notFound(type, code));
  return c;
}

function claimItems(order: Order, claim: Claim): OrderItem[] {
  return claim.items
    .map((l) => order.items.find((i) => i.order_item_code === l.order_item_code))
    .filter((i): i is OrderItem => i !== undefined);
}

// ---- cancellation ----

function applyCancel(mall: MallState, order: Order, claim: Claim, items: OrderItem[], word: 'canceling' | 'canceled', pg: boolean, recoverStock: boolean, now: number, reasonType?: string, reason?: string): void {
  const paidItems: OrderItem[] = [];
  for (const item of items) {
    if (!wasPaid(order, item)) {
      mark(item, claim, 'C49', reasonType, reason);
      item.dates.cancel_date = now;
      continue;
    }
    if (word === 'canceling') mark(item, claim, 'C34', reasonType, reason);
    else {
      mark(item, claim, pg ? 'C40' : 'C41', reasonType, reason);
      item.dates.cancel_date = now;
      paidItems.push(item);
    }
    item.dates.cancel_accept_date ??= now;
  }
  // Unpaid items never consumed sales; their held stock always returns.
  recover(mall, items.filter((i) => i.order_status === 'C49'));
  if (recoverStock) recover(mall, items);
  if (word === 'canceled') addRefund(mall, order, claim, paidItems, pg, now);
  claim.status = items.every((i) => i.order_status !== 'C34') ? 'canceled' : 'canceling';
  touchOrder(order, now);
}

export function cancelOrder(mall: MallState, orderId: string, req: z.output<typeof CancellationCreate>, now: number): Claim {
  const order = getOrder(mall, orderId);
  const items = resolve(order, req.items, isCancellable, 'canceled');
  const claim = claimFor(mall, order, items, 'cancellation', now);
  if (req.reason !== undefined) claim.reason = req.reason;
  if (req.claim_reason_type !== undefined) claim.claim_reason_type = req.claim_reason_type;
  applyCancel(mall, order, claim, items, req.status, req.payment_gateway_cancel === 'T', req.recover_inventory === 'T', now, req.claim_reason_type, req.reason);
  return claim;
}

export function updateCancellation(mall: MallState, orderId: string, claimCode: string, req: z.output<typeof CancellationUpdate>, now: number): Claim {
  const order = getOrder(mall, orderId);
  const claim = claimOf(mall, order, claimCode, 'cancellation');
  if (req.reason !== undefined) claim.reason = req.reason;
  if (req.status === 'canceled') {
    const items = claimItems(order, claim).filter((i) => i.order_status === 'C34' || i.order_status === 'C00' || i.order_status === 'C10');
    if (items.length === 0) throw new ApiError(422, `The cancellation ${claimCode} is already ${claim.status}.`);
    applyCancel(mall, order, claim, items, 'canceled', req.payment_gateway_cancel === 'T', req.recover_inventory === 'T', now);
  } else if (req.recover_inventory === 'T') recover(mall, claimItems(order, claim));
  return claim;
}

export function requestCancellation(mall: MallState, orderId: string, input: z.output<typeof BuyerRequest>, now: number): Claim {
  const order = getOrder(mall, orderId);
  const items = resolve(order, normaliseLines(input.items), canRequestCancel, 'cancel-requested');
  const claim = claimFor(mall, order, items, 'cancellation', now);
  claim.reason = input.reason ?? claim.reason;
  claim.claim_reason_type = input.reason_type ?? claim.claim_reason_type;
  for (const item of items) {
    item.dates.cancel_request_date = now;
    if (!wasPaid(order, item)) {
      // A buyer cancelling before paying needs nobody's approval.
      mark(item, claim, 'C47', input.reason_type, input.reason);
      item.dates.cancel_date = now;
      recover(mall, [item]);
    } else mark(item, claim, 'C00', input.reason_type, input.reason);
  }
  claim.status = items.some((i) => i.order_status === 'C00') ? 'requested' : 'canceled';
  touchOrder(order, now);
  return claim;
}

/** Undo a buyer's request (admin rejects: C11/R11/E11). */
export function rejectRequest(mall: MallState, orderId: string, type: ClaimType, codes: string[] | undefined, rejectReason: string | undefined): Claim[] {
  const order = getOrder(mall, orderId);
  const requested: OrderStatus = type === 'cancellation' ? 'C00' : type === 'return' ? 'R00' : 'E00';
  const rejected: OrderStatus = type === 'cancellation' ? 'C11' : type === 'return' ? 'R11' : 'E11';
  const items = codes
    ? codes.map((c) => {
        const i = order.items.find((x) => x.order_item_code === c);
        if (!i) throw new ApiError(422, `[Order_item_code] ${c} is not an item of ${orderId}. (parameter.order_item_code)`);
        if (i.order_status !== requested) throw refuse(i, 'rejected');
        return i;
      })
    : order.items.filter((i) => i.order_status === requested);
  if (items.length === 0) throw new ApiError(422, `The order ${orderId} has no open ${type} request.`);
  const claims = new Set<Claim>();
  for (const i of items) {
    i.order_status = rejected;
    i.extra.request_undone = 'T';
    const c = i.claim.claim_code ? mall.claims.get(i.claim.claim_code) : undefined;
    if (c) {
      c.status = 'rejected';
      if (rejectReason !== undefined) c.extra.reject_reason = rejectReason;
      claims.add(c);
    }
  }
  return [...claims];
}

/** The buyer withdraws an open request: the item returns to where it was. */
export function withdrawRequest(mall: MallState, orderId: string, code: string): OrderItem {
  const order = getOrder(mall, orderId);
  const item = order.items.find((i) => i.order_item_code === code);
  if (!item) throw new ApiError(404, MSG.notFound('order item', code));
  if (!['C00', 'R00', 'E00'].includes(item.order_status)) throw refuse(item, 'withdrawn');
  const c = item.claim.claim_code ? mall.claims.get(item.claim.claim_code) : undefined;
  if (c) {
    c.items = c.items.filter((l) => l.order_item_code !== code);
    if (c.items.length === 0) c.status = 'withdrawn';
  }
  item.order_status = item.order_status_before_cs ?? 'N10';
  item.order_status_before_cs = null;
  item.claim = emptyClaim();
  return item;
}

/** Unpaid orders past the deposit deadline (C48, canceled automatically). */
export function autoCancelUnpaid(mall: MallState, orderId: string, now: number): Claim {
  const order = getOrder(mall, orderId);
  const items = order.items.filter((i) => i.order_status === 'N00' || i.order_status === 'N02');
  if (items.length === 0) throw new ApiError(422, `The order ${orderId} has no unpaid items.`);
  const claim = claimFor(mall, order, items, 'cancellation', now);
  for (const i of items) {
    mark(i, claim, 'C48');
    i.dates.cancel_date = now;
  }
  recover(mall, items);
  claim.status = 'canceled';
  touchOrder(order, now);
  return claim;
}

// ---- return ----

function applyReturn(mall: MallState, order: Order, claim: Claim, items: OrderItem[], word: 'accepted' | 'processing' | 'returned', pickup: Flag | undefined, pg: boolean, recoverStock: boolean, now: number, reasonType?: string, reason?: string): void {
  if (pickup) claim.pickup_completed = pickup;
  for (const item of items) {
    let target: OrderStatus;
    if (word === 'accepted') target = 'R10';
    else if (word === 'processing') target = claim.pickup_completed === 'T' ? 'R31' : 'R30';
    else target = pg ? 'R40' : 'R41';
    mark(item, claim, target, reasonType, reason);
    item.dates.return_accept_date ??= now;
    if (claim.pickup_completed === 'T') item.dates.return_collected_date ??= now;
    if (word === 'returned') item.dates.return_confirmed_date = now;
  }
  if (recoverStock) recover(mall, items);
  if (word === 'returned') addRefund(mall, order, claim, items, pg, now);
  claim.status = word;
}

export function returnOrder(mall: MallState, orderId: string, req: z.output<typeof ReturnCreate>, now: number): Claim {
  const order = getOrder(mall, orderId);
  const items = resolve(order, req.items, isReturnable, 'returned');
  const claim = claimFor(mall, order, items, 'return', now);
  if (req.reason !== undefined) claim.reason = req.reason;
  if (req.claim_reason_type !== undefined) claim.claim_reason_type = req.claim_reason_type;
  if (req.return_invoice_no !== undefined) claim.extra.return_invoice_no = req.return_invoice_no;
  applyReturn(mall, order, claim, items, req.status, req.pickup_completed, req.payment_gateway_cancel === 'T', req.recover_inventory === 'T', now, req.claim_reason_type, req.reason);
  return claim;
}

export function updateReturn(mall: MallState, orderId: string, claimCode: string, req: z.output<typeof ReturnUpdate>, now: number): Claim {
  const order = getOrder(mall, orderId);
  const claim = claimOf(mall, order, claimCode, 'return');
  if (req.reason !== undefined) claim.reason = req.reason;
  const items = claimItems(order, claim);
  const word = req.status ?? (claim.status as 'accepted' | 'processing' | 'returned');
  if (claim.status === 'returned' && word !== 'returned') throw new ApiError(422, `The return ${claimCode} is already completed.`);
  applyReturn(mall, order, claim, items, word, req.pickup_completed, req.payment_gateway_cancel === 'T', req.recover_inventory === 'T', now);
  return claim;
}

export function requestReturn(mall: MallState, orderId: string, input: z.output<typeof BuyerRequest>, now: number): Claim {
  const order = getOrder(mall, orderId);
  const items = resolve(order, normaliseLines(input.items), canRequestReturnOrExchange, 'return-requested');
  const claim = claimFor(mall, order, items, 'return', now);
  claim.reason = input.reason ?? claim.reason;
  claim.claim_reason_type = input.reason_type ?? claim.claim_reason_type;
  for (const item of items) {
    mark(item, claim, 'R00', input.reason_type, input.reason);
    item.dates.return_request_date = now;
  }
  claim.status = 'requested';
  return claim;
}

// ---- exchange ----

function createExchangeItems(mall: MallState, order: Order, claim: Claim, items: OrderItem[], variantCode: string | undefined): void {
  if (claim.exchange_items.length > 0) return;
  for (const original of items) {
    const code = variantCode ?? original.variant_code;
    const variant = code ? mall.variants.get(code) : undefined;
    if (!variant) throw new ApiError(422, `[Exchange_variant_code] No variant ${code ?? '(none)'} to exchange to. (parameter.exchange_variant_code)`);
    assertOrderable(variant, original.quantity);
    const product = mall.products.get(variant.product_no)!;
    const { code: itemCode, itemNo } = nextItemCode(order);
    const fresh: OrderItem = {
      ...original,
      order_item_code: itemCode,
      item_no: itemNo,
      ...itemIdentity(product, variant),
      option_price: variant.additional_amount,
      order_status: 'N01',
      order_status_before_cs: null,
      shipping_code: null,
      tracking_no: null,
      shipping_company_code: null,
      shipping_company_name: null,
      shipping_company_id: null,
      claim: { ...emptyClaim(), claim_code: claim.claim_code, claim_type: 'E' },
      dates: { ordered_date: original.dates.ordered_date ?? order.order_date },
      stockHeld: holdStock(variant, original.quantity),
      extra: { ...original.extra },
    };
    order.items.push(fresh);
    claim.exchange_items.push(itemCode);
  }
}

function applyExchange(mall: MallState, order: Order, claim: Claim, items: OrderItem[], word: 'accepted' | 'exchanged', variantCode: string | undefined, recoverStock: boolean, paidStatus: OrderStatus, now: number, reasonType?: string, reason?: string): void {
  createExchangeItems(mall, order, claim, items, variantCode ?? (claim.extra.exchange_variant_code as string | undefined));
  for (const item of items) {
    mark(item, claim, word === 'accepted' ? 'E10' : 'E40', reasonType, reason);
    item.dates.exchange_accept_date ??= now;
    if (word === 'exchanged') item.dates.exchange_date = now;
  }
  if (word === 'exchanged') {
    for (const code of claim.exchange_items) {
      const fresh = order.items.find((i) => i.order_item_code === code);
      if (fresh && fresh.order_status === 'N01') fresh.order_status = paidStatus;
    }
  }
  if (recoverStock) recover(mall, items);
  claim.status = word;
}

export function exchangeOrder(mall: MallState, orderId: string, req: z.output<typeof ExchangeCreate>, now: number, paidStatus: OrderStatus): Claim {
  const order = getOrder(mall, orderId);
  const items = resolve(order, req.items, isExchangeable, 'exchanged');
  const claim = claimFor(mall, order, items, 'exchange', now);
  if (req.reason !== undefined) claim.reason = req.reason;
  applyExchange(mall, order, claim, items, req.status, req.exchange_variant_code, req.recover_inventory === 'T', paidStatus, now, req.claim_reason_type, req.reason);
  return claim;
}

export function updateExchange(mall: MallState, orderId: string, claimCode: string, req: z.output<typeof ExchangeUpdate>, now: number, paidStatus: OrderStatus): Claim {
  const order = getOrder(mall, orderId);
  const claim = claimOf(mall, order, claimCode, 'exchange');
  if (claim.status === 'exchanged') throw new ApiError(422, `The exchange ${claimCode} is already completed.`);
  const items = claimItems(order, claim);
  applyExchange(mall, order, claim, items, req.status ?? 'accepted', undefined, req.recover_inventory === 'T', paidStatus, now);
  return claim;
}

export function requestExchange(mall: MallState, orderId: string, input: z.output<typeof BuyerRequest>, now: number): Claim {
  const order = getOrder(mall, orderId);
  if (input.exchange_variant_code && !mall.variants.has(input.exchange_variant_code)) {
    throw new ApiError(422, `No variant ${input.exchange_variant_code} in ${mall.mall_id}.`);
  }
  const items = resolve(order, normaliseLines(input.items), canRequestReturnOrExchange, 'exchange-requested');
  const claim = claimFor(mall, order, items, 'exchange', now);
  claim.reason = input.reason ?? claim.reason;
  claim.claim_reason_type = input.reason_type ?? claim.claim_reason_type;
  if (input.exchange_variant_code) claim.extra.exchange_variant_code = input.exchange_variant_code;
  for (const item of items) {
    mark(item, claim, 'E00', input.reason_type, input.reason);
    item.dates.exchange_request_date = now;
  }
  claim.status = 'requested';
  return claim;
}

/** Accepting an open buyer request through the *requests endpoints. */
export function acceptRequest(mall: MallState, orderId: string, type: 'return' | 'exchange', codes: string[] | undefined, now: number, paidStatus: OrderStatus): Claim {
  const order = getOrder(mall, orderId);
  const requested: OrderStatus = type === 'return' ? 'R00' : 'E00';
  const items = (codes ? order.items.filter((i) => codes.includes(i.order_item_code)) : order.items).filter((i) => i.order_status === requested);
  if (items.length === 0) throw new ApiError(422, `The order ${orderId} has no open ${type} request.`);
  const claim = claimFor(mall, order, items, type, now);
  if (type === 'return') applyReturn(mall, order, claim, items, 'accepted', undefined, false, false, now);
  else applyExchange(mall, order, claim, items, 'accepted', undefined, false, paidStatus, now);
  return claim;
}

// ---- refunds ----

export function completeRefund(mall: MallState, orderId: string, refundCode: string, now: number): Refund {
  const order = getOrder(mall, orderId);
  const r = mall.refunds.get(refundCode);
  if (!r || r.order_id !== orderId) throw new ApiError(404, MSG.notFound('refund', refundCode));
  if (r.refund_status === 'T') throw new ApiError(422, `The refund ${refundCode} is already complete.`);
  r.refund_status = 'T';
  r.refund_date = now;
  for (const code of r.order_item_code) {
    const i = order.items.find((x) => x.order_item_code === code);
    if (!i) continue;
    if (i.order_status === 'C41' || i.order_status === 'C42' || i.order_status === 'C43') i.order_status = 'C40';
    if (i.order_status === 'R41' || i.order_status === 'R42' || i.order_status === 'R43') i.order_status = 'R40';
    i.dates.refund_date = now;
  }
  return r;
}

export function claimByCode(mall: MallState, code: string, type: ClaimType): Claim {
  const c = mall.claims.get(code);
  if (!c || c.type !== type) throw new ApiError(404, MSG.notFound(type, code));
  return c;
}

/**
 * What happens outside the API, to drive scenarios: a buyer orders, pays, cancels, asks for a
 * return or an exchange; the carrier picks up and delivers; the buyer decides the purchase; the
 * warehouse sets stock; time passes; faults. Each changes the store as Naver would, and the
 * change feed lists what changed.
 */
import { revokeTokens, currentToken } from './auth';
import type { FaultInput } from './faults';
import { ControlError, kst, type NaverCore, type ProductOrderRecord, type StoreState } from './model';
import { answerInSellerCenter, askInquiry, askQuestion, deleteInquiry, inquiriesState, type AskInquiryInput, type AskQuestionInput } from './inquiries';
import { setClaim } from './orders';
import type { OriginProductT } from './seed-schema';

export interface PlaceOrderInput {
  items: Array<{ originProductNo: number; optionId?: number; quantity?: number }>;
  buyer?: { name?: string; tel?: string };
  address?: { name?: string; tel1?: string; baseAddress?: string; detailAddress?: string; zipCode?: string };
  shippingMemo?: string;
  /** Card (paid at once, the default) or a bank transfer waiting for the deposit. */
  paymentMeans?: '신용카드' | '무통장입금' | '네이버페이 포인트';
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export class Controls {
  constructor(private readonly core: NaverCore) {}

  private record(clientId: string, productOrderId: string): ProductOrderRecord {
    const r = this.core.store(clientId).orders.get(productOrderId);
    if (!r) throw new ControlError(`no product order ${productOrderId} in ${clientId}`);
    return r;
  }

  /** A buyer's order: one product order per item; card orders arrive paid (PAYED), transfers wait (PAYMENT_WAITING). */
  placeOrder(clientId: string, input: PlaceOrderInput): { orderId: string; productOrderIds: string[] } {
    const store = this.core.store(clientId);
    if (!Array.isArray(input?.items) || input.items.length === 0) throw new ControlError('placeOrder: items must name at least one product');
    const now = this.core.now();
    const day = kst(now).slice(0, 10).replace(/-/g, '');
    let orderId = `${day}${pad(this.core.nextOrder(), 8)}`;
    while ([...store.orders.values()].some((r) => r.detail.order.orderId === orderId)) orderId = `${day}${pad(this.core.nextOrder(), 8)}`;
    const paid = (input.paymentMeans ?? '신용카드') !== '무통장입금';
    const ids: string[] = [];
    input.items.forEach((item, i) => {
      const p = store.products.get(item.originProductNo);
      if (!p) throw new ControlError(`placeOrder: no product ${item.originProductNo}`);
      const quantity = item.quantity ?? 1;
      const option = item.optionId === undefined ? null : (p.originProduct.detailAttribute.optionInfo?.optionCombinations ?? []).find((c) => c.id === item.optionId);
      if (item.optionId !== undefined && !option) throw new ControlError(`placeOrder: product ${item.originProductNo} has no option ${item.optionId}`);
      takeStock(p, option?.id ?? null, quantity);
      const productOrderId = `${orderId.slice(0, 8)}${pad(Number(orderId.slice(8)) * 10 + i + 1, 8)}`;
      const unitPrice = p.originProduct.salePrice;
      const optionPrice = option?.price ?? 0;
      const rec: ProductOrderRecord = {
        detail: {
          order: { orderId, orderDate: kst(now), ordererName: input.buyer?.name ?? '김네이버', ordererTel: input.buyer?.tel ?? '010-0000-0000', paymentDate: paid ? kst(now) : null, paymentMeans: input.paymentMeans ?? '신용카드' },
          productOrder: {
            productOrderId,
            productOrderStatus: paid ? 'PAYED' : 'PAYMENT_WAITING',
            claimType: null,
            claimStatus: null,
            placeOrderStatus: 'NOT_YET',
            placeOrderDate: null,
            productId: String(p.channelProductNo),
            originalProductId: String(p.originProductNo),
            productName: p.originProduct.name,
            productOption: option ? [option.optionName1, option.optionName2].filter(Boolean).join(' / ') : null,
            optionCode: option ? String(option.id) : null,
            quantity,
            unitPrice,
            optionPrice,
            totalPaymentAmount: (unitPrice + optionPrice) * quantity,
            shippingAddress: {
              name: input.address?.name ?? input.buyer?.name ?? '김네이버',
              tel1: input.address?.tel1 ?? input.buyer?.tel ?? '010-0000-0000',
              baseAddress: input.address?.baseAddress ?? '서울특별시 중구 세종대로 110',
              detailAddress: input.address?.detailAddress ?? '',
              zipCode: input.address?.zipCode ?? '04524',
            },
            shippingMemo: input.shippingMemo ?? '',
            sellerProductCode: p.originProduct.detailAttribute.sellerCodeInfo?.sellerManagementCode ?? null,
            optionManageCode: option?.sellerManagerCode ?? null,
          },
          delivery: null,
        },
        lastChangedAt: now,
        lastChangedType: paid ? 'PAYED' : 'PAY_WAITING',
      };
      store.orders.set(productOrderId, rec);
      ids.push(productOrderId);
    });
    return { orderId, productOrderIds: ids };
  }

  private ordersOf(clientId: string, orderId: string): ProductOrderRecord[] {
    const list = [...this.core.store(clientId).orders.values()].filter((r) => r.detail.order.orderId === orderId);
    if (list.length === 0) throw new ControlError(`no order ${orderId} in ${clientId}`);
    return list;
  }

  /** The deposit arrives: every product order of the order becomes PAYED. */
  pay(clientId: string, orderId: string): { productOrderIds: string[] } {
    const list = this.ordersOf(clientId, orderId);
    for (const r of list) {
      if (r.detail.productOrder.productOrderStatus !== 'PAYMENT_WAITING') throw new ControlError(`pay: ${r.detail.productOrder.productOrderId} is ${r.detail.productOrder.productOrderStatus}`);
      r.detail.productOrder.productOrderStatus = 'PAYED';
      r.detail.order.paymentDate = kst(this.core.now());
      this.core.touch(r, 'PAYED');
    }
    return { productOrderIds: list.map((r) => r.detail.productOrder.productOrderId) };
  }

  /** The deposit never came. */
  expireUnpaid(clientId: string, orderId: string): { productOrderIds: string[] } {
    const list = this.ordersOf(clientId, orderId);
    for (const r of list) {
      if (r.detail.productOrder.productOrderStatus !== 'PAYMENT_WAITING') throw new ControlError(`expireUnpaid: ${r.detail.productOrder.productOrderId} is paid`);
      r.detail.productOrder.productOrderStatus = 'CANCELED_BY_NOPAYMENT';
      this.core.touch(r, 'CLAIM_COMPLETED');
    }
    return { productOrderIds: list.map((r) => r.detail.productOrder.productOrderId) };
  }

  /** The buyer cancels: before 발주확인 at once (option `buyerCancelBeforeConfirm`), after it as a request; not once dispatched. */
  requestCancel(clientId: string, productOrderId: string, reason = '단순 변심'): Record<string, unknown> {
    const r = this.record(clientId, productOrderId);
    const po = r.detail.productOrder;
    if (po.productOrderStatus !== 'PAYED') throw new ControlError(`requestCancel: ${productOrderId} is ${po.productOrderStatus} (after dispatch the buyer asks for a return)`);
    if (po.claimStatus !== null && !/_REJECT$/.test(po.claimStatus)) throw new ControlError(`requestCancel: ${productOrderId} already has ${po.claimStatus}`);
    if (po.placeOrderStatus === 'NOT_YET' && this.core.options.buyerCancelBeforeConfirm === 'immediate') {
      po.productOrderStatus = 'CANCELED';
      setClaim(this.core, r, 'CANCEL', 'CANCEL_DONE', 'CLAIM_COMPLETED', { cancelReason: reason, requestChannel: '구매자', cancelCompletedDate: kst(this.core.now()) });
      restock(this.core.store(clientId), r);
    } else {
      setClaim(this.core, r, 'CANCEL', 'CANCEL_REQUEST', 'CLAIM_REQUESTED', { cancelReason: reason, requestChannel: '구매자' });
    }
    return { productOrderId, productOrderStatus: po.productOrderStatus, claimStatus: po.claimStatus };
  }

  requestReturn(clientId: string, productOrderId: string, reason = '단순 변심'): Record<string, unknown> {
    return this.goodsBack(clientId, productOrderId, 'RETURN', { returnReason: reason });
  }

  requestExchange(clientId: string, productOrderId: string, reason = '사이즈 교환'): Record<string, unknown> {
    return this.goodsBack(clientId, productOrderId, 'EXCHANGE', { exchangeReason: reason });
  }

  private goodsBack(clientId: string, productOrderId: string, type: 'RETURN' | 'EXCHANGE', sub: Record<string, unknown>): Record<string, unknown> {
    const r = this.record(clientId, productOrderId);
    const po = r.detail.productOrder;
    if (po.productOrderStatus !== 'DELIVERING' && po.productOrderStatus !== 'DELIVERED') throw new ControlError(`request${type === 'RETURN' ? 'Return' : 'Exchange'}: ${productOrderId} is ${po.productOrderStatus}`);
    if (po.claimStatus !== null && !/_(REJECT|DONE)$/.test(po.claimStatus)) throw new ControlError(`${productOrderId} already has ${po.claimStatus}`);
    setClaim(this.core, r, type, `${type}_REQUEST`, 'CLAIM_REQUESTED', { ...sub, requestChannel: '구매자', collectStatus: 'NOT_REQUESTED', holdbackStatus: null });
    return { productOrderId, claimType: type, claimStatus: po.claimStatus };
  }

  /** The carrier picks the goods of a return or exchange up (`done`: and brings them to the seller). */
  collect(clientId: string, productOrderId: string, done = true): Record<string, unknown> {
    const r = this.record(clientId, productOrderId);
    const po = r.detail.productOrder;
    if ((po.claimType !== 'RETURN' && po.claimType !== 'EXCHANGE') || !['RETURN_REQUEST', 'EXCHANGE_REQUEST', 'COLLECTING'].includes(po.claimStatus ?? '')) throw new ControlError(`collect: ${productOrderId} has no return or exchange waiting for pickup`);
    if (done) setClaim(this.core, r, po.claimType, 'COLLECT_DONE', 'COLLECT_DONE', { collectStatus: 'DELIVERED', collectCompletedDate: kst(this.core.now()) });
    else setClaim(this.core, r, po.claimType, 'COLLECTING', null, { collectStatus: 'DELIVERING' });
    return { productOrderId, claimStatus: po.claimStatus };
  }

  /** The parcel arrives (DELIVERED); the buyer may then decide the purchase. */
  markDelivered(clientId: string, productOrderId: string): Record<string, unknown> {
    const r = this.record(clientId, productOrderId);
    const po = r.detail.productOrder;
    if (po.productOrderStatus !== 'DELIVERING') throw new ControlError(`markDelivered: ${productOrderId} is ${po.productOrderStatus}`);
    po.productOrderStatus = 'DELIVERED';
    const d = r.detail.delivery as Record<string, unknown>;
    r.detail.delivery = { ...d, deliveryStatus: 'DELIVERY_COMPLETION', pickupDate: d.pickupDate ?? d.sendDate, deliveredDate: kst(this.core.now()) };
    // No lastChangedType names delivery: the feed does not list it (the status is read on the next query).
    return { productOrderId, productOrderStatus: po.productOrderStatus };
  }

  purchaseDecide(clientId: string, productOrderId: string): Record<string, unknown> {
    const r = this.record(clientId, productOrderId);
    const po = r.detail.productOrder;
    if (po.productOrderStatus !== 'DELIVERED') throw new ControlError(`purchaseDecide: ${productOrderId} is ${po.productOrderStatus}`);
    po.productOrderStatus = 'PURCHASE_DECIDED';
    this.core.touch(r, 'PURCHASE_DECIDED');
    return { productOrderId, productOrderStatus: po.productOrderStatus };
  }

  /** The seller changes stock in the seller centre (not through the API). */
  setStock(clientId: string, originProductNo: number, quantity: number, optionId?: number): Record<string, unknown> {
    const p = this.core.store(clientId).products.get(originProductNo);
    if (!p) throw new ControlError(`setStock: no product ${originProductNo}`);
    if (optionId === undefined) p.originProduct.stockQuantity = quantity;
    else {
      const c = (p.originProduct.detailAttribute.optionInfo?.optionCombinations ?? []).find((x) => x.id === optionId);
      if (!c) throw new ControlError(`setStock: product ${originProductNo} has no option ${optionId}`);
      c.stockQuantity = quantity;
      p.originProduct.stockQuantity = (p.originProduct.detailAttribute.optionInfo?.optionCombinations ?? []).reduce((n, x) => n + x.stockQuantity, 0);
    }
    return { originProductNo, stockQuantity: p.originProduct.stockQuantity };
  }

  /** A buyer asks about a product (상품 문의). */
  askProductQuestion(clientId: string, input: AskQuestionInput): { questionId: number } {
    return askQuestion(this.core, this.core.store(clientId), input);
  }

  /** A buyer sends a customer inquiry (고객 문의), about an order when it names a product order. */
  askInquiry(clientId: string, input: AskInquiryInput): { inquiryNo: number } {
    return askInquiry(this.core, this.core.store(clientId), input);
  }

  /** Staff answer in the seller centre: `{questionId | inquiryNo, text}`. */
  answerInSellerCenter(clientId: string, input: { questionId?: number; inquiryNo?: number; text: string }): Record<string, unknown> {
    return answerInSellerCenter(this.core, this.core.store(clientId), input);
  }

  /** The buyer deletes an inquiry or question: `{inquiryNo | questionId}`. */
  deleteInquiry(clientId: string, input: { questionId?: number; inquiryNo?: number }): Record<string, unknown> {
    return deleteInquiry(this.core.store(clientId), input);
  }

  /** A token without the signature dance (tests). */
  issueToken(clientId: string): { access_token: string; expires_in: number } {
    const t = currentToken(this.core, this.core.store(clientId));
    return { access_token: t.token, expires_in: Math.floor((t.expiresAt - this.core.now()) / 1000) };
  }

  revokeTokens(clientId: string): { revoked: number } {
    return { revoked: revokeTokens(this.core.store(clientId)) };
  }

  advanceTime(ms: number): { now: string } {
    if (!Number.isFinite(ms) || ms < 0) throw new ControlError('advanceTime: ms must be a non-negative number');
    this.core.advance(ms);
    return { now: kst(this.core.now()) };
  }

  injectFault(fault: FaultInput): { id: string } {
    try {
      return this.core.faults.add(fault);
    } catch (e) {
      throw new ControlError(`injectFault: ${(e as Error).message}`);
    }
  }

  clearFaults(): { cleared: number } {
    return this.core.faults.clear();
  }

  /** Every store as JSON (tests, the sandbox's outputs): products, product orders with their last change. */
  state(): Record<string, unknown> {
    return Object.fromEntries(
      [...this.core.stores.values()].map((s: StoreState) => [
        s.clientId,
        {
          accountId: s.accountId,
          storeName: s.storeName,
          products: [...s.products.values()],
          productOrders: [...s.orders.values()].map((r) => ({ ...r.detail, lastChangedDate: kst(r.lastChangedAt), lastChangedType: r.lastChangedType })),
          ...inquiriesState(s),
        },
      ]),
    );
  }
}

function takeStock(p: OriginProductT, optionId: number | null, quantity: number): void {
  const option = optionId === null ? null : (p.originProduct.detailAttribute.optionInfo?.optionCombinations ?? []).find((c) => c.id === optionId)!;
  const have = option ? option.stockQuantity : p.originProduct.stockQuantity;
  if (p.originProduct.statusType !== 'SALE' || have < quantity) throw new ControlError(`placeOrder: ${p.originProduct.name} is sold out (${have} left)`);
  if (option) option.stockQuantity -= quantity;
  p.originProduct.stockQuantity -= quantity;
  if (p.originProduct.stockQuantity === 0) p.originProduct.statusType = 'OUTOFSTOCK';
}

/** A cancel before shipping gives the units back to the product. */
function restock(store: StoreState, r: ProductOrderRecord): void {
  const po = r.detail.productOrder;
  const p = store.products.get(Number(po.originalProductId));
  if (!p) return;
  const option = po.optionCode === null ? undefined : (p.originProduct.detailAttribute.optionInfo?.optionCombinations ?? []).find((c) => String(c.id) === po.optionCode);
  if (option) option.stockQuantity += po.quantity;
  p.originProduct.stockQuantity += po.quantity;
  if (p.originProduct.statusType === 'OUTOFSTOCK') p.originProduct.statusType = 'SALE';
}

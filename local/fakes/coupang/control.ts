/**
 * Control operations: what buyers, carriers and Coupang itself do, driven by tests and the
 * sandbox (never through the Open API): a buyer orders and pays, cancels (at once while ACCEPT,
 * as a stop-shipment request once acknowledged), asks for a return or an exchange; a carrier
 * picks up and delivers; stock changes in Wing; time moves; faults are injected.
 */
import { z } from 'zod';
import type { Box, Ids, Order, Vendor } from './model';
import { kst, vendorItem } from './model';

export class ControlError extends Error {}

export const OrderInput = z.strictObject({
  items: z.array(z.strictObject({ vendorItemId: z.number().int().positive(), count: z.number().int().positive().default(1) })).min(1),
  orderer: z.strictObject({ name: z.string(), email: z.string().optional(), safeNumber: z.string().optional() }).default({ name: '구매자' }),
  receiver: z.strictObject({ name: z.string(), safeNumber: z.string().optional(), addr1: z.string().optional(), addr2: z.string().optional(), postCode: z.string().optional() }).optional(),
  /** Paid at once (card) unless false (a virtual account awaiting deposit: invisible to the API). */
  paid: z.boolean().default(true),
  shippingPrice: z.number().int().nonnegative().default(0),
  parcelPrintMessage: z.string().default(''),
});
export type OrderInputT = z.input<typeof OrderInput>;

export const ClaimInput = z.strictObject({
  vendorItemIds: z.array(z.number().int().positive()).optional(),
  reason: z.string().default('단순변심'),
});
export type ClaimInputT = z.input<typeof ClaimInput>;

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new ControlError(r.error.issues.map((i) => `${i.path.join('.') || '$'}: ${i.message}`).join('; '));
  return r.data;
}

export class Controls {
  constructor(
    private readonly vendors: Map<string, Vendor>,
    private readonly ids: Ids,
    private readonly now: () => number,
  ) {}

  vendor(id: string): Vendor {
    const v = this.vendors.get(id);
    if (!v) throw new ControlError(`unknown vendor ${id}`);
    return v;
  }

  private order(v: Vendor, orderId: number): Order {
    const o = v.orders.get(Number(orderId));
    if (!o) throw new ControlError(`unknown order ${orderId} of ${v.vendorId}`);
    return o;
  }

  private boxes(v: Vendor, orderId: number): Box[] {
    return [...v.boxes.values()].filter((b) => b.orderId === Number(orderId));
  }

  /** A buyer orders: one box of the items, stock taken at once. */
  addOrder(vendorId: string, input: OrderInputT): { orderId: number; shipmentBoxId: number } {
    const v = this.vendor(vendorId);
    const o = parse(OrderInput, input);
    const now = this.now();
    for (const i of o.items) {
      const found = vendorItem(v, i.vendorItemId);
      if (!found) throw new ControlError(`unknown vendorItemId ${i.vendorItemId}`);
      if (found.item.quantity < i.count) throw new ControlError(`vendorItemId ${i.vendorItemId}: only ${found.item.quantity} in stock`);
    }
    const orderId = this.ids.order++;
    const shipmentBoxId = this.ids.box++;
    v.orders.set(orderId, {
      orderId,
      orderedAt: now,
      paidAt: o.paid ? now : null,
      orderer: o.orderer,
      receiver: o.receiver ?? { name: o.orderer.name, safeNumber: '0503-**-0000', addr1: '서울특별시 중구 세종대로 110', addr2: '1층', postCode: '04524' },
      shippingPrice: o.shippingPrice,
      parcelPrintMessage: o.parcelPrintMessage,
    });
    v.boxes.set(shipmentBoxId, {
      shipmentBoxId,
      orderId,
      status: 'ACCEPT',
      splitShipping: false,
      deliveryCompanyCode: null,
      invoiceNumber: null,
      extra: {},
      items: o.items.map((i) => {
        const { product, item } = vendorItem(v, i.vendorItemId)!;
        item.quantity -= i.count;
        return {
          vendorItemId: item.vendorItemId,
          vendorItemName: `${product.sellerProductName}, ${item.itemName}`,
          productId: product.productId,
          sellerProductId: product.sellerProductId,
          sellerProductName: product.sellerProductName,
          sellerProductItemName: item.itemName,
          externalVendorSkuCode: item.externalVendorSku,
          salesPrice: item.salePrice,
          count: i.count,
          cancelCount: 0,
          holdCountForCancel: 0,
          estimatedShippingDate: kst(now + 2 * 86_400_000).slice(0, 10),
          plannedShippingDate: '',
          invoiceNumberUploadDate: '',
        };
      }),
    });
    return { orderId, shipmentBoxId };
  }

  /** The deposit of an order placed unpaid arrives: its ordersheet appears (ACCEPT). */
  payOrder(vendorId: string, orderId: number): { orderId: number; paidAt: string } {
    const o = this.order(this.vendor(vendorId), orderId);
    if (o.paidAt !== null) throw new ControlError(`order ${orderId} is already paid`);
    o.paidAt = this.now();
    return { orderId: o.orderId, paidAt: kst(o.paidAt) };
  }

  /** While ACCEPT the buyer may change the address (B2: re-read after acknowledging). */
  changeAddress(vendorId: string, orderId: number, receiver: { addr1: string; addr2?: string; postCode?: string }): { orderId: number } {
    const v = this.vendor(vendorId);
    const o = this.order(v, orderId);
    if (this.boxes(v, orderId).some((b) => b.status !== 'ACCEPT')) throw new ControlError('the address can change only while the order is ACCEPT');
    o.receiver = { ...o.receiver, ...receiver };
    return { orderId: o.orderId };
  }

  private pick(v: Vendor, orderId: number, ids: number[] | undefined) {
    const picked = this.boxes(v, orderId).flatMap((box) => box.items.filter((i) => !ids || ids.includes(i.vendorItemId)).map((item) => ({ box, item })));
    if (picked.length === 0) throw new ControlError(`order ${orderId} has no such items`);
    return picked;
  }

  /**
   * A buyer cancels: while ACCEPT (before 발주확인) the cancel is done at once; once acknowledged
   * it is a stop-shipment request (출고중지요청, RU) the seller must answer; after shipping it is refused.
   */
  requestCancel(vendorId: string, orderId: number, input: ClaimInputT = {}): { receiptId: number; receiptStatus: string } {
    const v = this.vendor(vendorId);
    this.order(v, orderId);
    const c = parse(ClaimInput, input);
    const picked = this.pick(v, orderId, c.vendorItemIds).filter(({ item }) => item.cancelCount < item.count);
    if (picked.length === 0) throw new ControlError(`order ${orderId}: nothing left to cancel`);
    if (picked.some(({ box }) => box.status !== 'ACCEPT' && box.status !== 'INSTRUCT')) throw new ControlError(`order ${orderId} has shipped: ask for a return instead`);
    const now = this.now();
    const immediate = picked.every(({ box }) => box.status === 'ACCEPT');
    for (const { item } of picked) {
      const left = item.count - item.cancelCount;
      if (immediate) item.cancelCount += left;
      else item.holdCountForCancel = left;
    }
    const receiptId = this.ids.receipt++;
    v.receipts.set(receiptId, {
      receiptId,
      orderId: Number(orderId),
      receiptType: 'CANCEL',
      receiptStatus: immediate ? 'RETURNS_COMPLETED' : 'RELEASE_STOP_UNCHECKED',
      createdAt: now,
      modifiedAt: now,
      cancelReasonCategory1: '고객변심',
      cancelReasonCategory2: c.reason,
      faultByType: 'CUSTOMER',
      items: picked.map(({ box, item }) => ({ vendorItemId: item.vendorItemId, vendorItemName: item.vendorItemName, shipmentBoxId: box.shipmentBoxId, purchaseCount: item.count, cancelCount: immediate ? item.cancelCount : item.holdCountForCancel })),
      returnDelivery: null,
    });
    return { receiptId, receiptStatus: v.receipts.get(receiptId)!.receiptStatus };
  }

  /** A buyer asks to return shipped items (반품접수, UC). */
  requestReturn(vendorId: string, orderId: number, input: ClaimInputT = {}): { receiptId: number } {
    const v = this.vendor(vendorId);
    this.order(v, orderId);
    const c = parse(ClaimInput, input);
    const picked = this.pick(v, orderId, c.vendorItemIds);
    if (picked.some(({ box }) => box.status === 'ACCEPT' || box.status === 'INSTRUCT')) throw new ControlError(`order ${orderId} has not shipped: cancel it instead`);
    const now = this.now();
    const receiptId = this.ids.receipt++;
    v.receipts.set(receiptId, {
      receiptId,
      orderId: Number(orderId),
      receiptType: 'RETURN',
      receiptStatus: 'RETURNS_UNCHECKED',
      createdAt: now,
      modifiedAt: now,
      cancelReasonCategory1: '고객변심',
      cancelReasonCategory2: c.reason,
      faultByType: 'CUSTOMER',
      items: picked.map(({ box, item }) => ({ vendorItemId: item.vendorItemId, vendorItemName: item.vendorItemName, shipmentBoxId: box.shipmentBoxId, purchaseCount: item.count, cancelCount: item.count - item.cancelCount })),
      returnDelivery: { deliveryCompanyCode: 'CJGLS', deliveryInvoiceNo: String(600_000_000_000 + receiptId).slice(0, 12) },
    });
    return { receiptId };
  }

  /** A buyer asks to exchange delivered items (RECEIPT). */
  requestExchange(vendorId: string, orderId: number, input: ClaimInputT = {}): { exchangeId: number } {
    const v = this.vendor(vendorId);
    this.order(v, orderId);
    const c = parse(ClaimInput, input);
    const picked = this.pick(v, orderId, c.vendorItemIds);
    if (picked.some(({ box }) => box.status !== 'FINAL_DELIVERY' && box.status !== 'DELIVERING')) throw new ControlError(`order ${orderId} is not delivered yet`);
    const now = this.now();
    const exchangeId = this.ids.exchange++;
    v.exchanges.set(exchangeId, {
      exchangeId,
      orderId: Number(orderId),
      exchangeStatus: 'RECEIPT',
      createdAt: now,
      modifiedAt: now,
      reasonCode: 'CHANGEOPTION',
      reason: c.reason,
      rejectCode: null,
      items: picked.map(({ box, item }) => ({ vendorItemId: item.vendorItemId, vendorItemName: item.vendorItemName, shipmentBoxId: box.shipmentBoxId, quantity: item.count - item.cancelCount })),
    });
    return { exchangeId };
  }

  /** The carrier moves shipped boxes on: DEPARTURE → DELIVERING → FINAL_DELIVERY. */
  advanceDelivery(vendorId: string, orderId: number, to: 'DELIVERING' | 'FINAL_DELIVERY' = 'FINAL_DELIVERY'): { moved: number[] } {
    const v = this.vendor(vendorId);
    const moved: number[] = [];
    for (const b of this.boxes(v, orderId)) {
      if (b.status === 'DEPARTURE' || (b.status === 'DELIVERING' && to === 'FINAL_DELIVERY')) {
        b.status = to;
        moved.push(b.shipmentBoxId);
      }
    }
    return { moved };
  }

  /** Coupang finishes a return its own way (fast refund after pickup). */
  completeReturn(vendorId: string, receiptId: number): { receiptId: number } {
    const r = this.vendor(vendorId).receipts.get(Number(receiptId));
    if (!r) throw new ControlError(`unknown receipt ${receiptId}`);
    r.receiptStatus = 'RETURNS_COMPLETED';
    r.modifiedAt = this.now();
    return { receiptId: r.receiptId };
  }

  /** Stock changed in Wing by hand. */
  setStock(vendorId: string, vendorItemId: number, quantity: number): { vendorItemId: number; quantity: number } {
    const found = vendorItem(this.vendor(vendorId), Number(vendorItemId));
    if (!found) throw new ControlError(`unknown vendorItemId ${vendorItemId}`);
    if (!Number.isInteger(quantity) || quantity < 0) throw new ControlError('quantity must be a whole number of 0 or more');
    found.item.quantity = quantity;
    return { vendorItemId: found.item.vendorItemId, quantity };
  }
}

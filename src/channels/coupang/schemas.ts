/**
 * Coupang's answers as zod schemas (loose: unknown fields pass). `code` is a number in some APIs
 * and a string in others (B8), so it is never relied on; a 2xx whose body does not fit is a
 * ChannelError of kind `response`.
 */
import * as z from '../../core/zod';
import { builtOnUse, builtOnUseSharing, map, type Schema } from '../../core/zod-helpers';
import { inShapeOrder, isEmptyList, isNullishString, isRecord } from '../../core/recognize';
import type { HttpResponse } from '../../core/http';
import { channelError } from './errors';

/**
 * Every schema below is built on first use (a quiet minute parses nothing); the small ones they
 * share are handed to them as plain schemas: a missing or null string reads '', a number 0.
 */
const lazily = builtOnUseSharing(() => ({ str: map(z.nullish(z.string()), (v) => v ?? ''), num: map(z.nullish(z.number()), (v) => v ?? 0) }));

export const OrderItem = lazily(({ str, num }) => z.looseObject({
  vendorItemId: z.number(),
  vendorItemName: str,
  sellerProductId: num,
  sellerProductName: str,
  sellerProductItemName: str,
  shippingCount: z.number(),
  salesPrice: z.union([z.number(), map(z.looseObject({ units: z.number() }), (v) => v.units)]),
  externalVendorSkuCode: str,
  cancelCount: num,
  holdCountForCancel: num,
  estimatedShippingDate: str,
  plannedShippingDate: str,
  invoiceNumberUploadDate: str,
  canceled: z.nullish(z.boolean()),
}));
export type OrderItemT = z.output<typeof OrderItem>;

const Party = lazily(({ str }) => z.looseObject({ name: str, safeNumber: str, email: z.optional(str), addr1: z.optional(str), addr2: z.optional(str), postCode: z.optional(str) }));

export const Ordersheet = lazily(({ str }) => z.looseObject({
  shipmentBoxId: z.number(),
  orderId: z.number(),
  orderedAt: z.string(),
  paidAt: z.nullish(z.string()),
  status: z.string(),
  orderer: Party,
  receiver: Party,
  parcelPrintMessage: str,
  splitShipping: z.nullish(z.boolean()),
  orderItems: z.array(OrderItem),
  deliveryCompanyName: str,
  invoiceNumber: str,
}));
export type OrdersheetT = z.output<typeof Ordersheet>;

/** A page without ordersheets (a quiet minute's answer), read by hand (zod-helpers.ts `Recognizer`). */
const noOrdersheets = (v: unknown) => (isRecord(v) && isEmptyList(v['data']) && isNullishString(v['nextToken']) ? inShapeOrder<{ data: []; nextToken?: string | null }>(v, ['data', 'nextToken']) : undefined);
export const OrdersheetList = builtOnUse(() => z.looseObject({ data: z.array(Ordersheet), nextToken: z.nullish(z.string()) }), noOrdersheets);
export const OrdersheetsOfOrder = builtOnUse(() => z.looseObject({ data: z.array(Ordersheet) }));

export const BoxResult = lazily(({ str }) => z.looseObject({ shipmentBoxId: z.number(), succeed: z.boolean(), resultCode: z.string(), retryRequired: z.nullish(z.boolean()), resultMessage: str }));
export type BoxResultT = z.output<typeof BoxResult>;
export const BoxResults = builtOnUse(() => z.looseObject({ data: z.looseObject({ responseCode: z.number(), responseList: map(z.nullish(z.array(BoxResult)), (v) => v ?? []) }) }));

export const Receipt = lazily(({ str, num }) => z.looseObject({
  receiptId: z.number(),
  orderId: z.number(),
  receiptType: z.string(),
  receiptStatus: z.string(),
  createdAt: z.string(),
  cancelReasonCategory2: str,
  returnItems: z.array(z.looseObject({ vendorItemId: z.number(), cancelCount: num, shipmentBoxId: num })),
}));
export type ReceiptT = z.output<typeof Receipt>;
export const ReceiptList = builtOnUse(() => z.looseObject({ data: z.array(Receipt), nextToken: z.nullish(z.string()) }));

export const Exchange = lazily(({ str, num }) => z.looseObject({
  exchangeId: z.number(),
  orderId: z.number(),
  exchangeStatus: z.string(),
  createdAt: z.string(),
  reasonCodeText: str,
  exchangeItemDtoV1s: z.array(z.looseObject({ orderItemId: z.number(), targetItemId: num, quantity: num })),
}));
export type ExchangeT = z.output<typeof Exchange>;
export const ExchangeList = builtOnUse(() => z.looseObject({ data: z.array(Exchange), nextToken: z.nullish(z.string()) }));

/** `{code, message, data: {resultCode: SUCCESS|FAIL, resultMessage}}`, or just `{code, message}`. */
export const ActionResult = lazily(({ str }) => z.looseObject({ message: str, data: z.nullish(z.looseObject({ resultCode: str, resultMessage: str })) }));

export const ProductList = builtOnUse(() => z.looseObject({ nextToken: z.nullish(z.string()), data: z.array(z.looseObject({ sellerProductId: z.number() })) }));
export const ProductOne = lazily(({ str }) => z.looseObject({ data: z.looseObject({ sellerProductId: z.number(), items: z.array(z.looseObject({ vendorItemId: z.nullish(z.number()), externalVendorSku: str })) }) }));
export const QuantitySet = builtOnUse(() => z.looseObject({ code: z.union([z.string(), z.number()]) }));

export function parse<S extends Schema>(call: string, vendorId: string, schema: S, r: HttpResponse): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(r.body);
  } catch {
    throw channelError(call, vendorId, 'response', '쿠팡 응답을 해석하지 못했습니다: JSON이 아닙니다', 'body is not JSON', { retryable: true, status: r.status });
  }
  const out = schema.safeParse(json);
  if (!out.success) {
    const first = out.error.issues[0];
    const where = first ? `${first.path.join('.')}: ${first.message}` : 'unexpected shape';
    throw channelError(call, vendorId, 'response', `쿠팡 응답을 해석하지 못했습니다: ${where}`, `unexpected body (${where})`, { status: r.status });
  }
  return out.data;
}

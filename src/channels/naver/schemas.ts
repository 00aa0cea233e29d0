/**
 * The answers the add-on reads, as zod schemas (loose: unknown fields pass). A field that does
 * not fit names the store, the call and the path. Dates are ISO-8601 with milliseconds and the
 * +09:00 offset (reference A1).
 */
import { z } from 'zod';
import type { HttpResponse } from '../../core/http';
import { errorFromResponse, unreadable } from './errors';

export const TokenAnswer = z.looseObject({ access_token: z.string().min(1), expires_in: z.number().int().positive(), token_type: z.string().optional() });

const envelope = <T extends z.ZodType>(data: T) => z.looseObject({ timestamp: z.string().optional(), traceId: z.string().optional(), data });

export const ChangedStatus = z.looseObject({
  orderId: z.string(),
  productOrderId: z.string(),
  lastChangedType: z.string().nullish(),
  lastChangedDate: z.string(),
  productOrderStatus: z.string().nullish(),
  claimType: z.string().nullish(),
  claimStatus: z.string().nullish(),
});
export const LastChanged = envelope(
  z.looseObject({
    count: z.number().int().optional(),
    lastChangeStatuses: z.array(ChangedStatus).default([]),
    more: z.looseObject({ moreFrom: z.string(), moreSequence: z.string() }).nullish(),
  }),
);

const text = z.string().nullish();
const claimSub = z.looseObject({ claimId: text, claimStatus: text, claimRequestDate: text, cancelReason: text, returnReason: text, exchangeReason: text, cancelDetailedReason: text, returnDetailedReason: text, exchangeDetailedReason: text }).nullish();

export const ProductOrderDetail = z.looseObject({
  order: z.looseObject({ orderId: z.string(), orderDate: z.string(), ordererName: text, paymentDate: text }),
  productOrder: z.looseObject({
    productOrderId: z.string(),
    productOrderStatus: z.string(),
    claimType: text,
    claimStatus: text,
    placeOrderStatus: text,
    productId: text,
    originalProductId: text,
    productName: text,
    productOption: text,
    optionCode: text,
    quantity: z.number().int().positive(),
    unitPrice: z.number().int(),
    optionPrice: z.number().int().nullish(),
    shippingAddress: z.looseObject({ name: text, tel1: text, tel2: text, baseAddress: text, detailAddress: text, zipCode: text }).nullish(),
    shippingMemo: text,
    sellerProductCode: text,
    optionManageCode: text,
  }),
  delivery: z.looseObject({ deliveryCompany: text, trackingNumber: text, deliveryMethod: text, sendDate: text }).nullish(),
  cancel: claimSub,
  return: claimSub,
  exchange: claimSub,
});
export type ProductOrderDetailT = z.output<typeof ProductOrderDetail>;
export const QueryAnswer = envelope(z.array(ProductOrderDetail));

const failInfo = z.looseObject({ productOrderId: z.string(), code: z.union([z.string(), z.number()]).nullish(), message: text });
export const ConfirmAnswer = envelope(
  z.looseObject({
    successProductOrderInfos: z.array(z.looseObject({ productOrderId: z.string() })).default([]),
    failProductOrderInfos: z.array(failInfo).default([]),
  }),
);
/** The common claim-processing answer (N-CLAIMRESP): dispatch and the claim calls. */
export const ProcessAnswer = envelope(
  z.looseObject({
    successProductOrderIds: z.array(z.string()).default([]),
    failProductOrderInfos: z.array(failInfo).default([]),
  }),
);

export const SearchAnswer = z.looseObject({
  contents: z.array(z.looseObject({ originProductNo: z.number().int(), channelProducts: z.array(z.looseObject({ channelProductNo: z.number().int().nullish(), sellerManagementCode: text, statusType: text })).default([]) })).default([]),
  page: z.number().int().optional(),
  totalPages: z.number().int().optional(),
  last: z.boolean().optional(),
});

export const OriginProductAnswer = z.looseObject({
  originProduct: z.looseObject({
    statusType: text,
    detailAttribute: z
      .looseObject({
        sellerCodeInfo: z.looseObject({ sellerManagementCode: text }).nullish(),
        optionInfo: z.looseObject({ optionCombinations: z.array(z.looseObject({ id: z.number().int(), sellerManagerCode: text, usable: z.boolean().nullish() })).default([]) }).nullish(),
      })
      .nullish(),
  }),
});

function where(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(body)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** The body of a 2xx answer read with `schema`; a non-2xx answer throws its error. */
export function readJson<S extends z.ZodType>(call: string, accountId: string, schema: S, r: HttpResponse): z.output<S> {
  if (r.status < 200 || r.status > 299) throw errorFromResponse(call, accountId, r);
  let json: unknown;
  try {
    json = JSON.parse(r.body);
  } catch {
    throw unreadable(call, accountId, r.status, `body is not JSON (${r.body.length} characters)`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0]!;
  throw unreadable(call, accountId, r.status, `${where(first.path)}: ${first.message}`);
}

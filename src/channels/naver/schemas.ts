/**
 * The answers the add-on reads, as zod schemas (loose: unknown fields pass). A field that does
 * not fit names the store, the call and the path. Dates are ISO-8601 with milliseconds and the
 * +09:00 offset (reference A1).
 */
import * as z from '../../core/zod';
import { builtOnUse, builtOnUseSharing, type Schema } from '../../core/zod-helpers';
import { inShapeOrder, isEmptyList, isSafeInt, isOptString, isRecord } from '../../core/recognize';
import type { HttpResponse } from '../../core/http';
import { errorFromResponse, unreadable } from './errors';

/**
 * Every schema below is built on first use (a quiet minute parses nothing); the small ones they
 * share are handed to them as plain schemas.
 */
const lazily = builtOnUseSharing(() => {
  const text = z.nullish(z.string());
  return {
    text,
    claimSub: z.nullish(z.looseObject({ claimId: text, claimStatus: text, claimRequestDate: text, cancelReason: text, returnReason: text, exchangeReason: text, cancelDetailedReason: text, returnDetailedReason: text, exchangeDetailedReason: text })),
  };
});

export const TokenAnswer = builtOnUse(() => z.looseObject({ access_token: z.string().check(z.minLength(1)), expires_in: z.number().check(z.int(), z.positive()), token_type: z.optional(z.string()) }));

const envelope = <T extends Schema>(data: T) => z.looseObject({ timestamp: z.optional(z.string()), traceId: z.optional(z.string()), data });

export const ChangedStatus = builtOnUse(() => z.looseObject({
  orderId: z.string(),
  productOrderId: z.string(),
  lastChangedType: z.nullish(z.string()),
  lastChangedDate: z.string(),
  productOrderStatus: z.nullish(z.string()),
  claimType: z.nullish(z.string()),
  claimStatus: z.nullish(z.string()),
}));
/** Nothing changed (a quiet minute's answer: an empty list, no next page), read by hand (zod-helpers.ts `Recognizer`). */
function nothingChanged(v: unknown) {
  if (!isRecord(v) || !isOptString(v['timestamp']) || !isOptString(v['traceId'])) return undefined;
  const data = v['data'];
  if (!isRecord(data) || !isEmptyList(data['lastChangeStatuses']) || !(data['count'] === undefined || isSafeInt(data['count'])) || !(data['more'] === undefined || data['more'] === null)) return undefined;
  return inShapeOrder<{ data: { lastChangeStatuses: []; count?: number; more?: null } }>({ ...v, data: inShapeOrder(data, ['count', 'lastChangeStatuses', 'more']) }, ['timestamp', 'traceId', 'data']);
}
export const LastChanged = builtOnUse(() => envelope(
  z.looseObject({
    count: z.optional(z.number().check(z.int())),
    lastChangeStatuses: z._default(z.array(ChangedStatus), []),
    more: z.nullish(z.looseObject({ moreFrom: z.string(), moreSequence: z.string() })),
  }),
), nothingChanged);

export const ProductOrderDetail = lazily(({ text, claimSub }) => z.looseObject({
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
    quantity: z.number().check(z.int(), z.positive()),
    unitPrice: z.number().check(z.int()),
    optionPrice: z.nullish(z.number().check(z.int())),
    shippingAddress: z.nullish(z.looseObject({ name: text, tel1: text, tel2: text, baseAddress: text, detailAddress: text, zipCode: text })),
    shippingMemo: text,
    sellerProductCode: text,
    optionManageCode: text,
  }),
  delivery: z.nullish(z.looseObject({ deliveryCompany: text, trackingNumber: text, deliveryMethod: text, sendDate: text })),
  cancel: claimSub,
  return: claimSub,
  exchange: claimSub,
}));
export type ProductOrderDetailT = z.output<typeof ProductOrderDetail>;
export const QueryAnswer = builtOnUse(() => envelope(z.array(ProductOrderDetail)));

const failInfo = lazily(({ text }) => z.looseObject({ productOrderId: z.string(), code: z.nullish(z.union([z.string(), z.number()])), message: text }));
export const ConfirmAnswer = builtOnUse(() => envelope(
  z.looseObject({
    successProductOrderInfos: z._default(z.array(z.looseObject({ productOrderId: z.string() })), []),
    failProductOrderInfos: z._default(z.array(failInfo), []),
  }),
));
/** The common claim-processing answer (N-CLAIMRESP): dispatch and the claim calls. */
export const ProcessAnswer = builtOnUse(() => envelope(
  z.looseObject({
    successProductOrderIds: z._default(z.array(z.string()), []),
    failProductOrderInfos: z._default(z.array(failInfo), []),
  }),
));

export const SearchAnswer = lazily(({ text }) => z.looseObject({
  contents: z._default(z.array(z.looseObject({ originProductNo: z.number().check(z.int()), channelProducts: z._default(z.array(z.looseObject({ channelProductNo: z.nullish(z.number().check(z.int())), sellerManagementCode: text, statusType: text })), []) })), []),
  page: z.optional(z.number().check(z.int())),
  totalPages: z.optional(z.number().check(z.int())),
  last: z.optional(z.boolean()),
}));

export const OriginProductAnswer = lazily(({ text }) => z.looseObject({
  originProduct: z.looseObject({
    statusType: text,
    detailAttribute: z.nullish(
      z.looseObject({
        sellerCodeInfo: z.nullish(z.looseObject({ sellerManagementCode: text })),
        optionInfo: z.nullish(z.looseObject({ optionCombinations: z._default(z.array(z.looseObject({ id: z.number().check(z.int()), sellerManagerCode: text, usable: z.nullish(z.boolean()) })), []) })),
      }),
    ),
  }),
}));

function where(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(body)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** The body of a 2xx answer read with `schema`; a non-2xx answer throws its error. */
export function readJson<S extends Schema>(call: string, accountId: string, schema: S, r: HttpResponse): z.output<S> {
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

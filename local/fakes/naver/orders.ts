/**
 * The order APIs under /v1/pay-order/seller (reference A3): the change feed with its `more`
 * paging, the detail query (≤ 300 ids), 발주확인 (≤ 30), dispatch (≤ 30) and the claim calls, one
 * product order each. Batch calls answer HTTP 200 with per-item success and fail lists.
 */
import { DELIVERY_COMPANIES, DELIVERY_METHODS, failInfo, validTrackingNumber, type FailKey } from './codes';
import { badRequest, ok, type Reply } from './errors';
import { kst, LAST_CHANGED_TYPES, type LastChangedType, type NaverCore, type ProductOrderRecord, type StoreState } from './model';

export const LIMIT_COUNT_MAX = 300;
export const QUERY_MAX = 300;
export const CONFIRM_MAX = 30;
export const DISPATCH_MAX = 30;
const DAY_MS = 86_400_000;

/** An ISO date-time with its offset (a `+` sent unencoded arrives as a space and is refused). */
function parseDateTime(text: string | null): number | null {
  if (text === null || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?([+-]\d{2}:\d{2}|Z)$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

export function lastChangedStatuses(core: NaverCore, store: StoreState, q: URLSearchParams): Reply {
  const from = parseDateTime(q.get('lastChangedFrom'));
  if (from === null) return badRequest(core, 'lastChangedFrom은 필수이며 ISO-8601 형식(예: 2023-01-16T17:14:51.794+09:00)이어야 합니다.', 'lastChangedFrom');
  let to = q.has('lastChangedTo') ? parseDateTime(q.get('lastChangedTo')) : from + DAY_MS;
  if (to === null) return badRequest(core, 'lastChangedTo는 ISO-8601 형식이어야 합니다.', 'lastChangedTo');
  if (to < from) return badRequest(core, 'lastChangedTo는 lastChangedFrom 이후여야 합니다.', 'lastChangedTo');
  if (to - from > DAY_MS) {
    if (core.options.lastChangedWindow === 'reject') return badRequest(core, '조회 기간은 24시간을 넘을 수 없습니다.', 'lastChangedTo');
    to = from + DAY_MS;
  }
  const lookback = core.options.lastChangedLookbackHours;
  if (lookback !== null && core.now() - from > lookback * 3_600_000) return badRequest(core, `lastChangedFrom은 ${lookback}시간 이내여야 합니다.`, 'lastChangedFrom');
  const type = q.get('lastChangedType');
  if (type !== null && !(LAST_CHANGED_TYPES as readonly string[]).includes(type)) return badRequest(core, `lastChangedType 값이 올바르지 않습니다: ${type}`, 'lastChangedType');
  const limitRaw = q.get('limitCount');
  if (limitRaw !== null && !/^\d+$/.test(limitRaw)) return badRequest(core, 'limitCount는 숫자입니다.', 'limitCount');
  const limit = Math.max(1, Math.min(LIMIT_COUNT_MAX, limitRaw === null ? LIMIT_COUNT_MAX : Number(limitRaw)));
  // moreSequence is opaque to clients; here it is the product order the next page starts at.
  const sequence = q.get('moreSequence');

  const rows = [...store.orders.values()]
    .filter((r) => r.lastChangedAt >= from && r.lastChangedAt <= to && (type === null || r.lastChangedType === type))
    .filter((r) => sequence === null || r.lastChangedAt > from || r.detail.productOrder.productOrderId >= sequence)
    .sort((a, b) => a.lastChangedAt - b.lastChangedAt || (a.detail.productOrder.productOrderId < b.detail.productOrder.productOrderId ? -1 : 1));
  const page = rows.slice(0, limit);
  const rest = rows[limit];
  return ok(core, {
    count: page.length,
    lastChangeStatuses: page.map(changeOf),
    ...(rest ? { more: { moreFrom: kst(rest.lastChangedAt), moreSequence: rest.detail.productOrder.productOrderId } } : {}),
  });
}

function changeOf(r: ProductOrderRecord) {
  const po = r.detail.productOrder;
  return {
    orderId: r.detail.order.orderId,
    productOrderId: po.productOrderId,
    lastChangedType: r.lastChangedType,
    paymentDate: r.detail.order.paymentDate,
    lastChangedDate: kst(r.lastChangedAt),
    productOrderStatus: po.productOrderStatus,
    claimType: po.claimType,
    claimStatus: po.claimStatus,
    receiverAddressChanged: false,
    giftReceivingStatus: null,
  };
}

function idList(core: NaverCore, body: any, field: string, max: number): string[] | Reply {
  const ids = body?.[field];
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === 'string' && x !== '')) return badRequest(core, `${field}는 비어 있지 않은 문자열 배열입니다.`, field);
  if (ids.length > max) return badRequest(core, `${field}는 최대 ${max}개까지 요청할 수 있습니다.`, field);
  return ids as string[];
}

export function queryProductOrders(core: NaverCore, store: StoreState, body: any): Reply {
  const ids = idList(core, body, 'productOrderIds', QUERY_MAX);
  if (!Array.isArray(ids)) return ids;
  // Unknown ids are left out of the answer.
  return ok(core, [...new Set(ids)].flatMap((id) => (store.orders.has(id) ? [store.orders.get(id)!.detail] : [])));
}

/** A claim still waiting on someone blocks confirming and dispatching. */
function openClaim(r: ProductOrderRecord): boolean {
  const s = r.detail.productOrder.claimStatus;
  return s !== null && !/_(REJECT|DONE)$/.test(s) && s !== 'PURCHASE_DECISION_HOLDBACK_RELEASE';
}

export function confirm(core: NaverCore, store: StoreState, body: any): Reply {
  const ids = idList(core, body, 'productOrderIds', CONFIRM_MAX);
  if (!Array.isArray(ids)) return ids;
  const success: Array<{ productOrderId: string; isReceiverAddressChanged: boolean }> = [];
  const fail: Array<ReturnType<typeof failInfo>> = [];
  const seen = new Set<string>();
  for (const id of ids) {
    const r = store.orders.get(id);
    const refuse = (k: FailKey) => fail.push(failInfo(id, k));
    if (seen.has(id)) refuse('duplicateId');
    else if (!r) refuse('productOrderNotFound');
    else if (r.detail.productOrder.productOrderStatus !== 'PAYED' || openClaim(r)) refuse('statusCheck');
    else if (r.detail.productOrder.placeOrderStatus === 'OK') {
      if (core.options.reconfirm === 'success') success.push({ productOrderId: id, isReceiverAddressChanged: false });
      else refuse('placeOrderCheck');
    } else {
      r.detail.productOrder.placeOrderStatus = 'OK';
      r.detail.productOrder.placeOrderDate = kst(core.now());
      success.push({ productOrderId: id, isReceiverAddressChanged: false });
    }
    seen.add(id);
  }
  return ok(core, { successProductOrderInfos: success, failProductOrderInfos: fail });
}

export function dispatch(core: NaverCore, store: StoreState, body: any): Reply {
  const list = body?.dispatchProductOrders;
  if (!Array.isArray(list) || list.length === 0) return badRequest(core, 'dispatchProductOrders는 비어 있지 않은 배열입니다.', 'dispatchProductOrders');
  if (list.length > DISPATCH_MAX) return badRequest(core, `dispatchProductOrders는 최대 ${DISPATCH_MAX}개까지 요청할 수 있습니다.`, 'dispatchProductOrders');
  const success: string[] = [];
  const fail: Array<ReturnType<typeof failInfo>> = [];
  const seen = new Set<string>();
  for (const item of list as any[]) {
    const id = typeof item?.productOrderId === 'string' ? item.productOrderId : '';
    const refused = dispatchRefusal(core, store, item, id, seen);
    seen.add(id);
    if (refused) {
      fail.push(failInfo(id, refused));
      continue;
    }
    const r = store.orders.get(id)!;
    const withParcel = item.deliveryMethod !== 'NOTHING' && item.deliveryMethod !== 'DIRECT_DELIVERY';
    const dispatchedAt = item.dispatchDate ? Date.parse(item.dispatchDate) : core.now();
    r.detail.productOrder.productOrderStatus = 'DELIVERING';
    r.detail.productOrder.placeOrderStatus = 'OK';
    r.detail.productOrder.placeOrderDate ??= kst(core.now());
    r.detail.delivery = {
      deliveryCompany: withParcel ? item.deliveryCompanyCode : null,
      trackingNumber: withParcel ? item.trackingNumber : null,
      deliveryMethod: item.deliveryMethod,
      deliveryStatus: 'COLLECT_REQUEST',
      sendDate: kst(dispatchedAt),
      pickupDate: null,
      deliveredDate: null,
      isWrongTrackingNumber: false,
      wrongTrackingNumberType: null,
    };
    core.touch(r, 'DISPATCHED');
    success.push(id);
  }
  return ok(core, { successProductOrderIds: success, failProductOrderInfos: fail });
}

function dispatchRefusal(core: NaverCore, store: StoreState, item: any, id: string, seen: Set<string>): FailKey | null {
  if (id === '') return 'badParameter';
  if (seen.has(id)) return 'duplicateId';
  const r = store.orders.get(id);
  if (!r) return 'productOrderNotFound';
  if (!(DELIVERY_METHODS as readonly string[]).includes(item.deliveryMethod)) return 'badParameter';
  if (item.dispatchDate === undefined ? core.options.dispatchDateRequired : parseDateTime(item.dispatchDate) === null) return 'badParameter';
  const status = r.detail.productOrder.productOrderStatus;
  if (status === 'DELIVERING' || status === 'DELIVERED' || status === 'PURCHASE_DECIDED') return 'alreadyDispatched';
  if (status !== 'PAYED' || openClaim(r)) return 'statusCheck';
  if (item.deliveryMethod === 'NOTHING' || item.deliveryMethod === 'DIRECT_DELIVERY') return null;
  if (!item.deliveryCompanyCode) return 'courierMissing';
  if (DELIVERY_COMPANIES[item.deliveryCompanyCode] === undefined) return 'courierInvalid';
  if (!item.trackingNumber) return 'trackingMissing';
  if (!validTrackingNumber(item.deliveryCompanyCode, String(item.trackingNumber))) return 'trackingInvalid';
  if (core.options.duplicateTrackingNo === 'reject') {
    for (const other of store.orders.values()) {
      const d = other.detail.delivery as { trackingNumber?: string } | null;
      if (other !== r && d?.trackingNumber === item.trackingNumber) return 'trackingUsed';
    }
  }
  return null;
}

// ---------------------------------------------------------------- claims (one product order per call)

type ClaimCall =
  | 'cancel/approve'
  | 'cancel/request'
  | 'return/request'
  | 'return/approve'
  | 'return/reject'
  | 'return/holdback'
  | 'return/holdback/release'
  | 'exchange/collect/approve'
  | 'exchange/dispatch'
  | 'exchange/reject'
  | 'exchange/holdback'
  | 'exchange/holdback/release';

export const CLAIM_CALLS: readonly ClaimCall[] = [
  'cancel/approve', 'cancel/request', 'return/request', 'return/approve', 'return/reject', 'return/holdback', 'return/holdback/release',
  'exchange/collect/approve', 'exchange/dispatch', 'exchange/reject', 'exchange/holdback', 'exchange/holdback/release',
];

const claimId = (r: ProductOrderRecord, kind: string) => `${r.detail.productOrder.productOrderId}${kind}`;

/** Moves a product order into a claim state (buyer's side and the calls share it). */
export function setClaim(core: NaverCore, r: ProductOrderRecord, claimType: string, claimStatus: string, change: LastChangedType | null, sub?: Record<string, unknown>): void {
  const po = r.detail.productOrder;
  po.claimType = claimType;
  po.claimStatus = claimStatus;
  const key = claimType === 'CANCEL' || claimType === 'ADMIN_CANCEL' ? 'cancel' : claimType === 'RETURN' ? 'return' : 'exchange';
  const d = r.detail as Record<string, any>;
  d[key] = { ...(d[key] ?? { claimId: claimId(r, key === 'cancel' ? 'C' : key === 'return' ? 'R' : 'E'), claimRequestDate: kst(core.now()) }), claimStatus, ...(sub ?? {}) };
  d.currentClaim = { type: claimType, ...d[key] };
  if (change) core.touch(r, change);
}

export function claimCall(core: NaverCore, store: StoreState, id: string, call: ClaimCall, body: any): Reply {
  const r = store.orders.get(id);
  const answer = (fail: FailKey | null) => ok(core, { successProductOrderIds: fail ? [] : [id], failProductOrderInfos: fail ? [failInfo(id, fail)] : [] });
  if (!r) return answer('productOrderNotFound');
  const po = r.detail.productOrder;
  const d = r.detail as Record<string, any>;
  const is = (type: string, ...statuses: string[]) => po.claimType === type && statuses.includes(po.claimStatus ?? '');
  const now = kst(core.now());
  switch (call) {
    case 'cancel/approve':
      if (!is('CANCEL', 'CANCEL_REQUEST', 'CANCELING')) return answer(is('CANCEL', 'CANCEL_DONE') ? 'sameState' : 'statusCheck');
      po.productOrderStatus = 'CANCELED';
      setClaim(core, r, 'CANCEL', 'CANCEL_DONE', 'CLAIM_COMPLETED', { cancelApprovalDate: now, cancelCompletedDate: now });
      return answer(null);
    case 'cancel/request':
      if (po.productOrderStatus !== 'PAYED' || openClaim(r)) return answer('statusCheck');
      if (typeof body?.cancelReason !== 'string') return badRequest(core, 'cancelReason은 필수입니다.', 'cancelReason');
      po.productOrderStatus = 'CANCELED';
      setClaim(core, r, 'CANCEL', 'CANCEL_DONE', 'CLAIM_COMPLETED', { cancelReason: body.cancelReason, requestChannel: '판매자', cancelCompletedDate: now });
      return answer(null);
    case 'return/request':
      if (!['DELIVERING', 'DELIVERED'].includes(po.productOrderStatus) || openClaim(r)) return answer('statusCheck');
      if (typeof body?.returnReason !== 'string') return badRequest(core, 'returnReason은 필수입니다.', 'returnReason');
      setClaim(core, r, 'RETURN', 'RETURN_REQUEST', 'CLAIM_REQUESTED', { returnReason: body.returnReason, collectStatus: 'NOT_REQUESTED', requestChannel: '판매자' });
      return answer(null);
    case 'return/approve':
      if (!is('RETURN', 'RETURN_REQUEST', 'COLLECTING', 'COLLECT_DONE')) return answer(is('RETURN', 'RETURN_DONE') ? 'sameState' : 'statusCheck');
      po.productOrderStatus = 'RETURNED';
      setClaim(core, r, 'RETURN', 'RETURN_DONE', 'CLAIM_COMPLETED', { returnCompletedDate: now });
      return answer(null);
    case 'return/reject':
      if (!is('RETURN', 'RETURN_REQUEST', 'COLLECTING', 'COLLECT_DONE')) return answer('statusCheck');
      if (typeof body?.rejectReturnReason !== 'string' || body.rejectReturnReason === '') return badRequest(core, 'rejectReturnReason은 필수입니다.', 'rejectReturnReason');
      setClaim(core, r, 'RETURN', 'RETURN_REJECT', 'CLAIM_REJECTED', { rejectReturnReason: body.rejectReturnReason });
      return answer(null);
    case 'exchange/reject':
      if (!is('EXCHANGE', 'EXCHANGE_REQUEST', 'COLLECTING', 'COLLECT_DONE')) return answer('statusCheck');
      if (typeof body?.rejectExchangeReason !== 'string' || body.rejectExchangeReason === '') return badRequest(core, 'rejectExchangeReason은 필수입니다.', 'rejectExchangeReason');
      setClaim(core, r, 'EXCHANGE', 'EXCHANGE_REJECT', 'CLAIM_REJECTED', { rejectExchangeReason: body.rejectExchangeReason });
      return answer(null);
    case 'return/holdback':
    case 'exchange/holdback':
    case 'return/holdback/release':
    case 'exchange/holdback/release': {
      const type = call.startsWith('return') ? 'RETURN' : 'EXCHANGE';
      if (!is(type, `${type}_REQUEST`, 'COLLECTING', 'COLLECT_DONE')) return answer('statusCheck');
      const key = type === 'RETURN' ? 'return' : 'exchange';
      const release = call.endsWith('release');
      if (release !== (d[key]?.holdbackStatus === 'HOLDBACK')) return answer('sameState');
      d[key] = { ...d[key], holdbackStatus: release ? 'RELEASED' : 'HOLDBACK', ...(release ? {} : { holdbackReason: body?.holdbackClassType ?? 'ETC', holdbackDetailedReason: body?.holdbackReturnDetailReason ?? body?.holdbackExchangeDetailReason ?? '' }) };
      return answer(null);
    }
    case 'exchange/collect/approve':
      if (!is('EXCHANGE', 'COLLECTING', 'COLLECT_DONE')) return answer('statusCheck');
      setClaim(core, r, 'EXCHANGE', 'COLLECT_DONE', 'COLLECT_DONE', { collectStatus: 'DELIVERED', collectCompletedDate: now });
      return answer(null);
    case 'exchange/dispatch':
      if (!is('EXCHANGE', 'COLLECT_DONE')) return answer('statusCheck');
      if (!body?.reDeliveryMethod) return badRequest(core, 'reDeliveryMethod는 필수입니다.', 'reDeliveryMethod');
      if (body.reDeliveryMethod === 'DELIVERY' && (!DELIVERY_COMPANIES[body.reDeliveryCompany] || !validTrackingNumber(body.reDeliveryCompany, String(body.reDeliveryTrackingNumber ?? '')))) return answer('trackingInvalid');
      setClaim(core, r, 'EXCHANGE', 'EXCHANGE_REDELIVERING', 'CLAIM_REDELIVERING', { reDeliveryMethod: body.reDeliveryMethod, reDeliveryCompany: body.reDeliveryCompany ?? null, reDeliveryTrackingNumber: body.reDeliveryTrackingNumber ?? null, reDeliveryStatus: 'DELIVERING' });
      return answer(null);
  }
}

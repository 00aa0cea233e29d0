/**
 * Shipping rules (pure): which tracking numbers are well-formed for a carrier, and which requested
 * shipments may go to the channels.
 *
 * - A number is normalised by removing spaces and hyphens (full-width forms too), then must be
 *   digits only with one of the carrier's lengths (see carriers.ts for the lengths and sources).
 * - Only paid / preparing / standby items may ship. A cancel request HOLDS the item (DOMAIN:
 *   no cancel after "in transit", so shipping it now would defeat the customer's request);
 *   shipping / delivered are already shipped; every other claim status is refused.
 * - Bundle shipping (묶음배송): one number may carry several items of the SAME receiver (same
 *   name, phone and address, see `receiverKey`), across orders. A number already on another
 *   receiver's parcel — earlier (`usedElsewhere`) or in the same batch — is refused; within a
 *   batch every request of the disputed number is refused, since which one is the typo is unknown.
 * - Accepted items are grouped per (partnerId, orderId) with one shipment per parcel, as the
 *   channels' bulk calls take them (order id, tracking number, carrier code,
 *   order_item_code[]).
 */
import { DAY_ONE_CARRIERS, carrierByName, type CarrierRule } from './carriers';
import type { OrderLine, OrderLineStatus } from './order';

// ---------------------------------------------------------------------------------------------
// Tracking numbers

export type TrackingCheck = { readonly ok: true; readonly trackingNo: string } | { readonly ok: false; readonly reason: string };

/** Spaces (any width) and hyphens / dashes, removed before checking. */
const SEPARATORS = /[\s\u00a0\u3000\-\u2010-\u2015\u2212\uff0d]/g;

/** The number as the carrier prints it, without spaces and hyphens; full-width digits folded. */
export function normaliseTrackingNo(raw: string | number): string {
  const text = typeof raw === 'number' ? String(raw) : raw;
  return text.normalize('NFKC').replace(SEPARATORS, '');
}

function lengthsText(lengths: readonly number[]): string {
  return lengths.map((n) => `${n}자리`).join(' 또는 ');
}

/**
 * Whether `raw` is a tracking number `carrier` can have. A number cell (Sheets hands numbers, not
 * text) is accepted when it is a whole number; a leading zero lost that way shows as a wrong length.
 */
export function checkTrackingNumber(carrier: CarrierRule, raw: string | number): TrackingCheck {
  if (typeof raw === 'number' && !(Number.isSafeInteger(raw) && raw >= 0)) {
    return { ok: false, reason: `송장번호 ${String(raw)}은(는) 숫자 칸에서 잘렸거나 정수가 아닙니다. 송장번호 칸을 텍스트 형식으로 입력하세요` };
  }
  const number = normaliseTrackingNo(raw);
  if (number === '') return { ok: false, reason: '송장번호가 비어 있습니다' };
  if (/[\p{L}]/u.test(number)) {
    return { ok: false, reason: `송장번호 "${number}"에 문자가 들어 있습니다. ${carrier.nameKo} 송장번호는 숫자만 씁니다` };
  }
  if (!/^[0-9]+$/.test(number)) {
    const bad = [...new Set(number.replace(/[0-9]/g, ''))].join(' ');
    return { ok: false, reason: `송장번호 "${number}"에 쓸 수 없는 기호가 있습니다 (${bad}). 숫자만 입력하세요` };
  }
  if (!carrier.trackingLengths.includes(number.length)) {
    return {
      ok: false,
      reason: `${carrier.nameKo} 송장번호는 ${lengthsText(carrier.trackingLengths)}입니다 ("${number}"는 ${number.length}자리)`,
    };
  }
  return { ok: true, trackingNo: number };
}

// ---------------------------------------------------------------------------------------------
// Receivers

export type ReceiverKey = string;

export type ReceiverFields = Pick<OrderLine, 'receiverName' | 'receiverPhone' | 'receiverAddress1' | 'receiverAddress2'>;

const squash = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * Who a parcel goes to: name, phone (digits only, so "010-1234-5678" = "01012345678") and the
 * whole address, each without spaces and case-folded. Address 1 and 2 are joined before
 * comparing, so where a channel splits them does not matter. The zip code is left out: the
 * address decides it, and channels disagree on whether they send one (old 6-digit vs 5-digit).
 */
export function receiverKey(line: ReceiverFields): ReceiverKey {
  const phone = line.receiverPhone.normalize('NFKC').replace(/\D/g, '');
  return [squash(line.receiverName), phone, squash(line.receiverAddress1 + line.receiverAddress2)].join('|');
}

// ---------------------------------------------------------------------------------------------
// Shipment plans

export type ShipLine = Pick<
  OrderLine,
  | 'partnerId'
  | 'orderId'
  | 'itemId'
  | 'receiverName'
  | 'receiverPhone'
  | 'receiverZip'
  | 'receiverAddress1'
  | 'receiverAddress2'
  | 'status'
>;

export interface ShipmentRequest {
  readonly line: ShipLine;
  readonly carrierName: string;
  readonly trackingNo: string;
}

export type ShipVerdict = 'ship' | 'hold' | 'refuse';

/**
 * Per status: may the item ship now, wait, or never (from here). A Record over every status, so a
 * new status cannot be added without deciding; the reason is what the sheet shows.
 */
const BY_STATUS: Readonly<Record<OrderLineStatus, { readonly verdict: ShipVerdict; readonly reason: string }>> = {
  paid: { verdict: 'ship', reason: '' },
  preparing: { verdict: 'ship', reason: '' },
  // Number registered, not yet picked up: registering again corrects the number.
  standby: { verdict: 'ship', reason: '' },
  cancelRequested: { verdict: 'hold', reason: '취소 요청이 있어 출고 보류' },
  shipping: { verdict: 'refuse', reason: '이미 출고된 품목입니다 (배송중)' },
  delivered: { verdict: 'refuse', reason: '이미 배송 완료된 품목입니다' },
  cancelled: { verdict: 'refuse', reason: '취소된 품목은 출고할 수 없습니다' },
  returnRequested: { verdict: 'refuse', reason: '반품 요청 중인 품목은 출고할 수 없습니다' },
  returned: { verdict: 'refuse', reason: '반품된 품목은 출고할 수 없습니다' },
  // DOMAIN: an exchange ships only after the return is confirmed; until then the claim decides.
  exchangeRequested: { verdict: 'refuse', reason: '교환 요청 중인 품목은 반품 확인 후 출고합니다' },
  exchanged: { verdict: 'refuse', reason: '교환 처리가 끝난 품목입니다' },
  refunded: { verdict: 'refuse', reason: '환불된 품목은 출고할 수 없습니다' },
};

/** Whether an item in `status` may ship now ('ship'), must wait ('hold') or may not ('refuse'). */
export function shipVerdict(status: OrderLineStatus): { readonly verdict: ShipVerdict; readonly reason: string } {
  return BY_STATUS[status];
}

export interface ParcelRef {
  readonly carrierKey: string;
  readonly trackingNo: string;
  /** Every accepted item in this parcel (this one included), in request order. */
  readonly items: ReadonlyArray<{ readonly partnerId: string; readonly orderId: string; readonly itemId: string }>;
  /** More than one item in the parcel. */
  readonly bundled: boolean;
  /** The parcel carries items of more than one order (some channels refuse that: DOMAIN). */
  readonly multiOrder: boolean;
}

export type ShipmentDecision =
  | {
      readonly kind: 'ok';
      /** Position in the requests. */
      readonly index: number;
      readonly line: ShipLine;
      readonly carrier: CarrierRule;
      readonly trackingNo: string;
      readonly receiverKey: ReceiverKey;
      readonly parcel: ParcelRef;
    }
  | { readonly kind: 'held'; readonly index: number; readonly line: ShipLine; readonly reason: string }
  | { readonly kind: 'refused'; readonly index: number; readonly line: ShipLine; readonly reason: string };

/** What one channel call per order carries: one shipment per parcel, items sorted. */
export interface OrderShipments {
  readonly partnerId: string;
  readonly orderId: string;
  readonly shipments: ReadonlyArray<{ readonly carrier: CarrierRule; readonly trackingNo: string; readonly itemIds: readonly string[] }>;
}

export interface ShipmentPlan {
  /** One per request, in request order. */
  readonly decisions: readonly ShipmentDecision[];
  /** Accepted items per (partnerId, orderId), sorted by partner then order. */
  readonly orders: readonly OrderShipments[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Candidate {
  readonly index: number;
  readonly line: ShipLine;
  readonly carrier: CarrierRule;
  readonly trackingNo: string;
  readonly receiverKey: ReceiverKey;
}

/**
 * Decide every request. `usedElsewhere` maps tracking numbers already registered (on the sheet or
 * the channels, outside this batch) to the receiver of their parcel; its keys are normalised here
 * too, so "6900-0041-47609" and "6900004147609" are the same number.
 */
export function planShipments(
  requests: readonly ShipmentRequest[],
  usedElsewhere: ReadonlyMap<string, ReceiverKey>,
  carriers: readonly CarrierRule[] = DAY_ONE_CARRIERS,
): ShipmentPlan {
  const used = new Map<string, ReceiverKey>();
  for (const [number, key] of usedElsewhere) used.set(normaliseTrackingNo(number), key);

  const decisions: Array<ShipmentDecision | undefined> = new Array(requests.length);
  const candidates: Candidate[] = [];
  const seenItems = new Set<string>();

  requests.forEach((request, index) => {
    const { line } = request;
    const refuse = (reason: string) => (decisions[index] = { kind: 'refused', index, line, reason });
    const status = BY_STATUS[line.status];
    if (status.verdict === 'hold') return void (decisions[index] = { kind: 'held', index, line, reason: status.reason });
    if (status.verdict === 'refuse') return void refuse(status.reason);
    const itemKey = `${line.partnerId}\u0000${line.itemId}`;
    if (seenItems.has(itemKey)) return void refuse(`같은 품목(${line.itemId})이 이 출고 목록에 두 번 있습니다`);
    seenItems.add(itemKey);
    const carrier = carrierByName(request.carrierName, carriers);
    if (carrier === null) {
      return void refuse(
        request.carrierName.trim() === '' ? '택배사가 비어 있습니다' : `알 수 없는 택배사입니다: "${request.carrierName}" (설정의 택배사 목록에 추가하세요)`,
      );
    }
    const check = checkTrackingNumber(carrier, request.trackingNo);
    if (!check.ok) return void refuse(check.reason);
    candidates.push({ index, line, carrier, trackingNo: check.trackingNo, receiverKey: receiverKey(line) });
  });

  // Parcels by number: every candidate of a number must be the same receiver and carrier, and
  // match the receiver the number already has elsewhere.
  const byNumber = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const group = byNumber.get(c.trackingNo);
    if (group) group.push(c);
    else byNumber.set(c.trackingNo, [c]);
  }
  for (const [number, group] of byNumber) {
    const first = group[0]!;
    const earlier = used.get(number);
    const refuseAll = (reason: string) => {
      for (const c of group) decisions[c.index] = { kind: 'refused', index: c.index, line: c.line, reason };
    };
    if (earlier !== undefined && group.some((c) => c.receiverKey !== earlier)) {
      refuseAll(`송장번호 ${number}은(는) 이미 다른 수령인의 택배에 쓰였습니다`);
      continue;
    }
    const other = group.find((c) => c.receiverKey !== first.receiverKey);
    if (other !== undefined) {
      refuseAll(`송장번호 ${number}이(가) 서로 다른 수령인(${first.line.receiverName}, ${other.line.receiverName})에게 입력되었습니다. 묶음배송은 같은 수령인만 가능합니다`);
      continue;
    }
    if (group.some((c) => c.carrier.key !== first.carrier.key)) {
      refuseAll(`송장번호 ${number}이(가) 서로 다른 택배사로 입력되었습니다`);
      continue;
    }
    const items = group.map((c) => ({ partnerId: c.line.partnerId, orderId: c.line.orderId, itemId: c.line.itemId }));
    const parcel: ParcelRef = {
      carrierKey: first.carrier.key,
      trackingNo: number,
      items,
      bundled: items.length > 1,
      multiOrder: new Set(items.map((i) => `${i.partnerId}\u0000${i.orderId}`)).size > 1,
    };
    for (const c of group) {
      decisions[c.index] = { kind: 'ok', index: c.index, line: c.line, carrier: c.carrier, trackingNo: number, receiverKey: c.receiverKey, parcel };
    }
  }

  const done = decisions as ShipmentDecision[];
  return { decisions: done, orders: groupByOrder(done) };
}

/** Accepted decisions per (partnerId, orderId), one shipment per parcel; sorted, item ids sorted. */
export function groupByOrder(decisions: readonly ShipmentDecision[]): OrderShipments[] {
  const orders = new Map<string, { partnerId: string; orderId: string; parcels: Map<string, { carrier: CarrierRule; trackingNo: string; itemIds: string[] }> }>();
  for (const d of decisions) {
    if (d.kind !== 'ok') continue;
    const orderKey = `${d.line.partnerId}\u0000${d.line.orderId}`;
    let order = orders.get(orderKey);
    if (!order) orders.set(orderKey, (order = { partnerId: d.line.partnerId, orderId: d.line.orderId, parcels: new Map() }));
    const parcelKey = `${d.carrier.key}\u0000${d.trackingNo}`;
    let parcel = order.parcels.get(parcelKey);
    if (!parcel) order.parcels.set(parcelKey, (parcel = { carrier: d.carrier, trackingNo: d.trackingNo, itemIds: [] }));
    parcel.itemIds.push(d.line.itemId);
  }
  return [...orders.values()]
    .sort((a, b) => cmp(a.partnerId, b.partnerId) || cmp(a.orderId, b.orderId))
    .map((o) => ({
      partnerId: o.partnerId,
      orderId: o.orderId,
      shipments: [...o.parcels.values()]
        .map((p) => ({ carrier: p.carrier, trackingNo: p.trackingNo, itemIds: [...p.itemIds].sort(cmp) }))
        .sort((a, b) => cmp(a.trackingNo, b.trackingNo) || cmp(a.carrier.key, b.carrier.key)),
    }));
}

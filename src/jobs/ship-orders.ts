import type { Carrier, OrderLine } from '../core/order';
import type { CarrierRule } from '../core/carriers';
import { normaliseTrackingNo, planShipments, type ReceiverKey, type ShipmentRequest } from '../core/shipping';
import type { CachePort } from '../core/ports';
import type { ChannelAccount, Gateway, Parcel, ParcelAnswer } from '../channels/port';
import { channelOf } from '../channels/registry';
import { accountCarriers } from './channel-carriers';
import { rereadOrders } from './reread-orders';
import { subject } from '../core/particle';

/**
 * Sends tracking numbers to the channels. The order of things is the rules in turn:
 * 1. check every request (carrier, number, bundle, status) on what the sheet knows;
 * 2. read each order again from its mall: a cancel requested since holds the item, a number
 *    already there (a run that died after sending) is not sent twice;
 * 3. check again on the fresh lines, and find each carrier's code in the mall's own list;
 * 4. send one shipment per parcel and order as `shipping` (the spec: shipped the moment the
 *    warehouse inspects the parcel), all malls in the same rounds;
 * 5. an "already" answer, and a POST that got no answer (its outcome unknown), are checked against
 *    the mall: if the item carries our number it is sent; a POST is never sent again blindly.
 */
export type ShipOutcome =
  | { readonly kind: 'sent'; readonly line: OrderLine; readonly answer: string }
  /** Waits: a cancel request (the buyer may still get it) or a settlement hold (the partner must pay). */
  | { readonly kind: 'held'; readonly cause: 'cancelRequest' | 'settlement'; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string }
  /** Not sent now (mall unreachable, throttled, not connected): tried again on the next run. */
  | { readonly kind: 'failed'; readonly reason: string; readonly retry: boolean };

export interface ShipResult {
  /** One per request, in request order. */
  readonly outcomes: readonly ShipOutcome[];
  /** Every line read again from the malls (sent ones as they now are), for the orders tab. */
  readonly lines: readonly OrderLine[];
}

declare const HOLDS: unique symbol;
/**
 * Partners whose parcels wait (a deposit used up, a credit limit reached: seed 002), with the
 * reason the rows show. Only the settlement's record makes one (`settlementHolds`), and every
 * path that ships must pass it: a plain Map does not type-check, so no caller can forget them.
 */
export type SettlementHolds = ReadonlyMap<string, string> & { readonly [HOLDS]: true };

/** The holds as the settlement worked them out (src/gas/settlement-step.ts, or a spec's own). */
export function settlementHolds(byPartner: Readonly<Record<string, string>> | ReadonlyMap<string, string>): SettlementHolds {
  const map = byPartner instanceof Map ? new Map(byPartner) : new Map(Object.entries(byPartner as Record<string, string>));
  return map as unknown as SettlementHolds;
}

export interface ShipDeps {
  readonly gateway: Gateway;
  readonly cache: CachePort;
  readonly now: number;
  /** Held partners' items are held, not sent, until the partner pays. */
  readonly holds: SettlementHolds;
}

const itemKey = (l: { partnerId: string; itemId: string }) => `${l.partnerId}|${l.itemId}`;
const SHIPPED = new Set(['shipping', 'delivered']);

/** A parcel and the request indexes of its items. */
type Sending = Parcel & { readonly indexes: readonly number[] };

export function shipOrders(
  requests: readonly ShipmentRequest[],
  usedElsewhere: ReadonlyMap<string, ReceiverKey>,
  carriers: readonly CarrierRule[],
  conns: ReadonlyMap<string, ChannelAccount>,
  d: ShipDeps,
): ShipResult {
  const outcomes: Array<ShipOutcome | undefined> = new Array(requests.length);
  const first = planShipments(requests, usedElsewhere, carriers);
  for (const dec of first.decisions) {
    const hold = d.holds.get(dec.line.partnerId);
    if (dec.kind === 'refused') outcomes[dec.index] = { kind: 'refused', reason: dec.reason };
    else if (hold !== undefined) outcomes[dec.index] = { kind: 'held', cause: 'settlement', reason: hold };
    else if (!conns.has(dec.line.partnerId)) outcomes[dec.index] = { kind: 'failed', reason: '채널에 연결되면 전송됩니다', retry: true };
  }

  // 2. The orders again, fresh from their malls.
  const open = first.decisions.filter((dec) => outcomes[dec.index] === undefined);
  const reread = rereadOrders(open.map((dec) => dec.line), conns, d.gateway, d.now);
  const fresh = new Map(reread.lines.map((l) => [itemKey(l), l]));
  for (const f of reread.failed) {
    for (const dec of open) {
      if (dec.line.partnerId === f.partnerId && dec.line.orderId === f.orderId) {
        outcomes[dec.index] = { kind: 'failed', reason: `주문을 다시 확인하지 못해 다음 실행에 보냅니다: ${f.error.userMessage}`, retry: true };
      }
    }
  }

  // 3. Check again on what the malls say now.
  const again: Array<{ index: number; request: ShipmentRequest }> = [];
  for (const dec of open) {
    if (outcomes[dec.index] !== undefined) continue;
    const line = fresh.get(itemKey(dec.line));
    if (!line) {
      outcomes[dec.index] = { kind: 'refused', reason: '몰에서 이 품목을 찾을 수 없습니다 (다른 공급사 품목이거나 삭제된 주문)' };
      continue;
    }
    const wanted = normaliseTrackingNo(requests[dec.index]!.trackingNo);
    const same = line.trackingNo !== null && normaliseTrackingNo(line.trackingNo) === wanted;
    if (same && SHIPPED.has(line.status)) {
      // Sent by an earlier run that stopped before writing the sheet: not sent twice.
      outcomes[dec.index] = { kind: 'sent', line, answer: '이미 같은 송장번호로 출고되어 있습니다' };
      continue;
    }
    if (line.status === 'standby' && line.trackingNo !== null && normaliseTrackingNo(line.trackingNo) !== wanted) {
      const label = channelOf(line.channel).label;
      outcomes[dec.index] = { kind: 'refused', reason: `${label}에 다른 송장번호(${line.trackingNo})가 배송대기로 등록되어 있습니다. ${label} 관리자에서 확인하세요` };
      continue;
    }
    again.push({ index: dec.index, request: { ...requests[dec.index]!, line } });
  }
  const second = planShipments(
    again.map((a) => a.request),
    usedElsewhere,
    carriers,
  );
  const partnersToShip = new Set<string>();
  for (const dec of second.decisions) {
    const index = again[dec.index]!.index;
    if (dec.kind === 'held') outcomes[index] = { kind: 'held', cause: 'cancelRequest', reason: dec.reason };
    else if (dec.kind === 'refused') outcomes[index] = { kind: 'refused', reason: dec.reason };
    else partnersToShip.add(dec.line.partnerId);
  }

  // The account's own carrier codes.
  const shipConns = [...partnersToShip].map((id) => conns.get(id)!);
  const registered = accountCarriers(shipConns, d.gateway, d.cache);
  const parcels = new Map<string, { account: ChannelAccount; orderId: string; carrier: Carrier; trackingNo: string; itemIds: string[]; indexes: number[]; standbyId: string | null }>();
  for (const dec of second.decisions) {
    if (dec.kind !== 'ok') continue;
    const index = again[dec.index]!.index;
    const conn = conns.get(dec.line.partnerId)!;
    const list = registered.get(conn.partnerId);
    if (list === undefined || !Array.isArray(list)) {
      const error = list as { userMessage?: string } | undefined;
      outcomes[index] = { kind: 'failed', reason: `택배사 목록을 읽지 못해 다음 실행에 보냅니다: ${error?.userMessage ?? ''}`, retry: true };
      continue;
    }
    const channel = channelOf(conn.channel);
    const carrier = channel.shipping!.carrierFor(dec.carrier, list);
    if (carrier === null) {
      outcomes[index] = {
        kind: 'refused',
        reason: `${dec.carrier.nameKo}은(는) ${conn.accountId} 몰의 택배사 목록에 없습니다. ${channel.label} 관리자 > 배송 설정에서 택배사를 추가하세요`,
      };
      continue;
    }
    const line = dec.line as OrderLine;
    // A number registered as standby (배송대기) elsewhere: the parcel is the same; only its status moves.
    const standby = line.status === 'standby' && line.channelShipmentId !== null ? line.channelShipmentId : null;
    const key = `${conn.partnerId}|${line.orderId}|${carrier.code}|${dec.trackingNo}|${standby ?? ''}`;
    let p = parcels.get(key);
    if (!p) parcels.set(key, (p = { account: conn, orderId: line.orderId, carrier, trackingNo: dec.trackingNo, itemIds: [], indexes: [], standbyId: standby }));
    p.itemIds.push(line.itemId);
    p.indexes.push(index);
  }

  // 4. Send, every account's parcels in the same rounds (new ones first, then standby moves).
  const sending: Sending[] = [...parcels.values()].sort((x, y) => Number(x.standbyId !== null) - Number(y.standbyId !== null));
  const answers = sendParcels(sending, d.gateway);

  // 5. Read what each answer means for its items.
  const sentLine = (index: number, p: Sending): OrderLine => {
    const before = fresh.get(itemKey(requests[index]!.line))!;
    const rawStatus = channelOf(p.account.channel).shipping!.inTransitCode;
    return { ...before, status: 'shipping', rawStatus, carrier: p.carrier, trackingNo: p.trackingNo, shippedAt: before.shippedAt ?? d.now };
  };
  /** Parcels whose answer does not settle it: the account is read again, and what it shows decides. */
  const doubtful = new Map<Sending, { shown: string; absent: ShipOutcome }>();
  for (const { parcel, answer } of answers) {
    const label = channelOf(parcel.account.channel).label;
    for (const index of parcel.indexes) {
      if (answer.ok) outcomes[index] = { kind: 'sent', line: sentLine(index, parcel), answer: answer.text };
      else if (answer.unknown) doubtful.set(parcel, { shown: `${label} 응답은 없었지만 송장번호가 등록되어 있습니다`, absent: { kind: 'failed', reason: answer.text, retry: true } });
      else if (answer.retry) outcomes[index] = { kind: 'failed', reason: answer.text, retry: true };
      else if (answer.already) doubtful.set(parcel, { shown: '같은 송장번호가 이미 등록되어 있습니다 (묶음배송)', absent: { kind: 'refused', reason: `${subject(label)} 받지 않았습니다: 이미 사용된 송장번호입니다` } });
      else outcomes[index] = { kind: 'refused', reason: `${subject(label)} 받지 않았습니다: ${answer.text}` };
    }
  }
  if (doubtful.size > 0) {
    const check = rereadOrders([...doubtful.keys()].flatMap((p) => p.itemIds.map((itemId) => ({ partnerId: p.account.partnerId, orderId: p.orderId, itemId }))), conns, d.gateway, d.now);
    const now = new Map(check.lines.map((l) => [itemKey(l), l]));
    for (const [p, { shown, absent }] of doubtful) {
      for (const index of p.indexes) {
        const line = now.get(itemKey(requests[index]!.line));
        if (line && line.trackingNo !== null && normaliseTrackingNo(line.trackingNo) === p.trackingNo) {
          fresh.set(itemKey(line), line);
          outcomes[index] = { kind: 'sent', line: SHIPPED.has(line.status) ? line : sentLine(index, p), answer: shown };
        } else {
          // Not there (or not readable now): never sent again blindly; the next run reads it first.
          outcomes[index] = absent;
        }
      }
    }
  }

  const lines = new Map(fresh);
  outcomes.forEach((o) => {
    if (o?.kind === 'sent') lines.set(itemKey(o.line), o.line);
  });
  return {
    outcomes: outcomes.map((o) => o ?? { kind: 'failed', reason: '처리되지 않았습니다', retry: true }),
    lines: [...lines.values()],
  };
}

/** Each channel announces its own parcels; all go in the gateway's rounds. */
function sendParcels(parcels: readonly Sending[], gateway: Gateway): Array<{ parcel: Sending; answer: ParcelAnswer }> {
  const byChannel = new Map<string, Sending[]>();
  for (const p of parcels) byChannel.set(p.account.channel, [...(byChannel.get(p.account.channel) ?? []), p]);
  const out: Array<{ parcel: Sending; answer: ParcelAnswer }> = [];
  for (const list of byChannel.values()) {
    const answers = channelOf(list[0]!.account.channel).shipping!.send(list, gateway);
    list.forEach((parcel, i) => out.push({ parcel, answer: answers[i]! }));
  }
  return out;
}

/**
 * Cafe24's shipping as the port asks for it: the mall's registered carriers (the source of the
 * `shipping_company_code` a shipment carries: reference §8 says to resolve codes at runtime,
 * since third-party tables disagree), and shipments sent as `shipping` (the spec: shipped the
 * moment the warehouse inspects the parcel).
 */
import { chunk } from '../../core/chunk';
import { carrierByName, type CarrierRule } from '../../core/carriers';
import type { Carrier } from '../../core/order';
import type { ChannelAccount, ChannelRequest, Gateway, Outcome, Parcel, ParcelAnswer, ShippingCapability } from '../port';
import type { Cafe24Connection } from './connection';
import { carriersOf } from './mapping';
import { BULK_CAPS } from './paging';
import { createShipment, createShipments, listCarriers, updateShipment, type NewShipment } from './requests';
import { CarriersList, isBulkFailure, parse, ShipmentOne, ShipmentsBulk, ShipmentsCreated } from './schemas';
import { cafe24Request } from './transport';

const connectionOf = (a: ChannelAccount) => a as Cafe24Connection;

/**
 * The mall's carrier for a rule: the one with the rule's Cafe24 code, else one whose name the
 * rule knows (a mall may list "롯데글로벌로지스" under its own code). null: the mall has not
 * registered that carrier, and a shipment with it would be refused.
 */
export function mallCarrierFor(rule: CarrierRule, registered: readonly Carrier[]): Carrier | null {
  const code = rule.channelCodes.cafe24;
  return (code !== undefined ? registered.find((c) => c.code === code) : undefined) ?? registered.find((c) => carrierByName(c.name, [rule]) !== null) ?? null;
}

const shipmentOf = (p: Parcel): NewShipment => ({ orderId: p.orderId, trackingNo: p.trackingNo, carrierCode: p.carrier.code, status: 'shipping', orderItemCodes: [...p.itemIds].sort() });

/** A POST that got no answer (status 0) or a server error: it may have been carried out. */
const outcomeUnknown = (o: { deferred: boolean; error: { status: number } }) => !o.deferred && (o.error.status === 0 || o.error.status >= 500);
const SENT: ParcelAnswer = { ok: true, text: '카페24: 배송중' };
const refused = (text: string): ParcelAnswer => ({ ok: false, retry: false, unknown: false, already: /already/i.test(text), text });

/**
 * New parcels go in bulk (≤100 a call, reference §8); when a bulk call is refused as a whole
 * (all its objects failed, so Cafe24 answers with the first failure), each parcel is sent alone
 * to learn which one the mall objects to. Standby parcels are moved with one PUT each.
 */
function send(parcels: readonly Parcel[], gateway: Gateway): ParcelAnswer[] {
  const answers = new Array<ParcelAnswer>(parcels.length);
  const byMall = new Map<string, number[]>();
  const moves: number[] = [];
  parcels.forEach((p, i) => {
    if (p.standbyId !== null) moves.push(i);
    else byMall.set(p.account.partnerId, [...(byMall.get(p.account.partnerId) ?? []), i]);
  });
  const calls = [...byMall.values()].flatMap((list) => chunk(list, BULK_CAPS.shipments));
  const bulk = run(
    gateway,
    calls.map((part) => {
      const conn = connectionOf(parcels[part[0]!]!.account);
      return cafe24Request(
        conn,
        'shipments.createMany',
        (s) => createShipments(s, part.map((i) => shipmentOf(parcels[i]!)))[0]!,
        (r) => parse('shipments.createMany', conn.mallId, ShipmentsBulk, r).shipments,
      );
    }),
  );
  const alone: number[] = [];
  calls.forEach((part, n) => {
    const o = bulk[n]!;
    if (!o.ok) {
      if (o.deferred || o.error.retryable) for (const i of part) answers[i] = { ok: false, retry: true, unknown: outcomeUnknown(o), already: false, text: o.error.userMessage };
      else if (part.length === 1) answers[part[0]!] = refused(o.error.channelMessage ?? o.error.userMessage);
      else alone.push(...part);
      return;
    }
    // A 207 answers each object in place: a failed one carries its own error.
    part.forEach((i, j) => {
      const item = o.value[j];
      answers[i] = item !== undefined && isBulkFailure(item) ? refused(String(item.error.message ?? '')) : SENT;
    });
  });
  const singles = [...alone, ...moves];
  const single = run(
    gateway,
    singles.map((i) => {
      const p = parcels[i]!;
      const conn = connectionOf(p.account);
      return p.standbyId === null || alone.includes(i)
        ? cafe24Request(conn, 'shipments.create', (s) => createShipment(s, shipmentOf(p)), (r) => void parse('shipments.create', conn.mallId, ShipmentsCreated, r))
        : cafe24Request(
            conn,
            'shipments.update',
            (s) => updateShipment(s, { orderId: p.orderId, shippingCode: p.standbyId!, kind: 'status', status: 'shipping' }),
            (r) => void parse('shipments.update', conn.mallId, ShipmentOne, r),
          );
    }),
  );
  singles.forEach((i, n) => {
    const o = single[n]!;
    const creates = alone.includes(i);
    if (o.ok) answers[i] = SENT;
    else if (o.deferred || o.error.retryable) answers[i] = { ok: false, retry: true, unknown: creates && outcomeUnknown(o), already: false, text: o.error.channelMessage ?? o.error.userMessage };
    else answers[i] = refused(o.error.channelMessage ?? o.error.userMessage);
  });
  return answers;
}

/** A round with nothing to send sends nothing. */
function run<T>(gateway: Gateway, requests: readonly ChannelRequest<T>[]): Outcome<T>[] {
  return requests.length === 0 ? [] : gateway.run(requests);
}

export const cafe24Shipping: ShippingCapability = {
  carriers(account) {
    const conn = connectionOf(account);
    return cafe24Request(conn, 'carriers.list', (s) => listCarriers(s), (r) => carriersOf(parse('carriers.list', conn.mallId, CarriersList, r).carriers).map((c) => ({ code: c.code, name: c.name })));
  },
  carrierFor: mallCarrierFor,
  send,
  inTransitCode: 'N30',
};

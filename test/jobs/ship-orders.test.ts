import type { Cafe24Connection } from '../../src/channels/cafe24';
import { cafe24Connection, createShipment } from '../../src/channels/cafe24';
import { DAY_ONE_CARRIERS } from '../../src/core/carriers';
import type { ShipLine, ShipmentRequest } from '../../src/core/shipping';
import type { ChannelGateway } from '../../src/jobs/gateway';
import { orderDayOf } from '../../src/channels/cafe24/orders';
import { settlementHolds, shipOrders } from '../../src/jobs/ship-orders';
import { T0 } from '../../local/fakes/cafe24/testing';
import { fakeGateway, type SyncFake } from './fake-cafe24-sync';
import { SimClock, type MemoryCache } from './memory-ports';

/**
 * Sending tracking numbers, against the local Cafe24 fake (its own Admin pipeline, in process):
 * what is read again first, what one call carries, and how each answer is read.
 */
const najalran = cafe24Connection({ partnerId: 'PNR001', mallId: 'najalran' });
const borasaeg = cafe24Connection({ partnerId: 'PNR002', mallId: 'borasaeg', supplierCode: 'S000000A' });
const conns = new Map<string, Cafe24Connection>([najalran, borasaeg].map((c) => [c.partnerId, c]));

let clock: SimClock;
let fake: SyncFake;
let gateway: ChannelGateway;
let cache: MemoryCache;

beforeEach(() => {
  clock = new SimClock(T0);
  ({ fake, gateway, cache } = fakeGateway([...conns.values()], clock, T0));
});

const mallItem = (mall: string, itemId: string) => [...fake.core.requireMall(mall).orders.values()].flatMap((o) => o.items).find((i) => i.order_item_code === itemId)!;
/** A new paid order in the mall, as the sheet sees it (line status paid). */
function newOrder(mall: 'najalran' | 'borasaeg', receiver: string, productNo: number): ShipLine {
  const o = fake.controls.addOrder(mall, { buyer: { name: receiver }, receiver: { name: receiver, cellphone: '010-1111-2222', address1: '서울 중구 1', address2: '1층' }, items: [{ product_no: productNo }] }) as { order_id: string };
  return {
    partnerId: mall === 'najalran' ? 'PNR001' : 'PNR002',
    orderId: o.order_id,
    itemId: `${o.order_id}-01`,
    receiverName: receiver,
    receiverPhone: '010-1111-2222',
    receiverZip: '',
    receiverAddress1: '서울 중구 1 1층',
    receiverAddress2: '',
    status: 'paid',
  };
}
const ship = (requests: ShipmentRequest[], holds: Record<string, string> = {}) => shipOrders(requests, new Map(), DAY_ONE_CARRIERS, conns, { gateway, cache, now: clock.now(), holds: settlementHolds(holds) });
const sent = () => fake.sent.map((r) => `${r.method.toUpperCase()} ${r.url.replace(/^https:\/\/([a-z0-9]+)\.cafe24api\.com\/api\/v2\/admin/, '$1 ').replace(/\?.*$/, '')}`);

test('one mall\'s orders are read again in one request, then its parcels go in one bulk call as in transit', () => {
  const a = newOrder('najalran', '가수령', 13);
  const b = newOrder('najalran', '나수령', 13);
  const r = ship([
    { line: a, carrierName: 'CJ대한통운', trackingNo: '680000000001' },
    { line: b, carrierName: '우체국', trackingNo: '6900-0041-47609' },
  ]);
  expect(r.outcomes.map((o) => o.kind)).toEqual(['sent', 'sent']);
  expect(sent()).toEqual(['GET najalran /orders', 'GET najalran /carriers', 'POST najalran /shipments']);
  expect(mallItem('najalran', a.itemId)).toMatchObject({ order_status: 'N30', tracking_no: '680000000001', shipping_company_code: '0006' });
  expect(mallItem('najalran', b.itemId)).toMatchObject({ order_status: 'N30', tracking_no: '6900004147609', shipping_company_code: '0012' });
  // The lines come back as the mall now has them, for the orders tab.
  expect(r.lines.find((l) => l.itemId === a.itemId)).toMatchObject({ status: 'shipping', rawStatus: 'N30', trackingNo: '680000000001', carrier: { code: '0006' } });
});

test('the mall\'s carrier list is read once and kept', () => {
  ship([{ line: newOrder('najalran', '가수령', 13), carrierName: 'CJ', trackingNo: '680000000001' }]);
  ship([{ line: newOrder('najalran', '나수령', 13), carrierName: 'CJ', trackingNo: '680000000002' }]);
  expect(sent().filter((s) => s.endsWith('/carriers'))).toHaveLength(1);
});

test('a number the mall already has for the item (a run stopped before writing the sheet) is not sent again', () => {
  const a = newOrder('najalran', '가수령', 13);
  const s = { connection: najalran, accessToken: String(fake.controls.issueToken('najalran').access_token) };
  expect(fake.http.executeAll([createShipment(s, { orderId: a.orderId, trackingNo: '680000000001', carrierCode: '0006', status: 'shipping', orderItemCodes: [a.itemId] })])[0]!.status).toBe(201);
  const before = fake.sent.length;
  const r = ship([{ line: a, carrierName: 'CJ', trackingNo: '6800-0000-0001' }]);
  expect(r.outcomes).toEqual([{ kind: 'sent', line: expect.objectContaining({ status: 'shipping' }), answer: '이미 같은 송장번호로 출고되어 있습니다' }]);
  expect(fake.sent.slice(before).filter((q) => q.method !== 'get')).toEqual([]);
});

test('a cancel asked since the sheet last looked holds the item; nothing is sent for it', () => {
  const a = newOrder('najalran', '가수령', 13);
  fake.controls.requestCancel('najalran', a.orderId);
  const r = ship([{ line: a, carrierName: 'CJ', trackingNo: '680000000001' }]);
  expect(r.outcomes).toEqual([{ kind: 'held', cause: 'cancelRequest', reason: '취소 요청이 있어 출고 보류' }]);
  expect(sent().filter((s) => s.startsWith('POST'))).toEqual([]);
});

test('a partner on a settlement hold is held before anything is asked of its mall', () => {
  const a = newOrder('borasaeg', '가수령', 102);
  const r = ship([{ line: a, carrierName: 'CJ', trackingNo: '680000000001' }], { PNR002: '예치금 잔액이 부족해 출고 보류' });
  expect(r.outcomes).toEqual([{ kind: 'held', cause: 'settlement', reason: '예치금 잔액이 부족해 출고 보류' }]);
  expect(fake.sent).toEqual([]);
});

test('one refused parcel in a bulk call (a 207) does not sink the others', () => {
  const a = newOrder('najalran', '가수령', 13);
  const b = newOrder('najalran', '나수령', 13);
  // The buyer's cancel lands between the fresh read and the send: the mall refuses that one.
  const original = fake.http.executeAll;
  fake.http.executeAll = (requests) => {
    if (requests.some((q) => q.method === 'post')) fake.controls.requestCancel('najalran', b.orderId);
    return original(requests);
  };
  const r = ship([
    { line: a, carrierName: 'CJ', trackingNo: '680000000001' },
    { line: b, carrierName: 'CJ', trackingNo: '680000000002' },
  ]);
  expect(r.outcomes[0]!.kind).toBe('sent');
  expect(r.outcomes[1]).toEqual({ kind: 'refused', reason: expect.stringMatching(/^카페24가 받지 않았습니다: .*cannot be shipped/) });
});

test('a mall that cannot be reached leaves the number to the next run', () => {
  const a = newOrder('najalran', '가수령', 13);
  fake.http.executeAll = (requests) => requests.map(() => ({ status: 503, headers: {}, body: '{"error":{"code":503,"message":"Service Unavailable"}}' }));
  const r = ship([{ line: a, carrierName: 'CJ', trackingNo: '680000000001' }]);
  expect(r.outcomes).toEqual([{ kind: 'failed', retry: true, reason: expect.stringMatching(/^주문을 다시 확인하지 못해 다음 실행에 보냅니다/) }]);
  expect(mallItem('najalran', a.itemId).order_status).toBe('N10');
});

test('order ids give the order day their reads are windowed by', () => {
  expect(orderDayOf('20261123-0000012')).toBe('2026-11-23');
  expect(orderDayOf('N-123')).toBeNull();
});

describe('a shipment POST that got no answer (a fetchAll that threw: outcome unknown)', () => {
  /** The mall carries the POST out (or never sees it) and the answer is lost on the way back. */
  function loseShipmentAnswers(reachesMall: boolean): void {
    const real = fake.http.executeAll;
    fake.http.executeAll = (requests) =>
      requests.flatMap((q) => {
        if (q.method !== 'post' || !q.url.includes('/shipments')) return real([q]);
        if (reachesMall) real([q]);
        else fake.sent.push(q);
        return [{ status: 0, headers: {}, body: 'Address unavailable: https://najalran.cafe24api.com (POST not sent again: its outcome is unknown)' }];
      });
  }

  test('the mall shows our number: the item is sent, and the POST is not sent again', () => {
    const a = newOrder('najalran', '가수령', 13);
    loseShipmentAnswers(true);
    const r = ship([{ line: a, carrierName: 'CJ', trackingNo: '680000000001' }]);
    expect(r.outcomes).toEqual([{ kind: 'sent', line: expect.objectContaining({ status: 'shipping', trackingNo: '680000000001' }), answer: expect.stringContaining('송장번호가 등록되어 있습니다') }]);
    expect(sent().filter((s) => s.startsWith('POST'))).toEqual(['POST najalran /shipments']);
    expect(sent().at(-1)).toBe('GET najalran /orders');
  });

  test('the mall does not show it: the item waits for the next run (which reads first), nothing is resent now', () => {
    const a = newOrder('najalran', '가수령', 13);
    loseShipmentAnswers(false);
    const r = ship([{ line: a, carrierName: 'CJ', trackingNo: '680000000001' }]);
    expect(r.outcomes).toEqual([{ kind: 'failed', reason: expect.any(String), retry: true }]);
    expect(sent().filter((s) => s.startsWith('POST'))).toEqual(['POST najalran /shipments']);
    expect(mallItem('najalran', a.itemId).order_status).toBe('N10');
  });
});

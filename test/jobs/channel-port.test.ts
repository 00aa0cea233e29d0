/**
 * The jobs against the channel port alone: an in-memory channel (memory-channel.ts) stands in
 * for Cafe24, Naver or Coupang, with the real gateway between them. No Apps Script runtime, no
 * channel's own words: what these specs hold, holds for every channel that implements the port.
 */
import type { SalesChannel } from '../../src/channels/port';
import { DAY_ONE_CARRIERS } from '../../src/core/carriers';
import { MemoryCache, MemoryStore, SimClock } from './memory-ports';
import { MEMORY, MemoryChannel, serveFromRegistry, memoryAccount, memoryLine } from './memory-channel';
import type * as CollectOrders from '../../src/jobs/collect-orders';
import type * as RereadOrders from '../../src/jobs/reread-orders';
import type * as PushStock from '../../src/jobs/push-stock';
import type * as ShipOrders from '../../src/jobs/ship-orders';
import type * as ClaimActions from '../../src/jobs/claim-actions';
import type * as ProductPush from '../../src/jobs/product-push';
import type * as Gateway from '../../src/jobs/gateway';
import type * as Kept from '../../src/jobs/kept';

const channel = new MemoryChannel();
serveFromRegistry(channel);
const { collectOrders, commitCursors } = require('../../src/jobs/collect-orders') as typeof CollectOrders;
const { cursorKey } = require('../../src/jobs/kept') as typeof Kept;
const { rereadOrders } = require('../../src/jobs/reread-orders') as typeof RereadOrders;
const { pushStock } = require('../../src/jobs/push-stock') as typeof PushStock;
const { settlementHolds, shipOrders } = require('../../src/jobs/ship-orders') as typeof ShipOrders;
const { runClaimActions } = require('../../src/jobs/claim-actions') as typeof ClaimActions;
const { pushProductSteps } = require('../../src/jobs/product-push') as typeof ProductPush;
const { ChannelGateway } = require('../../src/jobs/gateway') as typeof Gateway;

const T0 = Date.UTC(2026, 11, 4, 0, 0, 0);
const own = memoryAccount('PNR001', 'ownshop');
const reseller = memoryAccount('PNR002', 'resell');
const accounts = new Map([own, reseller].map((a) => [a.partnerId, a]));

let clock: SimClock;
let store: MemoryStore;
let cache: MemoryCache;
const gateway = () => new ChannelGateway({ http: channel.http, sleeper: clock, clock, cache, transports: [channel.transport()], deadline: clock.now() + 60_000 });

beforeEach(() => {
  Object.assign(channel, { seq: 0 });
  channel.orders_.length = 0;
  channel.received.length = 0;
  channel.shipments.length = 0;
  channel.decisions.length = 0;
  channel.catalog_.clear();
  channel.stock_.clear();
  channel.disconnected.clear();
  channel.accountOf.set('PNR001', 'ownshop').set('PNR002', 'resell');
  clock = new SimClock(T0);
  store = new MemoryStore();
  cache = new MemoryCache();
});

describe('collecting orders', () => {
  test('every account is read to its last page in shared rounds, and its cursor is offered only once all is read', () => {
    for (let n = 1; n <= 3; n++) channel.addOrder(memoryLine('PNR001', `A-${n}`, 1));
    channel.addOrder(memoryLine('PNR002', 'B-1', 1));
    const result = collectOrders([own, reseller], { gateway: gateway(), store, clock, turn: 0 });
    expect(result.lines.map((l) => l.itemId).sort()).toEqual(['A-1-1', 'A-2-1', 'A-3-1', 'B-1-1']);
    expect([...result.completed].sort()).toEqual(['PNR001', 'PNR002']);
    // Two pages for the own shop, one for the reseller: the second round asks only what is left.
    expect(channel.received).toEqual(['ownshop orders.changed', 'resell orders.changed', 'ownshop orders.changed']);
    expect(result.cursors).toEqual({ PNR001: '4', PNR002: '4' });
    // The job keeps a cursor only when told to (after the lines are in the sheet).
    expect(store.get(cursorKey(own))).toBeNull();
    commitCursors(store, [own, reseller], result.cursors);
    expect(store.get(cursorKey(own))).toBe('4');
  });

  test('the next collect reads only what changed since the kept cursor', () => {
    channel.addOrder(memoryLine('PNR001', 'A-1', 1));
    commitCursors(store, [own], collectOrders([own], { gateway: gateway(), store, clock, turn: 0 }).cursors);
    channel.change('A-1-1', { status: 'cancelRequested', rawStatus: 'CANCEL_REQUESTED' });
    const again = collectOrders([own], { gateway: gateway(), store, clock, turn: 1 });
    expect(again.lines).toEqual([expect.objectContaining({ itemId: 'A-1-1', status: 'cancelRequested' })]);
  });

  test('an account that fails keeps its cursor and says why; the others go on', () => {
    channel.addOrder(memoryLine('PNR001', 'A-1', 1));
    channel.addOrder(memoryLine('PNR002', 'B-1', 1));
    channel.failNext('resell', 'orders.changed', 403);
    const result = collectOrders([own, reseller], { gateway: gateway(), store, clock, turn: 0 });
    expect(result.lines.map((l) => l.itemId)).toEqual(['A-1-1']);
    expect(result.completed).toEqual(['PNR001']);
    expect(Object.keys(result.cursors)).toEqual(['PNR001']);
    expect(result.errors).toEqual([{ partnerId: 'PNR002', error: expect.objectContaining({ status: 403, userMessage: '메모리몰 오류 (403)' }), deferred: false }]);
  });
});

describe('reading orders again', () => {
  test('given orders come back as lines; an account that cannot answer names each order it could not read', () => {
    channel.addOrder(memoryLine('PNR001', 'A-1', 1));
    channel.addOrder(memoryLine('PNR002', 'B-1', 1));
    channel.failNext('resell', 'orders.get', 400);
    const r = rereadOrders([{ partnerId: 'PNR001', orderId: 'A-1' }, { partnerId: 'PNR002', orderId: 'B-1' }, { partnerId: 'PNR009', orderId: 'X' }], accounts, gateway(), clock.now());
    expect(r.lines.map((l) => l.itemId)).toEqual(['A-1-1']);
    expect(r.failed).toEqual([expect.objectContaining({ partnerId: 'PNR002', orderId: 'B-1', deferred: false })]);
  });
});

describe('pushing stock', () => {
  const products = [{ sku: 'SKU-1', name: '린넨 셔츠', option: '', barcode: null, wholesalePrice: 5000, retailPrice: 10000, warehouseStock: 10, safetyStock: 0, status: 'selling' }] as never;
  const ratio = (partnerId: string, r: number, address?: { productNo: string; variantCode: string }) =>
    ({ sku: 'SKU-1', partnerId, ratio: r, sellable: true, salePrice: null, channelProductNo: address?.productNo ?? null, channelVariantCode: address?.variantCode ?? null, pushedStock: null }) as never;

  test('each account gets its share at the address it has (found in its catalog when the sheet has none)', () => {
    channel.catalog_.set('resell', [
      { sku: 'OTHER', address: { productNo: '1', variantCode: 'V1' } },
      { sku: 'OTHER2', address: { productNo: '2', variantCode: 'V2' } },
      { sku: 'SKU-1', address: { productNo: '3', variantCode: 'V3' } },
    ]);
    const report = pushStock(
      { products, ratios: [ratio('PNR001', 100, { productNo: '9', variantCode: 'V9' }), ratio('PNR002', 50)], reserved: new Map(), conns: accounts, oversellGuard: false },
      gateway(),
    );
    expect(report.results.map((r) => [r.partnerId, r.pushed, r.target.quantity, r.productNo])).toEqual(
      expect.arrayContaining([
        ['PNR001', true, 10, '9'],
        ['PNR002', true, 5, '3'],
      ]),
    );
    expect(channel.stock_).toEqual(new Map([['ownshop|9|V9', 10], ['resell|3|V3', 5]]));
    // The catalog was read page after page, only for the account that lacked an address.
    expect(channel.received.filter((r) => r.endsWith('catalog.list'))).toEqual(['resell catalog.list', 'resell catalog.list']);
  });
});

describe('shipping', () => {
  const request = (orderId: string, trackingNo: string) => ({ line: memoryLine('PNR001', orderId, 1), carrierName: 'CJ대한통운', trackingNo });
  const ship = (requests: ReturnType<typeof request>[], holds: Record<string, string> = {}) =>
    shipOrders(requests, new Map(), DAY_ONE_CARRIERS, accounts, { gateway: gateway(), cache, now: clock.now(), holds: settlementHolds(holds) });

  test('a parcel is checked against the channel, sent once with its carrier code, and the line shows it in transit', () => {
    channel.addOrder(memoryLine('PNR001', 'A-1', 1));
    const r = ship([request('A-1', '680000000001')]);
    expect(r.outcomes).toEqual([{ kind: 'sent', line: expect.objectContaining({ status: 'shipping', rawStatus: 'SHIPPING', trackingNo: '680000000001' }), answer: '메모리몰: 배송중' }]);
    expect(channel.shipments).toEqual([{ account: 'ownshop', orderId: 'A-1', itemIds: ['A-1-1'], trackingNo: '680000000001', carrierCode: 'CJ' }]);
    expect(channel.received).toEqual(['ownshop orders.get', 'ownshop carriers.list', 'ownshop shipments.create']);
  });

  test('a settlement hold keeps the parcel at home; nothing is asked of the channel', () => {
    channel.addOrder(memoryLine('PNR001', 'A-1', 1));
    const r = ship([request('A-1', '680000000001')], { PNR001: '출고 보류: 정산 미납' });
    expect(r.outcomes).toEqual([{ kind: 'held', cause: 'settlement', reason: '출고 보류: 정산 미납' }]);
    expect(channel.received).toEqual([]);
  });

  test('a cancel requested at the channel since the sheet looked holds the item', () => {
    channel.addOrder(memoryLine('PNR001', 'A-1', 1, { status: 'cancelRequested', rawStatus: 'CANCEL_REQUESTED', claim: 'cancel' }));
    const r = ship([request('A-1', '680000000001')]);
    expect(r.outcomes[0]).toMatchObject({ kind: 'held', cause: 'cancelRequest' });
    expect(channel.shipments).toEqual([]);
  });

  test('a create that got no answer is never sent again blindly: the channel is read, and what it shows decides', () => {
    channel.addOrder(memoryLine('PNR001', 'A-1', 1));
    channel.failNext('ownshop', 'shipments.create', 0);
    const first = ship([request('A-1', '680000000001')]);
    expect(first.outcomes[0]).toMatchObject({ kind: 'failed', retry: true });
    expect(channel.received.filter((r) => r.endsWith('shipments.create'))).toHaveLength(1);
    // The parcel did not land: the next run sends it (once).
    const second = ship([request('A-1', '680000000001')]);
    expect(second.outcomes[0]).toMatchObject({ kind: 'sent' });
    expect(channel.shipments).toHaveLength(1);
  });
});

describe('answering claims', () => {
  test('staff\'s answer goes through the channel; a partner with no connection is told so in the channel\'s name', () => {
    const partners = new Map([
      ['PNR001', { role: 'own' as const, channel: MEMORY }],
      ['PNR002', { role: 'reseller' as const, channel: MEMORY }],
    ]);
    const jobs = [
      { partnerId: 'PNR001', orderId: 'A-1', itemId: 'A-1-1', claimCode: 'C1', quantity: 1, command: { kind: 'acceptCancel' as const, auto: false } },
      { partnerId: 'PNR002', orderId: 'B-1', itemId: 'B-1-1', claimCode: 'C2', quantity: 1, command: { kind: 'acceptCancel' as const, auto: false } },
    ];
    const out = runClaimActions(jobs, new Map([['PNR001', own]]), partners, gateway());
    expect(out[0]).toEqual({ ok: true, said: 'canceled' });
    expect(out[1]).toMatchObject({ ok: false, deferred: false, error: { userMessage: '메모리몰에 연결되지 않은 파트너입니다. 파트너를 연결한 뒤 다시 처리요청하세요' } });
    expect(channel.decisions).toEqual([{ account: 'ownshop', itemId: 'A-1-1', command: 'acceptCancel' }]);
  });
});

describe('pushing products', () => {
  test('a channel that takes no products from us leaves its listings alone: the step waits, nothing is sent', () => {
    expect((channel as SalesChannel).products).toBeUndefined();
    const steps = [{ kind: 'update' as const, sku: 'SKU-1', partnerId: 'PNR001', fingerprint: 'f', productNo: '9', patch: { price: 12000 as never }, firstSend: false }];
    expect(pushProductSteps(steps, accounts, gateway())).toEqual([expect.objectContaining({ ok: false, action: 'deferred' })]);
    expect(channel.received).toEqual([]);
  });
});

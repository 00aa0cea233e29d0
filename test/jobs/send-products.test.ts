/**
 * Sending products as a use case, with no runtime: the products and stock-ratio tabs, the
 * document's properties and a channel that takes products, all in memory.
 */
import type * as Gateway from '../../src/jobs/gateway';
import type * as Kept from '../../src/jobs/kept';
import type * as SendProducts from '../../src/jobs/send-products';
import { PRODUCTS, STOCK_RATIOS } from '../../src/sheet/tabs';
import { MEMORY, MemoryChannel, serveFromRegistry, memoryAccount } from './memory-channel';
import { MemoryCache, MemoryStore, SimClock } from './memory-ports';
import { MemoryTables } from './memory-tables';
import { partner } from './product-fixture';

const channel = new MemoryChannel();
serveFromRegistry(channel);
const { sendProducts } = require('../../src/jobs/send-products') as typeof SendProducts;
const { ChannelGateway } = require('../../src/jobs/gateway') as typeof Gateway;
const { EDITED_KEY } = require('../../src/jobs/kept') as typeof Kept;

const T0 = Date.UTC(2026, 11, 4, 0, 0, 0);
const own = memoryAccount('PNR001', 'ownshop');
const partners = [{ ...partner('PNR001', 'own'), channel: MEMORY }];

let clock: SimClock;
let tables: MemoryTables;
let properties: MemoryStore;

beforeEach(() => {
  channel.listings.clear();
  channel.received.length = 0;
  channel.takeProducts();
  channel.accountOf.set('PNR001', 'ownshop');
  clock = new SimClock(T0);
  tables = new MemoryTables();
  properties = new MemoryStore();
  tables.put(PRODUCTS, [{ sku: 'TB-001', name: '린넨 셔츠', wholesalePrice: 12000, retailPrice: 29000, warehouseStock: 10, productStatus: '판매중' }]);
  tables.put(STOCK_RATIOS, [{ sku: 'TB-001', partnerId: 'PNR001', sellable: true, ratio: 100 }]);
});

function run() {
  const gateway = new ChannelGateway({ http: channel.http, sleeper: clock, clock, cache: new MemoryCache(), transports: [channel.transport()], deadline: clock.now() + 60_000 });
  return sendProducts(tables, partners, new Map([['PNR001', own]]), gateway, new Date(clock.now()), properties);
}

test('after an edit, a product on sale is created in the account that sells it, and both tabs say so', () => {
  properties.set(EDITED_KEY, String(T0 - 1000));
  const report = run();
  expect(report).toMatchObject({ created: 1, failed: 0, read: true });
  expect(channel.listings.get('ownshop|TB-001')).toEqual({ productNo: '100', fields: expect.objectContaining({ productName: '린넨 셔츠', price: 29000, customProductCode: 'TB-001' }) });
  expect(tables.row(STOCK_RATIOS, 'TB-001|PNR001')).toMatchObject({ channelProductNo: '100', channelVariantCode: '100-V', status: '' });
  expect(tables.row(PRODUCTS, 'TB-001')).toMatchObject({ pushStatus: 'PNR001 등록', updatedAt: new Date(T0) });
});

test('a quiet minute after that reads no tab and sends nothing', () => {
  properties.set(EDITED_KEY, String(T0 - 1000));
  run();
  tables.calls.length = 0;
  channel.received.length = 0;
  clock.advance(60_000);
  expect(run()).toMatchObject({ read: false, created: 0 });
  expect(tables.calls).toEqual([]);
  expect(channel.received).toEqual([]);
});

test('what the channel would refuse is said on the ratio row before anything is sent', () => {
  tables.put(PRODUCTS, [{ sku: 'TB-001', name: '아주 긴 이름의 린넨 셔츠 — 봄 여름 가을 겨울 사계절용 특별판', wholesalePrice: 12000, retailPrice: 29000, warehouseStock: 10, productStatus: '판매중' }]);
  properties.set(EDITED_KEY, String(T0 - 1000));
  run();
  expect(channel.received).toEqual([]);
  expect(tables.row(STOCK_RATIOS, 'TB-001|PNR001')).toMatchObject({ status: '상품명이 30자를 넘습니다' });
  expect(tables.row(PRODUCTS, 'TB-001')).toMatchObject({ pushStatus: 'PNR001 보류' });
});

/**
 * Pushing stock as a use case, with no runtime: the products, stock-ratio and orders tabs in
 * memory, a channel in memory. Each account gets its share of what is available, and each ratio
 * row says what was sent and how it was computed.
 */
import type * as Gateway from '../../src/jobs/gateway';
import type * as PushStockStep from '../../src/jobs/push-stock-step';
import { ORDERS, PRODUCTS, STOCK_RATIOS } from '../../src/sheet/tabs';
import { MEMORY, MemoryChannel, memoryAccount, serveFromRegistry } from './memory-channel';
import { MemoryCache, SimClock } from './memory-ports';
import { MemoryTables } from './memory-tables';
import { partner } from './product-fixture';

const channel = new MemoryChannel();
serveFromRegistry(channel);
const { pushStockStep } = require('../../src/jobs/push-stock-step') as typeof PushStockStep;
const { ChannelGateway } = require('../../src/jobs/gateway') as typeof Gateway;

const T0 = Date.UTC(2026, 11, 4, 3, 0, 0);
const partners = [
  { ...partner('PNR001', 'own'), channel: MEMORY },
  { ...partner('PNR002', 'reseller'), channel: MEMORY },
];
const own = memoryAccount('PNR001', 'ownshop');

let clock: SimClock;
let tables: MemoryTables;

beforeEach(() => {
  channel.stock_.clear();
  channel.received.length = 0;
  clock = new SimClock(T0);
  tables = new MemoryTables();
  tables.put(PRODUCTS, [{ sku: 'TB-001', name: '린넨 셔츠', wholesalePrice: 12000, retailPrice: 29000, warehouseStock: 10, productStatus: '판매중' }]);
  tables.put(STOCK_RATIOS, [{ sku: 'TB-001', partnerId: 'PNR001', sellable: true, ratio: 100, channelProductNo: '9', channelVariantCode: 'V9' }]);
  tables.put(ORDERS, []);
});

function run() {
  const gateway = new ChannelGateway({ http: channel.http, sleeper: clock, clock, cache: new MemoryCache(), transports: [channel.transport()], deadline: clock.now() + 60_000 });
  return pushStockStep(tables, partners, new Map([['PNR001', own]]), gateway, new Date(clock.now()));
}

test('the connected account gets its share, and its ratio row says what was sent and when', () => {
  const report = run();
  expect(report).toMatchObject({ pushed: 1, failed: 0 });
  expect(channel.stock_).toEqual(new Map([['ownshop|9|V9', 10]]));
  expect(tables.row(STOCK_RATIOS, 'TB-001|PNR001')).toMatchObject({ pushedStock: 10, pushedAt: new Date(T0), status: '' });
  expect(String(tables.row(STOCK_RATIOS, 'TB-001|PNR001').computation)).not.toBe('');
});

test('a partner without a ratio row gets one to fill in, not sellable until staff say so', () => {
  const report = run();
  expect(report.rowsAdded).toBe(1);
  expect(tables.row(STOCK_RATIOS, 'TB-001|PNR002')).toMatchObject({ sku: 'TB-001', partnerId: 'PNR002', sellable: false });
});

test('a partner not connected yet is told so in its channel\'s name; nothing is sent for it', () => {
  run();
  tables.writeByKey(STOCK_RATIOS, [{ key: 'TB-001|PNR002', values: { sellable: true, ratio: 50 } }]);
  run();
  expect(tables.row(STOCK_RATIOS, 'TB-001|PNR002')).toMatchObject({ status: '메모리몰 연결 후 전송됩니다' });
  expect(channel.received.every((r) => r.startsWith('ownshop'))).toBe(true);
});

test('an empty orders tab is asked whether it has rows, not read', () => {
  run();
  expect(tables.calls).toContain('hasRows 주문');
  expect(tables.calls).not.toContain('grid 주문');
});

test('a SKU an account neither carries nor is meant to sell costs one catalog read, not one every run', () => {
  // PNR001's row for TB-002 says 판매 안 함, and its catalog has no TB-002: nothing to send, ever.
  channel.catalog_.set('ownshop', [{ sku: 'TB-001', address: { productNo: '9', variantCode: 'V9' } }]);
  tables.put(PRODUCTS, [
    { sku: 'TB-001', name: '린넨 셔츠', wholesalePrice: 12000, retailPrice: 29000, warehouseStock: 10, productStatus: '판매중' },
    { sku: 'TB-002', name: '린넨 바지', wholesalePrice: 15000, retailPrice: 39000, warehouseStock: 5, productStatus: '판매중' },
  ]);
  tables.put(STOCK_RATIOS, [
    { sku: 'TB-001', partnerId: 'PNR001', sellable: true, ratio: 100, channelProductNo: '9', channelVariantCode: 'V9' },
    { sku: 'TB-002', partnerId: 'PNR001', sellable: false, ratio: '' },
  ]);
  run();
  for (const stock of [9, 8, 7]) {
    tables.writeByKey(PRODUCTS, [{ key: 'TB-001', values: { warehouseStock: stock } }]);
    run();
  }
  expect(channel.received.filter((r) => r === 'ownshop catalog.list')).toHaveLength(1);
  expect(channel.stock_.get('ownshop|9|V9')).toBe(7);
  expect(tables.row(STOCK_RATIOS, 'TB-002|PNR001').status).toBe('몰에 이 SKU의 상품이 없습니다(판매 안 함: 보낼 것 없음)');
});

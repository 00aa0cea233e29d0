/**
 * Sending tracking numbers as a use case, with no runtime: the orders, import and carriers tabs
 * in memory, a channel in memory. Staff type a number on an order row or paste one into the
 * import tab; the channel gets the parcel once, and each row says what happened.
 */
import type * as Gateway from '../../src/jobs/gateway';
import type * as SendTracking from '../../src/jobs/send-tracking';
import type * as ShipOrders from '../../src/jobs/ship-orders';
import { orderRow } from '../../src/sheet/orders';
import { ORDERS, TRACKING_IMPORT } from '../../src/sheet/tabs';
import { MemoryChannel, memoryAccount, memoryLine, serveFromRegistry } from './memory-channel';
import { MemoryCache, SimClock } from './memory-ports';
import { MemoryTables } from './memory-tables';

const channel = new MemoryChannel();
serveFromRegistry(channel);
const { sendTrackingNumbers } = require('../../src/jobs/send-tracking') as typeof SendTracking;
const { settlementHolds } = require('../../src/jobs/ship-orders') as typeof ShipOrders;
const { ChannelGateway } = require('../../src/jobs/gateway') as typeof Gateway;

const T0 = Date.UTC(2026, 11, 4, 3, 0, 0);
const accounts = new Map([['PNR001', memoryAccount('PNR001', 'ownshop')]]);

let clock: SimClock;
let tables: MemoryTables;

beforeEach(() => {
  channel.orders_.length = 0;
  channel.shipments.length = 0;
  channel.received.length = 0;
  channel.accountOf.set('PNR001', 'ownshop');
  clock = new SimClock(T0);
  tables = new MemoryTables();
  const a = memoryLine('PNR001', 'A-1', 1, { receiverName: '김수령' });
  const b = memoryLine('PNR001', 'B-1', 1, { receiverName: '이수령', receiverAddress1: '부산 해운대구 2' });
  channel.addOrder(a);
  channel.addOrder(b);
  tables.put(ORDERS, [orderRow(a, 'ko'), orderRow(b, 'ko')]);
  tables.put(TRACKING_IMPORT, []);
});

function run(holds: Record<string, string> = {}, opts: { onlyImport?: string } = {}) {
  const gateway = new ChannelGateway({ http: channel.http, sleeper: clock, clock, cache: new MemoryCache(), transports: [channel.transport()], deadline: clock.now() + 60_000 });
  return sendTrackingNumbers(tables, accounts, gateway, new MemoryCache(), clock.now(), settlementHolds(holds), opts);
}

test('a number typed on an order row goes to the channel once, and the row says it was sent', () => {
  tables.writeByKey(ORDERS, [{ key: 'PNR001|A-1-1', values: { carrier: 'CJ대한통운', trackingNo: '680000000001' } }]);
  const report = run();
  expect(report).toMatchObject({ sent: 1, held: 0, refused: 0, retry: false });
  expect(channel.shipments).toEqual([{ account: 'ownshop', orderId: 'A-1', itemIds: ['A-1-1'], trackingNo: '680000000001', carrierCode: 'CJ' }]);
  expect(tables.row(ORDERS, 'PNR001|A-1-1')).toMatchObject({ status: expect.stringMatching(/^✓ .* 출고 전송 \(메모리몰: 배송중\)$/), todo: '' });
  // The line as the channel now has it, for the sync to write to the orders tab.
  expect(report.lines).toEqual(expect.arrayContaining([expect.objectContaining({ itemId: 'A-1-1', status: 'shipping', trackingNo: '680000000001' })]));
});

test('a number pasted into the import tab by order id ships that order, and the import row is closed', () => {
  tables.put(TRACKING_IMPORT, [{ ref: 'B-1', carrier: 'CJ대한통운', trackingNo: '680000000002' }]);
  const report = run();
  expect(report.sent).toBe(1);
  expect(tables.row(TRACKING_IMPORT, 'B-1|680000000002')).toMatchObject({ status: '✓ 1개 품목 출고 (주문 B-1)', processedAt: new Date(T0) });
});

test('a partner held by the settlement keeps its parcels: the row says why, the channel hears nothing', () => {
  tables.writeByKey(ORDERS, [{ key: 'PNR001|A-1-1', values: { carrier: 'CJ대한통운', trackingNo: '680000000001' } }]);
  const report = run({ PNR001: '출고 보류: 정산 미납' });
  expect(report).toMatchObject({ sent: 0, held: 1 });
  expect(channel.received).toEqual([]);
  expect(tables.row(ORDERS, 'PNR001|A-1-1')).toMatchObject({ status: '⏸ 출고 보류: 정산 미납' });
});

test('a scan sends only its own import row; numbers typed elsewhere wait for the sync', () => {
  tables.writeByKey(ORDERS, [{ key: 'PNR001|A-1-1', values: { carrier: 'CJ대한통운', trackingNo: '680000000001' } }]);
  tables.put(TRACKING_IMPORT, [{ ref: 'B-1', carrier: 'CJ대한통운', trackingNo: '680000000002' }]);
  run({}, { onlyImport: 'B-1|680000000002' });
  expect(channel.shipments.map((s) => s.orderId)).toEqual(['B-1']);
});

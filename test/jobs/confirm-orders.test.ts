/**
 * 발주확인 as a use case, with no runtime: the orders tab and a marketplace in memory. New paid
 * orders are confirmed at once for a partner set so, otherwise when staff tick them; each row
 * says what became of it, and an order is confirmed once.
 */
import type * as Confirm from '../../src/jobs/confirm-orders';
import type * as Gateway from '../../src/jobs/gateway';
import type { OrderLine } from '../../src/core/order';
import type { Partner } from '../../src/core/partner';
import { orderRow } from '../../src/sheet/orders';
import { ORDERS } from '../../src/sheet/tabs';
import { MEMORY, MemoryChannel, memoryAccount, memoryLine, serveFromRegistry } from './memory-channel';
import { MemoryCache, SimClock } from './memory-ports';
import { MemoryTables } from './memory-tables';
import { partner as partnerFixture } from './product-fixture';

const channel = new MemoryChannel();
serveFromRegistry(channel);
const { confirmOrders } = require('../../src/jobs/confirm-orders') as typeof Confirm;
const { ChannelGateway } = require('../../src/jobs/gateway') as typeof Gateway;

const T0 = Date.UTC(2026, 11, 4, 0, 30, 0); // 09:30 in Seoul
const accounts = new Map([['PNR004', memoryAccount('PNR004', 'store4')]]);
const store4 = (over: Partial<Partner> = {}): Partner => ({ ...partnerFixture('PNR004'), channel: MEMORY, accountId: 'store4', confirmAtOnce: false, ...over });

let clock: SimClock;
let tables: MemoryTables;
let a: OrderLine;
let b: OrderLine;

beforeEach(() => {
  channel.orders_.length = 0;
  channel.received.length = 0;
  channel.confirmed.length = 0;
  channel.accountOf.set('PNR004', 'store4');
  clock = new SimClock(T0);
  tables = new MemoryTables();
  a = memoryLine('PNR004', 'A-1', 1);
  b = memoryLine('PNR004', 'B-1', 1);
  channel.addOrder(a);
  channel.addOrder(b);
  tables.put(ORDERS, [orderRow(a, 'ko'), orderRow(b, 'ko')]);
});

function run(opts: { partner?: Partner; fresh?: OrderLine[]; ticksAsked?: boolean } = {}) {
  const gateway = new ChannelGateway({ http: channel.http, sleeper: clock, clock, cache: new MemoryCache(), transports: [channel.transport()], deadline: clock.now() + 60_000 });
  return confirmOrders(tables, { fresh: opts.fresh ?? [], partners: [opts.partner ?? store4()], conns: accounts, gateway, ticksAsked: opts.ticksAsked ?? false, now: clock.now() });
}

const tick = (itemId: string) => tables.writeByKey(ORDERS, [{ key: `PNR004|${itemId}`, values: { confirm: true } }]);

describe('a partner set to confirm at once', () => {
  test('has its new paid orders confirmed in the run that collected them, and the rows say so', () => {
    const report = run({ partner: store4({ confirmAtOnce: true }), fresh: [a, b] });
    expect(channel.confirmed).toEqual(['store4 A-1-1', 'store4 B-1-1']);
    expect(tables.row(ORDERS, 'PNR004|A-1-1')).toMatchObject({ status: '✓ 12-04 09:30 발주확인 (메모리몰)' });
    // The orders as the channel now has them, for the sync to write: no longer 결제완료.
    expect(report.lines.map((l) => [l.itemId, l.status])).toEqual([['A-1-1', 'preparing'], ['B-1-1', 'preparing']]);
    expect(report).toMatchObject({ refused: 0, retry: false, messages: ['발주확인 2건'] });
  });

  test('does not confirm lines that are not new paid orders', () => {
    run({ partner: store4({ confirmAtOnce: true }), fresh: [{ ...a, status: 'cancelRequested' }] });
    expect(channel.confirmed).toEqual([]);
  });
});

describe('a partner confirmed by hand', () => {
  test('confirms nothing on its own', () => {
    run({ fresh: [a, b], ticksAsked: true });
    expect(channel.received).toEqual([]);
  });

  test('confirms the rows staff ticked, reading each order first, and clears the tick', () => {
    tick('A-1-1');
    run({ ticksAsked: true });
    expect(channel.confirmed).toEqual(['store4 A-1-1']);
    expect(channel.received[0]).toBe('store4 orders.get');
    expect(tables.row(ORDERS, 'PNR004|A-1-1')).toMatchObject({ confirm: false, status: expect.stringMatching(/^✓ .* 발주확인/) });
    expect(tables.row(ORDERS, 'PNR004|B-1-1')).toMatchObject({ status: '' });
  });

  test('a ticked order the buyer cancelled meanwhile is not confirmed: its line comes back as it now is', () => {
    tick('A-1-1');
    channel.change('A-1-1', { status: 'cancelRequested', rawStatus: 'CANCEL_REQUESTED' });
    const report = run({ ticksAsked: true });
    expect(channel.confirmed).toEqual([]);
    expect(report.lines).toContainEqual(expect.objectContaining({ itemId: 'A-1-1', status: 'cancelRequested' }));
    expect(tables.row(ORDERS, 'PNR004|A-1-1')).toMatchObject({ confirm: false });
  });
});

test('an order confirmed once is not sent again: its row has moved on', () => {
  tick('A-1-1');
  const first = run({ ticksAsked: true });
  tables.put(ORDERS, [orderRow(first.lines.find((l) => l.itemId === 'A-1-1')!, 'ko'), orderRow(b, 'ko')]);
  tick('A-1-1');
  channel.received.length = 0;
  run({ ticksAsked: true });
  expect(channel.received).toEqual([]);
  expect(channel.confirmed).toEqual(['store4 A-1-1']);
  expect(tables.row(ORDERS, 'PNR004|A-1-1')).toMatchObject({ confirm: false });
});

test('a confirm the channel could not take now keeps its tick and is tried with the next run', () => {
  tick('A-1-1');
  channel.failNext('store4', 'orders.confirm', 503);
  const report = run({ ticksAsked: true });
  expect(report.retry).toBe(true);
  expect(tables.row(ORDERS, 'PNR004|A-1-1')).toMatchObject({ confirm: true, status: expect.stringContaining('다음 실행에 다시 시도') });
  expect(run({ ticksAsked: true }).retry).toBe(false);
  expect(channel.confirmed).toEqual(['store4 A-1-1']);
});

test('a confirm the channel refused says why on the row, in its name', () => {
  const report = run({ partner: store4({ confirmAtOnce: true }), fresh: [a, { ...b }] , ticksAsked: false });
  expect(report.refused).toBe(0);
  channel.change('B-1-1', { status: 'cancelled', rawStatus: 'CANCELLED' });
  const again = run({ partner: store4({ confirmAtOnce: true }), fresh: [{ ...b, status: 'paid' }] });
  expect(again.refused).toBe(1);
  expect(tables.row(ORDERS, 'PNR004|B-1-1')).toMatchObject({ status: '✗ 메모리몰이 발주확인을 받지 않았습니다: 결제완료 상태가 아닙니다' });
});

test('many orders go in calls of the size the channel allows', () => {
  const more = ['C-1', 'D-1', 'E-1'].map((id) => memoryLine('PNR004', id, 1));
  for (const l of more) channel.addOrder(l);
  tables.put(ORDERS, [a, b, ...more].map((l) => orderRow(l, 'ko')));
  run({ partner: store4({ confirmAtOnce: true }), fresh: [a, b, ...more] });
  expect(channel.received.filter((r) => r.endsWith('orders.confirm'))).toHaveLength(3);
  expect(channel.confirmed).toHaveLength(5);
});

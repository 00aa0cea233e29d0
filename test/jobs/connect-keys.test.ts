/**
 * Connecting a marketplace with its API keys, as a use case: the keys are checked against the
 * channel's fields, kept in the store (never in a cell), and tried at once, so staff see what
 * the marketplace answered.
 */
import type * as ConnectKeys from '../../src/jobs/connect-keys';
import type * as Gateway from '../../src/jobs/gateway';
import { apiKeysKey, keysFrom, readApiKeys } from '../../src/channels/api-keys';
import { MEMORY, MemoryChannel, memoryLine, serveFromRegistry } from './memory-channel';
import { MemoryCache, MemoryStore, SimClock } from './memory-ports';
import { partner } from './product-fixture';

const channel = new MemoryChannel();
serveFromRegistry(channel);
const { connectWithKeys } = require('../../src/jobs/connect-keys') as typeof ConnectKeys;
const { ChannelGateway } = require('../../src/jobs/gateway') as typeof Gateway;

const store4 = { ...partner('PNR004'), channel: MEMORY, accountId: 'store4' };
let store: MemoryStore;

beforeEach(() => {
  store = new MemoryStore();
  channel.orders_.length = 0;
  channel.received.length = 0;
  channel.accountOf.set('PNR004', 'store4');
});

function connect(values: unknown) {
  const clock = new SimClock(Date.UTC(2026, 11, 4, 1, 0, 0));
  const gateway = new ChannelGateway({ http: channel.http, sleeper: clock, clock, cache: new MemoryCache(), transports: [channel.transport()], deadline: clock.now() + 30_000 });
  return connectWithKeys(store4, values, { store, gateway, now: clock.now() });
}

test('keys that fit are kept in the store and tried at once with a read of recent orders', () => {
  channel.addOrder(memoryLine('PNR004', 'A-1', 1));
  const r = connect({ sellerId: ' store4 ', secret: 'k3y' });
  expect(r).toEqual({ ok: true, saved: true, message: '메모리몰 연결 확인: 주문 조회에 성공했습니다 (최근 변경 1건)' });
  expect(readApiKeys(store, MEMORY, 'PNR004')).toEqual({ sellerId: 'store4', secret: 'k3y' });
  expect(channel.received).toEqual(['store4 orders.changed']);
});

test('a missing or mangled key is refused before anything is kept or sent', () => {
  expect(connect({ sellerId: 'store4' })).toEqual({ ok: false, saved: false, message: '시크릿 키를 입력하세요' });
  expect(connect({ sellerId: 'store4', secret: 'two words' })).toMatchObject({ ok: false, saved: false, message: expect.stringContaining('공백 없이') });
  expect(connect('not an object')).toMatchObject({ ok: false, saved: false });
  expect(store.peek(apiKeysKey(MEMORY, 'PNR004'))).toBeNull();
  expect(channel.received).toEqual([]);
});

test("the marketplace's refusal is said in its name, and the keys stay for another try", () => {
  channel.failNext('store4', 'orders.changed', 403);
  const r = connect({ sellerId: 'store4', secret: 'k3y' });
  expect(r).toEqual({ ok: false, saved: true, message: '메모리몰이 응답했습니다: 메모리몰 오류 (403)' });
  expect(readApiKeys(store, MEMORY, 'PNR004')).not.toBeNull();
});

test('a field marked optional may be left empty (not kept); the others may not', () => {
  const fields = [
    { name: 'key', label: 'Access Key', secret: false },
    { name: 'wingId', label: 'Wing 로그인 ID', secret: false, optional: true },
  ];
  expect(keysFrom(fields, { key: 'k1' })).toEqual({ ok: true, keys: { key: 'k1' } });
  expect(keysFrom(fields, { key: 'k1', wingId: ' staff1 ' })).toEqual({ ok: true, keys: { key: 'k1', wingId: 'staff1' } });
  expect(keysFrom(fields, { key: 'k1', wingId: 'two words' })).toMatchObject({ ok: false });
  expect(keysFrom(fields, { wingId: 'staff1' })).toMatchObject({ ok: false });
});

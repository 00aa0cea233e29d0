/**
 * The Naver channel against the fake Naver Commerce API (written from the same reference), on
 * loopback, through the real gateway with in-memory ports: the token signed and kept, orders
 * collected from the change feed and read in detail, 발주확인, dispatch, claims and stock as the
 * jobs will ask for them, Naver's limits and faults, and the IP rule (the fake takes the
 * runtime's 127.0.0.1 here, except where the refusal itself is specified).
 */
import type { HttpRequest } from '../../src/core/http';
import { CJ, EPOST } from '../../src/core/carriers';
import { ChannelGateway } from '../../src/jobs/gateway';
import { naver } from '../../src/channels/naver/channel';
import { IP_REFUSED } from '../../src/channels/naver/errors';
import { keysKey, tokenKey } from '../../src/channels/naver/connection';
import type { ChannelError, ChannelRequest, OrderRead, Outcome, PagedRead, Parcel, RelayPort, StockAddress, Transport } from '../../src/channels/port';

type Entry = { readonly sku: string; readonly address: StockAddress };
import type { OrderLine } from '../../src/core/order';
import type { Partner } from '../../src/core/partner';
import { MemoryCache, MemoryLock, MemoryStore } from '../jobs/memory-ports';
import { DEFAULT_CLIENT_ID as APP, DEFAULT_CLIENT_SECRET } from '../../local/fakes/naver';
import type { NaverOptionsInput } from '../../local/fakes/naver/options';
import { removeWorkerFile, SharedClock, startFakeThread, type FakeThread } from './naver-fake-thread';

const T0 = Date.parse('2026-11-23T10:00:00+09:00');
const PARTNER: Partner = {
  partnerId: 'PNR004',
  name: '나잘란 스마트스토어',
  role: 'own',
  channel: 'naver',
  confirmAtOnce: false,
  accountId: 'https://smartstore.naver.com/najalran-store',
  shopNo: 1,
  supplierCode: null,
  defaultRatio: 100,
  settlementMode: 'deposit',
  creditLimit: 0,
  incentiveRate: 0,
  shippingFeePerUnit: 0,
  statementEmails: [],
};
const account = naver.account(PARTNER);

let clock: SharedClock;
let fake: FakeThread;
let store: MemoryStore;

async function start(options: Partial<NaverOptionsInput> = {}) {
  clock = new SharedClock(T0);
  fake = await startFakeThread(clock, { registeredIps: ['127.0.0.1', '127.0.0.2'], ratePerSecond: 50, ...options });
  store = new MemoryStore();
  store.seed(keysKey('PNR004'), JSON.stringify({ clientId: APP, clientSecret: DEFAULT_CLIENT_SECRET }));
}
afterEach(async () => fake.close());
afterAll(() => removeWorkerFile());

/** One execution: a transport and a gateway of its own, the store kept across. */
function execution(opts: { from?: string; relay?: RelayPort | null } = {}) {
  const http = fake.http(opts.from);
  const deps = { store, lock: new MemoryLock(), http, clock, base64: (s: string) => Buffer.from(s, 'utf8').toString('base64'), redirectUri: '', hmacSha256Hex: () => '', relay: opts.relay ?? null };
  const transport = naver.transport(deps) as Transport;
  const gateway = new ChannelGateway({ http, sleeper: clock, clock, cache: new MemoryCache(), transports: [transport], deadline: clock.now() + 5 * 60_000 });
  const paths = () => http.sent.map((r) => `${r.method.toUpperCase()} ${new URL(r.url).pathname.replace('/external', '')}`);
  return { http, gateway, paths };
}
type Exec = ReturnType<typeof execution>;

function value<T>(o: Outcome<T> | undefined): T {
  if (!o || !o.ok) throw new Error(`expected success, got ${JSON.stringify(o && !o.ok ? { message: o.error.message, user: o.error.userMessage } : o)}`);
  return o.value;
}
function failure<T>(o: Outcome<T> | undefined): ChannelError {
  if (!o || o.ok) throw new Error(`expected a failure, got ${JSON.stringify(o)}`);
  return o.error;
}
const one = <T>(x: Exec, r: ChannelRequest<T>) => x.gateway.run([r])[0];

/** Every page of the collect's reads, as the collect job runs them. */
function collect(x: Exec, cursor: string | null): { lines: OrderLine[]; cursor: string | null } {
  const lines: OrderLine[] = [];
  let kept: string | null = null;
  for (const read of naver.orders.collect(account, cursor, clock.now(), 0) as OrderRead[]) {
    let page: typeof read.read | null = read.read;
    while (page) {
      const v: { items: readonly OrderLine[]; next: PagedRead<OrderLine> | null } = value(one(x, page.request));
      lines.push(...v.items);
      page = v.next;
    }
    kept = read.cursorWhenDone ?? kept;
  }
  return { lines, cursor: kept };
}

const place = (items = [{ originProductNo: 10000101 }], paymentMeans?: string) => fake.control<{ orderId: string; productOrderIds: string[] }>('placeOrder', APP, { items, buyer: { name: '박지민' }, ...(paymentMeans ? { paymentMeans } : {}) });
const reread = (x: Exec, items: Array<{ orderId: string; itemId: string }>) => naver.orders.reread(account, [...new Set(items.map((i) => i.orderId))], clock.now(), items).flatMap((c) => value(one(x, c.request)));

describe('connecting and the token', () => {
  beforeEach(() => start());

  test('the partner row’s account is the store name; the keys are the API centre’s, kept in the store, never in cells', () => {
    expect(account).toEqual({ channel: 'naver', partnerId: 'PNR004', accountId: 'najalran-store' });
    expect(() => naver.account({ ...PARTNER, accountId: '스토어 이름' })).toThrow(/판매자 ID 또는 스토어 주소/);
    expect(naver.apiKeys).toEqual([
      { name: 'clientId', label: '애플리케이션 ID', secret: false },
      { name: 'clientSecret', label: '애플리케이션 시크릿', secret: true },
    ]);
    expect(naver.isConnected(store, 'PNR004')).toBe(true);
    expect(naver.isConnected(store, 'PNR009')).toBe(false);
    expect([keysKey('PNR004'), tokenKey('PNR004'), 'cafe24.token.PNR004', 'orders.cursor.PNR004'].map(naver.isConnectionKey)).toEqual([true, true, false, false]);
  });

  test('the first call asks for a token signed with bcrypt; the token is kept and the next execution uses it; 30 minutes before it lapses a new one is asked for', async () => {
    const first = execution();
    value(one(first, naver.orders.reread(account, ['x'], clock.now(), [{ orderId: '2026112310000001', itemId: '2026112310000011' }])[0]!.request));
    expect(first.paths()).toEqual(['POST /v1/oauth2/token', 'POST /v1/pay-order/seller/product-orders/query']);
    const tokenForm = new URLSearchParams(first.http.sent[0]!.payload);
    expect([tokenForm.get('client_id'), tokenForm.get('type'), tokenForm.get('grant_type'), tokenForm.get('timestamp')]).toEqual([APP, 'SELF', 'client_credentials', String(T0)]);
    const kept = JSON.parse(store.peek(tokenKey('PNR004'))!);
    expect(kept).toMatchObject({ accessToken: expect.any(String), expiresAt: T0 + 3 * 3_600_000, clientId: APP });

    clock.advance(2 * 3_600_000);
    const second = execution();
    value(one(second, naver.orders.reread(account, ['x'], clock.now(), [{ orderId: 'o', itemId: 'p' }])[0]!.request));
    expect(second.paths()).toEqual(['POST /v1/pay-order/seller/product-orders/query']);

    clock.advance(31 * 60_000);
    const third = execution();
    value(one(third, naver.orders.reread(account, ['x'], clock.now(), [{ orderId: 'o', itemId: 'p' }])[0]!.request));
    expect(third.paths()).toEqual(['POST /v1/oauth2/token', 'POST /v1/pay-order/seller/product-orders/query']);
    expect(JSON.parse(store.peek(tokenKey('PNR004'))!).accessToken).not.toBe(kept.accessToken);
  });

  test('a token Naver no longer takes (GW.AUTHN) is replaced once and the call resent', async () => {
    const x = execution();
    value(one(x, naver.orders.reread(account, ['o'], clock.now(), [{ orderId: 'o', itemId: 'p' }])[0]!.request));
    fake.control('revokeTokens', APP);
    const y = execution();
    value(one(y, naver.orders.reread(account, ['o'], clock.now(), [{ orderId: 'o', itemId: 'p' }])[0]!.request));
    expect(y.paths()).toEqual(['POST /v1/pay-order/seller/product-orders/query', 'POST /v1/oauth2/token', 'POST /v1/pay-order/seller/product-orders/query']);
  });

  test('keys Naver refuses park the store with a Korean reason until keys are saved again; no further token call', async () => {
    store.seed(keysKey('PNR004'), JSON.stringify({ clientId: APP, clientSecret: '$2a$04$abcdefghijklmnopqrstuv' }));
    const x = execution();
    const e = failure(one(x, naver.orders.reread(account, ['o'], clock.now(), [{ orderId: 'o', itemId: 'p' }])[0]!.request));
    expect(e).toMatchObject({ kind: 'oauth', reconnect: true, status: 403 });
    expect(e.userMessage).toContain('애플리케이션 ID/시크릿');
    expect(naver.isConnected(store, 'PNR004')).toBe(false);
    expect(naver.reconnectReason(store, 'PNR004')).toBe(e.userMessage);
    const y = execution();
    failure(one(y, naver.orders.reread(account, ['o'], clock.now(), [{ orderId: 'o', itemId: 'p' }])[0]!.request));
    expect(y.http.sent).toEqual([]);
  });
});

describe('the IP rule', () => {
  test('a direct call (the runtime’s address, no relay) is refused with the documented 403, and the sheet is told what to fix', async () => {
    await start({ registeredIps: ['127.0.0.2'] });
    const x = execution({ from: '127.0.0.1' });
    const e = failure(one(x, naver.orders.reread(account, ['o'], clock.now(), [{ orderId: 'o', itemId: 'p' }])[0]!.request));
    expect(e).toMatchObject({ status: 403, code: 'GW.IP_NOT_ALLOWED', channelMessage: '호출이 허용되지 않은 IP입니다.', kind: 'forbidden', reconnect: false });
    expect(e.userMessage).toBe('네이버가 이 주소의 호출을 허용하지 않습니다: 릴레이 설정 확인');
    expect(e.userMessage).toBe(IP_REFUSED);
    // Refused at the token call: not a reason to ask for new keys.
    expect(x.paths()).toEqual(['POST /v1/oauth2/token']);
    expect(naver.isConnected(store, 'PNR004')).toBe(true);
  });

  test('with a relay, every request (the token’s too) goes through it, and Naver takes it from the relay’s address', async () => {
    await start({ registeredIps: ['127.0.0.2'] });
    const forwarded: string[] = [];
    const relay: RelayPort = {
      forward(r: HttpRequest) {
        forwarded.push(new URL(r.url).pathname);
        return { ...r, headers: { ...r.headers, 'X-Relay-Test': '1' } };
      },
      own() {
        throw new Error('a Naver request never asks the relay for its own news');
      },
    };
    const x = execution({ from: '127.0.0.2', relay });
    const lines = collect(x, null).lines;
    expect(lines.map((l) => l.itemId)).toEqual(['2026112310000011']);
    expect(forwarded).toEqual(x.http.sent.map((r) => new URL(r.url).pathname));
    expect(x.http.sent.every((r) => r.headers['X-Relay-Test'] === '1')).toBe(true);
    expect(forwarded[0]).toBe('/external/v1/oauth2/token');
  });
});

describe('orders', () => {
  beforeEach(() => start());

  test('paid product orders become lines keyed by productOrderId, mapped to the sheet’s words with Naver’s codes kept; unpaid ones are left out', async () => {
    const waiting = place(undefined, '무통장입금');
    const option = place([{ originProductNo: 10000102, optionId: 502, quantity: 2 } as never]);
    const x = execution();
    const { lines, cursor } = collect(x, null);
    expect(cursor).toBe(String(T0));
    expect(lines.map((l) => [l.orderId, l.itemId, l.status, l.rawStatus, l.sku, l.quantity, l.amount])).toEqual([
      ['2026112310000001', '2026112310000011', 'paid', 'PAYED', 'NJ-MUG', 2, 36000],
      [option.orderId, option.productOrderIds[0], 'paid', 'PAYED', 'NJ-APRON-2', 2, 58000],
    ]);
    expect(lines.some((l) => l.orderId === waiting.orderId)).toBe(false);
    expect(lines[0]).toMatchObject({ channel: 'naver', partnerId: 'PNR004', receiverName: '이서연', receiverZip: '48058', message: '문 앞에 놓아 주세요', channelProductId: '10000101', claim: null });
    expect(lines[1]).toMatchObject({ optionText: '차콜', channelVariantId: '502' });

    // Paid later: the next collect, from the cursor, brings it.
    clock.advance(60_000);
    fake.control('pay', APP, waiting.orderId);
    const next = collect(execution(), cursor);
    // From five minutes before the cursor: what changed at its edge is read again (written by key, harmless).
    expect(next.lines.map((l) => [l.itemId, l.status])).toEqual([
      [option.productOrderIds[0], 'paid'],
      [waiting.productOrderIds[0], 'paid'],
    ]);
    expect(next.cursor).toBe(String(T0 + 60_000));
  });

  test('more than a page of changes: the feed is followed with more, each page’s product orders read in one query', async () => {
    fake.control('setStock', APP, 10000101, 1000);
    for (let i = 0; i < 301; i++) place();
    clock.advance(60_000);
    const x = execution();
    const { lines } = collect(x, String(T0));
    expect(lines).toHaveLength(301);
    expect(new Set(lines.map((l) => l.itemId)).size).toBe(301);
    const feeds = x.http.sent.filter((r) => r.url.includes('last-changed')).map((r) => new URL(r.url).searchParams);
    expect(feeds.map((q) => [q.get('limitCount'), q.get('moreSequence') !== null])).toEqual([
      ['300', false],
      ['300', true],
    ]);
    expect(x.paths().filter((p) => p.endsWith('/query'))).toHaveLength(2);
  });

  test('a store not collected for days catches up window by window (24 h each), never asking for more than Naver allows', async () => {
    const x = execution();
    collect(x, String(T0 - 5 * 86_400_000));
    const windows = x.http.sent.filter((r) => r.url.includes('last-changed')).map((r) => new URL(r.url).searchParams);
    expect(windows).toHaveLength(6);
    for (const w of windows) expect(Date.parse(w.get('lastChangedTo')!) - Date.parse(w.get('lastChangedFrom')!)).toBeLessThanOrEqual(86_400_000);
  });
});

describe('발주확인', () => {
  beforeEach(() => start());

  test('30 product orders a call; each item answered from the success and fail lists', async () => {
    fake.control('setStock', APP, 10000101, 1000);
    const ids = Array.from({ length: 31 }, () => place().productOrderIds[0]!);
    const x = execution();
    const requests = naver.confirm!.confirm(account, [...ids, 'nope'].map((itemId) => ({ orderId: 'o', itemId, channelShipmentId: null })));
    expect(requests).toHaveLength(2);
    const answers = x.gateway.run(requests.map((c) => c.request)).flatMap((o) => value(o));
    expect(answers.filter((a) => a.ok)).toHaveLength(31);
    expect(answers.find((a) => a.itemId === 'nope')).toEqual({ itemId: 'nope', ok: false, text: expect.stringContaining('100001') });
    expect(collect(execution(), null).lines.find((l) => l.itemId === ids[0])).toMatchObject({ status: 'preparing', rawStatus: 'PAYED' });
  });
});

describe('shipping', () => {
  beforeEach(() => start());

  const parcel = (itemIds: string[], trackingNo: string, carrier = { code: 'CJGLS', name: 'CJ대한통운' }): Parcel => ({ account, orderId: 'o', itemIds, carrier, trackingNo, standbyId: null });

  test('carriers are Naver’s documented codes, without a request; a rule finds its code by the cross-walk', () => {
    const list = naver.shipping!.carriers(account);
    expect(Array.isArray(list)).toBe(true);
    const carriers = list as readonly { code: string; name: string }[];
    expect(naver.shipping!.carrierFor(CJ, carriers)).toEqual({ code: 'CJGLS', name: 'CJ대한통운' });
    expect(naver.shipping!.carrierFor(EPOST, carriers)?.code).toBe('EPOST');
  });

  test('dispatch: the line is in transit with its tracking number; sending it again is answered “already”; a bad number is refused with Naver’s words', async () => {
    const a = place().productOrderIds[0]!;
    const b = place().productOrderIds[0]!;
    const x = execution();
    const first = naver.shipping!.send([parcel([a], '680405450931'), parcel([b], '12-34')], x.gateway);
    expect(first[0]).toEqual({ ok: true, text: expect.any(String) });
    expect(first[1]).toMatchObject({ ok: false, retry: false, already: false, text: expect.stringContaining('104122') });
    const sent = JSON.parse(x.http.sent.find((r) => r.url.endsWith('/dispatch'))!.payload!);
    expect(sent.dispatchProductOrders[0]).toEqual({ productOrderId: a, deliveryMethod: 'DELIVERY', deliveryCompanyCode: 'CJGLS', trackingNumber: '680405450931', dispatchDate: '2026-11-23T10:00:00.000+09:00' });
    expect(reread(x, [{ orderId: 'o', itemId: a }])[0]).toMatchObject({ status: 'shipping', rawStatus: naver.shipping!.inTransitCode, trackingNo: '680405450931', carrier: { code: 'CJGLS', name: 'CJ대한통운' } });
    const again = naver.shipping!.send([parcel([a], '680405450931')], x.gateway);
    expect(again[0]).toMatchObject({ ok: false, already: true });
  });

  test('where Naver refuses a tracking number used before (duplicateTrackingNo reject: 104121), the answer is “already”, for the job to check', async () => {
    await fake.close();
    await start({ duplicateTrackingNo: 'reject' });
    const a = place().productOrderIds[0]!;
    const b = place().productOrderIds[0]!;
    const x = execution();
    expect(naver.shipping!.send([parcel([a], '680405450931')], x.gateway)[0]!.ok).toBe(true);
    expect(naver.shipping!.send([parcel([b], '680405450931')], x.gateway)[0]).toMatchObject({ ok: false, retry: false, already: true, text: expect.stringContaining('104121') });
  });

  test('31 product orders go in two calls (30 at most); a dispatch with no answer is “unknown”, never resent', async () => {
    fake.control('setStock', APP, 10000101, 1000);
    const ids = Array.from({ length: 31 }, () => place().productOrderIds[0]!);
    const x = execution();
    const answers = naver.shipping!.send(ids.map((id) => parcel([id], '680405450931')), x.gateway);
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(x.paths().filter((p) => p.endsWith('/dispatch'))).toHaveLength(2);

    const c = place().productOrderIds[0]!;
    fake.control('injectFault', { kind: 'timeout', count: 1, path: '/v1/pay-order/seller/product-orders/dispatch' });
    const y = execution();
    expect(naver.shipping!.send([parcel([c], '680405450931')], y.gateway)[0]).toMatchObject({ ok: false, retry: true, unknown: true });
    expect(y.paths().filter((p) => p.endsWith('/dispatch'))).toHaveLength(1);
  });
});

describe('claims', () => {
  beforeEach(() => start());

  const act = (x: Exec, line: OrderLine, command: Parameters<NonNullable<typeof naver.claims>['act']>[1]['command']) =>
    one(x, naver.claims!.act(account, { orderId: line.orderId, itemId: line.itemId, claimCode: line.claimCode ?? '', quantity: line.quantity, command, refundAtGateway: false }));
  const lineOf = (x: Exec, id: string) => collect(x, String(clock.now() - 60_000)).lines.find((l) => l.itemId === id)!;

  test('a cancel request after 발주확인 is collected with its claim, approved, and reads as cancelled', async () => {
    const id = place().productOrderIds[0]!;
    const x = execution();
    x.gateway.run(naver.confirm!.confirm(account, [{ orderId: 'o', itemId: id, channelShipmentId: null }]).map((c) => c.request));
    clock.advance(1000);
    fake.control('requestCancel', APP, id, '주문 실수');
    const requested = lineOf(x, id);
    expect(requested).toMatchObject({ status: 'cancelRequested', claim: 'cancel', rawStatus: 'PAYED CANCEL:CANCEL_REQUEST', claimReason: '주문 실수', claimRequestedAt: clock.now() });
    expect(naver.claims!.stateOf(requested.rawStatus)).toEqual({ claim: 'cancel', phase: 'requested' });
    expect(value(act(x, requested, { kind: 'acceptCancel', auto: false }))).toBe('CANCEL_DONE');
    const done = reread(x, [{ orderId: requested.orderId, itemId: id }])[0]!;
    expect(done).toMatchObject({ status: 'cancelled', claim: 'cancel', rawStatus: 'CANCELED CANCEL:CANCEL_DONE' });
    expect(naver.claims!.stateOf(done.rawStatus)).toEqual({ claim: 'cancel', phase: 'done' });
  });

  test('a return: rejected with the reason; another picked up and completed (return approve); an exchange’s pickup approved', async () => {
    const x = execution();
    const shipped = () => {
      const id = place().productOrderIds[0]!;
      naver.shipping!.send([{ account, orderId: 'o', itemIds: [id], carrier: { code: 'EPOST', name: '우체국택배' }, trackingNo: '6071234567890', standbyId: null }], x.gateway);
      fake.control('markDelivered', APP, id);
      return id;
    };
    const r1 = shipped();
    fake.control('requestReturn', APP, r1, '변심');
    clock.advance(1000);
    const asked = lineOf(x, r1);
    expect(asked).toMatchObject({ status: 'returnRequested', claim: 'return', claimCode: `${r1}R` });
    expect(value(act(x, asked, { kind: 'reject', claim: 'return', reason: '사용 흔적' }))).toBe('RETURN_REJECT');
    const rejected = reread(x, [{ orderId: asked.orderId, itemId: r1 }])[0]!;
    expect(rejected).toMatchObject({ status: 'delivered', claim: null, rawStatus: 'DELIVERED RETURN:RETURN_REJECT' });
    expect(naver.claims!.stateOf(rejected.rawStatus)).toEqual({ claim: 'return', phase: 'rejected' });

    const r2 = shipped();
    fake.control('requestReturn', APP, r2);
    fake.control('collect', APP, r2);
    const back = reread(x, [{ orderId: 'o', itemId: r2 }])[0]!;
    expect(naver.claims!.stateOf(back.rawStatus)).toEqual({ claim: 'return', phase: 'accepted' });
    // Accepting a request has no Naver call: the row is told why, and nothing changes at Naver.
    const e = failure(act(x, back, { kind: 'acceptReturn' }));
    expect(e.userMessage).toContain('네이버는 반품 요청을 따로 승인하지 않습니다');
    expect(value(act(x, back, { kind: 'completeReturn', callMall: true, restock: 1, credit: 0 }))).toBe('RETURN_DONE');
    expect(reread(x, [{ orderId: 'o', itemId: r2 }])[0]).toMatchObject({ status: 'returned', claim: 'return' });

    const e1 = shipped();
    fake.control('requestExchange', APP, e1);
    fake.control('collect', APP, e1);
    const exchange = reread(x, [{ orderId: 'o', itemId: e1 }])[0]!;
    expect(exchange).toMatchObject({ status: 'exchangeRequested', claim: 'exchange' });
    expect(value(act(x, exchange, { kind: 'acceptExchange' }))).toBe('COLLECT_DONE');
  });

  test('a claim call Naver refuses for the product order’s state is an error with Naver’s code, not a success', async () => {
    const id = place().productOrderIds[0]!;
    const x = execution();
    const line = reread(x, [{ orderId: 'o', itemId: id }])[0]!;
    const e = failure(act(x, line, { kind: 'acceptCancel', auto: false }));
    expect(e).toMatchObject({ code: '104442', kind: 'invalid' });
  });
});

describe('stock', () => {
  beforeEach(() => start());

  test('the catalog finds each SKU’s product or option; quantities are set there', async () => {
    const x = execution();
    const entries: Entry[] = [];
    let page: PagedRead<Entry> | null = naver.stock!.catalog(account);
    while (page) {
      const v: { items: readonly Entry[]; next: PagedRead<Entry> | null } = value(one(x, page.request));
      entries.push(...v.items);
      page = v.next;
    }
    expect(entries).toEqual([
      { sku: 'NJ-MUG', address: { productNo: '10000101', variantCode: '' } },
      { sku: 'NJ-APRON-1', address: { productNo: '10000102', variantCode: '501' } },
      { sku: 'NJ-APRON-2', address: { productNo: '10000102', variantCode: '502' } },
      { sku: 'NJ-BLANKET-1', address: { productNo: '10000103', variantCode: '601' } },
      { sku: 'NJ-BLANKET-2', address: { productNo: '10000103', variantCode: '602' } },
      { sku: 'NJ-BLANKET-3', address: { productNo: '10000103', variantCode: '603' } },
    ]);
    value(one(x, naver.stock!.setQuantity(account, entries[0]!.address, 7)));
    value(one(x, naver.stock!.setQuantity(account, entries[5]!.address, 3)));
    expect(x.http.sent.slice(-2).map((r) => r.method)).toEqual(['patch', 'put']);
    const state = fake.control('state')[APP].products as Array<{ originProductNo: number; originProduct: { stockQuantity: number; statusType: string } }>;
    expect(state.find((p) => p.originProductNo === 10000101)!.originProduct.stockQuantity).toBe(7);
    expect(state.find((p) => p.originProductNo === 10000103)!.originProduct).toMatchObject({ stockQuantity: 12, statusType: 'SALE' });
  });
});

describe('limits and faults', () => {
  test('the store’s pace follows the buckets Naver reports: many reads at 2 a second go without a 429', async () => {
    await start({ ratePerSecond: 2 });
    const x = execution();
    const requests = Array.from({ length: 12 }, (_, i) => naver.orders.reread(account, ['o'], clock.now(), [{ orderId: 'o', itemId: `p${i}` }])[0]!.request);
    const out = x.gateway.run(requests);
    expect(out.every((o) => o.ok)).toBe(true);
    const log = fake.control<Array<{ status: number; path: string }>>('log');
    expect(log.filter((e) => e.status === 429)).toEqual([]);
    expect(clock.sleeps.length).toBeGreaterThan(0);
  });

  test('a 429 burst is waited out and the read resent; a 500 on a read is retried; the gateway codes reach the log', async () => {
    await start();
    fake.control('injectFault', { kind: 'rate_limit', count: 2, path: '/v1/pay-order/seller/product-orders/last-changed-statuses' });
    fake.control('injectFault', { kind: 'server_error', count: 1, path: '/v1/pay-order/seller/product-orders/last-changed-statuses' });
    place();
    clock.advance(60_000);
    const x = execution();
    expect(collect(x, String(T0)).lines).toHaveLength(1);
    const statuses = fake.control<Array<{ status: number; code: string | null; path: string }>>('log').filter((e) => e.path.includes('last-changed')).map((e) => [e.status, e.code]);
    expect(statuses).toEqual([
      [429, 'GW.RATE_LIMIT'],
      [429, 'GW.RATE_LIMIT'],
      [500, 'GW.INTERNAL_SERVER_ERROR'],
      [200, null],
    ]);
  });
});

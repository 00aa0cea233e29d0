/**
 * The Coupang channel through the real gateway against the fake Coupang Wing API on loopback
 * (coupang-loopback.ts), with in-memory store, cache, lock and a simulated clock. In these specs
 * the fake registers 127.0.0.1 too (the runtime's address) so calls may go direct; one spec keeps
 * the default registration and sees the documented 403, one goes through a stand-in relay.
 */
import { createHmac } from 'node:crypto';
import { coupang } from '../../src/channels/coupang/channel';
import { readKeys, saveKeys, type CoupangAccount } from '../../src/channels/coupang/account';
import { itemIdOf } from '../../src/channels/coupang/mapping';
import { ROTATION } from '../../src/channels/coupang/orders';
import type { ChannelAccount, ChannelRequest, Outcome, PagedRead, Parcel, TransportDeps } from '../../src/channels/port';
import { CJ, EPOST } from '../../src/core/carriers';
import type { OrderLine } from '../../src/core/order';
import type { Partner } from '../../src/core/partner';
import { collectOrders, commitCursors } from '../../src/jobs/collect-orders';
import { ChannelGateway } from '../../src/jobs/gateway';
import { rereadOrders } from '../../src/jobs/reread-orders';
import { DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_VENDOR_ID as V } from '../../local/fakes/coupang';
import { T0 } from '../../local/fakes/coupang/testing';
import { MemoryCache, MemoryLock, MemoryStore, SimClock } from '../jobs/memory-ports';
import { RELAY_URL, startLoopback, TestRelay, type Loopback } from './coupang-loopback';

const MUG = 3242596358;
const APRON = 3242596361;
const SEEDED_ORDER = '22000009546234';
const hmac = (key: string, message: string) => createHmac('sha256', key).update(message, 'utf8').digest('hex');
const partner = { partnerId: 'PNR004', accountId: V, channel: 'coupang' } as Partner;
/** The fake's readings where the reference is silent (README): `COUPANG_FAKE_OPTIONS` runs these specs under another. */
const READING = JSON.parse(process.env.COUPANG_FAKE_OPTIONS ?? '{}') as object;
const BOTH = { ...READING, registeredIps: ['127.0.0.1', '127.0.0.2'] };

let clock: SimClock;
let lb: Loopback;
let store: MemoryStore;
let account: CoupangAccount;
let relay: TestRelay | null;

async function start(options: object = BOTH, withRelay = false): Promise<void> {
  clock = new SimClock(T0);
  lb = await startLoopback(clock, { options: { ...READING, ...options } });
  store = new MemoryStore();
  saveKeys(store, partner.partnerId, { vendorId: V, accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY });
  relay = withRelay ? new TestRelay() : null;
  account = coupang.account(partner) as CoupangAccount;
}
beforeEach(() => start());
afterEach(() => lb.close());

function gateway(): ChannelGateway {
  const deps: TransportDeps = { store, lock: new MemoryLock(), http: lb.http, clock, base64: (s) => Buffer.from(s).toString('base64'), redirectUri: '', hmacSha256Hex: hmac, relay };
  return new ChannelGateway({ http: lb.http, sleeper: clock, clock, cache: new MemoryCache(), transports: [coupang.transport(deps)], deadline: clock.now() + 5 * 60_000 });
}

function one<T>(request: ChannelRequest<T>): Outcome<T> {
  return gateway().run([request])[0]!;
}

function value<T>(request: ChannelRequest<T>): T {
  const o = one(request);
  if (!o.ok) throw o.error;
  return o.value;
}

function readAll<T>(read: PagedRead<T>): T[] {
  const items: T[] = [];
  for (let r: PagedRead<T> | null = read; r !== null; ) {
    const page: { readonly items: readonly T[]; readonly next: PagedRead<T> | null } = value(r.request);
    items.push(...page.items);
    r = page.next;
  }
  return items;
}

/** One collect with a claims read (the backstop's), every read to its end. */
function collect(turn = 0, cursor: string | null = null): OrderLine[] {
  return coupang.orders.collect(account, cursor, clock.now(), turn).flatMap((r) => readAll(r.read));
}

/** The claims turn that reads `what` (RU is read with every claims read). */
const turnOf = (what: (typeof ROTATION)[number] | 'RU') => (what === 'RU' ? 0 : ROTATION.indexOf(what));
/** The job's re-read (its follow-up reads included), failing loudly. */
const reread = (orderId: string): OrderLine[] => {
  const r = rereadOrders([{ partnerId: partner.partnerId, orderId }], new Map([[partner.partnerId, account]]), gateway(), clock.now());
  if (r.failed.length > 0) throw r.failed[0]!.error;
  return r.lines;
};
const place = (items: Array<{ vendorItemId: number; count?: number }>, paid = true): { orderId: number; shipmentBoxId: number } => lb.control('addOrder', V, { items, paid });
const parcel = (orderId: string | number, vendorItemIds: number[], trackingNo: string, carrier = { code: 'CJGLS', name: 'CJ대한통운' }): Parcel => ({
  account,
  orderId: String(orderId),
  itemIds: vendorItemIds.map((id) => itemIdOf(orderId, id)),
  carrier,
  trackingNo,
  standbyId: null,
});
const send = (parcels: Parcel[]) => coupang.shipping!.send(parcels, gateway());

test('the partner row, the keys Wing issues, and what counts as connected', () => {
  expect(coupang.apiKeys!.map((f) => [f.name, f.label, f.secret, f.optional === true])).toEqual([
    ['vendorId', '업체코드', false, false],
    ['accessKey', 'Access Key', false, false],
    ['secretKey', 'Secret Key', true, false],
    // Only answering inquiries needs it (replyBy).
    ['wingId', 'Wing 로그인 ID (문의 답변자)', false, true],
  ]);
  expect(coupang.account({ ...partner, accountId: ' a00012345 ' }).accountId).toBe(V);
  expect(() => coupang.account({ ...partner, accountId: 'najalran' })).toThrow(/쿠팡 업체코드는 A로 시작하는 9자/);
  expect(coupang.isConnected(store, 'PNR004')).toBe(true);
  expect(coupang.isConnected(store, 'PNR005')).toBe(false);
  expect(coupang.isConnectionKey('coupang.keys.PNR004')).toBe(true);
  expect(coupang.isConnectionKey('cafe24.token.PNR001')).toBe(false);
});

test('collecting: paid ACCEPT orders paged past one page by nextToken, unpaid left out, one line per vendor item', () => {
  lb.control('setStock', V, MUG, 500);
  const placed = Array.from({ length: 55 }, () => place([{ vendorItemId: MUG }]));
  const unpaid = place([{ vendorItemId: MUG }], false);
  const lines = collect(turnOf('INSTRUCT'));
  const orders = new Set(lines.map((l) => l.orderId));
  expect(orders.size).toBe(56); // 55 placed + the seeded one
  expect(orders.has(String(unpaid.orderId))).toBe(false);
  const tokens = (lb.control('requestLog') as Array<{ path: string; query: string }>).filter((e) => e.path.endsWith('/ordersheets') && /status=ACCEPT/.test(e.query));
  expect(tokens.map((e) => /nextToken=\d+/.test(e.query))).toEqual([false, true]);
  const first = lines.find((l) => l.orderId === String(placed[0]!.orderId))!;
  expect(first).toMatchObject({ itemId: `${placed[0]!.orderId}-${MUG}`, status: 'paid', rawStatus: 'ACCEPT', sku: 'NJ-MUG', unitPrice: 18000, quantity: 1, channelShipmentId: String(placed[0]!.shipmentBoxId), channelVariantId: String(MUG) });
  const seeded = lines.filter((l) => l.orderId === SEEDED_ORDER);
  expect(seeded.map((l) => [l.itemId, l.amount, l.receiverZip, l.message])).toEqual([
    [`${SEEDED_ORDER}-${MUG}`, 36000, '03900', '문 앞'],
    [`${SEEDED_ORDER}-${APRON}`, 29000, '03900', '문 앞'],
  ]);
  lb.control('payOrder', V, unpaid.orderId);
  expect(collect().some((l) => l.orderId === String(unpaid.orderId))).toBe(true);
});

test('발주확인: acknowledgement by shipment box, answered per item; a cancelled one says why', () => {
  const a = place([{ vendorItemId: MUG }, { vendorItemId: APRON }]);
  const b = place([{ vendorItemId: MUG }]);
  lb.control('requestCancel', V, b.orderId);
  const items = [
    { orderId: String(a.orderId), itemId: itemIdOf(a.orderId, MUG), channelShipmentId: String(a.shipmentBoxId) },
    { orderId: String(a.orderId), itemId: itemIdOf(a.orderId, APRON), channelShipmentId: String(a.shipmentBoxId) },
    { orderId: String(b.orderId), itemId: itemIdOf(b.orderId, MUG), channelShipmentId: String(b.shipmentBoxId) },
  ];
  const requests = coupang.confirm!.confirm(account, items);
  expect(requests).toHaveLength(1);
  expect(value(requests[0]!.request)).toEqual([
    { itemId: itemIdOf(a.orderId, MUG), ok: true },
    { itemId: itemIdOf(a.orderId, APRON), ok: true },
    { itemId: itemIdOf(b.orderId, MUG), ok: false, text: '쿠팡: 배송상태를 변경할 수 없습니다. 주문내역을 확인해주세요. (INVALID_STATUS)' },
  ]);
  expect(reread(String(a.orderId)).map((l) => [l.status, l.rawStatus])).toEqual([
    ['preparing', 'INSTRUCT'],
    ['preparing', 'INSTRUCT'],
  ]);
  expect(reread(String(b.orderId))[0]).toMatchObject({ status: 'cancelled', rawStatus: 'CANCEL/RETURNS_COMPLETED', claim: 'cancel' });
});

test('shipping: carriers need no request; an unacknowledged box is acknowledged first, then its invoice goes up once', () => {
  expect(coupang.shipping!.carriers(account)).toEqual(expect.arrayContaining([{ code: 'HYUNDAI', name: '롯데택배' }]));
  const carriers = coupang.shipping!.carriers(account) as Array<{ code: string; name: string }>;
  expect(coupang.shipping!.carrierFor(CJ, carriers)).toEqual({ code: 'CJGLS', name: 'CJ대한통운' });
  expect(coupang.shipping!.carrierFor(EPOST, carriers)?.code).toBe('EPOST');

  const o = place([{ vendorItemId: MUG }]);
  expect(send([parcel(o.orderId, [MUG], '680405450931')])).toEqual([{ ok: true, text: '쿠팡: 송장 등록 (배송지시)' }]);
  const log = (lb.control('requestLog') as Array<{ method: string; path: string }>).map((e) => `${e.method} ${e.path.split(`/${V}`)[1]}`);
  expect(log).toEqual([`GET /${o.orderId}/ordersheets`, 'PUT /ordersheets/acknowledgement', 'POST /orders/invoices']);
  expect(reread(String(o.orderId))[0]).toMatchObject({ status: 'shipping', rawStatus: 'DEPARTURE', trackingNo: '680405450931', carrier: { code: 'CJGLS', name: 'CJ대한통운' } });

  // Sent again (a retry after an unknown outcome): answered `already` from the read, nothing uploaded.
  const again = send([parcel(o.orderId, [MUG], '680405450931')]);
  expect(again[0]).toMatchObject({ ok: false, already: true, retry: false });
  expect((lb.control('requestLog') as Array<{ path: string }>).filter((e) => e.path.endsWith('/orders/invoices'))).toHaveLength(1);
});

test('split shipping: the item key stays, the shipment box id moves with the shipped item', () => {
  const o = place([{ vendorItemId: MUG }, { vendorItemId: APRON }]);
  const [shipped] = send([parcel(o.orderId, [MUG], '680405450931')]);
  expect(shipped).toMatchObject({ ok: true });
  const upload = (lb.control('requestLog') as Array<{ path: string; requestBody?: any }>).find((e) => e.path.endsWith('/orders/invoices'))!;
  expect(upload.requestBody.orderSheetInvoiceApplyDtos).toEqual([
    expect.objectContaining({ vendorItemId: MUG, invoiceNumber: '680405450931', splitShipping: true, estimatedShippingDate: '' }),
    expect.objectContaining({ vendorItemId: APRON, invoiceNumber: '', splitShipping: true, estimatedShippingDate: '2026-11-25' }),
  ]);
  const lines = reread(String(o.orderId));
  const mug = lines.find((l) => l.itemId === itemIdOf(o.orderId, MUG))!;
  const apron = lines.find((l) => l.itemId === itemIdOf(o.orderId, APRON))!;
  expect(mug).toMatchObject({ status: 'shipping', trackingNo: '680405450931' });
  expect(apron).toMatchObject({ status: 'preparing', trackingNo: null });
  // Which of the two keeps the old box id is the fake's reading (splitKeepsBox); the lines follow the fake either way.
  expect(mug.channelShipmentId).not.toBe(apron.channelShipmentId);
  const boxes = (lb.control('state') as { vendors: Array<{ ordersheets: Array<{ orderId: number; shipmentBoxId: number; orderItems: Array<{ vendorItemId: number }> }> }> }).vendors[0]!.ordersheets.filter((b) => b.orderId === o.orderId);
  expect(boxes.map((b) => [String(b.shipmentBoxId), b.orderItems.map((i) => i.vendorItemId)]).sort()).toEqual(
    [
      [mug.channelShipmentId, [MUG]],
      [apron.channelShipmentId, [APRON]],
    ].sort(),
  );
  expect([mug.channelShipmentId, apron.channelShipmentId]).toContain(String(o.shipmentBoxId));
  // The rest ships later from the box that stayed.
  expect(send([parcel(o.orderId, [APRON], '1547827315', { code: 'HANJIN', name: '한진택배' })])[0]).toMatchObject({ ok: true });
  expect(reread(String(o.orderId)).map((l) => l.status)).toEqual(['shipping', 'shipping']);
});

test('a parcel Coupang refuses says so in Coupang’s words; a cancelled item is not sent at all', () => {
  const a = place([{ vendorItemId: MUG }]);
  const b = place([{ vendorItemId: MUG }]);
  lb.control('requestCancel', V, b.orderId);
  const answers = send([parcel(a.orderId, [MUG], '12345'), parcel(b.orderId, [MUG], '680405450931')]);
  expect(answers[0]).toMatchObject({ ok: false, retry: false, already: false, text: expect.stringContaining('INVALID_INVOICE_NUMBER') });
  expect(answers[1]).toMatchObject({ ok: false, text: '쿠팡: 취소된 상품입니다. 발송하지 마세요' });
  expect(send([{ ...parcel(a.orderId, [], '680405450931') }])[0]).toMatchObject({ ok: false, text: '발송할 품목이 없습니다' });
});

test('a cancel after 발주확인: the stop-shipment request is collected, accepted, and the line ends cancelled', () => {
  const o = place([{ vendorItemId: APRON }]);
  value(coupang.confirm!.confirm(account, [{ orderId: String(o.orderId), itemId: itemIdOf(o.orderId, APRON), channelShipmentId: String(o.shipmentBoxId) }])[0]!.request);
  const { receiptId } = lb.control('requestCancel', V, o.orderId, { reason: '배송 지연' });
  const line = collect(turnOf('RU')).find((l) => l.orderId === String(o.orderId) && l.claim === 'cancel')!;
  expect(line).toMatchObject({ status: 'cancelRequested', claimCode: String(receiptId), claimReason: '배송 지연', rawStatus: 'CANCEL/RELEASE_STOP_UNCHECKED', productName: '나잘란 앞치마' });
  expect(coupang.claims!.stateOf(line.rawStatus)).toEqual({ claim: 'cancel', phase: 'requested' });
  // Shipping it now would be refused before any upload.
  expect(send([parcel(o.orderId, [APRON], '680405450931')])[0]).toMatchObject({ ok: false, text: expect.stringContaining('출고중지') });
  const done = value(coupang.claims!.act(account, { orderId: line.orderId, itemId: line.itemId, claimCode: line.claimCode!, quantity: 1, command: { kind: 'acceptCancel' }, refundAtGateway: false } as never));
  expect(coupang.claims!.stateOf(done)).toEqual({ claim: 'cancel', phase: 'done' });
  expect(reread(String(o.orderId))[0]).toMatchObject({ status: 'cancelled', claim: 'cancel', claimCode: String(receiptId), rawStatus: 'CANCEL/RETURNS_COMPLETED' });
});

test('a return: collected from UC, approved, collected as returned; rejecting it says what to do in Wing', () => {
  const o = place([{ vendorItemId: MUG }]);
  send([parcel(o.orderId, [MUG], '680405450931')]);
  lb.control('advanceDelivery', V, o.orderId);
  const { receiptId } = lb.control('requestReturn', V, o.orderId);
  const line = collect(turnOf('AFTER_SHIPPING')).find((l) => l.claim === 'return')!;
  expect(line).toMatchObject({ orderId: String(o.orderId), status: 'returnRequested', claimCode: String(receiptId), rawStatus: 'RETURN/RETURNS_UNCHECKED', trackingNo: '680405450931' });
  expect(coupang.claims!.stateOf(line.rawStatus)).toEqual({ claim: 'return', phase: 'accepted' });
  const act = (command: object) => one(coupang.claims!.act(account, { orderId: line.orderId, itemId: line.itemId, claimCode: line.claimCode!, quantity: 1, command, refundAtGateway: false } as never));
  const refused = act({ kind: 'reject', claim: 'return', reason: '사용 흔적' });
  expect(refused).toMatchObject({ ok: false, error: { userMessage: '쿠팡 반품은 API로 거절할 수 없습니다: 쿠팡 Wing에서 "쿠팡확인요청"을 하세요' } });
  expect(act({ kind: 'completeReturn', callMall: true })).toEqual({ ok: true, value: 'RETURN/RETURNS_COMPLETED' });
  // Read again as the claims job does after acting: the ordersheet alone says only "delivered".
  expect(reread(String(o.orderId))[0]).toMatchObject({ status: 'returned', claim: 'return', claimCode: String(receiptId), rawStatus: 'RETURN/RETURNS_COMPLETED' });
  expect(collect(turnOf('AFTER_SHIPPING')).find((l) => l.claim === 'return')).toMatchObject({ status: 'returned', rawStatus: 'RETURN/RETURNS_COMPLETED' });
});

test('an exchange: collected, accepted, then rejected as sold out', () => {
  const o = place([{ vendorItemId: APRON }]);
  send([parcel(o.orderId, [APRON], '680405450931')]);
  lb.control('advanceDelivery', V, o.orderId);
  const { exchangeId } = lb.control('requestExchange', V, o.orderId, { reason: '색상 교환' });
  const line = collect(turnOf('AFTER_SHIPPING')).find((l) => l.claim === 'exchange')!;
  expect(line).toMatchObject({ status: 'exchangeRequested', claimCode: String(exchangeId), rawStatus: 'EXCHANGE/RECEIPT', claimReason: '색상 교환' });
  expect(coupang.claims!.stateOf(line.rawStatus)).toEqual({ claim: 'exchange', phase: 'requested' });
  const act = (command: object) => value(coupang.claims!.act(account, { orderId: line.orderId, itemId: line.itemId, claimCode: line.claimCode!, quantity: 1, command, refundAtGateway: false } as never));
  expect(act({ kind: 'acceptExchange' })).toBe('EXCHANGE/PROGRESS');
  expect(reread(String(o.orderId))[0]).toMatchObject({ status: 'exchangeRequested', claimCode: String(exchangeId), rawStatus: 'EXCHANGE/PROGRESS' });
  expect(act({ kind: 'reject', claim: 'exchange', reason: '재고 품절' })).toBe('EXCHANGE/REJECT');
  const state = lb.control('state') as { vendors: Array<{ exchanges: Array<{ exchangeStatus: string; cancelReason: string }> }> };
  expect(state.vendors[0]!.exchanges[0]).toMatchObject({ exchangeStatus: 'REJECT', cancelReason: 'SOLDOUT' });
});

test('stock: the catalog maps our SKUs to vendor items (externalVendorSku), a quantity is set per vendor item', () => {
  const entries = readAll(coupang.stock!.catalog(account));
  expect(entries.map((e) => [e.sku, e.address.variantCode])).toEqual([
    ['NJ-MUG', String(MUG)],
    ['NJ-APRON-1', String(APRON)],
    ['NJ-APRON-2', '3242596362'],
    ['NJ-BLANKET-3', '3242596371'],
    ['NJ-BOARD-L', '3242596381'],
  ]);
  const blanket = entries.find((e) => e.sku === 'NJ-BLANKET-3')!.address;
  value(coupang.stock!.setQuantity(account, blanket, 17));
  const stock = (lb.control('state') as { vendors: Array<{ stock: Array<{ vendorItemId: number; quantity: number }> }> }).vendors[0]!.stock;
  expect(stock.find((s) => s.vendorItemId === 3242596371)!.quantity).toBe(17);
});

test('pacing: many calls of one vendor go at most 9 a second, so Coupang never answers 429', () => {
  const orders = Array.from({ length: 25 }, () => String(place([{ vendorItemId: MUG }]).orderId));
  const calls = coupang.orders.reread(account, orders, clock.now());
  const outcomes = gateway().run(calls.map((c) => c.request));
  expect(outcomes.every((o) => o.ok)).toBe(true);
  const log = lb.control('requestLog') as Array<{ at: number; status: number }>;
  expect(log.filter((e) => e.status === 429)).toHaveLength(0);
  for (const e of log) expect(log.filter((x) => x.at > e.at - 1000 && x.at <= e.at).length).toBeLessThanOrEqual(9);
  expect(clock.slept).toBeGreaterThanOrEqual(2000);
});

test('a 429 burst: waited out and sent again; a 504 on a read is retried, on a write it is reported unknown', () => {
  lb.control('injectFault', { kind: 'rate_limit', count: 2 });
  expect(reread(SEEDED_ORDER)).toHaveLength(2);
  expect(clock.sleeps.filter((ms) => ms >= 1000).length).toBeGreaterThanOrEqual(2);

  lb.control('injectFault', { kind: 'timeout', count: 1, method: 'GET' });
  expect(reread(SEEDED_ORDER)).toHaveLength(2);

  const o = place([{ vendorItemId: MUG }]);
  lb.control('injectFault', { kind: 'timeout', count: 1, method: 'POST' });
  expect(send([parcel(o.orderId, [MUG], '680405450931')])[0]).toMatchObject({ ok: false, unknown: true, retry: true, text: '쿠팡 응답 시간 초과: 처리되었는지 주문을 다시 읽어 확인합니다' });
});

test('a signature Coupang calls expired is re-signed once, then reported without touching the keys', () => {
  lb.control('advanceTime', 10 * 60_000); // Coupang's clock runs ahead of ours
  const o = one(coupang.orders.reread(account, [SEEDED_ORDER], clock.now())[0]!.request);
  expect(o).toMatchObject({ ok: false, error: { kind: 'auth', reconnect: false, channelMessage: 'Specified signature is expired.' } });
  const tries = (lb.control('requestLog') as Array<{ status: number }>).filter((e) => e.status === 401);
  expect(tries).toHaveLength(2);
  expect(coupang.isConnected(store, 'PNR004')).toBe(true);
});

test('keys Coupang refuses: "Invalid signature" ends the connection until new keys are saved', () => {
  saveKeys(store, 'PNR004', { vendorId: V, accessKey: DEFAULT_ACCESS_KEY, secretKey: 'typo' });
  const o = one(coupang.orders.reread(account, [SEEDED_ORDER], clock.now())[0]!.request);
  expect(o).toMatchObject({ ok: false, error: { kind: 'auth', reconnect: true, channelMessage: 'Invalid signature' } });
  expect(coupang.isConnected(store, 'PNR004')).toBe(false);
  expect(coupang.reconnectReason(store, 'PNR004')).toMatch(/API 키를 거부했습니다/);
  expect(readKeys(store, 'PNR004')!.reconnect).toBeDefined();
  // Nothing more is sent for this account until new keys come.
  const before = lb.http.sent.length;
  expect(one(coupang.orders.reread(account, [SEEDED_ORDER], clock.now())[0]!.request)).toMatchObject({ ok: false });
  expect(lb.http.sent.length).toBe(before);
});

test('stored keys of another vendor are refused before any call', () => {
  saveKeys(store, 'PNR004', { vendorId: 'A00099999', accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY });
  const o = one(coupang.orders.reread(account, [SEEDED_ORDER], clock.now())[0]!.request);
  expect(o).toMatchObject({ ok: false, error: { userMessage: expect.stringContaining('업체코드(A00099999)') } });
  expect(lb.http.sent).toHaveLength(0);
});

describe('the IP rule', () => {
  beforeEach(async () => {
    await lb.close();
  });

  test('a direct call (no relay) gets the documented 403, told in Korean what to fix', async () => {
    await start({});
    const o = one(coupang.orders.reread(account, [SEEDED_ORDER], clock.now())[0]!.request);
    expect(o).toMatchObject({ ok: false, error: { status: 403, kind: 'forbidden', channelMessage: 'Not allowed IP', userMessage: '쿠팡이 이 주소의 호출을 허용하지 않습니다: 릴레이 설정 확인' } });
  });

  test('through the relay every request goes from its registered address, signed for Coupang’s own host', async () => {
    await start({}, true);
    const lines = collect();
    expect(lines.map((l) => l.orderId)).toContain(SEEDED_ORDER);
    expect(lb.http.sent.length).toBeGreaterThan(0);
    expect(lb.http.sent.every((r) => r.url === RELAY_URL)).toBe(true);
    expect(relay!.forwarded.map((r) => new URL(r.url).host)).toEqual(lb.http.sent.map(() => 'api-gateway.coupang.com'));
    expect(relay!.forwarded.every((r) => /^CEA algorithm=HmacSHA256, access-key=/.test(r.headers.Authorization ?? ''))).toBe(true);
    expect((lb.control('requestLog') as Array<{ remoteAddress: string }>).every((e) => e.remoteAddress === '127.0.0.2')).toBe(true);
  });
});

// Silence "unused" for a type only used in a cast above.
export type _Account = ChannelAccount;

test('a collect without a claims read asks for ACCEPT only; a claims read adds RU and, in turn, INSTRUCT, everything after shipping, or nothing more', () => {
  const reads = (claims: 'none' | 'turn' | 'all', claimTurn = 0) => coupang.orders.collect(account, null, clock.now(), 0, { orders: true, claims, claimTurn }).length;
  expect(reads('none')).toBe(1);
  expect([0, 1, 2].map((t) => reads('turn', t))).toEqual([3, 3, 2]);
  expect(reads('all')).toBe(4);
  // What each adds, read to the end: RU's cancel lines come with a claims read only.
  const o = place([{ vendorItemId: APRON }]);
  value(coupang.confirm!.confirm(account, [{ orderId: String(o.orderId), itemId: itemIdOf(o.orderId, APRON), channelShipmentId: String(o.shipmentBoxId) }])[0]!.request);
  lb.control('requestCancel', V, o.orderId, { reason: '배송 지연' });
  const lines = (claims: 'none' | 'turn') => coupang.orders.collect(account, null, clock.now(), 0, { orders: true, claims, claimTurn: 2 }).flatMap((r) => readAll(r.read));
  expect(lines('none').some((l) => l.orderId === String(o.orderId))).toBe(false);
  expect(lines('turn').find((l) => l.orderId === String(o.orderId))).toMatchObject({ claim: 'cancel' });
});

describe('the collect job over Coupang', () => {
  test('a minute’s collect writes every line once and moves the cursor only when all reads of the account succeeded', () => {
    const o = place([{ vendorItemId: MUG }]);
    const first = collectOrders([account], { gateway: gateway(), store, clock, turn: 0 });
    expect(first.errors).toEqual([]);
    expect(first.lines.map((l) => l.itemId).sort()).toEqual([itemIdOf(o.orderId, MUG), itemIdOf(SEEDED_ORDER, MUG), itemIdOf(SEEDED_ORDER, APRON)].sort());
    expect(first.cursors).toEqual({ PNR004: String(Date.parse('2026-11-23T00:00:00+09:00')) });
    commitCursors(store, [account], first.cursors);

    // A 500 on the minute's second read: lines of the first are still returned, the cursor stays.
    lb.control('injectFault', { kind: 'server_error', count: 4, path: '/returnRequests' });
    const second = collectOrders([account], { gateway: gateway(), store, clock, turn: turnOf('RU') });
    expect(second.errors).toEqual([expect.objectContaining({ partnerId: 'PNR004', error: expect.objectContaining({ kind: 'server' }) })]);
    expect(second.cursors).toEqual({});
  });
});

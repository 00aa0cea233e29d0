/**
 * The builders and parsers against the local Cafe24 fake (written from the same reference): the
 * requests are accepted as built, the answers read as parsed, and the flows the sheet needs
 * (consent, collect paid orders, stock, shipments, claims) come out right.
 */
import type { HttpRequest, HttpResponse } from '../../src/core/http';
import { cafe24Connection, mallIdOf } from '../../src/channels/cafe24/connection';
import { Cafe24Error, errorFromResponse } from '../../src/channels/cafe24/errors';
import { carriersOf, findCarrier, orderLines, variantRefs } from '../../src/channels/cafe24/mapping';
import { authorizeUrl, codeExchangeRequest, parseTokenResponse, refreshRequest } from '../../src/channels/cafe24/oauth';
import { initialRateState, observe } from '../../src/channels/cafe24/rate-limit';
import * as rq from '../../src/channels/cafe24/requests';
import type { Cafe24Session } from '../../src/channels/cafe24/requests';
import { decideRetry, FIRST_TRY } from '../../src/channels/cafe24/retry';
import * as sc from '../../src/channels/cafe24/schemas';
import { APPS_SCRIPT_REDIRECT, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../local/fakes/cafe24/default-seed';
import type { Harness } from '../../local/fakes/cafe24/testing';
import { startFake, T0 } from '../../local/fakes/cafe24/testing';

let h: Harness;
beforeEach(async () => {
  h = await startFake();
});
afterEach(async () => {
  await h.close();
});

/** What the shell does with UrlFetchApp, over loopback (the fake's `/{mall}` path prefix). */
async function execute(req: HttpRequest): Promise<HttpResponse> {
  const url = req.url.replace(/^https:\/\/([a-z0-9]+)\.cafe24api\.com/, `${h.base}/$1`);
  const res = await fetch(url, { method: req.method.toUpperCase(), headers: { ...req.headers }, body: req.payload, redirect: 'manual' });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
  return { status: res.status, headers, body: await res.text() };
}

const najalran = cafe24Connection({ partnerId: 'PNR001', mallId: 'najalran' });
const borasaeg = cafe24Connection({ partnerId: 'PNR002', mallId: 'borasaeg', supplierCode: 'S000000A' });
const sessionFor = (connection = najalran): Cafe24Session => ({ connection, accessToken: h.token(connection.mallId) });
const november = { startDate: '2026-11-01', endDate: '2026-11-30' } as rq.DayWindow;

async function collect(s: Cafe24Session, q: Partial<rq.OrderQuery> = {}) {
  const answer = await execute(rq.listOrders(s, { page: { window: november, offset: 0, limit: 100 }, dateType: 'order_date', ...q }));
  return orderLines(s.connection, sc.parse('orders.list', s.connection.mallId, sc.OrdersList, answer).orders);
}

test('consent, code exchange and a rotating refresh', async () => {
  const client = { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET, redirectUri: APPS_SCRIPT_REDIRECT.replace('{SCRIPT_ID}', 'abc123') };
  const mall = mallIdOf('najalran');
  const url = authorizeUrl(mall, client, 'st8');
  // The operator sees the consent page and presses 동의하고 설치: its form posts the request back.
  const page = await execute({ method: 'get', url, headers: {} });
  expect(page.status).toBe(200);
  expect(page.body).toContain('동의하고 설치');
  const fields = new URLSearchParams(new URL(url).search);
  fields.set('consent', 'agree');
  const consent = await execute({ method: 'post', url: url.split('?')[0]!, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, payload: fields.toString() });
  expect(consent.status).toBe(302);
  const code = /[?&]code=([^&]+)/.exec(consent.headers.location!)![1]!;
  const base64 = (s: string) => Buffer.from(s).toString('base64');

  const token = parseTokenResponse('oauth.code', mall, await execute(codeExchangeRequest(mall, client, decodeURIComponent(code), base64)));
  expect(token.accessExpiresAt).toBe(T0 + 2 * 3_600_000);
  expect(token.refreshExpiresAt).toBe(T0 + 14 * 86_400_000);
  expect(token.scopes).toEqual(expect.arrayContaining(['mall.read_order', 'mall.write_order', 'mall.read_shipping', 'mall.read_supply']));

  const renewed = parseTokenResponse('oauth.refresh', mall, await execute(refreshRequest(mall, client, token.refreshToken, base64)));
  expect(renewed.refreshToken).not.toBe(token.refreshToken);
  const reused = await execute(refreshRequest(mall, client, token.refreshToken, base64));
  expect(() => parseTokenResponse('oauth.refresh', mall, reused)).toThrow(expect.objectContaining({ reconnect: true, code: 'invalid_grant' }));
});

test('collecting orders: paid ones only, one line per item', async () => {
  const { lines, skipped } = await collect(sessionFor());
  // 20261121-0000001 is unpaid (cash, N00): the read brings it, orderLines leaves it out.
  expect(skipped).toEqual([{ orderId: '20261121-0000001', itemId: '20261121-0000001-01', reason: 'unpaid' }]);
  expect(lines.map((l) => [l.itemId, l.status, l.sku, l.amount])).toEqual([
    ['20261118-0000003-01', 'shipping', 'NJ-MUG', 36000],
    ['20261120-0000001-01', 'paid', 'NJ-APRON-1', 29000],
    ['20261120-0000001-02', 'paid', 'NJ-MUG', 36000],
  ]);
  expect(lines.some((l) => l.orderId === '20261121-0000001')).toBe(false);
});

describe.each(['reject', 'first', 'accept'] as const)('paid orders of every payment state, the fake reading a comma payment_status as %s', (reading) => {
  test('card (P), deposit checked by hand (T) and virtual account (A) are collected; unpaid ones are not', async () => {
    await h.close();
    h = await startFake({ strict: { undocumentedCommaList: reading } });
    const place = (name: string, method: string) =>
      String(h.fake.addOrder('najalran', { buyer: { name }, payment_method: [method], items: [{ variant_code: 'P000000N000A' }] }).order_id);
    const cash = place('무통장', 'cash');
    const icash = place('가상계좌', 'icash');
    const waiting = place('입금대기', 'cash');
    h.fake.payOrder('najalran', cash);
    h.fake.payOrder('najalran', icash);

    for (const dateType of ['pay_date', 'order_date'] as const) {
      const { lines } = await collect(sessionFor(), { dateType });
      const orders = new Set(lines.map((l) => l.orderId));
      expect([...orders].sort()).toEqual(['20261118-0000003', '20261120-0000001', cash, icash].sort());
      expect(orders.has(waiting)).toBe(false);
      expect(orders.has('20261121-0000001')).toBe(false);
    }
  });
});

test('a reseller mall: its supplier’s orders, option surcharge in the amount', async () => {
  h.fake.addOrder('undercoco', { buyer: { name: '남의 공급사' }, items: [{ variant_code: 'P0000007000A' }] });
  const { lines } = await collect(sessionFor(cafe24Connection({ partnerId: 'PNR003', mallId: 'undercoco', supplierCode: 'S000000A' })));
  const board = lines.find((l) => l.itemId === '20261122-0000005-01')!;
  expect(board).toMatchObject({ partnerId: 'PNR003', unitPrice: 41000, amount: 41000, optionText: '크기=대', status: 'preparing' });
});

test('products by since_product_no, variants to stock-ratio ids, stock set absolutely', async () => {
  const s = sessionFor();
  let scan = rq.startProductScan(2);
  const refs = [];
  while (!scan.done) {
    const answer = await execute(rq.listProducts(s, rq.productPageOf(scan), { embedVariants: true }));
    const { products } = sc.parse('products.list', 'najalran', sc.ProductsList, answer);
    for (const p of products) refs.push(...variantRefs(najalran, p));
    scan = rq.advanceProductScan(scan, products.map((p) => p.product_no));
  }
  expect(refs).toHaveLength(10);
  const blanket = refs.find((r) => r.sku === 'NJ-BLANKET-3')!;
  expect(blanket).toMatchObject({ productNo: 15, variantCode: 'P000000P000C', optionText: '색상=네이비', quantity: 0 });

  const set = await execute(rq.setInventoryQuantity(s, blanket.productNo, blanket.variantCode, 7));
  expect(sc.parse('inventories.update', 'najalran', sc.InventoryOne, set).inventory.quantity).toBe(7);
  const back = await execute(rq.getInventory(s, blanket.productNo, blanket.variantCode));
  expect(sc.parse('inventories.get', 'najalran', sc.InventoryOne, back).inventory.quantity).toBe(7);
});

test('shipping: carrier by name, tracking number registered, line moves to standby, then in transit', async () => {
  const s = sessionFor();
  const carriers = carriersOf(sc.parse('carriers.list', 'najalran', sc.CarriersList, await execute(rq.listCarriers(s))).carriers);
  const post = findCarrier(carriers, '우체국택배')!;
  expect(post.code).toBe('0012');

  const created = await execute(rq.createShipment(s, { orderId: '20261120-0000001', trackingNo: '6071234567890', carrierCode: post.code, status: 'standby' }));
  const [shipment] = sc.parse('shipments.create', 'najalran', sc.ShipmentsCreated, created).shipments;
  const order = sc.parse('orders.get', 'najalran', sc.OrderOne, await execute(rq.getOrder(s, '20261120-0000001'))).order;
  expect(orderLines(najalran, [order]).lines.map((l) => [l.status, l.trackingNo, l.carrier?.code])).toEqual([
    ['standby', '6071234567890', '0012'],
    ['standby', '6071234567890', '0012'],
  ]);

  const [moved] = rq.updateShipments(s, [{ orderId: '20261120-0000001', shippingCode: shipment!.shipping_code, kind: 'status', status: 'shipping' }]);
  const bulk = sc.parse('shipments.updateMany', 'najalran', sc.ShipmentsBulk, await execute(moved!));
  expect(sc.splitBulk(bulk.shipments).failed).toEqual([]);
  expect((await collect(s)).lines.filter((l) => l.orderId === '20261120-0000001').map((l) => l.status)).toEqual(['shipping', 'shipping']);
});

test('bulk shipments: one bad object comes back as a 207 failure beside the good one', async () => {
  const s = sessionFor();
  const [req] = rq.createShipments(s, [
    { orderId: '20261120-0000001', trackingNo: '1111', carrierCode: '0006', status: 'shipping' },
    { orderId: '20261118-0000003', trackingNo: '2222', carrierCode: '0006', status: 'shipping' },
  ]);
  const answer = await execute(req!);
  expect(answer.status).toBe(207);
  const { ok, failed } = sc.splitBulk(sc.parse('shipments.createMany', 'najalran', sc.ShipmentsBulk, answer).shipments);
  expect(ok.map((x) => x.order_id)).toEqual(['20261120-0000001']);
  expect(failed[0]!.error.message).toContain('already been shipped');
});

test('claims: a cancel request collected, accepted, refunded', async () => {
  const s = sessionFor();
  const placed = h.fake.addOrder('najalran', { buyer: { name: '취소 고객' }, items: [{ variant_code: 'P000000M000A', quantity: 2 }] });
  const orderId = String(placed.order_id);
  h.fake.requestCancel('najalran', orderId);

  const requested = await collect(s, { dateType: 'cancel_request_date', orderStatus: ['C00'] });
  expect(requested.lines.map((l) => [l.orderId, l.status, l.claim])).toEqual([[orderId, 'cancelRequested', 'cancel']]);

  const item = { orderItemCode: requested.lines[0]!.itemId, quantity: 2 };
  const accepted = await execute(rq.acceptCancellation(s, { orderId, items: [item], refundAtGateway: false, recoverInventory: true }));
  expect(sc.parse('cancellation.accept', 'najalran', sc.CancellationOne, accepted).cancellation.status).toBe('canceled');

  const refunds = sc.parse('refunds.list', 'najalran', sc.RefundsList, await execute(rq.listRefunds(s, { window: november, dateType: 'accepted_refund_date', limit: 10, offset: 0 })));
  const refund = refunds.refunds.find((r) => r.order_id === orderId)!;
  expect(refund.actual_refund_amount).toBe(30000);
  expect((await collect(s)).lines.find((l) => l.orderId === orderId)).toMatchObject({ status: 'cancelled', rawStatus: 'C41' });

  await execute(rq.completeRefund(s, { orderId, refundCode: refund.refund_code, refundAtGateway: false }));
  expect((await collect(s)).lines.find((l) => l.orderId === orderId)).toMatchObject({ status: 'refunded', rawStatus: 'C40' });
});

test('claims: a return accepted then completed; an exchange request rejected', async () => {
  const s = sessionFor();
  const orderId = '20261118-0000003';
  const itemId = `${orderId}-01`;
  h.fake.markDelivered('najalran', orderId);
  h.fake.requestReturn('najalran', orderId);
  const accepted = sc.parse('return.accept', 'najalran', sc.ReturnOne, await execute(rq.acceptReturn(s, { orderId, items: [{ orderItemCode: itemId, quantity: 2 }] })));
  expect((await collect(s)).lines.find((l) => l.itemId === itemId)).toMatchObject({ status: 'returnRequested', rawStatus: 'R10' });
  await execute(rq.completeReturn(s, { orderId, claimCode: accepted.return.claim_code, refundAtGateway: false, recoverInventory: false }));
  expect((await collect(s)).lines.find((l) => l.itemId === itemId)).toMatchObject({ status: 'returned', claim: 'return' });
  const read = sc.parse('return.get', 'najalran', sc.ReturnOne, await execute(rq.getReturn(s, accepted.return.claim_code)));
  expect(read.return.status).toBe('returned');

  const other = String(h.fake.addOrder('najalran', { buyer: { name: '교환 고객' }, items: [{ variant_code: 'P000000L000A' }] }).order_id);
  await execute(rq.createShipment(s, { orderId: other, trackingNo: '3333', carrierCode: '0079', status: 'shipping' }));
  h.fake.markDelivered('najalran', other);
  h.fake.requestExchange('najalran', other);
  const [reject] = rq.rejectClaimRequests(s, 'exchange', [{ orderId: other, orderItemCodes: [`${other}-01`], reason: '사용 흔적', showToBuyer: true }]);
  sc.parse('exchangeRequests.reject', 'najalran', sc.ExchangeRequestsDecided, await execute(reject!));
  expect((await collect(s)).lines.find((l) => l.orderId === other)).toMatchObject({ status: 'delivered', rawStatus: 'E11', claim: null });
});

test('suppliers and the rate-limit headers of real answers', async () => {
  const s = sessionFor(borasaeg);
  const answer = await execute(rq.listSuppliers(s, { limit: 100, offset: 0 }));
  expect(sc.parse('suppliers.list', 'borasaeg', sc.SuppliersList, answer).suppliers.map((x) => x.supplier_code)).toContain('S000000A');
  const state = observe(initialRateState(T0), [answer], T0);
  expect(state.level).toBe(1);
  expect(state.callUsage).not.toBeNull();
});

test('a 429 and a missing scope, as the fake answers them', async () => {
  const s = sessionFor();
  h.fake.injectFault('najalran', { kind: 'rate_limit', count: 1 });
  const throttled = await execute(rq.listCarriers(s));
  expect(throttled.status).toBe(429);
  expect(decideRetry('get', throttled, FIRST_TRY, T0).decision.action).toBe('retry');
  expect(errorFromResponse('carriers.list', 'najalran', throttled).userMessage).toBe('호출 한도 초과, 잠시 후 재시도');

  const narrow: Cafe24Session = { connection: najalran, accessToken: h.token('najalran', ['mall.read_order']) };
  const refused = await execute(rq.listCarriers(narrow));
  const e = errorFromResponse('carriers.list', 'najalran', refused);
  expect(e).toBeInstanceOf(Cafe24Error);
  expect(e.userMessage).toBe('권한(scope)이 부족합니다: mall.read_shipping. 카페24 앱 권한을 확인한 뒤 다시 연결하세요');
  expect(decideRetry('get', refused, FIRST_TRY, T0).decision).toEqual({ action: 'fail', reconnect: true });
});

test('bulk calls of one object still go as requests[], which the fake takes where it refuses a lone request', async () => {
  const s = sessionFor();
  const one = [
    ...rq.updateVariants(s, 13, [{ variantCode: 'P000000N000A', display: true }]),
    ...rq.changeOrdersStatus(s, [{ orderId: '20261120-0000001', orderItemCodes: ['20261120-0000001-01'], processStatus: 'prepare' }]),
    ...rq.createShipments(s, [{ orderId: '20261120-0000001', trackingNo: '1111', carrierCode: '0006', status: 'standby' }]),
    ...rq.rejectClaimRequests(s, 'cancellation', [{ orderId: '20261120-0000001', orderItemCodes: ['20261120-0000001-02'], reason: '출고 완료', showToBuyer: true }]),
  ];
  expect(one).toHaveLength(4);
  for (const req of one) {
    const body = JSON.parse(String(req.payload)) as Record<string, unknown>;
    expect(body).not.toHaveProperty('request');
    expect(body.requests).toHaveLength(1);
    const answer = await execute(req);
    expect(answer.body).not.toContain('not a single');
    // The same object as a lone `request` is what the fake (by default) refuses.
    const lone = await execute({ ...req, payload: JSON.stringify({ shop_no: 1, request: (body.requests as unknown[])[0] }) });
    if (!process.env.CAFE24_FAKE_STRICT?.includes('bulkLoneRequest')) expect(lone.status).toBe(422);
  }
});

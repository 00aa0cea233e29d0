/**
 * The fake's order APIs as reference A3 and A4 describe them: the change feed (window, `more`
 * paging, ordering), the detail query (≤ 300), 발주확인 (≤ 30, success and fail lists), dispatch
 * (≤ 30, Naver's courier codes, the "already" answer) and the claim calls; and the control
 * operations that drive them (order, pay, cancel, return, exchange, pickup, delivery, time,
 * faults), with the request log and the snapshot.
 */
import { DEFAULT_CLIENT_ID as APP } from '../../local/fakes/naver';
import { send, startNaverFake, type NaverHarness } from '../../local/fakes/naver/testing';

let h: NaverHarness;
let token: string;
async function start(options: Parameters<typeof startNaverFake>[0] = {}) {
  h = await startNaverFake({ ratePerSecond: 1000, ...options });
  token = h.token();
}
afterEach(async () => h.close());

const PO = '/v1/pay-order/seller/product-orders';
const feed = (query: Record<string, string | number>) => h.call('GET', `${PO}/last-changed-statuses`, { token, query });
const post = (path: string, body: unknown) => h.call('POST', `${PO}${path}`, { token, body });
const kst = (ms: number) => `${new Date(ms + 9 * 3_600_000).toISOString().slice(0, 23)}+09:00`;
const order = (items: Array<{ originProductNo: number; optionId?: number; quantity?: number }> = [{ originProductNo: 10000101 }], paymentMeans?: '무통장입금') =>
  h.fake.controls.placeOrder(APP, { items, buyer: { name: '박지민' }, ...(paymentMeans ? { paymentMeans } : {}) });
const detail = async (id: string) => (await post('/query', { productOrderIds: [id] })).json.data[0];

describe('the change feed', () => {
  beforeEach(() => start());

  test('changes in the window, oldest first, paged by limitCount with more {moreFrom, moreSequence} until none is left', async () => {
    const placed: string[] = [];
    h.clock.advance(20_000);
    for (let i = 0; i < 5; i++) {
      placed.push(...order().productOrderIds);
      h.clock.advance(i === 1 ? 0 : 1000);
    }
    const from = kst(h.clock.now - 10_000);
    const seen: string[] = [];
    let query: Record<string, string | number> = { lastChangedFrom: from, limitCount: 2 };
    let pages = 0;
    for (;;) {
      const r = await feed(query);
      expect(r.status).toBe(200);
      pages++;
      seen.push(...r.json.data.lastChangeStatuses.map((c: { productOrderId: string }) => c.productOrderId));
      const more = r.json.data.more;
      if (!more) break;
      expect(more).toEqual({ moreFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+09:00$/), moreSequence: expect.any(String) });
      query = { lastChangedFrom: more.moreFrom, moreSequence: more.moreSequence, limitCount: 2 };
    }
    expect(pages).toBe(3);
    // The seeded order's change (09:13) is before the window; the five placed come once each, in order.
    expect(seen).toEqual(placed);
  });

  test('each change says what changed: PAY_WAITING, then PAYED once the deposit arrives; the feed’s fields', async () => {
    const { orderId, productOrderIds } = order(undefined, '무통장입금');
    const from = kst(h.clock.now - 1000);
    expect((await feed({ lastChangedFrom: from })).json.data.lastChangeStatuses).toEqual([
      expect.objectContaining({ orderId, productOrderId: productOrderIds[0], lastChangedType: 'PAY_WAITING', productOrderStatus: 'PAYMENT_WAITING', paymentDate: null, claimType: null }),
    ]);
    h.clock.advance(60_000);
    h.fake.controls.pay(APP, orderId);
    const [paid] = (await feed({ lastChangedFrom: from })).json.data.lastChangeStatuses;
    expect(paid).toMatchObject({ lastChangedType: 'PAYED', productOrderStatus: 'PAYED', lastChangedDate: kst(h.clock.now), paymentDate: kst(h.clock.now) });
  });

  test('a window over 24 h is refused (or cut to 24 h with lastChangedWindow clamp); From is required and must carry its offset', async () => {
    const from = h.clock.now - 30 * 3_600_000;
    const wide = await feed({ lastChangedFrom: kst(from), lastChangedTo: kst(from + 25 * 3_600_000) });
    expect([wide.status, wide.json.code]).toEqual([400, 'BAD_REQUEST']);
    expect((await feed({})).status).toBe(400);
    // A '+' sent unencoded arrives as a space.
    expect((await h.call('GET', `${PO}/last-changed-statuses?lastChangedFrom=2026-11-23T09:00:00.000+09:00`, { token })).status).toBe(400);
    await h.close();
    await start({ lastChangedWindow: 'clamp' });
    expect((await feed({ lastChangedFrom: kst(from), lastChangedTo: kst(from + 25 * 3_600_000) })).status).toBe(200);
  });

  test('limitCount above 300 reads as 300', async () => {
    h.fake.controls.setStock(APP, 10000101, 1000);
    for (let i = 0; i < 301; i++) order();
    const r = await feed({ lastChangedFrom: kst(h.clock.now - 1000), limitCount: 1000 });
    expect(r.json.data.count).toBe(300);
    expect(r.json.data.more).toBeDefined();
  });
});

describe('detail query, 발주확인 and dispatch', () => {
  beforeEach(() => start());

  test('the query answers up to 300 product orders (unknown ids left out) and refuses 301', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => (i === 0 ? '2026112310000011' : `x${i}`));
    const r = await post('/query', { productOrderIds: ids });
    expect(r.status).toBe(200);
    expect(r.json.data.map((d: { productOrder: { productOrderId: string } }) => d.productOrder.productOrderId)).toEqual(['2026112310000011']);
    expect((await post('/query', { productOrderIds: [...ids, 'one-more'] })).status).toBe(400);
  });

  test('confirm takes 30 ids at most; each id is in the success list or the fail list with its code', async () => {
    const paid = order().productOrderIds[0]!;
    const waiting = order(undefined, '무통장입금').productOrderIds[0]!;
    expect((await post('/confirm', { productOrderIds: Array.from({ length: 31 }, (_, i) => `id${i}`) })).status).toBe(400);
    const r = await post('/confirm', { productOrderIds: [paid, waiting, 'nope'] });
    expect(r.status).toBe(200);
    expect(r.json.data).toEqual({
      successProductOrderInfos: [{ productOrderId: paid, isReceiverAddressChanged: false }],
      failProductOrderInfos: [
        { productOrderId: waiting, code: '104442', message: expect.any(String) },
        { productOrderId: 'nope', code: '100001', message: expect.any(String) },
      ],
    });
    expect((await detail(paid)).productOrder).toMatchObject({ placeOrderStatus: 'OK', placeOrderDate: kst(h.clock.now) });
    // Confirming again: a success again by default, 104443 under reconfirm 'fail'.
    expect((await post('/confirm', { productOrderIds: [paid] })).json.data.successProductOrderInfos).toHaveLength(1);
  });

  test('dispatch: ≤ 30 items; Naver courier codes; the product order goes DELIVERING and the feed says DISPATCHED; a second dispatch is “already”', async () => {
    const id = order().productOrderIds[0]!;
    const item = (over: Record<string, unknown> = {}) => ({ productOrderId: id, deliveryMethod: 'DELIVERY', deliveryCompanyCode: 'CJGLS', trackingNumber: '680405450931', dispatchDate: kst(h.clock.now), ...over });
    expect((await post('/dispatch', { dispatchProductOrders: Array.from({ length: 31 }, () => item()) })).status).toBe(400);
    const bad = await post('/dispatch', { dispatchProductOrders: [item({ deliveryCompanyCode: 'LOTTE' })] });
    expect(bad.json.data.failProductOrderInfos).toEqual([{ productOrderId: id, code: '104119', message: expect.any(String) }]);
    expect((await post('/dispatch', { dispatchProductOrders: [item({ trackingNumber: '12-34' })] })).json.data.failProductOrderInfos[0].code).toBe('104122');
    const { dispatchDate: _d, ...undated } = item();
    expect((await post('/dispatch', { dispatchProductOrders: [undated] })).json.data.failProductOrderInfos[0].code).toBe('4000');

    const ok = await post('/dispatch', { dispatchProductOrders: [item()] });
    expect(ok.json.data).toEqual({ successProductOrderIds: [id], failProductOrderInfos: [] });
    expect(await detail(id)).toMatchObject({ productOrder: { productOrderStatus: 'DELIVERING' }, delivery: { deliveryCompany: 'CJGLS', trackingNumber: '680405450931', deliveryMethod: 'DELIVERY' } });
    const [change] = (await feed({ lastChangedFrom: kst(h.clock.now) })).json.data.lastChangeStatuses;
    expect(change).toMatchObject({ productOrderId: id, lastChangedType: 'DISPATCHED', productOrderStatus: 'DELIVERING' });
    const again = await post('/dispatch', { dispatchProductOrders: [item()] });
    expect(again.json.data.failProductOrderInfos).toEqual([{ productOrderId: id, code: '104442', message: '이미 발송처리된 상품주문입니다.' }]);
  });
});

describe('claims, driven by the buyer’s side', () => {
  beforeEach(() => start());

  test('a cancel before 발주확인 completes at once; after it, it waits for cancel/approve', async () => {
    const early = order().productOrderIds[0]!;
    h.fake.controls.requestCancel(APP, early);
    expect((await detail(early)).productOrder).toMatchObject({ productOrderStatus: 'CANCELED', claimType: 'CANCEL', claimStatus: 'CANCEL_DONE' });

    const late = order().productOrderIds[0]!;
    await post('/confirm', { productOrderIds: [late] });
    h.fake.controls.requestCancel(APP, late);
    expect((await detail(late)).productOrder).toMatchObject({ productOrderStatus: 'PAYED', claimStatus: 'CANCEL_REQUEST' });
    const approved = await post(`/${late}/claim/cancel/approve`, {});
    expect(approved.json.data).toEqual({ successProductOrderIds: [late], failProductOrderInfos: [] });
    expect((await detail(late)).productOrder).toMatchObject({ productOrderStatus: 'CANCELED', claimStatus: 'CANCEL_DONE' });
  });

  test('buyerCancelBeforeConfirm request: a cancel before 발주확인 waits too', async () => {
    await h.close();
    await start({ buyerCancelBeforeConfirm: 'request' });
    const id = order().productOrderIds[0]!;
    h.fake.controls.requestCancel(APP, id);
    expect((await detail(id)).productOrder.claimStatus).toBe('CANCEL_REQUEST');
  });

  test('a return: requested, held back and released, picked up, approved (RETURNED); a second one rejected', async () => {
    const dispatched = async () => {
      const id = order().productOrderIds[0]!;
      await post('/dispatch', { dispatchProductOrders: [{ productOrderId: id, deliveryMethod: 'DELIVERY', deliveryCompanyCode: 'EPOST', trackingNumber: '6071234567890', dispatchDate: kst(h.clock.now) }] });
      h.fake.controls.markDelivered(APP, id);
      return id;
    };
    const id = await dispatched();
    h.fake.controls.requestReturn(APP, id, '사이즈 안 맞음');
    expect((await detail(id))).toMatchObject({ productOrder: { claimType: 'RETURN', claimStatus: 'RETURN_REQUEST' }, return: { returnReason: '사이즈 안 맞음', claimId: expect.any(String) } });
    expect((await post(`/${id}/claim/return/holdback`, { holdbackClassType: 'ETC', holdbackReturnDetailReason: '확인 중' })).json.data.successProductOrderIds).toEqual([id]);
    expect((await detail(id)).return.holdbackStatus).toBe('HOLDBACK');
    await post(`/${id}/claim/return/holdback/release`, {});
    h.fake.controls.collect(APP, id);
    expect((await detail(id)).productOrder.claimStatus).toBe('COLLECT_DONE');
    await post(`/${id}/claim/return/approve`, {});
    expect((await detail(id)).productOrder).toMatchObject({ productOrderStatus: 'RETURNED', claimStatus: 'RETURN_DONE' });

    const other = await dispatched();
    h.fake.controls.requestReturn(APP, other);
    expect((await post(`/${other}/claim/return/reject`, {})).status).toBe(400);
    await post(`/${other}/claim/return/reject`, { rejectReturnReason: '사용 흔적' });
    expect((await detail(other)).productOrder).toMatchObject({ productOrderStatus: 'DELIVERED', claimStatus: 'RETURN_REJECT' });
  });

  test('an exchange: requested, picked up, collect approved, sent again; claim calls in the wrong state fail per item', async () => {
    const id = order().productOrderIds[0]!;
    await post('/dispatch', { dispatchProductOrders: [{ productOrderId: id, deliveryMethod: 'DELIVERY', deliveryCompanyCode: 'HYUNDAI', trackingNumber: '200016500003', dispatchDate: kst(h.clock.now) }] });
    h.fake.controls.requestExchange(APP, id);
    const early = await post(`/${id}/claim/exchange/collect/approve`, {});
    expect(early.json.data.failProductOrderInfos[0]).toMatchObject({ productOrderId: id, code: '104442' });
    h.fake.controls.collect(APP, id, false);
    expect((await detail(id)).productOrder.claimStatus).toBe('COLLECTING');
    await post(`/${id}/claim/exchange/collect/approve`, {});
    await post(`/${id}/claim/exchange/dispatch`, { reDeliveryMethod: 'DELIVERY', reDeliveryCompany: 'HYUNDAI', reDeliveryTrackingNumber: '200016500010' });
    expect((await detail(id))).toMatchObject({ productOrder: { claimStatus: 'EXCHANGE_REDELIVERING' }, exchange: { reDeliveryTrackingNumber: '200016500010' } });
    expect((await post(`/${id}/claim/cancel/approve`, {})).json.data.failProductOrderInfos[0].code).toBe('104442');
    expect((await post(`/${id}/claim/return/undocumented`, {})).json.code).toBe('GW.NOT_FOUND');
  });
});

describe('control operations, faults, log and snapshot', () => {
  beforeEach(() => start());

  test('an unpaid order expires; delivery and the purchase decision move the product order on', async () => {
    const { orderId, productOrderIds } = order(undefined, '무통장입금');
    h.fake.controls.expireUnpaid(APP, orderId);
    expect((await detail(productOrderIds[0]!)).productOrder.productOrderStatus).toBe('CANCELED_BY_NOPAYMENT');
    const id = order().productOrderIds[0]!;
    await post('/dispatch', { dispatchProductOrders: [{ productOrderId: id, deliveryMethod: 'DELIVERY', deliveryCompanyCode: 'KGB', trackingNumber: '20286005541', dispatchDate: kst(h.clock.now) }] });
    h.fake.controls.markDelivered(APP, id);
    h.fake.controls.purchaseDecide(APP, id);
    expect((await detail(id))).toMatchObject({ productOrder: { productOrderStatus: 'PURCHASE_DECIDED' }, delivery: { deliveryStatus: 'DELIVERY_COMPLETION' } });
  });

  test('an order takes stock; a sold-out option cannot be ordered; setStock sets it', async () => {
    expect(() => order([{ originProductNo: 10000103, optionId: 603 }])).toThrow(/sold out/);
    h.fake.controls.setStock(APP, 10000103, 2, 603);
    order([{ originProductNo: 10000103, optionId: 603, quantity: 2 }]);
    const state = h.fake.controls.state() as Record<string, { products: Array<{ originProductNo: number; originProduct: { stockQuantity: number; detailAttribute: { optionInfo: { optionCombinations: Array<{ id: number; stockQuantity: number }> } } } }> }>;
    const blanket = state[APP]!.products.find((p) => p.originProductNo === 10000103)!;
    expect(blanket.originProduct.detailAttribute.optionInfo.optionCombinations.find((c) => c.id === 603)!.stockQuantity).toBe(0);
    expect(blanket.originProduct.stockQuantity).toBe(9);
  });

  test('faults: a 500 with the gateway code, a dropped connection, a 429 burst; each for its count', async () => {
    h.fake.controls.injectFault({ kind: 'server_error', count: 1 });
    h.fake.controls.injectFault({ kind: 'timeout', count: 1 });
    h.fake.controls.injectFault({ kind: 'rate_limit', count: 2 });
    const q = { lastChangedFrom: kst(h.clock.now - 1000) };
    const first = await feed(q);
    expect([first.status, first.json.code]).toEqual([500, 'GW.INTERNAL_SERVER_ERROR']);
    await expect(feed(q)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await feed(q)).json.code).toBe('GW.RATE_LIMIT');
    expect((await feed(q)).status).toBe(429);
    expect((await feed(q)).status).toBe(200);
    expect(h.fake.core.log.all().map((e) => [e.status, e.faults])).toEqual([
      [500, ['server_error']],
      [0, ['timeout']],
      [429, ['rate_limit']],
      [429, ['rate_limit']],
      [200, []],
    ]);
  });

  test('time advances for the fake alone (advanceTime), tokens expire with it; control over HTTP answers 400 for bad input', async () => {
    h.fake.controls.advanceTime(3 * 3_600_000);
    expect((await feed({ lastChangedFrom: kst(h.fake.core.now() - 1000) })).status).toBe(401);
    const placed = await h.control('placeOrder', { clientId: APP, order: { items: [{ originProductNo: 10000101 }] } });
    expect(placed.json).toEqual({ orderId: expect.stringMatching(/^\d{16}$/), productOrderIds: [expect.stringMatching(/^\d{16}$/)] });
    expect((await h.control('pay', { clientId: APP, orderId: 'nope' })).status).toBe(400);
  });

  test('a slow fault answers as usual with x-sim-delay-ms; clearFaults ends every fault; state and log over HTTP; clearLog empties the log', async () => {
    const q = { lastChangedFrom: kst(h.clock.now - 1000) };
    await h.control('injectFault', { fault: { kind: 'slow', delayMs: 1500, count: 1 } });
    const slow = await feed(q);
    expect([slow.status, slow.headers['x-sim-delay-ms']]).toEqual([200, '1500']);
    await h.control('injectFault', { fault: { kind: 'server_error', status: 503 } });
    expect((await feed(q)).json.code).toBe('GW.BLOCK.01');
    expect((await h.control('clearFaults')).json).toEqual({ cleared: 1 });
    expect((await feed(q)).status).toBe(200);
    expect((await h.control('injectFault', { fault: { kind: 'meteor' } })).status).toBe(400);
    const state = await send(h.port, 'GET', '/_fake/state', {}, undefined, '127.0.0.1');
    expect(state.json[APP].productOrders.map((p: { productOrder: { productOrderId: string } }) => p.productOrder.productOrderId)).toEqual(['2026112310000011']);
    const log = await send(h.port, 'GET', '/_fake/log', {}, undefined, '127.0.0.1');
    expect(log.json.log.map((e: { status: number; faults: string[] }) => [e.status, e.faults])).toEqual([
      [200, ['slow']],
      [503, ['server_error']],
      [200, []],
    ]);
    await h.control('clearLog');
    expect(h.fake.core.log.all()).toEqual([]);
  });

  test('the request log keeps no secret: the signature and the token are not in it', async () => {
    await h.call('POST', '/v1/oauth2/token', { form: h.tokenForm() });
    const [entry] = h.fake.core.log.all();
    expect(entry!.requestBody).toMatchObject({ client_id: APP, client_secret_sign: '***', type: 'SELF' });
    expect(JSON.stringify(h.fake.core.log.all())).not.toContain(token);
  });
});

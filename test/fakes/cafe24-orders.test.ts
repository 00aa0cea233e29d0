/**
 * Cafe24 fake — orders and shipments (reference §7, §8): the order list's date window, paging
 * and filters, item-level order_status, unpaid orders, process_status moves, and the statuses
 * shipments move items through.
 */
import type { Harness } from '../../local/fakes/cafe24/testing';
import { startFake } from '../../local/fakes/cafe24/testing';

let h: Harness;
let token: string;
beforeEach(async () => {
  h = await startFake();
  token = h.token('najalran');
});
afterEach(async () => {
  await h.close();
});

const ids = (r: { json: { orders: Array<{ order_id: string }> } }): string[] => r.json.orders.map((o) => o.order_id);

function placeMugOrders(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(String(h.fake.addOrder('najalran', { buyer: { name: `구매자${i}` }, items: [{ variant_code: 'P000000N000A', quantity: 1 }] }).order_id));
    h.clock.advance(60_000);
  }
  return out;
}

describe('GET /orders', () => {
  test('start_date and end_date go together and may span less than 3 months; more is 422', async () => {
    const ok = await h.api('najalran', 'GET', '/orders?start_date=2026-09-01&end_date=2026-11-30', { token });
    expect(ok.status).toBe(200);
    expect(ids(ok)).toEqual(['20261118-0000003', '20261120-0000001', '20261121-0000001']);
    const over = await h.api('najalran', 'GET', '/orders?start_date=2026-09-01&end_date=2026-12-01', { token });
    expect(over.status).toBe(422);
    expect(over.json.error.code).toBe(422);
    expect(over.json.error.message).toContain('3 months');
    expect((await h.api('najalran', 'GET', '/orders?start_date=2026-09-01', { token })).status).toBe(422);
  });

  test('the window compares KST days, end date inclusive', async () => {
    const r = await h.api('najalran', 'GET', '/orders?start_date=2026-11-20&end_date=2026-11-20', { token });
    expect(ids(r)).toEqual(['20261120-0000001']);
  });

  test('limit 1..1000 (default 10), offset ≤ 15000; paging beyond one page with a links.next', async () => {
    const placed = placeMugOrders(12);
    const q = 'start_date=2026-11-01&end_date=2026-11-30';
    const first = await h.api('najalran', 'GET', `/orders?${q}`, { token });
    expect(first.json.orders).toHaveLength(10);
    expect(first.json.links).toEqual([
      { rel: 'next', href: `https://najalran.cafe24api.com/api/v2/admin/orders?${q}&limit=10&offset=10` },
    ]);
    const second = await h.api('najalran', 'GET', `/orders?${q}&offset=10`, { token });
    expect(second.json.orders).toHaveLength(5);
    expect(second.json.links).toBeUndefined();
    expect([...ids(first), ...ids(second)].slice(3)).toEqual(placed);
    expect((await h.api('najalran', 'GET', `/orders?${q}&limit=1001`, { token })).json.error.message).toBe(
      '[Limit] should be between 1 and 1000. (parameter.limit)',
    );
    expect((await h.api('najalran', 'GET', `/orders?${q}&offset=15001`, { token })).status).toBe(422);
  });

  test('order_status and payment_status filter the way unpaid orders are excluded; count takes the same filters', async () => {
    const q = 'start_date=2026-11-01&end_date=2026-11-30';
    expect(ids(await h.api('najalran', 'GET', `/orders?${q}&order_status=N00`, { token }))).toEqual(['20261121-0000001']);
    expect(ids(await h.api('najalran', 'GET', `/orders?${q}&payment_status=F`, { token }))).toEqual(['20261121-0000001']);
    expect(ids(await h.api('najalran', 'GET', `/orders?${q}&order_status=N10,N20,N30`, { token }))).toEqual(['20261118-0000003', '20261120-0000001']);
    expect((await h.api('najalran', 'GET', `/orders/count?${q}&payment_status=P`, { token })).json).toEqual({ count: 2 });
    expect((await h.api('najalran', 'GET', `/orders?${q}&order_status=Z99`, { token })).status).toBe(422);
  });

  describe('a comma list in payment_status, which the reference does not document as one (undocumentedCommaList)', () => {
    const q = 'start_date=2026-11-01&end_date=2026-11-30';
    /** One paid order of each state: P card (seed), T cash checked by hand, A virtual account. */
    async function withEveryPaymentState(reading?: 'reject' | 'first' | 'accept') {
      await h.close();
      h = await startFake(reading ? { strict: { undocumentedCommaList: reading } } : {});
      token = h.token('najalran');
      const cash = String(h.fake.addOrder('najalran', { buyer: { name: '무통장' }, payment_method: ['cash'], items: [{ variant_code: 'P000000N000A' }] }).order_id);
      h.fake.payOrder('najalran', cash);
      const icash = String(h.fake.addOrder('najalran', { buyer: { name: '가상계좌' }, payment_method: ['icash'], items: [{ variant_code: 'P000000N000A' }] }).order_id);
      h.fake.payOrder('najalran', icash);
      return { cash, icash };
    }

    test('by default it is refused with 422 like any value outside F, M, T, A, P; one value is read as before', async () => {
      const { cash } = await withEveryPaymentState();
      const r = await h.api('najalran', 'GET', `/orders?${q}&payment_status=T,A,P`, { token });
      expect(r.status).toBe(422);
      expect(r.json.error.message).toBe('[Payment_status] has an invalid value (T,A,P). (parameter.payment_status)');
      expect(ids(await h.api('najalran', 'GET', `/orders?${q}&payment_status=T`, { token }))).toEqual([cash]);
    });

    test("'first' reads the first value only: the card and virtual-account orders are missing", async () => {
      const { cash } = await withEveryPaymentState('first');
      expect(ids(await h.api('najalran', 'GET', `/orders?${q}&payment_status=T,A,P`, { token }))).toEqual([cash]);
    });

    test("'accept' reads the list as the documented ones are read", async () => {
      const { cash, icash } = await withEveryPaymentState('accept');
      expect(ids(await h.api('najalran', 'GET', `/orders?${q}&payment_status=T,A,P`, { token })).sort()).toEqual(
        ['20261118-0000003', '20261120-0000001', cash, icash].sort(),
      );
    });

    test('documented lists (order_id, order_status) are read as lists under every reading', async () => {
      await h.close();
      h = await startFake({ strict: { undocumentedCommaList: 'reject' } });
      token = h.token('najalran');
      expect(ids(await h.api('najalran', 'GET', `/orders?${q}&order_status=N10,N30`, { token }))).toEqual(['20261118-0000003', '20261120-0000001']);
      expect(ids(await h.api('najalran', 'GET', `/orders?order_id=20261118-0000003,20261120-0000001`, { token }))).toEqual(['20261118-0000003', '20261120-0000001']);
    });
  });

  test('embed=items,receivers,buyer inlines the sub-resources; the order level has no order_status', async () => {
    const r = await h.api('najalran', 'GET', '/orders?order_id=20261120-0000001&embed=items,receivers,buyer', { token });
    const order = r.json.orders[0];
    expect(order).not.toHaveProperty('order_status');
    expect(order.items.map((i: any) => [i.order_item_code, i.order_status, i.status_code, i.status_text])).toEqual([
      ['20261120-0000001-01', 'N10', 'N1', '상품준비중'],
      ['20261120-0000001-02', 'N10', 'N1', '상품준비중'],
    ]);
    expect(order.receivers[0].name).toBe('이서준');
    expect(order.buyer.member_id).toBe('seojun_lee');
    const plain = await h.api('najalran', 'GET', '/orders?order_id=20261120-0000001', { token });
    expect(plain.json.orders[0]).not.toHaveProperty('items');
  });

  test('date_type=pay_date finds an order by when it was paid', async () => {
    h.clock.advance(2 * 86_400_000); // 2026-11-25
    h.fake.payOrder('najalran', '20261121-0000001');
    token = h.token('najalran'); // the morning's token expired two days ago
    const r = await h.api('najalran', 'GET', '/orders?date_type=pay_date&start_date=2026-11-25&end_date=2026-11-25&embed=items', { token });
    expect(ids(r)).toEqual(['20261121-0000001']);
    expect(r.json.orders[0]).toMatchObject({ paid: 'T', payment_date: '2026-11-25T10:00:00+09:00' });
    expect(r.json.orders[0].items[0].order_status).toBe('N10');
  });

  test('GET /orders/{id}/items and a missing order (404)', async () => {
    const r = await h.api('najalran', 'GET', '/orders/20261118-0000003/items', { token });
    expect(r.json.items[0]).toMatchObject({ order_status: 'N30', tracking_no: '684512339870', shipping_company_code: '0006' });
    expect((await h.api('najalran', 'GET', '/orders/20261118-0009999', { token })).status).toBe(404);
  });

  test('GET /unpaidorders lists bank-transfer orders awaiting deposit (needs a 2025+ API version)', async () => {
    const r = await h.api('najalran', 'GET', '/unpaidorders?start_date=2026-11-01&end_date=2026-11-30', { token });
    expect(r.json.unpaidorders).toEqual([
      expect.objectContaining({ order_id: '20261121-0000001', order_item_code: ['20261121-0000001-01'], unpaid_amount: '49000.00', payment_method: 'cash' }),
    ]);
    // Early 2025, when 2023-12-01 was still a live version without this endpoint.
    await h.close();
    h = await startFake({ start: Date.parse('2025-03-01T09:00:00+09:00') });
    const old = await h.api('najalran', 'GET', '/unpaidorders?start_date=2026-11-01&end_date=2026-11-30', {
      token: h.token('najalran'),
      headers: { 'X-Cafe24-Api-Version': '2023-12-01' },
    });
    expect(old.status).toBe(404);
  });
});

describe('customer side: placing and paying orders', () => {
  test('a card order arrives paid (N10) and takes stock at once', async () => {
    const o = h.fake.addOrder('najalran', { buyer: { name: '한가람' }, items: [{ variant_code: 'P000000L000B', quantity: 2 }] });
    expect(o).toMatchObject({ order_id: '20261123-0000001', paid: 'T', payment_amount: '58000.00' });
    expect((o.items as any[])[0]).toMatchObject({ order_item_code: '20261123-0000001-01', order_status: 'N10', product_name: '린넨 앞치마', option_value: '색상=차콜' });
    const inv = await h.api('najalran', 'GET', '/products/11/variants/P000000L000B/inventories', { token });
    expect(inv.json.inventory.quantity).toBe(23);
  });

  test('a bank-transfer order waits at N00 until paid, then moves to N10', async () => {
    const o = h.fake.addOrder('najalran', { buyer: { name: '한가람' }, payment_method: ['cash'], items: [{ variant_code: 'P000000N000A' }] });
    expect(o).toMatchObject({ paid: 'F', payment_date: null });
    expect((o.items as any[])[0].order_status).toBe('N00');
    const paid = h.fake.payOrder('najalran', String(o.order_id));
    expect((paid.items as any[])[0].order_status).toBe('N10');
    expect(() => h.fake.payOrder('najalran', String(o.order_id))).toThrow(/already paid/);
  });

  test('a sold-out variant cannot be ordered; control input is validated with a clear message', () => {
    expect(() => h.fake.addOrder('najalran', { buyer: { name: 'x' }, items: [{ variant_code: 'P000000P000C' }] })).toThrow(/sold out/);
    expect(() => h.fake.addOrder('najalran', { buyer: { name: 'x' }, items: [] })).toThrow(/addOrder: invalid input[\s\S]*items/);
    expect(() => h.fake.addOrder('nowhere', { buyer: { name: 'x' }, items: [{ variant_code: 'P000000N000A' }] })).toThrow(/No mall "nowhere"/);
  });
});

describe('PUT /orders: process_status', () => {
  test('prepare moves N10 items to N20 and assigns a shipping code; hold and unhold', async () => {
    const r = await h.api('najalran', 'PUT', '/orders/20261120-0000001', { token, body: { shop_no: 1, request: { process_status: 'prepare' } } });
    expect(r.json.order).toEqual({ shop_no: 1, order_id: '20261120-0000001', process_status: 'prepare', order_item_code: ['20261120-0000001-01', '20261120-0000001-02'] });
    const items = (await h.api('najalran', 'GET', '/orders/20261120-0000001/items', { token })).json.items;
    expect(items.map((i: any) => [i.order_status, i.shipping_code])).toEqual([
      ['N20', 'D-20261120-0000001-00'],
      ['N20', 'D-20261120-0000001-00'],
    ]);
    await h.api('najalran', 'PUT', '/orders/20261120-0000001', { token, body: { request: { process_status: 'hold', order_item_code: ['20261120-0000001-02'] } } });
    const held = await h.api('najalran', 'GET', '/orders/20261120-0000001', { token });
    expect(held.json.order.shipping_status).toBe('W');
    await h.api('najalran', 'PUT', '/orders/20261120-0000001', { token, body: { request: { process_status: 'unhold' } } });
    expect((await h.api('najalran', 'GET', '/orders/20261120-0000001/items', { token })).json.items[1].order_status).toBe('N20');
  });

  test('an unpaid item cannot be prepared (422)', async () => {
    const r = await h.api('najalran', 'PUT', '/orders/20261121-0000001', { token, body: { request: { process_status: 'prepare', order_item_code: ['20261121-0000001-01'] } } });
    expect(r.status).toBe(422);
  });

  test('bulk PUT /orders takes requests[] with order_id', async () => {
    const r = await h.api('najalran', 'PUT', '/orders', { token, body: { shop_no: 1, requests: [{ order_id: '20261120-0000001', process_status: 'prepare' }] } });
    expect(r.status).toBe(200);
    expect(r.json.orders[0].order_id).toBe('20261120-0000001');
  });
});

describe('shipments', () => {
  const create = (orderId: string, request: Record<string, unknown>) =>
    h.api('najalran', 'POST', `/orders/${orderId}/shipments`, { token, body: { shop_no: 1, request } });

  test('POST with status "shipping" puts the items in transit (N30) with the tracking number', async () => {
    const r = await create('20261120-0000001', { tracking_no: '101080903', shipping_company_code: '0006', status: 'shipping', order_item_code: ['20261120-0000001-01'] });
    expect(r.status).toBe(201);
    expect(r.json.shipments[0]).toMatchObject({
      shop_no: 1,
      shipping_code: 'D-20261120-0000001-00',
      order_id: '20261120-0000001',
      status: 'shipping',
      tracking_no: '101080903',
      shipping_company_code: '0006',
      order_item_code: ['20261120-0000001-01'],
      carrier_id: 1,
    });
    const items = (await h.api('najalran', 'GET', '/orders/20261120-0000001/items', { token })).json.items;
    expect(items[0]).toMatchObject({ order_status: 'N30', tracking_no: '101080903', shipping_company_name: 'CJ대한통운', shipped_date: '2026-11-23 10:00:00' });
    expect(items[1].order_status).toBe('N10');
    expect((await h.api('najalran', 'GET', '/orders/20261120-0000001', { token })).json.order.shipping_status).toBe('M');
  });

  test('standby (N21) → shipping (N30) → shipped (N40) through PUT; delivered is final', async () => {
    const s = (await create('20261120-0000001', { tracking_no: '6000123', shipping_company_code: '0012', status: 'standby' })).json.shipments[0];
    const status = async () => (await h.api('najalran', 'GET', '/orders/20261120-0000001/items', { token })).json.items.map((i: any) => i.order_status);
    expect(await status()).toEqual(['N21', 'N21']);
    const put = (request: Record<string, unknown>) => h.api('najalran', 'PUT', `/orders/20261120-0000001/shipments/${s.shipping_code}`, { token, body: { request } });
    expect((await put({ status: 'shipping' })).json.shipment.status).toBe('shipping');
    expect(await status()).toEqual(['N30', 'N30']);
    h.clock.advance(3_600_000);
    await put({ status: 'shipped' });
    expect(await status()).toEqual(['N40', 'N40']);
    const order = (await h.api('najalran', 'GET', '/orders/20261120-0000001?embed=items', { token })).json.order;
    expect(order.shipping_status).toBe('T');
    expect(order.items[0].delivered_date).toBe('2026-11-23 11:00:00');
    expect((await put({ status: 'standby' })).status).toBe(422);
  });

  test('PUT changes either the status or tracking_no + shipping_company_code, never both', async () => {
    const s = (await create('20261120-0000001', { tracking_no: '1', shipping_company_code: '0006', status: 'standby' })).json.shipments[0];
    const path = `/orders/20261120-0000001/shipments/${s.shipping_code}`;
    expect((await h.api('najalran', 'PUT', path, { token, body: { request: { status: 'shipping', tracking_no: '2', shipping_company_code: '0079' } } })).status).toBe(422);
    const r = await h.api('najalran', 'PUT', path, { token, body: { request: { tracking_no: '2', shipping_company_code: '0079' } } });
    expect(r.json.shipment).toMatchObject({ tracking_no: '2', shipping_company_code: '0079', carrier_id: 3 });
  });

  test('"already" answers: a second POST for a shipped item, an unpaid item, an unknown carrier', async () => {
    await create('20261120-0000001', { tracking_no: '111', shipping_company_code: '0006', status: 'shipping' });
    const again = await create('20261120-0000001', { tracking_no: '222', shipping_company_code: '0006', status: 'shipping', order_item_code: ['20261120-0000001-01'] });
    expect(again.status).toBe(422);
    expect(again.json.error.message).toContain('already been shipped');
    const unpaid = await create('20261121-0000001', { tracking_no: '333', shipping_company_code: '0006', status: 'shipping' });
    expect(unpaid.json.error.message).toContain('not paid');
    const carrier = await create('20261118-0000003', { tracking_no: '444', shipping_company_code: '9999', status: 'shipping' });
    expect(carrier.json.error.message).toContain('not registered');
  });

  test('a standby shipment is changed with PUT, not registered twice', async () => {
    await create('20261120-0000001', { tracking_no: '1', shipping_company_code: '0006', status: 'standby' });
    const again = await create('20261120-0000001', { tracking_no: '2', shipping_company_code: '0006', status: 'standby', order_item_code: ['20261120-0000001-01'] });
    expect(again.status).toBe(422);
    expect(again.json.error.message).toContain('change it with PUT');
  });

  test('option shipmentRequiresN20 refuses items still at N10; prepare first', async () => {
    await h.close();
    h = await startFake({ strict: { shipmentRequiresN20: true } });
    token = h.token('najalran');
    const early = await create('20261120-0000001', { tracking_no: '1', shipping_company_code: '0006', status: 'shipping' });
    expect(early.status).toBe(422);
    await h.api('najalran', 'PUT', '/orders/20261120-0000001', { token, body: { request: { process_status: 'prepare' } } });
    expect((await create('20261120-0000001', { tracking_no: '1', shipping_company_code: '0006', status: 'shipping' })).status).toBe(201);
  });

  test('option duplicateTrackingNo: "reject" refuses a tracking number already on another order', async () => {
    await h.close();
    h = await startFake({ strict: { duplicateTrackingNo: 'reject' } });
    token = h.token('najalran');
    const [a, b] = placeMugOrders(2);
    expect((await create(a!, { tracking_no: '777', shipping_company_code: '0006', status: 'shipping' })).status).toBe(201);
    const dup = await create(b!, { tracking_no: '777', shipping_company_code: '0006', status: 'shipping' });
    expect(dup.status).toBe(422);
    expect(dup.json.error.message).toContain('already used');
  });

  test('POST needs one object per call (cap 1); a requests[] array there is 422', async () => {
    const r = await h.api('najalran', 'POST', '/orders/20261120-0000001/shipments', {
      token,
      body: { requests: [{ tracking_no: '1', shipping_company_code: '0006', status: 'shipping' }] },
    });
    expect(r.status).toBe(422);
  });

  test('bulk POST /shipments: up to 100 objects, 207 when some fail', async () => {
    const placed = placeMugOrders(3);
    const requests = placed.map((order_id, i) => ({ order_id, tracking_no: `55500${i}`, shipping_company_code: '0079', status: 'shipping' }));
    requests.push({ order_id: '20261121-0000001', tracking_no: '555999', shipping_company_code: '0079', status: 'shipping' });
    const r = await h.api('najalran', 'POST', '/shipments', { token, body: { shop_no: 1, requests } });
    expect(r.status).toBe(207);
    expect(r.json.shipments.slice(0, 3).map((s: any) => s.status)).toEqual(['shipping', 'shipping', 'shipping']);
    expect(r.json.shipments[3]).toMatchObject({ order_id: '20261121-0000001', error: { code: 422 } });

    const tooMany = Array.from({ length: 101 }, () => requests[0]);
    expect((await h.api('najalran', 'POST', '/shipments', { token, body: { requests: tooMany } })).status).toBe(422);
  });

  test('bulk PUT /shipments marks them delivered', async () => {
    const placed = placeMugOrders(2);
    const created = await h.api('najalran', 'POST', '/shipments', {
      token,
      body: { requests: placed.map((order_id, i) => ({ order_id, tracking_no: `7${i}`, shipping_company_code: '0006', status: 'shipping' })) },
    });
    expect(created.status).toBe(201);
    const r = await h.api('najalran', 'PUT', '/shipments', {
      token,
      body: { requests: created.json.shipments.map((s: any) => ({ shipping_code: s.shipping_code, order_id: s.order_id, status: 'shipped' })) },
    });
    expect(r.status).toBe(200);
    expect(r.json.shipments.map((s: any) => s.items[0].status)).toEqual(['N40', 'N40']);
  });

  test('the carrier delivering (control markDelivered) moves N30 to N40', async () => {
    h.fake.markDelivered('najalran', '20261118-0000003');
    const items = (await h.api('najalran', 'GET', '/orders/20261118-0000003/items', { token })).json.items;
    expect(items[0].order_status).toBe('N40');
  });

  test('GET /carriers lists the mall\'s own carriers with the codes of 우체국택배, CJ대한통운, 롯데택배', async () => {
    const r = await h.api('najalran', 'GET', '/carriers', { token });
    const codes = Object.fromEntries(r.json.carriers.map((c: any) => [c.shipping_carrier, c.shipping_carrier_code]));
    expect(codes).toMatchObject({ 우체국택배: '0012', CJ대한통운: '0006', 롯데택배: '0079' });
    expect((await h.api('najalran', 'GET', '/suppliers', { token })).json.suppliers[0]).toMatchObject({ supplier_code: 'S0000000', supplier_name: '자체공급' });
  });
});

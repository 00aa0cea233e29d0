/**
 * Cafe24 fake — claims (reference §9): the buyer asks (control operations), the admin
 * processes through the API; item order_status moves through the C/R/E codes and refunds
 * appear.
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

async function statuses(orderId: string): Promise<Array<[string, string, number]>> {
  const items = (await h.api('najalran', 'GET', `/orders/${orderId}/items`, { token })).json.items;
  return items.map((i: any) => [i.order_item_code, i.order_status, i.quantity]);
}

async function stock(productNo: number, variant: string): Promise<number> {
  return (await h.api('najalran', 'GET', `/products/${productNo}/variants/${variant}/inventories`, { token })).json.inventory.quantity;
}

async function shipAndDeliver(orderId: string): Promise<void> {
  const r = await h.api('najalran', 'POST', `/orders/${orderId}/shipments`, {
    token,
    body: { request: { tracking_no: '900001', shipping_company_code: '0006', status: 'shipping' } },
  });
  expect(r.status).toBe(201);
  h.fake.markDelivered('najalran', orderId);
}

describe('cancellation', () => {
  test('buyer asks to cancel a paid order (C00); the admin cancels with PG refund (C40) and stock comes back', async () => {
    const before = await stock(13, 'P000000N000A');
    const req = h.fake.requestCancel('najalran', '20261120-0000001', { items: ['20261120-0000001-02'], reason_type: 'A', reason: '단순 변심' });
    expect(req).toMatchObject({ order_id: '20261120-0000001', status: 'requested' });
    expect(await statuses('20261120-0000001')).toEqual([
      ['20261120-0000001-01', 'N10', 1],
      ['20261120-0000001-02', 'C00', 2],
    ]);
    const listed = await h.api('najalran', 'GET', '/orders?start_date=2026-11-20&end_date=2026-11-23&date_type=cancel_request_date&order_status=C00', { token });
    expect(listed.json.orders.map((o: any) => o.order_id)).toEqual(['20261120-0000001']);

    const r = await h.api('najalran', 'POST', '/orders/20261120-0000001/cancellation', {
      token,
      body: {
        shop_no: 1,
        request: { status: 'canceled', payment_gateway_cancel: 'T', recover_inventory: 'T', items: [{ order_item_code: '20261120-0000001-02', quantity: 2 }] },
      },
    });
    expect(r.status).toBe(201);
    expect(r.json.cancellation).toMatchObject({ order_id: '20261120-0000001', status: 'canceled', claim_code: req.claim_code });
    expect((await statuses('20261120-0000001'))[1]).toEqual(['20261120-0000001-02', 'C40', 2]);
    expect(await stock(13, 'P000000N000A')).toBe(before + 2);
    const order = (await h.api('najalran', 'GET', '/orders/20261120-0000001?embed=refunds', { token })).json.order;
    expect(order.canceled).toBe('M');
    expect(order.refunds[0]).toMatchObject({ refund_status: 'T', actual_refund_amount: '36000.00', order_item_code: ['20261120-0000001-02'] });
  });

  test('a partial cancel splits the item: the cancelled quantity gets a new order_item_code', async () => {
    const r = await h.api('najalran', 'POST', '/orders/20261120-0000001/cancellation', {
      token,
      body: { request: { status: 'canceled', items: [{ order_item_code: '20261120-0000001-02', quantity: 1 }] } },
    });
    expect(r.json.cancellation.items).toEqual([{ order_item_code: '20261120-0000001-03', quantity: 1 }]);
    expect(await statuses('20261120-0000001')).toEqual([
      ['20261120-0000001-01', 'N10', 1],
      ['20261120-0000001-02', 'N10', 1],
      ['20261120-0000001-03', 'C41', 1],
    ]);
  });

  test('without PG cancel the item waits at C41 until the refund is completed (→ C40)', async () => {
    const c = await h.api('najalran', 'POST', '/orders/20261120-0000001/cancellation', {
      token,
      body: { request: { status: 'canceled', items: [{ order_item_code: '20261120-0000001-01' }] } },
    });
    const refundCode = c.json.cancellation.refund_code;
    const refunds = await h.api('najalran', 'GET', '/refunds?start_date=2026-11-23&end_date=2026-11-23&refund_status=F', { token });
    expect(refunds.json.refunds.map((x: any) => x.refund_code)).toEqual([refundCode]);
    expect((await h.api('najalran', 'GET', '/refunds', { token })).status).toBe(422); // dates required
    const done = await h.api('najalran', 'PUT', `/orders/20261120-0000001/refunds/${refundCode}`, { token, body: { request: { status: 'complete' } } });
    expect(done.json.refund).toMatchObject({ refund_status: 'T', refund_date: '2026-11-23T10:00:00+09:00' });
    expect((await statuses('20261120-0000001'))[0]![1]).toBe('C40');
  });

  test('canceling first (C34), then canceled through PUT /orders/{id}/cancellation/{claim_code}', async () => {
    const c = await h.api('najalran', 'POST', '/orders/20261120-0000001/cancellation', {
      token,
      body: { request: { status: 'canceling', items: [{ order_item_code: '20261120-0000001-01' }] } },
    });
    expect((await statuses('20261120-0000001'))[0]![1]).toBe('C34');
    const code = c.json.cancellation.claim_code;
    await h.api('najalran', 'PUT', `/orders/20261120-0000001/cancellation/${code}`, { token, body: { request: { status: 'canceled', payment_gateway_cancel: 'T' } } });
    expect((await statuses('20261120-0000001'))[0]![1]).toBe('C40');
    expect((await h.api('najalran', 'GET', `/cancellation/${code}`, { token })).json.cancellation.status).toBe('canceled');
  });

  test('after the parcel is in transit there is no cancel (422)', async () => {
    const r = await h.api('najalran', 'POST', '/orders/20261118-0000003/cancellation', {
      token,
      body: { request: { status: 'canceled', items: [{ order_item_code: '20261118-0000003-01' }] } },
    });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toContain('N30');
    expect(() => h.fake.requestCancel('najalran', '20261118-0000003')).toThrow(/can be cancel-requested|cannot be cancel-requested/);
  });

  test('a buyer cancelling an unpaid order needs no approval (C47); the admin cancelling one gives C49', async () => {
    h.fake.requestCancel('najalran', '20261121-0000001');
    expect((await statuses('20261121-0000001'))[0]![1]).toBe('C47');
    expect((await h.api('najalran', 'GET', '/orders/20261121-0000001', { token })).json.order.canceled).toBe('T');
    const o = h.fake.addOrder('najalran', { buyer: { name: 'x' }, payment_method: ['cash'], items: [{ variant_code: 'P000000N000A' }] });
    await h.api('najalran', 'POST', `/orders/${o.order_id}/cancellation`, {
      token,
      body: { request: { status: 'canceled', items: [{ order_item_code: `${o.order_id}-01` }] } },
    });
    expect((await statuses(String(o.order_id)))[0]![1]).toBe('C49');
  });

  test('unpaid past the deadline: expireUnpaid gives C48 and returns the held stock', async () => {
    const before = await stock(13, 'P000000N000A');
    const o = h.fake.addOrder('najalran', { buyer: { name: 'x' }, payment_method: ['cash'], items: [{ variant_code: 'P000000N000A', quantity: 3 }] });
    expect(await stock(13, 'P000000N000A')).toBe(before - 3); // control type A: held at order time
    h.fake.expireUnpaid('najalran', String(o.order_id));
    expect((await statuses(String(o.order_id)))[0]![1]).toBe('C48');
    expect(await stock(13, 'P000000N000A')).toBe(before);
  });

  test('the admin rejects a cancel request (C11) and the order ships on', async () => {
    h.fake.requestCancel('najalran', '20261120-0000001');
    const r = await h.api('najalran', 'PUT', '/cancellationrequests', {
      token,
      body: { requests: [{ order_id: '20261120-0000001', undone: 'T', reject_reason: '이미 포장 완료' }] },
    });
    expect(r.status).toBe(200);
    expect((await statuses('20261120-0000001')).map((s) => s[1])).toEqual(['C11', 'C11']);
    const ship = await h.api('najalran', 'POST', '/orders/20261120-0000001/shipments', {
      token,
      body: { request: { tracking_no: '1', shipping_company_code: '0006', status: 'shipping' } },
    });
    expect(ship.status).toBe(201);
  });
});

describe('return', () => {
  test('buyer asks to return a delivered item (R00); admin accepts (R10), collects (R31), completes (R41 → refund)', async () => {
    await shipAndDeliver('20261120-0000001');
    h.fake.requestReturn('najalran', '20261120-0000001', { items: ['20261120-0000001-01'], reason_type: 'O', reason: '사이즈 안 맞음' });
    expect((await statuses('20261120-0000001'))[0]![1]).toBe('R00');

    const accept = await h.api('najalran', 'PUT', '/returnrequests', { token, body: { requests: [{ order_id: '20261120-0000001', undone: 'F' }] } });
    expect(accept.status).toBe(200);
    const code = accept.json.returnrequests[0].claim_code[0];
    expect((await statuses('20261120-0000001'))[0]![1]).toBe('R10');

    const put = (request: Record<string, unknown>) => h.api('najalran', 'PUT', `/orders/20261120-0000001/return/${code}`, { token, body: { request } });
    await put({ status: 'processing', pickup_completed: 'T' });
    expect((await statuses('20261120-0000001'))[0]![1]).toBe('R31');
    const done = await put({ status: 'returned', recover_inventory: 'T' });
    expect(done.json.return).toMatchObject({ status: 'returned', pickup_completed: 'T', claim_code: code });
    expect((await statuses('20261120-0000001'))[0]![1]).toBe('R41');
    expect((await h.api('najalran', 'GET', `/return/${code}`, { token })).json.return.refund_code).toMatch(/^C20261123-\d{7}$/);
  });

  test('a return needs shipped goods: an item still being prepared is 422', async () => {
    const r = await h.api('najalran', 'POST', '/orders/20261120-0000001/return', {
      token,
      body: { request: { status: 'accepted', items: [{ order_item_code: '20261120-0000001-01' }] } },
    });
    expect(r.status).toBe(422);
  });

  test('the admin rejects a return request (R11)', async () => {
    await shipAndDeliver('20261120-0000001');
    h.fake.requestReturn('najalran', '20261120-0000001');
    await h.api('najalran', 'PUT', '/returnrequests', { token, body: { requests: [{ order_id: '20261120-0000001', undone: 'T' }] } });
    expect((await statuses('20261120-0000001')).map((s) => s[1])).toEqual(['R11', 'R11']);
  });
});

describe('exchange', () => {
  test('buyer asks for another colour (E00); accepted → E10 plus an exchange item (N01); exchanged → E40 and the new item is ready to ship', async () => {
    const o = h.fake.addOrder('najalran', { buyer: { name: '윤하' }, items: [{ variant_code: 'P000000L000A' }] });
    const id = String(o.order_id);
    await shipAndDeliver(id);
    h.fake.requestExchange('najalran', id, { exchange_variant_code: 'P000000L000B', reason_type: 'P' });
    expect((await statuses(id))[0]![1]).toBe('E00');

    const accepted = await h.api('najalran', 'PUT', `/orders/${id}/exchangerequests`, { token, body: { request: { undone: 'F' } } });
    expect(accepted.status).toBe(200);
    const code = accepted.json.exchangerequests.claim_code[0];
    expect(await statuses(id)).toEqual([
      [`${id}-01`, 'E10', 1],
      [`${id}-02`, 'N01', 1],
    ]);
    const newItem = (await h.api('najalran', 'GET', `/orders/${id}/items`, { token })).json.items[1];
    expect(newItem).toMatchObject({ variant_code: 'P000000L000B', status_code: 'N2' });
    // The exchange item cannot ship before the returned one is confirmed.
    const early = await h.api('najalran', 'POST', `/orders/${id}/shipments`, {
      token,
      body: { request: { tracking_no: '2', shipping_company_code: '0006', status: 'shipping', order_item_code: [`${id}-02`] } },
    });
    expect(early.status).toBe(422);

    const done = await h.api('najalran', 'PUT', `/orders/${id}/exchange/${code}`, { token, body: { request: { status: 'exchanged', recover_inventory: 'T' } } });
    expect(done.json.exchange).toMatchObject({ status: 'exchanged', exchange_items: [`${id}-02`] });
    expect((await statuses(id)).map((s) => s[1])).toEqual(['E40', 'N10']);
    const ship = await h.api('najalran', 'POST', `/orders/${id}/shipments`, {
      token,
      body: { request: { tracking_no: '3', shipping_company_code: '0006', status: 'shipping', order_item_code: [`${id}-02`] } },
    });
    expect(ship.status).toBe(201);
  });

  test('the admin can open an exchange directly with POST /orders/{id}/exchange', async () => {
    await shipAndDeliver('20261120-0000001');
    const r = await h.api('najalran', 'POST', '/orders/20261120-0000001/exchange', {
      token,
      body: { request: { status: 'accepted', same_product: 'T', items: [{ order_item_code: '20261120-0000001-02', quantity: 1 }] } },
    });
    expect(r.status).toBe(201);
    expect((await h.api('najalran', 'GET', `/exchange/${r.json.exchange.claim_code}`, { token })).json.exchange.status).toBe('accepted');
  });

  test('the buyer may withdraw a request; the item goes back where it was', async () => {
    await shipAndDeliver('20261120-0000001');
    h.fake.requestExchange('najalran', '20261120-0000001', { items: ['20261120-0000001-01'] });
    h.fake.withdrawRequest('najalran', '20261120-0000001', '20261120-0000001-01');
    expect((await statuses('20261120-0000001'))[0]![1]).toBe('N40');
  });
});

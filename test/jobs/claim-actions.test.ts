import type { Cafe24Connection } from '../../src/channels/cafe24';
import { cafe24Connection, createShipment, getOrder, OrderOne, parse } from '../../src/channels/cafe24';
import { claimStateOf } from '../../src/channels/cafe24/claim-state';
import type { PartnerRole } from '../../src/core/partner';
import { runClaimActions, settle, type ClaimJob } from '../../src/jobs/claim-actions';
import type { ChannelGateway } from '../../src/jobs/gateway';
import { T0 } from '../../local/fakes/cafe24/testing';
import { fakeGateway, type SyncFake } from './fake-cafe24-sync';
import { SimClock } from './memory-ports';

/**
 * Staff's answers to claims sent through the gateway to the local Cafe24 fake (its own Admin
 * pipeline, in process): which call each answer makes, who refunds at the payment gateway (only
 * the own mall: a reseller refunds its own customer), that no call puts stock back in a mall
 * (the add-on owns stock), and what each row hears back.
 */
const najalran = cafe24Connection({ partnerId: 'PNR001', mallId: 'najalran' });
const borasaeg = cafe24Connection({ partnerId: 'PNR002', mallId: 'borasaeg', supplierCode: 'S000000A' });
const conns = new Map<string, Cafe24Connection>([najalran, borasaeg].map((c) => [c.partnerId, c]));
const roles = new Map<string, { role: PartnerRole; channel: 'cafe24' }>([
  ['PNR001', { role: 'own', channel: 'cafe24' }],
  ['PNR002', { role: 'reseller', channel: 'cafe24' }],
]);

let clock: SimClock;
let fake: SyncFake;
let gateway: ChannelGateway;

beforeEach(() => {
  clock = new SimClock(T0);
  ({ fake, gateway } = fakeGateway([...conns.values()], clock, T0));
});

const item = (mall: string, itemId: string) => [...fake.core.requireMall(mall).orders.values()].flatMap((o) => o.items).find((i) => i.order_item_code === itemId)!;
const stockOf = (mall: string, variant: string) => fake.core.requireMall(mall).variants.get(variant)!.quantity;
const claimCode = (mall: string, itemId: string) => item(mall, itemId).claim.claim_code!;
const job = (partnerId: string, orderId: string, itemId: string, command: ClaimJob['command'], mall: string, quantity = 1): ClaimJob => ({
  partnerId,
  orderId,
  itemId,
  claimCode: claimCode(mall, itemId),
  quantity,
  command,
});
/** What the mall now says of an item (as the step reads it again after acting). */
function reread(conn: Cafe24Connection, orderId: string, itemId: string) {
  const [answer] = fake.http.executeAll([getOrder({ connection: conn, accessToken: String(fake.controls.issueToken(conn.mallId).access_token) }, orderId)]);
  const order = parse('orders.get', conn.mallId, OrderOne, answer!).order;
  return claimStateOf(order.items!.find((i) => i.order_item_code === itemId)!.order_status);
}
/** A reseller's order, paid and put in transit through the API, ready to be returned. */
function shippedResellerOrder(): { orderId: string; itemId: string } {
  const o = fake.controls.addOrder('borasaeg', { buyer: { name: '반품고객' }, items: [{ product_no: 102 }] }) as { order_id: string };
  const itemId = `${o.order_id}-01`;
  const s = { connection: borasaeg, accessToken: String(fake.controls.issueToken('borasaeg').access_token) };
  const [shipped] = fake.http.executeAll([createShipment(s, { orderId: o.order_id, trackingNo: '680012345678', carrierCode: '0006', status: 'shipping', orderItemCodes: [itemId] })]);
  expect(shipped!.status).toBe(201);
  return { orderId: o.order_id, itemId };
}
const bodies = () => fake.sent.filter((r) => r.method !== 'get').map((r) => ({ method: r.method, path: r.url.replace(/^.*\/api\/v2\/admin/, ''), body: JSON.parse(r.payload ?? 'null') as unknown }));

describe('cancel before shipping', () => {
  it('cancels in the own mall with the refund at the payment gateway, and leaves the mall stock alone', () => {
    fake.controls.requestCancel('najalran', '20261120-0000001', { items: ['20261120-0000001-02'] });
    const before = stockOf('najalran', 'P000000N000A');
    const [o] = runClaimActions([job('PNR001', '20261120-0000001', '20261120-0000001-02', { kind: 'acceptCancel', auto: true }, 'najalran', 2)], conns, roles, gateway);
    expect(o).toEqual({ ok: true, said: 'canceled' });
    expect(item('najalran', '20261120-0000001-02').order_status).toBe('C40');
    expect(stockOf('najalran', 'P000000N000A')).toBe(before);
    expect(bodies().at(-1)).toEqual({
      method: 'post',
      path: '/orders/20261120-0000001/cancellation',
      body: { shop_no: 1, request: { status: 'canceled', items: [{ order_item_code: '20261120-0000001-02', quantity: 2 }], payment_gateway_cancel: 'T', recover_inventory: 'F' } },
    });
  });

  it('cancels in a reseller\'s mall without touching the payment: the reseller refunds its customer', () => {
    fake.controls.requestCancel('borasaeg', '20261122-0000002');
    const [o] = runClaimActions([job('PNR002', '20261122-0000002', '20261122-0000002-01', { kind: 'acceptCancel', auto: false }, 'borasaeg')], conns, roles, gateway);
    expect(o).toEqual({ ok: true, said: 'canceled' });
    expect(item('borasaeg', '20261122-0000002-01').order_status).toBe('C41');
    expect((bodies().at(-1)!.body as { request: Record<string, unknown> }).request).toMatchObject({ payment_gateway_cancel: 'F', recover_inventory: 'F' });
  });
});

describe('returns', () => {
  it('accepts, then completes: refunded at the gateway in the own mall, no stock put back in the mall', () => {
    fake.controls.requestReturn('najalran', '20261118-0000003');
    const before = stockOf('najalran', 'P000000N000A');
    const id = '20261118-0000003-01';
    expect(runClaimActions([job('PNR001', '20261118-0000003', id, { kind: 'acceptReturn' }, 'najalran', 2)], conns, roles, gateway)).toEqual([{ ok: true, said: 'accepted' }]);
    expect(item('najalran', id).order_status).toBe('R10');
    const complete = { kind: 'completeReturn' as const, callMall: true as const, restock: 2, credit: 14_000 };
    expect(runClaimActions([job('PNR001', '20261118-0000003', id, complete, 'najalran', 2)], conns, roles, gateway)).toEqual([{ ok: true, said: 'returned' }]);
    expect(item('najalran', id).order_status).toBe('R40');
    expect(stockOf('najalran', 'P000000N000A')).toBe(before);
    expect(bodies().at(-1)).toMatchObject({ method: 'put', path: `/orders/20261118-0000003/return/${claimCode('najalran', id)}`, body: { request: { status: 'returned', payment_gateway_cancel: 'T', recover_inventory: 'F' } } });
  });

  it('completes a reseller\'s return without the payment gateway (R41: the reseller refunded)', () => {
    const { orderId, itemId } = shippedResellerOrder();
    fake.controls.requestReturn('borasaeg', orderId);
    runClaimActions([job('PNR002', orderId, itemId, { kind: 'acceptReturn' }, 'borasaeg')], conns, roles, gateway);
    const [o] = runClaimActions([job('PNR002', orderId, itemId, { kind: 'completeReturn', callMall: true, restock: 1, credit: 7_000 }, 'borasaeg')], conns, roles, gateway);
    expect(o).toEqual({ ok: true, said: 'returned' });
    expect(item('borasaeg', itemId).order_status).toBe('R41');
  });

  it('rejects a request with the memo shown to the buyer', () => {
    const { orderId, itemId } = shippedResellerOrder();
    fake.controls.requestReturn('borasaeg', orderId);
    const code = claimCode('borasaeg', itemId);
    const [o] = runClaimActions([job('PNR002', orderId, itemId, { kind: 'reject', claim: 'return', reason: '사용 흔적이 있습니다' }, 'borasaeg')], conns, roles, gateway);
    expect(o).toEqual({ ok: true, said: 'rejected' });
    expect(item('borasaeg', itemId).order_status).toBe('R11');
    expect(fake.core.requireMall('borasaeg').claims.get(code)!.extra.reject_reason).toBe('사용 흔적이 있습니다');
    expect(bodies().at(-1)).toMatchObject({ method: 'put', path: '/returnrequests', body: { requests: [{ order_id: orderId, order_item_code: [itemId], undone: 'T', reject_reason: '사용 흔적이 있습니다', display_reject_reason: 'T' }] } });
  });

  it('answers with the mall\'s own refusal (the row\'s status shows it) for what cannot be done', () => {
    // Rejecting a request that is not there (the buyer withdrew it a moment ago).
    const { orderId, itemId } = shippedResellerOrder();
    fake.controls.requestReturn('borasaeg', orderId);
    const j = job('PNR002', orderId, itemId, { kind: 'reject', claim: 'return', reason: '늦음' }, 'borasaeg');
    fake.controls.withdrawRequest('borasaeg', orderId, itemId);
    const [o] = runClaimActions([j], conns, roles, gateway);
    expect(o).toMatchObject({ ok: false, deferred: false, error: { status: 422, userMessage: expect.stringContaining(itemId) } });
  });
});

describe('exchanges', () => {
  it('accepts (the replacement waits as N01) and completes once the goods are back (the replacement may ship: N10)', () => {
    const { orderId, itemId } = shippedResellerOrder();
    fake.controls.requestExchange('borasaeg', orderId);
    expect(runClaimActions([job('PNR002', orderId, itemId, { kind: 'acceptExchange' }, 'borasaeg')], conns, roles, gateway)).toEqual([{ ok: true, said: 'accepted' }]);
    const replacement = `${orderId}-02`;
    expect(item('borasaeg', itemId).order_status).toBe('E10');
    expect(item('borasaeg', replacement).order_status).toBe('N01');
    expect(runClaimActions([job('PNR002', orderId, itemId, { kind: 'completeExchange', callMall: true, restock: 1 }, 'borasaeg')], conns, roles, gateway)).toEqual([{ ok: true, said: 'exchanged' }]);
    expect(item('borasaeg', itemId).order_status).toBe('E40');
    expect(item('borasaeg', replacement).order_status).toBe('N10');
  });

  it('takes the mall\'s "already completed" as done when the mall shows it done (a run died after the call)', () => {
    const { orderId, itemId } = shippedResellerOrder();
    fake.controls.requestExchange('borasaeg', orderId);
    runClaimActions([job('PNR002', orderId, itemId, { kind: 'acceptExchange' }, 'borasaeg')], conns, roles, gateway);
    const complete = job('PNR002', orderId, itemId, { kind: 'completeExchange', callMall: true, restock: 1 }, 'borasaeg');
    runClaimActions([complete], conns, roles, gateway);
    const [again] = runClaimActions([complete], conns, roles, gateway);
    expect(again).toMatchObject({ ok: false, error: { status: 422, userMessage: expect.stringMatching(/already completed/) } });
    expect(settle(complete, again!, reread(borasaeg, orderId, itemId))).toEqual({ ok: true, said: '', already: true });
    // A refusal whose effect is not there stays an error.
    expect(settle(complete, again!, { claim: 'exchange', phase: 'accepted' })).toBe(again);
  });
});

describe('one round for all rows', () => {
  it('sends every mall\'s answers together, and completes a claim once however many of its rows ask', () => {
    fake.controls.requestCancel('najalran', '20261120-0000001');
    fake.controls.requestCancel('borasaeg', '20261122-0000002');
    const { orderId, itemId } = shippedResellerOrder();
    fake.controls.requestReturn('borasaeg', orderId);
    runClaimActions([job('PNR002', orderId, itemId, { kind: 'acceptReturn' }, 'borasaeg')], conns, roles, gateway);
    fake.sent.length = 0;
    const complete = job('PNR002', orderId, itemId, { kind: 'completeReturn', callMall: true, restock: 1, credit: 7_000 }, 'borasaeg');
    const outcomes = runClaimActions(
      [
        job('PNR001', '20261120-0000001', '20261120-0000001-01', { kind: 'acceptCancel', auto: true }, 'najalran'),
        job('PNR002', '20261122-0000002', '20261122-0000002-01', { kind: 'acceptCancel', auto: true }, 'borasaeg'),
        complete,
        complete,
      ],
      conns,
      roles,
      gateway,
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, true]);
    expect(fake.sent.map((r) => r.url.replace(/^https:\/\/(\w+)\.cafe24api\.com\/api\/v2\/admin/, '$1 '))).toEqual([
      'najalran /orders/20261120-0000001/cancellation',
      'borasaeg /orders/20261122-0000002/cancellation',
      `borasaeg /orders/${orderId}/return/${claimCode('borasaeg', itemId)}`,
    ]);
    expect(gateway.rounds).toBeGreaterThan(0);
  });

  it('says a partner is not connected instead of calling its mall', () => {
    const [o] = runClaimActions([{ partnerId: 'PNR003', orderId: 'x', itemId: 'x-01', claimCode: 'C1', quantity: 1, command: { kind: 'acceptReturn' } }], conns, roles, gateway);
    expect(o).toMatchObject({ ok: false, error: { reconnect: true, userMessage: expect.stringMatching(/연결되지 않은 파트너/) } });
    expect(fake.sent).toEqual([]);
  });
});

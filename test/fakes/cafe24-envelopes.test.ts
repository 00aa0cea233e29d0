/**
 * Cafe24 fake — bulk endpoints and the lone `request` (reference §1: bulk bodies are
 * `{"shop_no":1,"requests":[…]}`). Whether Cafe24 takes a single `request` object there is not
 * documented; the fake refuses it by default (`bulkLoneRequest: 'refuse'`) and reads it as a
 * list of one under `bulkLoneRequest: 'accept'`.
 */
import type { Harness } from '../../local/fakes/cafe24/testing';
import { startFake } from '../../local/fakes/cafe24/testing';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** One object for each bulk endpoint the fake serves, valid against the default seed. */
const BULK_CALLS: Array<{ method: string; path: string; object: Record<string, unknown> }> = [
  { method: 'PUT', path: '/products/13/variants', object: { variant_code: 'P000000N000A', display: 'T' } },
  { method: 'PUT', path: '/orders', object: { order_id: '20261120-0000001', process_status: 'prepare' } },
  { method: 'POST', path: '/shipments', object: { order_id: '20261120-0000001', tracking_no: '6000000000001', shipping_company_code: '0006', status: 'standby' } },
  { method: 'PUT', path: '/shipments', object: { order_id: '20261120-0000001', shipping_code: 'D-20261120-0000001-00', status: 'shipping' } },
  { method: 'POST', path: '/cancellation', object: { order_id: '20261120-0000001', status: 'canceling', items: [{ order_item_code: '20261120-0000001-01', quantity: 1 }] } },
  { method: 'PUT', path: '/cancellation', object: { order_id: '20261120-0000001', claim_code: 'C20261120-0000009', status: 'canceled' } },
  { method: 'POST', path: '/cancellationrequests', object: { order_id: '20261120-0000001', reason_type: 'A', items: [{ order_item_code: '20261120-0000001-01', quantity: 1 }] } },
  { method: 'PUT', path: '/cancellationrequests', object: { order_id: '20261120-0000001', order_item_code: ['20261120-0000001-01'], undone: 'T' } },
  { method: 'POST', path: '/return', object: { order_id: '20261120-0000001', status: 'accepted', items: [{ order_item_code: '20261120-0000001-01', quantity: 1 }] } },
  { method: 'PUT', path: '/return', object: { order_id: '20261120-0000001', claim_code: 'C20261120-0000009', status: 'returned' } },
  { method: 'POST', path: '/returnrequests', object: { order_id: '20261120-0000001', reason_type: 'O', items: [{ order_item_code: '20261120-0000001-01', quantity: 1 }] } },
  { method: 'PUT', path: '/returnrequests', object: { order_id: '20261120-0000001', order_item_code: ['20261120-0000001-01'], undone: 'T' } },
  { method: 'POST', path: '/exchange', object: { order_id: '20261120-0000001', status: 'accepted', items: [{ order_item_code: '20261120-0000001-01', quantity: 1 }] } },
  { method: 'PUT', path: '/exchange', object: { order_id: '20261120-0000001', claim_code: 'C20261120-0000009', status: 'exchanged' } },
  { method: 'PUT', path: '/exchangerequests', object: { order_id: '20261120-0000001', order_item_code: ['20261120-0000001-01'], undone: 'T' } },
];

const LONE_REFUSAL = { error: { code: 422, message: '[Requests] is required: this API takes a "requests" list, not a single "request". (parameter.requests)' } };

describe('a bulk endpoint given one "request" object', () => {
  test.each(BULK_CALLS)('$method $path: refused by default, naming requests', async ({ method, path, object }) => {
    h = await startFake({ strict: { bulkLoneRequest: 'refuse' } });
    const r = await h.api('najalran', method, path, { token: h.token('najalran'), body: { shop_no: 1, request: object } });
    expect(r.status).toBe(422);
    expect(r.json).toEqual(LONE_REFUSAL);
  });

  test.each(BULK_CALLS)('$method $path: with bulkLoneRequest accept, read as a list of one (not the refusal)', async ({ method, path, object }) => {
    h = await startFake({ strict: { bulkLoneRequest: 'accept' } });
    const r = await h.api('najalran', method, path, { token: h.token('najalran'), body: { shop_no: 1, request: object } });
    expect(r.json).not.toEqual(LONE_REFUSAL);
    const asList = await startFake({ strict: { bulkLoneRequest: 'accept' } });
    try {
      const l = await asList.api('najalran', method, path, { token: asList.token('najalran'), body: { shop_no: 1, requests: [object] } });
      // The same answer as the one-element list (codes are made fresh in each fake, so compare shapes).
      expect(r.status).toBe(l.status);
      expect(Object.keys(r.json ?? {})).toEqual(Object.keys(l.json ?? {}));
    } finally {
      await asList.close();
    }
  });

  test('the default reading is refuse', async () => {
    h = await startFake({ strict: { bulkLoneRequest: undefined } });
    const r = await h.api('najalran', 'PUT', '/orders', { token: h.token('najalran'), body: { request: BULK_CALLS[1]!.object } });
    expect(r.json).toEqual(LONE_REFUSAL);
  });
});

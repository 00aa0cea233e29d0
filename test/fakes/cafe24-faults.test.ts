/**
 * Cafe24 fake — what tests and scenarios can make a mall do: 429 storms, 5xx, slow answers
 * (x-sim-delay-ms), malformed JSON, dropped connections; plus the request log, the state
 * snapshot, the /_fake HTTP control surface and the standalone CLI.
 */
import { main } from '../../local/fakes/cafe24/cli';
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

const count = () => h.api('najalran', 'GET', '/products/count', { token });

describe('injected faults', () => {
  test('a 429 storm for N requests answers like the bucket, then clears', async () => {
    h.fake.injectFault('najalran', { kind: 'rate_limit', count: 3 });
    for (let i = 0; i < 3; i++) {
      const r = await count();
      expect(r.status).toBe(429);
      expect(r.headers.get('x-api-call-limit')).toBe('40/40');
      expect(r.json).toEqual({ error: { code: 429, message: 'Too Many Requests' } });
    }
    expect((await count()).status).toBe(200);
  });

  test('a 429 storm for a window of simulated time', async () => {
    h.fake.injectFault('najalran', { kind: 'rate_limit', forMs: 30_000 });
    expect((await count()).status).toBe(429);
    h.clock.advance(29_999);
    expect((await count()).status).toBe(429);
    h.clock.advance(1);
    expect((await count()).status).toBe(200);
  });

  test('faults are per mall and can target a path and method', async () => {
    h.fake.injectFault('najalran', { kind: 'server_error', path: '/admin/orders', method: 'GET' });
    expect((await count()).status).toBe(200);
    const r = await h.api('najalran', 'GET', '/orders?order_id=20261120-0000001', { token });
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ error: { code: 500, message: 'Internal Server Error' } });
    expect((await h.api('borasaeg', 'GET', '/orders?order_id=x', { token: h.token('borasaeg') })).status).toBe(200);
    expect(h.fake.clearFaults('najalran')).toEqual({ cleared: 1 });
    expect((await h.api('najalran', 'GET', '/orders?order_id=x', { token })).status).toBe(200);
  });

  test('503 with a message of our choosing', async () => {
    h.fake.injectFault('najalran', { kind: 'server_error', status: 503, message: 'Service Unavailable', count: 1 });
    const r = await count();
    expect(r.status).toBe(503);
    expect(r.json.error.message).toBe('Service Unavailable');
  });

  test('slow answers carry x-sim-delay-ms for the runtime to charge', async () => {
    h.fake.injectFault('najalran', { kind: 'slow', delayMs: 4500, count: 1 });
    const r = await count();
    expect(r.status).toBe(200);
    expect(r.headers.get('x-sim-delay-ms')).toBe('4500');
    expect((await count()).headers.get('x-sim-delay-ms')).toBeNull();
  });

  test('slow with real: true also waits for real (standalone use)', async () => {
    h.fake.injectFault('najalran', { kind: 'slow', delayMs: 120, real: true, count: 1 });
    const t = Date.now();
    await count();
    expect(Date.now() - t).toBeGreaterThanOrEqual(100);
  });

  test('malformed JSON: a normal status with a body cut short', async () => {
    h.fake.injectFault('najalran', { kind: 'malformed_json', count: 1 });
    const r = await h.api('najalran', 'GET', '/products/13', { token });
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text)).toThrow();
  });

  test('reset drops the connection', async () => {
    h.fake.injectFault('najalran', { kind: 'reset', count: 1 });
    await expect(count()).rejects.toThrow();
    expect((await count()).status).toBe(200);
  });

  test('faults can target the OAuth endpoints', async () => {
    h.fake.injectFault('najalran', { kind: 'server_error', target: 'oauth', count: 1 });
    const r = await h.call('najalran', 'POST', '/api/v2/oauth/token', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token' });
    expect(r.status).toBe(500);
    expect((await count()).status).toBe(200);
  });

  test('a bad fault is refused with a message naming the field', () => {
    expect(() => h.fake.injectFault('najalran', { kind: 'slow' } as never)).toThrow(/injectFault: invalid input[\s\S]*delayMs/);
    expect(() => h.fake.injectFault('najalran', { kind: 'earthquake' } as never)).toThrow(/injectFault/);
  });
});

describe('request log and state', () => {
  test('each request is logged with time, mall, method, path, query, status, limit headers and body size', async () => {
    h.clock.advance(1234);
    await h.api('najalran', 'GET', '/orders?order_id=20261120-0000001&embed=items', { token });
    const [entry] = h.fake.requestLog().slice(-1);
    expect(entry).toMatchObject({
      at: h.clock.now,
      mall: 'najalran',
      method: 'GET',
      path: '/api/v2/admin/orders',
      query: { order_id: '20261120-0000001', embed: 'items' },
      status: 200,
      headers: { 'x-api-call-limit': '1/40', 'x-cafe24-api-version': '2025-12-01' },
      faults: [],
    });
    expect(entry!.bodyBytes).toBeGreaterThan(100);
    expect(JSON.stringify(h.fake.requestLog())).not.toContain(token);
  });

  test('state() is a JSON snapshot of every mall', async () => {
    h.fake.addOrder('borasaeg', { buyer: { name: '나나' }, items: [{ variant_code: 'P00000A2000A' }] });
    const s = JSON.parse(JSON.stringify(h.fake.state()));
    expect(Object.keys(s.malls)).toEqual(['najalran', 'borasaeg', 'undercoco']);
    expect(s.malls.borasaeg.orders).toHaveLength(2);
    expect(s.malls.borasaeg.partner_code).toBe('PNR002');
    expect(s.malls.najalran.products[0].variants[0].custom_variant_code).toBe('NJ-APRON-1');
    expect(s.malls.najalran.tokens).toEqual({ activeAccessTokens: 1, activeRefreshTokens: 1 });
  });
});

describe('/_fake control surface over HTTP', () => {
  const post = (op: string, body: unknown) =>
    fetch(`${h.base}/_fake/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  test('addOrder, payOrder and injectFault by POST; state and log by GET', async () => {
    const added = await post('addOrder', { mall_id: 'undercoco', order: { buyer: { name: '도윤' }, payment_method: ['cash'], items: [{ variant_code: 'P0000008000A' }] } });
    expect(added.status).toBe(200);
    const order = (await added.json()) as { order_id: string };
    expect((await post('payOrder', { mall_id: 'undercoco', order_id: order.order_id })).status).toBe(200);
    expect((await post('injectFault', { mall_id: 'undercoco', fault: { kind: 'rate_limit', count: 1 } })).status).toBe(200);
    const state = (await (await fetch(`${h.base}/_fake/state`)).json()) as any;
    expect(state.malls.undercoco.orders.find((o: any) => o.order_id === order.order_id).paid).toBe('T');
    expect(state.malls.undercoco.faults).toHaveLength(1);
    const log = (await (await fetch(`${h.base}/_fake/log`)).json()) as any;
    expect(Array.isArray(log.log)).toBe(true);
  });

  test('bad control input is 400 with the reason', async () => {
    const r = await post('setStock', { mall_id: 'undercoco', variant_code: 'P0000008000A', quantity: 'many' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toContain('setStock');
    expect((await post('nope', {})).status).toBe(400);
  });
});

describe('standalone CLI', () => {
  test('main() serves the default seed on the real clock and prints the malls', async () => {
    const lines: string[] = [];
    const server = await main(['--port', '0'], (l) => lines.push(l));
    try {
      expect(server).not.toBeNull();
      expect(lines[0]).toMatch(/^Cafe24 fake listening on http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines.join('\n')).toContain('najalran');
      const r = await fetch(`http://127.0.0.1:${server!.port}/_fake/state`);
      expect(r.status).toBe(200);
    } finally {
      await server?.close();
    }
  });
});

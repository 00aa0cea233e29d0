/**
 * Cafe24 fake — routing, request rules and rate limits (reference §1, §3, §4): Host-header and
 * path-prefix routing, JSON content type on writes, the version header, the per-mall leaky
 * bucket (40, draining 2/s) with X-Api-Call-Limit, the usage headers and quota.
 */
import type { Harness } from '../../local/fakes/cafe24/testing';
import { startFake } from '../../local/fakes/cafe24/testing';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('routing', () => {
  beforeEach(async () => {
    h = await startFake();
  });

  test('by Host header {mall_id}.cafe24api.com, as the Apps Script runtime sends it', async () => {
    const token = h.token('borasaeg');
    const r = await h.viaHost('borasaeg', 'GET', '/api/v2/admin/products?limit=1', {
      Authorization: `Bearer ${token}`,
      'X-Cafe24-Api-Version': '2025-12-01',
    });
    expect(r.status).toBe(200);
    expect(r.json.products[0].product_no).toBe(101);
    expect(r.headers['x-api-call-limit']).toBe('1/40');
  });

  test('by path prefix /{mall_id}/api/v2/... for hand use', async () => {
    const r = await h.api('undercoco', 'GET', '/products?limit=1', { token: h.token('undercoco') });
    expect(r.status).toBe(200);
    expect(r.json.products[0].product_no).toBe(7);
  });

  test('an unknown path is 404 "No API found."; an unknown mall is 404', async () => {
    const token = h.token('najalran');
    const r = await h.api('najalran', 'GET', '/nonsense', { token });
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error: { code: 404, message: 'No API found.' } });
    expect((await h.api('nosuchmall', 'GET', '/products', { token })).status).toBe(404);
  });

  test('every mall answers from its own data', async () => {
    const counts = await Promise.all(
      ['najalran', 'borasaeg', 'undercoco'].map(async (m) => (await h.api(m, 'GET', '/products/count', { token: h.token(m) })).json.count),
    );
    expect(counts).toEqual([5, 3, 4]);
  });
});

describe('request rules', () => {
  let token: string;
  beforeEach(async () => {
    h = await startFake();
    token = h.token('najalran');
  });

  test('a write without Content-Type: application/json is 400', async () => {
    const r = await h.api('najalran', 'PUT', '/products/13', {
      token,
      rawBody: JSON.stringify({ shop_no: 1, request: { price: '19000.00' } }),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: { code: 400, message: 'Content-type is not an application/json in the header.' } });
  });

  test('a body that is not JSON is 400', async () => {
    const r = await h.api('najalran', 'PUT', '/products/13', { token, rawBody: '{"request": ', headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(400);
  });

  test('GETs do not need a content type (option requireJsonContentTypeOnGet turns that on)', async () => {
    expect((await h.api('najalran', 'GET', '/products/count', { token })).status).toBe(200);
    await h.close();
    h = await startFake({ strict: { requireJsonContentTypeOnGet: true } });
    const r = await h.api('najalran', 'GET', '/products/count', { token: h.token('najalran') });
    expect(r.status).toBe(400);
  });

  test('X-Cafe24-Api-Version: a known release is echoed; an unknown one is 400; none uses the app version', async () => {
    const ok = await h.api('najalran', 'GET', '/products/count', { token, headers: { 'X-Cafe24-Api-Version': '2026-03-01' } });
    expect(ok.headers.get('x-cafe24-api-version')).toBe('2026-03-01');
    const bad = await h.api('najalran', 'GET', '/products/count', { token, headers: { 'X-Cafe24-Api-Version': '2024-02-30' } });
    expect(bad.status).toBe(400);
    const none = await h.call('najalran', 'GET', '/api/v2/admin/products/count', { headers: { Authorization: `Bearer ${token}` } });
    expect(none.headers.get('x-cafe24-api-version')).toBe('2025-12-01');
  });

  test('an expired version runs at the oldest version still alive', async () => {
    const r = await h.api('najalran', 'GET', '/products/count', { token, headers: { 'X-Cafe24-Api-Version': '2021-06-01' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-cafe24-api-version')).toBe('2025-06-01');
  });
});

describe('leaky bucket: 40 calls, draining 2 per second of simulated time', () => {
  beforeEach(async () => {
    h = await startFake();
  });

  test('the 41st call of a burst is 429 with X-Api-Call-Limit 40/40, then calls resume as the bucket drains', async () => {
    const token = h.token('najalran');
    for (let i = 1; i <= 40; i++) {
      const r = await h.api('najalran', 'GET', '/products/count', { token });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-api-call-limit')).toBe(`${i}/40`);
    }
    const over = await h.api('najalran', 'GET', '/products/count', { token });
    expect(over.status).toBe(429);
    expect(over.headers.get('x-api-call-limit')).toBe('40/40');
    expect(over.json).toEqual({ error: { code: 429, message: 'Too Many Requests' } });
    expect(over.headers.get('retry-after')).toBeNull();

    h.clock.advance(500); // one call has drained
    const again = await h.api('najalran', 'GET', '/products/count', { token });
    expect(again.status).toBe(200);
    expect(again.headers.get('x-api-call-limit')).toBe('40/40');

    h.clock.advance(10_000); // 20 calls drained
    const later = await h.api('najalran', 'GET', '/products/count', { token });
    expect(later.headers.get('x-api-call-limit')).toBe('21/40');
  });

  test('the bucket is per mall: another mall is unaffected', async () => {
    const token = h.token('najalran');
    for (let i = 0; i < 41; i++) await h.api('najalran', 'GET', '/products/count', { token });
    const other = await h.api('borasaeg', 'GET', '/products/count', { token: h.token('borasaeg') });
    expect(other.status).toBe(200);
    expect(other.headers.get('x-api-call-limit')).toBe('1/40');
  });

  test('a steady 2 calls per second never blocks', async () => {
    const token = h.token('najalran');
    for (let i = 0; i < 100; i++) {
      const r = await h.api('najalran', 'GET', '/products/count', { token });
      expect(r.status).toBe(200);
      h.clock.advance(500);
    }
  });

  test('unauthenticated calls do not fill the bucket', async () => {
    for (let i = 0; i < 45; i++) await h.api('najalran', 'GET', '/products/count', { token: 'bogus' });
    const r = await h.api('najalran', 'GET', '/products/count', { token: h.token('najalran') });
    expect(r.headers.get('x-api-call-limit')).toBe('1/40');
  });

  test('Retry-After is sent only when the option asks for it', async () => {
    await h.close();
    h = await startFake({ strict: { sendRetryAfter: true } });
    const token = h.token('najalran');
    for (let i = 0; i < 40; i++) await h.api('najalran', 'GET', '/products/count', { token });
    const over = await h.api('najalran', 'GET', '/products/count', { token });
    expect(over.headers.get('retry-after')).toBe('1');
  });
});

describe('usage quota headers (X-Cafe24-Call-Usage / Time-Usage / *-Remain)', () => {
  test('usage percentages ride on every authenticated answer; Remain appears only once throttled', async () => {
    h = await startFake({ limits: { usageCallQuota: 10, usageWindowMs: 60_000, processingMsPerCall: 100, usageTimeQuotaMs: 600_000 } });
    const token = h.token('najalran');
    const first = await h.api('najalran', 'GET', '/products/count', { token });
    expect(first.headers.get('x-cafe24-call-usage')).toBe('10');
    expect(first.headers.get('x-cafe24-time-usage')).toBe('0.02');
    expect(first.headers.get('x-cafe24-call-remain')).toBeNull();
    for (let i = 0; i < 9; i++) {
      h.clock.advance(1000);
      await h.api('najalran', 'GET', '/products/count', { token });
    }
    h.clock.advance(1000);
    const blocked = await h.api('najalran', 'GET', '/products/count', { token });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('x-cafe24-call-usage')).toBe('110');
    expect(Number(blocked.headers.get('x-cafe24-call-remain'))).toBeGreaterThan(0);

    h.clock.advance(60_000);
    const after = await h.api('najalran', 'GET', '/products/count', { token });
    expect(after.status).toBe(200);
  });
});

/**
 * Cafe24 fake — the request log says what each request carried (so a reader of the sandbox's
 * channels.json sees what was sent, not only where), never a credential, and never drops its
 * oldest entries without saying how many.
 */
import type { Harness } from '../../local/fakes/cafe24/testing';
import { startFake } from '../../local/fakes/cafe24/testing';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('the request log', () => {
  test('keeps a JSON request body as it was sent', async () => {
    h = await startFake();
    const token = h.token('najalran');
    await h.api('najalran', 'PUT', '/products/11/variants/P000000L000A/inventories', { token, body: { shop_no: 1, request: { quantity: 7 } } });
    const [entry] = h.fake.requestLog().slice(-1);
    expect(entry).toMatchObject({ method: 'PUT', path: '/api/v2/admin/products/11/variants/P000000L000A/inventories', requestBody: { shop_no: 1, request: { quantity: 7 } } });
  });

  test('keeps a form body as its fields, with the OAuth secrets masked', async () => {
    h = await startFake();
    const secret = 'pmSheetDevSecret-fake-0000000001';
    await h.call('najalran', 'POST', '/api/v2/oauth/token', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic('pmSheetDevClientId0001', secret) },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'rt-very-secret-value', client_secret: secret }).toString(),
    });
    const [entry] = h.fake.requestLog().slice(-1);
    expect(entry!.requestBody).toEqual({ grant_type: 'refresh_token', refresh_token: '***', client_secret: '***' });
    expect(JSON.stringify(h.fake.requestLog())).not.toMatch(/rt-very-secret-value|pmSheetDevSecret/);
  });

  test('has no body field for a request without one', async () => {
    h = await startFake();
    await h.api('najalran', 'GET', '/products/count', { token: h.token('najalran') });
    expect(h.fake.requestLog().slice(-1)[0]).not.toHaveProperty('requestBody');
  });

  test('over its cap, drops the oldest and counts them, also on GET /_fake/log', async () => {
    h = await startFake({ maxLogEntries: 2 });
    const token = h.token('najalran');
    for (let i = 0; i < 5; i++) await h.api('najalran', 'GET', `/products/count?i=${i}`, { token });
    expect(h.fake.requestLog().map((e) => e.query.i)).toEqual(['3', '4']);
    expect(h.fake.requestLogDropped()).toBe(3);
    const viaHttp = (await (await fetch(`${h.base}/_fake/log`)).json()) as { log: unknown[]; dropped: number };
    // The GET /_fake/log itself is logged after the answer is made.
    expect(viaHttp).toMatchObject({ dropped: 3 });
    expect(viaHttp.log).toHaveLength(2);
    h.fake.clearRequestLog();
    expect(h.fake.requestLogDropped()).toBe(0);
  });
});

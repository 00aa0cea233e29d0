/**
 * The fake Naver Commerce API's gate, as reference A2, A7, A8 and the IP rule say: bcrypt-signed
 * token issuance (timestamp window, the same token while 30 minutes are left), GW.AUTHN for a
 * bad or expired token, GW.IP_NOT_ALLOWED for an unregistered caller (the token call too), and
 * GW.RATE_LIMIT once an API's bucket is empty.
 */
import { bcryptSign } from '../../local/fakes/naver/sign-for-tests';
import { DEFAULT_CLIENT_ID } from '../../local/fakes/naver';
import { startNaverFake, type NaverHarness } from '../../local/fakes/naver/testing';

let h: NaverHarness;
afterEach(async () => h.close());

const TOKEN = '/v1/oauth2/token';
const FEED = '/v1/pay-order/seller/product-orders/last-changed-statuses';
const feedQuery = () => ({ lastChangedFrom: '2026-11-23T00:00:00.000+09:00' });

describe('token issuance', () => {
  beforeEach(async () => {
    h = await startNaverFake();
  });

  test('a bcrypt signature of client_id_timestamp issues a 3-hour Bearer token that opens the API', async () => {
    const issued = await h.call('POST', TOKEN, { form: h.tokenForm() });
    expect(issued.status).toBe(200);
    expect(issued.json).toEqual({ access_token: expect.any(String), expires_in: 10_800, token_type: 'Bearer' });
    const feed = await h.call('GET', FEED, { token: issued.json.access_token, query: feedQuery() });
    expect(feed.status).toBe(200);
  });

  test('the same token while 30 minutes or more are left, a new one after; the old one lives until it expires', async () => {
    const first = (await h.call('POST', TOKEN, { form: h.tokenForm() })).json;
    h.clock.advance(2.5 * 3_600_000);
    const same = (await h.call('POST', TOKEN, { form: h.tokenForm() })).json;
    expect(same.access_token).toBe(first.access_token);
    expect(same.expires_in).toBe(1800);
    h.clock.advance(1000);
    const renewed = (await h.call('POST', TOKEN, { form: h.tokenForm() })).json;
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(renewed.expires_in).toBe(10_800);
    expect((await h.call('GET', FEED, { token: first.access_token, query: feedQuery() })).status).toBe(200);
    h.clock.advance(1800 * 1000);
    const expired = await h.call('GET', FEED, { token: first.access_token, query: feedQuery() });
    expect(expired.status).toBe(401);
    expect(expired.json).toMatchObject({ code: 'GW.AUTHN', traceId: expect.any(String) });
    expect(expired.headers['gncp-gw-trace-id']).toBe(expired.json.traceId);
  });

  test('a wrong signature, another secret’s signature, or a timestamp older than 5 minutes is refused with 403', async () => {
    const wrong = await h.call('POST', TOKEN, { form: h.tokenForm({ client_secret_sign: Buffer.from('nope').toString('base64') }) });
    expect(wrong.status).toBe(403);
    const otherSecret = h.tokenForm({}, { clientId: DEFAULT_CLIENT_ID, clientSecret: '$2a$04$abcdefghijklmnopqrstuv' });
    expect((await h.call('POST', TOKEN, { form: otherSecret })).status).toBe(403);
    const old = String(h.fake.core.now() - 5 * 60_000 - 1);
    const stale = await h.call('POST', TOKEN, { form: h.tokenForm({ timestamp: old, client_secret_sign: bcryptSign(DEFAULT_CLIENT_ID, old, '$2a$04$pmSheetFakeNaverSalt0u') }) });
    expect(stale.status).toBe(403);
    expect(stale.json.message).toContain('timestamp');
  });

  test('a missing field is 400; a form is required', async () => {
    const { type: _type, ...noType } = h.tokenForm();
    expect((await h.call('POST', TOKEN, { form: noType })).status).toBe(400);
    expect((await h.call('POST', TOKEN, { body: h.tokenForm() })).status).toBe(400);
  });

  test('the signature is recomputed, not compared by prefix: bcrypt normalises the salt’s last character (reference A2’s vector)', async () => {
    // What the reference computed: the 22nd salt character v comes out as u.
    expect(bcryptSign('aaaabbbb', '1643956077762', '$2a$10$abcdefghijklmnopqrstuv')).toBe('JDJhJDEwJGFiY2RlZmdoaWprbG1ub3BxcnN0dXVYaEQyd1VNUGRoME5abnNDckdKTW9YNTlOMjM4aWF5');
    // A sign that merely starts with the secret's Base64 is not a signature.
    const t = String(h.fake.core.now());
    const forged = Buffer.from('$2a$04$pmSheetFakeNaverSalt0u' + 'x'.repeat(31)).toString('base64');
    expect((await h.call('POST', TOKEN, { form: h.tokenForm({ timestamp: t, client_secret_sign: forged }) })).status).toBe(403);
  });

  test('no token, or an unknown one, is 401 GW.AUTHN in the gateway shape', async () => {
    for (const token of [undefined, 'made-up']) {
      const r = await h.call('GET', FEED, { ...(token ? { token } : {}), query: feedQuery() });
      expect(r.status).toBe(401);
      expect(r.json).toEqual({ code: 'GW.AUTHN', message: expect.any(String), timestamp: expect.stringMatching(/\+09:00$/), traceId: expect.any(String) });
    }
  });
});

describe('the IP rule', () => {
  test('a caller not registered gets the documented 403 GW.IP_NOT_ALLOWED, the token call included; the registered one passes', async () => {
    h = await startNaverFake();
    const form = h.tokenForm();
    for (const r of [await h.call('POST', TOKEN, { form, from: '127.0.0.1' }), await h.call('GET', FEED, { token: h.token(), query: feedQuery(), from: '127.0.0.1' })]) {
      expect(r.status).toBe(403);
      expect(r.json).toMatchObject({ code: 'GW.IP_NOT_ALLOWED', message: '호출이 허용되지 않은 IP입니다.' });
    }
    expect((await h.call('POST', TOKEN, { form, from: '127.0.0.2' })).status).toBe(200);
    expect(h.fake.core.log.all().map((e) => [e.remoteAddress, e.status])).toEqual([
      ['127.0.0.1', 403],
      ['127.0.0.1', 403],
      ['127.0.0.2', 200],
    ]);
  });

  test('registeredIps decides who may call', async () => {
    h = await startNaverFake({ registeredIps: ['127.0.0.1'] });
    expect((await h.call('POST', TOKEN, { form: h.tokenForm(), from: '127.0.0.1' })).status).toBe(200);
    expect((await h.call('POST', TOKEN, { form: h.tokenForm(), from: '127.0.0.2' })).status).toBe(403);
  });
});

describe('rate limits', () => {
  test('each API has its own bucket (rate per second, burst twice it): an empty one answers 429 GW.RATE_LIMIT with the gateway headers', async () => {
    h = await startNaverFake({ ratePerSecond: 2 });
    const token = h.token();
    const statuses: number[] = [];
    let last = null as Awaited<ReturnType<NaverHarness['call']>> | null;
    for (let i = 0; i < 5; i++) {
      last = await h.call('GET', FEED, { token, query: feedQuery() });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect(last!.json.code).toBe('GW.RATE_LIMIT');
    expect(last!.headers).toMatchObject({ 'gncp-gw-ratelimit-replenish-rate': '2', 'gncp-gw-ratelimit-burst-capacity': '4', 'gncp-gw-ratelimit-remaining': '0' });
    expect(last!.headers['retry-after']).toBeUndefined();
    // Another API's bucket is full; this one refills at 2 a second.
    expect((await h.call('POST', '/v1/pay-order/seller/product-orders/query', { token, body: { productOrderIds: ['1'] } })).status).toBe(200);
    h.clock.advance(500);
    expect((await h.call('GET', FEED, { token, query: feedQuery() })).status).toBe(200);
    expect((await h.call('GET', FEED, { token, query: feedQuery() })).status).toBe(429);
  });

  test('sendRetryAfter adds Retry-After: 1 to a 429', async () => {
    h = await startNaverFake({ ratePerSecond: 1, sendRetryAfter: true });
    const token = h.token();
    await h.call('GET', FEED, { token, query: feedQuery() });
    await h.call('GET', FEED, { token, query: feedQuery() });
    const r = await h.call('GET', FEED, { token, query: feedQuery() });
    expect([r.status, r.headers['retry-after']]).toEqual([429, '1']);
  });
});

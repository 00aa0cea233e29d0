/**
 * The relay (relay/server.ts): forwards signed requests to the two marketplace hosts only, from
 * its own address, byte for byte, and answers the marketplace's answer verbatim; refuses
 * everything else with its own `x-relay-error`, which a marketplace answer never carries.
 */
import { COUPANG, NAVER, raw, relayTo, send, standIn, type Signed } from './harness';

describe('the relay', () => {
  let upstream: Awaited<ReturnType<typeof standIn>>;
  let r: Awaited<ReturnType<typeof relayTo>>;
  let answer: Parameters<typeof standIn>[0] = (_s, res) => res.end('{"ok":true}');

  beforeEach(async () => {
    answer = (_s, res) => res.end('{"ok":true}');
    upstream = await standIn((s, res) => answer!(s, res));
    r = await relayTo(upstream.port, { timeoutMs: 500 });
  });
  afterEach(async () => {
    await r.relay.close();
    await upstream.close();
  });

  const go = (s: Signed) => send(r.relay, r.now(), s);

  describe('forwards a signed request', () => {
    it('with its method, path+query, body and headers byte-exact, to the real host, from the relay’s own address', async () => {
      const body = '{"productOrderIds":["2022040521691281"],"memo":"문 앞에 놓아 주세요 😀"}';
      const path = '/external/v1/pay-order/seller/product-orders/query?from=2026-11-23T00%3A00%3A00.000%2B09%3A00&a=1&a=2';
      const a = await go({ method: 'POST', host: NAVER, path, body, headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json; charset=utf-8', 'X-Requested-By': 'A00012345' } });
      expect(a.status).toBe(200);
      expect(a.body).toBe('{"ok":true}');
      expect(upstream.seen).toHaveLength(1);
      const s = upstream.seen[0]!;
      expect(s.method).toBe('POST');
      expect(s.url).toBe(path);
      expect(s.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
      expect(s.headers.host).toBe(NAVER);
      expect(s.headers.authorization).toBe('Bearer tok');
      expect(s.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(s.headers['x-requested-by']).toBe('A00012345');
      // Nothing of the relay's own wire reaches the marketplace.
      expect(Object.keys(s.headers).filter((h) => h.startsWith('x-relay'))).toEqual([]);
      // The caller came from 127.0.0.1; the marketplace sees the relay's address.
      expect(s.remoteAddress).toBe('127.0.0.2');
    });

    it('GET with a query and no body, and PUT, PATCH and DELETE as themselves', async () => {
      for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
        const body = method === 'GET' || method === 'DELETE' ? undefined : `{"m":"${method}"}`;
        const path = `/v2/providers/openapi/apis/api/v4/vendors/A00012345/ordersheets?createdAtFrom=2026-11-23&status=ACCEPT&m=${method}`;
        const a = await go({ method, host: COUPANG, path, ...(body ? { body, headers: { 'Content-Type': 'application/json' } } : {}) });
        expect(a.status).toBe(200);
        const s = upstream.seen.at(-1)!;
        expect([s.method, s.url, s.body.toString('utf8')]).toEqual([method, path, body ?? '']);
      }
    });

    it('answers the marketplace’s answer verbatim: a 429 with its headers and body', async () => {
      answer = (_s, res) => {
        res.writeHead(429, 'Too Many Requests', { 'Content-Type': 'application/json;charset=UTF-8', 'Retry-After': '1', 'X-RateLimit-Remaining': '0', 'Set-Cookie': ['a=1', 'b=2'] });
        res.end('{"code":"GW.RATE_LIMIT","message":"요청이 많아 처리할 수 없습니다."}');
      };
      const a = await go({ method: 'GET', host: NAVER, path: '/external/v1/x' });
      expect(a.status).toBe(429);
      expect(a.body).toBe('{"code":"GW.RATE_LIMIT","message":"요청이 많아 처리할 수 없습니다."}');
      expect(a.headers['content-type']).toBe('application/json;charset=UTF-8');
      expect(a.headers['retry-after']).toBe('1');
      expect(a.headers['x-ratelimit-remaining']).toBe('0');
      expect(a.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(a.headers['x-relay-error']).toBeUndefined();
    });

    it('never passes on an x-relay-error a marketplace might send, so the add-on cannot mistake it for the relay’s', async () => {
      answer = (_s, res) => {
        res.writeHead(403, { 'x-relay-error': 'signature', 'Content-Type': 'application/json' });
        res.end('{"code":"GW.IP_NOT_ALLOWED"}');
      };
      const a = await go({ method: 'GET', host: NAVER, path: '/external/v1/x' });
      expect([a.status, a.headers['x-relay-error'], a.body]).toEqual([403, undefined, '{"code":"GW.IP_NOT_ALLOWED"}']);
    });

    it('answers a marketplace that does not answer in time with its own 504, told apart by x-relay-error', async () => {
      answer = () => undefined; // never answers
      const a = await go({ method: 'POST', host: COUPANG, path: '/v2/x', body: '{}' });
      expect(a.status).toBe(504);
      expect(a.headers['x-relay-error']).toBe('upstream-timeout');
      expect(JSON.parse(a.body)).toMatchObject({ relayError: 'upstream-timeout' });
    });

    it('answers a marketplace it cannot reach with 502 upstream', async () => {
      await upstream.close();
      const a = await go({ method: 'GET', host: NAVER, path: '/external/v1/x' });
      expect([a.status, a.headers['x-relay-error']]).toEqual([502, 'upstream']);
    });
  });

  describe('refuses, with its own status and x-relay-error, and forwards nothing', () => {
    const refused = async (a: Promise<{ status: number; headers: Record<string, unknown>; body: string }>, status: number, kind: string) => {
      const x = await a;
      expect([x.status, x.headers['x-relay-error'], JSON.parse(x.body).relayError]).toEqual([status, kind, kind]);
      expect(upstream.seen).toEqual([]);
    };

    it('a signature under another secret', () => refused(go({ method: 'GET', host: NAVER, path: '/external/v1/x', secret: 'another-secret-0123456789abcdef0123456789' }), 401, 'signature'));

    it('a request changed after signing: its body, path, host or method', async () => {
      await refused(go({ method: 'POST', host: NAVER, path: '/external/v1/x', body: '{"qty":1}', sentBody: Buffer.from('{"qty":9}') }), 401, 'signature');
      await refused(go({ method: 'GET', host: NAVER, path: '/external/v1/x?limit=1', tamper: (h) => (h['x-relay-path'] = '/external/v1/x?limit=300') }), 401, 'signature');
      await refused(go({ method: 'GET', host: NAVER, path: '/external/v1/x', tamper: (h) => (h['x-relay-host'] = COUPANG) }), 401, 'signature');
    });

    it('a timestamp older than the window, or ahead of it', async () => {
      await refused(go({ method: 'GET', host: NAVER, path: '/x', timestamp: r.now() - 5 * 60_000 - 1 }), 401, 'expired');
      await refused(go({ method: 'GET', host: NAVER, path: '/x', timestamp: r.now() + 5 * 60_000 + 1 }), 401, 'expired');
    });

    it('a nonce already used within the window (the first is forwarded, the replay is not)', async () => {
      const s: Signed = { method: 'POST', host: COUPANG, path: '/v2/ship', body: '{"invoice":"1"}', nonce: 'nonce-0123456789abcdef' };
      expect((await go(s)).status).toBe(200);
      const again = await go(s);
      expect([again.status, again.headers['x-relay-error']]).toEqual([409, 'replay']);
      expect(upstream.seen).toHaveLength(1);
    });

    it.each([
      ['another host', 'evil.example.com'],
      ['a host ending like ours', 'api.commerce.naver.com.evil.com'],
      ['ours with a port', 'api.commerce.naver.com:8443'],
      ['ours in capitals', 'API.COMMERCE.NAVER.COM'],
      ['ours with credentials', 'user@api.commerce.naver.com'],
      ['an encoded host', 'api.commerce.naver.com%2eevil.com'],
      ['a loopback address', '127.0.0.1'],
    ])('a target host not on the allow-list: %s', (_name, host) => refused(go({ method: 'GET', host, path: '/x' }), 403, 'host'));

    it.each([
      ['a protocol-relative path', '//evil.com/x'],
      ['an at-sign', '@evil.com/x'],
      ['an at-sign after the path', '/x@evil.com'],
      ['an absolute URL', 'https://evil.com/x'],
      ['an encoded double slash', '/%2F%2Fevil.com/x'],
      ['an encoded at-sign', '/%40evil.com'],
      ['a backslash', '/\\evil.com'],
      ['dot segments', '/external/../internal'],
      ['a space', '/x y'],
      ['a fragment', '/x#y'],
    ])('a path that could name another host or API: %s', (_name, path) => refused(go({ method: 'GET', host: NAVER, path }), 400, 'path'));

    it('a method it does not forward', async () => {
      const a = await raw(r.relay.port, 'TRACE', '/forward', {});
      expect([a.status, a.headers['x-relay-error']]).toEqual([405, 'method']);
    });

    it('a request without its relay headers, and any other path of the relay', async () => {
      const a = await raw(r.relay.port, 'GET', '/forward', { 'x-relay-host': NAVER, 'x-relay-path': '/x' });
      expect([a.status, a.headers['x-relay-error']]).toEqual([400, 'malformed']);
      const b = await raw(r.relay.port, 'GET', '/https://api.commerce.naver.com/x', {});
      expect([b.status, b.headers['x-relay-error']]).toEqual([404, 'not-found']);
      expect(upstream.seen).toEqual([]);
    });
  });

  it('answers its health check', async () => {
    const a = await raw(r.relay.port, 'GET', '/health', {});
    expect([a.status, JSON.parse(a.body)]).toEqual([200, { ok: true }]);
  });

  it('logs one line per request with method, host, path, status and time, and no body, query value or phone number', async () => {
    const phone = '010-1234-5678';
    await go({ method: 'POST', host: NAVER, path: `/external/v1/orders?receiverTel=${phone}&name=%ED%99%8D%EA%B8%B8%EB%8F%99`, body: `{"tel":"${phone}","name":"홍길동"}`, headers: { Authorization: 'Bearer secret-token' } });
    await go({ method: 'GET', host: COUPANG, path: `/v2/customers/01012345678/x` });
    await go({ method: 'GET', host: 'evil.com', path: '/x' });
    expect(r.lines).toHaveLength(3);
    expect(r.lines[0]).toMatch(/^2026-11-23T09:00:00\.000Z POST api\.commerce\.naver\.com \/external\/v1\/orders\?receiverTel=&name= 200 \d+ms$/);
    expect(r.lines[1]).toMatch(/^\S+ GET api-gateway\.coupang\.com \/v2\/customers\/\*\*\*\/x 200 \d+ms$/);
    expect(r.lines[2]).toMatch(/ GET evil\.com \/x 403 \d+ms relay-error=host$/);
    const all = r.lines.join('\n');
    for (const secret of [phone, '01012345678', '1234', '홍길동', '%ED%99%8D', 'secret-token', '"tel"']) expect(all).not.toContain(secret);
  });
});

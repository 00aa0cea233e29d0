import type { HttpResponse } from '../../src/core/http';
/**
 * ChannelGateway against a scripted Cafe24: rounds of one executeAll for all malls, pacing by each
 * mall's bucket (kept in the cache between executions), 429 / 5xx / 401 handling, malls without
 * a token, and the execution's deadline. Time is simulated: it moves only when the gateway
 * sleeps (or a round trip is given a duration).
 */
import type { RateState } from '../../src/channels/cafe24';
import { batchAllowance, initialRateState, unreadableResponse } from '../../src/channels/cafe24';
import { adminGet, adminSingle } from '../../src/channels/cafe24/admin-request';
import type { Cafe24Connection } from '../../src/channels/cafe24';
import { ChannelError, type ChannelRequest, type Outcome } from '../../src/channels/port';
import { cafe24Request } from '../../src/channels/cafe24/transport';
import { MAX_SLEEP_MS } from '../../src/jobs/gateway';
import { tokenKey } from '../../src/channels/cafe24/token-vault';
import { borasaeg, issues, json, najalran, sodamhan, T0, tokenOf, world } from './memory-ports';

interface Echo {
  mall: string;
  method: string;
  path: string;
}

const get = (conn: Cafe24Connection, n: number): ChannelRequest<Echo> =>
  cafe24Request(conn, 'products.get', (s) => adminGet(s, `/products/${n}`), (r) => JSON.parse(r.body) as Echo);

const post = (conn: Cafe24Connection, orderId: string): ChannelRequest<Echo> =>
  cafe24Request(conn, 'shipments.create', (s) => adminSingle(s, 'post', `/orders/${orderId}/shipments`, { tracking_no: '1234', shipping_company_code: '0001' }), (r) => JSON.parse(r.body) as Echo);

function failure<T>(o: Outcome<T> | undefined) {
  if (!o || o.ok) throw new Error(`expected a failure, got ${JSON.stringify(o)}`);
  return o;
}

/** All malls' pacing state lives in one cache entry. */
const RATES = 'cafe24.rates';
function seedRate(entries: Map<string, string>, mall: string, state: unknown): void {
  const all = JSON.parse(entries.get(RATES) ?? '{}') as Record<string, unknown>;
  entries.set(RATES, JSON.stringify({ ...all, [mall]: state }));
}
const savedRate = (values: Record<string, string>, mall: string) => (JSON.parse(values[RATES]!) as Record<string, unknown>)[mall];
const N = 'najalran';
const B = 'borasaeg';

/** Both malls connected with fresh tokens. */
function twoMalls(opts: { roundTripMs?: number } = {}) {
  const w = world(opts);
  w.connect(najalran, tokenOf(N, 'acc-n1', { refreshToken: 'ref-n1' }));
  w.connect(borasaeg, tokenOf(B, 'acc-b1', { refreshToken: 'ref-b1' }));
  return w;
}

describe('rounds', () => {
  test('one round sends the calls of all malls in one executeAll, in request order, each with its mall’s Bearer token', () => {
    const w = twoMalls();
    const g = w.gateway();

    const out = g.run([get(najalran, 1), get(borasaeg, 1), get(najalran, 2), get(borasaeg, 2)]);

    expect(w.http.rounds).toHaveLength(1);
    expect(w.http.rounds[0]!.map((r) => [r.mall, r.path, r.headers['Authorization']])).toEqual([
      [N, '/admin/products/1', 'Bearer acc-n1'],
      [B, '/admin/products/1', 'Bearer acc-b1'],
      [N, '/admin/products/2', 'Bearer acc-n1'],
      [B, '/admin/products/2', 'Bearer acc-b1'],
    ]);
    expect(out).toEqual([
      { ok: true, value: { mall: N, method: 'get', path: '/admin/products/1' } },
      { ok: true, value: { mall: B, method: 'get', path: '/admin/products/1' } },
      { ok: true, value: { mall: N, method: 'get', path: '/admin/products/2' } },
      { ok: true, value: { mall: B, method: 'get', path: '/admin/products/2' } },
    ]);
    expect(w.clock.sleeps).toEqual([]);
    expect([g.rounds, g.requests]).toEqual([1, 4]);
  });

  test('an answer that does not read fails that call only, with the reader’s error', () => {
    const w = twoMalls();
    w.http.answer(N, json(200, 'not json at all'));
    const strict = (conn: Cafe24Connection): ChannelRequest<Echo> => ({
      ...get(conn, 1),
      read: (r: HttpResponse) => {
        if (!r.body.startsWith('{')) throw unreadableResponse('products.get', conn.mallId, r.status, 'not an object', false);
        return JSON.parse(r.body) as Echo;
      },
    });

    const out = w.gateway().run([strict(najalran), strict(borasaeg)]);

    expect(failure(out[0]).error).toMatchObject({ kind: 'response', mallId: N });
    expect(failure(out[0]).deferred).toBe(false);
    expect(out[1]).toMatchObject({ ok: true });
    expect(w.http.adminCalls(N)).toHaveLength(1);
  });
});

test('a request its channel cannot build fails alone with the channel’s reason; the others of the round go', () => {
  const w = twoMalls();
  const g = w.gateway();
  const unbuildable: ChannelRequest<Echo> = {
    ...get(najalran, 9),
    build: () => {
      throw new ChannelError({ channel: 'cafe24', accountId: N, call: 'products.get', status: 0, kind: 'auth', code: null, channelMessage: null, retryable: false, reconnect: false, userMessage: '키가 없습니다', detail: 'no key' });
    },
  };

  const out = g.run([unbuildable, get(borasaeg, 1)]);

  expect(failure(out[0]).error.userMessage).toBe('키가 없습니다');
  expect(out[1]).toMatchObject({ ok: true, value: { mall: B } });
  expect(w.http.rounds).toHaveLength(1);
  expect(w.http.rounds[0]).toHaveLength(1);
});

describe('pacing by each mall’s bucket', () => {
  test('a mall near its bucket limit gets only what fits, never more than its allowance; another mall is not held back', () => {
    const w = twoMalls();
    const near: RateState = { ...initialRateState(T0), level: 28 };
    seedRate(w.cache.entries, N, near);
    w.http.fillBucket(N, 28);
    const requests = [1, 2, 3, 4].flatMap((n) => [get(najalran, n), get(borasaeg, n)]);

    const out = w.gateway().run(requests);

    expect(out.every((o) => o.ok)).toBe(true);
    const first = w.http.rounds[0]!;
    expect(first.filter((r) => r.mall === N)).toHaveLength(batchAllowance(near, T0));
    expect(batchAllowance(near, T0)).toBe(2);
    expect(first.filter((r) => r.mall === B).map((r) => r.path)).toEqual([1, 2, 3, 4].map((n) => `/admin/products/${n}`));
    // The rest of najalran's calls trickle out as its bucket drains, never filling it past 30 of 40.
    expect(w.http.adminCalls(N)).toHaveLength(4);
    expect(w.http.adminCalls(B)).toHaveLength(4);
    expect(w.http.peak.get(N)).toBeLessThanOrEqual(30);
    expect(w.clock.sleeps.every((ms) => ms <= MAX_SLEEP_MS)).toBe(true);
    expect(w.http.rounds.slice(1).every((round) => round.every((r) => r.mall === N))).toBe(true);
  });

  test('at most 9 calls a second go to one mall: 12 calls are sent as 9, then 3 a second later', () => {
    const w = twoMalls();
    const requests = Array.from({ length: 12 }, (_, i) => get(najalran, i + 1));

    const out = w.gateway().run(requests);

    expect(out.every((o) => o.ok)).toBe(true);
    expect(w.http.rounds.map((r) => r.length)).toEqual([9, 3]);
    expect(w.http.rounds[1]![0]!.at).toBe(T0 + 1000);
    expect(w.clock.sleeps).toEqual([1000]);
  });

  test('a mall whose bucket needs longer than MAX_SLEEP_MS to drain is deferred as throttled, unsent and unslept; the other goes on', () => {
    const w = twoMalls();
    seedRate(w.cache.entries, N, { ...initialRateState(T0), level: 38 });

    const out = w.gateway().run([get(najalran, 1), get(borasaeg, 1), get(najalran, 2)]);

    for (const i of [0, 2]) {
      const f = failure(out[i]);
      expect(f.deferred).toBe(true);
      expect(f.error).toMatchObject({ mallId: N, kind: 'rateLimited', retryable: true, reconnect: false });
    }
    expect(out[1]).toMatchObject({ ok: true });
    expect(w.http.adminCalls(N)).toHaveLength(0);
    expect(w.clock.sleeps).toEqual([]);
  });
});

describe('429 Too Many Requests', () => {
  test('with a short wait: slept and resent, and the other mall’s calls are not sent again', () => {
    const w = twoMalls();
    w.http.answer(N, json(429, { error: { code: 429, message: 'Too Many Requests' } }, { 'retry-after': '1' }));

    const out = w.gateway().run([get(najalran, 1), get(borasaeg, 1)]);

    expect(out).toEqual([
      { ok: true, value: { mall: N, method: 'get', path: '/admin/products/1' } },
      { ok: true, value: { mall: B, method: 'get', path: '/admin/products/1' } },
    ]);
    expect(w.clock.sleeps).toEqual([1000]);
    expect(w.http.adminCalls(N).map((r) => r.at)).toEqual([T0, T0 + 1000]);
    expect(w.http.adminCalls(B)).toHaveLength(1);
  });

  test('with a long wait (a full bucket: 5.5 s > MAX_SLEEP_MS): deferred as rateLimited without sleeping; the other mall succeeds', () => {
    const w = twoMalls();
    w.http.answer(N, json(429, { error: { code: 429, message: 'Too Many Requests' } }, { 'x-api-call-limit': '40/40' }));

    const out = w.gateway().run([get(najalran, 1), get(borasaeg, 1), get(borasaeg, 2)]);

    const f = failure(out[0]);
    expect(f.deferred).toBe(true);
    expect(f.error).toMatchObject({ mallId: N, kind: 'rateLimited', retryable: true });
    expect(out.slice(1)).toEqual([
      { ok: true, value: { mall: B, method: 'get', path: '/admin/products/1' } },
      { ok: true, value: { mall: B, method: 'get', path: '/admin/products/2' } },
    ]);
    expect(w.http.adminCalls(N)).toHaveLength(1);
    expect(w.clock.sleeps.filter((ms) => ms > MAX_SLEEP_MS)).toEqual([]);
  });

  test('with the usage quota spent (Remain headers): deferred as rateLimited, not resent; the other mall succeeds', () => {
    const w = twoMalls();
    w.http.answer(
      N,
      json(429, { error: { code: 429, message: 'Too Many Requests' } }, { 'x-cafe24-call-remain': '30', 'x-cafe24-time-remain': '20', 'x-api-call-limit': '12/40' }),
    );

    const out = w.gateway().run([get(najalran, 1), get(borasaeg, 1)]);

    const f = failure(out[0]);
    expect(f.deferred).toBe(true);
    expect(f.error).toMatchObject({ mallId: N, status: 429, kind: 'rateLimited', retryable: true, reconnect: false });
    expect(out[1]).toMatchObject({ ok: true, value: { mall: B } });
    expect(w.http.adminCalls(N)).toHaveLength(1);
    expect(w.clock.sleeps).toEqual([]);
  });

  test('a spent quota reported on a 200 keeps the mall blocked in the next execution: its calls deferred unsent', () => {
    const w = twoMalls();
    w.http.answer(N, json(200, { mall: N, method: 'get', path: '/admin/products/1' }, { 'x-api-call-limit': '3/40', 'x-cafe24-call-remain': '60' }));
    expect(w.gateway().run([get(najalran, 1)])[0]).toMatchObject({ ok: true });

    w.clock.advance(10_000);
    const out = w.gateway({ deadline: w.clock.now() + 5 * 60_000 }).run([get(najalran, 2), get(borasaeg, 1)]);

    expect(failure(out[0]).deferred).toBe(true);
    expect(failure(out[0]).error.kind).toBe('rateLimited');
    expect(out[1]).toMatchObject({ ok: true });
    expect(w.http.adminCalls(N)).toHaveLength(1);
  });
});

describe('server errors', () => {
  test('a 500 on a GET is resent after 1 s, then 2 s', () => {
    const w = twoMalls();
    const e500 = json(500, { error: { code: 500, message: 'Internal Server Error' } });
    w.http.answer(N, e500, e500);

    const out = w.gateway().run([get(najalran, 1)]);

    expect(out[0]).toMatchObject({ ok: true });
    expect(w.http.adminCalls(N).map((r) => r.at)).toEqual([T0, T0 + 1000, T0 + 3000]);
    expect(w.clock.sleeps).toEqual([1000, 2000]);
  });

  test('a GET still failing after the 1 s and 2 s resends is not waited 4 s for (> MAX_SLEEP_MS): deferred to the next run', () => {
    const w = twoMalls();
    const e503 = json(503, { error: { code: 503, message: 'Service Unavailable' } });
    w.http.answer(N, e503, e503, e503, e503);

    const out = w.gateway().run([get(najalran, 1), get(borasaeg, 1)]);

    const f = failure(out[0]);
    expect(f.deferred).toBe(true);
    expect(f.error.retryable).toBe(true);
    expect(out[1]).toMatchObject({ ok: true });
    expect(w.http.adminCalls(N).map((r) => r.at - T0)).toEqual([0, 1000, 3000]);
    expect(w.clock.sleeps).toEqual([1000, 2000]);
  });

  // BUG: a resend whose backoff exceeds MAX_SLEEP_MS is deferred with deferredError('throttled'),
  // whatever the cause. After three 503s the outcome says kind 'rateLimited', status 0, "the mall
  // is throttling calls" / "카페24 호출 한도 초과" — the mall never throttled; it answered 503, and
  // that answer (status, Cafe24's message) is lost.
  it('a GET deferred after repeated 503s reports the server error, not rate limiting', () => {
    const w = twoMalls();
    const e503 = json(503, { error: { code: 503, message: 'Service Unavailable' } });
    w.http.answer(N, e503, e503, e503, e503);

    const f = failure(w.gateway().run([get(najalran, 1)])[0]);

    expect(f.deferred).toBe(true);
    expect(f.error.kind).toBe('server');
    expect(f.error.status).toBe(503);
  });

  test('no answer (status 0) to a PUT is resent after 1 s', () => {
    const w = twoMalls();
    w.http.answer(N, { status: 0, headers: {}, body: 'Timeout: https://najalran.cafe24api.com' });
    const put: ChannelRequest<Echo> = cafe24Request(najalran, 'products.update', (s) => adminSingle(s, 'put', '/products/7', { display: 'T' }), (r) => JSON.parse(r.body) as Echo);

    const out = w.gateway().run([put]);

    expect(out[0]).toMatchObject({ ok: true, value: { method: 'put', path: '/admin/products/7' } });
    expect(w.http.adminCalls(N).map((r) => r.at - T0)).toEqual([0, 1000]);
  });

  test('a 500 on a POST fails and is not resent (it may have been carried out)', () => {
    const w = twoMalls();
    w.http.answer(N, json(500, { error: { code: 500, message: 'Internal Server Error' } }));

    const out = w.gateway().run([post(najalran, '20260310-0000001'), post(borasaeg, '20260310-0000002')]);

    const f = failure(out[0]);
    expect(f.deferred).toBe(false);
    expect(f.error).toMatchObject({ mallId: N, call: 'shipments.create', status: 500, kind: 'server' });
    expect(out[1]).toMatchObject({ ok: true, value: { method: 'post' } });
    expect(w.http.adminCalls(N)).toHaveLength(1);
    expect(w.clock.sleeps).toEqual([]);
  });

  test('a 4xx is not resent: failed with Cafe24’s message', () => {
    const w = twoMalls();
    w.http.answer(N, json(422, { error: { code: 422, message: 'tracking_no is invalid' } }));

    const out = w.gateway().run([post(najalran, '20260310-0000001')]);

    expect(failure(out[0]).error).toMatchObject({ status: 422, kind: 'invalid', cafe24Message: 'tracking_no is invalid', retryable: false });
    expect(w.http.adminCalls(N)).toHaveLength(1);
  });
});

describe('401 and the token', () => {
  const e401 = json(401, { error: { code: 401, message: 'Invalid access_token' } });

  test('a 401 refreshes once; the new pair is stored before the resend, which carries the new token', () => {
    const w = twoMalls();
    w.http.answer(N, e401);
    w.http.answerToken(N, issues(N, 'acc-n2', 'ref-n2'));

    const out = w.gateway().run([get(najalran, 1), get(borasaeg, 1)]);

    expect(out.every((o) => o.ok)).toBe(true);
    expect(w.http.tokenCalls(N)).toHaveLength(1);
    expect(w.http.tokenCalls(N)[0]!.payload).toBe('grant_type=refresh_token&refresh_token=ref-n1');
    expect(w.http.adminCalls(N).map((r) => r.bearer)).toEqual(['acc-n1', 'acc-n2']);
    expect(w.http.adminCalls(B).map((r) => r.bearer)).toEqual(['acc-b1']);
    const stored = w.journal.indexOf(`store.set ${tokenKey(najalran.partnerId)}`);
    const resend = w.journal.indexOf(`GET ${N}/admin/products/1 Bearer acc-n2`);
    expect(stored).toBeGreaterThanOrEqual(0);
    expect(resend).toBeGreaterThan(stored);
    expect(JSON.parse(w.store.peek(tokenKey(najalran.partnerId))!)).toMatchObject({ accessToken: 'acc-n2', refreshToken: 'ref-n2' });
  });

  test('a second 401 after the refresh fails with reconnect:true; no second refresh', () => {
    const w = twoMalls();
    w.http.answer(N, e401, e401);
    w.http.answerToken(N, issues(N, 'acc-n2', 'ref-n2'));

    const out = w.gateway().run([get(najalran, 1), get(borasaeg, 1)]);

    const f = failure(out[0]);
    expect(f.deferred).toBe(false);
    expect(f.error).toMatchObject({ mallId: N, status: 401, kind: 'auth', reconnect: true });
    expect(out[1]).toMatchObject({ ok: true });
    expect(w.http.adminCalls(N)).toHaveLength(2);
    expect(w.http.tokenCalls(N)).toHaveLength(1);
  });

  test('a 401 whose refresh is refused (invalid_grant) fails with reconnect:true, is not resent; the pair waits for a reconnect and the mall is not called again', () => {
    const w = twoMalls();
    const before = w.store.peek(tokenKey(najalran.partnerId));
    w.http.answer(N, e401);
    w.http.answerToken(N, json(400, { error: 'invalid_grant', error_description: 'Invalid refresh_token' }));

    const out = w.gateway().run([get(najalran, 1), get(borasaeg, 1)]);

    expect(failure(out[0]).error).toMatchObject({ reconnect: true, kind: 'oauth' });
    expect(out[1]).toMatchObject({ ok: true });
    expect(w.http.adminCalls(N)).toHaveLength(1);
    expect(JSON.parse(w.store.peek(tokenKey(najalran.partnerId))!)).toMatchObject({ ...JSON.parse(before!), reconnect: { reason: expect.stringContaining('다시 연결') } });
    // The next call: nothing reaches the mall, token endpoint included.
    const again = w.gateway().run([get(najalran, 2), get(borasaeg, 2)]);
    expect(failure(again[0]).error).toMatchObject({ reconnect: true });
    expect(again[1]).toMatchObject({ ok: true });
    expect(w.http.adminCalls(N)).toHaveLength(1);
    expect(w.http.tokenCalls(N)).toHaveLength(1);
  });

  test('a 401 after another execution already refreshed: no token call, resent with the stored token', () => {
    const w = twoMalls();
    const vault = w.vault();
    vault.fresh(najalran);
    w.store.setElsewhere(tokenKey(najalran.partnerId), JSON.stringify(tokenOf(N, 'acc-n2', { refreshToken: 'ref-n2' })));
    w.http.answer(N, e401);

    const out = w.gateway({ tokens: vault }).run([get(najalran, 1)]);

    expect(out[0]).toMatchObject({ ok: true });
    expect(w.http.tokenCalls()).toHaveLength(0);
    expect(w.http.adminCalls(N).map((r) => r.bearer)).toEqual(['acc-n1', 'acc-n2']);
  });

  // BUG: the gateway passes the session's current token as `stale`, not the token the 401'd
  // request carried. After the first 401 of a round has refreshed (session = acc-n2), the second
  // 401 of the same round calls refresh(conn, 'acc-n2'); the vault finds the stored token equal to
  // `stale` and rotates the pair again: one token call per 401, not one per mall.
  it('two calls of one mall answered 401 in the same round refresh the token once', () => {
    const w = twoMalls();
    w.http.answer(N, e401, e401);
    w.http.answerToken(N, issues(N, 'acc-n2', 'ref-n2'), issues(N, 'acc-n3', 'ref-n3'));

    const out = w.gateway().run([get(najalran, 1), get(najalran, 2)]);

    expect(out.every((o) => o.ok)).toBe(true);
    expect(w.http.tokenCalls(N)).toHaveLength(1);
  });

  test('a token about to lapse is refreshed before the first round, and the first call carries the new one', () => {
    const w = twoMalls();
    w.connect(najalran, tokenOf(N, 'acc-n1', { accessExpiresAt: T0 + 60_000, refreshToken: 'ref-n1' }));
    w.http.answerToken(N, issues(N, 'acc-n2', 'ref-n2'));

    const out = w.gateway().run([get(najalran, 1), get(borasaeg, 1)]);

    expect(out.every((o) => o.ok)).toBe(true);
    expect(w.http.rounds.map((round) => round.map((r) => r.kind))).toEqual([['oauth'], ['admin', 'admin']]);
    expect(w.http.adminCalls(N).map((r) => r.bearer)).toEqual(['acc-n2']);
  });

  test('a mall without a stored token fails at once with reconnect:true, and nothing is sent for it', () => {
    const w = twoMalls();

    const out = w.gateway().run([get(sodamhan, 1), get(najalran, 1), get(sodamhan, 2), get(borasaeg, 1)]);

    for (const i of [0, 2]) {
      const f = failure(out[i]);
      expect(f.deferred).toBe(false);
      expect(f.error).toMatchObject({ mallId: 'sodamhan', reconnect: true });
    }
    expect(out[1]).toMatchObject({ ok: true, value: { mall: N } });
    expect(out[3]).toMatchObject({ ok: true, value: { mall: B } });
    expect(w.http.sent.filter((r) => r.mall === 'sodamhan')).toEqual([]);
    expect(w.http.rounds).toHaveLength(1);
  });

  test('a busy token lock defers that mall’s calls (retryable), the others go on', () => {
    const w = twoMalls();
    w.connect(najalran, tokenOf(N, 'acc-n1', { accessExpiresAt: T0 + 60_000 }));
    w.lock.busy = true;

    const out = w.gateway().run([get(najalran, 1), get(borasaeg, 1)]);

    const f = failure(out[0]);
    expect(f.deferred).toBe(true);
    expect(f.error).toMatchObject({ retryable: true, reconnect: false });
    expect(out[1]).toMatchObject({ ok: true });
    expect(w.http.sent.filter((r) => r.mall === N)).toEqual([]);
  });
});

describe('the deadline', () => {
  test('past the deadline nothing is sent: every call comes back deferred', () => {
    const w = twoMalls();

    const out = w.gateway({ deadline: T0 }).run([get(najalran, 1), get(borasaeg, 1), post(najalran, '20260310-0000001')]);

    expect(w.http.sent).toEqual([]);
    for (const o of out) {
      const f = failure(o);
      expect(f.deferred).toBe(true);
      expect(f.error.retryable).toBe(true);
      expect(f.error.reconnect).toBe(false);
    }
  });

  test('a resend whose wait would end past the deadline is not slept for: deferred', () => {
    const w = twoMalls();
    w.http.answer(N, json(500, { error: { code: 500, message: 'Internal Server Error' } }));

    const out = w.gateway({ deadline: T0 + 500 }).run([get(najalran, 1)]);

    expect(failure(out[0]).deferred).toBe(true);
    expect(w.http.adminCalls(N)).toHaveLength(1);
    expect(w.clock.sleeps).toEqual([]);
  });

  test('what is left when a round ends past the deadline is deferred, what was answered stands', () => {
    const w = twoMalls({ roundTripMs: 2000 });
    const requests = Array.from({ length: 12 }, (_, i) => get(najalran, i + 1));

    const out = w.gateway({ deadline: T0 + 1000 }).run(requests);

    expect(w.http.rounds.map((r) => r.length)).toEqual([9]);
    expect(out.slice(0, 9).every((o) => o.ok)).toBe(true);
    expect(out.slice(9).map((o) => failure(o).deferred)).toEqual([true, true, true]);
  });

  // BUG: sessions are opened (TokenVault.fresh) before the deadline is checked, so past the
  // deadline a token about to lapse is still refreshed: a token call, and a wait of up to 30 s for
  // the lock per mall, in an execution that should already be winding down.
  it('past the deadline not even a token refresh is sent', () => {
    const w = twoMalls();
    w.connect(najalran, tokenOf(N, 'acc-n1', { accessExpiresAt: T0 + 60_000 }));
    w.http.answerToken(N, issues(N, 'acc-n2', 'ref-n2'));

    const out = w.gateway({ deadline: T0 }).run([get(najalran, 1)]);

    expect(failure(out[0]).deferred).toBe(true);
    expect(w.http.sent).toEqual([]);
  });
});

describe('rate state in the cache', () => {
  test('is loaded with one getAll of one entry for all malls and saved with one putAll per run', () => {
    const w = twoMalls();
    const g = w.gateway();

    g.run([get(najalran, 1), get(borasaeg, 1), get(najalran, 2), get(najalran, 3), get(borasaeg, 2)]);

    expect(w.cache.getAllCalls).toEqual([[RATES]]);
    expect(w.cache.putAllCalls).toHaveLength(1);
    const { values, seconds } = w.cache.putAllCalls[0]!;
    expect(seconds).toBe(3600);
    expect(Object.keys(values)).toEqual([RATES]);
    expect(savedRate(values, N)).toMatchObject({ capacity: 40, level: 3, at: T0, blockedUntil: 0 });
    expect(savedRate(values, B)).toMatchObject({ capacity: 40, level: 2, at: T0 });
  });

  test('a second run of the same gateway keeps the state in memory: no second getAll, one more putAll', () => {
    const w = twoMalls();
    const g = w.gateway();

    g.run([get(najalran, 1)]);
    g.run([get(najalran, 2)]);

    expect(w.cache.getAllCalls).toHaveLength(1);
    expect(w.cache.putAllCalls).toHaveLength(2);
    expect(savedRate(w.cache.putAllCalls[1]!.values, N)).toMatchObject({ level: 2 });
  });

  test('the next execution paces from the saved state: a mall that just had 9 calls waits out the second', () => {
    const w = twoMalls();
    w.gateway().run(Array.from({ length: 9 }, (_, i) => get(najalran, i + 1)));

    w.gateway().run([get(najalran, 10)]);

    expect(w.http.rounds.map((r) => r.length)).toEqual([9, 1]);
    expect(w.clock.sleeps).toEqual([1000]);
    expect(w.http.rounds[1]![0]!.at).toBe(T0 + 1000);
  });

  test('a damaged cache entry counts as an empty bucket', () => {
    const w = twoMalls();
    w.cache.entries.set(RATES, '{not json');

    const out = w.gateway().run([get(najalran, 1), get(najalran, 2)]);

    expect(out.every((o) => o.ok)).toBe(true);
    expect(w.http.rounds.map((r) => r.length)).toEqual([2]);
  });
});

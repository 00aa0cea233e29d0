/**
 * TokenVault: each mall's pair in script properties; a refresh only under the lock, re-reading
 * the stored pair inside it, storing the rotated pair before anything uses it; dead grants ask
 * for a new consent.
 */
import type { Cafe24Token } from '../../src/channels/cafe24';
import { ACCESS_REFRESH_MARGIN_MS } from '../../src/channels/cafe24';
import { tokenKey } from '../../src/channels/cafe24/token-vault';
import { APP, base64, borasaeg, DAY, HOUR, issues, json, najalran, T0, tokenAnswer, tokenOf, world } from './memory-ports';

const KEY = tokenKey(najalran.partnerId);
const storedPair = (w: ReturnType<typeof world>): Cafe24Token | null => {
  const raw = w.store.peek(KEY);
  return raw === null ? null : (JSON.parse(raw) as Cafe24Token);
};

describe('a token fit to use', () => {
  test('a fresh token is used as is: no token call, no lock', () => {
    const w = world();
    const token = tokenOf('najalran', 'acc-1');
    w.connect(najalran, token);

    const r = w.vault().fresh(najalran);

    expect(r).toEqual({ ok: true, token });
    expect(w.http.sent).toHaveLength(0);
    expect(w.lock.timeouts).toHaveLength(0);
    expect(w.store.writes).toHaveLength(0);
  });

  test('a token expiring just over 5 minutes from now is still used as is', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + ACCESS_REFRESH_MARGIN_MS + 1 }));

    expect(w.vault().fresh(najalran)).toMatchObject({ ok: true, token: { accessToken: 'acc-1' } });
    expect(w.http.sent).toHaveLength(0);
  });

  test('a partner without a stored pair is not connected: reconnect, nothing sent', () => {
    const w = world();

    const r = w.vault().fresh(najalran);

    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ mallId: 'najalran', kind: 'oauth', reconnect: true, retryable: false });
    expect(w.http.sent).toHaveLength(0);
  });

  test('reads the store once: a second fresh() of the same partner answers from the vault', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1'));
    const vault = w.vault();
    vault.fresh(najalran);
    w.store.setElsewhere(KEY, JSON.stringify(tokenOf('najalran', 'acc-other')));

    expect(vault.fresh(najalran)).toMatchObject({ ok: true, token: { accessToken: 'acc-1' } });
  });
});

describe('refreshing a token about to lapse', () => {
  test('one within 5 minutes of expiry is refreshed: one token call with the stored refresh token, Basic client credentials', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + 4 * 60_000, refreshToken: 'ref-1' }));
    w.http.answerToken('najalran', issues('najalran', 'acc-2', 'ref-2'));

    const r = w.vault().fresh(najalran);

    expect(r).toMatchObject({ ok: true, token: { accessToken: 'acc-2', refreshToken: 'ref-2', accessExpiresAt: T0 + 2 * HOUR } });
    expect(w.http.tokenCalls()).toHaveLength(1);
    const call = w.http.tokenCalls()[0]!;
    expect(call).toMatchObject({ method: 'post', url: 'https://najalran.cafe24api.com/api/v2/oauth/token', payload: 'grant_type=refresh_token&refresh_token=ref-1' });
    expect(call.headers['Authorization']).toBe(`Basic ${base64(`${APP.clientId}:${APP.clientSecret}`)}`);
  });

  test('the refresh happens under the lock: re-read, call, store the new pair, then release', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + 60_000 }));
    w.http.answerToken('najalran', issues('najalran', 'acc-2', 'ref-2'));

    w.vault().fresh(najalran);

    expect(w.journal).toEqual(['lock', `store.getLatest ${KEY}`, 'token najalran', `store.set ${KEY}`, 'unlock']);
    expect(w.http.tokenCalls()[0]!.underLock).toBe(true);
    expect(w.lock.timeouts).toEqual([30_000]);
  });

  test('the rotated pair is stored (the old refresh token is dead) and used from then on without another call', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + 60_000 }));
    w.http.answerToken('najalran', issues('najalran', 'acc-2', 'ref-2'));
    const vault = w.vault();

    vault.fresh(najalran);

    expect(storedPair(w)).toEqual(tokenOf('najalran', 'acc-2', { refreshToken: 'ref-2', scopes: storedPair(w)!.scopes }));
    expect(vault.fresh(najalran)).toMatchObject({ ok: true, token: { accessToken: 'acc-2' } });
    expect(w.http.tokenCalls()).toHaveLength(1);
  });

  test('a refresh token within 3 days of its end is renewed even when the access token is fresh', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { refreshExpiresAt: T0 + 2 * DAY }));
    w.http.answerToken('najalran', issues('najalran', 'acc-2', 'ref-2'));

    expect(w.vault().fresh(najalran)).toMatchObject({ ok: true, token: { accessToken: 'acc-2', refreshExpiresAt: T0 + 14 * DAY } });
    expect(w.http.tokenCalls()).toHaveLength(1);
  });

  test('refresh(conn, stale) of the token in use (a 401) refreshes even a token not near expiry', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { refreshToken: 'ref-1' }));
    w.http.answerToken('najalran', issues('najalran', 'acc-2', 'ref-2'));

    expect(w.vault().refresh(najalran, 'acc-1')).toMatchObject({ ok: true, token: { accessToken: 'acc-2' } });
    expect(w.http.tokenCalls()[0]!.payload).toBe('grant_type=refresh_token&refresh_token=ref-1');
  });

  test('malls are refreshed separately: one mall’s refresh does not touch another’s pair', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-n1', { accessExpiresAt: T0 + 60_000 }));
    w.connect(borasaeg, tokenOf('borasaeg', 'acc-b1'));
    w.http.answerToken('najalran', issues('najalran', 'acc-n2', 'ref-n2'));
    const vault = w.vault();

    expect(vault.fresh(najalran)).toMatchObject({ ok: true, token: { accessToken: 'acc-n2' } });
    expect(vault.fresh(borasaeg)).toMatchObject({ ok: true, token: { accessToken: 'acc-b1' } });
    expect(w.http.tokenCalls().map((c) => c.mall)).toEqual(['najalran']);
    expect(JSON.parse(w.store.peek(tokenKey(borasaeg.partnerId))!)).toMatchObject({ accessToken: 'acc-b1' });
  });
});

describe('another execution refreshed first', () => {
  test('when the stored token already differs from the stale one, it is used and no token call is made', () => {
    const w = world();
    const stale = tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + 60_000, refreshToken: 'ref-1' });
    w.connect(najalran, stale);
    const vault = w.vault();
    // This execution reads its copy of the properties…
    expect(w.store.get(KEY)).toBe(JSON.stringify(stale));
    // …then another execution refreshes (ref-1 is dead now) before this one takes the lock.
    const theirs = tokenOf('najalran', 'acc-2', { refreshToken: 'ref-2' });
    w.store.setElsewhere(KEY, JSON.stringify(theirs));

    const r = vault.fresh(najalran);

    expect(r).toEqual({ ok: true, token: theirs });
    expect(w.http.sent).toHaveLength(0);
    expect(w.store.writes).toHaveLength(0);
    expect(w.store.latestReads).toEqual([KEY]);
  });

  test('after a 401, refresh(conn, stale) takes the pair another execution stored without calling', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1'));
    const vault = w.vault();
    vault.fresh(najalran);
    w.store.setElsewhere(KEY, JSON.stringify(tokenOf('najalran', 'acc-2', { refreshToken: 'ref-2' })));

    expect(vault.refresh(najalran, 'acc-1')).toMatchObject({ ok: true, token: { accessToken: 'acc-2' } });
    expect(vault.fresh(najalran)).toMatchObject({ ok: true, token: { accessToken: 'acc-2' } });
    expect(w.http.sent).toHaveLength(0);
  });

  test('the other execution’s pair is refreshed with its own refresh token when it too is about to lapse', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + 60_000, refreshToken: 'ref-1' }));
    const vault = w.vault();
    w.store.get(KEY);
    w.store.setElsewhere(KEY, JSON.stringify(tokenOf('najalran', 'acc-2', { accessExpiresAt: T0 + 2 * 60_000, refreshToken: 'ref-2' })));
    w.http.answerToken('najalran', issues('najalran', 'acc-3', 'ref-3'));

    expect(vault.fresh(najalran)).toMatchObject({ ok: true, token: { accessToken: 'acc-3' } });
    expect(w.http.tokenCalls().map((c) => c.payload)).toEqual(['grant_type=refresh_token&refresh_token=ref-2']);
  });
});

describe('refreshes that fail', () => {
  test('invalid_grant → reconnect: the stored pair is marked so, and no later ask calls the mall again', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + 60_000 }));
    const before = w.store.peek(KEY);
    w.http.answerToken('najalran', json(400, { error: 'invalid_grant', error_description: 'Invalid refresh_token' }));

    const r = w.vault().fresh(najalran);

    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ mallId: 'najalran', call: 'oauth.refresh', status: 400, kind: 'oauth', code: 'invalid_grant', reconnect: true, retryable: false });
    expect(JSON.parse(w.store.peek(KEY)!)).toEqual({ ...JSON.parse(before!), reconnect: { at: T0, reason: '카페24 연결이 만료되었거나 해제되었습니다. 다시 연결하세요' } });
    expect(w.store.writes).toHaveLength(1);
    expect(w.http.tokenCalls()).toHaveLength(1);
    // The next execution, an hour on: nothing is sent, the same reason comes back.
    w.clock.advance(HOUR);
    const again = w.vault().fresh(najalran);
    expect(again).toMatchObject({ ok: false, error: { reconnect: true, retryable: false, userMessage: '카페24 연결이 만료되었거나 해제되었습니다. 다시 연결하세요' } });
    expect(w.http.sent).toHaveLength(1);
  });

  test('an expired refresh token → reconnect without calling, marked so', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 - HOUR, refreshExpiresAt: T0 - 1 }));

    const r = w.vault().fresh(najalran);

    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'oauth', reconnect: true, retryable: false });
    expect(w.http.sent).toHaveLength(0);
    expect(w.store.writes.map((x) => JSON.parse(x.value).reconnect)).toEqual([{ at: T0, reason: '카페24 연결이 만료되었습니다(2주). 다시 연결하세요' }]);
  });

  test('lock not obtained → a retryable error, no token call, nothing stored', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + 60_000 }));
    w.lock.busy = true;

    const r = w.vault().fresh(najalran);

    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ mallId: 'najalran', kind: 'oauth', retryable: true, reconnect: false });
    expect(w.http.sent).toHaveLength(0);
    expect(w.store.writes).toHaveLength(0);
    expect(w.store.latestReads).toHaveLength(0);
  });

  test('a 5xx from the token endpoint is retryable, keeps the stored pair, and does not ask for a reconnect', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + 60_000 }));
    const before = w.store.peek(KEY);
    w.http.answerToken('najalran', json(503, { error: 'server_error' }));

    const r = w.vault().fresh(najalran);

    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ status: 503, retryable: true, reconnect: false });
    expect(w.store.peek(KEY)).toBe(before);
  });

  test('a token issued for another mall is refused (reconnect) and not stored', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + 60_000 }));
    const before = w.store.peek(KEY);
    w.http.answerToken('najalran', tokenAnswer('borasaeg', 'acc-x', 'ref-x', T0));

    const r = w.vault().fresh(najalran);

    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ reconnect: true });
    // The other mall's pair is not stored; ours waits for a reconnect.
    expect(JSON.parse(w.store.peek(KEY)!)).toEqual({ ...JSON.parse(before!), reconnect: { at: T0, reason: expect.stringContaining('다른 몰(borasaeg)') } });
  });

  test('without the app’s credentials: no call, an error that is not a reconnect', () => {
    const w = world();
    w.store.seed('cafe24.app', '');
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + 60_000 }));

    const r = w.vault().fresh(najalran);

    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ reconnect: false, retryable: false });
    expect(w.http.sent).toHaveLength(0);
  });

  test('a partner whose pair was removed meanwhile (disconnected elsewhere) → reconnect, no call', () => {
    const w = world();
    w.connect(najalran, tokenOf('najalran', 'acc-1', { accessExpiresAt: T0 + 60_000 }));
    const vault = w.vault();
    w.store.get(KEY);
    w.store.deleteElsewhere(KEY);

    const r = vault.refresh(najalran, 'acc-1');

    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.reconnect).toBe(true);
    expect(w.http.sent).toHaveLength(0);
  });
});

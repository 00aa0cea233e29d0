/**
 * Which accounts a minute reads (src/jobs/order-cadence.ts): every minute without webhooks;
 * with them, a Cafe24 mall the relay heard from lately is read on news and on the backstop.
 */
import type { ChannelAccount } from '../../src/channels/port';
import type { NewsAnswer } from '../../src/channels/relay-wire';
import { afterRun, backstopMinutes, EMPTY_CADENCE, firstReads, newsReads, parseCadence, settingsOf, WEBHOOK_TRUST_MS, type CadenceState } from '../../src/jobs/order-cadence';

const NOW = Date.parse('2026-11-23T10:00:00+09:00');
const MIN = 60_000;
const mall = (partnerId: string, accountId: string): ChannelAccount => ({ channel: 'cafe24', partnerId, accountId });
const A = mall('PNR001', 'najalran');
const B = mall('PNR002', 'borasaeg');
const N: ChannelAccount = { channel: 'naver', partnerId: 'PNR004', accountId: 'ncp_1' };
const accounts = [A, B, N];
const input = { now: NOW, backstopMs: 10 * MIN, relay: true };
const heard: CadenceState = { ...EMPTY_CADENCE, after: { boot: 'b0', seq: 5 }, listening: true, heard: { najalran: NOW - MIN, borasaeg: NOW - MIN }, backstop: { PNR001: NOW - 2 * MIN, PNR002: NOW - 2 * MIN } };
const answer = (malls: NewsAnswer['malls'], gap = false): NewsAnswer => ({ boot: 'b0', seq: 9, listening: true, gap, malls });

describe('the minute’s reads', () => {
  it('without a relay (or one that hears no webhooks) reads every account each minute, a claim date when its backstop is due', () => {
    for (const s of [EMPTY_CADENCE, { ...heard, listening: false }]) {
      const plan = firstReads(s, accounts, input);
      expect([...plan.keys()]).toEqual(['PNR001', 'PNR002', 'PNR004']);
      expect(plan.get('PNR001')).toEqual({ orders: true, claims: s === EMPTY_CADENCE ? 'turn' : 'none', claimTurn: Math.floor(NOW / (10 * MIN)) });
    }
    expect(firstReads(heard, accounts, { ...input, relay: false }).size).toBe(3);
  });

  it('reads the claim dates of an account read every minute on the backstop cadence, one date type each period, not every minute', () => {
    // A day of minutes without webhooks: each run's plan, and the state it leaves.
    let s: CadenceState = EMPTY_CADENCE;
    const turns: number[] = [];
    let orderReads = 0;
    for (let m = 0; m < 60; m++) {
      const at = { now: NOW + m * MIN, backstopMs: 10 * MIN, relay: false };
      const plan = firstReads(s, [A], at);
      const scope = plan.get('PNR001');
      if (!scope) continue;
      if (scope.orders) orderReads++;
      if (scope.claims !== 'none') turns.push(scope.claimTurn);
      s = afterRun(s, [A], plan, new Set(['PNR001']), null, { ...at, settings: null });
    }
    // Orders every second minute (nothing changed: a quiet account), claims on the backstop.
    expect(orderReads).toBe(30);
    // Six claim reads in the hour, each the next date type in turn (Cafe24 has six).
    expect(turns).toHaveLength(6);
    expect(new Set(turns.map((t) => t % 6)).size).toBe(6);
  });

  it('without webhooks reads a quiet account (orders unchanged for three minutes) every second minute, a busy one each minute', () => {
    const minutes = (changesAt: readonly number[]) => {
      let s: CadenceState = EMPTY_CADENCE;
      const read: number[] = [];
      for (let m = 0; m < 40; m++) {
        const at = { now: NOW + m * MIN, backstopMs: 10 * MIN, relay: false };
        const plan = firstReads(s, [A, N], at);
        if (plan.get('PNR001')?.orders) read.push(m);
        // The marketplace account is read on the same rule (it has no webhooks either).
        if (changesAt.length === 0) expect(plan.has('PNR004')).toBe(plan.has('PNR001'));
        s = afterRun(s, [A, N], plan, new Set(plan.keys()), null, { ...at, settings: null }, new Set(plan.has('PNR001') && changesAt.includes(m) ? ['PNR001'] : []));
      }
      return read;
    };
    // Never changed: read at 0, then every second minute (claims on the backstop ride along).
    const quiet = minutes([]);
    expect(quiet.length).toBe(20);
    expect(quiet.every((m, k) => k === 0 || m - quiet[k - 1]! <= 2)).toBe(true);
    // An order at minute 20: read every minute for the next three, then every second minute again.
    const busy = minutes([20]);
    expect(busy.filter((m) => m > 20 && m <= 25)).toEqual([21, 22, 24]);
    expect(busy.filter((m) => m > 26).length).toBeLessThanOrEqual(7);
    // Quiet accounts read in the same (even) minutes, so the minute between asks nothing at all.
    expect(minutes([20, 21]).filter((m) => m > 27).every((m) => m % 2 === 0)).toBe(true);
  });

  it('leaves a mall the relay heard lately to its webhooks until its backstop is due; marketplaces are read each minute', () => {
    expect([...firstReads(heard, accounts, input).keys()]).toEqual(['PNR004']);
    const later = firstReads(heard, accounts, { ...input, now: NOW + 8 * MIN });
    expect(later.get('PNR001')).toEqual({ orders: true, claims: 'turn', claimTurn: Math.floor((NOW + 8 * MIN) / (10 * MIN)) });
  });

  it('counts a webhook mall’s orders backstop from its last orders read, news-driven ones too; its claim dates keep their own', () => {
    const s: CadenceState = { ...heard, read: { PNR001: NOW + 5 * MIN } };
    // Minute 8: the claim dates are due (last read at −2), the orders were read at +5 on news.
    expect(firstReads(s, [A], { ...input, now: NOW + 8 * MIN }).get('PNR001')).toMatchObject({ orders: false, claims: 'turn' });
    expect(firstReads({ ...s, backstop: { PNR001: NOW + 8 * MIN } }, [A], { ...input, now: NOW + 14 * MIN }).has('PNR001')).toBe(false);
    expect(firstReads({ ...s, backstop: { PNR001: NOW + 8 * MIN } }, [A], { ...input, now: NOW + 15 * MIN }).get('PNR001')).toMatchObject({ orders: true, claims: 'none' });
  });

  it('reads a mall not heard from for days each minute again (its webhooks may have stopped)', () => {
    const stale = { ...heard, heard: { najalran: NOW - WEBHOOK_TRUST_MS - 1, borasaeg: NOW - MIN } };
    expect([...firstReads(stale, accounts, input).keys()]).toEqual(['PNR001', 'PNR004']);
  });

  it('reads news the last run could not finish first, every claim date when it was a claim', () => {
    const s = { ...heard, pending: { PNR002: ['claims' as const] } };
    expect(firstReads(s, accounts, input).get('PNR002')).toMatchObject({ orders: true, claims: 'all' });
  });
});

describe('what the relay’s answer adds', () => {
  it('reads a mall with order news, and every claim date of one with claim news', () => {
    const planned = firstReads(heard, accounts, input);
    const more = newsReads(heard, accounts, planned, answer({ najalran: { heardAt: NOW, news: ['orders'] }, borasaeg: { heardAt: NOW, news: ['claims', 'stock'] } }), input);
    expect(more.get('PNR001')).toMatchObject({ orders: true, claims: 'none' });
    expect(more.get('PNR002')).toMatchObject({ orders: true, claims: 'all' });
  });

  it('ignores stock and product news (the sheet is the stock master)', () => {
    const more = newsReads(heard, accounts, new Map(), answer({ najalran: { heardAt: NOW, news: ['stock', 'products'] } }), input);
    expect(more.size).toBe(0);
  });

  it('adds only what the first round did not read', () => {
    const planned = new Map([['PNR001', { orders: true, claims: 'turn' as const, claimTurn: 1 }]]);
    const more = newsReads(heard, accounts, planned, answer({ najalran: { heardAt: NOW, news: ['orders', 'claims'] } }), input);
    expect(more.get('PNR001')).toMatchObject({ orders: false, claims: 'all' });
  });

  it('after a gap (the relay restarted) reads every mall left to webhooks', () => {
    const more = newsReads(heard, accounts, new Map(), answer({}, true), input);
    expect([...more.keys()]).toEqual(['PNR001', 'PNR002']);
  });
});

describe('the state kept between runs', () => {
  it('keeps news whose read failed, forgets news read through, and moves the backstop of a claims read', () => {
    const read = new Map([
      ['PNR001', { orders: true, claims: 'turn' as const, claimTurn: 0 }],
      ['PNR002', { orders: true, claims: 'all' as const, claimTurn: 0 }],
    ]);
    const next = afterRun(heard, accounts, read, new Set(['PNR001']), answer({ najalran: { heardAt: NOW, news: ['orders'] }, borasaeg: { heardAt: NOW, news: ['claims'] } }), { ...input, settings: null });
    expect(next.pending).toEqual({ PNR002: ['claims'] });
    expect(next.backstop).toEqual({ PNR001: NOW, PNR002: NOW - 2 * MIN });
    expect(next.after).toEqual({ boot: 'b0', seq: 9 });
    expect(next.heard).toEqual({ najalran: NOW, borasaeg: NOW });
  });

  it('forgets what the relay heard when it restarted (a gap answer with nothing heard yet)', () => {
    const next = afterRun(heard, accounts, new Map(), new Set(), answer({ najalran: { heardAt: null, news: [] } }, true), { ...input, settings: null });
    expect(next.heard).toEqual({});
  });

  it('reads back what it wrote, and starts afresh from a damaged or missing entry', () => {
    expect(parseCadence(JSON.stringify(heard))).toEqual({ ...heard, settings: null });
    // A state kept before quiet accounts were counted reads as none read, none moved.
    const { read: _r, moved: _m, ...older } = heard;
    expect(parseCadence(JSON.stringify(older))).toEqual({ ...heard, settings: null });
    expect(parseCadence('{"after":')).toEqual(EMPTY_CADENCE);
    expect(parseCadence(undefined)).toEqual(EMPTY_CADENCE);
  });

  it('reads the properties once an hour, not each minute', () => {
    let reads = 0;
    const read = () => (reads++, { relay: true, backstopMin: 10 });
    const first = settingsOf(EMPTY_CADENCE, NOW, read);
    settingsOf({ ...EMPTY_CADENCE, settings: first }, NOW + 59 * MIN, read);
    expect(reads).toBe(1);
    settingsOf({ ...EMPTY_CADENCE, settings: first }, NOW + 60 * MIN, read);
    expect(reads).toBe(2);
  });

  it('takes a backstop of 1 to 60 minutes as typed, else 10', () => {
    expect([backstopMinutes('5'), backstopMinutes(' 60 '), backstopMinutes('0'), backstopMinutes('1.5'), backstopMinutes('abc'), backstopMinutes(null)]).toEqual([5, 60, 10, 10, 10, 10]);
  });
});

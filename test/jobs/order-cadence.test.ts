/**
 * Which accounts a minute reads (src/jobs/order-cadence.ts): every minute without webhooks;
 * with them, a Cafe24 mall the relay heard from lately is read on news and on the backstop.
 */
import type { ChannelAccount } from '../../src/channels/port';
import type { NewsAnswer } from '../../src/channels/relay-wire';
import { afterRun, backstopMinutes, EMPTY_CADENCE, firstReads, newsReads, parseCadence, quietLongestMs, settingsOf, typedInquiryMinutes, WEBHOOK_TRUST_MS, type CadenceInput, type CadenceState } from '../../src/jobs/order-cadence';

const NOW = Date.parse('2026-11-23T10:00:00+09:00');
const MIN = 60_000;
const mall = (partnerId: string, accountId: string): ChannelAccount => ({ channel: 'cafe24', partnerId, accountId });
const A = mall('PNR001', 'najalran');
const B = mall('PNR002', 'borasaeg');
const N: ChannelAccount = { channel: 'naver', partnerId: 'PNR004', accountId: 'ncp_1' };
const accounts = [A, B, N];
/** A consumer account with the default inquiry cadence: a few accounts fit the two-minute stride. */
const BUDGET = { account: 'consumer' as const, inquiryMin: null };
const input = { now: NOW, backstopMs: 10 * MIN, relay: true, budget: BUDGET };
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
      const at = { now: NOW + m * MIN, backstopMs: 10 * MIN, relay: false, budget: BUDGET };
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
        const at = { now: NOW + m * MIN, backstopMs: 10 * MIN, relay: false, budget: BUDGET };
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

describe('the quiet stride: quiet accounts without webhooks within half the day’s fetch quota', () => {
  /** N Cafe24 malls and the two marketplace accounts. */
  const many = (malls: number): ChannelAccount[] => [...Array.from({ length: malls }, (_, k) => mall(`PNR${101 + k}`, `resell${k + 1}`)), N, { channel: 'coupang', partnerId: 'PNR005', accountId: 'A0001' }];
  // Inquiries on the step's default cadence (every 20 minutes past five accounts).
  const WORKSPACE = { account: 'workspace' as const, inquiryMin: null };
  const CONSUMER = { account: 'consumer' as const, inquiryMin: null };
  const at = (m: number, budget: CadenceInput['budget'], relay = false): CadenceInput => ({ now: NOW + m * MIN, backstopMs: 10 * MIN, relay, budget });

  /**
   * Runs the minutes given (each at second `offset` of its minute; every read succeeds, the orders
   * of `changes[partner]` change in the runs of those minutes), from a state whose accounts were
   * all read, quiet, just before the first: the minutes each account's orders were read.
   */
  function run(accounts: readonly ChannelAccount[], budget: CadenceInput['budget'], minutes: readonly number[], o: { changes?: Record<string, number[]>; from?: CadenceState; offset?: number; relay?: boolean } = {}) {
    const before = minutes[0]! * MIN - 1;
    let s: CadenceState = o.from ?? { ...EMPTY_CADENCE, read: Object.fromEntries(accounts.map((a) => [a.partnerId, NOW + before])), moved: Object.fromEntries(accounts.map((a) => [a.partnerId, NOW - 60 * MIN])), backstop: Object.fromEntries(accounts.map((a) => [a.partnerId, NOW + before])) };
    const read = new Map<string, number[]>(accounts.map((a) => [a.partnerId, []]));
    const empty: number[] = [];
    for (const m of minutes) {
      const i = { ...at(m, budget, o.relay), now: NOW + m * MIN + (o.offset ?? 0) * 1000 };
      const plan = firstReads(s, accounts, i);
      if (plan.size === 0) empty.push(m);
      for (const [id, scope] of plan) if (scope.orders) read.get(id)!.push(m);
      const moved = new Set([...plan.keys()].filter((id) => o.changes?.[id]?.includes(m)));
      s = afterRun(s, accounts, plan, new Set(plan.keys()), null, { ...i, settings: null }, moved);
    }
    return { read, empty, state: s };
  }
  const hour = Array.from({ length: 60 }, (_, m) => m);

  it('keeps the two-minute stride while the planned day fits (3 malls on a consumer account, 30 malls and 2 marketplaces on Workspace), and lengthens it for 10 malls and 2 marketplaces on a consumer account', () => {
    for (const [accounts, budget] of [
      [many(3), CONSUMER],
      [many(30), WORKSPACE],
    ] as const) {
      const { read, state } = run(accounts, budget, hour);
      for (const minutes of read.values()) expect(minutes).toEqual(hour.filter((m) => m % 2 === 0));
      expect(state.stride).toBe(2);
    }
    // 12 accounts read every second minute on a consumer account would plan 12,096 fetches a day
    // (60% of 20,000: 8,640 new-order reads, 1,728 claim dates, 1,728 inquiry lists); every fourth, 7,776.
    const { read, empty, state } = run(many(10), CONSUMER, hour);
    for (const minutes of read.values()) expect(minutes).toEqual(hour.filter((m) => m % 4 === 0));
    expect(state.stride).toBe(4);
    // All in the same minutes: the three between ask nothing at all.
    expect(empty).toEqual(hour.filter((m) => m % 4 !== 0));
    // The same 12 accounts on Workspace keep two minutes.
    expect(run(many(10), WORKSPACE, hour).state.stride).toBe(2);
    // Inquiries read as often as staff set them count too: every 10 minutes, 1,728 more lists a day.
    expect(run(many(10), { ...CONSUMER, inquiryMin: 10 }, hour.slice(0, 10)).state.stride).toBe(7);
  });

  it('still reads a busy account (its orders changed in the last three minutes) each minute on a longer stride', () => {
    const { read } = run(many(10), CONSUMER, hour, { changes: { PNR101: [20] } });
    expect(read.get('PNR101')!.filter((m) => m >= 16 && m <= 32)).toEqual([16, 20, 21, 22, 24, 28, 32]);
    expect(read.get('PNR102')!.filter((m) => m >= 16 && m <= 32)).toEqual([16, 20, 24, 28, 32]);
  });

  it('reads a quiet account whose stride minute was missed within the stride and a half of its last read', () => {
    // Runs at minutes 1, 3, 5 and 6 only (the trigger skipped 2 and 4): read at 0, then at 5.
    const { read } = run(many(10), CONSUMER, [0, 1, 3, 5, 6, 8]);
    expect(read.get('PNR101')).toEqual([0, 5, 8]);
    // Read late in its minute, early in the next stride minute: read there all the same.
    expect(run(many(10), CONSUMER, [0, 4, 8], { offset: 50 }).read.get('PNR101')).toEqual([0, 4, 8]);
    // The bound: two and a half minutes at the two-minute stride, four and a half at four.
    expect([quietLongestMs(2), quietLongestMs(4)]).toEqual([150_000, 270_000]);
  });

  it('keeps two minutes for the marketplaces when the 10 malls are left to their webhooks', () => {
    const accounts = many(10);
    const heardAll: CadenceState = { ...EMPTY_CADENCE, after: { boot: 'b0', seq: 1 }, listening: true, heard: Object.fromEntries(accounts.filter((a) => a.channel === 'cafe24').map((a) => [a.accountId, NOW])) };
    const { read, state } = run(accounts, CONSUMER, hour.slice(0, 20), { from: heardAll, relay: true });
    expect(state.stride).toBe(2);
    expect(read.get('PNR004')!.filter((m) => m >= 4)).toEqual([4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it('takes a change of the account kind with the hourly settings read, and reads settings kept without it again at once', () => {
    const accounts = many(10);
    let reads = 0;
    let kind: 'consumer' | 'workspace' = 'consumer';
    const props = () => (reads++, { relay: false, backstopMin: 10, account: kind, inquiryMin: null });
    const settings = settingsOf(EMPTY_CADENCE, NOW, props);
    // Quiet accounts last read at minute 0; minute 2 (and 34, and 62) is a two-minute stride's, not a four-minute one's.
    const quiet = (m: number, s: CadenceState): CadenceState => ({ ...s, read: Object.fromEntries(accounts.map((a) => [a.partnerId, NOW + (m - 2) * MIN])), moved: {}, backstop: Object.fromEntries(accounts.map((a) => [a.partnerId, NOW + m * MIN])) });
    const readAt = (m: number) => {
      const s = quiet(m, { ...EMPTY_CADENCE, settings });
      const now = NOW + m * MIN;
      const kept = settingsOf(s, now, props);
      return firstReads(s, accounts, { now, backstopMs: kept.backstopMin * MIN, relay: kept.relay, budget: kept }).size;
    };
    expect(readAt(2)).toBe(0);
    kind = 'workspace';
    // The property changed: the settings kept this hour still say consumer.
    expect(readAt(34)).toBe(0);
    expect(reads).toBe(1);
    // The hourly read finds Workspace: every account is read on the two-minute stride again.
    expect(readAt(62)).toBe(12);
    expect(reads).toBe(2);
    // A state kept before the account kind was among the settings: its settings are read again.
    const { account: _a, inquiryMin: _i, ...older } = settings;
    expect(parseCadence(JSON.stringify({ ...EMPTY_CADENCE, settings: older })).settings).toBeNull();
    expect(parseCadence(JSON.stringify({ ...EMPTY_CADENCE, settings })).settings).toEqual(settings);
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
    const read = () => (reads++, { relay: true, backstopMin: 10, ...BUDGET });
    const first = settingsOf(EMPTY_CADENCE, NOW, read);
    settingsOf({ ...EMPTY_CADENCE, settings: first }, NOW + 59 * MIN, read);
    expect(reads).toBe(1);
    settingsOf({ ...EMPTY_CADENCE, settings: first }, NOW + 60 * MIN, read);
    expect(reads).toBe(2);
  });

  it('takes a backstop of 1 to 60 minutes as typed, else 10', () => {
    expect([backstopMinutes('5'), backstopMinutes(' 60 '), backstopMinutes('0'), backstopMinutes('1.5'), backstopMinutes('abc'), backstopMinutes(null)]).toEqual([5, 60, 10, 10, 10, 10]);
  });

  it('takes the inquiry setting as the inquiries step does (1 to 1440 minutes), else leaves it to the step’s default', () => {
    expect([typedInquiryMinutes('30'), typedInquiryMinutes('1440'), typedInquiryMinutes('0'), typedInquiryMinutes('2.5'), typedInquiryMinutes(''), typedInquiryMinutes(null)]).toEqual([30, 1440, null, null, null, null]);
  });
});

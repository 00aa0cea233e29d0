/**
 * The client's model of Cafe24's leaky bucket (40 calls, 2 drained per second) and usage quota:
 * when to slow down, how big a burst may be, how long to wait after a 429.
 */
import {
  batchAllowance,
  initialRateState,
  levelAt,
  nextDelayMs,
  observe,
  parseCallLimit,
  recordSent,
  retryAfterMs,
} from '../../src/channels/cafe24/rate-limit';
import type { RateState } from '../../src/channels/cafe24/rate-limit';
import { ok } from './cafe24-helpers';

const T = 1_800_000_000_000;
const answer = (limit: string, extra: Record<string, string> = {}, status = 200) => ok('{}', { 'x-api-call-limit': limit, ...extra }, status);
const at = (limit: string): RateState => observe(initialRateState(T), [answer(limit)], T);

describe('decisions from X-Api-Call-Limit', () => {
  test('0/40: no wait; a burst of 9 (the per-second cap under the abuse rule)', () => {
    expect(nextDelayMs(at('0/40'), T)).toBe(0);
    expect(batchAllowance(at('0/40'), T)).toBe(9);
  });

  test('25/40: only 5 more before the soft limit (30 of 40, a quarter kept free)', () => {
    expect(batchAllowance(at('25/40'), T)).toBe(5);
    expect(nextDelayMs(at('25/40'), T)).toBe(0);
  });

  test('38/40: slow down before the bucket fills — nothing now, wait until it drains below 30', () => {
    expect(batchAllowance(at('38/40'), T)).toBe(0);
    expect(nextDelayMs(at('38/40'), T)).toBe(4500);
    expect(batchAllowance(at('38/40'), T + 4500)).toBe(1);
  });

  test('40/40: full — 5.5 s to drain to 29', () => {
    expect(batchAllowance(at('40/40'), T)).toBe(0);
    expect(nextDelayMs(at('40/40'), T)).toBe(5500);
  });

  test('after draining 2 per second, the room comes back', () => {
    const full = at('40/40');
    expect(levelAt(full, T + 10_000)).toBe(20);
    expect(batchAllowance(full, T + 10_000)).toBe(9);
    expect(nextDelayMs(full, T + 10_000)).toBe(0);
    expect(levelAt(full, T + 60_000)).toBe(0);
  });

  test('a wait of 0 always means at least one request may go, and the other way round', () => {
    for (const limit of ['0/40', '28/40', '29/40', '30/40', '35/40', '40/40']) {
      for (let dt = 0; dt <= 8000; dt += 250) {
        const s = at(limit);
        expect(nextDelayMs(s, T + dt) === 0).toBe(batchAllowance(s, T + dt) >= 1);
      }
    }
  });

  test('another bucket size (the header says) is followed', () => {
    expect(batchAllowance(at('10/20'), T)).toBe(5);
  });
});

describe('sending', () => {
  test('sent requests count at once, before their answers report', () => {
    const s = recordSent(initialRateState(T), 9, T);
    expect(levelAt(s, T)).toBe(9);
    expect(batchAllowance(s, T)).toBe(0); // 9 in this second already
    expect(nextDelayMs(s, T)).toBe(1000);
    expect(batchAllowance(s, T + 1000)).toBe(9);
  });

  test('a second filled in two bursts (2, then 7) waits until both have aged: the next burst is a full 9, not the 2 slots the first freed', () => {
    const s = recordSent(recordSent(initialRateState(T), 2, T), 7, T + 300);
    expect(batchAllowance(s, T + 600)).toBe(0);
    expect(nextDelayMs(s, T + 600)).toBe(700);
    expect(batchAllowance(s, T + 1300)).toBe(9);
  });

  test('the fullest answer of a batch is the current fill; answers without the header change nothing', () => {
    const s = observe(recordSent(initialRateState(T), 3, T), [answer('1/40'), answer('3/40'), answer('2/40'), ok('', {}, 0)], T + 300);
    expect(s.level).toBe(3);
    expect(s.at).toBe(T + 300);
    expect(observe(s, [ok('', {}, 0)], T + 500)).toEqual(s);
  });

  test('the state is plain JSON (kept in CacheService per mall)', () => {
    const s = observe(recordSent(initialRateState(T), 4, T), [answer('4/40', { 'x-cafe24-call-usage': '12.5', 'x-cafe24-time-usage': '3' })], T);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s).toMatchObject({ callUsage: 12.5, timeUsage: 3 });
  });
});

describe('429 and the usage quota', () => {
  test('the Remain headers come first (the larger of the two)', () => {
    const r = answer('40/40', { 'x-cafe24-call-usage': '120.04', 'x-cafe24-call-remain': '32', 'x-cafe24-time-remain': '7' }, 429);
    expect(retryAfterMs(r)).toBe(32_000);
    const s = observe(initialRateState(T), [r], T);
    expect(s.blockedUntil).toBe(T + 32_000);
    expect(batchAllowance(s, T + 31_999)).toBe(0);
    expect(nextDelayMs(s, T + 2000)).toBe(30_000);
  });

  test('then Retry-After, if Cafe24 ever sends one', () => {
    expect(retryAfterMs(answer('40/40', { 'retry-after': '3' }, 429))).toBe(3000);
  });

  test('else the drain: from the reported fill, or from a full bucket without any header', () => {
    expect(retryAfterMs(answer('40/40', {}, 429))).toBe(5500);
    expect(retryAfterMs(ok('{"error":{"code":429,"message":"Too Many Requests"}}', {}, 429))).toBe(5500);
  });

  test('Remain headers block even on a successful answer', () => {
    const s = observe(initialRateState(T), [answer('3/40', { 'x-cafe24-time-usage': '100.5', 'x-cafe24-time-remain': '12' })], T);
    expect(nextDelayMs(s, T)).toBe(12_000);
  });
});

test('parseCallLimit reads used/max and nothing else', () => {
  expect(parseCallLimit('12/40')).toEqual({ used: 12, max: 40 });
  expect(parseCallLimit(' 1 / 40 ')).toEqual({ used: 1, max: 40 });
  expect(parseCallLimit('abc')).toBeNull();
  expect(parseCallLimit('1/0')).toBeNull();
  expect(parseCallLimit(undefined)).toBeNull();
});

import { paths } from '../../local/paths';
import { openSandbox, play, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario, resolveTime } from '../../local/sandbox/scenario';
import type { ExecutionRecord } from '../../local/runtime/runtime';
import { demo, demoMorning, tabRows } from '../e2e';

/**
 * The one-minute sync on Apps Script's own schedule: the trigger fires once inside each minute
 * at a random offset (the runtime's default timing, seeded), not on the minute. A mall slows
 * down so much that the next fire lands while a run still waits for it: that
 * fire must find the lock taken and end at once, touching nothing; no two runs ever work the
 * sheet at the same time; and every order paid meanwhile reaches the sheet, once, with the first
 * run that gets the lock after it was paid.
 */
const T0 = Date.parse(demo.start);
const min = (m: number) => T0 + m * 60_000;
const MALLS = ['najalran', 'borasaeg', 'undercoco'] as const;
const PRODUCT = { najalran: 13, borasaeg: 102, undercoco: 8 } as const;
const ORDERS = Array.from({ length: 36 }, (_, i) => ({ orderId: `20261123-70000${String(i + 1).padStart(2, '0')}`, mall: MALLS[i % 3]!, at: min(20) + i * 20_000 }));
/** borasaeg answers every call 45 s late from +23m for four minutes. */
const SLOW_FROM = min(23);
const SLOW_FOR = 4 * 60_000;

const onlyLock = (x: ExecutionRecord) => Object.keys(x.roundTrips).every((k) => k.startsWith('LockService.'));

describe('overlapping sync runs on the randomised one-minute schedule', () => {
  let r: SandboxResult;
  /** When each order was first seen on the orders tab (a look every second). */
  const seen = new Map<string, number>();

  beforeAll(async () => {
    const scenario = parseScenario({
      ...demo,
      name: 'overlap',
      // Apps Script's other reading of a minute trigger: a new offset every minute, so fires crowd.
      triggerTiming: { mode: 'spread', seed: 1 },
      duration: '36m',
      events: [
        ...demoMorning(),
        ...ORDERS.map((o) => ({
          at: new Date(o.at).toISOString(),
          type: 'channel',
          channel: 'cafe24',
          action: 'addOrder',
          args: [o.mall, { order_id: o.orderId, buyer: { name: '구매자' }, receiver: { name: '수령인' }, items: [{ product_no: PRODUCT[o.mall] }] }],
        })),
        { at: new Date(SLOW_FROM).toISOString(), type: 'fault', channel: 'cafe24', target: 'borasaeg', fault: { kind: 'slow', delayMs: 45_000, forMs: SLOW_FOR } },
      ],
    });
    expect(scenario.triggerTiming).toEqual({ mode: 'spread', seed: 1 });
    r = await openSandbox({ ...scenario, events: [] }, { bundleDir: paths.build });
    const rt = r.runtime;
    for (const e of scenario.events) rt.at(resolveTime(e.at, T0), () => play(e, r));
    for (let t = min(20); t <= min(36); t += 1000) {
      rt.at(t, () => {
        for (const row of tabRows(r, '주문')) {
          const id = String(row['주문번호']);
          if (!seen.has(id)) seen.set(id, rt.now());
        }
      });
    }
    await rt.advanceTo(min(36));
    await rt.settle();
  }, 240_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  const ticks = () => r.runtime.executions.filter((x) => x.function === 'onSyncTick' && x.start >= min(20)).sort((a, b) => a.start - b.start);

  it('runs on fires inside each minute, not on the minute', () => {
    expect(r.eventErrors).toEqual([]);
    const starts = ticks().map((x) => x.start);
    expect(starts.filter((t) => t % 60_000 === 0)).toEqual([]);
    expect(new Set(starts.map((t) => t % 60_000)).size).toBeGreaterThan(starts.length / 2);
  });

  it('ends a fire that lands while a run holds the lock at once, touching nothing', () => {
    const all = ticks();
    const skipped = all.filter(onlyLock);
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    for (const x of skipped) {
      const holder = all.find((y) => !onlyLock(y) && y.start < x.start && y.end > x.start);
      expect(holder).toBeDefined();
      expect(x.errors).toEqual([]);
      expect(x.durationMs).toBeLessThan(1_000);
    }
    // The slow mall held its runs for its whole delay (pushes stop at their slice, collecting does not).
    expect(Math.max(...all.map((x) => x.durationMs))).toBeGreaterThanOrEqual(45_000);
  });

  it('never lets two runs work the sheet at once, and no run fails', () => {
    const working = ticks().filter((x) => !onlyLock(x));
    for (let i = 1; i < working.length; i++) expect(working[i]!.start).toBeGreaterThanOrEqual(working[i - 1]!.end);
    expect(ticks().flatMap((x) => x.errors)).toEqual([]);
  });

  it('puts every order on the sheet once, by the end of the first run that got the lock after it was paid (a quiet mall’s: the run after)', () => {
    const ids = tabRows(r, '주문').map((x) => String(x['주문번호'])).filter((id) => id.startsWith('20261123-70'));
    expect(ids.sort()).toEqual(ORDERS.map((o) => o.orderId).sort());
    const working = ticks().filter((x) => !onlyLock(x));
    const waits = ORDERS.map((o) => {
      const first = working.filter((x) => x.start > o.at)[0]!;
      // A mall whose orders have not changed on the sheet for 3 minutes before that run is quiet
      // (read every second minute): the run after next. So is a mall whose first order is still
      // to land (whether one paid just before a run's read is in it depends on how long the run
      // took to get there), and one whose order came while the slow mall's answers held up the runs.
      const busy = ORDERS.some((p) => p.mall === o.mall && seen.get(p.orderId)! <= o.at && seen.get(p.orderId)! > first.start - 3 * 60_000);
      const quiet = !busy || (o.at >= SLOW_FROM && o.at <= SLOW_FROM + SLOW_FOR + 60_000);
      const by = working.filter((x) => x.start > o.at)[quiet ? 1 : 0]!;
      expect([o.orderId, seen.get(o.orderId)! <= by.end + 1000]).toEqual([o.orderId, true]);
      return { ...o, wait: seen.get(o.orderId)! - o.at };
    });
    // Outside the slow minutes the promise is the schedule's: a run in each minute, so at most
    // two minutes from payment to the sheet (paid just after one fire, the next late in its minute).
    const calm = waits.slice(MALLS.length).filter((w) => w.at + 2 * 60_000 < SLOW_FROM || w.at > SLOW_FROM + SLOW_FOR + 60_000);
    expect(calm.length).toBeGreaterThan(10);
    for (const w of calm) expect([w.orderId, w.wait <= 2 * 60_000 + 1000]).toEqual([w.orderId, true]);
  });
});

import type { ExecutionRecord } from '../../local/runtime/runtime';
import type { SandboxResult } from '../../local/sandbox/run';
import { demo, demoMorning, runClean } from '../e2e';

/**
 * What a sync run costs in round trips, on the built bundle: the demo's morning (three malls
 * connected, products and ratios typed in), then nothing new but one warehouse stock typed in
 * at +75m. A trigger run takes the document lock and leaves its release to the end of its
 * execution (Apps Script releases a script's locks when it ends), so the next minute's run, and
 * a "sync now" pressed between two, still get the lock. A run that works several tabs gets all
 * their handles with one call.
 */
const T0 = Date.parse(demo.start);
const MIN = 60_000;

let r: SandboxResult;
beforeAll(async () => {
  r = await runClean({
    name: 'run-cost',
    duration: '80m',
    events: [
      ...demoMorning(),
      { at: '+70m30s', type: 'sidebar', function: 'syncNow' },
      { at: '+75m', type: 'edit', sheet: '상품', range: 'G2', values: [[100]] },
    ],
  });
}, 300_000);
afterAll(async () => r?.runtime.close());

const calls = (x: ExecutionRecord, method: string) => Object.entries(x.roundTrips).filter(([k]) => k.endsWith(`.${method}`)).reduce((n, [, v]) => n + v, 0);
const ticksFrom = (m: number) => r.runtime.executions.filter((x) => x.function === 'onSyncTick' && x.start >= T0 + m * MIN);

it('an idle trigger run takes the lock once and spends no round trip releasing it, nor any Sheets call', () => {
  const idle = ticksFrom(60).filter((x) => !Object.keys(x.roundTrips).some((k) => k.startsWith('SpreadsheetApp.')));
  expect(idle.length).toBeGreaterThanOrEqual(15);
  for (const x of idle) {
    expect(calls(x, 'tryLock')).toBe(1);
    expect(calls(x, 'releaseLock')).toBe(0);
  }
});

it('every trigger run after it still gets the lock (none ends at a lock left taken), and so does "sync now"', () => {
  const ticks = ticksFrom(12);
  expect(ticks.length).toBeGreaterThanOrEqual(60);
  // A run that got the lock goes on past it (its cache read at least; quiet malls are read every
  // second minute, so it may fetch nothing); one locked out makes its lock call only.
  for (const x of ticks) expect(Object.keys(x.roundTrips).some((k) => k.startsWith('CacheService.'))).toBe(true);
  const now = r.calls.find((c) => c.function === 'syncNow')!;
  expect(now.record.result).toMatchObject({ ran: true });
  expect(calls(now.record, 'releaseLock')).toBe(1);
});

it('a run that pushes a stock change finds the products, ratios and orders tabs with one getSheets, none by name', () => {
  const push = ticksFrom(75).find((x) => calls(x, 'getValues') > 0)!;
  expect(calls(push, 'setValues')).toBeGreaterThan(0);
  expect(calls(push, 'getSheets')).toBe(1);
  expect(calls(push, 'getSheetByName')).toBe(0);
});

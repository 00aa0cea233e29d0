/**
 * Case 2: a minute that brings 1,000 new order items into an orders tab already holding
 * 100,000 rows. The bound spreadsheet starts with the 주문 tab seeded (header = the tab's Korean
 * labels, 100,000 delivered lines of earlier months); the add-on's setup runs on it as a user
 * would, the malls are connected as in the demo, then 1,000 paid orders (one item each, the
 * three malls in turn) reach the fake between two ticks, and the tick after them is measured.
 */
import { ORDERS } from '../../src/sheet/tabs';
import { benchOrder, catalogSeed, ordersTab } from './fixtures';
import { assertClean, at, boot, demoConnectEvents, lastRowOf, nextTick, runTo, schedule, ticks } from './harness';
import type { CaseResult } from './table';

const EXISTING_ROWS = 100_000;
const NEW_ITEMS = 1_000;
const SKUS = 50;

export async function ordersBurstCase(log: (s: string) => void): Promise<CaseResult[]> {
  const b = await boot({ seed: catalogSeed(SKUS, 1_000_000), sheets: [ordersTab(EXISTING_ROWS, SKUS)] });
  try {
    const tab = ORDERS.title.ko;
    if (lastRowOf(b, tab) !== EXISTING_ROWS + 1) throw new Error(`the orders tab holds ${lastRowOf(b, tab) - 1} lines after setup, not ${EXISTING_ROWS}`);
    schedule(b, demoConnectEvents());
    // Connected at +9m; let a few quiet minutes pass (first reads of the malls, partner snapshot cached).
    await runTo(b, b.start + 20 * 60_000);
    // The burst lands between two ticks: from 5 s after one tick to 10 s before the next.
    const t0 = nextTick(b);
    await runTo(b, t0 + 1);
    const from = t0 + 5_000;
    const span = 45_000;
    for (let k = 0; k < NEW_ITEMS; k++) {
      const { mallId, order } = benchOrder(k, SKUS);
      at(b, from + Math.floor((k * span) / NEW_ITEMS), 'addOrder', () => b.cafe24.control('addOrder', [mallId, order]));
    }
    await runTo(b, t0 + 60_000 + 1);
    if (process.env.BENCH_DEBUG) await runTo(b, t0 + 4 * 60_000 + 1);
    const quiet = ticks(b, b.start + 11 * 60_000, t0 + 60_000);
    const measured = ticks(b, t0 + 60_000)[0];
    assertClean(b, 'orders burst');
    if (!measured) throw new Error('no tick after the burst');
    const rows = lastRowOf(b, tab) - 1;
    log(`  orders burst: tab holds ${rows} lines after the tick (expected ${EXISTING_ROWS + NEW_ITEMS}); tick took ${(measured.durationMs / 1000).toFixed(1)} s simulated`);
    if (rows !== EXISTING_ROWS + NEW_ITEMS) throw new Error(`the measured tick left ${rows} lines in the orders tab, not ${EXISTING_ROWS + NEW_ITEMS}`);
    void quiet;
    if (process.env.BENCH_DEBUG) { log(JSON.stringify(measured.roundTrips, null, 1)); for (const q of ticks(b, t0)) log(`   after ${new Date(q.start).toISOString()} ok=${q.ok} ${q.errors.join(';')} ${(q.durationMs/1000).toFixed(1)}s ${JSON.stringify(q.roundTrips)}`); for (const q of quiet) log(`   quiet ${new Date(q.start).toISOString()} ${JSON.stringify(q.roundTrips)}`); }
    return [
      {
        name: '2. 1,000 new order items into a 100,000-row orders tab',
        roundTrips: measured.roundTrips,
        lowerBound: 8,
        target: 2,
      },
    ];
  } finally {
    await b.rt.close();
  }
}

/**
 * Case 2: a minute that brings 1,000 new order items into an orders tab already holding
 * 100,000 rows.
 *
 * The bound spreadsheet starts with the 주문 tab seeded (header = the tab's Korean labels,
 * 100,000 delivered lines of earlier months, as the add-on writes them); the add-on's setup
 * runs on it as a user would, and the malls are connected as in the demo (no products: this
 * case is about orders). Then 1,000 paid orders of one item each reach the fake, the three
 * malls in turn, between two ticks (from 5 s after one to 10 s before the next), and the tick
 * after them is measured. The two ticks after it are printed too (what the minute leaves
 * behind), and so is the quiet tick that re-reads the partners before the burst.
 */
import { ORDERS } from '../../src/sheet/tabs';
import type { ExecutionRecord } from '../runtime/runtime';
import { benchOrder, catalogSeed, ordersTab } from './fixtures';
import { assertClean, at, boot, demoConnectEvents, lastRowOf, tickPair, runTo, schedule, ticks } from './harness';
import { detail, service, total, type CaseResult } from './table';

const EXISTING_ROWS = 100_000;
const NEW_ITEMS = 1_000;
const SKUS = 50;
const AFTER = 2;

export async function ordersBurstCase(log: (s: string) => void): Promise<CaseResult[]> {
  const b = await boot({ seed: catalogSeed(SKUS, 1_000_000), sheets: [ordersTab(EXISTING_ROWS, SKUS)] });
  try {
    const tab = ORDERS.title.ko;
    if (lastRowOf(b, tab) !== EXISTING_ROWS + 1) throw new Error(`the orders tab holds ${lastRowOf(b, tab) - 1} lines after setup, not ${EXISTING_ROWS}`);
    const setup = b.rt.executions.find((x) => x.function === 'setupWorkbook')!;
    log(`  orders burst: setup on the seeded sheet: ${total(setup.roundTrips)} round trips, ${(setup.durationMs / 1000).toFixed(1)} s simulated`);
    schedule(b, demoConnectEvents());
    // Connected at +9m; let quiet minutes pass (first reads of the malls, the partners snapshot
    // cached and expired once).
    await runTo(b, b.start + 21 * 60_000);
    // Two fires at least a minute apart: the burst from 5 s after the first to 10 s before the next.
    const { t0, t1 } = await tickPair(b, 60_000);
    await runTo(b, t0 + 1);
    const from = t0 + 5_000;
    const span = t1 - t0 - 15_000;
    for (let k = 0; k < NEW_ITEMS; k++) {
      const { mallId, order } = benchOrder(k, SKUS);
      at(b, from + Math.floor((k * span) / NEW_ITEMS), 'addOrder', () => b.cafe24.control('addOrder', [mallId, order]));
    }
    await runTo(b, t1 + 1);
    const measured = ticks(b, t1)[0];
    if (!measured) throw new Error('no tick after the burst');
    const rows = lastRowOf(b, tab) - 1;
    await runTo(b, measured.start + (AFTER + 1) * 60_000 - 1);
    assertClean(b, 'orders burst');
    if (rows !== EXISTING_ROWS + NEW_ITEMS) throw new Error(`the measured tick left ${rows} lines in the orders tab, not ${EXISTING_ROWS + NEW_ITEMS}`);

    const cells = EXISTING_ROWS * ORDERS.columns.length;
    const run = (x: ExecutionRecord) =>
      `${total(x.roundTrips)} round trips, ${(x.durationMs / 1000).toFixed(1)} s simulated${x.ok ? '' : `, FAILED: ${x.errors.join('; ')}`}`;
    log(`  orders burst: the tick after the burst wrote ${NEW_ITEMS} rows (tab: ${rows} lines): ${run(measured)}`);
    log(`    ${detail(measured)}`);
    log(`    each whole-tab read of the orders tab is ~${(cells / 1e6).toFixed(1)}M cells (${ORDERS.columns.length} columns × ${EXISTING_ROWS.toLocaleString('en-US')} rows)`);
    for (const x of ticks(b, measured.start + 1, measured.start + (AFTER + 1) * 60_000)) log(`  the minute after (${new Date(x.start).toISOString().slice(11, 19)}Z, nothing new at the malls): ${run(x)}`);
    const reread = ticks(b, b.start + 11 * 60_000, t0 + 1).filter((x) => service(x.roundTrips, 'SpreadsheetApp') > 0);
    if (reread.length > 0) {
      const x = reread[reread.length - 1]!;
      log(`  quiet tick before the burst that re-read the partners (snapshot expired) at ${new Date(x.start).toISOString().slice(11, 19)}Z: ${run(x)} — ${detail(x)}`);
    }

    // Lower bound of the minute: case 1's idle floor (4: the lock taken, released by the end of
    // the execution; one read of the state kept between runs; one fetchAll: 3 malls × ⌈334 /
    // 500⌉ = one page each; one write of that state, here also the new lines' fingerprints),
    // and the Sheets calls to append 1,000 rows
    // once: the tab's handle (getSheetByName is a round trip), one read of the key columns
    // (the sync writes by key, so it must know the lines are not there; an open-ended range
    // also tells where the data ends), one insertRowsAfter (the grid has no spare rows), one
    // setValues of 1,000 × 20, one flush before the lock is released. New orders change what is
    // reserved, so the sync issue requires the stock to be recomputed in the same run: that
    // needs the products and the stock-ratio tabs, read once each (a tab's handle and one read:
    // 2 calls each, the handles counted), and one log line (appendRow).
    const sheetsBound = 5 + 4 + 1;
    const bound = 4 + sheetsBound;
    const sheets = service(measured.roundTrips, 'SpreadsheetApp');
    return [
      {
        name: `2. 1,000 new order items, 100,000-row orders tab${measured.ok ? '' : ' (run FAILED)'}`,
        roundTrips: measured.roundTrips,
        lowerBound: bound,
        target: 1.5,
      },
      {
        name: '2a. … its Sheets round trips',
        roundTrips: {},
        lowerBound: sheetsBound,
        target: null,
        custom: { measured: String(sheets), byService: `SpreadsheetApp ${sheets}`, bound: String(sheetsBound), ratio: `${(sheets / sheetsBound).toFixed(2)}×`, target: 'none set', met: null },
      },
    ];
  } finally {
    await b.rt.close();
  }
}

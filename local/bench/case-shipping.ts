/**
 * Case 5: a carrier's export of 90 parcels pasted into the import tab (30 orders per mall, one
 * item each), with 10,000 earlier lines in the orders tab.
 *
 * The orders tab is seeded with 10,000 delivered lines; the malls are connected as in the demo;
 * 90 paid orders (ids known: 20261123-20000NN) reach the fake and are collected. Then a person
 * pastes the export (order id, carrier, tracking number) into 송장등록 in one paste, which fires
 * one onEdit, and the next sync is measured: it reads the orders again at their malls, sends the
 * numbers, and writes the order rows and the import rows.
 */
import { ORDERS, TRACKING_IMPORT } from '../../src/sheet/tabs';
import type { ScenarioEvent } from '../sandbox/scenario';
import { benchOrder, catalogSeed, ordersTab } from './fixtures';
import { assertClean, at, boot, demoConnectEvents, tickPair, requestKind, requestKinds, requests, runTo, schedule, ticks, valuesOf } from './harness';
import { detail, service, total, type CaseResult } from './table';

const EXISTING_ROWS = 10_000;
const PARCELS = 90;
const SKUS = 50;

const orderIdOf = (k: number) => `20261123-2${String(k).padStart(6, '0')}`;
/** CJ대한통운 numbers: 12 digits, one per parcel. */
const trackingOf = (k: number) => `6801${String(k).padStart(8, '0')}`;

export async function shippingCase(log: (s: string) => void): Promise<CaseResult[]> {
  const b = await boot({ seed: catalogSeed(SKUS, 1_000_000), sheets: [ordersTab(EXISTING_ROWS, SKUS)] });
  try {
    schedule(b, demoConnectEvents());
    await runTo(b, b.start + 15 * 60_000);
    for (let k = 0; k < PARCELS; k++) {
      const { mallId, order } = benchOrder(k, SKUS);
      at(b, b.start + 15 * 60_000 + k * 100, 'addOrder', () => b.cafe24.control('addOrder', [mallId, { ...order, order_id: orderIdOf(k) }]));
    }
    // Collected by the next ticks; then quiet.
    await runTo(b, b.start + 20 * 60_000);
    const { t0, t1 } = await tickPair(b, 20_000);
    const paste: ScenarioEvent = {
      at: new Date(t0 + 10_000).toISOString(),
      type: 'edit',
      sheet: TRACKING_IMPORT.title.ko,
      range: 'A2',
      values: Array.from({ length: PARCELS }, (_, k) => [orderIdOf(k), 'CJ대한통운', trackingOf(k)]),
    };
    schedule(b, [paste]);
    const logFrom = requests(b).length;
    await runTo(b, t1 + 1);
    const measured = ticks(b, t1)[0];
    assertClean(b, 'shipping');
    if (!measured) throw new Error('no tick after the paste');
    const imported = valuesOf(b, TRACKING_IMPORT.title.ko).slice(1).filter((r) => String(r[TRACKING_IMPORT.columns.findIndex((c) => c.key === 'status')] ?? '').startsWith('✓'));
    if (imported.length !== PARCELS) throw new Error(`${imported.length} import rows say shipped, not ${PARCELS}`);
    const statusCol = ORDERS.columns.findIndex((c) => c.key === 'orderStatus');
    const inTransit = valuesOf(b, ORDERS.title.ko).filter((r) => r[statusCol] === '배송중 (N30)').length;
    if (inTransit !== PARCELS) throw new Error(`${inTransit} order rows are in transit, not ${PARCELS}`);
    const sent = requests(b).slice(logFrom).filter((e) => e.at >= measured.start && e.at <= measured.end);
    const shipmentCalls = sent.filter((e) => requestKind(e) === 'shipments (bulk)' || (e.method === 'POST' && e.path.endsWith('/shipments'))).length;
    const sheets = service(measured.roundTrips, 'SpreadsheetApp');
    log(
      `  shipping: the sync after the paste sent ${sent.length} requests (${requestKinds(sent)}), ${shipmentCalls} shipment call(s) for ${PARCELS} parcels, ` +
        `${measured.roundTrips['UrlFetchApp.fetchAll'] ?? 0} fetchAll rounds, ${(measured.durationMs / 1000).toFixed(1)} s simulated; ${total(measured.roundTrips)} round trips, Sheets ${sheets}`,
    );
    log(`    ${detail(measured)}`);

    // Lower bound. The idle floor (4: the lock taken, released by the end of the execution; the
    // cache read; one fetchAll for the minute's order reads; one cache write). UrlFetch: one more round reading the 90 orders
    // again (3 list requests, one per mall; the carriers lists, read once and kept, can ride in
    // it) and one with the shipments (3 bulk calls): 2. Sheets: handles of the orders, import and
    // carriers tabs (3) and one read of each (3); the order rows: keys read again and one block
    // write (2); the import rows: keys and one write (2); stock moves (units left, reservations
    // fell): products and ratios handles and reads (4) and one write of the warehouse counts (1);
    // one log line (1); the flush (1) = 17.
    const sheetsBound = 17;
    const bound = 4 + 2 + sheetsBound;
    return [
      {
        name: `5. ${PARCELS} parcels pasted into the import tab, 10,000-row orders tab${measured.ok ? '' : ' (run FAILED)'}`,
        roundTrips: measured.roundTrips,
        lowerBound: bound,
        target: 1.5,
      },
    ];
  } finally {
    await b.rt.close();
  }
}

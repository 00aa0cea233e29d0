/**
 * Case 3: a warehouse stock change on 500 SKUs × 3 partners, 5% of the SKUs changed.
 *
 * The products tab (500 SKUs, 1,000 units each) and the stock-ratios tab (all 1,500 pairs
 * sellable, 40/30/30 %) are in the sheet before install; each demo mall carries all 500 SKUs
 * (generated in the fake's seed shape, one variant each). The malls are connected as in the
 * demo; the syncs that follow find every variant in the malls' catalogs and push all 1,500
 * quantities. Then a person types a new warehouse stock for 25 SKUs (every 20th), each an
 * `edit` that fires onEdit (which marks stock dirty), and the next sync is measured.
 */
import { PRODUCTS, STOCK_RATIOS } from '../../src/sheet/tabs';
import type { ScenarioEvent } from '../sandbox/scenario';
import { catalogSeed, PARTNERS, productsTab, ratiosTab } from './fixtures';
import { assertClean, boot, demoConnectEvents, tickPair, requestKind, requestKinds, requests, runTo, schedule, ticks, valuesOf } from './harness';
import { byService, detail, service, sum, total, type CaseResult } from './table';

const SKUS = 500;
const CHANGED = 25;
const STOCK = 1_000;
const NEW_STOCK = 900;
/** Cafe24's bucket per mall: 40 calls, draining 2 a second. */
const BUCKET = 40;
/** Cafe24's abuse rule: fewer than 10 calls a second from one IP to one mall. */
const PER_SECOND = 9;

export async function stockChangeCase(log: (s: string) => void): Promise<CaseResult[]> {
  const b = await boot({ seed: catalogSeed(SKUS, 0), sheets: [productsTab(SKUS, () => STOCK), ratiosTab(SKUS)] });
  try {
    schedule(b, demoConnectEvents());
    // Connected at +9m; the first push of 1,500 quantities takes a few runs at Cafe24's pace.
    await runTo(b, b.start + 45 * 60_000);
    const ratios = valuesOf(b, STOCK_RATIOS.title.ko);
    const pushedCol = STOCK_RATIOS.columns.findIndex((c) => c.key === 'pushedStock');
    const pushedBefore = ratios.slice(1).filter((r) => typeof r[pushedCol] === 'number').length;
    const stockUpdates = requests(b).filter((e) => requestKind(e) === 'inventory updates');
    const initialPuts = stockUpdates.filter((e) => e.status === 200).length;
    const putTimes = stockUpdates.map((e) => e.at);
    const firstPush = ticks(b, b.start, b.rt.now()).filter((x) => putTimes.some((t) => t >= x.start && t <= x.end));
    log(
      `  stock: before the edit ${pushedBefore} of ${SKUS * PARTNERS.length} ratio rows show a pushed quantity; ` +
        `first stock push took ${firstPush.length} run(s), ${initialPuts} inventory updates accepted, ${firstPush.map((x) => `${(x.durationMs / 1000).toFixed(0)} s`).join(' + ')} simulated`,
    );
    for (const x of firstPush) log(`    first push run: ${total(x.roundTrips)} round trips — ${detail(x)}${x.ok ? '' : `; FAILED: ${x.errors.join('; ')}`}`);
    if (pushedBefore !== SKUS * PARTNERS.length) throw new Error(`only ${pushedBefore} of ${SKUS * PARTNERS.length} pairs were pushed before the edit`);

    // A person types 25 new warehouse stocks, two seconds apart, between two ticks.
    const { t0, t1 } = await tickPair(b, 60_000);
    const col = String.fromCharCode(65 + PRODUCTS.columns.findIndex((c) => c.key === 'warehouseStock'));
    const edits: ScenarioEvent[] = Array.from({ length: CHANGED }, (_, k) => {
      const i = k * (SKUS / CHANGED);
      return { at: new Date(t0 + 3_000 + k * 2_000).toISOString(), type: 'edit', sheet: PRODUCTS.title.ko, range: `${col}${i + 2}`, values: [[NEW_STOCK]] };
    });
    schedule(b, edits);
    const logFrom = requests(b).length;
    await runTo(b, t1 + 1);
    const measured = ticks(b, t1)[0];
    assertClean(b, 'stock change');
    if (!measured) throw new Error('no tick after the edits');
    const edited = valuesOf(b, PRODUCTS.title.ko).slice(1).filter((r) => r[0] !== '' && Number(r[PRODUCTS.columns.findIndex((c) => c.key === 'warehouseStock')]) === NEW_STOCK);
    if (edited.length !== CHANGED) throw new Error(`${edited.length} products show the new stock, not ${CHANGED}`);
    const sent = requests(b).slice(logFrom).filter((e) => e.at >= measured.start && e.at <= measured.end);
    const puts = sent.filter((e) => requestKind(e) === 'inventory updates');
    const perMall = new Map<string, number>();
    for (const e of puts) perMall.set(e.mall ?? '?', (perMall.get(e.mall ?? '?') ?? 0) + 1);
    const onEdits = b.rt.executions.filter((x) => x.function === 'onEdit' && x.start >= t0);
    const fetchAll = measured.roundTrips['UrlFetchApp.fetchAll'] ?? 0;
    const sheets = service(measured.roundTrips, 'SpreadsheetApp');
    log(
      `  stock: ${onEdits.length} onEdit runs (${total(sum(onEdits))} round trips on their own: ${byService(sum(onEdits))}); ` +
        `the next sync sent ${sent.length} requests (${requestKinds(sent)}; inventory updates by mall: ${[...perMall].map(([m, n]) => `${m} ${n}`).join(', ')}), ` +
        `${sent.filter((e) => e.status === 429).length} answered 429, in ${fetchAll} fetchAll rounds, ${(measured.durationMs / 1000).toFixed(1)} s simulated; ` +
        `Sheets ${sheets} round trips (${Object.entries(measured.roundTrips).filter(([k]) => k.startsWith('SpreadsheetApp.')).map(([k, v]) => `${k.replace('SpreadsheetApp.', '')} ${v}`).join(', ')})`,
    );
    if (!measured.ok) log(`  stock: the measured sync ended with ${measured.errors.join('; ')}`);

    // Lower bounds. Requests: 3 order reads (one page per mall) + 25 SKUs × 3 partners inventory
    // updates = 78. Rounds: one fetchAll for the order reads (the updates depend on what they
    // bring: new orders reserve units), then the 75 updates, one fetchAll carrying all three
    // malls: each mall's bucket (40) would take its 25 at once, but Cafe24's documented abuse
    // rule (10 or more calls a second from one IP to one mall may be refused; cafe24-api.md §3)
    // allows at most 9 a second, and two fetchAll rounds less than a second apart count in the
    // same second, so ceil(25 / 9) = 3 rounds. The product also reads one claim date type per
    // mall each run, in turn (3 more requests in the same first round), and sends products at 5
    // every 5 minutes; neither is in the bound.
    const requestsBound = PARTNERS.length + CHANGED * PARTNERS.length;
    const roundsBound = 1 + Math.ceil(CHANGED / Math.min(BUCKET, PER_SECOND));
    // Sheets: one getSheets() for every tab's handle; one read each of the products tab (the new
    // stock), the ratios tab (ratios, last pushed, variant addresses) and the orders tab (units
    // still reserved; only a copy kept elsewhere could skip it, and staff deleting a row would
    // make that copy wrong); one read of the ratios tab's key columns just before writing (a
    // person may have sorted it while the pushes ran); one write of the add-on's own adjacent
    // columns (pushed stock … status) of the ratios tab carrying the 75 changed rows; one flush
    // before the lock is released.
    const sheetsBound = 7;
    // The lock taken (Apps Script releases it when the execution ends), one read and one write
    // of the state kept between runs (tokens, cursors, the dirty mark), and the rounds above.
    const bound = 1 + 2 + roundsBound + sheetsBound;
    return [
      {
        name: `3. stock change: ${CHANGED} of ${SKUS} SKUs × 3 partners, next sync`,
        roundTrips: measured.roundTrips,
        lowerBound: bound,
        target: 2,
      },
      {
        name: '3a. … its UrlFetch requests (quota units)',
        roundTrips: {},
        lowerBound: requestsBound,
        target: null,
        custom: {
          measured: String(sent.length),
          byService: `${puts.length} inventory, ${sent.length - puts.length} other; ${fetchAll} fetchAll`,
          bound: `${requestsBound} in ${roundsBound} fetchAll`,
          ratio: `${(sent.length / requestsBound).toFixed(2)}×, ${(fetchAll / roundsBound).toFixed(2)}× rounds`,
          target: 'none set',
          met: null,
        },
      },
      {
        name: '3b. … its Sheets round trips',
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

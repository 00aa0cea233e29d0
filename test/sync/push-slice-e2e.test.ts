import { benchOrder, catalogSeed, productsTab, ratiosTab } from '../../local/bench/fixtures';
import { boot, demoConnectEvents, schedule, ticks, valuesOf, type Bench } from '../../local/bench/harness';
import { ORDERS } from '../../src/sheet/tabs';

/**
 * Orders never wait behind a long push. The first stock push of 600 SKUs × 3 malls (1,800
 * numbers, at Cafe24's pace of about 2 a second per mall) takes many minutes; every run holds
 * the script lock while it sends, and a run that finds the lock taken ends at once. So each run
 * sends only a slice and ends before the next minute's run, which collects orders first.
 * End to end: the built bundle in the local runtime against the fake Cafe24.
 */
const SKUS = 600;
const MINUTE = 60_000;

describe('orders during a long stock push', () => {
  let b: Bench;
  afterAll(async () => {
    await b?.rt.close();
  });

  it('reach the sheet within two minutes while the first push of 1,800 numbers goes on', async () => {
    b = await boot({ seed: catalogSeed(SKUS, 0), sheets: [productsTab(SKUS, () => 1_000), ratiosTab(SKUS)] });
    schedule(b, demoConnectEvents());
    // Connected at +9m; the push starts with the next run. Three orders while it goes on.
    const placed = [11.5, 12.5, 13.5].map((m, k) => ({ at: b.start + m * MINUTE, ...benchOrder(k, SKUS) }));
    for (const o of placed) b.rt.at(o.at, () => void b.cafe24.control('addOrder', [o.mallId, o.order]));
    const itemCol = ORDERS.columns.findIndex((c) => c.key === 'itemId');
    const seenAt = new Map<number, number>();
    // Look at the orders tab every 5 s of simulated time (host-side, no round trip).
    for (let t = b.start + 11 * MINUTE; t <= b.start + 16 * MINUTE; t += 5_000) {
      await b.rt.advanceTo(t);
      const rows = valuesOf(b, ORDERS.title.ko).slice(1).filter((r) => r[itemCol] !== '');
      rows.forEach((_, k) => (seenAt.has(k) ? null : seenAt.set(k, t)));
    }
    await b.rt.settle();
    expect(b.eventErrors).toEqual([]);
    // Every order is in the sheet within two minutes (a quiet mall is read every second minute)
    // and the 5 s between looks of being placed.
    expect(seenAt.size).toBe(placed.length);
    const waits = placed.map((o, k) => (seenAt.get(k)! - o.at) / 1000);
    expect(waits.map((s) => s <= 125)).toEqual(placed.map(() => true));
    // The push was long (still going after the orders) and no run found the lock taken.
    const window = ticks(b, b.start + 10 * MINUTE, b.start + 16 * MINUTE);
    const lockedOut = window.filter((x) => Object.keys(x.roundTrips).every((k) => k.startsWith('LockService.')));
    expect(lockedOut).toEqual([]);
    const pushing = window.filter((x) => (x.roundTrips['UrlFetchApp.fetchAll'] ?? 0) > 10);
    expect(pushing.length).toBeGreaterThanOrEqual(4);
  }, 600_000);
});

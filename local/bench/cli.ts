/**
 * `npm run bench`: what the add-on costs, as counts and ratios (never timed assertions).
 * Apps Script's cost is round trips, so each case prints the round trips by service (summed
 * from ExecutionRecord.roundTrips), the lower bound a perfect implementation would need (each
 * case explains its bound where it sets it), and the ratio; one table at the end.
 *
 *   node out/bench.js                 every case
 *   node out/bench.js --only idle,day some of them: idle, orders, stock, day, shipping, push, markets, scale, load, archive
 *   BENCH_SCALE_MALLS=10 node out/bench.js --only scale   case 8's 10-mall setups only (30: the 30-mall day)
 */
import { archiveCase } from './case-archive';
import { dayCase } from './case-day';
import { firstPushCase } from './case-first-push';
import { idleCase } from './case-idle';
import { loadCase } from './case-load';
import { marketplacesCase } from './case-marketplaces';
import { ordersBurstCase } from './case-orders-burst';
import { scaleCase } from './case-scale';
import { shippingCase } from './case-shipping';
import { stockChangeCase } from './case-stock-change';
import { printTable, type CaseResult } from './table';

type Case = (log: (s: string) => void) => Promise<CaseResult[]>;

const CASES: Record<string, { title: string; run: Case }> = {
  idle: { title: '1. an idle minute with 3 connected malls (a quiet day)', run: idleCase },
  orders: { title: '2. 1,000 new order items into a 100,000-row orders tab', run: ordersBurstCase },
  stock: { title: '3. a warehouse stock change on 25 of 500 SKUs × 3 partners', run: stockChangeCase },
  day: { title: '4. a projected day: 1-minute cadence, 3 malls, 300 orders', run: dayCase },
  shipping: { title: '5. 90 parcels pasted into the import tab (30 per mall)', run: shippingCase },
  push: { title: '6. orders during the first push of 6,000 stock numbers (2,000 SKUs × 3 malls)', run: firstPushCase },
  markets: { title: '7. a quiet day with 3 Cafe24 malls, 1 SmartStore and 1 Coupang seller (through the relay)', run: marketplacesCase },
  scale: { title: '8. 30 (and 10) Cafe24 malls + 2 marketplaces, with Cafe24 webhooks and without', run: scaleCase },
  load: { title: '9. per execution: the script Apps Script loads before the first line', run: loadCase },
  archive: { title: '10. a 30,000-row orders tab: a minute on it, and the night\'s archive pass', run: archiveCase },
};

async function main(argv: string[]): Promise<void> {
  const i = argv.indexOf('--only');
  const only = i >= 0 ? (argv[i + 1] ?? '').split(',').filter(Boolean) : Object.keys(CASES);
  const unknown = only.filter((n) => !CASES[n]);
  if (unknown.length) throw new Error(`unknown case ${unknown.join(', ')} (known: ${Object.keys(CASES).join(', ')})`);
  const rows: CaseResult[] = [];
  const wallStart = Date.now();
  for (const name of only) {
    const c = CASES[name]!;
    const t = Date.now();
    console.log(`${c.title}`);
    rows.push(...(await c.run(console.log)));
    console.log(`  (${((Date.now() - t) / 1000).toFixed(1)} s wall)`);
  }
  console.log('');
  printTable(rows);
  console.log(`\nbench: ${((Date.now() - wallStart) / 1000).toFixed(1)} s wall`);
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * `npm run bench`: what the add-on costs, as counts and ratios (never timed assertions).
 * Apps Script's cost is round trips, so each case prints the round trips by service, the
 * lower bound a perfect implementation would need, and the ratio; one table at the end.
 * `node out/bench.js --only idle,orders` runs some cases (idle, orders, stock, day).
 */
import { ordersBurstCase } from './case-orders-burst';
import { stockChangeCase } from './case-stock-change';
import { printTable, type CaseResult } from './table';

type Case = (log: (s: string) => void) => Promise<CaseResult[]>;

const CASES: Record<string, Case> = {
  orders: ordersBurstCase,
  stock: stockChangeCase,
};

async function main(argv: string[]): Promise<void> {
  const i = argv.indexOf('--only');
  const only = i >= 0 ? (argv[i + 1] ?? '').split(',').filter(Boolean) : Object.keys(CASES);
  const unknown = only.filter((n) => !CASES[n]);
  if (unknown.length) throw new Error(`unknown case ${unknown.join(', ')} (known: ${Object.keys(CASES).join(', ')})`);
  const rows: CaseResult[] = [];
  const wallStart = Date.now();
  for (const name of only) {
    const t = Date.now();
    rows.push(...(await CASES[name]!(console.log)));
    console.log(`  (${name}: ${((Date.now() - t) / 1000).toFixed(1)} s wall)`);
  }
  console.log('');
  printTable(rows);
  console.log(`\nbench: ${((Date.now() - wallStart) / 1000).toFixed(1)} s wall`);
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});

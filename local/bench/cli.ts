/**
 * `npm run bench`: what the add-on costs, as counts and ratios (never timed assertions).
 * Apps Script's cost is round trips, so each case prints the round trips by service, the
 * lower bound a perfect implementation would need, and the ratio. Host-side speed of the
 * local runtime is printed last, for the team's own use.
 */
import { paths } from '../paths';
import { runScenario } from '../sandbox/run';
import { parseScenario } from '../sandbox/scenario';
import demo from '../sandbox/scenarios/demo.json';
import type { ExecutionRecord } from '../runtime/runtime';

interface Row {
  name: string;
  roundTrips: Record<string, number>;
  lowerBound: number;
  note: string;
}

function total(r: Record<string, number>): number {
  return Object.values(r).reduce((a, b) => a + b, 0);
}

function byService(r: Record<string, number>): string {
  const s: Record<string, number> = {};
  for (const [k, v] of Object.entries(r)) {
    const svc = k.split('.')[0]!;
    s[svc] = (s[svc] ?? 0) + v;
  }
  return Object.entries(s)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

function sum(execs: ExecutionRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of execs) for (const [k, v] of Object.entries(x.roundTrips)) out[k] = (out[k] ?? 0) + v;
  return out;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const wallStart = Date.now();
  // The demo's morning (three partners entered, three malls connected, a few orders), then a day.
  const setupEvents = (demo.events as Array<{ type: string }>).filter((e) => ['edit', 'sidebar', 'authorize'].includes(e.type));
  const day = parseScenario({ ...demo, name: 'bench: a day with three malls', duration: '24h', events: setupEvents });
  const r = await runScenario(day, { bundleDir: paths.build });
  const wall = (Date.now() - wallStart) / 1000;
  const rt = r.runtime;
  const setup = rt.executions.find((x) => x.function === 'setupWorkbook')!;
  const ticks = rt.executions.filter((x) => x.function === 'onSyncTick');
  // A minute in the middle of the day: three connected malls, nothing new.
  const idle = ticks.filter((x) => (x.roundTrips['UrlFetchApp.fetchAll'] ?? 0) === 1)[Math.floor(ticks.length / 2)] ?? ticks[Math.floor(ticks.length / 2)]!;
  rows.push({
    name: 'setup of 8 tabs in a new spreadsheet',
    roundTrips: setup.roundTrips,
    // Per tab: create, header write, formats, rules, header style (4), frozen row, protection (3).
    lowerBound: 8 * 12,
    note: 'once per install or upgrade',
  });
  rows.push({
    name: 'an idle minute, 3 connected malls, nothing new',
    roundTrips: idle.roundTrips,
    // Lock and release, one batch of the three malls' order reads, one read of what is needed to
    // know the malls and their cursors (properties), no Sheets call at all.
    lowerBound: 4,
    note: 'target (sync issue): within 1.5× and at most 2 Sheets round trips',
  });
  console.log('Round trips per case (Apps Script cost):');
  console.log('case | round trips | by service | lower bound | ratio');
  for (const row of rows) {
    const t = total(row.roundTrips);
    console.log(`${row.name} | ${t} | ${byService(row.roundTrips)} | ${row.lowerBound} | ${(t / row.lowerBound).toFixed(2)}× (${row.note})`);
  }
  const all = sum(ticks);
  const triggerMs = ticks.reduce((a, x) => a + x.durationMs, 0);
  console.log('');
  console.log('Projected day at 1-minute cadence (simulated):');
  console.log(`  trigger executions: ${ticks.length}, URL fetches: ${rt.quotaUsed('urlfetch')} of ${rt.quotas.limit('urlfetch')} (${rt.quotas.account})`);
  console.log(`  trigger runtime: ${(triggerMs / 60_000).toFixed(1)} min of ${rt.quotas.limit('triggerRuntime') / 60_000} min`);
  console.log(`  round trips: ${total(all)} (${byService(all)})`);
  console.log('');
  const mem = process.memoryUsage();
  console.log('Local runtime (host):');
  console.log(`  ${rt.executions.length} executions of a simulated day in ${wall.toFixed(1)} s wall, ${(rt.executions.length / wall).toFixed(0)} executions/s, rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB`);
  await rt.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

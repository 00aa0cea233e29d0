import { paths } from '../../local/paths';
import { defaultLatency, type LatencyModel } from '../../local/runtime/latency';
import type { ExecutionRecord } from '../../local/runtime/runtime';
import { snapshotWorkbooks } from '../../local/runtime/services/spreadsheet';
import { openSandbox, play, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario, resolveTime } from '../../local/sandbox/scenario';
import { cafe24Only, demo, tabRows } from '../e2e';

/**
 * The archive pass over rows scattered down the orders tab, on the built bundle in the local
 * runtime against the fake Cafe24.
 *
 * Sunday 29 November 2026, 02:20 KST: staff paste last August's shipped rows between rows of
 * this month (the orders tab as a person left it after sorting), and settle 2026-W32 and August.
 * From 03:00 the night's pass moves the August rows of the settled week, which lie in four
 * separate runs of rows: the tab must keep every other row as it was, in its order, and the
 * year's book must hold each moved row once. The run copies them in one write to the book made
 * for them (its header in the same write), and deletes them run by run after one read of the
 * keys: nothing is read or written per row, and no document property is read one by one. When
 * Sheets is slow to delete, a run stops deleting once its slice and allowance are spent, and the
 * next run deletes the rest (already in the book, they are not copied twice).
 */
const START = '2026-11-29T02:20:00+09:00';
const T0 = Date.parse(START);

/**
 * An orders-tab row as the sync writes it (조치필요 … 발주확인), shipped at `shipped` (Seoul). The
 * tracking number keeps a leading zero, and one receiver's name reads like a formula: text from a
 * channel, which the book must keep as text, exactly as it came.
 */
const row = (partnerId: string, orderId: string, paid: string, shipped: string, receiver: string) => [
  '', '', partnerId, orderId, `${orderId}-01`, paid, paid, 'NJ-MUG', '수제 도자기 머그컵', '', 1, 19_500, receiver, receiver, '010-8000-0000', '(06236) 서울 팔월로 1', '', '배송완료 (N40)', 'CJ대한통운', `06800009${orderId.slice(-5)}`, shipped, false,
];
const old = (partnerId: string, orderId: string, day: string, receiver: string) => row(partnerId, orderId, `2026-08-${day} 09:00:00`, `2026-08-${day} 17:00:00`, receiver);
const recent = (partnerId: string, orderId: string, day: string, receiver: string) => row(partnerId, orderId, `2026-11-${day} 09:00:00`, `2026-11-${day} 17:00:00`, receiver);

/** Pasted at A2: old rows (→ book) in four runs: rows 2–3, 5, 7–9 and 11 (the paste's last). */
const PASTED = [
  old('PNR002', '20260803-2000011', '03', '=SUM(1,2)'),
  old('PNR003', '20260804-3000011', '04', '나구매'),
  recent('PNR002', '20261120-2000021', '20', '다구매'),
  old('PNR001', '20260805-1000011', '05', '라구매'),
  // Week 2026-W33 is not settled: this old row stays where it is.
  old('PNR003', '20260812-3000012', '12', '마구매'),
  old('PNR002', '20260806-2000012', '06', '바구매'),
  old('PNR003', '20260807-3000013', '07', '사구매'),
  old('PNR001', '20260808-1000012', '08', '아구매'),
  recent('PNR003', '20261121-3000022', '21', '자구매'),
  old('PNR002', '20260809-2000013', '09', '차구매'),
];
const MOVED = ['PNR001|20260805-1000011-01', 'PNR001|20260808-1000012-01', 'PNR002|20260803-2000011-01', 'PNR002|20260806-2000012-01', 'PNR002|20260809-2000013-01', 'PNR003|20260804-3000011-01', 'PNR003|20260807-3000013-01'];

const events = [
  { at: '+1m', type: 'edit', sheet: '주문', range: 'A2', values: PASTED },
  ...cafe24Only(demo.events as Array<{ type: string; at: string; sheet?: string }>).filter((e) => ['edit', 'sidebar', 'authorize'].includes(e.type) && parseInt(e.at.slice(1), 10) <= 11),
  { at: '+15m', type: 'sidebar', function: 'runSettlement', args: ['2026-W32'] },
  { at: '+16m', type: 'sidebar', function: 'runSettlement', args: ['2026-08'] },
];

type Grid = unknown[][];
const keyOf = (header: unknown[], r: unknown[]) => `${String(r[header.indexOf('파트너ID')])}|${String(r[header.indexOf('품목주문번호')])}`;
const rowsOf = (g: Grid) => g.slice(1).filter((r) => r.some((c) => String(c ?? '') !== ''));
const PASS_FROM = Date.parse('2026-11-29T03:00:00+09:00');

/** The night on the built bundle; the orders tab as it was at 02:59, just before the pass. */
async function night(latency?: (r: () => SandboxResult) => LatencyModel): Promise<{ r: SandboxResult; before: Grid }> {
  const s = parseScenario({ ...demo, start: START, duration: '75m', relay: false, events });
  let r: SandboxResult | null = null;
  r = await openSandbox(s, { bundleDir: paths.build, ...(latency ? { latency: latency(() => r!) } : {}) });
  let before: Grid = [];
  const orders = () => r!.sheets.snapshot().find((x) => x.name === '주문')!.values as Grid;
  for (const e of s.events) r.runtime.at(resolveTime(e.at, T0), () => play(e, r!));
  r.runtime.at(PASS_FROM - 60_000, () => void (before = orders()));
  await r.runtime.advanceTo(r.end);
  await r.runtime.settle();
  expect(r.eventErrors).toEqual([]);
  expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
  return { r, before };
}

/** The tab keeps every other row as it was, in its order; the book holds each moved row once, as it was. */
function expectMoved(r: SandboxResult, before: Grid): void {
  const after = r.sheets.snapshot().find((x) => x.name === '주문')!.values as Grid;
  expect(rowsOf(after).map((x) => JSON.stringify(x))).toEqual(rowsOf(before).filter((x) => !MOVED.includes(keyOf(before[0]!, x))).map((x) => JSON.stringify(x)));
  const book = snapshotWorkbooks(r.runtime.world).find((w) => / 주문 보관 2026$/.test(w.name))!;
  const grid = book.sheets[0]!.values as Grid;
  expect(grid[0]).toEqual(before[0]);
  expect(rowsOf(grid).map((x) => keyOf(grid[0]!, x)).sort()).toEqual(MOVED);
  // Cell by cell as the tab held them (as text: a book's cells have no text format, so a
  // tracking number reads back as a number there).
  const text = (x: unknown[]) => x.map((c) => (c instanceof Date ? c.toISOString() : String(c)));
  const was = new Map(rowsOf(before).map((x) => [keyOf(before[0]!, x), text(x)]));
  for (const x of rowsOf(grid)) expect(text(x)).toEqual(was.get(keyOf(grid[0]!, x)));
}

/** The night's sync runs that deleted rows. */
const deleting = (r: SandboxResult): ExecutionRecord[] => r.runtime.executions.filter((x) => x.function === 'onSyncTick' && (x.roundTrips['SpreadsheetApp.Sheet.deleteRows'] ?? 0) > 0);
const tripsOf = (x: ExecutionRecord, name: string) => Object.entries(x.roundTrips).filter(([k]) => k.endsWith(name)).reduce((a, [, n]) => a + n, 0);

describe('the archive pass over rows in several separate runs down the orders tab', () => {
  let r: SandboxResult;
  let before: Grid;
  beforeAll(async () => {
    ({ r, before } = await night());
  }, 600_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('found the rows to move lying in four separate runs before the pass', () => {
    const at = before.flatMap((x, i) => (MOVED.includes(keyOf(before[0]!, x)) ? [i + 1] : []));
    expect(at).toEqual([2, 3, 5, 7, 8, 9, 11]);
    // The sync's own rows (the demo malls' orders) lie below the paste.
    expect(rowsOf(before).length).toBeGreaterThan(PASTED.length);
  });

  it('keeps every other row on the tab as it was, in its order, and puts each moved row in the book once, as it was', () => {
    expectMoved(r, before);
  });

  it('fills the new book, header and rows, in one write (its formats in one call before it), and deletes the four runs after one read of the keys, in one sync run', () => {
    const runs = deleting(r);
    expect(runs).toHaveLength(1);
    const pass = runs[0]!;
    expect(pass.start).toBeGreaterThanOrEqual(PASS_FROM);
    expect(tripsOf(pass, 'SpreadsheetApp.create')).toBe(1);
    expect(tripsOf(pass, 'Range.setValues')).toBe(1);
    expect(tripsOf(pass, 'Range.setNumberFormats')).toBe(1);
    expect(tripsOf(pass, 'Sheet.deleteRows')).toBe(4);
    // The orders, settlement and claims tabs; the keys before the deletes and after them (the
    // check for a sort under them); the log tab's header.
    expect(tripsOf(pass, 'Range.getValues')).toBe(3 + 2 + 1);
    // The document properties come from the run's one read of them: none asked for one by one.
    expect(tripsOf(pass, 'Properties.getProperty')).toBe(0);
    // The book's id with the latest archived time, and the night's record.
    expect(tripsOf(pass, 'Properties.setProperty')).toBe(2);
    // The copy made final before any delete, and the run's own flush at its end.
    expect(tripsOf(pass, 'SpreadsheetApp.flush')).toBe(2);
  });
});

describe('the same pass when each delete is slow: a run stops deleting 20 s past its slice and the next goes on', () => {
  /** Sheets taking 25 s a deleteRows (a busy tab), from the night's pass on. */
  const DELETE_MS = 25_000;
  let r: SandboxResult;
  let before: Grid;
  beforeAll(async () => {
    ({ r, before } = await night((now) => ({
      httpRoundTripMs: defaultLatency.httpRoundTripMs,
      cost: (call) => (call.name === 'SpreadsheetApp.Sheet.deleteRows' && now().runtime.now() >= PASS_FROM ? DELETE_MS : defaultLatency.cost(call)),
    })));
  }, 600_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('deletes no run of rows after the slice (40 s) and the allowance (20 s) are spent, and says the rest goes next', () => {
    const [first, ...rest] = deleting(r);
    expect(tripsOf(first!, 'Sheet.deleteRows')).toBe(3);
    // Each delete starts before the run's 60 s are out: the run ends within them and one delete more.
    expect(first!.durationMs).toBeLessThan(60_000 + DELETE_MS + 5_000);
    expect(rest.map((x) => tripsOf(x, 'Sheet.deleteRows'))).toEqual([1]);
    expect(tabRows(r, '로그').some((x) => /남은 행은 다음 실행에서 이어서 옮깁니다/.test(String(x['내용'])))).toBe(true);
  });

  it('ends with the tab and the book as a pass in one run leaves them: each row kept in its place, each moved row in the book once', () => {
    expectMoved(r, before);
  });
});

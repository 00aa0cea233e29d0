import { paths } from '../../local/paths';
import type { ExecutionRecord } from '../../local/runtime/runtime';
import { snapshotWorkbooks } from '../../local/runtime/services/spreadsheet';
import { openSandbox, play, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario, resolveTime } from '../../local/sandbox/scenario';
import { cafe24Only, demo } from '../e2e';

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
 * keys: nothing is read or written per row, and no document property is read one by one.
 */
const START = '2026-11-29T02:20:00+09:00';
const T0 = Date.parse(START);

/** An orders-tab row as the sync writes it (조치필요 … 발주확인), shipped at `shipped` (Seoul). */
const row = (partnerId: string, orderId: string, paid: string, shipped: string, receiver: string) => [
  '', '', partnerId, orderId, `${orderId}-01`, paid, paid, 'NJ-MUG', '수제 도자기 머그컵', '', 1, 19_500, receiver, receiver, '010-8000-0000', '(06236) 서울 팔월로 1', '', '배송완료 (N40)', 'CJ대한통운', `6800009${orderId.slice(-5)}`, shipped, false,
];
const old = (partnerId: string, orderId: string, day: string, receiver: string) => row(partnerId, orderId, `2026-08-${day} 09:00:00`, `2026-08-${day} 17:00:00`, receiver);
const recent = (partnerId: string, orderId: string, day: string, receiver: string) => row(partnerId, orderId, `2026-11-${day} 09:00:00`, `2026-11-${day} 17:00:00`, receiver);

/** Pasted at A2: old rows (→ book) in four runs: rows 2–3, 5, 7–9 and 11 (the paste's last). */
const PASTED = [
  old('PNR002', '20260803-2000011', '03', '가구매'),
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

describe('the archive pass over rows in several separate runs down the orders tab', () => {
  let r: SandboxResult;
  let before: Grid | null = null;
  const orders = (): Grid => r.sheets.snapshot().find((s) => s.name === '주문')!.values as Grid;
  /** The night's run that made the book and moved the rows. */
  const pass = (): ExecutionRecord => r.runtime.executions.find((x) => x.function === 'onSyncTick' && (x.roundTrips['SpreadsheetApp.Sheet.deleteRows'] ?? 0) > 0)!;
  const trips = (name: string) => Object.entries(pass().roundTrips).filter(([k]) => k.endsWith(name)).reduce((a, [, n]) => a + n, 0);

  beforeAll(async () => {
    const s = parseScenario({ ...demo, start: START, duration: '75m', relay: false, events });
    r = await openSandbox(s, { bundleDir: paths.build });
    for (const e of s.events) r.runtime.at(resolveTime(e.at, T0), () => play(e, r));
    r.runtime.at(Date.parse('2026-11-29T02:59:00+09:00'), () => void (before = orders()));
    await r.runtime.advanceTo(r.end);
    await r.runtime.settle();
    expect(r.eventErrors).toEqual([]);
  }, 600_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('ran without errors, the rows to move lying in four separate runs before the pass', () => {
    expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
    const g = before!;
    const at = g.flatMap((x, i) => (MOVED.includes(keyOf(g[0]!, x)) ? [i + 1] : []));
    expect(at).toEqual([2, 3, 5, 7, 8, 9, 11]);
    expect(rowsOf(g).length).toBeGreaterThan(PASTED.length);
    expect(pass().start).toBeGreaterThanOrEqual(Date.parse('2026-11-29T03:00:00+09:00'));
    expect(pass().roundTrips['SpreadsheetApp.create']).toBe(1);
  });

  it('keeps every other row on the tab as it was, in its order, and puts each moved row in the book once, as it was', () => {
    const g = before!;
    const after = orders();
    expect(rowsOf(after).map((x) => JSON.stringify(x))).toEqual(rowsOf(g).filter((x) => !MOVED.includes(keyOf(g[0]!, x))).map((x) => JSON.stringify(x)));
    const book = snapshotWorkbooks(r.runtime.world).find((w) => / 주문 보관 2026$/.test(w.name))!;
    const grid = book.sheets[0]!.values as Grid;
    expect(grid[0]).toEqual(g[0]);
    expect(rowsOf(grid).map((x) => keyOf(grid[0]!, x)).sort()).toEqual(MOVED);
    // Cell by cell as the tab held them (as text: a book's cells have no text format, so a
    // tracking number reads back as a number there).
    const text = (x: unknown[]) => x.map((c) => (c instanceof Date ? c.toISOString() : String(c)));
    const was = new Map(rowsOf(g).map((x) => [keyOf(g[0]!, x), text(x)]));
    for (const x of rowsOf(grid)) expect(text(x)).toEqual(was.get(keyOf(grid[0]!, x)));
  });

  it('fills the new book, header and rows, in one write, and deletes the four runs after one read of the keys', () => {
    expect(trips('Range.setValues')).toBe(1);
    expect(trips('Sheet.deleteRows')).toBe(4);
    // The orders, settlement and claims tabs; the keys before the deletes and after them (the
    // check for a sort under them); the log tab's header.
    expect(trips('Range.getValues')).toBe(3 + 2 + 1);
    // The document properties come from the run's one read of them: none asked for one by one.
    expect(trips('Properties.getProperty')).toBe(0);
    // The book's id with the latest archived time, and the night's record.
    expect(trips('Properties.setProperty')).toBe(2);
    // The copy made final before any delete, and the run's own flush at its end.
    expect(trips('SpreadsheetApp.flush')).toBe(2);
  });
});

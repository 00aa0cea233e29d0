import { paths } from '../../local/paths';
import { openSandbox, play, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario, resolveTime } from '../../local/sandbox/scenario';
import { SheetUser } from '../../local/runtime/services/spreadsheet/user-actions';
import { demo, demoMorning, fakeRequests, tabRows } from '../e2e';

/**
 * Staff keep working in the orders tab while the sync writes many rows of it at once (parcels
 * shipped, their orders read again): what they type in their columns at that very moment stays,
 * and so does a formula in a column of their own. The built bundle in the local runtime against
 * the fake Cafe24.
 */
const T0 = Date.parse(demo.start);
const min = (m: number) => T0 + m * 60_000;
const ORDER_IDS = Array.from({ length: 12 }, (_, i) => `20261123-50000${String(i + 1).padStart(2, '0')}`);
const item = (orderId: string) => `${orderId}-01`;
const number = (i: number) => `6800${String(10_000_000 + i)}`.slice(0, 12);
/** Orders 3, 6 and 9 are not shipped by the paste: their rows lie between rows the sync rewrites. */
const TYPED_LATER = [2, 5, 8];
const SHIPPED = ORDER_IDS.map((_, i) => i).filter((i) => !TYPED_LATER.includes(i));

describe('a block write of the orders tab and the staff working in it', () => {
  let r: SandboxResult;
  /** What the person typed, cell by cell, at the moments the sync was writing. */
  const typed: Array<{ itemId: string; column: string; value: string; at: number }> = [];

  beforeAll(async () => {
    const events = parseScenario({
      ...demo,
      name: 'staff cells',
      duration: '40m',
      events: [
        ...demoMorning(),
        ...ORDER_IDS.map((orderId, i) => ({
          at: '+20m',
          type: 'channel',
          channel: 'cafe24',
          action: 'addOrder',
          args: ['najalran', { order_id: orderId, buyer: { name: `수령${i}` }, receiver: { name: `수령${i}`, cellphone: '010-9999-0000', address1: `수령${i}시 1번길` }, items: [{ product_no: 13 }] }],
        })),
        // A carrier's export for nine of the twelve parcels.
        { at: '+24m', type: 'edit', sheet: '송장등록', range: 'A2', values: SHIPPED.map((i) => [ORDER_IDS[i], 'CJ대한통운', number(i)]) },
      ],
    }).events;
    r = await openSandbox(parseScenario({ ...demo, events: [] , duration: '40m' }), { bundleDir: paths.build });
    const rt = r.runtime;
    for (const e of events) rt.at(resolveTime(e.at, T0), () => play(e, r));
    // +22m: staff add a column of their own before 출고일시 (so it takes that column's date
    // format, not the plain text of the others, and a formula typed there is a formula) and fill
    // it with one.
    rt.at(min(22), () => {
      const person = new SheetUser(rt.world, rt.containerId!, demo.user);
      const header = (r.sheets.snapshot().find((s) => s.name === '주문')!.values[0] ?? []).map(String);
      const at = letter(header.indexOf('출고일시') + 1);
      person.insertColumns('주문', header.indexOf('출고일시') + 1);
      const rows = tabRows(r, '주문').length;
      rt.fireEdit(r.sheets.edit('주문', `${at}1`, [['담당']]));
      for (let row = 2; row <= rows + 1; row++) rt.fireEdit(r.sheets.edit('주문', `${at}${row}`, [['="김"&"담당"']]));
    });
    // In the run that ships the paste, just before each of its writes, the person types the
    // next of the three other parcels' carrier and number on their rows.
    const queue = TYPED_LATER.flatMap((i) => [
      { itemId: item(ORDER_IDS[i]!), column: '택배사', value: 'CJ대한통운' },
      { itemId: item(ORDER_IDS[i]!), column: '송장번호', value: number(i) },
    ]);
    rt.beforeCall(({ execution, name }) => {
      if (execution.function !== 'onSyncTick' || execution.start < min(24) || name !== 'SpreadsheetApp.Range.setValues') return;
      const next = queue.shift();
      if (!next) return;
      for (const edit of r.sheets.editRow('주문', { 품목주문번호: next.itemId }, { [next.column]: next.value })) rt.fireEdit(edit);
      typed.push({ ...next, at: rt.now() });
    });
    await rt.advanceTo(min(40));
    await rt.settle();
  }, 180_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('ran clean, and the person did type while the sync was writing', () => {
    expect(r.eventErrors).toEqual([]);
    expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
    const shipping = r.runtime.executions.find((x) => x.function === 'onSyncTick' && x.start >= min(24) && (x.roundTrips['SpreadsheetApp.Range.setValues'] ?? 0) > 0)!;
    expect(typed.length).toBeGreaterThanOrEqual(2);
    expect(typed.every((t) => t.at > shipping.start && t.at < shipping.end)).toBe(true);
  });

  it('keeps every carrier and number typed while it wrote, and ships those parcels with the next run', () => {
    const rows = tabRows(r, '주문');
    for (const t of typed) expect([t.itemId, String(rows.find((x) => x['품목주문번호'] === t.itemId)![t.column])]).toEqual([t.itemId, t.value]);
    const shippedAtMall = new Set(fakeRequests(r).filter((e) => e.method === 'POST' && /\/shipments$/.test(e.path)).map((e) => e.at));
    expect(shippedAtMall.size).toBeGreaterThan(0);
    for (const i of TYPED_LATER.filter((i) => typed.some((t) => t.itemId === item(ORDER_IDS[i]!) && t.column === '송장번호'))) {
      expect(rows.find((x) => x['품목주문번호'] === item(ORDER_IDS[i]!))!['출고일시']).toBeInstanceOf(Date);
    }
  });

  it('keeps the formulas of a column staff added, on the rows it rewrote and between them', () => {
    const tab = r.sheets.snapshot().find((s) => s.name === '주문')!;
    const header = tab.values[0]!.map(String);
    const col = header.indexOf('담당');
    const mine = tab.values.map((row, i) => ({ row: i, itemId: String(row[header.indexOf('품목주문번호')]) })).filter((x) => ORDER_IDS.some((o) => x.itemId === item(o)));
    expect(mine).toHaveLength(12);
    for (const x of mine) expect([x.itemId, tab.sheet.formulas[x.row]?.[col]]).toEqual([x.itemId, '="김"&"담당"']);
    // The shipped rows were rewritten: the mall's status and shipping time are on them.
    for (const i of SHIPPED) expect(tabRows(r, '주문').find((x) => x['품목주문번호'] === item(ORDER_IDS[i]!))!['출고일시']).toBeInstanceOf(Date);
  });
});

function letter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

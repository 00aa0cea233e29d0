import { paths } from '../../local/paths';
import { defaultSeed } from '../../local/fakes/cafe24';
import { defaultLatency, type LatencyModel } from '../../local/runtime/latency';
import { snapshotWorkbooks } from '../../local/runtime/services/spreadsheet';
import { openSandbox, play, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario, resolveTime } from '../../local/sandbox/scenario';
import { cafe24Only, demo, tabRows } from '../e2e';

/**
 * The orders tab stays small: on the built bundle in the local runtime, against the fake Cafe24.
 *
 * Sunday 29 November 2026, 02:20 KST: the add-on is installed on a sheet whose orders tab holds
 * last August's shipped rows (staff pasted them from an older sheet: the sync reads 7 days back),
 * and staff settle 2026-W32 and August from the sidebar. From 03:00 the night's archive pass
 * moves the finished, settled rows older than 3 months to "… 주문 보관 2026": the first try is
 * cut by the 6-minute limit right after copying (the book's flush outlasts it), and while the
 * next run deletes, a person sorts the orders tab. Then a buyer returns one archived order, staff
 * accept it and receive the goods; Monday 06:00's settlement credits the return, and the
 * reseller's sheet shows it, with the archived shipments still listed.
 */
const START = '2026-11-29T02:20:00+09:00';
const T0 = Date.parse(START);
const at = (iso: string) => `+${Math.round((Date.parse(iso) - T0) / 60_000)}m`;

/** PNR002's August mug order at the fake (the one returned later), shipped and delivered. */
const oldOrder = {
  shop_no: 1,
  currency: 'KRW',
  order_id: '20260805-2000001',
  market_id: 'self',
  member_id: null,
  billing_name: '팔월구매',
  payment_method: ['card'],
  paid: 'T',
  canceled: 'F',
  order_date: '2026-08-05T09:00:00+09:00',
  payment_date: '2026-08-05T09:00:00+09:00',
  payment_amount: '39000.00',
  order_place_id: 'cafe24',
  actual_order_amount: { order_price_amount: '39000.00', shipping_fee: '0.00', payment_amount: '39000.00' },
  items: [
    {
      shop_no: 1,
      item_no: 1,
      order_item_code: '20260805-2000001-01',
      product_no: 102,
      product_code: 'P00000A2',
      variant_code: 'P00000A2000A',
      custom_product_code: 'NJ-MUG',
      custom_variant_code: 'NJ-MUG',
      product_name: '수제 도자기 머그컵',
      option_value: '',
      product_price: '19500.00',
      option_price: '0.00',
      quantity: 2,
      supplier_id: 'S000000A',
      order_status: 'N40',
      shipping_code: 'D-20260805-2000001-00',
      tracking_no: '680000800001',
      shipping_company_code: '0006',
      shipping_company_name: 'CJ대한통운',
      ordered_date: '2026-08-05 09:00:00',
      shipped_date: '2026-08-05 17:00:00',
      delivered_date: '2026-08-06 12:00:00',
    },
  ],
  receivers: [{ name: '팔월구매', phone: '', cellphone: '010-8000-0001', zipcode: '06236', address1: '서울 팔월로 1', address2: '1호', shipping_message: '', shipping_code: 'D-20260805-2000001-00' }],
  buyer: { member_id: null, name: '팔월구매', email: '', phone: '', cellphone: '010-8000-0001' },
};
const seed = JSON.parse(JSON.stringify(defaultSeed)) as { malls: Array<{ mall_id: string; orders: unknown[] }> };
seed.malls.find((m) => m.mall_id === 'borasaeg')!.orders.push(oldOrder);

/** An orders-tab row as the sync writes it (조치필요 … 발주확인), shipped at `shipped` (Seoul). */
const row = (partnerId: string, orderId: string, qty: number, paid: string, shipped: string, receiver: string, status = '배송완료 (N40)') => [
  '', '', partnerId, orderId, `${orderId}-01`, paid, paid, 'NJ-MUG', '수제 도자기 머그컵', '', qty, 19_500 * qty, receiver, receiver, '010-8000-0000', '(06236) 서울 팔월로 1', '', status, 'CJ대한통운', `6800008${orderId.slice(-5)}`, shipped, false,
];
const OLD = [
  row('PNR002', '20260805-2000001', 2, '2026-08-05 09:00:00', '2026-08-05 17:00:00', '팔월구매'),
  row('PNR002', '20260806-2000002', 1, '2026-08-06 09:00:00', '2026-08-06 17:00:00', '하나구매'),
  row('PNR003', '20260804-3000001', 1, '2026-08-04 09:00:00', '2026-08-04 17:00:00', '둘구매'),
  // Week 2026-W33 is not settled: this row stays, old as it is.
  row('PNR003', '20260812-3000002', 1, '2026-08-12 09:00:00', '2026-08-12 17:00:00', '셋구매'),
  row('PNR001', '20260807-1000001', 3, '2026-08-07 09:00:00', '2026-08-07 17:00:00', '넷구매'),
];
const ARCHIVED = ['PNR001|20260807-1000001-01', 'PNR002|20260805-2000001-01', 'PNR002|20260806-2000002-01', 'PNR003|20260804-3000001-01'];
const RETURNED = '20260805-2000001-01';

const events = [
  { at: '+1m', type: 'edit', sheet: '주문', range: 'A2', values: OLD },
  ...cafe24Only(demo.events as Array<{ type: string; at: string; sheet?: string }>).filter((e) => ['edit', 'sidebar', 'authorize'].includes(e.type) && parseInt(e.at.slice(1), 10) <= 11),
  { at: '+15m', type: 'sidebar', function: 'runSettlement', args: ['2026-W32'] },
  { at: '+16m', type: 'sidebar', function: 'runSettlement', args: ['2026-08'] },
  // After the pass: the return of an archived order (it reaches the claims tab with the claim
  // dates read on the backstop, within the hour), accepted, then received as good.
  { at: at('2026-11-29T03:40:00+09:00'), type: 'channel', channel: 'cafe24', action: 'requestReturn', args: ['borasaeg', '20260805-2000001', { reason: '색이 바랬어요' }] },
  { at: at('2026-11-29T04:45:00+09:00'), type: 'editRow', sheet: '클레임', where: { 품목주문번호: RETURNED }, set: { 처리요청: '승인' } },
  { at: at('2026-11-29T05:00:00+09:00'), type: 'editRow', sheet: '클레임', where: { 품목주문번호: RETURNED }, set: { 입고일시: '2026-11-29 04:55', 분류: '정품', 처리요청: '입고확인' } },
  // A closed period settled again: its rows are in the archive now.
  { at: at('2026-11-29T05:15:00+09:00'), type: 'sidebar', function: 'runSettlement', args: ['2026-W32'] },
];

type Grid = unknown[][];
const keyOf = (header: unknown[], r: unknown[]) => `${String(r[header.indexOf('파트너ID')])}|${String(r[header.indexOf('품목주문번호')])}`;
const byKey = (g: Grid) => new Map(g.slice(1).filter((r) => r.some((c) => String(c ?? '') !== '')).map((r) => [keyOf(g[0]!, r), JSON.stringify(r)]));

describe('the archive pass: old, settled rows move to the year\'s book; a return on one is still credited', () => {
  let r: SandboxResult;
  const armed = new Set<string>();
  let sortedAt: number | null = null;
  let before: Map<string, string> | null = null;
  let afterPass: Map<string, string> | null = null;
  const latency: LatencyModel = {
    httpRoundTripMs: defaultLatency.httpRoundTripMs,
    cost(call) {
      if (armed.delete(call.name)) return 6 * 60_000;
      return defaultLatency.cost(call);
    },
  };
  const orders = (): Grid => r.sheets.snapshot().find((s) => s.name === '주문')!.values as Grid;
  const book = () => snapshotWorkbooks(r.runtime.world).find((w) => / 주문 보관 2026$/.test(w.name));

  beforeAll(async () => {
    const s = parseScenario({ ...demo, start: START, duration: '28h', relay: false, channels: { cafe24: seed }, events });
    r = await openSandbox(s, { bundleDir: paths.build, latency });
    let cut = false;
    r.runtime.beforeCall(({ name }) => {
      // The first book made: its flush (rows copied, nothing deleted yet) outlasts the run.
      if (name === 'SpreadsheetApp.create' && !cut) {
        cut = true;
        armed.add('SpreadsheetApp.flush');
      }
      // The next run's first delete: a person sorts the orders tab just before it.
      if (name === 'SpreadsheetApp.Sheet.deleteRows' && cut && sortedAt === null) {
        sortedAt = r.runtime.now();
        r.sheets.sort('주문', '수령인', false);
      }
    });
    for (const e of s.events) r.runtime.at(resolveTime(e.at, T0), () => play(e, r));
    r.runtime.at(Date.parse('2026-11-29T02:59:00+09:00'), () => void (before = byKey(orders())));
    r.runtime.at(Date.parse('2026-11-29T03:30:00+09:00'), () => void (afterPass = byKey(orders())));
    await r.runtime.advanceTo(r.end);
    await r.runtime.settle();
    expect(r.eventErrors).toEqual([]);
  }, 600_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  it('ran without errors but the one run cut at 6 minutes', () => {
    const killed = r.runtime.executions.filter((x) => x.killed);
    expect(killed).toHaveLength(1);
    expect(killed[0]!.function).toBe('onSyncTick');
    expect(r.runtime.executions.filter((x) => !x.killed).flatMap((x) => x.errors)).toEqual([]);
  });

  it('moved the finished, settled rows older than 3 months, once each, under the same header, and linked the book', () => {
    const b = book();
    expect(b).toBeDefined();
    const grid = b!.sheets[0]!.values as Grid;
    expect(grid[0]).toEqual(orders()[0]);
    const keys = grid.slice(1).map((x) => keyOf(grid[0]!, x));
    expect([...keys].sort()).toEqual(ARCHIVED);
    const note = r.sheets.book()!.sheets.find((s) => s.name === '주문')!.notes[0]![0]!;
    expect(note).toContain(`주문 보관 2026년: ${b!.url}`);
  });

  it('a cut pass resumed without loss or duplicates, and the sort between its read and its deletes moved no wrong row', () => {
    expect(sortedAt).not.toBeNull();
    const left = new Map([...before!].filter(([k]) => !ARCHIVED.includes(k)));
    expect([...afterPass!.keys()].sort()).toEqual([...left.keys()].sort());
    for (const [k, cells] of left) expect(afterPass!.get(k)).toBe(cells);
    expect(tabRows(r, '로그').some((x) => /되돌렸습니다/.test(String(x['내용'])))).toBe(true);
  });

  it('keeps the old row of an unsettled week on the live tab', () => {
    expect(byKey(orders()).has('PNR003|20260812-3000002-01')).toBe(true);
  });

  it('a re-run of an archived week reads the book: the same figures, nothing added to the ledger', () => {
    const rerun = r.calls.filter((c) => c.function === 'runSettlement' && (c.args as string[])[0] === '2026-W32');
    expect(rerun).toHaveLength(2);
    const [first, second] = rerun.map((c) => c.record.result as { ledgerEntriesAdded: number; rows: Array<{ partnerId: string; units: unknown; wholesale: unknown }> });
    expect(second!.ledgerEntriesAdded).toBe(0);
    expect(second!.rows.map((x) => [x.partnerId, x.units, x.wholesale])).toEqual(first!.rows.map((x) => [x.partnerId, x.units, x.wholesale]));
    expect(first!.rows.find((x) => x.partnerId === 'PNR002')).toMatchObject({ units: 3, wholesale: 21_000 });
  });

  it('the return on an archived order is credited in Monday\'s settlement and shown in the reseller\'s sheet', () => {
    const claim = tabRows(r, '클레임').find((x) => x['품목주문번호'] === RETURNED)!;
    expect(claim['파트너 차감액']).toBe(14_000);
    const week = tabRows(r, '정산').find((x) => x['파트너ID'] === 'PNR002' && x['정산기간'] === '2026-W48')!;
    expect(week['반품차감']).toBe(14_000);
    const reseller = snapshotWorkbooks(r.runtime.world).find((w) => w.name === '보라색 정산 시트')!;
    const weekly = reseller.sheets.find((s) => s.name === '주간 정산')!.values as Grid;
    expect(weekly.find((x) => x[0] === '2026-W48')?.[5]).toBe(14_000);
    const shipped = reseller.sheets.find((s) => s.name === '출고 내역')!.values as Grid;
    // Both August shipments are listed: one read from the archive book, one back on the live tab
    // (or archived again the next night, its status then 반품완료).
    expect(shipped.map((x) => x[2])).toEqual(expect.arrayContaining(['20260806-2000002-01', RETURNED]));
  });
});

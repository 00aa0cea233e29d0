import { paths } from '../../local/paths';
import { runScenario, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario } from '../../local/sandbox/scenario';
import demo from '../../local/sandbox/scenarios/demo.json';
import { cafe24Only } from '../e2e';

/**
 * The sync's rules, end to end: the built bundle in the local Apps Script runtime against the
 * fake Cafe24, with staff working in the sheet while it runs. The setup is the demo's morning:
 * three partners, three connected malls, four products, ratios (NJ-MUG at 60/30/30).
 */
const setup = cafe24Only(demo.events as Array<{ type: string; sheet?: string }>).filter((e) => ['edit', 'sidebar', 'authorize'].includes(e.type));
const MUG = { najalran: 'P000000N000A', borasaeg: 'P00000A2000A', undercoco: 'P0000008000A' } as const;

interface LogEntry {
  at: number;
  mall: string | null;
  method: string;
  path: string;
  status: number;
}

async function run(duration: string, events: unknown[], more: Record<string, unknown> = {}): Promise<SandboxResult> {
  return runScenario(parseScenario({ ...demo, name: 'sync', duration, events: [...setup, ...events], ...more }), { bundleDir: paths.build });
}

function grid(r: SandboxResult, name: string): unknown[][] {
  return r.sheets.snapshot().find((s) => s.name === name)!.values as unknown[][];
}

function rowsOf(r: SandboxResult, name: string): Array<Record<string, unknown>> {
  const [header, ...rows] = grid(r, name);
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i]])));
}

function inventoryPuts(r: SandboxResult, from: number, to = Infinity): LogEntry[] {
  return (r.channels.get('cafe24')!.requestLog() as LogEntry[]).filter((e) => e.method === 'PUT' && e.path.endsWith('/inventories') && e.at >= from && e.at < to);
}

const T0 = Date.parse(demo.start);
const min = (m: number) => T0 + m * 60_000;

describe('the sync keeps the malls in step', () => {
  const opened: SandboxResult[] = [];
  afterAll(async () => {
    for (const r of opened) await r.runtime.close();
  });
  const go = async (duration: string, events: unknown[], more: Record<string, unknown> = {}) => {
    const r = await run(duration, events, more);
    opened.push(r);
    expect(r.eventErrors).toEqual([]);
    expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
    return r;
  };

  it('sends a warehouse stock edit to every mall selling that SKU within the next run, and nothing unchanged', async () => {
    const r = await go('40m', [{ at: '+30m', type: 'edit', sheet: '상품', range: 'G2', values: [[200]] }]);
    // Quiet between the first pushes and the edit: nothing changed, nothing sent.
    expect(inventoryPuts(r, min(20), min(30))).toEqual([]);
    const after = inventoryPuts(r, min(30), min(32));
    expect(after.map((e) => e.path.split('/').slice(-2, -1)[0]).sort()).toEqual(Object.values(MUG).sort());
    const mug = rowsOf(r, '연동재고율').filter((x) => x.SKU === 'NJ-MUG');
    // 200 − 2 safety − reserved, × ratio × 100/120 (the guard), floored.
    expect(mug.map((x) => x['전송재고'])).toEqual(mug.map((x) => Number(String(x['계산근거']).split('= ').pop())));
    expect(Number(mug.find((x) => x['파트너ID'] === 'PNR002')!['전송재고'])).toBeGreaterThan(40);
  });

  it('reserves the units of a new order and releases them when the mall cancels it', async () => {
    const r = await go('60m', [
      { at: '+40m', type: 'channel', channel: 'cafe24', action: 'addOrder', args: ['borasaeg', { buyer: { name: '최다섯' }, items: [{ product_no: 102, quantity: 12 }] }] },
      { at: '+45m', type: 'channel', channel: 'cafe24', action: 'adminCancel', args: ['borasaeg', '20261123-0000001'] },
    ]);
    const pushes = (from: number, to: number) => inventoryPuts(r, from, to).filter((e) => e.mall === 'najalran');
    // Own mall's MUG share moves down when the order is collected, and back up after the cancel.
    expect(pushes(min(40), min(42)).length).toBe(1);
    expect(pushes(min(45), min(47)).length).toBe(1);
    const order = rowsOf(r, '주문').find((x) => x['주문번호'] === '20261123-0000001' && x['파트너ID'] === 'PNR002')!;
    expect(String(order['주문상태'])).toMatch(/^(환불완료|취소완료)/);
    const mug = rowsOf(r, '연동재고율').find((x) => x.SKU === 'NJ-MUG' && x['파트너ID'] === 'PNR001')!;
    expect(String(mug['계산근거'])).not.toMatch(/− 1\d 예약/);
  });

  it("sees a claim on an order paid on an earlier day (read by the claim's own date, in turn, on the backstop)", async () => {
    // Claim dates are read on the backstop, one type each 10 minutes: all six within the hour.
    const r = await go('80m', [{ at: '+15m', type: 'channel', channel: 'cafe24', action: 'requestCancel', args: ['borasaeg', '20261122-0000002'] }]);
    const row = rowsOf(r, '주문').find((x) => x['주문번호'] === '20261122-0000002')!;
    // Seen, and (the item not shipped) accepted at once by the default auto-accept; the reseller
    // refunds its own customer (C41, not C40).
    expect(String(row['주문상태'])).toBe('취소완료 (C41)');
    expect(rowsOf(r, '클레임').find((x) => x['주문번호'] === '20261122-0000002')).toMatchObject({ 유형: '취소', 클레임상태: '취소완료 (C41)' });
  });

  it('marks rows with bad cells and goes on with the others', async () => {
    const r = await go('25m', [
      // Typed one by one, validation would refuse these; pasted as a block, Sheets lets them in.
      { at: '+15m', type: 'edit', sheet: '연동재고율', range: 'D3', values: [['abc'], [150]] },
      { at: '+15m', type: 'edit', sheet: '상품', range: 'A6', values: [['NJ-MUG', '중복 머그', '', '', 7000, 19000, 10, 0, '판매중']] },
      { at: '+15m', type: 'edit', sheet: '상품', range: 'A7', values: [['NJ-BOARD-1', '원목 도마 소', '', '', 13000, 30000, -3, 0, '판매중']] },
    ]);
    const products = rowsOf(r, '상품');
    expect(products.filter((x) => x.SKU === 'NJ-MUG').map((x) => x['처리결과'])).toEqual([expect.stringMatching(/여러 행/), expect.stringMatching(/여러 행/)]);
    expect(String(products.find((x) => x.SKU === 'NJ-BOARD-1')!['처리결과'])).toMatch(/음수|0 이상/);
    const ratios = rowsOf(r, '연동재고율');
    expect(String(ratios[1]!['처리결과'])).toMatch(/숫자가 아닙니다/);
    expect(String(ratios[2]!['처리결과'])).toMatch(/0~100/);
    // The apron keeps being served.
    expect(ratios.find((x) => x.SKU === 'NJ-APRON-1' && x['파트너ID'] === 'PNR001')!['전송재고']).toBeGreaterThan(0);
  });

  it('finds rows by key while staff sort the orders tab and insert rows in the middle of a run', async () => {
    const orders = Array.from({ length: 6 }, (_, i) => ({
      at: '+40m',
      type: 'channel',
      channel: 'cafe24',
      action: 'addOrder',
      args: [['najalran', 'borasaeg', 'undercoco'][i % 3], { buyer: { name: `구매자${i}` }, receiver: { name: `수령인${i}`, shipping_message: `메시지${i}` }, items: [{ product_no: [13, 102, 8][i % 3] }] }],
    }));
    // Sorts and inserts spread over the seconds after the next tick (which, on the exact trigger
    // timing this spec asks for, starts some 10-20 s into the minute, depending on how long setup
    // took, each execution's loading of the script included), so some land between its calls.
    // Twice: quiet malls are read every second minute, so the run that reads them is at +40m or +41m.
    const busy = [40, 41].flatMap((m) =>
      Array.from({ length: 48 }, (_, i) => 0.35 + i * 0.3).flatMap((s, i) => [
        { at: `+${m}m${(10 + s).toFixed(2)}s`, type: 'sort', sheet: '주문', column: i % 2 ? '결제일시' : '수령인', ascending: i % 3 === 0 },
        { at: `+${m}m${(10 + s + 0.05).toFixed(2)}s`, type: 'insertRows', sheet: '주문', before: 3, count: 1 },
      ]),
    );
    const r = await go('50m', [...orders, ...busy], { triggerTiming: { mode: 'exact' } });
    // The test means something only if staff did act while the run that wrote the orders was under way.
    const writer = r.runtime.executions.find((x) => x.function === 'onSyncTick' && x.start > min(40) && (x.roundTrips['SpreadsheetApp.Range.setValues'] ?? 0) > 0)!;
    const during = busy.map((e) => /^\+(\d+)m([\d.]+)s$/.exec(e.at)!).map(([, m, sec]) => min(Number(m)) + Number(sec) * 1000).filter((t) => t > writer.start && t < writer.end);
    expect(during.length).toBeGreaterThanOrEqual(4);
    const rows = rowsOf(r, '주문').filter((x) => x['품목주문번호'] !== '');
    const keys = rows.map((x) => `${x['파트너ID']}|${x['품목주문번호']}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.filter((x) => String(x['수령인']).startsWith('수령인'))).toHaveLength(6);
    // Every row's cells belong together: the item is of its order, the message of its receiver.
    for (const x of rows) expect(String(x['품목주문번호']).startsWith(String(x['주문번호']))).toBe(true);
    for (const x of rows.filter((y) => String(y['수령인']).startsWith('수령인'))) {
      expect(String(x['배송메시지'])).toBe(`메시지${String(x['수령인']).slice(3)}`);
    }
  });
});

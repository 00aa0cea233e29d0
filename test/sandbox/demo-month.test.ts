import * as path from 'node:path';
import { paths } from '../../local/paths';
import { runScenario, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario, readScenarioFile } from '../../local/sandbox/scenario';

/**
 * A month of the demo, end to end on the built bundle (local/sandbox/scenarios/demo-month.json):
 * the demo's Monday, then the minute sync for 30 days, with a few orders and a return. The weeks
 * settle by themselves on Mondays from 06:00; November is settled on 1 December by staff (the
 * add-on began on the 23rd, so the sync leaves the month to them); the resellers' sheets show the
 * closed month and the weeks. About 43,000 executions: minutes of wall time (README, Bench).
 */
const MONTH = path.join(__dirname, '../../local/sandbox/scenarios/demo-month.json');
const MUG_WHOLESALE = 7_000; // NJ-MUG's 도매가 in the demo's products tab
const FEE_PER_UNIT = 2_500; // 개당 배송비 of both resellers in the demo's partners tab

type Row = Record<string, unknown>;

describe('a month of the demo', () => {
  let result: SandboxResult;
  let wallMs = 0;
  beforeAll(async () => {
    const t = Date.now();
    result = await runScenario(parseScenario(readScenarioFile(MONTH)), { bundleDir: paths.build });
    wallMs = Date.now() - t;
    // The figure README's bench section quotes.
    console.log(`demo-month: ${result.runtime.executions.length} executions in ${(wallMs / 1000).toFixed(0)} s of wall time`);
  }, 3_600_000);
  afterAll(async () => result && (await result.runtime.close()));

  const rowsOf = (tabs: ReadonlyArray<{ name: string; values: unknown[][] }>, name: string): Row[] => {
    const [h, ...rest] = tabs.find((s) => s.name === name)!.values;
    return rest.map((r) => Object.fromEntries(h!.map((k, i) => [String(k), r[i]])));
  };
  const rows = (name: string) => rowsOf(result.sheets.snapshot(), name);
  const statement = (partnerId: string, period: string) => rows('정산').find((r) => r['파트너ID'] === partnerId && r['정산기간'] === period);

  it('runs the minute sync for 30 days, past the month end, without a failed execution', () => {
    const ticks = result.runtime.executions.filter((x) => x.function === 'onSyncTick');
    expect(ticks.length).toBeGreaterThan(29 * 1440);
    expect(ticks.at(-1)!.start).toBeGreaterThan(Date.parse('2026-12-23T08:00:00+09:00'));
    expect(result.runtime.executions.filter((x) => x.errors.length > 0)).toEqual([]);
    expect(result.eventErrors).toEqual([]);
  });

  it("settles 2026-W48 by itself on Monday from 06:00: a reseller's shipments at wholesale, its returns credited", () => {
    // Nobody asked for W48: the sync ran it (the scenario's sidebar settles only W47 and November).
    expect(result.calls.filter((c) => c.function === 'runSettlement').map((c) => c.args)).toEqual([['2026-W47'], ['2026-11']]);
    // 보라색: one mug shipped on the 23rd and two on the 24th; the 23rd's came back (수선) and the
    // 24th's two (정품): all credited at wholesale.
    expect(statement('PNR002', '2026-W48')).toMatchObject({ 출고수량: 3, 도매금액: 3 * MUG_WHOLESALE, 반품차감: 3 * MUG_WHOLESALE });
    // 언더코코: one mug on the 24th, with its 5% incentive.
    expect(statement('PNR003', '2026-W48')).toMatchObject({ 출고수량: 1, 도매금액: MUG_WHOLESALE, 영업장려금: MUG_WHOLESALE * 0.05 });
    // Both run by the sync at 06:00 on Monday 30 November.
    for (const p of ['PNR002', 'PNR003']) expect(String(statement(p, '2026-W48')!['처리결과'])).toMatch(/^✓ 11-30 06:0\d 정산 원장 반영/);
    const ledger = rows('원장');
    const w48 = (p: string) => ledger.filter((r) => r['파트너ID'] === p && String(r['전표키']).startsWith(`${p}:2026-W48:`)).map((r) => [r['구분'], r['금액']]);
    expect(w48('PNR002')).toEqual([
      ['주간 정산', -3 * MUG_WHOLESALE],
      ['반품 공제', 3 * MUG_WHOLESALE],
      ['영업 장려금', 3 * MUG_WHOLESALE * 0.05],
    ]);
    expect(w48('PNR003')).toEqual([
      ['주간 정산', -MUG_WHOLESALE],
      ['영업 장려금', MUG_WHOLESALE * 0.05],
    ]);
    for (const r of ledger) expect(Number.isInteger(r['금액'])).toBe(true);
  });

  it("settles November on 1 December: each reseller's units shipped in the month times its fee per unit, in whole won", () => {
    expect(statement('PNR002', '2026-11')).toMatchObject({ '월 출고수량': 3, 배송비: 3 * FEE_PER_UNIT });
    expect(statement('PNR003', '2026-11')).toMatchObject({ '월 출고수량': 1, 배송비: FEE_PER_UNIT });
    const fees = rows('원장').filter((r) => r['구분'] === '배송비' && String(r['전표키']).includes('2026-11'));
    expect(fees.map((r) => [r['파트너ID'], r['금액']]).sort()).toEqual([
      ['PNR002', -3 * FEE_PER_UNIT],
      ['PNR003', -FEE_PER_UNIT],
    ]);
  });

  it('settles the weeks of December by itself on the Mondays after, and nothing for a week with nothing shipped', () => {
    // 보라색's two mugs shipped on 2 December (W49), 언더코코's one on the 10th (W50).
    expect(statement('PNR002', '2026-W49')).toMatchObject({ 출고수량: 2, 도매금액: 2 * MUG_WHOLESALE, 반품차감: 0, 영업장려금: 2 * MUG_WHOLESALE * 0.05 });
    expect(statement('PNR003', '2026-W50')).toMatchObject({ 출고수량: 1, 도매금액: MUG_WHOLESALE, 영업장려금: MUG_WHOLESALE * 0.05 });
    expect(String(statement('PNR002', '2026-W49')!['처리결과'])).toMatch(/^✓ 12-07 06:0\d 정산 원장 반영/);
    expect(String(statement('PNR003', '2026-W50')!['처리결과'])).toMatch(/^✓ 12-14 06:0\d 정산 원장 반영/);
    // Nobody shipped in W51: no statement, no ledger line, though the sync checked on the 21st.
    expect(rows('정산').filter((r) => r['정산기간'] === '2026-W51')).toEqual([]);
    expect(rows('원장').filter((r) => String(r['전표키']).includes('2026-W51'))).toEqual([]);
    // Each week's ledger lines were written once, however many minutes ran after its Monday.
    const keys = rows('원장').map((r) => String(r['전표키']));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("shows the closed month and the weeks in each reseller's own sheet, with the balance they leave", () => {
    const books = result.sheets.createdSpreadsheets();
    const tab = (book: string, name: string) => rowsOf(books.find((b) => b.name === book)!.tabs, name);
    // 보라색: the 500,000 it paid on the 23rd, W48 (−21,000 + 21,000 credited + 1,050), November's
    // fees (−7,500), W49 (−14,000 + 700).
    expect(tab('보라색 정산 시트', '월 배송비').map((r) => [r['정산기간'], r['월 출고수량'], r['배송비']])).toEqual([['2026-11', 3, 3 * FEE_PER_UNIT]]);
    expect(tab('보라색 정산 시트', '원장').map((r) => r['구분'])).toEqual(expect.arrayContaining(['반품 공제', '배송비']));
    expect(tab('보라색 정산 시트', '주간 정산').map((r) => r['정산기간'])).toEqual(['2026-W48', '2026-W49']);
    expect(tab('보라색 정산 시트', '요약').find((r) => r['항목'] === '현재 잔액')!['내용']).toBe(500_000 + 1_050 - 3 * FEE_PER_UNIT - 2 * MUG_WHOLESALE + 700);
    // 언더코코, on credit: W48 (−7,000 + 350), November's fee (−2,500), W50 (−7,000 + 350).
    expect(tab('언더코코 정산 시트', '월 배송비').map((r) => [r['정산기간'], r['월 출고수량'], r['배송비']])).toEqual([['2026-11', 1, FEE_PER_UNIT]]);
    expect(tab('언더코코 정산 시트', '요약').find((r) => r['항목'] === '현재 잔액')!['내용']).toBe(2 * (-MUG_WHOLESALE + 350) - FEE_PER_UNIT);
    expect(tab('언더코코 정산 시트', '주간 정산').map((r) => r['정산기간'])).toEqual(['2026-W47', '2026-W48', '2026-W50']);
  });
});

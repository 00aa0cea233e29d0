import type { SandboxResult } from '../../local/sandbox/run';
import { demoMorning, runClean, tabRows } from '../e2e';

/**
 * Stock cover on the products tab, end to end on the built bundle: a sale that only moves the
 * days waits for the day's refresh (the first stock run of each Seoul day), a product that
 * crosses its reorder point is marked at once, and after midnight every figure is brought up to
 * date. NJ-MUG: 20 in the warehouse, 2 safety, a lead time of 35 days, 4 sold in the last 14
 * days (the fake mall's own orders); orders of one each at 23:35, 23:42 and 00:10.
 */
const order = (at: string) => ({ at, type: 'channel', channel: 'cafe24', action: 'addOrder', args: ['najalran', { buyer: { name: '커버' }, items: [{ product_no: 13 }] }] });

describe('stock cover through a night', () => {
  let r: SandboxResult;
  beforeAll(async () => {
    r = await runClean({
      name: 'stock cover',
      start: '2026-11-23T23:20:00+09:00',
      duration: '60m',
      events: [
        ...demoMorning(),
        { at: '+12m', type: 'editRow', sheet: '상품', where: { SKU: 'NJ-MUG' }, set: { 물류재고: 20, '리드타임(일)': 35 } },
        { at: '+14m', type: 'checkpoint', name: 'before' },
        order('+15m'),
        { at: '+19m', type: 'checkpoint', name: 'one-sale' },
        order('+22m'),
        { at: '+26m', type: 'checkpoint', name: 'two-sales' },
        order('+50m'),
      ],
    });
  }, 180_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  const mugAt = (checkpoint: string | null) => {
    const files = checkpoint === null ? null : r.checkpoints.find((c) => c.name === checkpoint)!.files;
    const values = files
      ? (JSON.parse(String(files.find((f) => f.name === 'workbook.json')!.data)).sheets as Array<{ name: string; values: unknown[][] }>).find((s) => s.name === '상품')!.values
      : r.sheets.snapshot().find((s) => s.name === '상품')!.values;
    const [h, ...rows] = values;
    const row = rows.find((x) => x[h!.indexOf('SKU')] === 'NJ-MUG')!;
    return { days: row[h!.indexOf('재고일수')], point: row[h!.indexOf('발주점')], reorder: String(row[h!.indexOf('발주필요')]) };
  };

  it('leaves a sale that only moves the days for the day refresh', () => {
    // 15 left at 5 sold would be 42 days, above the reorder point ⌈5 × 35 / 14⌉ = 13: not written within the day.
    expect(mugAt('one-sale')).toEqual(mugAt('before'));
    expect(mugAt('before')).toMatchObject({ point: expect.any(Number), reorder: '' });
  });

  it('marks a product crossing its reorder point at once', () => {
    // 14 left, 6 sold: 32 days; the reorder point ⌈6 × 35 / 14⌉ = 15.
    expect(mugAt('two-sales')).toEqual({ days: 32, point: 15, reorder: '발주 필요: 가용 14개 ≤ 발주점 15개 (14일 6개 판매, 리드타임 35일)' });
  });

  it('brings every figure up to date with the first stock run after midnight', () => {
    // Still below its reorder point (no crossing): written by the day's refresh. 13 left, 7 sold.
    expect(mugAt(null)).toEqual({ days: 26, point: 18, reorder: '발주 필요: 가용 13개 ≤ 발주점 18개 (14일 7개 판매, 리드타임 35일)' });
    expect(tabRows(r, '주문').filter((x) => x['SKU'] === 'NJ-MUG' && x['주문자'] === '커버')).toHaveLength(3);
  });
});

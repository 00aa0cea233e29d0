import type { SandboxResult } from '../../local/sandbox/run';
import { ORDERS } from '../../src/sheet/tabs';
import { demoMorning, runClean, tabRows } from '../e2e';

/**
 * A sheet set up before 조치필요 and 처리결과 led the orders tab (they were its last columns) and
 * before the products tab had its stock cover columns keeps working: rows are found by key and
 * columns by header, so the sync writes each value under its own header, setup adds only the
 * missing columns at the right end, and no column is duplicated. The built bundle in the local
 * runtime against the fake Cafe24.
 */
const OLD_ORDERS_HEADER = [...ORDERS.columns.filter((c) => c.key !== 'todo' && c.key !== 'status').map((c) => c.label.ko), '조치필요', '처리결과'];
const OLD_PRODUCTS_HEADER = ['SKU', '상품명', '옵션', '바코드', '도매가', '권장소비자가', '물류재고', '안전재고', '판매상태', '전송상태', '수정시각', '처리결과'];

describe('an orders tab in the old column order, a products tab without stock cover', () => {
  let r: SandboxResult;
  beforeAll(async () => {
    r = await runClean({
      name: 'old layout',
      duration: '40m',
      spreadsheet: {
        name: '분양몰 운영',
        sheets: [
          { name: '주문', values: [OLD_ORDERS_HEADER] },
          { name: '상품', values: [OLD_PRODUCTS_HEADER] },
        ],
      },
      events: [
        ...demoMorning(),
        { at: '+15m', type: 'channel', channel: 'cafe24', action: 'addOrder', args: ['najalran', { buyer: { name: '옛시트' }, receiver: { name: '옛시트' }, items: [{ product_no: 13 }] }] },
        { at: '+25m', type: 'editRow', sheet: '주문', where: { 수령인: '옛시트' }, set: { 택배사: 'CJ대한통운', 송장번호: '680123450001' } },
      ],
    });
  }, 180_000);
  afterAll(async () => {
    await r?.runtime.close();
  });

  const header = (name: string) => (r.sheets.snapshot().find((s) => s.name === name)!.values[0] ?? []).map(String);

  it('keeps the orders columns where they were, each header once', () => {
    expect(header('주문')).toEqual(OLD_ORDERS_HEADER);
  });

  it('writes 조치필요 in its old place, and clears it once the parcel has shipped', () => {
    const rows = tabRows(r, '주문');
    const mine = rows.find((x) => x['수령인'] === '옛시트')!;
    expect(mine).toMatchObject({ 조치필요: '', 택배사: 'CJ대한통운', 송장번호: '680123450001' });
    expect(String(mine['처리결과'])).toMatch(/^✓ .*출고 전송/);
    expect(String(mine['주문상태'])).toMatch(/^배송/);
    // Every order row the sync wrote has its partner and item in their own columns.
    expect(rows.every((x) => /^PNR00\d$/.test(String(x['파트너ID'])) && /^\d{8}-\d{7}-\d{2}$/.test(String(x['품목주문번호'])))).toBe(true);
  });

  it('adds the stock cover columns at the right end of the old products tab, and fills them', () => {
    expect(header('상품')).toEqual([...OLD_PRODUCTS_HEADER, '리드타임(일)', '재고일수', '발주점', '발주필요']);
    const mug = tabRows(r, '상품').find((x) => x['SKU'] === 'NJ-MUG')!;
    expect(typeof mug['발주점']).toBe('number');
  });
});

/**
 * The products tab's stock cover cells: what is read from the tabs, and when the figures are
 * written (a write of the products tab is round trips a run would not otherwise make).
 */
import { countAtReorderPointInTab, coverToWrite, leadTimeOfCell } from '../../src/sheet/stock-cover';
import { PRODUCTS } from '../../src/sheet/tabs';

const shown = (cells: Record<string, unknown>) => (k: string) => cells[k] ?? '';
const all = () => true;

describe('when stock cover figures are written', () => {
  const was = { daysLeft: 40, reorderPoint: 3, reorder: '' };
  const now = { daysLeft: 38, reorderPoint: 3, reorder: '' };

  test('once a day, every figure that changed', () => {
    expect(coverToWrite(shown(was), now, { refreshAll: true, rowWritten: false, has: all })).toEqual({ daysLeft: 38 });
  });

  test('within the day, a sale that only moves the days is left for the next day', () => {
    expect(coverToWrite(shown(was), now, { refreshAll: false, rowWritten: false, has: all })).toEqual({});
  });

  test('within the day, a product crossing its reorder point is written at once, and one leaving it too', () => {
    const due = { daysLeft: 2, reorderPoint: 3, reorder: '발주 필요: 가용 2개 ≤ 발주점 3개 (…)' };
    expect(coverToWrite(shown(was), due, { refreshAll: false, rowWritten: false, has: all })).toEqual({ daysLeft: 2, reorder: due.reorder });
    expect(coverToWrite(shown(due), was, { refreshAll: false, rowWritten: false, has: all })).toEqual({ daysLeft: 40, reorder: '' });
  });

  test('a row whose 처리결과 is written anyway takes its figures along', () => {
    expect(coverToWrite(shown(was), now, { refreshAll: false, rowWritten: true, has: all })).toEqual({ daysLeft: 38 });
  });

  test('a sheet without the columns (setup not run since) gets nothing', () => {
    expect(coverToWrite(shown({}), now, { refreshAll: true, rowWritten: true, has: () => false })).toEqual({});
  });
});

describe('cells read', () => {
  test('a lead time is whole days; blank or unreadable is the default, with why', () => {
    expect(leadTimeOfCell('')).toEqual({ days: null });
    expect(leadTimeOfCell(10)).toEqual({ days: 10 });
    expect(leadTimeOfCell('14일')).toEqual({ days: 14 });
    expect(leadTimeOfCell('두 주')).toEqual({ days: null, problem: expect.stringContaining('기본값') });
  });

  test('the count for 오늘 할 일: product rows marked 발주 필요', () => {
    const header = PRODUCTS.columns.map((c) => c.label.ko);
    const row = (sku: string, reorder: string) => PRODUCTS.columns.map((c) => (c.key === 'sku' ? sku : c.key === 'reorder' ? reorder : ''));
    expect(countAtReorderPointInTab([header, row('A', '발주 필요: 가용 0개 ≤ 발주점 0개'), row('B', ''), row('', '발주 필요: …'), row('C', '발주 필요: 가용 1개 ≤ 발주점 2개')])).toBe(2);
    expect(countAtReorderPointInTab([])).toBe(0);
  });
});

/**
 * Stock cover: days of stock left at the last 14 days' pace, and a reorder point from the lead
 * time (seed 003: 200 a day with 40 left is trouble when making more takes longer).
 */
import { ORDER_LINE_STATUSES, type OrderLineStatus } from '../../src/core/order';
import { countAtReorderPoint, DEFAULT_LEAD_TIME_DAYS, stockCover, unitsSold, type SoldLine } from '../../src/core/stock-cover';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-04T09:00:00+09:00');
const sold = (sku: string, quantity: number, daysAgo: number, status: OrderLineStatus = 'delivered'): SoldLine => ({ sku, quantity, status, paidAt: NOW - daysAgo * DAY });
const item = (sku: string, available: number, leadTimeDays: number | null = null, discontinued = false) => ({ sku, available, leadTimeDays, discontinued });

describe('the pace: units sold in the last 14 days', () => {
  test('counts lines paid within the 14 days before now, per SKU', () => {
    const lines = [sold('A', 3, 0), sold('A', 2, 13.9), sold('A', 7, 14), sold('A', 5, 20), sold('B', 1, 1), sold('A', 1, -1)];
    expect(unitsSold(lines, NOW)).toEqual(new Map([['A', 5], ['B', 1]]));
  });

  const COUNTED: OrderLineStatus[] = ['paid', 'preparing', 'standby', 'shipping', 'delivered', 'cancelRequested', 'exchangeRequested', 'exchanged'];
  const NOT_COUNTED: OrderLineStatus[] = ['returnRequested', 'returned', 'cancelled', 'refunded'];
  test.each(COUNTED)('a %s line is a sale', (status) => expect(unitsSold([sold('A', 2, 1, status)], NOW).get('A')).toBe(2));
  test.each(NOT_COUNTED)('a %s line is not (the sale did not hold)', (status) => expect(unitsSold([sold('A', 2, 1, status)], NOW).has('A')).toBe(false));
  test('every order status is decided one way or the other', () => {
    expect([...COUNTED, ...NOT_COUNTED].sort()).toEqual([...ORDER_LINE_STATUSES].sort());
  });

  test('a line without a paid time or a SKU is left out', () => {
    expect(unitsSold([{ sku: 'A', quantity: 2, status: 'paid', paidAt: null }, { sku: '', quantity: 2, status: 'paid', paidAt: NOW }], NOW)).toEqual(new Map());
  });
});

describe('days of cover and the reorder point', () => {
  test("seed 003's example: 40 left at 200 a day is 0 days; the reorder point is a week of sales", () => {
    const [c] = stockCover([item('A', 40)], [sold('A', 200 * 14, 1)], NOW);
    expect(c).toEqual({ sku: 'A', available: 40, soldUnits: 2800, daysLeft: 0, leadTimeDays: DEFAULT_LEAD_TIME_DAYS, reorderPoint: 1400, reorder: true });
  });

  test('available ÷ (sold ÷ 14), rounded down; the reorder point rounded up', () => {
    // 10 sold in 14 days: 5/7 a day. 30 available last 42 days; a 10-day lead time needs ⌈7.14⌉ = 8.
    const [c] = stockCover([item('A', 30, 10)], [sold('A', 4, 2), sold('A', 6, 9)], NOW);
    expect(c).toMatchObject({ daysLeft: 42, reorderPoint: 8, reorder: false });
  });

  test('at the reorder point is time to reorder', () => {
    const [at, above] = stockCover([item('A', 5, 7), item('B', 6, 7)], [sold('A', 10, 1), sold('B', 10, 1)], NOW);
    expect([at!.reorderPoint, at!.reorder, above!.reorderPoint, above!.reorder]).toEqual([5, true, 5, false]);
  });

  test('nothing sold: no days of cover to tell, reorder only when nothing is left', () => {
    const [some, none] = stockCover([item('A', 12), item('B', 0)], [], NOW);
    expect([some!.daysLeft, some!.reorderPoint, some!.reorder]).toEqual([null, 0, false]);
    expect([none!.daysLeft, none!.reorder]).toEqual([null, true]);
  });

  test('a discontinued product is never to reorder', () => {
    expect(stockCover([item('A', 0, 7, true)], [sold('A', 10, 1)], NOW)[0]!.reorder).toBe(false);
  });

  test('a lead time of 0 days reorders only when nothing is available', () => {
    const [a, b] = stockCover([item('A', 1, 0), item('B', 0, 0)], [sold('A', 10, 1), sold('B', 10, 1)], NOW);
    expect([a!.reorder, b!.reorder]).toEqual([false, true]);
  });

  test('the count for 오늘 할 일 is the SKUs at or below their reorder point', () => {
    const covers = stockCover([item('A', 5, 7), item('B', 6, 7), item('C', 0), item('D', 0, 7, true)], [sold('A', 10, 1), sold('B', 10, 1)], NOW);
    expect(countAtReorderPoint(covers)).toBe(2);
  });
});

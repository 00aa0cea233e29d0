/**
 * Units the orders tab holds back, as the stock step, the dry run and 오늘 할 일 all count them
 * (one function: src/sheet/orders.ts reservedFromRows).
 */
import { reservedFromRows } from '../../src/sheet/orders';
import { ORDERS } from '../../src/sheet/tabs';
import { readTable } from '../../src/sheet/table';

const header = ORDERS.columns.map((c) => c.label.ko);
const row = (cells: Record<string, unknown>) => ORDERS.columns.map((c) => cells[c.key] ?? '');
const rows = (...cells: Array<Record<string, unknown>>) => readTable(ORDERS, [header, ...cells.map(row)]).rows;

test('paid and preparing rows hold their units back, per SKU', () => {
  const held = reservedFromRows(
    rows(
      { partnerId: 'P1', itemId: 'A-1', sku: 'SKU-1', quantity: 2, orderStatus: '결제완료' },
      { partnerId: 'P1', itemId: 'B-1', sku: 'SKU-1', quantity: 1, orderStatus: '배송준비중' },
      { partnerId: 'P2', itemId: 'C-1', sku: 'SKU-2', quantity: 3, orderStatus: '결제완료' },
    ),
  );
  expect(Object.fromEntries(held)).toEqual({ 'SKU-1': 3, 'SKU-2': 3 });
});

test('a row with a shipping time has left the warehouse, whatever its status says', () => {
  const held = reservedFromRows(rows({ partnerId: 'P1', itemId: 'A-1', sku: 'SKU-1', quantity: 2, orderStatus: '결제완료', shippedAt: new Date('2026-12-04T01:00:00Z') }));
  expect(held.get('SKU-1') ?? 0).toBe(0);
});

test('shipped, cancelled and unreadable rows hold nothing', () => {
  const held = reservedFromRows(
    rows(
      { partnerId: 'P1', itemId: 'A-1', sku: 'SKU-1', quantity: 2, orderStatus: '배송중' },
      { partnerId: 'P1', itemId: 'B-1', sku: 'SKU-1', quantity: 1, orderStatus: '취소완료' },
      { partnerId: 'P1', itemId: 'C-1', sku: 'SKU-1', quantity: 'two', orderStatus: '결제완료' },
      { partnerId: 'P1', itemId: 'D-1', sku: '', quantity: 1, orderStatus: '결제완료' },
    ),
  );
  expect(held.get('SKU-1') ?? 0).toBe(0);
});

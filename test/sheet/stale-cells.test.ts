/**
 * A stock-ratio row's own cells (what was sent, the channel's item, its answer) describe the
 * row's (SKU, partner): staff typing another key into the row makes them stale.
 */
import { staleDerivedCells } from '../../src/sheet/stale-cells';
import { STOCK_RATIOS } from '../../src/sheet/tabs';

const header = STOCK_RATIOS.columns.map((c) => c.label.ko);
// SKU, 파트너ID, 판매여부, 연동재고율, 판매가 | 전송재고, 전송시각, 계산근거, 채널상품번호, 채널품목코드, 처리결과 (F..K)

test('a paste over the key columns of rows clears those rows\' add-on cells, in one block', () => {
  expect(staleDerivedCells(STOCK_RATIOS, header, { row: 2, column: 1, numRows: 16, numColumns: 4 })).toEqual([{ row: 2, column: 6, numRows: 16, numColumns: 6 }]);
});

test('a partner retyped in one row clears that row only', () => {
  expect(staleDerivedCells(STOCK_RATIOS, header, { row: 7, column: 2, numRows: 1, numColumns: 1 })).toEqual([{ row: 7, column: 6, numRows: 1, numColumns: 6 }]);
});

test('a ratio or sellable tick leaves everything as it is', () => {
  expect(staleDerivedCells(STOCK_RATIOS, header, { row: 7, column: 3, numRows: 1, numColumns: 3 })).toEqual([]);
});

test('the header row is never cleared; a paste that starts on it clears from row 2', () => {
  expect(staleDerivedCells(STOCK_RATIOS, header, { row: 1, column: 1, numRows: 1, numColumns: 2 })).toEqual([]);
  expect(staleDerivedCells(STOCK_RATIOS, header, { row: 1, column: 1, numRows: 3, numColumns: 2 })).toEqual([{ row: 2, column: 6, numRows: 2, numColumns: 6 }]);
});

test('columns staff moved are found by their header; apart, they are cleared apart', () => {
  // 처리결과 dragged to the front: SKU and 파트너ID are now B and C.
  const moved = ['처리결과', ...header.filter((h) => h !== '처리결과')];
  expect(staleDerivedCells(STOCK_RATIOS, moved, { row: 4, column: 2, numRows: 1, numColumns: 1 })).toEqual([
    { row: 4, column: 1, numRows: 1, numColumns: 1 },
    { row: 4, column: 7, numRows: 1, numColumns: 5 },
  ]);
});

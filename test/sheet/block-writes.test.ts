import { blockWrites, ownColumns, type CellWrite, type Rect } from '../../src/sheet/block-writes';
import { layoutOf } from '../../src/sheet/layout';
import type { TabSpec } from '../../src/sheet/schema';
import { CARRIERS, CLAIMS, ORDERS, PARTNERS, PRODUCTS, SETTLEMENTS, STOCK_RATIOS, TRACKING_IMPORT } from '../../src/sheet/tabs';

/**
 * How the sync writes many rows of a tab at once: never a cell of a staff column (one the tab
 * marks editable, or one staff added) unless an update names it, so a number typed there
 * meanwhile, or a formula, stays; the add-on's own cells between named ones keep what was read.
 */
const TABS: TabSpec[] = [ORDERS, CLAIMS, STOCK_RATIOS, PRODUCTS, PARTNERS, TRACKING_IMPORT, SETTLEMENTS, CARRIERS];

/** The header as setup writes it, with a column of staff's own inserted at `extraAt` when given. */
function header(tab: TabSpec, extraAt?: number): string[] {
  const labels = tab.columns.map((c) => c.label.ko);
  if (extraAt !== undefined) labels.splice(extraAt, 0, '담당자 메모');
  return labels;
}

/** Runs the plan against a grid whose cells say where they are; returns what was read and written. */
function apply(cells: CellWrite[], own: Set<number>, rows = 40, width = 30) {
  const grid = Array.from({ length: rows }, (_, r) => Array.from({ length: width }, (_, c) => `r${r + 1}c${c}`));
  const reads: Rect[] = [];
  const writes = blockWrites(cells, own, (rect) => {
    reads.push(rect);
    return grid.slice(rect.row - 1, rect.row - 1 + rect.rows).map((line) => line.slice(rect.col, rect.col + rect.cols));
  });
  const after = grid.map((line) => line.slice());
  const touched = new Set<string>();
  for (const w of writes) {
    expect(w.values).toHaveLength(w.rect.rows);
    for (let i = 0; i < w.rect.rows; i++) {
      expect(w.values[i]).toHaveLength(w.rect.cols);
      for (let j = 0; j < w.rect.cols; j++) {
        after[w.rect.row - 1 + i]![w.rect.col + j] = w.values[i]![j] as string;
        touched.add(`${w.rect.row + i}:${w.rect.col + j}`);
      }
    }
  }
  return { grid, after, reads, writes, touched };
}

/** Every other row from 5 on names every column the tab's updates write in a sync (its own ones), plus some staff cells. */
function updatesFor(tab: TabSpec, index: ReadonlyMap<string, number>): CellWrite[] {
  const own = tab.columns.filter((c) => !c.editable && !tab.rowKey.includes(c.key));
  const staff = tab.columns.filter((c) => c.editable && !tab.rowKey.includes(c.key));
  const cells: CellWrite[] = [];
  for (let row = 5; row <= 25; row += 2) {
    for (const c of own) if ((row + c.key.length) % 3 !== 0) cells.push({ row, col: index.get(c.key)!, value: `new ${row} ${c.key}` });
    // A number the mall has now (carrier, tracking number) on some rows.
    if (row % 4 === 1 && staff[0]) cells.push({ row, col: index.get(staff[0].key)!, value: `mall ${row}` });
  }
  return cells;
}

describe('block writes of a tab', () => {
  for (const tab of TABS) {
    for (const extraAt of [undefined, Math.floor(tab.columns.length / 2)]) {
      const where = extraAt === undefined ? 'as set up' : `with a column staff added at ${extraAt + 1}`;
      it(`${tab.key} (${where}): writes staff cells only where named, and every named cell`, () => {
        const { index } = layoutOf(tab, header(tab, extraAt));
        const own = ownColumns(tab, index);
        const cells = updatesFor(tab, index);
        const { grid, after, touched, reads } = apply(cells, own);
        const named = new Map(cells.map((c) => [`${c.row}:${c.col}`, c.value]));
        for (const key of touched) {
          const [, col] = key.split(':').map(Number) as [number, number];
          // A cell written without being named is the add-on's own.
          if (!named.has(key)) expect([tab.key, col, own.has(col)]).toEqual([tab.key, col, true]);
        }
        for (const [key, value] of named) {
          const [row, col] = key.split(':').map(Number) as [number, number];
          expect(after[row - 1]![col]).toBe(value);
        }
        // Whatever was not named is as it was (own cells between named ones written back as read).
        for (let r = 0; r < grid.length; r++) for (let c = 0; c < grid[r]!.length; c++) if (!named.has(`${r + 1}:${c}`)) expect(after[r]![c]).toBe(grid[r]![c]);
        expect(reads.length).toBeLessThanOrEqual(1);
      });
    }
  }

  it('orders: a shipped block (status, carrier from the mall, shipping time) skips the tracking numbers staff type', () => {
    const { index } = layoutOf(ORDERS, header(ORDERS));
    const own = ownColumns(ORDERS, index);
    const cells: CellWrite[] = [];
    for (const row of [10, 11, 13, 14]) {
      cells.push({ row, col: index.get('orderStatus')!, value: '배송중 (N30)' }, { row, col: index.get('shippedAt')!, value: 'when' }, { row, col: index.get('todo')!, value: '' });
    }
    cells.push({ row: 11, col: index.get('carrier')!, value: 'CJ대한통운' });
    const { writes, reads } = apply(cells, own);
    const cols = (w: { rect: Rect }) => [w.rect.col, w.rect.col + w.rect.cols - 1];
    // 조치필요..주문상태 (the add-on's own run of columns, 조치필요 first), then 출고일시 alone:
    // rows 10-14 read once for row 12 and the cells between them.
    expect(writes.map((w) => [w.rect.row, w.rect.rows, ...cols(w)])).toEqual([
      [10, 5, index.get('todo')!, index.get('orderStatus')!],
      [10, 5, index.get('shippedAt')!, index.get('shippedAt')!],
      [11, 1, index.get('carrier')!, index.get('carrier')!],
    ]);
    expect(reads).toHaveLength(1);
    expect(writes.flatMap((w) => cols(w))).not.toContain(index.get('trackingNo'));
  });

  it('reads nothing when every cell of each rectangle is named (new rows one under another)', () => {
    const { index } = layoutOf(ORDERS, header(ORDERS));
    const cells = [20, 21, 22].flatMap((row) => [{ row, col: index.get('todo')!, value: 't' }, { row, col: index.get('status')!, value: 's' }]);
    const { writes, reads } = apply(cells, ownColumns(ORDERS, index));
    expect(reads).toEqual([]);
    expect(writes).toHaveLength(1);
  });

  it('puts rows that name the same staff cells, one under another, in one write', () => {
    const { index } = layoutOf(ORDERS, header(ORDERS));
    const cells = [30, 31, 32, 35].flatMap((row) => [{ row, col: index.get('carrier')!, value: 'c' }, { row, col: index.get('trackingNo')!, value: 'n' }]);
    const { writes } = apply(cells, ownColumns(ORDERS, index));
    expect(writes.map((w) => [w.rect.row, w.rect.rows, w.rect.cols])).toEqual([[30, 3, 2], [35, 1, 2]]);
  });
});

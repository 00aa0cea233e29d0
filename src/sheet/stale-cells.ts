import { layoutOf } from './layout';
import type { TabSpec } from './schema';

/** A block of cells in sheet coordinates (1-based, as Apps Script's getRange takes them). */
export interface CellBlock {
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
}

/**
 * What the add-on wrote into a row (what it sent, where the channel keeps the item, the
 * channel's answer) belongs to the row's key. When staff type another SKU or partner into a row
 * (a paste over rows the sync had made, a typo fixed), those cells describe another pair: left,
 * the next push would send one SKU's share to another SKU's item. The blocks to clear for an
 * edit of `edited`: the add-on's own columns of the edited rows, and none when no key cell was
 * touched or the edit is the header's alone.
 */
export function staleDerivedCells(tab: TabSpec, header: readonly unknown[], edited: CellBlock): CellBlock[] {
  const firstRow = Math.max(edited.row, 2);
  const lastRow = edited.row + edited.numRows - 1;
  if (lastRow < firstRow) return [];
  const { index } = layoutOf(tab, header);
  const touched = (key: string) => {
    const c = index.get(key);
    return c !== undefined && c + 1 >= edited.column && c + 1 < edited.column + edited.numColumns;
  };
  if (!tab.rowKey.some(touched)) return [];
  const derived = tab.columns
    .filter((c) => !c.editable && !tab.rowKey.includes(c.key))
    .flatMap((c) => {
      const i = index.get(c.key);
      return i === undefined ? [] : [i + 1];
    })
    .sort((a, b) => a - b);
  // Side by side columns go in one block: one clear per block.
  const blocks: CellBlock[] = [];
  for (const column of derived) {
    const last = blocks[blocks.length - 1];
    if (last && last.column + last.numColumns === column) blocks[blocks.length - 1] = { ...last, numColumns: last.numColumns + 1 };
    else blocks.push({ row: firstRow, column, numRows: lastRow - firstRow + 1, numColumns: 1 });
  }
  return blocks;
}

/**
 * Keeping anchored rectangles (protected ranges, named ranges, the filter) on the same cells when
 * rows or columns are inserted or deleted, as Sheets does. Areas are mutated in place.
 */
import type { GridArea } from './a1';

type Axis = 'row' | 'col';

function get(area: GridArea, axis: Axis): { start: number; size: number } {
  return axis === 'row' ? { start: area.row, size: area.numRows } : { start: area.col, size: area.numCols };
}

function put(area: GridArea, axis: Axis, start: number, size: number): void {
  if (axis === 'row') {
    area.row = start;
    area.numRows = size;
  } else {
    area.col = start;
    area.numCols = size;
  }
}

/** `count` lines inserted before 1-based `at`: areas below move, areas spanning it grow. */
export function areaInserted(area: GridArea, axis: Axis, at: number, count: number): void {
  const { start, size } = get(area, axis);
  if (at <= start) put(area, axis, start + count, size);
  else if (at < start + size) put(area, axis, start, size + count);
  else if (isOpenAtEnd(area, axis) && at === start + size) put(area, axis, start, size + count);
}

/**
 * `count` lines deleted from 1-based `at`. Returns false when the whole area was deleted (the
 * caller drops it).
 */
export function areaDeleted(area: GridArea, axis: Axis, at: number, count: number): boolean {
  const { start, size } = get(area, axis);
  const end = start + size; // exclusive
  const delEnd = at + count;
  if (delEnd <= start) {
    put(area, axis, start - count, size);
    return true;
  }
  if (at >= end) return true;
  const keptBefore = Math.max(0, at - start);
  const keptAfter = Math.max(0, end - delEnd);
  const newSize = keptBefore + keptAfter;
  if (newSize === 0) return false;
  put(area, axis, Math.min(start, at), newSize);
  return true;
}

function isOpenAtEnd(area: GridArea, axis: Axis): boolean {
  return axis === 'row' ? area.open?.endRow === true : area.open?.endCol === true;
}

export function copyArea(area: GridArea): GridArea {
  const copy: GridArea = { row: area.row, col: area.col, numRows: area.numRows, numCols: area.numCols };
  if (area.open) copy.open = { ...area.open };
  return copy;
}

export function areaContains(area: GridArea, row: number, col: number): boolean {
  return row >= area.row && row < area.row + area.numRows && col >= area.col && col < area.col + area.numCols;
}

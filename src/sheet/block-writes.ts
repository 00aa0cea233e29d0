/**
 * Many keyed cells written in few calls, without touching a cell a person may be typing into.
 *
 * A block write reads a rectangle, changes some cells and writes the rectangle back: every cell
 * in it that nobody meant to write is put back as it was read. For the add-on's own columns that
 * is harmless (staff do not type there). Over a staff column it is not: a number typed between
 * the read and the write is reverted, and a formula becomes its value. So a rectangle that is
 * filled from a read spans only the add-on's own columns, adjacent ones; a staff cell is written
 * only where an update names it, in strips of such cells.
 */
import type { TabSpec } from './schema';

/** One cell to write: a 1-based sheet row, a 0-based column. */
export interface CellWrite {
  readonly row: number;
  readonly col: number;
  readonly value: unknown;
}

/** A rectangle: top row 1-based, left column 0-based. */
export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export interface BlockWrite {
  readonly rect: Rect;
  readonly values: unknown[][];
}

/** The add-on's own columns in a tab's current layout (0-based); a column staff added is not one. */
export function ownColumns(tab: TabSpec, index: ReadonlyMap<string, number>): Set<number> {
  return new Set(tab.columns.filter((c) => !c.editable).flatMap((c) => (index.has(c.key) ? [index.get(c.key)!] : [])));
}

/**
 * The writes that put `cells` in place. `read` is asked at most once, for the rectangle whose
 * unnamed own cells must keep their values, and only when some rectangle has such cells.
 */
export function blockWrites(cells: readonly CellWrite[], own: ReadonlySet<number>, read: (r: Rect) => unknown[][]): BlockWrite[] {
  const mine = cells.filter((c) => own.has(c.col));
  const staff = cells.filter((c) => !own.has(c.col));
  return [...ownRuns(mine, own, read), ...staffStrips(staff)];
}

/** Own cells: one rectangle per run of adjacent own columns, gaps filled from one read. */
function ownRuns(cells: readonly CellWrite[], own: ReadonlySet<number>, read: (r: Rect) => unknown[][]): BlockWrite[] {
  const cols = [...new Set(cells.map((c) => c.col))].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const c of cols) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    // Same run only if every column between is the add-on's too.
    if (run && prev !== undefined && range(prev + 1, c).every((x) => own.has(x))) run.push(c);
    else runs.push([c]);
  }
  const plans = runs.map((run) => {
    const inRun = cells.filter((c) => c.col >= run[0]! && c.col <= run[run.length - 1]!);
    const rows = inRun.map((c) => c.row);
    const rect: Rect = { row: Math.min(...rows), col: run[0]!, rows: Math.max(...rows) - Math.min(...rows) + 1, cols: run[run.length - 1]! - run[0]! + 1 };
    const named = new Set(inRun.map((c) => `${c.row}:${c.col}`)).size;
    return { rect, cells: inRun, full: named === rect.rows * rect.cols };
  });
  const gaps = plans.filter((p) => !p.full).map((p) => p.rect);
  const box = gaps.length === 0 ? null : bounding(gaps);
  const grid = box ? read(box) : null;
  return plans.map(({ rect, cells: inRun }) => {
    const values: unknown[][] = Array.from({ length: rect.rows }, (_, i) =>
      Array.from({ length: rect.cols }, (_, j): unknown => (grid && box ? grid[rect.row + i - box.row]?.[rect.col + j - box.col] ?? '' : '')),
    );
    for (const c of inRun) values[c.row - rect.row]![c.col - rect.col] = c.value;
    return { rect, values };
  });
}

/**
 * Staff cells an update names (a number the mall has): only those, never a neighbour. Rows
 * naming the same adjacent columns, one after another, share one write.
 */
function staffStrips(cells: readonly CellWrite[]): BlockWrite[] {
  const byRow = new Map<number, Map<number, unknown>>();
  for (const c of cells) byRow.set(c.row, (byRow.get(c.row) ?? new Map()).set(c.col, c.value));
  // Per row, its runs of adjacent named columns; rows grouped by the run they name.
  const byRun = new Map<string, Array<{ row: number; values: unknown[] }>>();
  for (const [row, named] of [...byRow].sort((a, b) => a[0] - b[0])) {
    const cols = [...named.keys()].sort((a, b) => a - b);
    for (let i = 0; i < cols.length; ) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j]! + 1) j++;
      const key = `${cols[i]}:${cols[j]}`;
      byRun.set(key, [...(byRun.get(key) ?? []), { row, values: cols.slice(i, j + 1).map((c) => named.get(c)) }]);
      i = j + 1;
    }
  }
  const out: BlockWrite[] = [];
  for (const [key, rows] of byRun) {
    const [c0, c1] = key.split(':').map(Number) as [number, number];
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1]!.row === rows[j]!.row + 1) j++;
      const strip = rows.slice(i, j + 1);
      out.push({ rect: { row: strip[0]!.row, col: c0, rows: strip.length, cols: c1 - c0 + 1 }, values: strip.map((r) => r.values) });
      i = j + 1;
    }
  }
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

function bounding(rects: readonly Rect[]): Rect {
  const row = Math.min(...rects.map((r) => r.row));
  const col = Math.min(...rects.map((r) => r.col));
  const bottom = Math.max(...rects.map((r) => r.row + r.rows));
  const right = Math.max(...rects.map((r) => r.col + r.cols));
  return { row, col, rows: bottom - row, cols: right - col };
}

import { layoutOf, type Layout } from './layout';
import type { TabSpec } from './schema';

/**
 * A tab's grid read as rows found by key. Row numbers are where a row was when read; anyone
 * writing later finds it again by key (staff sort and insert rows while a sync runs).
 */
export interface TableRow {
  /** 1-based sheet row. */
  readonly rowNumber: number;
  /** The row key: the key columns' text joined by "|"; "" when a key cell is blank. */
  readonly key: string;
  get(column: string): unknown;
}

/** Cells of one row to write, by column key; the row is found by its key when written. */
export interface KeyedUpdate {
  readonly key: string;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface Table {
  readonly layout: Layout;
  readonly rows: readonly TableRow[];
}

export const KEY_SEPARATOR = '|';

export function keyOf(values: readonly unknown[]): string {
  return values.some((v) => cellText(v) === '') ? '' : values.map(cellText).join(KEY_SEPARATOR);
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

/**
 * Whether a cell already holds a value, as the sheet would show it: dates to the second (Sheets
 * keeps no milliseconds), a blank date cell equal to any blank, a number equal to the same number
 * typed with thousands separators ("1,234"), everything else by its text.
 */
export function sameCell(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    const ta = a instanceof Date ? a.getTime() : cellText(a) === '' ? '' : NaN;
    const tb = b instanceof Date ? b.getTime() : cellText(b) === '' ? '' : NaN;
    return typeof ta === 'number' && typeof tb === 'number' ? Math.floor(ta / 1000) === Math.floor(tb / 1000) : ta === tb;
  }
  if (cellText(a) === cellText(b)) return true;
  const asNumber = (v: unknown) => (cellText(v) === '' ? NaN : Number(cellText(v).replace(/,/g, '')));
  return (typeof a === 'number' || typeof b === 'number') && asNumber(a) === asNumber(b);
}

/** `grid` is the whole tab as getValues returns it, header row first. */
export function readTable(tab: TabSpec, grid: readonly (readonly unknown[])[]): Table {
  const layout = layoutOf(tab, grid[0] ?? []);
  const keyCols = tab.rowKey.map((k) => layout.index.get(k));
  const rows: TableRow[] = [];
  for (let i = 1; i < grid.length; i++) {
    const cells = grid[i]!;
    if (cells.every((c) => cellText(c) === '')) continue;
    const key = keyCols.some((c) => c === undefined) ? '' : keyOf(keyCols.map((c) => cells[c as number]));
    rows.push({
      rowNumber: i + 1,
      key,
      get: (column) => {
        const c = layout.index.get(column);
        return c === undefined ? undefined : cells[c];
      },
    });
  }
  return { layout, rows };
}

/** Keys that appear on more than one row: each such row gets a problem, none is used. */
export function duplicateKeys(rows: readonly TableRow[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of rows) {
    if (!r.key) continue;
    if (seen.has(r.key)) dup.add(r.key);
    seen.add(r.key);
  }
  return dup;
}

/** A new row's cells from values by column key; columns the layout lacks are left out. */
export function rowCells(index: ReadonlyMap<string, number>, width: number, values: Readonly<Record<string, unknown>>): unknown[] {
  const row: unknown[] = new Array<unknown>(width).fill('');
  for (const [k, v] of Object.entries(values)) {
    const c = index.get(k);
    if (c !== undefined && c < width) row[c] = v;
  }
  return row;
}

const YES = ['true', '예'];
const NO = ['false', '아니오', '아니요'];

/** A checkbox (true/false) or TRUE/FALSE/예/아니오 typed as text; blank is unticked. */
export function checkboxCell(v: unknown, label: string, problems: string[]): boolean {
  if (typeof v === 'boolean') return v;
  const text = cellText(v).toLowerCase();
  if (text === '' || NO.includes(text)) return false;
  if (YES.includes(text)) return true;
  problems.push(`${label} 값이 올바르지 않습니다: "${cellText(v)}" (TRUE/FALSE 또는 예/아니오)`);
  return false;
}

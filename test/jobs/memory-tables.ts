/**
 * The workbook's tabs in memory, as the use cases' TablesPort sees them: grids with their
 * header rows in Korean (as setup makes them), rows found by key when written.
 */
import type { TablesPort } from '../../src/jobs/tables';
import type { TabSpec } from '../../src/sheet/schema';
import { readTable, type KeyedUpdate } from '../../src/sheet/table';

export class MemoryTables implements TablesPort {
  private readonly grids = new Map<string, unknown[][]>();
  /** Every read and write, as `grid 상품` / `write 상품 2`, for specs about what a run touches. */
  readonly calls: string[] = [];

  /** A tab with its header and rows given by column key (missing cells blank). */
  put(tab: TabSpec, rows: ReadonlyArray<Readonly<Record<string, unknown>>>): void {
    const header = tab.columns.map((c) => c.label.ko);
    this.grids.set(tab.key, [header, ...rows.map((r) => tab.columns.map((c) => r[c.key] ?? ''))]);
  }

  grid(tab: TabSpec): unknown[][] | null {
    this.calls.push(`grid ${tab.title.ko}`);
    const g = this.grids.get(tab.key);
    return g ? g.map((r) => r.slice()) : null;
  }

  hasRows(tab: TabSpec): boolean {
    this.calls.push(`hasRows ${tab.title.ko}`);
    return (this.grids.get(tab.key)?.length ?? 0) >= 2;
  }

  appendRows(tab: TabSpec, header: readonly unknown[], rows: ReadonlyArray<Readonly<Record<string, unknown>>>): void {
    this.calls.push(`append ${tab.title.ko} ${rows.length}`);
    const grid = this.grids.get(tab.key);
    if (!grid) return;
    const index = readTable(tab, [header]).layout.index;
    for (const r of rows) {
      const line = new Array<unknown>(header.length).fill('');
      for (const [k, v] of Object.entries(r)) if (index.has(k)) line[index.get(k)!] = v;
      grid.push(line);
    }
  }

  writeByKey(tab: TabSpec, updates: readonly KeyedUpdate[]): string[] {
    if (updates.length === 0) return [];
    this.calls.push(`write ${tab.title.ko} ${updates.length}`);
    const grid = this.grids.get(tab.key);
    if (!grid) return updates.map((u) => u.key);
    const table = readTable(tab, grid);
    const missing: string[] = [];
    for (const u of updates) {
      const rows = table.rows.filter((r) => r.key === u.key);
      if (rows.length === 0) missing.push(u.key);
      for (const row of rows) for (const [k, v] of Object.entries(u.values)) grid[row.rowNumber - 1]![table.layout.index.get(k)!] = v;
    }
    return missing;
  }

  /** Font colours set, by `tab|column|key`. */
  readonly fontColors = new Map<string, string | null>();

  setFontColors(tab: TabSpec, column: string, colors: ReadonlyArray<{ readonly key: string; readonly color: string | null }>): void {
    if (colors.length === 0) return;
    this.calls.push(`color ${tab.title.ko} ${colors.length}`);
    for (const c of colors) this.fontColors.set(`${tab.key}|${column}|${c.key}`, c.color);
  }

  /** One row's cells by column key. */
  row(tab: TabSpec, key: string): Record<string, unknown> {
    const grid = this.grids.get(tab.key)!;
    const table = readTable(tab, grid);
    const row = table.rows.find((r) => r.key === key)!;
    return Object.fromEntries(tab.columns.map((c) => [c.key, row.get(c.key)]));
  }
}

import { headerNames, type ColumnSpec, type TabSpec } from './schema';

/**
 * Where a tab's columns are today. Staff may reorder, insert or rename nothing else than
 * their own extra columns, so the header row is read every time and columns are found by
 * their label in either language (or their key), never by a fixed position.
 */
export interface Layout {
  /** 0-based column index by column key. */
  readonly index: ReadonlyMap<string, number>;
  /** The tab's columns that the header lacks, in spec order. */
  readonly missing: readonly ColumnSpec[];
  /** Width of the header row as read. */
  readonly width: number;
  /** Columns found by a former label (src/sheet/schema.ts), by key: setup renames them. */
  readonly former: ReadonlyMap<string, number>;
}

export function layoutOf(tab: TabSpec, header: readonly unknown[]): Layout {
  const byName = new Map<string, number>();
  header.forEach((h, i) => {
    const name = String(h ?? '').trim();
    if (name && !byName.has(name)) byName.set(name, i);
  });
  const index = new Map<string, number>();
  const former = new Map<string, number>();
  // A column renamed since the sheet was set up keeps its old header until setup runs again;
  // it claims that header first, so a new column now bearing the old label cannot take it.
  for (const c of tab.columns) {
    if (!c.formerLabels || headerNames(c).some((n) => byName.has(n))) continue;
    const at = c.formerLabels.map((n) => byName.get(n)).find((i) => i !== undefined);
    if (at !== undefined) former.set(c.key, at);
  }
  const claimed = new Set(former.values());
  const missing: ColumnSpec[] = [];
  for (const c of tab.columns) {
    const at = former.get(c.key) ?? headerNames(c)
      .map((n) => byName.get(n))
      .find((i) => i !== undefined && !claimed.has(i));
    if (at === undefined) missing.push(c);
    else index.set(c.key, at);
  }
  return { index, missing, width: header.length, former };
}

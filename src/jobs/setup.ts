import { layoutOf } from '../sheet/layout';
import { labelOf, type ColumnSpec, type Lang, type TabSpec } from '../sheet/schema';

/** What setup needs from a workbook. */
export interface WorkbookPort {
  /** The header row of the first tab whose title is one of `titles`, or null. */
  readHeader(titles: readonly string[]): { title: string; header: string[] } | null;
  createTab(title: string, position: number): void;
  /** Writes labels into row 1 from `startColumn` (1-based). */
  writeHeader(title: string, startColumn: number, labels: readonly string[]): void;
  /**
   * Applies formats, validation and protection to the given columns (1-based positions);
   * `about` (what the tab holds) goes in the note of the header's first cell.
   */
  formatColumns(title: string, columns: ReadonlyArray<{ spec: ColumnSpec; column: number }>, lang: Lang, about?: string): void;
  /** Writes rows below the header of a tab (1-based, from column 1). */
  writeRows(title: string, rows: readonly (readonly unknown[])[]): void;
  /** Removes the blank default tab a new spreadsheet comes with (시트1 / Sheet1), if still blank. */
  removeBlankDefaultTab(): boolean;
}

export interface SetupReport {
  created: string[];
  columnsAdded: number;
}

/**
 * Creates the missing tabs and adds missing columns at the right end of existing ones. Never
 * reorders, renames or deletes: staff may have rearranged columns or added their own.
 */
export function setupWorkbook(port: WorkbookPort, tabs: readonly TabSpec[], lang: Lang): SetupReport {
  const report: SetupReport = { created: [], columnsAdded: 0 };
  tabs.forEach((tab, position) => {
    const titles = [tab.title.ko, tab.title.en];
    let found = port.readHeader(titles);
    const created = !found;
    if (!found) {
      const title = labelOf(tab.title, lang);
      port.createTab(title, position);
      report.created.push(title);
      found = { title, header: [] };
    }
    const header = found.header;
    // Trailing blanks are not columns.
    let width = header.length;
    while (width > 0 && String(header[width - 1] ?? '').trim() === '') width--;
    const layout = layoutOf(tab, header.slice(0, width));
    // A column found by its former header gets its current one (its cells stay as they are).
    for (const [key, at] of layout.former) port.writeHeader(found.title, at + 1, [labelOf(tab.columns.find((c) => c.key === key)!.label, lang)]);
    if (layout.missing.length > 0) {
      port.writeHeader(found.title, width + 1, layout.missing.map((c) => labelOf(c.label, lang)));
      report.columnsAdded += found.header.length === 0 ? 0 : layout.missing.length;
    }
    const placed = tab.columns.map((spec) => ({
      spec,
      column: (layout.index.get(spec.key) ?? width + layout.missing.indexOf(spec)) + 1,
    }));
    port.formatColumns(found.title, placed, lang, tab.about ? labelOf(tab.about, lang) : undefined);
    if (created && tab.seed && tab.seed.length > 0) {
      const width = Math.max(...placed.map((p) => p.column));
      port.writeRows(found.title, tab.seed.map((row) => {
        const cells: unknown[] = new Array<unknown>(width).fill('');
        for (const p of placed) cells[p.column - 1] = row[p.spec.key] ?? '';
        return cells;
      }));
    }
  });
  if (report.created.length > 0) port.removeBlankDefaultTab();
  return report;
}

import type { TabSpec } from '../sheet/schema';
import type { KeyedUpdate } from '../sheet/table';

/**
 * The workbook's tabs as use cases see them: a tab's whole grid, read when asked, and cells of
 * rows written by key (the row found again at the moment of writing, so a sort or an inserted
 * row since the read changes nothing; only the add-on's own columns are ever spanned).
 */
export interface TablesPort {
  /** The used grid, header row first; null when the workbook has no such tab (before setup). */
  grid(tab: TabSpec): unknown[][] | null;
  /** Whether the tab has any row below its header (cheaper than reading it). */
  hasRows(tab: TabSpec): boolean;
  /** Answers the keys no row carries. */
  writeByKey(tab: TabSpec, updates: readonly KeyedUpdate[]): string[];
  /** New rows below the last one, cells by column key laid out under `header` (the tab's as read). */
  appendRows(tab: TabSpec, header: readonly unknown[], rows: ReadonlyArray<Readonly<Record<string, unknown>>>): void;
  /** The font colour of one column's cell in rows found by key (null: back to default). */
  setFontColors(tab: TabSpec, column: string, colors: ReadonlyArray<{ readonly key: string; readonly color: string | null }>): void;
}

import type { TablesPort } from '../../jobs/tables';
import { findTab, readGrid, writeByKey } from './tab';

/** The spreadsheet's tabs as the use cases' port (each tab found once per execution). */
export function sheetTables(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TablesPort {
  return {
    grid(tab) {
      const sheet = findTab(ss, tab);
      return sheet ? readGrid(sheet) : null;
    },
    writeByKey(tab, updates) {
      if (updates.length === 0) return [];
      const sheet = findTab(ss, tab);
      return sheet ? writeByKey(sheet, tab, updates) : updates.map((u) => u.key);
    },
  };
}

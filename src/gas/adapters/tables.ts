import type { TablesPort } from '../../jobs/tables';
import { readTable, rowCells } from '../../sheet/table';
import { appendRows, findTab, readGrid, writeByKey } from './tab';

/** The spreadsheet's tabs as the use cases' port (each tab found once per execution). */
export function sheetTables(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TablesPort {
  return {
    grid(tab) {
      const sheet = findTab(ss, tab);
      return sheet ? readGrid(sheet) : null;
    },
    hasRows(tab) {
      const sheet = findTab(ss, tab);
      return sheet !== null && sheet.getLastRow() >= 2;
    },
    appendRows(tab, header, rows) {
      const sheet = findTab(ss, tab);
      if (!sheet || rows.length === 0) return;
      const { layout } = readTable(tab, [header]);
      appendRows(sheet, rows.map((r) => rowCells(layout.index, header.length, r)));
    },
    writeByKey(tab, updates) {
      if (updates.length === 0) return [];
      const sheet = findTab(ss, tab);
      return sheet ? writeByKey(sheet, tab, updates) : updates.map((u) => u.key);
    },
  };
}

import type { TablesPort } from '../../jobs/tables';
import { readTable, rowCells } from '../../sheet/table';
import { appendRows, findTab, readGrid, writeByKey } from './tab';
import { columnLetter } from './workbook';

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
    setFontColors(tab, column, colors) {
      const sheet = findTab(ss, tab);
      if (!sheet || colors.length === 0) return;
      const table = readTable(tab, readGrid(sheet));
      const col = table.layout.index.get(column);
      if (col === undefined) return;
      const rowsOf = new Map<string, number[]>();
      for (const r of table.rows) rowsOf.set(r.key, [...(rowsOf.get(r.key) ?? []), r.rowNumber]);
      // One call per colour, over every cell of it.
      for (const color of new Set(colors.map((c) => c.color))) {
        const cells = colors.filter((c) => c.color === color).flatMap((c) => rowsOf.get(c.key) ?? []).map((row) => `${columnLetter(col + 1)}${row}`);
        if (cells.length > 0) sheet.getRangeList(cells).setFontColor(color);
      }
    },
    writeByKey(tab, updates) {
      if (updates.length === 0) return [];
      const sheet = findTab(ss, tab);
      return sheet ? writeByKey(sheet, tab, updates) : updates.map((u) => u.key);
    },
  };
}

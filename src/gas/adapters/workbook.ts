import { message } from '../../i18n/messages';
import type { WorkbookPort } from '../../jobs/setup';
import { labelOf, numberFormatOf, type ColumnSpec, type Lang } from '../../sheet/schema';

/** The first tab of a new spreadsheet, by locale. */
const DEFAULT_TAB_NAMES = ['시트1', 'Sheet1'];
const HEADER_BG = '#1f4e79';
const HEADER_FG = '#ffffff';
const SYSTEM_BG = '#d9d9d9';
const SYSTEM_FG = '#3a3a3a';

/** WorkbookPort over SpreadsheetApp: each method is a handful of batched round trips. */
export class SheetsWorkbook implements WorkbookPort {
  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  readHeader(titles: readonly string[]): { title: string; header: string[] } | null {
    for (const title of titles) {
      const sheet = this.ss.getSheetByName(title);
      if (!sheet) continue;
      const width = sheet.getLastColumn();
      if (width === 0) return { title, header: [] };
      const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
      return { title, header: header.map((v) => String(v)) };
    }
    return null;
  }

  createTab(title: string, position: number): void {
    const sheet = this.ss.insertSheet(title, Math.min(position, this.ss.getSheets().length));
    sheet.setFrozenRows(1);
  }

  writeHeader(title: string, startColumn: number, labels: readonly string[]): void {
    const sheet = this.sheet(title);
    const needed = startColumn + labels.length - 1;
    if (sheet.getMaxColumns() < needed) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed - sheet.getMaxColumns());
    const header = sheet.getRange(1, startColumn, 1, labels.length);
    header.setNumberFormat('@');
    header.setValues([labels.slice()]);
  }

  writeRows(title: string, rows: readonly (readonly unknown[])[]): void {
    if (rows.length === 0) return;
    this.sheet(title).getRange(2, 1, rows.length, rows[0]!.length).setValues(rows.map((r) => r.slice()));
  }

  /** Batched: a fixed number of round trips per tab whatever its width (plus one per system block). */
  formatColumns(title: string, columns: ReadonlyArray<{ spec: ColumnSpec; column: number }>, lang: Lang, about?: string): void {
    const sheet = this.sheet(title);
    sheet.setFrozenRows(1);
    const rows = sheet.getMaxRows() - 1;
    const width = Math.max(...columns.map((c) => c.column));
    const header = sheet.getRange(1, 1, 1, width);
    const body = sheet.getRange(2, 1, rows, width);
    // Staff's own columns keep their formats and rules: read, change ours, write back.
    const formats = body.getNumberFormats();
    const rules = body.getDataValidations() as Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>>;
    const bgs: string[] = new Array<string>(width).fill(HEADER_BG);
    const fgs: string[] = new Array<string>(width).fill(HEADER_FG);
    const notes: string[] = new Array<string>(width).fill('');
    const systemColumns: number[] = [];
    for (const { spec, column } of columns) {
      const c = column - 1;
      const format = numberFormatOf(spec);
      const rule = validationOf(spec, lang, this.ss);
      for (let r = 0; r < rows; r++) {
        formats[r]![c] = format;
        rules[r]![c] = rule;
      }
      if (!spec.editable) {
        bgs[c] = SYSTEM_BG;
        fgs[c] = SYSTEM_FG;
        notes[c] = message(lang, 'systemColumnNote');
        systemColumns.push(column);
      }
    }
    // What appears in the tab, and when: a note, so it is never read as a row of data.
    if (about) notes[0] = notes[0] ? `${about}\n\n${notes[0]}` : about;
    body.setNumberFormats(formats);
    body.setDataValidations(rules);
    header.setFontWeight('bold').setBackgrounds([bgs]).setFontColors([fgs]).setNotes([notes]);
    for (const { spec, column } of columns) if (spec.width) sheet.setColumnWidth(column, spec.width);
    this.protectSystemColumns(sheet, systemColumns, message(lang, 'systemColumnProtection'));
  }

  /** Warning-only protections over runs of system columns: staff who type there are asked to confirm. */
  private protectSystemColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet, columns: number[], description: string): void {
    for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
      if (p.getDescription() === description) p.remove();
    }
    const sorted = [...columns].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
      const a1 = `${columnLetter(sorted[i]!)}2:${columnLetter(sorted[j]!)}`;
      sheet.getRange(a1).protect().setDescription(description).setWarningOnly(true);
      i = j + 1;
    }
  }

  removeBlankDefaultTab(): boolean {
    for (const name of DEFAULT_TAB_NAMES) {
      const sheet = this.ss.getSheetByName(name);
      if (sheet && sheet.getLastRow() === 0 && this.ss.getSheets().length > 1) {
        this.ss.deleteSheet(sheet);
        return true;
      }
    }
    return false;
  }

  private sheet(title: string): GoogleAppsScript.Spreadsheet.Sheet {
    const s = this.ss.getSheetByName(title);
    if (!s) throw new Error(`Tab not found: ${title}`);
    return s;
  }
}

function validationOf(spec: ColumnSpec, lang: Lang, ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.DataValidation | null {
  if (!spec.editable) return null;
  const b = SpreadsheetApp.newDataValidation();
  if (spec.optionsFrom) {
    // A dropdown over the other tab's names; a name typed that is not there is told, not refused.
    const source = ss.getSheetByName(spec.optionsFrom.ko) ?? ss.getSheetByName(spec.optionsFrom.en);
    return source ? b.requireValueInRange(source.getRange('A2:A'), true).setAllowInvalid(true).build() : null;
  }
  switch (spec.type) {
    case 'enum':
      return b.requireValueInList(spec.options.map((o) => labelOf(o, lang)), true).setAllowInvalid(false).build();
    case 'boolean':
      return b.requireCheckbox().build();
    case 'percent':
      return b.requireNumberBetween(spec.min, spec.max).setAllowInvalid(false).setHelpText(`${spec.min}–${spec.max}`).build();
    case 'integer':
    case 'krw':
      return spec.min !== undefined ? b.requireNumberGreaterThanOrEqualTo(spec.min).setAllowInvalid(false).build() : null;
    default:
      return null;
  }
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * A spreadsheet of the Sheets fake as an XLSX file that looks like the sheet a person had open:
 * the same values (never formulas: what a channel sent stays text), number and date formats,
 * column widths wide enough for what the cells show, bold and filled headers, frozen rows,
 * dropdowns, notes, protections, the filter, checkboxes as ☑/☐, A4 landscape one page wide.
 *
 * Written with exceljs from the fake's snapshot (local/runtime/services/spreadsheet/snapshot.ts).
 * Charts are left out: exceljs cannot write them (the sheet's JSON still lists them).
 */
import ExcelJS from 'exceljs';
import type { SheetSnapshot, SpreadsheetSnapshot } from '../../runtime/services/spreadsheet';
import { columnToLetters, lettersToColumn } from '../../runtime/services/spreadsheet/a1';
import type { ValidationSummary } from '../../runtime/services/spreadsheet/snapshot';
import { dateSerialConverter } from './dates';
import { sanitizeSheetNames } from './sheet-names';

/** Sheets' "automatic" pattern, which Excel calls General. */
const SHEETS_GENERAL = '0.###############';
const DATE_ONLY = 'yyyy-mm-dd';
const DATE_TIME = 'yyyy-mm-dd hh:mm';
/** Excel's limits: a cell holds 32,767 characters; a list validation's text 255. */
const MAX_CELL_CHARS = 32_767;
const MAX_LIST_CHARS = 255;
/** Sheets' default column is 100 px; Excel's width unit is about 7 px of its default font. */
const PX_PER_CHAR = 7;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** A4 in Excel's paper-size table. */
const PAPER_A4 = 9;

export interface XlsxOptions {
  /** Written as the file's created and modified times (the sandbox's simulated clock). */
  at?: Date;
}

/** The spreadsheet as XLSX bytes. */
export async function workbookXlsx(book: SpreadsheetSnapshot, options: XlsxOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const at = options.at ?? new Date(0);
  wb.creator = book.owner || '분양몰 시트';
  wb.created = at;
  wb.modified = at;
  const names = sanitizeSheetNames(book.sheets.map((s) => s.name));
  const serial = dateSerialConverter(book.timeZone);
  book.sheets.forEach((sheet, i) => writeSheet(wb, names[i]!, sheet, serial, names, book.sheets));
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

type Serial = (d: Date) => number | null;

function writeSheet(wb: ExcelJS.Workbook, name: string, s: SheetSnapshot, serial: Serial, names: string[], all: SheetSnapshot[]): void {
  const ws = wb.addWorksheet(name, {
    state: s.hidden ? 'hidden' : 'visible',
    ...(s.tabColor ? { properties: { tabColor: { argb: argb(s.tabColor) } } } : {}),
    views: s.frozenRows > 0 || s.frozenColumns > 0 ? [{ state: 'frozen', xSplit: s.frozenColumns, ySplit: s.frozenRows }] : [{}],
    pageSetup: { paperSize: PAPER_A4, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  if (s.frozenRows > 0) ws.pageSetup.printTitlesRow = `1:${s.frozenRows}`;

  const checkboxes = checkboxCells(s.validations);
  const hiddenRows = new Set(s.filter?.hiddenRows ?? []);
  s.values.forEach((row, i) => {
    const xr = ws.getRow(i + 1);
    row.forEach((value, j) => {
      const cell = xr.getCell(j + 1);
      const format = s.numberFormats[i]?.[j] ?? SHEETS_GENERAL;
      const a1 = `${columnToLetters(j + 1)}${i + 1}`;
      if (typeof value === 'boolean' && checkboxes.has(a1)) {
        cell.value = value ? '☑' : '☐';
        cell.alignment = { horizontal: 'center' };
      } else if (value instanceof Date) {
        const n = serial(value);
        if (n !== null) {
          cell.value = n;
          cell.numFmt = isDatePattern(format) ? format : Number.isInteger(n) ? DATE_ONLY : DATE_TIME;
        }
      } else if (typeof value === 'string') {
        if (value !== '') cell.value = value.length > MAX_CELL_CHARS ? value.slice(0, MAX_CELL_CHARS) : value;
        if (format === '@') cell.numFmt = '@';
      } else if (typeof value === 'number' || typeof value === 'boolean') {
        cell.value = value;
        if (format !== SHEETS_GENERAL) cell.numFmt = format;
      }
      const note = s.notes[i]?.[j];
      if (note) cell.note = note;
    });
    if (hiddenRows.has(i + 1)) xr.hidden = true;
  });

  for (const st of s.styles) {
    const cell = ws.getCell(st.cell);
    if (st.bold || st.fontColor) cell.font = { ...(st.bold ? { bold: true } : {}), ...(st.fontColor ? { color: { argb: argb(st.fontColor) } } : {}) };
    if (st.background) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(st.background) } };
    const horizontal = alignmentOf(st.horizontalAlignment);
    if (horizontal || st.wrapStrategy === 'WRAP') cell.alignment = { ...cell.alignment, ...(horizontal ? { horizontal } : {}), ...(st.wrapStrategy === 'WRAP' ? { wrapText: true } : {}) };
  }

  columnWidths(s).forEach((w, j) => {
    ws.getColumn(j + 1).width = w;
  });
  for (const v of s.validations) addValidation(ws, v, names, all);
  if (s.filter) ws.autoFilter = s.filter.range;
  protect(ws, s);
}

/**
 * Each column as wide as Sheets made it, and never narrower than the longest text it shows
 * (a date or an amount too wide for its column would read ### in Excel and LibreOffice).
 */
export function columnWidths(s: SheetSnapshot): number[] {
  const count = Math.max(0, ...s.displayValues.map((r) => r.length));
  const out: number[] = [];
  for (let j = 0; j < count; j++) {
    const px = s.columnWidths[columnToLetters(j + 1)] ?? 100;
    let longest = 0;
    for (const row of s.displayValues) longest = Math.max(longest, displayWidth(firstLine(row[j] ?? '')));
    out.push(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, px / PX_PER_CHAR, longest + 2)));
  }
  return out;
}

/** Hangul and other wide characters take two columns of a fixed-width cell, Latin one. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function firstLine(text: string): string {
  const i = text.indexOf('\n');
  return i < 0 ? text : text.slice(0, i);
}

function isDatePattern(format: string): boolean {
  return /[yd]/i.test(format.replace(/"[^"]*"/g, '')) && format !== '@';
}

function alignmentOf(h: string | undefined): 'left' | 'center' | 'right' | undefined {
  switch ((h ?? '').toLowerCase()) {
    case 'left':
    case 'start':
      return 'left';
    case 'center':
      return 'center';
    case 'right':
    case 'end':
      return 'right';
    default:
      return undefined;
  }
}

function checkboxCells(validations: readonly ValidationSummary[]): Set<string> {
  const out = new Set<string>();
  for (const v of validations) {
    if (v.criteria !== 'CHECKBOX') continue;
    for (const r of v.ranges) for (const a1 of cellsOf(r)) out.add(a1);
  }
  return out;
}

/** "C2:C5" → C2, C3, C4, C5 (the snapshot's ranges run down one column). */
function cellsOf(range: string): string[] {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
  if (!m) return [];
  const [, c1, r1, c2, r2] = m;
  if (!c2 || c2 !== c1) return [range.split(':')[0]!];
  const out: string[] = [];
  for (let r = Number(r1); r <= Number(r2); r++) out.push(`${c1}${r}`);
  return out;
}

function addValidation(ws: ExcelJS.Worksheet, v: ValidationSummary, names: string[], all: SheetSnapshot[]): void {
  const dv = excelValidation(v, names, all);
  if (!dv) return;
  // exceljs keeps range validations in the worksheet's model; its typings only show the cell one.
  const book = (ws as unknown as { dataValidations: { add(address: string, dv: ExcelJS.DataValidation): void } }).dataValidations;
  for (const r of v.ranges) book.add(r, dv);
}

function excelValidation(v: ValidationSummary, names: string[], all: SheetSnapshot[]): ExcelJS.DataValidation | null {
  const common = {
    allowBlank: true,
    showErrorMessage: !v.allowInvalid,
    errorStyle: v.allowInvalid ? 'warning' : 'stop',
    ...(v.helpText ? { showInputMessage: true, prompt: v.helpText.slice(0, 255) } : {}),
  } as const;
  const nums = v.values.filter((x): x is number => typeof x === 'number');
  switch (v.criteria) {
    case 'VALUE_IN_LIST': {
      const items = Array.isArray(v.values[0]) ? (v.values[0] as unknown[]).map(String) : [];
      const text = items.map((x) => x.replace(/"/g, '""')).join(',');
      if (items.length === 0 || text.length > MAX_LIST_CHARS || items.some((x) => x.includes(','))) return null;
      return { type: 'list', formulae: [`"${text}"`], ...common };
    }
    case 'VALUE_IN_RANGE': {
      const ref = typeof v.values[0] === 'string' ? v.values[0] : '';
      const bang = ref.lastIndexOf('!');
      if (bang < 0) return null;
      const i = all.findIndex((s) => s.name === ref.slice(0, bang));
      if (i < 0) return null;
      const [from, to] = ref.slice(bang + 1).split(':');
      const abs = (a: string | undefined) => (a ? a.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2') : '');
      return { type: 'list', formulae: [`'${names[i]!.replace(/'/g, "''")}'!${abs(from)}${to ? `:${abs(to)}` : ''}`], ...common };
    }
    case 'NUMBER_BETWEEN':
      return nums.length === 2 ? { type: 'decimal', operator: 'between', formulae: nums, ...common } : null;
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return nums.length === 1 ? { type: 'decimal', operator: 'greaterThanOrEqual', formulae: nums, ...common } : null;
    case 'NUMBER_GREATER_THAN':
      return nums.length === 1 ? { type: 'decimal', operator: 'greaterThan', formulae: nums, ...common } : null;
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return nums.length === 1 ? { type: 'decimal', operator: 'lessThanOrEqual', formulae: nums, ...common } : null;
    default:
      return null;
  }
}

/**
 * Sheets protects ranges; Excel protects sheets with cells locked or not. A protected range
 * becomes locked cells of a protected sheet whose other cells stay unlocked; a protected sheet
 * keeps its unprotected ranges open. No password: as in Sheets, the owner can lift it.
 */
function protect(ws: ExcelJS.Worksheet, s: SheetSnapshot): void {
  const enforced = s.protections.filter((p) => !p.warningOnly);
  if (enforced.length === 0) return;
  const rows = s.values.length;
  const cols = Math.max(1, ...s.values.map((r) => r.length));
  const whole = enforced.some((p) => p.type === 'SHEET');
  const locked = (r: number, c: number): boolean => {
    if (whole) {
      const open = enforced.flatMap((p) => p.unprotectedRanges).some((a) => inRange(a, r, c));
      return !open;
    }
    return enforced.some((p) => p.type === 'RANGE' && inRange(p.range, r, c));
  };
  // Rows past the data take their column's default, so staff can still add rows where Sheets lets them.
  for (let c = 1; c <= cols; c++) ws.getColumn(c).protection = { locked: locked(rows + 1, c) };
  for (let r = 1; r <= rows; r++) for (let c = 1; c <= cols; c++) ws.getCell(r, c).protection = { locked: locked(r, c) };
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, sort: true, autoFilter: true });
}

function inRange(a1: string, row: number, col: number): boolean {
  const m = /^([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$/.exec(a1);
  if (!m) return false;
  const [, c1 = '', r1 = '', c2 = c1, r2 = r1] = m;
  const colFrom = c1 ? lettersToColumn(c1) : 1;
  const colTo = c2 ? lettersToColumn(c2) : Number.MAX_SAFE_INTEGER;
  const rowFrom = r1 ? Number(r1) : 1;
  const rowTo = r2 ? Number(r2) : Number.MAX_SAFE_INTEGER;
  return row >= rowFrom && row <= rowTo && col >= colFrom && col <= colTo;
}

/** "#d9ead3" → "FFD9EAD3". */
function argb(color: string): string {
  const hex = color.replace(/^#/, '');
  const six = hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
  return /^[0-9a-f]{6}$/i.test(six) ? `FF${six.toUpperCase()}` : 'FF000000';
}

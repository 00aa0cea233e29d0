/**
 * Reading and writing cells the way the Sheets backend does for Apps Script: values come out as
 * numbers, booleans, strings and Dates (a number under a date pattern), display text follows the
 * cell's number format, and strings go in USER_ENTERED (coerce.ts) unless the cell is plain text.
 * Shared by the facades and the simulated person (user-actions.ts).
 */
import { GasException } from '../../errors';
import type { GridArea } from './a1';
import { parseUserEntered } from './coerce';
import { defaultDatePattern, formatCell, formatKind } from './format';
import { evaluateFormula, formulaHasReferences, FormulaError, REF_ERROR, type CellReader, type Scalar } from './formula';
import type { CellStyle } from './grid';
import { sheetMessages } from './messages';
import type { SheetModel } from './model';
import { dateToSerial, isDateObject, serialToDate } from './serial';
import { satisfies, type CheckContext, type ValidationRule } from './validation';

/** What getValues() returns for one cell. */
export type CellValue = string | number | boolean | Date;

export const MAX_CELL_CHARS = 50_000;

export function isDateStyle(s: CellStyle | undefined): boolean {
  return s?.numberFormat !== undefined && formatKind(s.numberFormat) === 'date';
}

function isTextStyle(s: CellStyle | undefined): boolean {
  return s?.numberFormat !== undefined && formatKind(s.numberFormat) === 'text';
}

/** One stored value as getValue() returns it. 0-based coordinates. */
export function readCell(sheet: SheetModel, r: number, c: number): CellValue {
  const v = liveValue(sheet, r, c);
  if (typeof v === 'number' && isDateStyle(sheet.grid.style(r, c))) return serialToDate(v, sheet.spreadsheet.timeZone);
  return v;
}

/** getValues() of a 1-based area. */
export function readValues(sheet: SheetModel, area: GridArea): CellValue[][] {
  const r0 = area.row - 1;
  const c0 = area.col - 1;
  const raw: CellValue[][] = sheet.grid.readValues(r0, c0, area.numRows, area.numCols);
  refreshFormulas(sheet, area, raw, (v) => v);
  if (!sheet.grid.hasStyles(r0, area.numRows)) return raw;
  const tz = sheet.spreadsheet.timeZone;
  sheet.grid.forEach(r0, c0, area.numRows, area.numCols, (i, j, _v, s) => {
    const line = raw[i];
    const v = line?.[j];
    if (line && typeof v === 'number' && isDateStyle(s)) line[j] = serialToDate(v, tz);
  });
  return raw;
}

export function displayCell(sheet: SheetModel, r: number, c: number): string {
  return formatCell(sheet.grid.value(r, c), sheet.grid.style(r, c)?.numberFormat, { locale: sheet.spreadsheet.locale });
}

/** getDisplayValues() of a 1-based area. */
export function readDisplayValues(sheet: SheetModel, area: GridArea): string[][] {
  const out: string[][] = [];
  const opts = { locale: sheet.spreadsheet.locale };
  sheet.grid.forEach(area.row - 1, area.col - 1, area.numRows, area.numCols, (i, j, v, s) => {
    const line = (out[i] ??= []);
    line[j] = formatCell(v, s?.numberFormat, opts);
  });
  refreshFormulas(sheet, area, out, (v, s) => formatCell(v, s?.numberFormat, opts));
  return out;
}

/** getFormulas() of a 1-based area: "" where a cell has none. */
export function readFormulas(sheet: SheetModel, area: GridArea): string[][] {
  const out: string[][] = [];
  sheet.grid.forEach(area.row - 1, area.col - 1, area.numRows, area.numCols, (i, j, _v, _s, f) => {
    (out[i] ??= [])[j] = f ?? '';
  });
  return out;
}

export interface WriteOptions {
  /** RAW stores strings as they are (host seeding); USER_ENTERED parses them like typing. */
  input?: 'USER_ENTERED' | 'RAW';
}

/**
 * Writes one script- or user-supplied value into a 0-based cell.
 *  - null/undefined/"" clear the value (formats stay);
 *  - numbers, booleans are stored as they are; non-finite numbers as their text [R];
 *  - Dates become serials in the spreadsheet's time zone and give an automatic-format cell the
 *    locale's date pattern;
 *  - strings are parsed USER_ENTERED unless the cell is plain text "@";
 *  - anything else is stored as its String() [R: Apps Script prints Java-ish text for objects].
 */
export function writeCell(sheet: SheetModel, r: number, c: number, input: unknown, opts: WriteOptions = {}): void {
  const grid = sheet.grid;
  const style = grid.style(r, c);
  if (input === null || input === undefined || input === '') {
    grid.setCell(r, c, '');
    return;
  }
  if (typeof input === 'number') {
    grid.setCell(r, c, Number.isFinite(input) ? input : String(input));
    return;
  }
  if (typeof input === 'boolean') {
    grid.setCell(r, c, input);
    return;
  }
  if (isDateObject(input)) {
    const t = input.getTime();
    if (Number.isNaN(t)) {
      grid.setCell(r, c, 'Invalid Date');
      return;
    }
    const serial = dateToSerial(input, sheet.spreadsheet.timeZone);
    grid.setCell(r, c, serial);
    if (style?.numberFormat === undefined) {
      const hasTime = Math.abs(serial - Math.round(serial)) > 1e-9;
      setStyleField(sheet, r, c, 'numberFormat', defaultDatePattern(sheet.spreadsheet.locale, hasTime));
    }
    return;
  }
  const text = typeof input === 'string' ? input : String(input);
  if (text.length > MAX_CELL_CHARS) throw new GasException(sheetMessages.cellTooLong);
  if (opts.input === 'RAW' || isTextStyle(style)) {
    grid.setCell(r, c, text);
    return;
  }
  const entered = parseUserEntered(text, sheet.spreadsheet.locale);
  if (entered.formula !== undefined) {
    writeFormula(sheet, r, c, entered.formula);
    return;
  }
  grid.setCell(r, c, entered.value);
  if (entered.autoFormat !== undefined && style?.numberFormat === undefined) setStyleField(sheet, r, c, 'numberFormat', entered.autoFormat);
}

/** Stores a formula and its (literal-only) value; see formula.ts. */
export function writeFormula(sheet: SheetModel, r: number, c: number, formula: string): void {
  if (formula === '') {
    sheet.grid.setCell(r, c, '');
    return;
  }
  const f = formula.startsWith('=') ? formula : `=${formula}`;
  // A formula reading cells is evaluated again whenever it is read (see liveValue).
  if (formulaHasReferences(f)) sheet.spreadsheet.liveFormulas = true;
  sheet.grid.setCell(r, c, evaluateFormula(f, cellReader(sheet)), f);
}

/**
 * What a formula reads from other cells: their current values, formulas evaluated in turn. A
 * cycle reads #REF! (Sheets: "Circular dependency detected"), as does a missing sheet.
 */
export function cellReader(sheet: SheetModel, visiting = new Set<string>()): CellReader {
  return {
    value(name, r, c) {
      const target = name === undefined ? sheet : sheet.spreadsheet.sheetByName(name);
      if (!target || r >= target.maxRows || c >= target.maxColumns) throw new FormulaError(REF_ERROR);
      return liveValue(target, r, c, visiting);
    },
  };
}

/** A cell's value now: a formula that reads cells is evaluated again (0-based coordinates). */
function liveValue(sheet: SheetModel, r: number, c: number, visiting = new Set<string>()): Scalar {
  const f = sheet.grid.formula(r, c);
  if (f === undefined || !sheet.spreadsheet.liveFormulas || !formulaHasReferences(f)) return sheet.grid.value(r, c);
  const key = `${sheet.sheetId}:${r}:${c}`;
  if (visiting.has(key)) throw new FormulaError(REF_ERROR);
  visiting.add(key);
  try {
    return evaluateFormula(f, cellReader(sheet, visiting));
  } finally {
    visiting.delete(key);
  }
}

/** Replaces the stored values of formula cells in `raw` (an area's grid) with their live values. */
function refreshFormulas<T>(sheet: SheetModel, area: GridArea, raw: T[][], map: (v: Scalar, s: CellStyle | undefined) => T): void {
  if (!sheet.spreadsheet.liveFormulas) return;
  sheet.grid.forEach(area.row - 1, area.col - 1, area.numRows, area.numCols, (i, j, _v, s, f) => {
    if (f === undefined) return;
    const line = raw[i];
    if (line) line[j] = map(liveValue(sheet, area.row - 1 + i, area.col - 1 + j), s);
  });
}

export function setStyleField<K extends keyof CellStyle>(sheet: SheetModel, r: number, c: number, field: K, value: CellStyle[K] | undefined): void {
  const old = sheet.grid.style(r, c);
  if (old?.[field] === value) return;
  const next: Record<string, unknown> = { ...(old ?? {}) };
  if (value === undefined) delete next[field];
  else next[field] = value;
  sheet.grid.setStyle(r, c, Object.keys(next).length === 0 ? undefined : (next as CellStyle));
}

/** The context a validation check needs for a cell of `sheet`. */
export function checkContext(sheet: SheetModel, isDate: boolean): CheckContext {
  const ss = sheet.spreadsheet;
  return {
    timeZone: ss.timeZone,
    isDate,
    rangeValues(ref) {
      const target = ss.sheetById(ref.sheetId);
      if (!target) return [];
      return target.grid.readValues(ref.area.row - 1, ref.area.col - 1, ref.area.numRows, ref.area.numCols).flat();
    },
  };
}

/** Whether the value now in a 0-based cell satisfies `rule`. */
export function cellSatisfies(sheet: SheetModel, r: number, c: number, rule: ValidationRule): boolean {
  const v: Scalar = sheet.grid.value(r, c);
  return satisfies(rule, v, checkContext(sheet, isDateStyle(sheet.grid.style(r, c))));
}

/** Rows (1-based) that the sheet's filter hides. The filter's first row is its header. */
export function rowsHiddenByFilter(sheet: SheetModel): Set<number> {
  const hidden = new Set<number>();
  const f = sheet.filter;
  if (!f || f.criteria.size === 0) return hidden;
  for (let r = f.area.row + 1; r < f.area.row + f.area.numRows; r++) {
    for (const [col, crit] of f.criteria) {
      const shown = displayCell(sheet, r - 1, col - 1);
      if (crit.hiddenValues.includes(shown) || (crit.visibleValues.length > 0 && !crit.visibleValues.includes(shown))) {
        hidden.add(r);
        break;
      }
    }
  }
  return hidden;
}

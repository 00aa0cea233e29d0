/**
 * Host-only: a picture of every spreadsheet for output (workbook.json, XLSX). Each sheet's used
 * grid is given as getValues() would return it (A1 to the last row and column with content, at
 * least 1×1), with display text, formulas, notes and number formats cell by cell, and summaries
 * of styles, validation rules, protections and the filter.
 */
import { areaToA1, cellA1, columnToLetters, type GridArea } from './a1';
import { readDisplayValues, readFormulas, readValues, rowsHiddenByFilter, type CellValue } from './cells';
import { GENERAL_PATTERN } from './format';
import type { CellStyle } from './grid';
import type { SheetModel, SpreadsheetModel, SpreadsheetStore } from './model';
import type { RuleArg, ValidationRule } from './validation';

export interface ValidationSummary {
  /** Cells under the rule, as A1 ranges ("C2:C100"). */
  ranges: string[];
  criteria: string;
  /** Criteria values, JSON-friendly: dates as ISO text, ranges as "Sheet!A1:B2". */
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface ProtectionSummary {
  type: 'RANGE' | 'SHEET';
  /** "" for a sheet protection. */
  range: string;
  description: string;
  warningOnly: boolean;
  editors: string[];
  unprotectedRanges: string[];
}

export interface StyleSummary {
  cell: string;
  bold?: true;
  background?: string;
  fontColor?: string;
  horizontalAlignment?: string;
  wrapStrategy?: string;
}

export interface SheetSnapshot {
  name: string;
  sheetId: number;
  /** 1-based tab position. */
  index: number;
  hidden: boolean;
  tabColor: string | null;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  /** Columns with a width other than 100 px, by letter. */
  columnWidths: Record<string, number>;
  /** A1 notation of the used grid. */
  range: string;
  values: CellValue[][];
  displayValues: string[][];
  formulas: string[][];
  notes: string[][];
  numberFormats: string[][];
  styles: StyleSummary[];
  validations: ValidationSummary[];
  protections: ProtectionSummary[];
  filter: { range: string; hiddenValues: Record<string, string[]>; hiddenRows: number[] } | null;
}

export interface SpreadsheetSnapshot {
  id: string;
  name: string;
  url: string;
  owner: string;
  editors: string[];
  viewers: string[];
  timeZone: string;
  locale: string;
  activeSheet: string;
  namedRanges: { name: string; range: string }[];
  sheets: SheetSnapshot[];
}

function usedArea(sheet: SheetModel): GridArea {
  return { row: 1, col: 1, numRows: Math.max(1, sheet.lastRow()), numCols: Math.max(1, sheet.lastColumn()) };
}

function argJson(a: RuleArg, ss: SpreadsheetModel): unknown {
  if (a instanceof Date) return a.toISOString();
  if (typeof a === 'object' && a !== null && !Array.isArray(a) && 'kind' in a) {
    const s = ss.sheetById(a.sheetId);
    return `${s?.name ?? '?'}!${areaToA1(a.area)}`;
  }
  return a;
}

/** Runs of cells sharing one rule, merged down columns into "C2:C100" ranges. */
function validationSummaries(sheet: SheetModel): ValidationSummary[] {
  const byRule = new Map<ValidationRule, Map<number, number[]>>();
  const grid = sheet.grid;
  const last = { rows: sheet.maxRows, cols: sheet.maxColumns };
  grid.forEach(0, 0, Math.min(last.rows, Math.max(sheet.lastRow(), grid.lastStyledRow())), last.cols, (i, j, _v, s) => {
    const rule = s?.validation;
    if (!rule) return;
    let cols = byRule.get(rule);
    if (!cols) byRule.set(rule, (cols = new Map()));
    let rows = cols.get(j);
    if (!rows) cols.set(j, (rows = []));
    rows.push(i + 1);
  });
  const out: ValidationSummary[] = [];
  for (const [rule, cols] of byRule) {
    const ranges: string[] = [];
    for (const [j, rows] of cols) {
      let start = rows[0] ?? 1;
      let prev = start;
      const flush = (): void => {
        const col = columnToLetters(j + 1);
        ranges.push(start === prev ? `${col}${start}` : `${col}${start}:${col}${prev}`);
      };
      for (const r of rows.slice(1)) {
        if (r === prev + 1) prev = r;
        else {
          flush();
          start = prev = r;
        }
      }
      flush();
    }
    out.push({
      ranges,
      criteria: rule.criteria,
      values: rule.args.map((a) => argJson(a, sheet.spreadsheet)),
      allowInvalid: rule.allowInvalid,
      helpText: rule.helpText,
    });
  }
  return out;
}

function styleSummary(cell: string, s: CellStyle): StyleSummary | null {
  const out: StyleSummary = { cell };
  let any = false;
  if (s.fontWeight === 'bold') (out.bold = true), (any = true);
  if (s.background !== undefined) (out.background = s.background), (any = true);
  if (s.fontColor !== undefined) (out.fontColor = s.fontColor), (any = true);
  if (s.hAlign !== undefined) (out.horizontalAlignment = s.hAlign), (any = true);
  if (s.wrapStrategy !== undefined) (out.wrapStrategy = s.wrapStrategy), (any = true);
  return any ? out : null;
}

export function snapshotSheet(sheet: SheetModel): SheetSnapshot {
  const area = usedArea(sheet);
  const notes: string[][] = [];
  const numberFormats: string[][] = [];
  const styles: StyleSummary[] = [];
  sheet.grid.forEach(0, 0, area.numRows, area.numCols, (i, j, _v, s) => {
    (notes[i] ??= [])[j] = s?.note ?? '';
    (numberFormats[i] ??= [])[j] = s?.numberFormat ?? GENERAL_PATTERN;
    if (s) {
      const sum = styleSummary(cellA1(i + 1, j + 1), s);
      if (sum) styles.push(sum);
    }
  });
  const columnWidths: Record<string, number> = {};
  for (const [c, w] of [...sheet.columnWidths].sort((a, b) => a[0] - b[0])) if (w !== 100) columnWidths[columnToLetters(c)] = w;
  const f = sheet.filter;
  return {
    name: sheet.name,
    sheetId: sheet.sheetId,
    index: sheet.index,
    hidden: sheet.hidden,
    tabColor: sheet.tabColor,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    columnWidths,
    range: areaToA1(area),
    values: readValues(sheet, area),
    displayValues: readDisplayValues(sheet, area),
    formulas: readFormulas(sheet, area),
    notes,
    numberFormats,
    styles,
    validations: validationSummaries(sheet),
    protections: sheet.protections
      .filter((p) => !p.removed)
      .map((p) => ({
        type: p.type,
        range: p.type === 'SHEET' ? '' : areaToA1(p.area),
        description: p.description,
        warningOnly: p.warningOnly,
        editors: [...p.editors],
        unprotectedRanges: p.unprotected.map((a) => areaToA1(a)),
      })),
    filter: f
      ? {
          range: areaToA1(f.area),
          hiddenValues: Object.fromEntries([...f.criteria].map(([col, c]) => [columnToLetters(col), [...c.hiddenValues]])),
          hiddenRows: [...rowsHiddenByFilter(sheet)].sort((a, b) => a - b),
        }
      : null,
  };
}

export function snapshotSpreadsheet(ss: SpreadsheetModel): SpreadsheetSnapshot {
  return {
    id: ss.id,
    name: ss.name,
    url: ss.url,
    owner: ss.owner,
    editors: [...ss.file.editors],
    viewers: [...ss.file.viewers],
    timeZone: ss.timeZone,
    locale: ss.locale,
    activeSheet: ss.activeSheet().name,
    namedRanges: ss.namedRanges.map((n) => ({ name: n.name, range: `${n.sheet.name}!${areaToA1(n.area)}` })),
    sheets: ss.sheets.map((s) => snapshotSheet(s)),
  };
}

export function snapshotStore(store: SpreadsheetStore): SpreadsheetSnapshot[] {
  return store.list().map((ss) => snapshotSpreadsheet(ss));
}

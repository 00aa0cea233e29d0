/**
 * Host-only: creating a spreadsheet with content for a test or a sandbox scenario, as if a
 * person had prepared it (no quota, no round trips).
 */
import type { World } from '../../world';
import { parseRangeNotation, resolveParsed, type GridArea } from './a1';
import { setStyleField, writeCell } from './cells';
import type { CellStyle } from './grid';
import { DEFAULT_COLUMNS, DEFAULT_ROWS, spreadsheetStore, type SheetModel, type SpreadsheetModel } from './model';
import type { ValidationRule } from './validation';

export interface SeedProtection {
  /** A1 range; omitted for a whole-sheet protection. */
  range?: string;
  description?: string;
  warningOnly?: boolean;
  editors?: string[];
}

export interface SeedSheet {
  name?: string;
  /** Rows of cell contents from A1. Strings are typed in (USER_ENTERED) unless `input` is RAW. */
  values?: unknown[][];
  /** Number formats by A1 range, applied before the values (so "@" keeps text as typed). */
  numberFormats?: Record<string, string>;
  notes?: Record<string, string>;
  validations?: { range: string; rule: ValidationRule }[];
  protections?: SeedProtection[];
  /** Defaults: 1000 rows × 26 columns, grown to fit `values`. */
  rows?: number;
  columns?: number;
  frozenRows?: number;
  frozenColumns?: number;
  hidden?: boolean;
  tabColor?: string;
  bold?: string[];
}

export interface SeedSpreadsheet {
  id?: string;
  name: string;
  owner: string;
  editors?: string[];
  viewers?: string[];
  /** Default Asia/Seoul. */
  timeZone?: string;
  /** Default ko_KR. */
  locale?: string;
  /** Default: one empty default sheet. */
  sheets?: SeedSheet[];
  namedRanges?: Record<string, string>;
  input?: 'USER_ENTERED' | 'RAW';
  createdAt?: number;
}

function areaOf(sheet: SheetModel, a1: string): GridArea {
  const p = parseRangeNotation(a1);
  if (!p) throw new Error(`bad range ${a1}`);
  return resolveParsed(p, sheet.maxRows, sheet.maxColumns);
}

function eachCell(area: GridArea, fn: (r: number, c: number) => void): void {
  for (let r = area.row - 1; r < area.row - 1 + area.numRows; r++) for (let c = area.col - 1; c < area.col - 1 + area.numCols; c++) fn(r, c);
}

function applyStyle<K extends keyof CellStyle>(sheet: SheetModel, a1: string, field: K, value: CellStyle[K]): void {
  eachCell(areaOf(sheet, a1), (r, c) => setStyleField(sheet, r, c, field, value));
}

function fillSheet(sheet: SheetModel, spec: SeedSheet, input: 'USER_ENTERED' | 'RAW'): void {
  for (const [a1, format] of Object.entries(spec.numberFormats ?? {})) applyStyle(sheet, a1, 'numberFormat', format.toLowerCase() === 'general' ? undefined : format);
  (spec.values ?? []).forEach((line, i) => line.forEach((v, j) => writeCell(sheet, i, j, v, { input })));
  for (const [a1, note] of Object.entries(spec.notes ?? {})) applyStyle(sheet, a1, 'note', note);
  for (const v of spec.validations ?? []) applyStyle(sheet, v.range, 'validation', v.rule);
  for (const a1 of spec.bold ?? []) applyStyle(sheet, a1, 'fontWeight', 'bold');
  for (const p of spec.protections ?? []) {
    const area = p.range
      ? areaOf(sheet, p.range)
      : { row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxColumns, open: { startRow: true, endRow: true, startCol: true, endCol: true } };
    sheet.protections.push({
      id: sheet.spreadsheet.nextProtectionId(),
      type: p.range ? 'RANGE' : 'SHEET',
      sheet,
      area,
      description: p.description ?? '',
      warningOnly: p.warningOnly ?? false,
      editors: new Set(p.editors ?? []),
      domainEdit: false,
      unprotected: [],
      rangeName: null,
      removed: false,
    });
  }
  sheet.frozenRows = spec.frozenRows ?? 0;
  sheet.frozenColumns = spec.frozenColumns ?? 0;
  sheet.hidden = spec.hidden ?? false;
  sheet.tabColor = spec.tabColor ?? null;
}

/** Creates a spreadsheet, registers its Drive file and fills it. */
export function seedSpreadsheet(world: World, spec: SeedSpreadsheet): SpreadsheetModel {
  const sheets = spec.sheets ?? [{}];
  const first = sheets[0] ?? {};
  const size = (s: SeedSheet): { rows: number; columns: number } => ({
    rows: Math.max(s.rows ?? DEFAULT_ROWS, s.values?.length ?? 0),
    columns: Math.max(s.columns ?? DEFAULT_COLUMNS, ...(s.values ?? []).map((l) => l.length)),
  });
  const ss = spreadsheetStore(world).create(world, {
    name: spec.name,
    owner: spec.owner,
    timeZone: spec.timeZone ?? 'Asia/Seoul',
    locale: spec.locale ?? 'ko_KR',
    ...size(first),
    ...(spec.id !== undefined ? { id: spec.id } : {}),
    ...(spec.createdAt !== undefined ? { createdAt: spec.createdAt } : {}),
  });
  for (const e of spec.editors ?? []) ss.file.editors.add(e);
  for (const v of spec.viewers ?? []) ss.file.viewers.add(v);
  const input = spec.input ?? 'USER_ENTERED';
  sheets.forEach((s, i) => {
    let sheet = ss.sheets[0];
    if (i === 0 && sheet) {
      if (s.name !== undefined) sheet.name = s.name;
    } else {
      const { rows, columns } = size(s);
      sheet = ss.addSheet(s.name, undefined, rows, columns);
    }
    if (sheet) fillSheet(sheet, s, input);
  });
  for (const [name, ref] of Object.entries(spec.namedRanges ?? {})) {
    const p = parseRangeNotation(ref);
    const sheet = p?.sheetName !== undefined ? ss.sheetByName(p.sheetName) : ss.sheets[0];
    if (!p || !sheet) throw new Error(`bad named range ${ref}`);
    ss.namedRanges.push({ name, sheet, area: resolveParsed(p, sheet.maxRows, sheet.maxColumns) });
  }
  return ss;
}

/** A dropdown rule (Data > Data validation > Dropdown), rejecting other input by default. */
export function listRule(values: string[], opts: { allowInvalid?: boolean; helpText?: string; showDropdown?: boolean } = {}): ValidationRule {
  return { criteria: 'VALUE_IN_LIST', args: [values, opts.showDropdown ?? true], allowInvalid: opts.allowInvalid ?? false, helpText: opts.helpText ?? null };
}

/** A checkbox rule (Insert > Checkbox). */
export function checkboxRule(): ValidationRule {
  return { criteria: 'CHECKBOX', args: [], allowInvalid: true, helpText: null };
}

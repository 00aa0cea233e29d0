/**
 * Small helpers the facades share: Apps Script's argument checks, enum arguments, colours, and
 * the protection check every write goes through.
 */
import { GasException, gasMessages, signatureTypes } from '../../errors';
import type { GridArea } from './a1';
import { areaContains } from './areas';
import { sheetMessages } from './messages';
import type { ProtectionModel, SheetModel } from './model';

/** "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues." */
export function signatureError(gasName: string, method: string, args: readonly unknown[]): GasException {
  return new GasException(gasMessages.signature(signatureTypes(args), `${gasName}.${method}`));
}

export function is2D(v: unknown): v is unknown[][] {
  return Array.isArray(v) && v.every((row) => Array.isArray(row));
}

export function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** An enum argument: the member's name, as scripts see enum values. */
export function enumName<T extends string>(v: unknown, members: readonly T[]): T | null {
  const name = typeof v === 'string' ? v : typeof v === 'object' && v !== null ? String(v) : null;
  return name !== null && (members as readonly string[]).includes(name) ? (name as T) : null;
}

const NAMED_COLORS: Readonly<Record<string, string>> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  cyan: '#00ffff',
  magenta: '#ff00ff',
  gray: '#808080',
  grey: '#808080',
  orange: '#ffa500',
  purple: '#800080',
  silver: '#c0c0c0',
  navy: '#000080',
};

/**
 * Colours read back as lower-case #rrggbb; CSS names are translated; "#abc" is expanded.
 * Anything else is kept as given: live Sheets accepts invalid colours silently (row 37).
 */
export function normaliseColor(color: string): string {
  const c = color.trim().toLowerCase();
  const named = NAMED_COLORS[c];
  if (named) return named;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return c;
}

export function areasIntersect(a: GridArea, b: GridArea): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;
}

function areaInside(inner: GridArea, outer: GridArea): boolean {
  return areaContains(outer, inner.row, inner.col) && areaContains(outer, inner.row + inner.numRows - 1, inner.col + inner.numCols - 1);
}

/** The active protections over `area` (a sheet protection minus its unprotected holes). */
export function protectionsOver(sheet: SheetModel, area: GridArea): ProtectionModel[] {
  return sheet.protections.filter((p) => {
    if (p.removed) return false;
    if (p.type === 'RANGE') return areasIntersect(p.area, area);
    return !p.unprotected.some((hole) => areaInside(area, hole));
  });
}

/**
 * Throws Sheets' protected-cell message when `email` may not change `area`. Warning-only
 * protections let scripts through (the warning is a UI dialog); the owner can always edit.
 */
export function assertCanWrite(sheet: SheetModel, area: GridArea, email: string): void {
  for (const p of protectionsOver(sheet, area)) {
    if (!p.warningOnly && !sheet.spreadsheet.canEdit(p, email)) throw new GasException(sheetMessages.protectedCell);
  }
}

/** The whole sheet as an area (for structural edits). */
export function wholeSheet(sheet: SheetModel): GridArea {
  return { row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxColumns };
}

/** Java's Double.toString for the values Apps Script hands to Java as doubles ("25.0"). */
export function javaNumberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e7) return `${n}.0`;
  return String(n);
}

/** Inserting, deleting or sorting rows needs edit rights on the sheet's protection, if any. */
export function assertCanRestructure(sheet: SheetModel, email: string): void {
  for (const p of sheet.protections) {
    if (p.type === 'SHEET' && !p.removed && !p.warningOnly && !sheet.spreadsheet.canEdit(p, email)) {
      throw new GasException(sheetMessages.protectedCell);
    }
  }
}

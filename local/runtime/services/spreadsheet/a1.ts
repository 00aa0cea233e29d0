/**
 * A1 and R1C1 range notation: parsing what scripts pass to getRange() and printing what
 * getA1Notation() returns. Pure functions, no sheet state: the caller resolves open ends
 * against the sheet's size (whole rows "5:7", whole columns "D:F", open-ended "A2:B").
 */

/** A rectangle on a sheet, 1-based like the Apps Script API. */
export interface GridArea {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  /**
   * Which edges the notation left open (and were filled in from the sheet's size). They only
   * change how the area prints: "D:F" rather than "D1:F1000". A sheet-level protection's area is
   * open on all four edges and prints as "" (reference §1.2 row 11).
   */
  open?: OpenEdges;
}

export interface OpenEdges {
  startRow?: boolean;
  endRow?: boolean;
  startCol?: boolean;
  endCol?: boolean;
}

/** A parsed notation before it meets a sheet. `undefined` coordinates are open edges. */
export interface ParsedRange {
  sheetName?: string;
  r1?: number;
  c1?: number;
  r2?: number;
  c2?: number;
}

/** Sheets' last column is ZZZ (18,278; reference apps-script-platform §1.5). */
export const MAX_COLUMNS = 18278;

export function columnToLetters(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const ENDPOINT = /^\$?([A-Za-z]{1,3})?\$?([0-9]+)?$/;
const R1C1 = /^R([0-9]+)C([0-9]+)(?::R([0-9]+)C([0-9]+))?$/i;
const SHEET_PREFIX = /^(?:'((?:[^']|'')+)'|([^!']+))!(.+)$/;

interface Endpoint {
  col?: number;
  row?: number;
}

function parseEndpoint(text: string): Endpoint | null {
  const m = ENDPOINT.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const ep: Endpoint = {};
  if (m[1] !== undefined) ep.col = lettersToColumn(m[1]);
  if (m[2] !== undefined) {
    const row = Number(m[2]);
    if (row < 1) return null;
    ep.row = row;
  }
  if (ep.col !== undefined && ep.col > MAX_COLUMNS) return null;
  return ep;
}

/**
 * Parses "B2:D5", "$C$3", "Sheet 1!E10:F12", "'It''s'!A1", "5:7", "D:F", "A2:B", "R2C2:R4C5".
 * Returns null for text Apps Script answers with "Range not found". R1C1 is tried first: it is
 * undocumented but accepted by getRange (reference §1.2 row 7); "RC1" is not R1C1 and falls back
 * to A1 as column RC, row 1 (row 8).
 */
export function parseRangeNotation(notation: string): ParsedRange | null {
  let text = notation.trim();
  let sheetName: string | undefined;
  const sm = SHEET_PREFIX.exec(text);
  if (sm) {
    sheetName = sm[1] !== undefined ? sm[1].replace(/''/g, "'") : sm[2];
    text = sm[3] ?? '';
  }
  const base: ParsedRange = sheetName === undefined ? {} : { sheetName };

  const rc = R1C1.exec(text);
  if (rc) {
    const r1 = Number(rc[1]);
    const c1 = Number(rc[2]);
    const r2 = rc[3] === undefined ? r1 : Number(rc[3]);
    const c2 = rc[4] === undefined ? c1 : Number(rc[4]);
    if (r1 < 1 || c1 < 1 || r2 < 1 || c2 < 1) return null;
    return { ...base, ...normalise(r1, c1, r2, c2) };
  }

  const parts = text.split(':');
  if (parts.length > 2) return null;
  const a = parseEndpoint(parts[0] ?? '');
  if (!a) return null;
  if (parts.length === 1) {
    // A lone "B" or "5" is not a range.
    if (a.col === undefined || a.row === undefined) return null;
    return { ...base, r1: a.row, c1: a.col, r2: a.row, c2: a.col };
  }
  const b = parseEndpoint(parts[1] ?? '');
  if (!b) return null;

  if (a.row !== undefined && a.col !== undefined && b.row !== undefined && b.col !== undefined) {
    return { ...base, ...normalise(a.row, a.col, b.row, b.col) };
  }
  if (a.row === undefined && b.row === undefined && a.col !== undefined && b.col !== undefined) {
    // Whole columns "D:F".
    return { ...base, c1: Math.min(a.col, b.col), c2: Math.max(a.col, b.col) };
  }
  if (a.col === undefined && b.col === undefined && a.row !== undefined && b.row !== undefined) {
    // Whole rows "5:7".
    return { ...base, r1: Math.min(a.row, b.row), r2: Math.max(a.row, b.row) };
  }
  if (a.row !== undefined && a.col !== undefined && b.row === undefined && b.col !== undefined) {
    // "A2:B": from row 2 down to the bottom of the sheet.
    return { ...base, r1: a.row, c1: Math.min(a.col, b.col), c2: Math.max(a.col, b.col) };
  }
  if (a.row !== undefined && a.col !== undefined && b.col === undefined && b.row !== undefined) {
    // "A2:5": rows 2 to 5 from column A to the right edge.
    return { ...base, c1: a.col, r1: Math.min(a.row, b.row), r2: Math.max(a.row, b.row) };
  }
  return null;
}

function normalise(r1: number, c1: number, r2: number, c2: number): Required<Omit<ParsedRange, 'sheetName'>> {
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

/** Fills a parsed range's open edges from the sheet's size. */
export function resolveParsed(p: ParsedRange, maxRows: number, maxCols: number): GridArea {
  const open: OpenEdges = {};
  if (p.r1 === undefined) open.startRow = true;
  if (p.r2 === undefined) open.endRow = true;
  if (p.c1 === undefined) open.startCol = true;
  if (p.c2 === undefined) open.endCol = true;
  const r1 = p.r1 ?? 1;
  const c1 = p.c1 ?? 1;
  const r2 = p.r2 ?? maxRows;
  const c2 = p.c2 ?? maxCols;
  const area: GridArea = { row: r1, col: c1, numRows: r2 - r1 + 1, numCols: c2 - c1 + 1 };
  if (Object.keys(open).length > 0) area.open = open;
  return area;
}

/** getA1Notation(): no sheet prefix, no `$`, single cells as "C3" (reference §1.2 rows 1–6). */
export function areaToA1(area: GridArea): string {
  const o = area.open ?? {};
  const lastRow = area.row + area.numRows - 1;
  const lastCol = area.col + area.numCols - 1;
  const rowsOpen = o.startRow === true && o.endRow === true;
  const colsOpen = o.startCol === true && o.endCol === true;
  if (rowsOpen && colsOpen) return '';
  if (rowsOpen) return `${columnToLetters(area.col)}:${columnToLetters(lastCol)}`;
  if (colsOpen) return `${area.row}:${lastRow}`;
  const start = `${columnToLetters(area.col)}${area.row}`;
  const end = `${o.endCol === true ? '' : columnToLetters(lastCol)}${o.endRow === true ? '' : lastRow}`;
  if (area.numRows === 1 && area.numCols === 1 && !o.endRow && !o.endCol) return start;
  return `${start}:${end}`;
}

/** "C3" for row 3, column 3. */
export function cellA1(row: number, col: number): string {
  return `${columnToLetters(col)}${row}`;
}

/** Quotes a sheet name for use in "Sheet!A1" when it needs quoting. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * Host-only: a person working in a spreadsheet, for the sandbox and for tests. These change the
 * models directly (no script, no round trips) with the rules the Sheets editor applies to people:
 * typed text is USER_ENTERED, rejecting validation rules refuse bad input, protected ranges
 * refuse non-editors. Each edit returns what an onEdit event carries; structural actions
 * return what an onChange event carries.
 */
import type { World } from '../../world';
import { areaToA1, cellA1, parseRangeNotation, resolveParsed, type GridArea } from './a1';
import { cellSatisfies, displayCell, rowsHiddenByFilter, writeCell } from './cells';
import { protectionsOver } from './facade-common';
import type { Scalar } from './formula';
import { protectedRangeMessage, validationRejected } from './messages';
import { spreadsheetStore, type SheetModel, type SpreadsheetModel } from './model';
import { sortOrder } from './sort';
import { checkboxValues } from './validation';

/** What Apps Script passes to onEdit(e), minus the objects (the kernel builds those). */
export interface EditEvent {
  spreadsheetId: string;
  sheetName: string;
  /** A1 of the edited range, e.g. "C5" or "A2:C3". */
  range: string;
  /** New value as text, single-cell edits only; absent when the cell was cleared. */
  value?: string;
  /** Previous value as text, single-cell edits only; absent when the cell was blank. */
  oldValue?: string;
  user: string;
}

export type ChangeType = 'EDIT' | 'INSERT_ROW' | 'INSERT_COLUMN' | 'REMOVE_ROW' | 'REMOVE_COLUMN' | 'INSERT_GRID' | 'REMOVE_GRID' | 'FORMAT' | 'OTHER';

/** What Apps Script passes to an installable onChange(e). */
export interface ChangeEvent {
  spreadsheetId: string;
  sheetName: string;
  changeType: ChangeType;
  user: string;
}

/** Thrown when Sheets would refuse the action; `message` is what the person would see. */
export class UserActionRefused extends Error {
  override readonly name = 'UserActionRefused';
  constructor(
    message: string,
    readonly reason: 'validation' | 'protection' | 'access',
  ) {
    super(message);
  }
}

/**
 * Event values are text: numbers as digits (dates as their serial number), booleans as
 * TRUE/FALSE, as Sheets sends them to onEdit [R: observed for checkboxes and numbers].
 */
function eventText(v: Scalar): string | undefined {
  if (v === '') return undefined;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

export class SheetUser {
  private readonly ss: SpreadsheetModel;

  constructor(
    world: World,
    spreadsheetId: string,
    /** The person's email; the file's owner or one of its editors. */
    readonly email: string,
  ) {
    const ss = spreadsheetStore(world).get(spreadsheetId);
    if (!ss) throw new Error(`no spreadsheet ${spreadsheetId}`);
    this.ss = ss;
  }

  private sheet(name: string): SheetModel {
    const s = this.ss.sheetByName(name);
    if (!s) throw new Error(`no sheet ${name} in ${this.ss.id}`);
    return s;
  }

  private area(sheet: SheetModel, a1: string): GridArea {
    const p = parseRangeNotation(a1);
    if (!p) throw new Error(`bad range ${a1}`);
    return resolveParsed(p, sheet.maxRows, sheet.maxColumns);
  }

  private mayEdit(sheet: SheetModel, area: GridArea): void {
    const file = this.ss.file;
    if (this.email !== file.owner && !file.editors.has(this.email)) {
      throw new UserActionRefused(`${this.email} can only view this spreadsheet`, 'access');
    }
    for (const p of protectionsOver(sheet, area)) {
      if (!p.warningOnly && !this.ss.canEdit(p, this.email)) throw new UserActionRefused(protectedRangeMessage(this.ss.locale), 'protection');
    }
  }

  private change(sheet: SheetModel, changeType: ChangeType): ChangeEvent {
    return { spreadsheetId: this.ss.id, sheetName: sheet.name, changeType, user: this.email };
  }

  /**
   * Types `text` into one cell and presses Enter. A rule that rejects input refuses it with the
   * dialog text (messages.ts); a warning-only rule lets it in.
   */
  editCell(sheetName: string, a1: string, text: string): EditEvent {
    const sheet = this.sheet(sheetName);
    const area = this.area(sheet, a1);
    this.mayEdit(sheet, area);
    const r = area.row - 1;
    const c = area.col - 1;
    const old = sheet.grid.value(r, c);
    const oldStyle = sheet.grid.style(r, c);
    const oldFormula = sheet.grid.formula(r, c);
    writeCell(sheet, r, c, text);
    const rule = sheet.grid.style(r, c)?.validation;
    if (rule && !rule.allowInvalid && !cellSatisfies(sheet, r, c, rule)) {
      // Put the cell back exactly as it was.
      sheet.grid.setCell(r, c, old, oldFormula);
      sheet.grid.setStyle(r, c, oldStyle);
      throw new UserActionRefused(validationRejected(this.ss.locale, cellA1(area.row, area.col), rule.helpText), 'validation');
    }
    const event: EditEvent = { spreadsheetId: this.ss.id, sheetName: sheet.name, range: cellA1(area.row, area.col), user: this.email };
    const value = eventText(sheet.grid.value(r, c));
    const oldValue = eventText(old);
    if (value !== undefined) event.value = value;
    if (oldValue !== undefined) event.oldValue = oldValue;
    return event;
  }

  /** Pastes a block of typed text with its top-left at `a1` (one edit event, no values). */
  paste(sheetName: string, a1: string, rows: string[][]): EditEvent {
    const sheet = this.sheet(sheetName);
    const top = this.area(sheet, a1);
    const width = Math.max(1, ...rows.map((r) => r.length));
    const area: GridArea = { row: top.row, col: top.col, numRows: Math.max(1, rows.length), numCols: width };
    this.mayEdit(sheet, area);
    rows.forEach((line, i) => line.forEach((text, j) => writeCell(sheet, top.row - 1 + i, top.col - 1 + j, text)));
    return { spreadsheetId: this.ss.id, sheetName: sheet.name, range: areaToA1(area), user: this.email };
  }

  /** Presses Delete over a range: values go, formats stay. */
  clear(sheetName: string, a1: string): EditEvent {
    const sheet = this.sheet(sheetName);
    const area = this.area(sheet, a1);
    this.mayEdit(sheet, area);
    const single = area.numRows === 1 && area.numCols === 1;
    const old = single ? eventText(sheet.grid.value(area.row - 1, area.col - 1)) : undefined;
    sheet.grid.clearValues(area.row - 1, area.col - 1, area.numRows, area.numCols);
    const event: EditEvent = { spreadsheetId: this.ss.id, sheetName: sheet.name, range: areaToA1(area), user: this.email };
    if (old !== undefined) event.oldValue = old;
    return event;
  }

  /** Clicks a checkbox. */
  toggleCheckbox(sheetName: string, a1: string): EditEvent {
    const sheet = this.sheet(sheetName);
    const area = this.area(sheet, a1);
    const r = area.row - 1;
    const c = area.col - 1;
    const rule = sheet.grid.style(r, c)?.validation;
    if (rule?.criteria !== 'CHECKBOX') throw new Error(`${a1} has no checkbox`);
    this.mayEdit(sheet, area);
    const { checked, unchecked } = checkboxValues(rule);
    const old = sheet.grid.value(r, c);
    const next = old === checked ? unchecked : checked;
    sheet.grid.setCell(r, c, next);
    const event: EditEvent = { spreadsheetId: this.ss.id, sheetName: sheet.name, range: cellA1(area.row, area.col), user: this.email };
    const value = eventText(next);
    const oldValue = eventText(old);
    if (value !== undefined) event.value = value;
    if (oldValue !== undefined) event.oldValue = oldValue;
    return event;
  }

  /**
   * Data > Sort sheet by a column: whole rows move (values stay attached to their rows);
   * frozen header rows stay where they are.
   */
  sortSheet(sheetName: string, column: number, ascending = true): ChangeEvent {
    const sheet = this.sheet(sheetName);
    this.mayEdit(sheet, { row: sheet.frozenRows + 1, col: 1, numRows: Math.max(1, sheet.maxRows - sheet.frozenRows), numCols: sheet.maxColumns });
    const r0 = sheet.frozenRows;
    const count = sheet.lastRow() - r0;
    if (count > 1) {
      const order = sortOrder(count, [{ index: column - 1, ascending }], (row, c) => sheet.grid.value(r0 + row, c));
      sheet.grid.permuteRows(r0, order);
    }
    return this.change(sheet, 'OTHER');
  }

  /** Right-click > Insert rows above `beforeRow`. */
  insertRows(sheetName: string, beforeRow: number, count = 1): ChangeEvent {
    const sheet = this.sheet(sheetName);
    this.mayEdit(sheet, { row: beforeRow, col: 1, numRows: 1, numCols: 1 });
    sheet.insertRows(beforeRow, count, beforeRow);
    return this.change(sheet, 'INSERT_ROW');
  }

  /** Right-click > Delete rows. */
  deleteRows(sheetName: string, row: number, count = 1): ChangeEvent {
    const sheet = this.sheet(sheetName);
    this.mayEdit(sheet, { row, col: 1, numRows: count, numCols: sheet.maxColumns });
    sheet.deleteRows(row, count);
    return this.change(sheet, 'REMOVE_ROW');
  }

  insertColumns(sheetName: string, beforeColumn: number, count = 1): ChangeEvent {
    const sheet = this.sheet(sheetName);
    this.mayEdit(sheet, { row: 1, col: beforeColumn, numRows: 1, numCols: 1 });
    sheet.insertColumns(beforeColumn, count, beforeColumn);
    return this.change(sheet, 'INSERT_COLUMN');
  }

  deleteColumns(sheetName: string, column: number, count = 1): ChangeEvent {
    const sheet = this.sheet(sheetName);
    this.mayEdit(sheet, { row: 1, col: column, numRows: sheet.maxRows, numCols: count });
    sheet.deleteColumns(column, count);
    return this.change(sheet, 'REMOVE_COLUMN');
  }

  /** Drags column `from` so that it ends up at 1-based position `to`. */
  moveColumn(sheetName: string, from: number, to: number): ChangeEvent {
    const sheet = this.sheet(sheetName);
    this.mayEdit(sheet, { row: 1, col: Math.min(from, to), numRows: sheet.maxRows, numCols: Math.abs(to - from) + 1 });
    if (from !== to) sheet.moveColumns(from, 1, to > from ? to + 1 : to);
    return this.change(sheet, 'OTHER');
  }

  /**
   * Data > Create a filter (over the data range, unless `a1` is given) and untick
   * `hiddenValues` in one column. Rows are hidden, values untouched. Returns the hidden rows.
   */
  setFilter(sheetName: string, column: number, hiddenValues: string[], a1?: string): number[] {
    const sheet = this.sheet(sheetName);
    if (!sheet.filter) {
      const area = a1 ? this.area(sheet, a1) : { row: 1, col: 1, numRows: Math.max(1, sheet.lastRow()), numCols: Math.max(1, sheet.lastColumn()) };
      sheet.filter = { area, criteria: new Map() };
    }
    sheet.filter.criteria.set(column, { hiddenValues: [...hiddenValues], visibleValues: [] });
    return [...rowsHiddenByFilter(sheet)].sort((a, b) => a - b);
  }

  /** Data > Remove filter. */
  removeFilter(sheetName: string): void {
    this.sheet(sheetName).filter = null;
  }

  /** Clicks a tab and a cell: what getActiveSheet()/getActiveRange() then return. */
  select(sheetName: string, a1 = 'A1'): void {
    const sheet = this.sheet(sheetName);
    this.ss.activeSheetId = sheet.sheetId;
    this.ss.selection = { sheetId: sheet.sheetId, area: this.area(sheet, a1) };
  }

  /** What the person sees in a cell. */
  look(sheetName: string, a1: string): string {
    const sheet = this.sheet(sheetName);
    const area = this.area(sheet, a1);
    return displayCell(sheet, area.row - 1, area.col - 1);
  }
}

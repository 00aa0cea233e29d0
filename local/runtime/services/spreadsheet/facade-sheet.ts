/**
 * SpreadsheetApp.Sheet: one tab. getRange is client-side in Apps Script (the range is a
 * description until used), as are getName/getSheetId of a sheet already fetched; anything
 * touching the tab's cells or structure is a round trip.
 */
import type { ExecutionEnv } from '../../env';
import { GasException, gasMessages } from '../../errors';
import { Remote, localMethods } from '../../remote';
import type { World } from '../../world';
import { parseRangeNotation, resolveParsed, type GridArea } from './a1';
import { displayCell, rowsHiddenByFilter, writeCell } from './cells';
import { assertCanRestructure, assertCanWrite, enumName, isInteger, normaliseColor, signatureError, wholeSheet } from './facade-common';
import { FilterFacade } from './facade-filter';
import { chartsOf, insertChartInto, newChartBuilder, removeChartFrom, updateChartOn, type EmbeddedChartBuilderFacade, type EmbeddedChartFacade } from './facade-chart';
import { ProtectionFacade } from './facade-protection';
import { TextFinderFacade } from './facade-text';
import { RangeFacade, addProtection, type ClearOptions } from './facade-range';
import { RangeListFacade } from './facade-range-list';
import { SpreadsheetFacade } from './facade-spreadsheet';
import type { EnumArg, GasApi } from './gas-api';
import { sheetMessages } from './messages';
import { DEFAULT_COLUMN_WIDTH, type SheetModel } from './model';
import { sortOrder } from './sort';

const PROTECTION_TYPES = ['RANGE', 'SHEET'] as const;

/**
 * Sheet.getRange in all its forms: (row, col), (row, col, numRows), (row, col, numRows, numCols)
 * and A1/R1C1 text, which may name another sheet ("Sheet2!A1"). Errors follow §1.4 rows 3, 4, 6.
 */
export function resolveRangeArgs(
  sheet: SheetModel,
  gasName: string,
  args: readonly unknown[],
): { sheet: SheetModel; area: GridArea } {
  const [a, b, c, d] = args;
  if (typeof a === 'string' && args.length === 1) {
    const parsed = parseRangeNotation(a);
    if (!parsed) throw new GasException(gasMessages.rangeNotFound);
    let target = sheet;
    if (parsed.sheetName !== undefined) {
      const named = sheet.spreadsheet.sheetByName(parsed.sheetName);
      if (!named) throw new GasException(gasMessages.rangeNotFound);
      target = named;
    }
    const area = resolveParsed(parsed, target.maxRows, target.maxColumns);
    if (area.row + area.numRows - 1 > target.maxRows || area.col + area.numCols - 1 > target.maxColumns) {
      throw new GasException(gasMessages.outsideSheet);
    }
    return { sheet: target, area };
  }
  const numeric = args.every((x) => isInteger(x));
  if (!numeric || args.length < 2 || args.length > 4) throw signatureError(gasName, 'getRange', args);
  const row = a as number;
  const col = b as number;
  const numRows = c === undefined ? 1 : (c as number);
  const numCols = d === undefined ? 1 : (d as number);
  if (numRows < 1) throw new GasException(gasMessages.rowsAtLeastOne);
  if (numCols < 1) throw new GasException(gasMessages.columnsAtLeastOne);
  if (row < 1) throw new GasException(sheetMessages.startRowTooSmall);
  if (col < 1) throw new GasException(sheetMessages.startColumnTooSmall);
  if (row + numRows - 1 > sheet.maxRows || col + numCols - 1 > sheet.maxColumns) throw new GasException(gasMessages.outsideSheet);
  return { sheet, area: { row: Math.trunc(row), col: Math.trunc(col), numRows: Math.trunc(numRows), numCols: Math.trunc(numCols) } };
}

type SheetApi = GasApi<
  GoogleAppsScript.Spreadsheet.Sheet,
  | 'activate'
  | 'appendRow'
  | 'autoResizeColumn'
  | 'autoResizeColumns'
  | 'clear'
  | 'clearContents'
  | 'clearFormats'
  | 'clearNotes'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'deleteRow'
  | 'deleteRows'
  | 'getCharts'
  | 'getColumnWidth'
  | 'getDataRange'
  | 'getFilter'
  | 'getFrozenColumns'
  | 'getFrozenRows'
  | 'getIndex'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMaxColumns'
  | 'getMaxRows'
  | 'getName'
  | 'getParent'
  | 'getProtections'
  | 'getRange'
  | 'getRangeList'
  | 'getSheetId'
  | 'getSheetName'
  | 'getTabColor'
  | 'hideSheet'
  | 'insertChart'
  | 'insertColumnAfter'
  | 'insertColumnBefore'
  | 'insertColumns'
  | 'insertColumnsAfter'
  | 'insertColumnsBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertRows'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'isRowHiddenByFilter'
  | 'isSheetHidden'
  | 'moveColumns'
  | 'newChart'
  | 'protect'
  | 'removeChart'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'setFrozenColumns'
  | 'setFrozenRows'
  | 'setName'
  | 'setTabColor'
  | 'showSheet'
  | 'sort'
  | 'updateChart'
>;

export class SheetFacade extends Remote implements SheetApi {
  readonly gasName = 'SpreadsheetApp.Sheet';
  // newChart hands out a builder: client-side until the chart is inserted.
  override readonly localMethods = localMethods('getName', 'getSheetName', 'getSheetId', 'getParent', 'getRange', 'getRangeList', 'newChart', 'createTextFinder');

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    private readonly sheet: SheetModel,
  ) {
    super();
  }

  _model(): SheetModel {
    return this.sheet;
  }

  /**
   * A fetched sheet's name and id are client-side (see above): they travel with its handle, so a
   * run that indexes the tabs by name asks the host once (getSheets), not once a tab. setName on
   * this handle drops them, and the host answers from then on.
   */
  override _answers(): Record<string, unknown> {
    return { getName: this.sheet.name, getSheetName: this.sheet.name, getSheetId: this.sheet.sheetId };
  }

  override readonly answersStaleAfter = localMethods('setName');

  private _range(area: GridArea, sheet: SheetModel = this.sheet): RangeFacade {
    return new RangeFacade(this.env, this.world, sheet, area);
  }

  private _restructure(): void {
    assertCanRestructure(this.sheet, this.env.effectiveUserEmail);
  }

  // ---- identity ----------------------------------------------------------------------------

  getName(): string {
    return this.sheet.name;
  }

  getSheetName(): string {
    return this.sheet.name;
  }

  getSheetId(): number {
    return this.sheet.sheetId;
  }

  getIndex(): number {
    return this.sheet.index;
  }

  getParent(): SpreadsheetFacade {
    return new SpreadsheetFacade(this.env, this.world, this.sheet.spreadsheet);
  }

  getType(): string {
    return 'GRID';
  }

  setName(name: string): SheetFacade {
    if (typeof name !== 'string') throw signatureError(this.gasName, 'setName', [name]);
    const other = this.sheet.spreadsheet.sheetByName(name);
    if (other && other !== this.sheet) throw new GasException(sheetMessages.sheetExists(name));
    this.sheet.name = name;
    return this;
  }

  activate(): SheetFacade {
    this.sheet.spreadsheet.activeSheetId = this.sheet.sheetId;
    if (this.sheet.hidden) this.sheet.hidden = false;
    return this;
  }

  // ---- ranges ------------------------------------------------------------------------------

  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): RangeFacade {
    const args = [rowOrA1, column, numRows, numColumns];
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    const { sheet, area } = resolveRangeArgs(this.sheet, this.gasName, args);
    return this._range(area, sheet);
  }

  getRangeList(a1Notations: string[]): RangeListFacade {
    if (!Array.isArray(a1Notations)) throw signatureError(this.gasName, 'getRangeList', [a1Notations]);
    return new RangeListFacade(a1Notations.map((a1) => this.getRange(String(a1))));
  }

  /** A1 to the last row and column with content; A1 alone on an empty sheet (§1.2 row 12). */
  getDataRange(): RangeFacade {
    return this._range({ row: 1, col: 1, numRows: Math.max(1, this.sheet.lastRow()), numCols: Math.max(1, this.sheet.lastColumn()) });
  }

  getLastRow(): number {
    return this.sheet.lastRow();
  }

  getLastColumn(): number {
    return this.sheet.lastColumn();
  }

  getMaxRows(): number {
    return this.sheet.maxRows;
  }

  getMaxColumns(): number {
    return this.sheet.maxColumns;
  }

  // ---- rows and columns --------------------------------------------------------------------

  private _checkRow(method: string, pos: unknown, count: unknown = 1): asserts pos is number {
    if (!isInteger(pos) || !isInteger(count)) throw signatureError(this.gasName, method, count === 1 ? [pos] : [pos, count]);
    if (pos < 1 || count < 1 || pos > this.sheet.maxRows) throw new GasException(sheetMessages.rowsOutOfBounds);
  }

  private _checkColumn(method: string, pos: unknown, count: unknown = 1): asserts pos is number {
    if (!isInteger(pos) || !isInteger(count)) throw signatureError(this.gasName, method, count === 1 ? [pos] : [pos, count]);
    if (pos < 1 || count < 1 || pos > this.sheet.maxColumns) throw new GasException(sheetMessages.columnsOutOfBounds);
  }

  /** Blank rows before `rowIndex`; they take the formatting of the row they push down. */
  insertRows(rowIndex: number, numRows = 1): void {
    this._checkRow('insertRows', rowIndex, numRows);
    this._restructure();
    this.sheet.insertRows(rowIndex, numRows, rowIndex);
  }

  insertRowsBefore(beforePosition: number, howMany: number): SheetFacade {
    this._checkRow('insertRowsBefore', beforePosition, howMany);
    this._restructure();
    this.sheet.insertRows(beforePosition, howMany, beforePosition);
    return this;
  }

  /** Blank rows after `afterPosition`; they take the formatting of that row. */
  insertRowsAfter(afterPosition: number, howMany: number): SheetFacade {
    this._checkRow('insertRowsAfter', afterPosition, howMany);
    this._restructure();
    this.sheet.insertRows(afterPosition + 1, howMany, afterPosition);
    return this;
  }

  insertRowBefore(beforePosition: number): SheetFacade {
    return this.insertRowsBefore(beforePosition, 1);
  }

  insertRowAfter(afterPosition: number): SheetFacade {
    return this.insertRowsAfter(afterPosition, 1);
  }

  insertColumns(columnIndex: number, numColumns = 1): void {
    this._checkColumn('insertColumns', columnIndex, numColumns);
    this._restructure();
    this.sheet.insertColumns(columnIndex, numColumns, columnIndex);
  }

  insertColumnsBefore(beforePosition: number, howMany: number): SheetFacade {
    this._checkColumn('insertColumnsBefore', beforePosition, howMany);
    this._restructure();
    this.sheet.insertColumns(beforePosition, howMany, beforePosition);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): SheetFacade {
    this._checkColumn('insertColumnsAfter', afterPosition, howMany);
    this._restructure();
    this.sheet.insertColumns(afterPosition + 1, howMany, afterPosition);
    return this;
  }

  insertColumnBefore(beforePosition: number): SheetFacade {
    return this.insertColumnsBefore(beforePosition, 1);
  }

  insertColumnAfter(afterPosition: number): SheetFacade {
    return this.insertColumnsAfter(afterPosition, 1);
  }

  deleteRow(rowPosition: number): SheetFacade {
    this.deleteRows(rowPosition, 1);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this._checkRow('deleteRows', rowPosition, howMany);
    if (rowPosition + howMany - 1 > this.sheet.maxRows) throw new GasException(sheetMessages.rowsOutOfBounds);
    this._restructure();
    assertCanWrite(this.sheet, { row: rowPosition, col: 1, numRows: howMany, numCols: this.sheet.maxColumns }, this.env.effectiveUserEmail);
    this.sheet.deleteRows(rowPosition, howMany);
  }

  deleteColumn(columnPosition: number): SheetFacade {
    this.deleteColumns(columnPosition, 1);
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this._checkColumn('deleteColumns', columnPosition, howMany);
    if (columnPosition + howMany - 1 > this.sheet.maxColumns) throw new GasException(sheetMessages.columnsOutOfBounds);
    this._restructure();
    assertCanWrite(this.sheet, { row: 1, col: columnPosition, numRows: this.sheet.maxRows, numCols: howMany }, this.env.effectiveUserEmail);
    this.sheet.deleteColumns(columnPosition, howMany);
  }

  /** Moves the columns of `columnSpec` to sit before column `destinationIndex`. */
  moveColumns(columnSpec: RangeFacade, destinationIndex: number): void {
    if (!(columnSpec instanceof RangeFacade) || !isInteger(destinationIndex)) throw signatureError(this.gasName, 'moveColumns', [columnSpec, destinationIndex]);
    const { area } = columnSpec._target();
    this._restructure();
    this.sheet.moveColumns(area.col, area.numCols, destinationIndex);
  }

  /**
   * Writes a row under the last row with content, USER_ENTERED like setValues, growing the
   * sheet by a row (and columns) when it is full (§1.2 row 14).
   */
  appendRow(rowContents: unknown[]): SheetFacade {
    if (!Array.isArray(rowContents)) throw signatureError(this.gasName, 'appendRow', [rowContents]);
    const row = this.sheet.lastRow() + 1;
    if (row > this.sheet.maxRows) this.sheet.insertRows(this.sheet.maxRows + 1, row - this.sheet.maxRows);
    if (rowContents.length > this.sheet.maxColumns) this.sheet.insertColumns(this.sheet.maxColumns + 1, rowContents.length - this.sheet.maxColumns);
    assertCanWrite(this.sheet, { row, col: 1, numRows: 1, numCols: Math.max(1, rowContents.length) }, this.env.effectiveUserEmail);
    rowContents.forEach((v, j) => writeCell(this.sheet, row - 1, j, v));
    return this;
  }

  // ---- sheet-wide edits --------------------------------------------------------------------

  /**
   * Sorts the rows by one column. All rows take part, a header row included (§1.2 row 24:
   * no header detection), except frozen rows: [R] the Sheets "Sort sheet" command, which this
   * method performs, keeps frozen rows in place.
   */
  sort(columnPosition: number, ascending?: boolean): SheetFacade {
    if (!isInteger(columnPosition)) throw signatureError(this.gasName, 'sort', ascending === undefined ? [columnPosition] : [columnPosition, ascending]);
    if (columnPosition < 1 || columnPosition > this.sheet.maxColumns) throw new GasException(sheetMessages.columnsOutOfBounds);
    this._restructure();
    const r0 = this.sheet.frozenRows;
    const count = this.sheet.lastRow() - r0;
    if (count > 1) {
      const grid = this.sheet.grid;
      const order = sortOrder(count, [{ index: columnPosition - 1, ascending: ascending !== false }], (row, c) => grid.value(r0 + row, c));
      grid.permuteRows(r0, order);
    }
    return this;
  }

  /** Contents and formats ("Clears the sheet of content and formatting information"); notes and validation stay. */
  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): SheetFacade {
    const o = options ?? {};
    const parts: ClearOptions = o.formatOnly || o.contentsOnly ? { formatOnly: o.formatOnly === true, contentsOnly: o.contentsOnly === true } : { formatOnly: true, contentsOnly: true };
    this._range(wholeSheet(this.sheet)).clear(parts);
    return this;
  }

  clearContents(): SheetFacade {
    return this.clear({ contentsOnly: true });
  }

  clearFormats(): SheetFacade {
    return this.clear({ formatOnly: true });
  }

  clearNotes(): SheetFacade {
    this._range(wholeSheet(this.sheet)).clearNote();
    return this;
  }

  // ---- view --------------------------------------------------------------------------------

  getFrozenRows(): number {
    return this.sheet.frozenRows;
  }

  setFrozenRows(rows: number): void {
    if (!isInteger(rows) || rows < 0) throw signatureError(this.gasName, 'setFrozenRows', [rows]);
    if (rows >= this.sheet.maxRows) throw new GasException(sheetMessages.frozenTooMany);
    this.sheet.frozenRows = rows;
  }

  getFrozenColumns(): number {
    return this.sheet.frozenColumns;
  }

  setFrozenColumns(columns: number): void {
    if (!isInteger(columns) || columns < 0) throw signatureError(this.gasName, 'setFrozenColumns', [columns]);
    if (columns >= this.sheet.maxColumns) throw new GasException(sheetMessages.frozenTooMany);
    this.sheet.frozenColumns = columns;
  }

  isSheetHidden(): boolean {
    return this.sheet.hidden;
  }

  hideSheet(): SheetFacade {
    const visible = this.sheet.spreadsheet.sheets.filter((s) => !s.hidden);
    if (visible.length === 1 && visible[0] === this.sheet) throw new GasException(sheetMessages.cannotHideAllSheets);
    this.sheet.hidden = true;
    return this;
  }

  showSheet(): SheetFacade {
    this.sheet.hidden = false;
    return this;
  }

  getTabColor(): string | null {
    return this.sheet.tabColor;
  }

  setTabColor(color: string | null): SheetFacade {
    this.sheet.tabColor = color === null || color === '' ? null : normaliseColor(String(color));
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    this._checkColumn('getColumnWidth', columnPosition);
    return this.sheet.columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }

  setColumnWidth(columnPosition: number, width: number): SheetFacade {
    this._checkColumn('setColumnWidth', columnPosition);
    if (!isInteger(width)) throw signatureError(this.gasName, 'setColumnWidth', [columnPosition, width]);
    this.sheet.columnWidths.set(columnPosition, width);
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): SheetFacade {
    this._checkColumn('setColumnWidths', startColumn, numColumns);
    if (!isInteger(width)) throw signatureError(this.gasName, 'setColumnWidths', [startColumn, numColumns, width]);
    for (let c = startColumn; c < startColumn + numColumns; c++) this.sheet.columnWidths.set(c, width);
    return this;
  }

  autoResizeColumn(columnPosition: number): SheetFacade {
    return this.autoResizeColumns(columnPosition, 1);
  }

  /**
   * Fits columns to their longest displayed text. [R] Widths are an estimate (7 px per Latin
   * character, 13 px per wide CJK character, plus padding); an empty column keeps its width.
   */
  autoResizeColumns(startColumn: number, numColumns: number): SheetFacade {
    this._checkColumn('autoResizeColumns', startColumn, numColumns);
    const lastRow = this.sheet.lastRow();
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let widest = 0;
      for (let r = 1; r <= lastRow; r++) widest = Math.max(widest, textWidth(displayCell(this.sheet, r - 1, c - 1)));
      if (widest > 0) this.sheet.columnWidths.set(c, Math.max(21, widest + 10));
    }
    return this;
  }

  // ---- protection and filter ---------------------------------------------------------------

  /** [R] A sheet has one sheet protection; protecting it again returns the existing one. */
  protect(): ProtectionFacade {
    const model =
      this.sheet.protections.find((p) => p.type === 'SHEET' && !p.removed) ??
      addProtection(this.env, this.sheet, 'SHEET', { ...wholeSheet(this.sheet), open: { startRow: true, endRow: true, startCol: true, endCol: true } });
    return new ProtectionFacade(this.env, this.world, model);
  }

  getProtections(type: EnumArg): ProtectionFacade[] {
    const t = enumName(type, PROTECTION_TYPES);
    if (!t) throw signatureError(this.gasName, 'getProtections', [type]);
    return this.sheet.protections.filter((p) => p.type === t && !p.removed).map((p) => new ProtectionFacade(this.env, this.world, p));
  }

  // ---- embedded charts (facade-chart.ts) ----------------------------------------------------

  newChart(): EmbeddedChartBuilderFacade {
    return newChartBuilder(this.env, this.world, this.sheet);
  }

  insertChart(chart: EmbeddedChartFacade): void {
    insertChartInto(this.sheet, chart, this.gasName);
  }

  updateChart(chart: EmbeddedChartFacade): void {
    updateChartOn(this.sheet, chart, this.gasName);
  }

  removeChart(chart: EmbeddedChartFacade): void {
    removeChartFrom(this.sheet, chart, this.gasName);
  }

  getCharts(): EmbeddedChartFacade[] {
    return chartsOf(this.env, this.world, this.sheet);
  }

  getFilter(): FilterFacade | null {
    return this.sheet.filter ? new FilterFacade(this.env, this.world, this.sheet) : null;
  }

  isRowHiddenByFilter(rowPosition: number): boolean {
    this._checkRow('isRowHiddenByFilter', rowPosition);
    return rowsHiddenByFilter(this.sheet).has(rowPosition);
  }

  // ---- hidden rows and columns (by a person or a script; filters hide rows apart) -------------

  hideRows(rowIndex: number, numRows = 1): void {
    this._checkRow('hideRows', rowIndex, numRows);
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.sheet.hiddenRows.add(r);
  }

  showRows(rowIndex: number, numRows = 1): void {
    this._checkRow('showRows', rowIndex, numRows);
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.sheet.hiddenRows.delete(r);
  }

  hideRow(row: RangeFacade): void {
    const { area } = row._target();
    this.hideRows(area.row, area.numRows);
  }

  unhideRow(row: RangeFacade): void {
    const { area } = row._target();
    this.showRows(area.row, area.numRows);
  }

  isRowHiddenByUser(rowPosition: number): boolean {
    this._checkRow('isRowHiddenByUser', rowPosition);
    return this.sheet.hiddenRows.has(rowPosition);
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    this._checkColumn('hideColumns', columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.sheet.hiddenColumns.add(c);
  }

  showColumns(columnIndex: number, numColumns = 1): void {
    this._checkColumn('showColumns', columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.sheet.hiddenColumns.delete(c);
  }

  hideColumn(column: RangeFacade): void {
    const { area } = column._target();
    this.hideColumns(area.col, area.numCols);
  }

  unhideColumn(column: RangeFacade): void {
    const { area } = column._target();
    this.showColumns(area.col, area.numCols);
  }

  isColumnHiddenByUser(columnPosition: number): boolean {
    this._checkColumn('isColumnHiddenByUser', columnPosition);
    return this.sheet.hiddenColumns.has(columnPosition);
  }

  createTextFinder(findText: string): TextFinderFacade<RangeFacade> {
    if (typeof findText !== 'string') throw signatureError(this.gasName, 'createTextFinder', [findText]);
    const sheet = this.sheet;
    return new TextFinderFacade(this.env, { areas: () => [{ sheet, area: usedArea(sheet) }], makeRange: (s, area) => this._range(area, s) }, findText);
  }
}

/** The cells a sheet-wide search looks at: A1 to the last row and column with content. */
export function usedArea(sheet: SheetModel): GridArea {
  return { row: 1, col: 1, numRows: Math.max(1, sheet.lastRow()), numCols: Math.max(1, sheet.lastColumn()) };
}

function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 13 : 7;
  return w;
}

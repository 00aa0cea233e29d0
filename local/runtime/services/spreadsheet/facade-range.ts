/**
 * SpreadsheetApp.Range: a rectangle of one sheet, as scripts see it. Geometry getters are
 * client-side in Apps Script (localMethods); everything touching cells is a round trip.
 */
import type { ExecutionEnv } from '../../env';
import { GasException, gasMessages } from '../../errors';
import { Remote, localMethods } from '../../remote';
import type { World } from '../../world';
import { areaToA1, type GridArea } from './a1';
import { copyArea } from './areas';
import {
  readCell,
  readDisplayValues,
  readFormulas,
  readValues,
  setStyleField,
  writeCell,
  writeFormula,
  type CellValue,
} from './cells';
import { DataValidationFacade } from './facade-data-validation';
import { areasIntersect, assertCanWrite, enumName, is2D, isInteger, javaNumberText, normaliseColor, signatureError } from './facade-common';
import { FilterFacade } from './facade-filter';
import {
  DEFAULT_FONT_FAMILY,
  DEFAULT_FONT_SIZE,
  RichTextValueFacade,
  TextFinderFacade,
  TextStyleFacade,
  cellRichText,
  cellTextStyle,
  richTextOf,
  styleFieldsOf,
} from './facade-text';
import { ProtectionFacade } from './facade-protection';
import { SheetFacade } from './facade-sheet';
import { GENERAL_PATTERN } from './format';
import { shiftFormula, type Scalar } from './formula';
import type { GasApi, EnumArg } from './gas-api';
import { StyleEditor, type CellStyle, type RichTextModel, type StyleField, type WrapName } from './grid';
import { sheetMessages } from './messages';
import type { ProtectionModel, SheetModel } from './model';
import { sortOrder, type SortKey } from './sort';
import { checkboxValues, type ValidationRule } from './validation';

const WRAPS: readonly WrapName[] = ['WRAP', 'OVERFLOW', 'CLIP'];
const DIMENSIONS = ['ROWS', 'COLUMNS'] as const;
/** Everything clearFormat() resets (validation and notes are separate). */
const FORMAT_FIELDS: readonly StyleField[] = ['numberFormat', 'fontWeight', 'background', 'fontColor', 'hAlign', 'wrapStrategy', 'fontStyle', 'fontLine', 'fontFamily', 'fontSize', 'vAlign', 'richText'];

type RangeApi = GasApi<
  GoogleAppsScript.Spreadsheet.Range,
  | 'activate'
  | 'canEdit'
  | 'check'
  | 'clear'
  | 'clearContent'
  | 'clearDataValidations'
  | 'clearFormat'
  | 'clearNote'
  | 'copyTo'
  | 'createFilter'
  | 'getA1Notation'
  | 'getBackground'
  | 'getBackgrounds'
  | 'getCell'
  | 'getColumn'
  | 'getDataRegion'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFilter'
  | 'getFontColor'
  | 'getFontColors'
  | 'getFontLine'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'getFormula'
  | 'getFormulas'
  | 'getGridId'
  | 'getHeight'
  | 'getHorizontalAlignment'
  | 'getHorizontalAlignments'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMergedRanges'
  | 'getNote'
  | 'getNotes'
  | 'getNumColumns'
  | 'getNumRows'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'getRow'
  | 'getRowIndex'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'getWidth'
  | 'getWrap'
  | 'getWrapStrategies'
  | 'getWrapStrategy'
  | 'getWraps'
  | 'insertCheckboxes'
  | 'isBlank'
  | 'isChecked'
  | 'isEndColumnBounded'
  | 'isEndRowBounded'
  | 'isPartOfMerge'
  | 'isStartColumnBounded'
  | 'isStartRowBounded'
  | 'offset'
  | 'protect'
  | 'removeCheckboxes'
  | 'removeDuplicates'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'setFontColor'
  | 'setFontColors'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'setFormula'
  | 'setFormulas'
  | 'setHorizontalAlignment'
  | 'setHorizontalAlignments'
  | 'setNote'
  | 'setNotes'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setValue'
  | 'setValues'
  | 'setWrap'
  | 'setWrapStrategies'
  | 'setWrapStrategy'
  | 'setWraps'
  | 'sort'
  | 'uncheck'
>;

export type ClearOptions = {
  commentsOnly?: boolean;
  contentsOnly?: boolean;
  formatOnly?: boolean;
  validationsOnly?: boolean;
  skipFilteredRows?: boolean;
};

export class RangeFacade extends Remote implements RangeApi {
  readonly gasName = 'SpreadsheetApp.Range';
  override readonly localMethods = localMethods(
    'getRow',
    'getRowIndex',
    'getColumn',
    'getNumRows',
    'getNumColumns',
    'getLastRow',
    'getLastColumn',
    'getWidth',
    'getHeight',
    'getA1Notation',
    'getSheet',
    'getGridId',
    'offset',
    'getCell',
    'isStartRowBounded',
    'isEndRowBounded',
    'isStartColumnBounded',
    'isEndColumnBounded',
    'createTextFinder',
  );

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    private readonly sheet: SheetModel,
    private readonly area: GridArea,
  ) {
    super();
  }

  // ---- host-only -------------------------------------------------------------------------

  /** The model and rectangle behind this facade (for other facades and the kernel). */
  _target(): { sheet: SheetModel; area: GridArea } {
    return { sheet: this.sheet, area: copyArea(this.area) };
  }

  private _make(area: GridArea): RangeFacade {
    return new RangeFacade(this.env, this.world, this.sheet, area);
  }

  private get _r0(): number {
    return this.area.row - 1;
  }

  private get _c0(): number {
    return this.area.col - 1;
  }

  private _writable(): void {
    assertCanWrite(this.sheet, this.area, this.env.effectiveUserEmail);
  }

  /** Runs `fn` for each cell with 0-based sheet coordinates and 0-based offsets in the range. */
  private _each(fn: (r: number, c: number, i: number, j: number) => void): void {
    for (let i = 0; i < this.area.numRows; i++) for (let j = 0; j < this.area.numCols; j++) fn(this._r0 + i, this._c0 + j, i, j);
  }

  private _grid2D<T>(fn: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.area.numRows; i++) {
      const line: T[] = new Array<T>(this.area.numCols);
      for (let j = 0; j < this.area.numCols; j++) line[j] = fn(this._r0 + i, this._c0 + j);
      out.push(line);
    }
    return out;
  }

  private _styleOf(r: number, c: number): CellStyle | undefined {
    return this.sheet.grid.style(r, c);
  }

  private _setStyle<K extends StyleField>(field: K, value: CellStyle[K] | undefined): this {
    this._writable();
    const ed = new StyleEditor();
    this.sheet.grid.editStyles(this._r0, this._c0, this.area.numRows, this.area.numCols, (old) => ed.set(old, field, value));
    return this;
  }

  private _setStyles<K extends StyleField>(method: string, values: unknown, field: K, convert: (v: unknown) => CellStyle[K] | undefined): this {
    this._checkGrid(method, values);
    this._writable();
    const ed = new StyleEditor();
    const rows = values as unknown[][];
    this.sheet.grid.editStyles(this._r0, this._c0, this.area.numRows, this.area.numCols, (old, i, j) => ed.set(old, field, convert(rows[i]?.[j])));
    return this;
  }

  /** setValues-style argument checks: a 2D array sized exactly like the range (§1.4 rows 1–2). */
  private _checkGrid(method: string, values: unknown): void {
    if (!is2D(values)) throw signatureError(this.gasName, method, [values]);
    if (values.length !== this.area.numRows) throw new GasException(gasMessages.rowsMismatch(values.length, this.area.numRows));
    for (const row of values) {
      if (row.length !== this.area.numCols) throw new GasException(gasMessages.columnsMismatch(row.length, this.area.numCols));
    }
  }

  // ---- geometry (client-side in Apps Script) ---------------------------------------------

  getRow(): number {
    return this.area.row;
  }

  getRowIndex(): number {
    return this.area.row;
  }

  getColumn(): number {
    return this.area.col;
  }

  getNumRows(): number {
    return this.area.numRows;
  }

  getNumColumns(): number {
    return this.area.numCols;
  }

  getLastRow(): number {
    return this.area.row + this.area.numRows - 1;
  }

  getLastColumn(): number {
    return this.area.col + this.area.numCols - 1;
  }

  getWidth(): number {
    return this.area.numCols;
  }

  getHeight(): number {
    return this.area.numRows;
  }

  getA1Notation(): string {
    return areaToA1(this.area);
  }

  getSheet(): SheetFacade {
    return new SheetFacade(this.env, this.world, this.sheet);
  }

  getGridId(): number {
    return this.sheet.sheetId;
  }

  isStartRowBounded(): boolean {
    return this.area.open?.startRow !== true;
  }

  isEndRowBounded(): boolean {
    return this.area.open?.endRow !== true;
  }

  isStartColumnBounded(): boolean {
    return this.area.open?.startCol !== true;
  }

  isEndColumnBounded(): boolean {
    return this.area.open?.endCol !== true;
  }

  /** offset(r, c) keeps the size; a zero height or width throws (reference §1.2 rows 9–10). */
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): RangeFacade {
    if (!isInteger(rowOffset) || !isInteger(columnOffset)) throw signatureError(this.gasName, 'offset', [rowOffset, columnOffset, numRows, numColumns].filter((a) => a !== undefined));
    const nr = numRows ?? this.area.numRows;
    const nc = numColumns ?? this.area.numCols;
    if (nr < 1) throw new GasException(gasMessages.rowsAtLeastOne);
    if (nc < 1) throw new GasException(gasMessages.columnsAtLeastOne);
    const row = this.area.row + rowOffset;
    const col = this.area.col + columnOffset;
    if (row < 1) throw new GasException(sheetMessages.startRowTooSmall);
    if (col < 1) throw new GasException(sheetMessages.startColumnTooSmall);
    if (row + nr - 1 > this.sheet.maxRows || col + nc - 1 > this.sheet.maxColumns) throw new GasException(gasMessages.outsideSheet);
    return this._make({ row, col, numRows: nr, numCols: nc });
  }

  /** 1-based within this range; outside it: "Cell reference out of range" (§1.4 row 7). */
  getCell(row: number, column: number): RangeFacade {
    if (!isInteger(row) || !isInteger(column)) throw signatureError(this.gasName, 'getCell', [row, column]);
    if (row < 1 || column < 1 || row > this.area.numRows || column > this.area.numCols) throw new GasException(gasMessages.cellOutOfRange);
    return this._make({ row: this.area.row + row - 1, col: this.area.col + column - 1, numRows: 1, numCols: 1 });
  }

  // ---- values ----------------------------------------------------------------------------

  getValue(): CellValue {
    return readCell(this.sheet, this._r0, this._c0);
  }

  getValues(): CellValue[][] {
    return readValues(this.sheet, this.area);
  }

  /** Every cell of the range gets the value (USER_ENTERED, see cells.ts). */
  setValue(value: unknown): RangeFacade {
    if (Array.isArray(value)) throw signatureError(this.gasName, 'setValue', [value]);
    this._writable();
    this._each((r, c) => writeCell(this.sheet, r, c, value));
    return this;
  }

  setValues(values: unknown[][]): RangeFacade {
    this._checkGrid('setValues', values);
    this._writable();
    for (let i = 0; i < this.area.numRows; i++) {
      const line = values[i] ?? [];
      for (let j = 0; j < this.area.numCols; j++) writeCell(this.sheet, this._r0 + i, this._c0 + j, line[j]);
    }
    return this;
  }

  getDisplayValue(): string {
    return readDisplayValues(this.sheet, { row: this.area.row, col: this.area.col, numRows: 1, numCols: 1 })[0]?.[0] ?? '';
  }

  getDisplayValues(): string[][] {
    return readDisplayValues(this.sheet, this.area);
  }

  isBlank(): boolean {
    let blank = true;
    this.sheet.grid.forEach(this._r0, this._c0, this.area.numRows, this.area.numCols, (_i, _j, v, _s, f) => {
      if (v !== '' || f !== undefined) blank = false;
    });
    return blank;
  }

  // ---- formulas --------------------------------------------------------------------------

  getFormula(): string {
    return this.sheet.grid.formula(this._r0, this._c0) ?? '';
  }

  getFormulas(): string[][] {
    return readFormulas(this.sheet, this.area);
  }

  /** One formula on a block: relative references move with each cell (§1.2 row 21). */
  setFormula(formula: string): RangeFacade {
    if (typeof formula !== 'string') throw signatureError(this.gasName, 'setFormula', [formula]);
    this._writable();
    this._each((r, c, i, j) => writeFormula(this.sheet, r, c, shiftFormula(formula, i, j)));
    return this;
  }

  setFormulas(formulas: string[][]): RangeFacade {
    this._checkGrid('setFormulas', formulas);
    this._writable();
    this._each((r, c, i, j) => {
      const f = formulas[i]?.[j];
      writeFormula(this.sheet, r, c, f === undefined || f === null ? '' : String(f));
    });
    return this;
  }

  // ---- number formats --------------------------------------------------------------------

  getNumberFormat(): string {
    return this._styleOf(this._r0, this._c0)?.numberFormat ?? GENERAL_PATTERN;
  }

  getNumberFormats(): string[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.numberFormat ?? GENERAL_PATTERN);
  }

  /** "general" resets to the automatic format; null is refused (reference §1.2 row 29). */
  setNumberFormat(numberFormat: string): RangeFacade {
    if (typeof numberFormat !== 'string') throw signatureError(this.gasName, 'setNumberFormat', [numberFormat]);
    return this._setStyle('numberFormat', toPattern(numberFormat));
  }

  setNumberFormats(numberFormats: string[][]): RangeFacade {
    return this._setStyles('setNumberFormats', numberFormats, 'numberFormat', (v) => (typeof v === 'string' ? toPattern(v) : undefined));
  }

  // ---- text style ------------------------------------------------------------------------

  getFontWeight(): 'bold' | 'normal' {
    return this._styleOf(this._r0, this._c0)?.fontWeight ?? 'normal';
  }

  getFontWeights(): ('bold' | 'normal')[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.fontWeight ?? 'normal');
  }

  setFontWeight(fontWeight: 'bold' | 'normal' | null): RangeFacade {
    return this._setStyle('fontWeight', fontWeight === 'bold' ? 'bold' : undefined);
  }

  setFontWeights(fontWeights: ('bold' | 'normal' | null)[][]): RangeFacade {
    return this._setStyles('setFontWeights', fontWeights, 'fontWeight', (v) => (v === 'bold' ? 'bold' : undefined));
  }

  getFontColor(): string {
    return this._styleOf(this._r0, this._c0)?.fontColor ?? '#000000';
  }

  getFontColors(): string[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.fontColor ?? '#000000');
  }

  setFontColor(color: string | null): RangeFacade {
    return this._setStyle('fontColor', color === null ? undefined : normaliseColor(String(color)));
  }

  setFontColors(colors: unknown[][]): RangeFacade {
    return this._setStyles('setFontColors', colors, 'fontColor', (v) => (typeof v === 'string' ? normaliseColor(v) : undefined));
  }

  getBackground(): string {
    return this._styleOf(this._r0, this._c0)?.background ?? '#ffffff';
  }

  getBackgrounds(): string[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.background ?? '#ffffff');
  }

  setBackground(color: string | null): RangeFacade {
    return this._setStyle('background', color === null ? undefined : normaliseColor(String(color)));
  }

  setBackgrounds(color: (string | null)[][]): RangeFacade {
    return this._setStyles('setBackgrounds', color, 'background', (v) => (typeof v === 'string' ? normaliseColor(v) : undefined));
  }

  /** A fresh cell reads "general"; setting 'normal' reads back "general-left" (§1.2 row 32). */
  getHorizontalAlignment(): string {
    return this._styleOf(this._r0, this._c0)?.hAlign ?? 'general';
  }

  getHorizontalAlignments(): string[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.hAlign ?? 'general');
  }

  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): RangeFacade {
    return this._setStyle('hAlign', toAlignment(alignment));
  }

  setHorizontalAlignments(alignments: ('left' | 'center' | 'normal' | 'right' | null)[][]): RangeFacade {
    return this._setStyles('setHorizontalAlignments', alignments, 'hAlign', (v) => toAlignment(typeof v === 'string' ? v : null));
  }

  /** A fresh cell reports wrap true with strategy OVERFLOW: a live-GAS inconsistency we keep. */
  getWrap(): boolean {
    const s = this._styleOf(this._r0, this._c0)?.wrapStrategy;
    return s === undefined || s === 'WRAP';
  }

  getWraps(): boolean[][] {
    return this._grid2D((r, c) => {
      const s = this._styleOf(r, c)?.wrapStrategy;
      return s === undefined || s === 'WRAP';
    });
  }

  setWrap(isWrapEnabled: boolean): RangeFacade {
    return this._setStyle('wrapStrategy', isWrapEnabled ? 'WRAP' : 'OVERFLOW');
  }

  setWraps(isWrapEnabled: boolean[][]): RangeFacade {
    return this._setStyles('setWraps', isWrapEnabled, 'wrapStrategy', (v) => (v ? 'WRAP' : 'OVERFLOW'));
  }

  getWrapStrategy(): WrapName {
    return this._styleOf(this._r0, this._c0)?.wrapStrategy ?? 'OVERFLOW';
  }

  getWrapStrategies(): WrapName[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.wrapStrategy ?? 'OVERFLOW');
  }

  setWrapStrategy(strategy: EnumArg): RangeFacade {
    const s = enumName(strategy, WRAPS);
    if (!s) throw signatureError(this.gasName, 'setWrapStrategy', [strategy]);
    return this._setStyle('wrapStrategy', s);
  }

  setWrapStrategies(strategies: EnumArg[][]): RangeFacade {
    return this._setStyles('setWrapStrategies', strategies, 'wrapStrategy', (v) => enumName(v, WRAPS) ?? undefined);
  }

  // ---- notes -----------------------------------------------------------------------------

  getNote(): string {
    return this._styleOf(this._r0, this._c0)?.note ?? '';
  }

  getNotes(): string[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.note ?? '');
  }

  /** setNote(25) reads back "25" … */
  setNote(note: string | null): RangeFacade {
    const text = note === null || note === undefined || note === '' ? undefined : String(note);
    return this._setStyle('note', text);
  }

  /** … but setNotes([[25]]) reads back "25.0": numbers pass through Java (§1.2 row 34). */
  setNotes(notes: (string | null)[][]): RangeFacade {
    return this._setStyles('setNotes', notes, 'note', (v) => {
      if (v === null || v === undefined || v === '') return undefined;
      return typeof v === 'number' ? javaNumberText(v) : String(v);
    });
  }

  clearNote(): RangeFacade {
    return this._setStyle('note', undefined);
  }

  // ---- data validation and checkboxes ----------------------------------------------------

  getDataValidation(): DataValidationFacade | null {
    const rule = this._styleOf(this._r0, this._c0)?.validation;
    return rule ? new DataValidationFacade(this.env, this.world, rule) : null;
  }

  getDataValidations(): (DataValidationFacade | null)[][] {
    return this._grid2D((r, c) => {
      const rule = this._styleOf(r, c)?.validation;
      return rule ? new DataValidationFacade(this.env, this.world, rule) : null;
    });
  }

  setDataValidation(rule: DataValidationFacade | null): RangeFacade {
    if (rule !== null && !(rule instanceof DataValidationFacade)) throw signatureError(this.gasName, 'setDataValidation', [rule]);
    return this._setStyle('validation', rule?._rule());
  }

  setDataValidations(rules: (DataValidationFacade | null)[][]): RangeFacade {
    return this._setStyles('setDataValidations', rules, 'validation', (v) => (v instanceof DataValidationFacade ? v._rule() : undefined));
  }

  clearDataValidations(): RangeFacade {
    return this._setStyle('validation', undefined);
  }

  /**
   * Checkbox validation on every cell, whose value becomes the unchecked value: FALSE, or ""
   * when only a custom checked value is given (as the Range.insertCheckboxes docs say).
   */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): RangeFacade {
    const args: Scalar[] = [];
    if (checkedValue !== undefined) args.push(toRuleScalar(checkedValue));
    if (uncheckedValue !== undefined) args.push(toRuleScalar(uncheckedValue));
    const rule: ValidationRule = { criteria: 'CHECKBOX', args, allowInvalid: true, helpText: null };
    this._setStyle('validation', rule);
    const { unchecked } = checkboxValues(rule);
    this._each((r, c) => this.sheet.grid.setCell(r, c, unchecked));
    return this;
  }

  /** Drops checkbox rules, blanking cells that held a checkbox value. */
  removeCheckboxes(): RangeFacade {
    this._writable();
    this._each((r, c) => {
      const rule = this._styleOf(r, c)?.validation;
      if (rule?.criteria !== 'CHECKBOX') return;
      const { checked, unchecked } = checkboxValues(rule);
      const v = this.sheet.grid.value(r, c);
      if (v === checked || v === unchecked) this.sheet.grid.setCell(r, c, '');
      setStyleField(this.sheet, r, c, 'validation', undefined);
    });
    return this;
  }

  /** true if all cells are ticked checkboxes, false if all unticked, otherwise null (§1.2 row 33). */
  isChecked(): boolean | null {
    let state: boolean | null | undefined;
    let mixed = false;
    this._each((r, c) => {
      const rule = this._styleOf(r, c)?.validation;
      let s: boolean | null = null;
      if (rule?.criteria === 'CHECKBOX') {
        const { checked, unchecked } = checkboxValues(rule);
        const v = this.sheet.grid.value(r, c);
        s = v === checked ? true : v === unchecked ? false : null;
      }
      if (state === undefined) state = s;
      else if (state !== s) mixed = true;
    });
    return mixed || state === undefined ? null : state;
  }

  check(): RangeFacade {
    return this._setCheckState(true);
  }

  uncheck(): RangeFacade {
    return this._setCheckState(false);
  }

  private _setCheckState(on: boolean): RangeFacade {
    this._writable();
    this._each((r, c) => {
      const rule = this._styleOf(r, c)?.validation;
      if (rule?.criteria !== 'CHECKBOX') return;
      const { checked, unchecked } = checkboxValues(rule);
      const v = this.sheet.grid.value(r, c);
      // Cells holding neither configured value are left alone (Range.check docs).
      if (v !== checked && v !== unchecked && v !== '') return;
      this.sheet.grid.setCell(r, c, on ? checked : unchecked);
    });
    return this;
  }

  // ---- clearing --------------------------------------------------------------------------

  /**
   * clear() clears contents and formats and keeps notes and data validation (its docs: "Clears
   * the range of contents and formats"); clear(options) with no option set clears all four ("By
   * default all data is cleared"), and each `…Only` option names one part.
   */
  clear(options?: ClearOptions): RangeFacade {
    this._writable();
    const o = options ?? {};
    const any = o.contentsOnly || o.formatOnly || o.commentsOnly || o.validationsOnly;
    const all = options !== undefined && !any;
    const contents = options === undefined || all || o.contentsOnly === true;
    const formats = options === undefined || all || o.formatOnly === true;
    const grid = this.sheet.grid;
    if (contents) grid.clearValues(this._r0, this._c0, this.area.numRows, this.area.numCols);
    const fields: StyleField[] = [];
    if (formats) fields.push(...FORMAT_FIELDS);
    if (all || o.commentsOnly) fields.push('note');
    if (all || o.validationsOnly) fields.push('validation');
    if (fields.length > 0) {
      const ed = new StyleEditor();
      grid.editStyles(this._r0, this._c0, this.area.numRows, this.area.numCols, (old) => ed.drop(old, fields));
    }
    return this;
  }

  clearContent(): RangeFacade {
    return this.clear({ contentsOnly: true });
  }

  clearFormat(): RangeFacade {
    return this.clear({ formatOnly: true });
  }

  // ---- sorting and regions ---------------------------------------------------------------

  /**
   * sort(2), sort({column: 2, ascending: false}) or an array of those. Columns are sheet
   * columns inside the range. Whole cells move (values, formulas, formats). See sort.ts.
   */
  sort(sortSpecObj: unknown): RangeFacade {
    const specs = Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj];
    const keys: SortKey[] = specs.map((s: unknown) => {
      const column = typeof s === 'number' ? s : typeof s === 'object' && s !== null ? (s as { column?: unknown }).column : undefined;
      const ascending = typeof s === 'object' && s !== null ? (s as { ascending?: unknown }).ascending !== false : true;
      if (typeof column !== 'number' || column < this.area.col || column > this.getLastColumn()) {
        throw new GasException(sheetMessages.invalidArgument('sortSpecObj'));
      }
      return { index: column - 1, ascending };
    });
    this._writable();
    const grid = this.sheet.grid;
    const order = sortOrder(this.area.numRows, keys, (row, col) => grid.value(this._r0 + row, col));
    if (this.area.col === 1 && this.area.numCols >= this.sheet.maxColumns) grid.permuteRows(this._r0, order);
    else grid.permuteBlockRows(this._r0, this._c0, this.area.numCols, order);
    return this;
  }

  /**
   * The block of non-empty cells around this range, growing while a cell next to one of its
   * edges holds data (§1.2 row 18: a diagonal neighbour does not count, so an empty A1 next to
   * data starting at B2 stays A1). ROWS or COLUMNS keep the other axis.
   */
  getDataRegion(dimension?: EnumArg): RangeFacade {
    const dim = dimension === undefined ? null : enumName(dimension, DIMENSIONS);
    if (dimension !== undefined && dim === null) throw signatureError(this.gasName, 'getDataRegion', [dimension]);
    const grid = this.sheet.grid;
    const filled = (r: number, c: number): boolean => grid.value(r - 1, c - 1) !== '' || grid.formula(r - 1, c - 1) !== undefined;
    let top = this.area.row;
    let left = this.area.col;
    let bottom = this.getLastRow();
    let right = this.getLastColumn();
    const maxR = this.sheet.maxRows;
    const maxC = this.sheet.maxColumns;
    const lineHas = (r1: number, c1: number, r2: number, c2: number): boolean => {
      for (let r = Math.max(1, r1); r <= Math.min(maxR, r2); r++) for (let c = Math.max(1, c1); c <= Math.min(maxC, c2); c++) if (filled(r, c)) return true;
      return false;
    };
    for (let grew = true; grew; ) {
      grew = false;
      if (top > 1 && lineHas(top - 1, left, top - 1, right)) (top--, (grew = true));
      if (bottom < maxR && lineHas(bottom + 1, left, bottom + 1, right)) (bottom++, (grew = true));
      if (left > 1 && lineHas(top, left - 1, bottom, left - 1)) (left--, (grew = true));
      if (right < maxC && lineHas(top, right + 1, bottom, right + 1)) (right++, (grew = true));
    }
    if (dim === 'ROWS') return this._make({ row: top, col: this.area.col, numRows: bottom - top + 1, numCols: this.area.numCols });
    if (dim === 'COLUMNS') return this._make({ row: this.area.row, col: left, numRows: this.area.numRows, numCols: right - left + 1 });
    return this._make({ row: top, col: left, numRows: bottom - top + 1, numCols: right - left + 1 });
  }

  /**
   * Keeps the first of rows that repeat in the compared columns (all by default) and closes the
   * gaps; returns the range of the rows left (§1.2 row 20). Text compares exactly [R].
   */
  removeDuplicates(columnsToCompare?: number[]): RangeFacade {
    this._writable();
    const cols = columnsToCompare ?? Array.from({ length: this.area.numCols }, (_, j) => this.area.col + j);
    const values = this.getValues();
    const seen = new Set<string>();
    const keep: number[] = [];
    values.forEach((line, i) => {
      const key = JSON.stringify(cols.map((c) => keyOf(line[c - this.area.col])));
      if (!seen.has(key)) {
        seen.add(key);
        keep.push(i);
      }
    });
    const grid = this.sheet.grid;
    const records = keep.map((i) => Array.from({ length: this.area.numCols }, (_, j) => grid.record(this._r0 + i, this._c0 + j)));
    this._each((r, c, i, j) => {
      const rec = records[i]?.[j];
      if (rec) grid.putRecord(r, c, rec);
      else grid.setCell(r, c, '');
    });
    return this._make({ row: this.area.row, col: this.area.col, numRows: Math.max(1, keep.length), numCols: this.area.numCols });
  }

  // ---- copying ---------------------------------------------------------------------------

  /**
   * Copies values, formulas (references moved) and formats to the destination's top-left,
   * at this range's size (no truncation). A copy-paste type argument is accepted without being
   * checked, as live GAS does (§1.2 row 36); `{contentsOnly}` / `{formatOnly}` are honoured.
   */
  copyTo(destination: RangeFacade, options?: unknown, transposed?: unknown): void {
    if (!(destination instanceof RangeFacade)) throw signatureError(this.gasName, 'copyTo', destination === undefined ? [] : [destination]);
    if (transposed !== undefined && typeof options === 'string' && !['PASTE_NORMAL', 'PASTE_NO_BORDERS', 'PASTE_FORMAT', 'PASTE_FORMULA', 'PASTE_DATA_VALIDATION', 'PASTE_VALUES', 'PASTE_CONDITIONAL_FORMATTING', 'PASTE_COLUMN_WIDTHS'].includes(options)) {
      throw signatureError(this.gasName, 'copyTo', [destination, options, transposed]);
    }
    const o = typeof options === 'object' && options !== null ? (options as { contentsOnly?: boolean; formatOnly?: boolean }) : {};
    const pasteType = typeof options === 'string' ? options : 'PASTE_NORMAL';
    const contents = !o.formatOnly && pasteType !== 'PASTE_FORMAT';
    const formats = !o.contentsOnly && pasteType !== 'PASTE_VALUES' && pasteType !== 'PASTE_FORMULA';
    const dest = destination._target();
    const target: GridArea = { row: dest.area.row, col: dest.area.col, numRows: this.area.numRows, numCols: this.area.numCols };
    if (target.row + target.numRows - 1 > dest.sheet.maxRows || target.col + target.numCols - 1 > dest.sheet.maxColumns) {
      throw new GasException(gasMessages.outsideSheet);
    }
    assertCanWrite(dest.sheet, target, this.env.effectiveUserEmail);
    const src = this.sheet.grid;
    const records = this._grid2D((r, c) => src.record(r, c));
    const dRows = target.row - this.area.row;
    const dCols = target.col - this.area.col;
    records.forEach((line, i) =>
      line.forEach((rec, j) => {
        const r = target.row - 1 + i;
        const c = target.col - 1 + j;
        if (contents) {
          if (rec.f !== undefined && pasteType !== 'PASTE_VALUES') writeFormula(dest.sheet, r, c, shiftFormula(rec.f, dRows, dCols));
          else dest.sheet.grid.setCell(r, c, rec.v);
        }
        if (formats) dest.sheet.grid.setStyle(r, c, rec.s);
      }),
    );
  }

  // ---- protection, filter, selection -----------------------------------------------------

  protect(): ProtectionFacade {
    return new ProtectionFacade(this.env, this.world, addProtection(this.env, this.sheet, 'RANGE', copyArea(this.area)));
  }

  canEdit(): boolean {
    try {
      assertCanWrite(this.sheet, this.area, this.env.effectiveUserEmail);
      return true;
    } catch {
      return false;
    }
  }

  createFilter(): FilterFacade {
    if (this.sheet.filter) throw new GasException(sheetMessages.filterExists);
    this.sheet.filter = { area: copyArea(this.area), criteria: new Map() };
    return new FilterFacade(this.env, this.world, this.sheet);
  }

  getFilter(): FilterFacade | null {
    return this.sheet.filter ? new FilterFacade(this.env, this.world, this.sheet) : null;
  }

  activate(): RangeFacade {
    const ss = this.sheet.spreadsheet;
    ss.activeSheetId = this.sheet.sheetId;
    ss.selection = { sheetId: this.sheet.sheetId, area: copyArea(this.area) };
    return this;
  }

  // ---- font and text styles -------------------------------------------------------------

  getFontStyle(): string {
    return this._styleOf(this._r0, this._c0)?.fontStyle ?? 'normal';
  }

  getFontStyles(): string[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.fontStyle ?? 'normal');
  }

  setFontStyle(fontStyle: string | null): RangeFacade {
    return this._setStyle('fontStyle', fontStyle === 'italic' ? 'italic' : undefined);
  }

  setFontStyles(fontStyles: unknown[][]): RangeFacade {
    return this._setStyles('setFontStyles', fontStyles, 'fontStyle', (v) => (v === 'italic' ? 'italic' : undefined));
  }

  /** A fresh cell's line is "none" (§1.2 row 31). */
  getFontLine(): 'none' | 'underline' | 'line-through' {
    return this._styleOf(this._r0, this._c0)?.fontLine ?? 'none';
  }

  getFontLines(): string[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.fontLine ?? 'none');
  }

  setFontLine(fontLine: string | null): RangeFacade {
    return this._setStyle('fontLine', toFontLine(fontLine));
  }

  setFontLines(fontLines: unknown[][]): RangeFacade {
    return this._setStyles('setFontLines', fontLines, 'fontLine', toFontLine);
  }

  /** Sheets' default font is Arial 10. */
  getFontFamily(): string {
    return this._styleOf(this._r0, this._c0)?.fontFamily ?? DEFAULT_FONT_FAMILY;
  }

  getFontFamilies(): string[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.fontFamily ?? DEFAULT_FONT_FAMILY);
  }

  setFontFamily(fontFamily: string | null): RangeFacade {
    return this._setStyle('fontFamily', fontFamily === null || fontFamily === DEFAULT_FONT_FAMILY ? undefined : String(fontFamily));
  }

  setFontFamilies(fontFamilies: unknown[][]): RangeFacade {
    return this._setStyles('setFontFamilies', fontFamilies, 'fontFamily', (v) => (typeof v === 'string' && v !== DEFAULT_FONT_FAMILY ? v : undefined));
  }

  getFontSize(): number {
    return this._styleOf(this._r0, this._c0)?.fontSize ?? DEFAULT_FONT_SIZE;
  }

  getFontSizes(): number[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.fontSize ?? DEFAULT_FONT_SIZE);
  }

  setFontSize(size: number): RangeFacade {
    if (typeof size !== 'number') throw signatureError(this.gasName, 'setFontSize', [size]);
    return this._setStyle('fontSize', size === DEFAULT_FONT_SIZE ? undefined : size);
  }

  setFontSizes(sizes: unknown[][]): RangeFacade {
    return this._setStyles('setFontSizes', sizes, 'fontSize', (v) => (typeof v === 'number' && v !== DEFAULT_FONT_SIZE ? v : undefined));
  }

  /** A fresh cell reads "bottom". */
  getVerticalAlignment(): string {
    return this._styleOf(this._r0, this._c0)?.vAlign ?? 'bottom';
  }

  getVerticalAlignments(): string[][] {
    return this._grid2D((r, c) => this._styleOf(r, c)?.vAlign ?? 'bottom');
  }

  setVerticalAlignment(alignment: string | null): RangeFacade {
    return this._setStyle('vAlign', toVAlign(alignment));
  }

  setVerticalAlignments(alignments: unknown[][]): RangeFacade {
    return this._setStyles('setVerticalAlignments', alignments, 'vAlign', toVAlign);
  }

  getTextStyle(): TextStyleFacade {
    return new TextStyleFacade(cellTextStyle(this._styleOf(this._r0, this._c0)));
  }

  getTextStyles(): TextStyleFacade[][] {
    return this._grid2D((r, c) => new TextStyleFacade(cellTextStyle(this._styleOf(r, c))));
  }

  /** Sets what the style sets; its unset fields leave the cells' as they were. */
  setTextStyle(style: TextStyleFacade): RangeFacade {
    if (!(style instanceof TextStyleFacade)) throw signatureError(this.gasName, 'setTextStyle', [style]);
    this._writable();
    const t = style._model();
    this.sheet.grid.editStyles(this._r0, this._c0, this.area.numRows, this.area.numCols, (old) => cleanOrUndefined(styleFieldsOf(t, old)));
    return this;
  }

  setTextStyles(styles: TextStyleFacade[][]): RangeFacade {
    this._checkGrid('setTextStyles', styles);
    this._writable();
    this.sheet.grid.editStyles(this._r0, this._c0, this.area.numRows, this.area.numCols, (old, i, j) => {
      const st = styles[i]?.[j];
      return st instanceof TextStyleFacade ? cleanOrUndefined(styleFieldsOf(st._model(), old)) : old;
    });
    return this;
  }

  // ---- rich text -------------------------------------------------------------------------

  /** The top-left cell's rich text, or null when its value is not text (the method's docs). */
  getRichTextValue(): RichTextValueFacade | null {
    return this._richAt(this._r0, this._c0);
  }

  getRichTextValues(): (RichTextValueFacade | null)[][] {
    return this._grid2D((r, c) => this._richAt(r, c));
  }

  setRichTextValue(value: RichTextValueFacade): RangeFacade {
    const rich = richTextOf(value);
    if (!rich) throw signatureError(this.gasName, 'setRichTextValue', [value]);
    this._writable();
    this._each((r, c) => this._putRich(r, c, rich));
    return this;
  }

  setRichTextValues(values: RichTextValueFacade[][]): RangeFacade {
    this._checkGrid('setRichTextValues', values);
    this._writable();
    this._each((r, c, i, j) => {
      const rich = richTextOf(values[i]?.[j]);
      if (rich) this._putRich(r, c, rich);
    });
    return this;
  }

  private _richAt(r: number, c: number): RichTextValueFacade | null {
    const v = this.sheet.grid.value(r, c);
    if (typeof v !== 'string' || this.sheet.grid.formula(r, c) !== undefined) return null;
    return new RichTextValueFacade(cellRichText(v, this._styleOf(r, c)));
  }

  /** Rich text is text: stored as typed, never parsed as a number or a formula. */
  private _putRich(r: number, c: number, rich: RichTextModel): void {
    this.sheet.grid.setCell(r, c, rich.text);
    setStyleField(this.sheet, r, c, 'richText', rich.text === '' ? undefined : rich);
  }

  // ---- merges ----------------------------------------------------------------------------

  /** Merges the range into one cell: the top-left value stays, the others are cleared (§1.2 row 28). */
  merge(): RangeFacade {
    return this._merge([copyArea(this.area)]);
  }

  /** One merge per row. */
  mergeAcross(): RangeFacade {
    return this._merge(Array.from({ length: this.area.numRows }, (_, i) => ({ row: this.area.row + i, col: this.area.col, numRows: 1, numCols: this.area.numCols })));
  }

  /** One merge per column. */
  mergeVertically(): RangeFacade {
    return this._merge(Array.from({ length: this.area.numCols }, (_, j) => ({ row: this.area.row, col: this.area.col + j, numRows: this.area.numRows, numCols: 1 })));
  }

  /** Unmerges every merge inside the range; one reaching outside it is refused. */
  breakApart(): RangeFacade {
    this._writable();
    this._checkWholeMerges();
    this.sheet.merges = this.sheet.merges.filter((m) => !areasIntersect(m, this.area));
    return this;
  }

  isPartOfMerge(): boolean {
    return this.sheet.merges.some((m) => areasIntersect(m, this.area));
  }

  /** Merges inside the range or holding one of its cells (the method's docs). */
  getMergedRanges(): RangeFacade[] {
    return this.sheet.merges.filter((m) => areasIntersect(m, this.area)).map((m) => this._make(copyArea(m)));
  }

  private _merge(parts: GridArea[]): RangeFacade {
    this._writable();
    this._checkWholeMerges();
    this.sheet.merges = this.sheet.merges.filter((m) => !areasIntersect(m, this.area));
    const grid = this.sheet.grid;
    for (const p of parts) {
      if (p.numRows * p.numCols < 2) continue;
      for (let i = 0; i < p.numRows; i++) for (let j = 0; j < p.numCols; j++) if (i + j > 0) grid.setCell(p.row - 1 + i, p.col - 1 + j, '');
      this.sheet.merges.push(p);
    }
    return this;
  }

  /** Sheets refuses to merge or unmerge part of a merge. */
  private _checkWholeMerges(): void {
    for (const m of this.sheet.merges) {
      const inside = m.row >= this.area.row && m.col >= this.area.col && m.row + m.numRows <= this.area.row + this.area.numRows && m.col + m.numCols <= this.area.col + this.area.numCols;
      if (areasIntersect(m, this.area) && !inside) throw new GasException(sheetMessages.partialMerge);
    }
  }

  // ---- finding and filling ---------------------------------------------------------------

  createTextFinder(findText: string): TextFinderFacade<RangeFacade> {
    if (typeof findText !== 'string') throw signatureError(this.gasName, 'createTextFinder', [findText]);
    return new TextFinderFacade(this.env, { areas: () => [{ sheet: this.sheet, area: copyArea(this.area) }], makeRange: (sheet, area) => new RangeFacade(this.env, this.world, sheet, area) }, findText);
  }

  /**
   * Fills `destination` (which holds this range and extends it down, up, right or left) from
   * this range: a run of two or more numbers goes on as a linear series, anything else repeats,
   * formulas with their references moved; ALTERNATE_SERIES always repeats [R: "where cheap"].
   */
  autoFill(destination: RangeFacade, series: EnumArg): void {
    if (!(destination instanceof RangeFacade)) throw signatureError(this.gasName, 'autoFill', [destination, series]);
    const kind = enumName(series, ['DEFAULT_SERIES', 'ALTERNATE_SERIES'] as const);
    if (!kind) throw signatureError(this.gasName, 'autoFill', [destination, series]);
    const d = destination._target().area;
    const a = this.area;
    const sameCols = d.col === a.col && d.numCols === a.numCols;
    const sameRows = d.row === a.row && d.numRows === a.numRows;
    const vertical = sameCols && d.row <= a.row && d.row + d.numRows >= a.row + a.numRows && d.numRows > a.numRows;
    const horizontal = sameRows && d.col <= a.col && d.col + d.numCols >= a.col + a.numCols && d.numCols > a.numCols;
    if (!vertical && !horizontal) throw new GasException(sheetMessages.invalidArgument('destination'));
    assertCanWrite(this.sheet, d, this.env.effectiveUserEmail);
    const grid = this.sheet.grid;
    const lines = vertical ? a.numCols : a.numRows;
    const len = vertical ? a.numRows : a.numCols;
    for (let k = 0; k < lines; k++) {
      const src = Array.from({ length: len }, (_, t) => (vertical ? grid.record(a.row - 1 + t, a.col - 1 + k) : grid.record(a.row - 1 + k, a.col - 1 + t)));
      const nums = src.map((rec) => (rec.f === undefined && typeof rec.v === 'number' ? rec.v : null));
      const linear = kind === 'DEFAULT_SERIES' && len >= 2 && nums.every((n) => n !== null);
      const first = nums[0] ?? 0;
      const step = linear ? ((nums[len - 1] ?? 0) - first) / (len - 1) : 0;
      const start = vertical ? d.row : d.col;
      const end = start + (vertical ? d.numRows : d.numCols);
      const origin = vertical ? a.row : a.col;
      for (let p = start; p < end; p++) {
        const t = p - origin;
        if (t >= 0 && t < len) continue;
        const srcIdx = ((t % len) + len) % len;
        const rec = src[srcIdx];
        if (!rec) continue;
        const r = vertical ? p - 1 : a.row - 1 + k;
        const c = vertical ? a.col - 1 + k : p - 1;
        grid.setStyle(r, c, rec.s);
        if (linear) grid.setCell(r, c, first + step * t);
        else if (rec.f !== undefined) writeFormula(this.sheet, r, c, shiftFormula(rec.f, vertical ? t - srcIdx : 0, vertical ? 0 : t - srcIdx));
        else grid.setCell(r, c, rec.v);
      }
    }
  }
}

function toFontLine(v: unknown): CellStyle['fontLine'] {
  return v === 'underline' || v === 'line-through' ? v : undefined;
}

function toVAlign(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const lower = v.toLowerCase();
  return lower === 'top' || lower === 'middle' ? lower : undefined;
}

function cleanOrUndefined(s: CellStyle): CellStyle | undefined {
  return Object.keys(s).length === 0 ? undefined : s;
}

/**
 * A new protection of `sheet`, added to it. Its editors: the user who made it, unless that is
 * the owner [R].
 */
export function addProtection(env: ExecutionEnv, sheet: SheetModel, type: ProtectionModel['type'], area: GridArea): ProtectionModel {
  const me = env.effectiveUserEmail;
  const model: ProtectionModel = {
    id: sheet.spreadsheet.nextProtectionId(),
    type,
    sheet,
    area,
    description: '',
    warningOnly: false,
    editors: new Set(me && me !== sheet.spreadsheet.owner ? [me] : []),
    domainEdit: false,
    unprotected: [],
    rangeName: null,
    removed: false,
  };
  sheet.protections.push(model);
  return model;
}

function toPattern(format: string): string | undefined {
  return format.trim().toLowerCase() === 'general' || format === '' ? undefined : format;
}

function toAlignment(a: string | null): string | undefined {
  if (a === null) return undefined;
  const lower = a.toLowerCase();
  return lower === 'normal' ? 'general-left' : lower;
}

function toRuleScalar(v: unknown): Scalar {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
}

function keyOf(v: CellValue | undefined): string {
  if (v instanceof Date) return `d${v.getTime()}`;
  return `${typeof v}:${String(v)}`;
}

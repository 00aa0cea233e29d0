/**
 * Host-side spreadsheet state: what Google keeps between executions. No Apps Script API here;
 * the facades (facade-*.ts) read and change these models on a script's behalf, and the sandbox
 * changes them on a person's behalf (user-actions.ts).
 */
import { GasException } from '../../errors';
import type { DriveFileModel, World } from '../../world';
import { serviceState } from '../../world';
import { MAX_COLUMNS, type GridArea } from './a1';
import { areaDeleted, areaInserted } from './areas';
import { adjustFormulaForStructure } from './formula';
import { Grid } from './grid';
import { sheetMessages } from './messages';
import { snapshotStore, type SpreadsheetSnapshot } from './snapshot';

export const SPREADSHEET_MIME_TYPE = 'application/vnd.google-apps.spreadsheet';
/** Reference apps-script-platform §1.5. */
export const MAX_CELLS = 10_000_000;
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;

export interface ProtectionModel {
  readonly id: number;
  readonly type: 'RANGE' | 'SHEET';
  readonly sheet: SheetModel;
  /** For a sheet protection: the whole sheet, open on all edges (prints as ""). */
  area: GridArea;
  description: string;
  warningOnly: boolean;
  /** Emails; the owner can always edit and is not listed (reference §1.2 oddities). */
  editors: Set<string>;
  domainEdit: boolean;
  /** Holes in a sheet protection. */
  unprotected: GridArea[];
  rangeName: string | null;
  removed: boolean;
}

export interface FilterCriteriaModel {
  hiddenValues: string[];
  visibleValues: string[];
}

export interface FilterModel {
  area: GridArea;
  /** By absolute 1-based column. */
  criteria: Map<number, FilterCriteriaModel>;
}

export interface NamedRangeModel {
  name: string;
  sheet: SheetModel;
  area: GridArea;
}

/** A range a chart draws from: any sheet of the chart's spreadsheet. */
export interface ChartRangeModel {
  readonly sheet: SheetModel;
  area: GridArea;
}

/** An embedded chart (Sheet.insertChart): what EmbeddedChartBuilder set, kept on its sheet. */
export interface ChartModel {
  /** Unique across the spreadsheet, stable (EmbeddedChart.getChartId). */
  readonly id: number;
  /** A Charts.ChartType name; null when never set. */
  type: string | null;
  ranges: ChartRangeModel[];
  /** setOption(key, value) as given, keys in the order first set. */
  options: Map<string, unknown>;
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  /** -1: Sheets decides (the documented default). */
  numHeaders: number;
  transpose: boolean;
  hiddenDimensionStrategy: string;
  mergeStrategy: string;
}

export interface SelectionModel {
  sheetId: number;
  area: GridArea;
}

export class SheetModel {
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  /** 1-based column → width in pixels; absent = 100. */
  columnWidths = new Map<number, number>();
  protections: ProtectionModel[] = [];
  filter: FilterModel | null = null;
  /** Embedded charts placed on this sheet (their ranges may be on other sheets). */
  charts: ChartModel[] = [];
  /** Merged rectangles (Range.merge…); they never overlap. */
  merges: GridArea[] = [];
  /** 1-based rows and columns hidden by a person or a script (not by a filter). */
  hiddenRows = new Set<number>();
  hiddenColumns = new Set<number>();

  constructor(
    readonly spreadsheet: SpreadsheetModel,
    public name: string,
    readonly sheetId: number,
    public grid: Grid,
  ) {}

  get maxRows(): number {
    return this.grid.maxRows;
  }

  get maxColumns(): number {
    return this.grid.maxCols;
  }

  /** 1-based position among the spreadsheet's sheets (reference §1.2 row 27). */
  get index(): number {
    return this.spreadsheet.sheets.indexOf(this) + 1;
  }

  get deleted(): boolean {
    return !this.spreadsheet.sheets.includes(this);
  }

  lastRow(): number {
    return this.grid.lastRowAndColumn().row;
  }

  lastColumn(): number {
    return this.grid.lastRowAndColumn().col;
  }

  /**
   * Inserts `count` rows before 1-based row `at`. `inheritFrom` names the 1-based row whose
   * formatting the new rows take (Sheets copies the row above for "insert after" and the row
   * below for "insert before").
   */
  insertRows(at: number, count: number, inheritFrom?: number): void {
    this.spreadsheet.assertRoomFor(count * this.maxColumns);
    const template = inheritFrom !== undefined && inheritFrom >= 1 && inheritFrom <= this.maxRows ? inheritFrom - 1 : undefined;
    this.grid.insertRows(at - 1, count, template);
    this.grid.mapFormulas((f) => adjustFormulaForStructure(f, 'row', at, count));
    this.forEachAnchor((area) => {
      areaInserted(area, 'row', at, count);
      return true;
    });
    if (at <= this.frozenRows) this.frozenRows += count;
    this.hiddenRows = shiftSet(this.hiddenRows, at, count);
  }

  deleteRows(at: number, count: number): void {
    if (count >= this.maxRows) throw new GasException(sheetMessages.cannotDeleteAllRows);
    this.grid.deleteRows(at - 1, count);
    this.grid.mapFormulas((f) => adjustFormulaForStructure(f, 'row', at, -count));
    this.forEachAnchor((area) => areaDeleted(area, 'row', at, count));
    if (at <= this.frozenRows) this.frozenRows = Math.max(at - 1, this.frozenRows - count);
    this.hiddenRows = shiftSet(this.hiddenRows, at, -count);
  }

  insertColumns(at: number, count: number, inheritFrom?: number): void {
    if (this.maxColumns + count > MAX_COLUMNS) throw new GasException(sheetMessages.tooManyColumns);
    this.spreadsheet.assertRoomFor(count * this.maxRows);
    const template = inheritFrom !== undefined && inheritFrom >= 1 && inheritFrom <= this.maxColumns ? inheritFrom - 1 : undefined;
    this.grid.insertColumns(at - 1, count, template);
    this.grid.mapFormulas((f) => adjustFormulaForStructure(f, 'col', at, count));
    this.forEachAnchor((area) => {
      areaInserted(area, 'col', at, count);
      return true;
    });
    this.columnWidths = shiftKeys(this.columnWidths, at, count);
    if (at <= this.frozenColumns) this.frozenColumns += count;
    this.hiddenColumns = shiftSet(this.hiddenColumns, at, count);
  }

  deleteColumns(at: number, count: number): void {
    if (count >= this.maxColumns) throw new GasException(sheetMessages.cannotDeleteAllColumns);
    this.grid.deleteColumns(at - 1, count);
    this.grid.mapFormulas((f) => adjustFormulaForStructure(f, 'col', at, -count));
    this.forEachAnchor((area) => areaDeleted(area, 'col', at, count));
    const widths = new Map<number, number>();
    for (const [c, w] of this.columnWidths) {
      if (c < at) widths.set(c, w);
      else if (c >= at + count) widths.set(c - count, w);
    }
    this.columnWidths = widths;
    if (at <= this.frozenColumns) this.frozenColumns = Math.max(at - 1, this.frozenColumns - count);
    this.hiddenColumns = shiftSet(this.hiddenColumns, at, -count);
  }

  /**
   * Moves `count` columns starting at 1-based `from` so that they sit before column `to`
   * (numbered before the move), like Sheet.moveColumns and dragging a column header.
   * Formulas and anchored ranges are not re-pointed: [R] simplification.
   */
  moveColumns(from: number, count: number, to: number): void {
    this.grid.moveColumns(from - 1, count, to - 1);
  }

  /** Every rectangle that must follow structural edits; `fn` returns false to drop it. */
  private forEachAnchor(fn: (area: GridArea) => boolean): void {
    for (const p of this.protections) {
      if (p.type === 'RANGE' && !fn(p.area)) p.removed = true;
      p.unprotected = p.unprotected.filter((a) => fn(a));
    }
    this.protections = this.protections.filter((p) => !p.removed);
    if (this.filter && !fn(this.filter.area)) this.filter = null;
    this.merges = this.merges.filter((m) => fn(m));
    this.spreadsheet.namedRanges = this.spreadsheet.namedRanges.filter((n) => n.sheet !== this || fn(n.area));
    // Charts anywhere in the spreadsheet follow the cells of this sheet they draw from; a range
    // whose cells are all deleted leaves the chart.
    for (const s of this.spreadsheet.sheets) {
      for (const c of s.charts) c.ranges = c.ranges.filter((r) => r.sheet !== this || fn(r.area));
    }
  }
}

/** Indexes ≥ `at` move by `count`; a negative count deletes [at, at - count) first. */
function shiftSet(set: Set<number>, at: number, count: number): Set<number> {
  const out = new Set<number>();
  for (const k of set) {
    if (k < at) out.add(k);
    else if (count > 0) out.add(k + count);
    else if (k >= at - count) out.add(k + count);
  }
  return out;
}

function shiftKeys(map: Map<number, number>, at: number, count: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const [k, v] of map) out.set(k >= at ? k + count : k, v);
  return out;
}

export interface NewSpreadsheetOptions {
  name: string;
  owner: string;
  timeZone: string;
  locale?: string;
  rows?: number;
  columns?: number;
  id?: string;
  createdAt?: number;
}

export class SpreadsheetModel {
  sheets: SheetModel[] = [];
  namedRanges: NamedRangeModel[] = [];
  activeSheetId = 0;
  selection: SelectionModel | null = null;
  /** Some formula reads cells: reads evaluate formulas again (cells.ts). */
  liveFormulas = false;
  private sheetSeq = 0;
  private protectionSeq = 0;
  private chartSeq = 0;
  constructor(
    readonly id: string,
    readonly file: DriveFileModel,
    public timeZone: string,
    public locale: string,
  ) {}

  /** The Drive file's name is the spreadsheet's name (DriveApp renames show up here). */
  get name(): string {
    return this.file.name;
  }

  set name(value: string) {
    this.file.name = value;
  }

  get owner(): string {
    return this.file.owner;
  }

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  /** "시트1" in a Korean-locale file, "Sheet1" otherwise (reference §1.2 row 26). */
  defaultSheetName(): string {
    const stem = this.locale.toLowerCase().startsWith('ko') ? '시트' : 'Sheet';
    for (let n = 1; ; n++) {
      const candidate = `${stem}${n}`;
      if (!this.sheetByName(candidate)) return candidate;
    }
  }

  /** Sheet names are unique regardless of case, and getSheetByName ignores case [R]. */
  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.sheetId === id);
  }

  /** The first sheet has gid 0; later ones get large deterministic ids, as Sheets' look random. */
  private nextSheetId(): number {
    const n = this.sheetSeq++;
    if (n === 0) return 0;
    let h = 2166136261;
    for (const ch of `${this.id}:${n}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return (h >>> 1) % 2_000_000_000 + 1;
  }

  nextProtectionId(): number {
    return ++this.protectionSeq;
  }

  /** Chart ids look large and arbitrary in Sheets; ours are deterministic of the same shape. */
  nextChartId(): number {
    const n = ++this.chartSeq;
    let h = 2166136261;
    for (const ch of `${this.id}:chart:${n}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return (h >>> 1) % 2_000_000_000 + 1;
  }

  /** The chart with this id on any sheet, with its sheet. */
  chartById(id: number): { sheet: SheetModel; chart: ChartModel } | undefined {
    for (const sheet of this.sheets) {
      const chart = sheet.charts.find((c) => c.id === id);
      if (chart) return { sheet, chart };
    }
    return undefined;
  }

  cellCount(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
  }

  assertRoomFor(extraCells: number): void {
    if (this.cellCount() + extraCells > MAX_CELLS) throw new GasException(sheetMessages.tooManyCells);
  }

  /** Adds a sheet at 0-based `index` (end by default). */
  addSheet(name: string | undefined, index?: number, rows = DEFAULT_ROWS, columns = DEFAULT_COLUMNS, grid?: Grid): SheetModel {
    const finalName = name ?? this.defaultSheetName();
    if (this.sheetByName(finalName)) throw new GasException(sheetMessages.sheetExists(finalName));
    const g = grid ?? new Grid(rows, columns);
    this.assertRoomFor(g.maxRows * g.maxCols);
    const sheet = new SheetModel(this, finalName, this.nextSheetId(), g);
    const at = index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, sheet);
    return sheet;
  }

  removeSheet(sheet: SheetModel): void {
    if (this.sheets.length <= 1) throw new GasException(sheetMessages.cannotRemoveAllSheets);
    const i = this.sheets.indexOf(sheet);
    if (i < 0) return;
    this.sheets.splice(i, 1);
    this.namedRanges = this.namedRanges.filter((n) => n.sheet !== sheet);
    if (this.activeSheetId === sheet.sheetId) this.activeSheetId = (this.sheets[Math.max(0, i - 1)] ?? this.sheets[0])?.sheetId ?? 0;
    if (this.selection?.sheetId === sheet.sheetId) this.selection = null;
  }

  activeSheet(): SheetModel {
    const s = this.sheetById(this.activeSheetId) ?? this.sheets[0];
    if (!s) throw new Error('spreadsheet has no sheets');
    return s;
  }

  /** Who may change cells a protection covers: its editors and the file's owner. */
  canEdit(p: ProtectionModel, email: string): boolean {
    return email !== '' && (email === this.owner || p.editors.has(email));
  }
}

export class SpreadsheetStore {
  private readonly byId = new Map<string, SpreadsheetModel>();

  get(id: string): SpreadsheetModel | undefined {
    return this.byId.get(id);
  }

  list(): SpreadsheetModel[] {
    return [...this.byId.values()];
  }

  /** Creates a spreadsheet with one default sheet and registers it as a Drive file. */
  create(world: World, opts: NewSpreadsheetOptions): SpreadsheetModel {
    const id = opts.id ?? world.nextId('1SS');
    const file: DriveFileModel = {
      id,
      name: opts.name,
      mimeType: SPREADSHEET_MIME_TYPE,
      owner: opts.owner,
      viewers: new Set(),
      editors: new Set(),
      createdAt: opts.createdAt ?? 0,
    };
    world.files.set(id, file);
    const model = new SpreadsheetModel(id, file, opts.timeZone, opts.locale ?? 'ko_KR');
    const first = model.addSheet(undefined, undefined, opts.rows ?? DEFAULT_ROWS, opts.columns ?? DEFAULT_COLUMNS);
    model.activeSheetId = first.sheetId;
    this.byId.set(id, model);
    return model;
  }

  /** Every spreadsheet as plain data (snapshot.ts), for workbook.json and XLSX output. */
  _snapshot(): SpreadsheetSnapshot[] {
    return snapshotStore(this);
  }

  /** Forgets a spreadsheet whose Drive file is gone. */
  forget(id: string): void {
    this.byId.delete(id);
  }
}

/** The world's spreadsheet store. */
export function spreadsheetStore(world: World): SpreadsheetStore {
  return serviceState(world, 'spreadsheets', () => new SpreadsheetStore());
}

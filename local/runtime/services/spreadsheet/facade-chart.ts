/**
 * Embedded charts: Sheet.newChart() → EmbeddedChartBuilder → build() → Sheet.insertChart(chart);
 * Sheet.getCharts(), chart.modify() … build() → Sheet.updateChart(chart); Sheet.removeChart(chart).
 *
 * What Google documents, and this follows:
 * - A builder's changes are not saved until the built chart is inserted (a new chart) or passed
 *   to updateChart (an existing one, found by its id).
 * - addRange "does not add the range if it has already been added to the chart".
 * - getChartId is "a stable identifier for the chart that is unique across the spreadsheet
 *   containing the chart or null if the chart is not in a spreadsheet": a chart just built is
 *   not in a spreadsheet (null); the charts getCharts returns, and a modified one, carry it.
 * - The hidden-dimension strategy defaults to IGNORE_BOTH and the merge strategy to
 *   MERGE_COLUMNS (their enums call those the defaults); setNumHeaders' default lets Sheets
 *   decide (-1 here).
 * - A chart's data range may be on any sheet of the chart's spreadsheet (as in the Sheets UI),
 *   never in another spreadsheet.
 *
 * Round trips: building is client-side (newChart, every builder call, build, and the getters of
 * a chart already fetched); insertChart, updateChart, removeChart and getCharts ask the server.
 * getAs/getBlob (rendering the chart to an image) are not offered.
 *
 * [R] Where the reference is silent: updateChart/removeChart of a chart that is not on that
 * sheet, a range of another spreadsheet, and position arguments below 1 are refused with
 * "Invalid argument: …" (our wording); a chart inserted without setPosition is anchored at A1.
 */
import type { ExecutionEnv } from '../../env';
import { GasException } from '../../errors';
import { Remote, gasEnum, localMethods } from '../../remote';
import type { World } from '../../world';
import { copyArea } from './areas';
import { enumName, isInteger, signatureError } from './facade-common';
import { RangeFacade } from './facade-range';
import type { EnumArg, GasApi } from './gas-api';
import { sheetMessages } from './messages';
import type { ChartModel, ChartRangeModel, SheetModel } from './model';

export const CHART_TYPES = [
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
] as const;
const HIDDEN_DIMENSION_STRATEGIES = ['IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH'] as const;
const MERGE_STRATEGIES = ['MERGE_COLUMNS', 'MERGE_ROWS'] as const;

/** The `Charts` global's enums a spreadsheet script uses with embedded charts (plain data). */
export const CHARTS_ENUMS = Object.freeze({
  ChartType: gasEnum(...CHART_TYPES),
  ChartHiddenDimensionStrategy: gasEnum(...HIDDEN_DIMENSION_STRATEGIES),
  ChartMergeStrategy: gasEnum(...MERGE_STRATEGIES),
});

/** What a builder or a built chart holds: a chart's content without its identity. */
interface Draft {
  type: string | null;
  ranges: ChartRangeModel[];
  options: Map<string, unknown>;
  position: ChartModel['position'];
  numHeaders: number;
  transpose: boolean;
  hiddenDimensionStrategy: string;
  mergeStrategy: string;
}

function copyDraft(d: Draft): Draft {
  return {
    type: d.type,
    ranges: d.ranges.map((r) => ({ sheet: r.sheet, area: copyArea(r.area) })),
    options: new Map(d.options),
    position: { ...d.position },
    numHeaders: d.numHeaders,
    transpose: d.transpose,
    hiddenDimensionStrategy: d.hiddenDimensionStrategy,
    mergeStrategy: d.mergeStrategy,
  };
}

function emptyDraft(): Draft {
  return {
    type: null,
    ranges: [],
    options: new Map(),
    position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
    numHeaders: -1,
    transpose: false,
    hiddenDimensionStrategy: 'IGNORE_BOTH',
    mergeStrategy: 'MERGE_COLUMNS',
  };
}

const sameArea = (a: ChartRangeModel, b: ChartRangeModel) =>
  a.sheet === b.sheet && a.area.row === b.area.row && a.area.col === b.area.col && a.area.numRows === b.area.numRows && a.area.numCols === b.area.numCols;

/** A dotted option ("series.0.targetAxisIndex") read through objects set under a prefix ("series"). */
function readOption(options: ReadonlyMap<string, unknown>, key: string): unknown {
  if (options.has(key)) return options.get(key);
  const parts = key.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const head = parts.slice(0, i).join('.');
    if (!options.has(head)) continue;
    let v: unknown = options.get(head);
    for (const p of parts.slice(i)) {
      if (v === null || typeof v !== 'object') return null;
      v = (v as Record<string, unknown>)[p];
    }
    return v === undefined ? null : v;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

type ContainerInfoApi = GasApi<GoogleAppsScript.Spreadsheet.ContainerInfo, 'getAnchorColumn' | 'getAnchorRow' | 'getOffsetX' | 'getOffsetY'>;

export class ContainerInfoFacade extends Remote implements ContainerInfoApi {
  readonly gasName = 'SpreadsheetApp.ContainerInfo';
  override readonly localMethods = localMethods('getAnchorColumn', 'getAnchorRow', 'getOffsetX', 'getOffsetY');
  constructor(private readonly position: ChartModel['position']) {
    super();
  }
  getAnchorColumn(): number {
    return this.position.anchorColumn;
  }
  getAnchorRow(): number {
    return this.position.anchorRow;
  }
  getOffsetX(): number {
    return this.position.offsetX;
  }
  getOffsetY(): number {
    return this.position.offsetY;
  }
}

/** Charts.ChartOptions: the options a chart was built with; an option never set reads null. */
export class ChartOptionsFacade extends Remote implements GasApi<GoogleAppsScript.Charts.ChartOptions, 'get'> {
  readonly gasName = 'Charts.ChartOptions';
  override readonly localMethods = localMethods('get');
  constructor(private readonly options: ReadonlyMap<string, unknown>) {
    super();
  }
  get(option: string): unknown {
    if (typeof option !== 'string') throw signatureError(this.gasName, 'get', [option]);
    return readOption(this.options, option);
  }
}

// ---------------------------------------------------------------------------------------------

type BuilderApi = GasApi<
  GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder,
  | 'addRange'
  | 'build'
  | 'clearRanges'
  | 'getChartType'
  | 'getContainer'
  | 'getRanges'
  | 'removeRange'
  | 'setChartType'
  | 'setHiddenDimensionStrategy'
  | 'setMergeStrategy'
  | 'setNumHeaders'
  | 'setOption'
  | 'setPosition'
  | 'setTransposeRowsAndColumns'
>;

export class EmbeddedChartBuilderFacade extends Remote implements BuilderApi {
  readonly gasName = 'SpreadsheetApp.EmbeddedChartBuilder';
  override readonly localMethods = localMethods(
    'addRange',
    'build',
    'clearRanges',
    'getChartType',
    'getContainer',
    'getRanges',
    'removeRange',
    'setChartType',
    'setHiddenDimensionStrategy',
    'setMergeStrategy',
    'setNumHeaders',
    'setOption',
    'setPosition',
    'setTransposeRowsAndColumns',
  );
  private readonly draft: Draft;

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    /** The sheet the chart is (or will be) on. */
    private readonly sheet: SheetModel,
    /** The chart being modified, or null for a new one. */
    private readonly chartId: number | null,
    draft?: Draft,
  ) {
    super();
    this.draft = draft ? copyDraft(draft) : emptyDraft();
  }

  private _range(range: unknown, method: string): ChartRangeModel {
    if (!(range instanceof RangeFacade)) throw signatureError(this.gasName, method, [range]);
    const t = range._target();
    if (t.sheet.spreadsheet !== this.sheet.spreadsheet) throw new GasException(sheetMessages.invalidArgument('range'));
    return { sheet: t.sheet, area: t.area };
  }

  addRange(range: RangeFacade): EmbeddedChartBuilderFacade {
    const r = this._range(range, 'addRange');
    if (!this.draft.ranges.some((x) => sameArea(x, r))) this.draft.ranges.push(r);
    return this;
  }

  removeRange(range: RangeFacade): EmbeddedChartBuilderFacade {
    const r = this._range(range, 'removeRange');
    this.draft.ranges = this.draft.ranges.filter((x) => !sameArea(x, r));
    return this;
  }

  clearRanges(): EmbeddedChartBuilderFacade {
    this.draft.ranges = [];
    return this;
  }

  getRanges(): RangeFacade[] {
    return this.draft.ranges.map((r) => new RangeFacade(this.env, this.world, r.sheet, copyArea(r.area)));
  }

  setChartType(type: EnumArg): EmbeddedChartBuilderFacade {
    const t = enumName(type, CHART_TYPES);
    if (t === null) throw signatureError(this.gasName, 'setChartType', [type]);
    this.draft.type = t;
    return this;
  }

  getChartType(): string {
    return this.draft.type as string;
  }

  setOption(option: string, value: unknown): EmbeddedChartBuilderFacade {
    if (typeof option !== 'string') throw signatureError(this.gasName, 'setOption', [option, value]);
    this.draft.options.set(option, value === undefined ? null : JSON.parse(JSON.stringify(value)));
    return this;
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilderFacade {
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (!args.every(isInteger)) throw signatureError(this.gasName, 'setPosition', args);
    if (anchorRowPos < 1 || anchorColPos < 1) throw new GasException(sheetMessages.invalidArgument('position'));
    this.draft.position = { anchorRow: Math.trunc(anchorRowPos), anchorColumn: Math.trunc(anchorColPos), offsetX: Math.trunc(offsetX), offsetY: Math.trunc(offsetY) };
    return this;
  }

  getContainer(): ContainerInfoFacade {
    return new ContainerInfoFacade({ ...this.draft.position });
  }

  setNumHeaders(headers: number): EmbeddedChartBuilderFacade {
    if (!isInteger(headers)) throw signatureError(this.gasName, 'setNumHeaders', [headers]);
    this.draft.numHeaders = Math.trunc(headers);
    return this;
  }

  setTransposeRowsAndColumns(transpose: boolean): EmbeddedChartBuilderFacade {
    if (typeof transpose !== 'boolean') throw signatureError(this.gasName, 'setTransposeRowsAndColumns', [transpose]);
    this.draft.transpose = transpose;
    return this;
  }

  setHiddenDimensionStrategy(strategy: EnumArg): EmbeddedChartBuilderFacade {
    const s = enumName(strategy, HIDDEN_DIMENSION_STRATEGIES);
    if (s === null) throw signatureError(this.gasName, 'setHiddenDimensionStrategy', [strategy]);
    this.draft.hiddenDimensionStrategy = s;
    return this;
  }

  setMergeStrategy(mergeStrategy: EnumArg): EmbeddedChartBuilderFacade {
    const s = enumName(mergeStrategy, MERGE_STRATEGIES);
    if (s === null) throw signatureError(this.gasName, 'setMergeStrategy', [mergeStrategy]);
    this.draft.mergeStrategy = s;
    return this;
  }

  /** The chart as built: not drawn until inserted (a new chart) or passed to updateChart. */
  build(): EmbeddedChartFacade {
    return new EmbeddedChartFacade(this.env, this.world, this.sheet, this.chartId, this.draft);
  }
}

// ---------------------------------------------------------------------------------------------

type ChartApi = GasApi<
  GoogleAppsScript.Spreadsheet.EmbeddedChart,
  | 'getChartId'
  | 'getContainerInfo'
  | 'getHiddenDimensionStrategy'
  | 'getMergeStrategy'
  | 'getNumHeaders'
  | 'getOptions'
  | 'getRanges'
  | 'getTransposeRowsAndColumns'
  | 'modify'
>;

/** A chart value: built (no id) or as fetched by getCharts (with its id). */
export class EmbeddedChartFacade extends Remote implements ChartApi {
  readonly gasName = 'SpreadsheetApp.EmbeddedChart';
  override readonly localMethods = localMethods(
    'getChartId',
    'getContainerInfo',
    'getHiddenDimensionStrategy',
    'getMergeStrategy',
    'getNumHeaders',
    'getOptions',
    'getRanges',
    'getTransposeRowsAndColumns',
    'modify',
  );
  private readonly draft: Draft;

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    private readonly sheet: SheetModel,
    private readonly id: number | null,
    draft: Draft,
  ) {
    super();
    this.draft = copyDraft(draft);
  }

  /** Host-only: the sheet it was built for, its id (null when new) and its content. */
  _value(): { sheet: SheetModel; id: number | null; draft: Draft } {
    return { sheet: this.sheet, id: this.id, draft: copyDraft(this.draft) };
  }

  getChartId(): number | null {
    return this.id;
  }

  getContainerInfo(): ContainerInfoFacade {
    return new ContainerInfoFacade({ ...this.draft.position });
  }

  getHiddenDimensionStrategy(): string {
    return this.draft.hiddenDimensionStrategy;
  }

  getMergeStrategy(): string {
    return this.draft.mergeStrategy;
  }

  getNumHeaders(): number {
    return this.draft.numHeaders;
  }

  getOptions(): ChartOptionsFacade {
    return new ChartOptionsFacade(new Map(this.draft.options));
  }

  getRanges(): RangeFacade[] {
    return this.draft.ranges.map((r) => new RangeFacade(this.env, this.world, r.sheet, copyArea(r.area)));
  }

  getTransposeRowsAndColumns(): boolean {
    return this.draft.transpose;
  }

  /** A builder over this chart; saved by Sheet.updateChart. */
  modify(): EmbeddedChartBuilderFacade {
    return new EmbeddedChartBuilderFacade(this.env, this.world, this.sheet, this.id, this.draft);
  }
}

// ---------------------------------------------------------------------------------------------
// what Sheet's chart methods do to the model

export function newChartBuilder(env: ExecutionEnv, world: World, sheet: SheetModel): EmbeddedChartBuilderFacade {
  return new EmbeddedChartBuilderFacade(env, world, sheet, null);
}

function chartArg(chart: unknown, gasName: string, method: string): { id: number | null; draft: Draft } {
  if (!(chart instanceof EmbeddedChartFacade)) throw signatureError(gasName, method, [chart]);
  const v = chart._value();
  return { id: v.id, draft: v.draft };
}

/** A new chart on the sheet, with a new id (inserting a modified copy of a chart adds another). */
export function insertChartInto(sheet: SheetModel, chart: unknown, gasName: string): void {
  const { draft } = chartArg(chart, gasName, 'insertChart');
  for (const r of draft.ranges) if (r.sheet.spreadsheet !== sheet.spreadsheet) throw new GasException(sheetMessages.invalidArgument('chart'));
  sheet.charts.push({ id: sheet.spreadsheet.nextChartId(), ...draft });
}

function chartOnSheet(sheet: SheetModel, id: number | null): ChartModel {
  const chart = id === null ? undefined : sheet.charts.find((c) => c.id === id);
  if (!chart) throw new GasException(sheetMessages.invalidArgument('chart'));
  return chart;
}

export function updateChartOn(sheet: SheetModel, chart: unknown, gasName: string): void {
  const { id, draft } = chartArg(chart, gasName, 'updateChart');
  Object.assign(chartOnSheet(sheet, id), draft);
}

export function removeChartFrom(sheet: SheetModel, chart: unknown, gasName: string): void {
  const { id } = chartArg(chart, gasName, 'removeChart');
  const found = chartOnSheet(sheet, id);
  sheet.charts = sheet.charts.filter((c) => c !== found);
}

export function chartsOf(env: ExecutionEnv, world: World, sheet: SheetModel): EmbeddedChartFacade[] {
  return sheet.charts.map((c) => new EmbeddedChartFacade(env, world, sheet, c.id, c));
}

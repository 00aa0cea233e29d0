/**
 * SpreadsheetApp.Filter and its criteria. A sheet has at most one filter (§1.2 row 38); a
 * filter hides rows whose displayed value a column's criteria rejects, and never changes values.
 * Only hidden/visible-value criteria are modelled (what a person ticks in the filter menu);
 * condition criteria (whenNumberGreaterThan…) are not.
 */
import type { ExecutionEnv } from '../../env';
import { GasException } from '../../errors';
import { Remote, localMethods } from '../../remote';
import type { World } from '../../world';
import { copyArea } from './areas';
import { signatureError } from './facade-common';
import { RangeFacade } from './facade-range';
import type { GasApi } from './gas-api';
import { sheetMessages } from './messages';
import type { FilterCriteriaModel, FilterModel, SheetModel } from './model';
import { sortOrder } from './sort';

type FilterApi = GasApi<GoogleAppsScript.Spreadsheet.Filter, 'getColumnFilterCriteria' | 'getRange' | 'remove' | 'removeColumnFilterCriteria' | 'setColumnFilterCriteria' | 'sort'>;

export class FilterFacade extends Remote implements FilterApi {
  readonly gasName = 'SpreadsheetApp.Filter';

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    private readonly sheet: SheetModel,
  ) {
    super();
  }

  private _filter(): FilterModel {
    const f = this.sheet.filter;
    // [R] Using a removed filter: the wording Apps Script uses for stale objects is unknown.
    if (!f) throw new GasException(sheetMessages.invalidArgument('filter'));
    return f;
  }

  private _column(method: string, columnPosition: unknown): number {
    const f = this._filter();
    if (typeof columnPosition !== 'number') throw signatureError(this.gasName, method, [columnPosition]);
    if (columnPosition < f.area.col || columnPosition >= f.area.col + f.area.numCols) throw new GasException(sheetMessages.invalidArgument('columnPosition'));
    return columnPosition;
  }

  getRange(): RangeFacade {
    return new RangeFacade(this.env, this.world, this.sheet, copyArea(this._filter().area));
  }

  remove(): void {
    this.sheet.filter = null;
  }

  getColumnFilterCriteria(columnPosition: number): FilterCriteriaFacade | null {
    const c = this._filter().criteria.get(this._column('getColumnFilterCriteria', columnPosition));
    return c ? new FilterCriteriaFacade(c) : null;
  }

  setColumnFilterCriteria(columnPosition: number, filterCriteria: FilterCriteriaFacade | null): FilterFacade {
    const col = this._column('setColumnFilterCriteria', columnPosition);
    if (filterCriteria === null) this._filter().criteria.delete(col);
    else if (filterCriteria instanceof FilterCriteriaFacade) this._filter().criteria.set(col, filterCriteria._model());
    else throw signatureError(this.gasName, 'setColumnFilterCriteria', [columnPosition, filterCriteria]);
    return this;
  }

  removeColumnFilterCriteria(columnPosition: number): FilterFacade {
    this._filter().criteria.delete(this._column('removeColumnFilterCriteria', columnPosition));
    return this;
  }

  /** Sorts the filter's rows below its header row by one column. */
  sort(columnPosition: number, ascending: boolean): FilterFacade {
    const col = this._column('sort', columnPosition);
    const area = this._filter().area;
    const r0 = area.row; // 0-based index of the first row under the header
    const count = area.numRows - 1;
    if (count > 1) {
      const grid = this.sheet.grid;
      const order = sortOrder(count, [{ index: col - 1, ascending: ascending !== false }], (row, c) => grid.value(r0 + row, c));
      grid.permuteBlockRows(r0, area.col - 1, area.numCols, order);
    }
    return this;
  }
}

/** What FilterCriteria and its builder both read. No condition criteria are modelled. */
abstract class FilterCriteriaReader extends Remote {
  constructor(protected readonly model: FilterCriteriaModel) {
    super();
  }

  _model(): FilterCriteriaModel {
    return { hiddenValues: [...this.model.hiddenValues], visibleValues: [...this.model.visibleValues] };
  }

  getCriteriaType(): null {
    return null;
  }

  getCriteriaValues(): unknown[] {
    return [];
  }

  getHiddenValues(): string[] {
    return [...this.model.hiddenValues];
  }

  getVisibleValues(): string[] {
    return [...this.model.visibleValues];
  }
}

type CriteriaApi = GasApi<GoogleAppsScript.Spreadsheet.FilterCriteria, 'copy' | 'getCriteriaValues' | 'getHiddenValues' | 'getVisibleValues'>;

export class FilterCriteriaFacade extends FilterCriteriaReader implements CriteriaApi {
  readonly gasName = 'SpreadsheetApp.FilterCriteria';
  override readonly localMethods = localMethods('copy', 'getCriteriaType', 'getCriteriaValues', 'getHiddenValues', 'getVisibleValues');

  copy(): FilterCriteriaBuilderFacade {
    return new FilterCriteriaBuilderFacade(this._model());
  }
}

type CriteriaBuilderApi = GasApi<
  GoogleAppsScript.Spreadsheet.FilterCriteriaBuilder,
  'build' | 'copy' | 'getCriteriaValues' | 'getHiddenValues' | 'getVisibleValues' | 'setHiddenValues' | 'setVisibleValues'
>;

export class FilterCriteriaBuilderFacade extends FilterCriteriaReader implements CriteriaBuilderApi {
  readonly gasName = 'SpreadsheetApp.FilterCriteriaBuilder';
  override readonly localMethods = localMethods(
    'build',
    'copy',
    'getCriteriaType',
    'getCriteriaValues',
    'getHiddenValues',
    'getVisibleValues',
    'setHiddenValues',
    'setVisibleValues',
  );

  constructor(model: FilterCriteriaModel = { hiddenValues: [], visibleValues: [] }) {
    super(model);
  }

  build(): FilterCriteriaFacade {
    return new FilterCriteriaFacade(this._model());
  }

  copy(): FilterCriteriaBuilderFacade {
    return new FilterCriteriaBuilderFacade(this._model());
  }

  setHiddenValues(values: string[]): FilterCriteriaBuilderFacade {
    if (!Array.isArray(values)) throw signatureError(this.gasName, 'setHiddenValues', [values]);
    this.model.hiddenValues = values.map((v) => String(v));
    return this;
  }

  setVisibleValues(values: string[]): FilterCriteriaBuilderFacade {
    if (!Array.isArray(values)) throw signatureError(this.gasName, 'setVisibleValues', [values]);
    this.model.visibleValues = values.map((v) => String(v));
    return this;
  }
}

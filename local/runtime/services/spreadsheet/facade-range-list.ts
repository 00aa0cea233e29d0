/**
 * SpreadsheetApp.RangeList: several ranges of one sheet changed in one call (one round trip
 * for the whole list, which is why scripts use it).
 */
import { Remote, localMethods } from '../../remote';
import type { ClearOptions, RangeFacade } from './facade-range';
import type { EnumArg, GasApi } from './gas-api';

type RangeListApi = GasApi<
  GoogleAppsScript.Spreadsheet.RangeList,
  | 'activate'
  | 'check'
  | 'clear'
  | 'clearContent'
  | 'clearDataValidations'
  | 'clearFormat'
  | 'clearNote'
  | 'getRanges'
  | 'insertCheckboxes'
  | 'removeCheckboxes'
  | 'setBackground'
  | 'setFontColor'
  | 'setFontWeight'
  | 'setFormula'
  | 'setHorizontalAlignment'
  | 'setNote'
  | 'setNumberFormat'
  | 'setValue'
  | 'setWrap'
  | 'setWrapStrategy'
  | 'uncheck'
>;

export class RangeListFacade extends Remote implements RangeListApi {
  readonly gasName = 'SpreadsheetApp.RangeList';
  override readonly localMethods = localMethods('getRanges');

  constructor(private readonly ranges: readonly RangeFacade[]) {
    super();
  }

  private _all(fn: (r: RangeFacade) => unknown): RangeListFacade {
    for (const r of this.ranges) fn(r);
    return this;
  }

  getRanges(): RangeFacade[] {
    return [...this.ranges];
  }

  activate(): RangeListFacade {
    const last = this.ranges[this.ranges.length - 1];
    last?.activate();
    return this;
  }

  check(): RangeListFacade {
    return this._all((r) => r.check());
  }

  uncheck(): RangeListFacade {
    return this._all((r) => r.uncheck());
  }

  /** Without options: contents, formats and validation ("…and data validation rules for each Range"); notes stay. */
  clear(options?: ClearOptions): RangeListFacade {
    return this._all((r) => r.clear(options ?? { contentsOnly: true, formatOnly: true, validationsOnly: true }));
  }

  clearContent(): RangeListFacade {
    return this._all((r) => r.clearContent());
  }

  clearDataValidations(): RangeListFacade {
    return this._all((r) => r.clearDataValidations());
  }

  clearFormat(): RangeListFacade {
    return this._all((r) => r.clearFormat());
  }

  clearNote(): RangeListFacade {
    return this._all((r) => r.clearNote());
  }

  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): RangeListFacade {
    return this._all((r) => r.insertCheckboxes(checkedValue, uncheckedValue));
  }

  removeCheckboxes(): RangeListFacade {
    return this._all((r) => r.removeCheckboxes());
  }

  setBackground(color: string | null): RangeListFacade {
    return this._all((r) => r.setBackground(color));
  }

  setFontColor(color: string | null): RangeListFacade {
    return this._all((r) => r.setFontColor(color));
  }

  setFontWeight(fontWeight: 'bold' | 'normal' | null): RangeListFacade {
    return this._all((r) => r.setFontWeight(fontWeight));
  }

  setFormula(formula: string): RangeListFacade {
    return this._all((r) => r.setFormula(formula));
  }

  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): RangeListFacade {
    return this._all((r) => r.setHorizontalAlignment(alignment));
  }

  setNote(note: string | null): RangeListFacade {
    return this._all((r) => r.setNote(note));
  }

  setNumberFormat(numberFormat: string): RangeListFacade {
    return this._all((r) => r.setNumberFormat(numberFormat));
  }

  setValue(value: unknown): RangeListFacade {
    return this._all((r) => r.setValue(value));
  }

  setWrap(isWrapEnabled: boolean): RangeListFacade {
    return this._all((r) => r.setWrap(isWrapEnabled));
  }

  setWrapStrategy(strategy: EnumArg): RangeListFacade {
    return this._all((r) => r.setWrapStrategy(strategy));
  }

  setFontFamily(fontFamily: string | null): RangeListFacade {
    return this._all((r) => r.setFontFamily(fontFamily));
  }

  setFontLine(fontLine: 'none' | 'underline' | 'line-through' | null): RangeListFacade {
    return this._all((r) => r.setFontLine(fontLine));
  }

  setFontSize(size: number): RangeListFacade {
    return this._all((r) => r.setFontSize(size));
  }

  setFontStyle(fontStyle: 'italic' | 'normal' | null): RangeListFacade {
    return this._all((r) => r.setFontStyle(fontStyle));
  }

  setVerticalAlignment(alignment: 'top' | 'middle' | 'bottom' | null): RangeListFacade {
    return this._all((r) => r.setVerticalAlignment(alignment));
  }

  breakApart(): RangeListFacade {
    return this._all((r) => r.breakApart());
  }

}

/**
 * SpreadsheetApp.DataValidationBuilder and DataValidation. Building a rule is client-side in
 * Apps Script (every method is a localMethod); only Range.setDataValidation talks to Sheets.
 */
import type { ExecutionEnv } from '../../env';
import { GasException } from '../../errors';
import { Remote, localMethods } from '../../remote';
import type { World } from '../../world';
import { enumName, signatureError } from './facade-common';
import { RangeFacade } from './facade-range';
import type { EnumArg, GasApi } from './gas-api';
import { sheetMessages } from './messages';
import { spreadsheetStore } from './model';
import { isDateObject } from './serial';
import { CRITERIA, isRangeRef, type CriteriaName, type RuleArg, type ValidationRule } from './validation';

interface Draft {
  criteria: CriteriaName | null;
  args: RuleArg[];
  allowInvalid: boolean;
  helpText: string | null;
}

/** Criteria values as scripts read them: ranges come back as Range objects. */
function scriptArgs(env: ExecutionEnv, world: World, args: readonly RuleArg[]): unknown[] {
  return args.map((a) => {
    if (isRangeRef(a)) {
      const sheet = spreadsheetStore(world).get(a.spreadsheetId)?.sheetById(a.sheetId);
      return sheet ? new RangeFacade(env, world, sheet, { ...a.area }) : null;
    }
    if (Array.isArray(a)) return [...(a as readonly string[])];
    if (isDateObject(a)) return new Date(a.getTime());
    return a;
  });
}

/** getCriteriaType is left out of the check: a builder without criteria returns null. */
type BuilderApi = GasApi<
  GoogleAppsScript.Spreadsheet.DataValidationBuilder,
  | 'build'
  | 'copy'
  | 'getAllowInvalid'
  | 'getCriteriaValues'
  | 'getHelpText'
  | 'requireCheckbox'
  | 'requireDate'
  | 'requireDateAfter'
  | 'requireDateBefore'
  | 'requireDateBetween'
  | 'requireDateEqualTo'
  | 'requireDateNotBetween'
  | 'requireDateOnOrAfter'
  | 'requireDateOnOrBefore'
  | 'requireFormulaSatisfied'
  | 'requireNumberBetween'
  | 'requireNumberEqualTo'
  | 'requireNumberGreaterThan'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberLessThan'
  | 'requireNumberLessThanOrEqualTo'
  | 'requireNumberNotBetween'
  | 'requireNumberNotEqualTo'
  | 'requireTextContains'
  | 'requireTextDoesNotContain'
  | 'requireTextEqualTo'
  | 'requireTextIsEmail'
  | 'requireTextIsUrl'
  | 'requireValueInList'
  | 'requireValueInRange'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'withCriteria'
>;

export class DataValidationBuilderFacade extends Remote implements BuilderApi {
  readonly gasName = 'SpreadsheetApp.DataValidationBuilder';
  override readonly localMethods = localMethods(
    'build',
    'copy',
    'getAllowInvalid',
    'getCriteriaType',
    'getCriteriaValues',
    'getHelpText',
    'requireCheckbox',
    'requireDate',
    'requireDateAfter',
    'requireDateBefore',
    'requireDateBetween',
    'requireDateEqualTo',
    'requireDateNotBetween',
    'requireDateOnOrAfter',
    'requireDateOnOrBefore',
    'requireFormulaSatisfied',
    'requireNumberBetween',
    'requireNumberEqualTo',
    'requireNumberGreaterThan',
    'requireNumberGreaterThanOrEqualTo',
    'requireNumberLessThan',
    'requireNumberLessThanOrEqualTo',
    'requireNumberNotBetween',
    'requireNumberNotEqualTo',
    'requireTextContains',
    'requireTextDoesNotContain',
    'requireTextEqualTo',
    'requireTextIsEmail',
    'requireTextIsUrl',
    'requireValueInList',
    'requireValueInRange',
    'setAllowInvalid',
    'setHelpText',
    'withCriteria',
  );

  /** A new rule allows invalid data (shows a warning) until setAllowInvalid(false). */
  private readonly draft: Draft = { criteria: null, args: [], allowInvalid: true, helpText: null };

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    from?: ValidationRule,
  ) {
    super();
    if (from) {
      this.draft.criteria = from.criteria;
      this.draft.args = [...from.args];
      this.draft.allowInvalid = from.allowInvalid;
      this.draft.helpText = from.helpText;
    }
  }

  private _set(criteria: CriteriaName, args: RuleArg[]): DataValidationBuilderFacade {
    this.draft.criteria = criteria;
    this.draft.args = args;
    return this;
  }

  private _num(method: string, ...values: unknown[]): number[] {
    if (!values.every((v) => typeof v === 'number')) throw signatureError(this.gasName, method, values);
    return values as number[];
  }

  private _date(method: string, ...values: unknown[]): Date[] {
    if (!values.every((v) => isDateObject(v))) throw signatureError(this.gasName, method, values);
    return (values as Date[]).map((d) => new Date(d.getTime()));
  }

  private _text(method: string, value: unknown): string {
    if (typeof value !== 'string') throw signatureError(this.gasName, method, [value]);
    return value;
  }

  build(): DataValidationFacade {
    const { criteria } = this.draft;
    if (criteria === null) throw new GasException(sheetMessages.invalidArgument('criteria'));
    const rule: ValidationRule = { criteria, args: [...this.draft.args], allowInvalid: this.draft.allowInvalid, helpText: this.draft.helpText };
    return new DataValidationFacade(this.env, this.world, rule);
  }

  copy(): DataValidationBuilderFacade {
    const b = new DataValidationBuilderFacade(this.env, this.world);
    Object.assign(b.draft, { ...this.draft, args: [...this.draft.args] });
    return b;
  }

  getAllowInvalid(): boolean {
    return this.draft.allowInvalid;
  }

  getCriteriaType(): CriteriaName | null {
    return this.draft.criteria;
  }

  getCriteriaValues(): unknown[] {
    return scriptArgs(this.env, this.world, this.draft.args);
  }

  getHelpText(): string | null {
    return this.draft.helpText;
  }

  /** No values: TRUE/FALSE. One: custom checked value, "" unchecked. Two: both custom. */
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): DataValidationBuilderFacade {
    const args: RuleArg[] = [];
    for (const v of [checkedValue, uncheckedValue]) {
      if (v === undefined) break;
      args.push(typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v));
    }
    return this._set('CHECKBOX', args);
  }

  requireDate(): DataValidationBuilderFacade {
    return this._set('DATE_IS_VALID_DATE', []);
  }

  requireDateAfter(date: Date): DataValidationBuilderFacade {
    return this._set('DATE_AFTER', this._date('requireDateAfter', date));
  }

  requireDateBefore(date: Date): DataValidationBuilderFacade {
    return this._set('DATE_BEFORE', this._date('requireDateBefore', date));
  }

  requireDateBetween(start: Date, end: Date): DataValidationBuilderFacade {
    return this._set('DATE_BETWEEN', this._date('requireDateBetween', start, end));
  }

  requireDateEqualTo(date: Date): DataValidationBuilderFacade {
    return this._set('DATE_EQUAL_TO', this._date('requireDateEqualTo', date));
  }

  requireDateNotBetween(start: Date, end: Date): DataValidationBuilderFacade {
    return this._set('DATE_NOT_BETWEEN', this._date('requireDateNotBetween', start, end));
  }

  requireDateOnOrAfter(date: Date): DataValidationBuilderFacade {
    return this._set('DATE_ON_OR_AFTER', this._date('requireDateOnOrAfter', date));
  }

  requireDateOnOrBefore(date: Date): DataValidationBuilderFacade {
    return this._set('DATE_ON_OR_BEFORE', this._date('requireDateOnOrBefore', date));
  }

  requireFormulaSatisfied(formula: string): DataValidationBuilderFacade {
    return this._set('CUSTOM_FORMULA', [this._text('requireFormulaSatisfied', formula)]);
  }

  requireNumberBetween(start: number, end: number): DataValidationBuilderFacade {
    return this._set('NUMBER_BETWEEN', this._num('requireNumberBetween', start, end));
  }

  requireNumberEqualTo(number: number): DataValidationBuilderFacade {
    return this._set('NUMBER_EQUAL_TO', this._num('requireNumberEqualTo', number));
  }

  requireNumberGreaterThan(number: number): DataValidationBuilderFacade {
    return this._set('NUMBER_GREATER_THAN', this._num('requireNumberGreaterThan', number));
  }

  requireNumberGreaterThanOrEqualTo(number: number): DataValidationBuilderFacade {
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', this._num('requireNumberGreaterThanOrEqualTo', number));
  }

  requireNumberLessThan(number: number): DataValidationBuilderFacade {
    return this._set('NUMBER_LESS_THAN', this._num('requireNumberLessThan', number));
  }

  requireNumberLessThanOrEqualTo(number: number): DataValidationBuilderFacade {
    return this._set('NUMBER_LESS_THAN_OR_EQUAL_TO', this._num('requireNumberLessThanOrEqualTo', number));
  }

  requireNumberNotBetween(start: number, end: number): DataValidationBuilderFacade {
    return this._set('NUMBER_NOT_BETWEEN', this._num('requireNumberNotBetween', start, end));
  }

  requireNumberNotEqualTo(number: number): DataValidationBuilderFacade {
    return this._set('NUMBER_NOT_EQUAL_TO', this._num('requireNumberNotEqualTo', number));
  }

  requireTextContains(text: string): DataValidationBuilderFacade {
    return this._set('TEXT_CONTAINS', [this._text('requireTextContains', text)]);
  }

  requireTextDoesNotContain(text: string): DataValidationBuilderFacade {
    return this._set('TEXT_DOES_NOT_CONTAIN', [this._text('requireTextDoesNotContain', text)]);
  }

  requireTextEqualTo(text: string): DataValidationBuilderFacade {
    return this._set('TEXT_EQUAL_TO', [this._text('requireTextEqualTo', text)]);
  }

  requireTextIsEmail(): DataValidationBuilderFacade {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }

  requireTextIsUrl(): DataValidationBuilderFacade {
    return this._set('TEXT_IS_VALID_URL', []);
  }

  /** Criteria values read back as [values, showDropdown]; the dropdown shows unless told not to. */
  requireValueInList(values: string[], showDropdown?: boolean): DataValidationBuilderFacade {
    if (!Array.isArray(values)) throw signatureError(this.gasName, 'requireValueInList', showDropdown === undefined ? [values] : [values, showDropdown]);
    return this._set('VALUE_IN_LIST', [values.map((v) => String(v)), showDropdown !== false]);
  }

  requireValueInRange(range: RangeFacade, showDropdown?: boolean): DataValidationBuilderFacade {
    if (!(range instanceof RangeFacade)) throw signatureError(this.gasName, 'requireValueInRange', showDropdown === undefined ? [range] : [range, showDropdown]);
    const { sheet, area } = range._target();
    return this._set('VALUE_IN_RANGE', [{ kind: 'range', spreadsheetId: sheet.spreadsheet.id, sheetId: sheet.sheetId, area }, showDropdown !== false]);
  }

  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderFacade {
    this.draft.allowInvalid = allowInvalidData === true;
    return this;
  }

  setHelpText(helpText: string): DataValidationBuilderFacade {
    this.draft.helpText = helpText === null || helpText === undefined ? null : String(helpText);
    return this;
  }

  withCriteria(criteria: EnumArg, args: unknown[]): DataValidationBuilderFacade {
    const name = enumName(criteria, CRITERIA);
    if (!name || !Array.isArray(args)) throw signatureError(this.gasName, 'withCriteria', [criteria, args]);
    const converted: RuleArg[] = args.map((a: unknown) => {
      if (a instanceof RangeFacade) {
        const { sheet, area } = a._target();
        return { kind: 'range', spreadsheetId: sheet.spreadsheet.id, sheetId: sheet.sheetId, area };
      }
      if (Array.isArray(a)) return a.map((x: unknown) => String(x));
      if (isDateObject(a)) return new Date(a.getTime());
      if (typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean' || a === null) return a;
      return String(a);
    });
    return this._set(name, converted);
  }
}

type RuleApi = GasApi<GoogleAppsScript.Spreadsheet.DataValidation, 'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText'>;

export class DataValidationFacade extends Remote implements RuleApi {
  readonly gasName = 'SpreadsheetApp.DataValidation';
  override readonly localMethods = localMethods('copy', 'getAllowInvalid', 'getCriteriaType', 'getCriteriaValues', 'getHelpText');

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    private readonly rule: ValidationRule,
  ) {
    super();
  }

  /** The immutable rule (host side). */
  _rule(): ValidationRule {
    return this.rule;
  }

  copy(): DataValidationBuilderFacade {
    return new DataValidationBuilderFacade(this.env, this.world, this.rule);
  }

  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }

  getCriteriaType(): CriteriaName {
    return this.rule.criteria;
  }

  getCriteriaValues(): unknown[] {
    return scriptArgs(this.env, this.world, this.rule.args);
  }

  /** [R] A rule without help text reads back "" (the builder reads null). */
  getHelpText(): string {
    return this.rule.helpText ?? '';
  }
}

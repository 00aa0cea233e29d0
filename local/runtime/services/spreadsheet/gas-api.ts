/**
 * Type-level link to the official typings (@types/google-apps-script): each facade
 * `implements GasApi<GoogleAppsScript.Spreadsheet.Range, 'getValues' | …>` so the methods it
 * offers are checked against Apps Script's documented signatures.
 *
 * Two adjustments make that possible:
 *  - Apps Script objects in the typings (Range, Sheet, DataValidation…) stand for our facades.
 *  - The typings declare enums as ambient numeric enums, which TypeScript cannot tell apart from
 *    `number`. At runtime our enum values are their names ("ROWS", "WRAP"), as the script sees
 *    them through `constants`. So number-or-enum return types accept `number | string`, and
 *    facades type enum parameters as `EnumArg`.
 * Only the last overload of an overloaded method is checked (TypeScript's `infer` sees that one).
 */
import type { ChartOptionsFacade, ContainerInfoFacade, EmbeddedChartBuilderFacade, EmbeddedChartFacade } from './facade-chart';
import type { DataValidationBuilderFacade, DataValidationFacade } from './facade-data-validation';
import type { FilterCriteriaBuilderFacade, FilterCriteriaFacade, FilterFacade } from './facade-filter';
import type { NamedRangeFacade } from './facade-named-range';
import type { ProtectionFacade } from './facade-protection';
import type { RangeFacade } from './facade-range';
import type { RangeListFacade } from './facade-range-list';
import type { SheetFacade } from './facade-sheet';
import type { SpreadsheetFacade } from './facade-spreadsheet';
import type { HtmlOutputLike, MenuFacade, UiFacade } from './facade-ui';
import type { UserFacade } from './facade-user';

/** An enum value as scripts pass it: the member's name. (`number` only to satisfy the typings.) */
export type EnumArg = string | number;

type IsAny<T> = 0 extends 1 & T ? true : false;

type SwapObject<T> = T extends GoogleAppsScript.Spreadsheet.Range
  ? RangeFacade
  : T extends GoogleAppsScript.Spreadsheet.Sheet
    ? SheetFacade
    : T extends GoogleAppsScript.Spreadsheet.Spreadsheet
      ? SpreadsheetFacade
      : T extends GoogleAppsScript.Spreadsheet.RangeList
        ? RangeListFacade
        : T extends GoogleAppsScript.Spreadsheet.DataValidationBuilder
          ? DataValidationBuilderFacade
          : T extends GoogleAppsScript.Spreadsheet.DataValidation
            ? DataValidationFacade
            : T extends GoogleAppsScript.Spreadsheet.Protection
              ? ProtectionFacade
              : T extends GoogleAppsScript.Spreadsheet.FilterCriteriaBuilder
                ? FilterCriteriaBuilderFacade
                : T extends GoogleAppsScript.Spreadsheet.FilterCriteria
                  ? FilterCriteriaFacade
                  : T extends GoogleAppsScript.Spreadsheet.Filter
                    ? FilterFacade
                    : T extends GoogleAppsScript.Spreadsheet.NamedRange
                      ? NamedRangeFacade
                      : T extends GoogleAppsScript.Base.Ui
                        ? UiFacade
                        : T extends GoogleAppsScript.Base.Menu
                          ? MenuFacade
                          : T extends GoogleAppsScript.Base.User
                            ? UserFacade
                            : T extends GoogleAppsScript.HTML.HtmlOutput
                              ? HtmlOutputLike
                              : T extends GoogleAppsScript.Base.Date
                                ? Date
                                : T extends GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder
                                  ? EmbeddedChartBuilderFacade
                                  : T extends GoogleAppsScript.Spreadsheet.EmbeddedChart
                                    ? EmbeddedChartFacade
                                    : T extends GoogleAppsScript.Spreadsheet.ContainerInfo
                                      ? ContainerInfoFacade
                                      : T extends GoogleAppsScript.Charts.ChartOptions
                                        ? ChartOptionsFacade
                                        : T;

/** A return type as our facades produce it. */
export type SwapOut<T> =
  IsAny<T> extends true
    ? T
    : T extends number
      ? number | string
      : T extends string | boolean | null | undefined | void
        ? T
        : T extends readonly (infer E)[]
          ? SwapOut<E>[]
          : SwapObject<T>;

/** A parameter type as our facades receive it. */
export type SwapIn<T> =
  IsAny<T> extends true
    ? T
    : T extends number
      ? number
      : T extends string | boolean | null | undefined
        ? T
        : T extends readonly (infer E)[]
          ? SwapIn<E>[]
          : SwapObject<T>;

type SwapArgs<A extends readonly unknown[]> = { [I in keyof A]: SwapIn<A[I]> };

/** The listed methods of an Apps Script interface, as our facades must implement them. */
export type GasApi<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => infer R ? (...args: SwapArgs<A>) => SwapOut<R> : never;
};

/**
 * The SpreadsheetApp service of the local Apps Script runtime.
 *
 * For the kernel:  createSpreadsheetApp(env, world) → the script's `SpreadsheetApp` global.
 * For the sandbox and tests (host-only):
 *   seedSpreadsheet(world, spec)            create a spreadsheet with content
 *   new SheetUser(world, id, email)         a person editing, sorting, filtering…
 *   snapshotWorkbooks(world)                every spreadsheet as plain data (workbook.json/XLSX)
 *   spreadsheetStore(world)                 the models themselves
 */
import type { ExecutionEnv } from '../../env';
import type { World } from '../../world';
import { SpreadsheetAppFacade, type SpreadsheetAppOptions } from './facade-app';
import { spreadsheetStore } from './model';
import { snapshotStore, type SpreadsheetSnapshot } from './snapshot';

export function createSpreadsheetApp(env: ExecutionEnv, world: World, options: SpreadsheetAppOptions = {}): SpreadsheetAppFacade {
  return new SpreadsheetAppFacade(env, world, options);
}

/** Every spreadsheet in the world, for output. */
export function snapshotWorkbooks(world: World): SpreadsheetSnapshot[] {
  return snapshotStore(spreadsheetStore(world));
}

export { SpreadsheetAppFacade, SPREADSHEET_ENUMS, type SpreadsheetAppOptions } from './facade-app';
export { SpreadsheetFacade } from './facade-spreadsheet';
export { SheetFacade } from './facade-sheet';
export { RangeFacade } from './facade-range';
export { RangeListFacade } from './facade-range-list';
export { DataValidationBuilderFacade, DataValidationFacade } from './facade-data-validation';
export { ProtectionFacade } from './facade-protection';
export { FilterFacade, FilterCriteriaFacade, FilterCriteriaBuilderFacade } from './facade-filter';
export { NamedRangeFacade } from './facade-named-range';
export { UiFacade, MenuFacade, SIDEBAR_WIDTH, type HtmlOutputLike } from './facade-ui';
export { UserFacade } from './facade-user';
export {
  SpreadsheetStore,
  SpreadsheetModel,
  SheetModel,
  spreadsheetStore,
  SPREADSHEET_MIME_TYPE,
  type ProtectionModel,
  type FilterModel,
  type NamedRangeModel,
} from './model';
export { seedSpreadsheet, listRule, checkboxRule, type SeedSpreadsheet, type SeedSheet, type SeedProtection } from './seed';
export { SheetUser, UserActionRefused, type EditEvent, type ChangeEvent, type ChangeType } from './user-actions';
export { snapshotSpreadsheet, snapshotSheet, type SpreadsheetSnapshot, type SheetSnapshot } from './snapshot';
export { readValues, readDisplayValues, writeCell, type CellValue } from './cells';
export { sheetMessages } from './messages';
export { EmbeddedChartBuilderFacade, EmbeddedChartFacade, ContainerInfoFacade, ChartOptionsFacade, CHARTS_ENUMS, CHART_TYPES } from './facade-chart';

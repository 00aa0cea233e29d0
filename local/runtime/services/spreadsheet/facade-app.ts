/**
 * The SpreadsheetApp global for one execution: opens spreadsheets, builds validation rules and
 * filter criteria, hands out the Ui, and carries Apps Script's enums as `constants`.
 */
import type { ExecutionEnv } from '../../env';
import { GasException, gasMessages } from '../../errors';
import { Remote, gasEnum, localMethods } from '../../remote';
import { driveSwitches, isTrashed } from '../drive';
import type { World } from '../../world';
import { DataValidationBuilderFacade } from './facade-data-validation';
import { isInteger, signatureError } from './facade-common';
import { FilterCriteriaBuilderFacade } from './facade-filter';
import type { RangeFacade } from './facade-range';
import { SheetFacade } from './facade-sheet';
import { SpreadsheetFacade } from './facade-spreadsheet';
import { RichTextValueBuilderFacade, TextStyleBuilderFacade } from './facade-text';
import { UiFacade } from './facade-ui';
import type { GasApi } from './gas-api';
import { sheetMessages } from './messages';
import { spreadsheetStore, type SpreadsheetModel } from './model';
import { CRITERIA } from './validation';

export interface SpreadsheetAppOptions {
  /** The add-on's menu caption under Extensions (Ui.createAddonMenu). */
  addonMenuName?: string;
}

/** Apps Script's SpreadsheetApp enums; each value is its member's name. */
export const SPREADSHEET_ENUMS = Object.freeze({
  AutoFillSeries: gasEnum('DEFAULT_SERIES', 'ALTERNATE_SERIES'),
  BandingTheme: gasEnum('LIGHT_GREY', 'CYAN', 'GREEN', 'YELLOW', 'ORANGE', 'BLUE', 'TEAL', 'GREY', 'BROWN', 'LIGHT_GREEN', 'INDIGO', 'PINK'),
  BooleanCriteria: gasEnum(
    'CELL_EMPTY',
    'CELL_NOT_EMPTY',
    'DATE_AFTER',
    'DATE_BEFORE',
    'DATE_EQUAL_TO',
    'DATE_AFTER_RELATIVE',
    'DATE_BEFORE_RELATIVE',
    'DATE_EQUAL_TO_RELATIVE',
    'NUMBER_BETWEEN',
    'NUMBER_EQUAL_TO',
    'NUMBER_GREATER_THAN',
    'NUMBER_GREATER_THAN_OR_EQUAL_TO',
    'NUMBER_LESS_THAN',
    'NUMBER_LESS_THAN_OR_EQUAL_TO',
    'NUMBER_NOT_BETWEEN',
    'NUMBER_NOT_EQUAL_TO',
    'TEXT_CONTAINS',
    'TEXT_DOES_NOT_CONTAIN',
    'TEXT_EQUAL_TO',
    'TEXT_STARTS_WITH',
    'TEXT_ENDS_WITH',
    'CUSTOM_FORMULA',
  ),
  BorderStyle: gasEnum('DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE'),
  ColorType: gasEnum('UNSUPPORTED', 'RGB', 'THEME'),
  CopyPasteType: gasEnum(
    'PASTE_NORMAL',
    'PASTE_NO_BORDERS',
    'PASTE_FORMAT',
    'PASTE_FORMULA',
    'PASTE_DATA_VALIDATION',
    'PASTE_VALUES',
    'PASTE_CONDITIONAL_FORMATTING',
    'PASTE_COLUMN_WIDTHS',
  ),
  DataValidationCriteria: gasEnum(...CRITERIA),
  DeveloperMetadataLocationType: gasEnum('SPREADSHEET', 'SHEET', 'ROW', 'COLUMN'),
  DeveloperMetadataVisibility: gasEnum('DOCUMENT', 'PROJECT'),
  Dimension: gasEnum('COLUMNS', 'ROWS'),
  Direction: gasEnum('UP', 'DOWN', 'PREVIOUS', 'NEXT'),
  GroupControlTogglePosition: gasEnum('BEFORE', 'AFTER'),
  InterpolationType: gasEnum('NUMBER', 'PERCENT', 'PERCENTILE', 'MIN', 'MAX'),
  ProtectionType: gasEnum('RANGE', 'SHEET'),
  RecalculationInterval: gasEnum('ON_CHANGE', 'MINUTE', 'HOUR'),
  RelativeDate: gasEnum('TODAY', 'TOMORROW', 'YESTERDAY', 'PAST_WEEK', 'PAST_MONTH', 'PAST_YEAR'),
  SheetType: gasEnum('GRID', 'OBJECT'),
  SortOrder: gasEnum('ASCENDING', 'DESCENDING'),
  TextDirection: gasEnum('LEFT_TO_RIGHT', 'RIGHT_TO_LEFT'),
  TextToColumnsDelimiter: gasEnum('COMMA', 'SEMICOLON', 'PERIOD', 'SPACE'),
  ThemeColorType: gasEnum('UNSUPPORTED', 'TEXT', 'BACKGROUND', 'ACCENT1', 'ACCENT2', 'ACCENT3', 'ACCENT4', 'ACCENT5', 'ACCENT6', 'HYPERLINK'),
  ValueType: gasEnum('IMAGE'),
  WrapStrategy: gasEnum('WRAP', 'OVERFLOW', 'CLIP'),
});

/** A spreadsheet's locale from the user's ("ko" → "ko_KR", "en" → "en_US"). */
export function localeFromUser(userLocale: string): string {
  const l = userLocale.replace('-', '_');
  if (l === '' || l.toLowerCase() === 'ko') return 'ko_KR';
  if (l.toLowerCase() === 'en') return 'en_US';
  return l;
}

/**
 * getActive/getActiveSpreadsheet/getActiveSheet/getActiveRange are left out of the check: they
 * return null in a standalone script, which the typings do not allow for.
 */
type AppApi = GasApi<
  GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  | 'create'
  | 'flush'
  | 'getUi'
  | 'newDataValidation'
  | 'newFilterCriteria'
  | 'openById'
  | 'openByUrl'
  | 'setActiveSheet'
  | 'setActiveSpreadsheet'
>;

export class SpreadsheetAppFacade extends Remote implements AppApi {
  readonly gasName = 'SpreadsheetApp';
  // getActive*: the execution already knows its container; the object is a handle, and Apps
  // Script contacts the server only when it is used.
  override readonly localMethods = localMethods('newDataValidation', 'newFilterCriteria', 'newTextStyle', 'newRichTextValue', 'getUi', 'getActive', 'getActiveSpreadsheet');
  override readonly constants = SPREADSHEET_ENUMS;
  /** setActiveSpreadsheet() lasts for the execution only. */
  private activeOverride: SpreadsheetModel | null = null;

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    private readonly options: SpreadsheetAppOptions = {},
  ) {
    super();
  }

  private _activeModel(): SpreadsheetModel | null {
    if (this.activeOverride) return this.activeOverride;
    const id = this.env.containerId;
    if (id === null) return null;
    return spreadsheetStore(this.world).get(id) ?? null;
  }

  override readonly answersStaleAfter = localMethods('setActiveSpreadsheet');

  override _answers(): Record<string, unknown> {
    const active = this.getActiveSpreadsheet();
    return { getActive: active, getActiveSpreadsheet: active };
  }

  /** The bound spreadsheet; null for a standalone script. */
  getActiveSpreadsheet(): SpreadsheetFacade | null {
    const m = this._activeModel();
    return m ? new SpreadsheetFacade(this.env, this.world, m) : null;
  }

  getActive(): SpreadsheetFacade | null {
    return this.getActiveSpreadsheet();
  }

  getActiveSheet(): SheetFacade | null {
    const m = this._activeModel();
    return m ? new SheetFacade(this.env, this.world, m.activeSheet()) : null;
  }

  getActiveRange(): RangeFacade | null {
    return this.getActiveSpreadsheet()?.getActiveRange() ?? null;
  }

  setActiveSheet(sheet: SheetFacade, restoreSelection?: boolean): SheetFacade {
    if (!(sheet instanceof SheetFacade)) throw signatureError(this.gasName, 'setActiveSheet', [sheet]);
    return new SpreadsheetFacade(this.env, this.world, sheet._model().spreadsheet).setActiveSheet(sheet, restoreSelection);
  }

  setActiveSpreadsheet(newActiveSpreadsheet: SpreadsheetFacade): void {
    if (!(newActiveSpreadsheet instanceof SpreadsheetFacade)) throw signatureError(this.gasName, 'setActiveSpreadsheet', [newActiveSpreadsheet]);
    this.activeOverride = newActiveSpreadsheet._model();
  }

  /** Opens a spreadsheet the running user can see (owner, editor or viewer of its file). */
  openById(id: string): SpreadsheetFacade {
    if (typeof id !== 'string') throw signatureError(this.gasName, 'openById', [id]);
    return new SpreadsheetFacade(this.env, this.world, this._open(id, sheetMessages.openByIdFailed));
  }

  openByUrl(url: string): SpreadsheetFacade {
    if (typeof url !== 'string') throw signatureError(this.gasName, 'openByUrl', [url]);
    const m = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(url.trim());
    if (!m || m[1] === undefined) throw new GasException(sheetMessages.invalidUrl);
    return new SpreadsheetFacade(this.env, this.world, this._open(m[1], sheetMessages.openByUrlFailed));
  }

  private _open(id: string, notFound: string): SpreadsheetModel {
    const model = spreadsheetStore(this.world).get(id);
    const file = this.world.files.get(id);
    if (!model || !file) throw new GasException(notFound);
    // In the trash: opens by default (Drive finds trashed files by id); the switch says otherwise.
    if (isTrashed(this.world, id) && driveSwitches(this.world).trashedOpenById === 'notFound') throw new GasException(notFound);
    const me = this.env.effectiveUserEmail;
    if (file.owner !== me && !file.editors.has(me) && !file.viewers.has(me) && id !== this.env.containerId) {
      throw new GasException(sheetMessages.noAccess);
    }
    return model;
  }

  /**
   * A new spreadsheet in the user's Drive: one sheet ("시트1" in a Korean locale) of 1000×26
   * unless sized (§1.2 row 26), in the script's time zone. Counts against the daily quota.
   */
  create(name: string, rows?: number, columns?: number): SpreadsheetFacade {
    const args = [name, rows, columns].filter((a) => a !== undefined);
    if (typeof name !== 'string' || (rows !== undefined && !isInteger(rows)) || (columns !== undefined && !isInteger(columns)) || (rows === undefined) !== (columns === undefined)) {
      throw signatureError(this.gasName, 'create', args);
    }
    if (rows !== undefined && rows < 1) throw new GasException(gasMessages.rowsAtLeastOne);
    if (columns !== undefined && columns < 1) throw new GasException(gasMessages.columnsAtLeastOne);
    this.env.useQuota('spreadsheetsCreated');
    const model = spreadsheetStore(this.world).create(this.world, {
      name,
      owner: this.env.effectiveUserEmail,
      timeZone: this.env.scriptTimeZone,
      locale: localeFromUser(this.env.userLocale),
      ...(rows !== undefined ? { rows } : {}),
      ...(columns !== undefined ? { columns } : {}),
      createdAt: this.env.now(),
    });
    return new SpreadsheetFacade(this.env, this.world, model);
  }

  /** Writes apply at once here, so there is nothing to flush; the call still costs a round trip. */
  flush(): void {}

  /** Throws in contexts without a UI, e.g. time-driven triggers (§1.4 row 23). */
  getUi(): UiFacade {
    if (!this.env.uiAvailable) throw new GasException(gasMessages.noUi);
    return new UiFacade(this.env, this.options.addonMenuName ?? 'Add-on');
  }

  newDataValidation(): DataValidationBuilderFacade {
    return new DataValidationBuilderFacade(this.env, this.world);
  }

  newFilterCriteria(): FilterCriteriaBuilderFacade {
    return new FilterCriteriaBuilderFacade();
  }

  newTextStyle(): TextStyleBuilderFacade {
    return new TextStyleBuilderFacade();
  }

  newRichTextValue(): RichTextValueBuilderFacade {
    return new RichTextValueBuilderFacade();
  }
}

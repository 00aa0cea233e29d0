/**
 * SpreadsheetApp.Spreadsheet: one spreadsheet file. Its id and URL are known once opened
 * (client-side); its name, sheets and sharing are read from the backend each time.
 */
import type { ExecutionEnv } from '../../env';
import { GasException, gasMessages } from '../../errors';
import { Remote, localMethods } from '../../remote';
import { isValidTimeZone } from '../../tz';
import type { World } from '../../world';
import { copyArea } from './areas';
import { enumName, isInteger, signatureError } from './facade-common';
import { NamedRangeFacade } from './facade-named-range';
import { ProtectionFacade } from './facade-protection';
import { RangeFacade } from './facade-range';
import { RangeListFacade } from './facade-range-list';
import { SheetFacade, resolveRangeArgs, usedArea } from './facade-sheet';
import { TextFinderFacade } from './facade-text';
import { UserFacade, emailOf } from './facade-user';
import type { EnumArg, GasApi } from './gas-api';
import { sheetMessages } from './messages';
import { spreadsheetStore, type SheetModel, type SpreadsheetModel } from './model';

const PROTECTION_TYPES = ['RANGE', 'SHEET'] as const;
/** Toasts last 5 seconds unless told otherwise (Spreadsheet.toast docs). */
const DEFAULT_TOAST_SECONDS = 5;

type SpreadsheetApi = GasApi<
  GoogleAppsScript.Spreadsheet.Spreadsheet,
  | 'addEditor'
  | 'addEditors'
  | 'addViewer'
  | 'addViewers'
  | 'copy'
  | 'deleteSheet'
  | 'getActiveRange'
  | 'getActiveSheet'
  | 'getDataRange'
  | 'getEditors'
  | 'getId'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getName'
  | 'getNamedRanges'
  | 'getNumSheets'
  | 'getOwner'
  | 'getProtections'
  | 'getRange'
  | 'getRangeByName'
  | 'getRangeList'
  | 'getSheetById'
  | 'getSheetByName'
  | 'getSheets'
  | 'getSpreadsheetLocale'
  | 'getSpreadsheetTimeZone'
  | 'getUrl'
  | 'getViewers'
  | 'insertSheet'
  | 'moveActiveSheet'
  | 'removeEditor'
  | 'removeNamedRange'
  | 'removeViewer'
  | 'rename'
  | 'setActiveSheet'
  | 'setNamedRange'
  | 'setSpreadsheetLocale'
  | 'setSpreadsheetTimeZone'
  | 'toast'
>;

/** Names a named range may have: letters, digits, underscores; not a cell reference. */
function validRangeName(name: string): boolean {
  if (!/^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]{0,249}$/.test(name)) return false;
  if (/^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^R[0-9]*C[0-9]*$/i.test(name)) return false;
  return !/^(TRUE|FALSE)$/i.test(name);
}

export class SpreadsheetFacade extends Remote implements SpreadsheetApi {
  readonly gasName = 'SpreadsheetApp.Spreadsheet';
  override readonly localMethods = localMethods('getId', 'getUrl', 'createTextFinder');

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    private readonly model: SpreadsheetModel,
  ) {
    super();
  }

  _model(): SpreadsheetModel {
    return this.model;
  }

  private _sheet(sheet: SheetModel): SheetFacade {
    return new SheetFacade(this.env, this.world, sheet);
  }

  private _sheetArg(method: string, sheet: unknown): SheetModel {
    if (!(sheet instanceof SheetFacade)) throw signatureError(this.gasName, method, [sheet]);
    return sheet._model();
  }

  getId(): string {
    return this.model.id;
  }

  override _answers(): Record<string, unknown> {
    return { getId: this.model.id, getUrl: this.model.url };
  }

  getUrl(): string {
    return this.model.url;
  }

  getName(): string {
    return this.model.name;
  }

  rename(newName: string): void {
    if (typeof newName !== 'string') throw signatureError(this.gasName, 'rename', [newName]);
    this.model.name = newName;
  }

  /** A copy with the same sheets and contents, owned by the user running the script. */
  copy(name: string): SpreadsheetFacade {
    if (typeof name !== 'string') throw signatureError(this.gasName, 'copy', [name]);
    const copy = spreadsheetStore(this.world).create(this.world, {
      name,
      owner: this.env.effectiveUserEmail,
      timeZone: this.model.timeZone,
      locale: this.model.locale,
      createdAt: this.env.now(),
    });
    copy.sheets.length = 0; // drop the default sheet; the copy's sheets mirror the source's
    for (const s of this.model.sheets) {
      const clone = copy.addSheet(s.name, undefined, undefined, undefined, s.grid.clone());
      clone.frozenRows = s.frozenRows;
      clone.frozenColumns = s.frozenColumns;
      clone.hidden = s.hidden;
      clone.tabColor = s.tabColor;
      clone.columnWidths = new Map(s.columnWidths);
    }
    copy.activeSheetId = copy.sheets[0]?.sheetId ?? 0;
    return new SpreadsheetFacade(this.env, this.world, copy);
  }

  // ---- sheets ------------------------------------------------------------------------------

  getSheets(): SheetFacade[] {
    return this.model.sheets.map((s) => this._sheet(s));
  }

  /** Searches every sheet, in tab order. */
  createTextFinder(findText: string): TextFinderFacade<RangeFacade> {
    if (typeof findText !== 'string') throw signatureError(this.gasName, 'createTextFinder', [findText]);
    return new TextFinderFacade(
      this.env,
      { areas: () => this.model.sheets.map((sheet) => ({ sheet, area: usedArea(sheet) })), makeRange: (sheet, area) => new RangeFacade(this.env, this.world, sheet, area) },
      findText,
    );
  }

  getNumSheets(): number {
    return this.model.sheets.length;
  }

  /** Case-insensitive, null when missing. */
  getSheetByName(name: string): SheetFacade | null {
    if (typeof name !== 'string') throw signatureError(this.gasName, 'getSheetByName', [name]);
    const s = this.model.sheetByName(name);
    return s ? this._sheet(s) : null;
  }

  getSheetById(id: number): SheetFacade | null {
    if (!isInteger(id)) throw signatureError(this.gasName, 'getSheetById', [id]);
    const s = this.model.sheetById(id);
    return s ? this._sheet(s) : null;
  }

  /**
   * insertSheet(), (index), (name), (name, index), with an optional {template} last. The index
   * is 0-based while getIndex() is 1-based (§1.2 row 27). The new sheet becomes active.
   */
  insertSheet(...args: unknown[]): SheetFacade {
    let name: string | undefined;
    let index: number | undefined;
    let options: { template?: unknown } | undefined;
    const rest = [...args];
    if (typeof rest[0] === 'string') name = rest.shift() as string;
    if (typeof rest[0] === 'number') index = rest.shift() as number;
    if (typeof rest[0] === 'object' && rest[0] !== null && !Array.isArray(rest[0])) options = rest.shift() as { template?: unknown };
    if (rest.length > 0 || (index !== undefined && !isInteger(index))) throw signatureError(this.gasName, 'insertSheet', args);
    const template = options?.template;
    if (template !== undefined && !(template instanceof SheetFacade)) throw signatureError(this.gasName, 'insertSheet', args);
    const src = template instanceof SheetFacade ? template._model() : undefined;
    const sheet = this.model.addSheet(name, index, undefined, undefined, src?.grid.clone());
    if (src) {
      sheet.frozenRows = src.frozenRows;
      sheet.frozenColumns = src.frozenColumns;
      sheet.columnWidths = new Map(src.columnWidths);
    }
    this.model.activeSheetId = sheet.sheetId;
    return this._sheet(sheet);
  }

  deleteSheet(sheet: SheetFacade): void {
    this.model.removeSheet(this._sheetArg('deleteSheet', sheet));
  }

  getActiveSheet(): SheetFacade {
    return this._sheet(this.model.activeSheet());
  }

  setActiveSheet(sheet: SheetFacade, _restoreSelection?: boolean): SheetFacade {
    const s = this._sheetArg('setActiveSheet', sheet);
    this.model.activeSheetId = s.sheetId;
    s.hidden = false;
    return this._sheet(s);
  }

  /** The selection, or A1 of the active sheet when none was made. */
  getActiveRange(): RangeFacade {
    const sel = this.model.selection;
    const sheet = sel ? this.model.sheetById(sel.sheetId) : undefined;
    if (sel && sheet && sheet.sheetId === this.model.activeSheetId) return new RangeFacade(this.env, this.world, sheet, copyArea(sel.area));
    return new RangeFacade(this.env, this.world, this.model.activeSheet(), { row: 1, col: 1, numRows: 1, numCols: 1 });
  }

  /** Moves the active sheet to 1-based position `pos`. */
  moveActiveSheet(pos: number): void {
    if (!isInteger(pos)) throw signatureError(this.gasName, 'moveActiveSheet', [pos]);
    const sheet = this.model.activeSheet();
    const sheets = this.model.sheets;
    sheets.splice(sheets.indexOf(sheet), 1);
    sheets.splice(Math.max(0, Math.min(pos - 1, sheets.length)), 0, sheet);
  }

  // ---- ranges on the active sheet ----------------------------------------------------------

  /** "Sheet1!A1:B2", or A1 text on the active sheet. */
  getRange(a1Notation: string): RangeFacade {
    if (typeof a1Notation !== 'string') throw signatureError(this.gasName, 'getRange', [a1Notation]);
    const { sheet, area } = resolveRangeArgs(this.model.activeSheet(), this.gasName, [a1Notation]);
    return new RangeFacade(this.env, this.world, sheet, area);
  }

  getRangeList(a1Notations: string[]): RangeListFacade {
    if (!Array.isArray(a1Notations)) throw signatureError(this.gasName, 'getRangeList', [a1Notations]);
    return new RangeListFacade(a1Notations.map((a1) => this.getRange(String(a1))));
  }

  getDataRange(): RangeFacade {
    return this._sheet(this.model.activeSheet()).getDataRange();
  }

  getLastRow(): number {
    return this.model.activeSheet().lastRow();
  }

  getLastColumn(): number {
    return this.model.activeSheet().lastColumn();
  }

  // ---- named ranges ------------------------------------------------------------------------

  getRangeByName(name: string): RangeFacade | null {
    if (typeof name !== 'string') throw signatureError(this.gasName, 'getRangeByName', [name]);
    const lower = name.toLowerCase();
    const n = this.model.namedRanges.find((x) => x.name.toLowerCase() === lower);
    return n ? new RangeFacade(this.env, this.world, n.sheet, copyArea(n.area)) : null;
  }

  /** Creates or moves a named range. */
  setNamedRange(name: string, range: RangeFacade): void {
    if (typeof name !== 'string' || !(range instanceof RangeFacade)) throw signatureError(this.gasName, 'setNamedRange', [name, range]);
    if (!validRangeName(name)) throw new GasException(sheetMessages.namedRangeInvalid(name));
    const { sheet, area } = range._target();
    const lower = name.toLowerCase();
    const existing = this.model.namedRanges.find((x) => x.name.toLowerCase() === lower);
    if (existing) {
      existing.sheet = sheet;
      existing.area = area;
    } else {
      this.model.namedRanges.push({ name, sheet, area });
    }
  }

  getNamedRanges(): NamedRangeFacade[] {
    return this.model.namedRanges.map((n) => new NamedRangeFacade(this.env, this.world, n));
  }

  removeNamedRange(name: string): void {
    const lower = String(name).toLowerCase();
    const before = this.model.namedRanges.length;
    this.model.namedRanges = this.model.namedRanges.filter((n) => n.name.toLowerCase() !== lower);
    if (this.model.namedRanges.length === before) throw new GasException(gasMessages.rangeNotFound);
  }

  // ---- protections -------------------------------------------------------------------------

  getProtections(type: EnumArg): ProtectionFacade[] {
    const t = enumName(type, PROTECTION_TYPES);
    if (!t) throw signatureError(this.gasName, 'getProtections', [type]);
    return this.model.sheets.flatMap((s) => s.protections.filter((p) => p.type === t && !p.removed).map((p) => new ProtectionFacade(this.env, this.world, p)));
  }

  // ---- locale, time zone, toast ------------------------------------------------------------

  getSpreadsheetTimeZone(): string {
    return this.model.timeZone;
  }

  /** Dates already in cells keep their wall-clock text; scripts read new instants (serial.ts). */
  setSpreadsheetTimeZone(timezone: string): void {
    if (typeof timezone !== 'string') throw signatureError(this.gasName, 'setSpreadsheetTimeZone', [timezone]);
    if (!isValidTimeZone(timezone)) throw new GasException(sheetMessages.invalidArgument('timeZone'));
    this.model.timeZone = timezone;
  }

  getSpreadsheetLocale(): string {
    return this.model.locale;
  }

  setSpreadsheetLocale(locale: string): void {
    if (typeof locale !== 'string') throw signatureError(this.gasName, 'setSpreadsheetLocale', [locale]);
    this.model.locale = locale;
  }

  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    const seconds = timeoutSeconds === undefined || timeoutSeconds === null ? DEFAULT_TOAST_SECONDS : Number(timeoutSeconds);
    this.env.ui.toast(this.model.id, String(msg), title === undefined || title === null ? '' : String(title), seconds);
  }

  // ---- sharing (the Drive file) ------------------------------------------------------------

  private _email(method: string, v: unknown): string {
    const email = emailOf(v);
    if (email === null) throw signatureError(this.gasName, method, [v]);
    return email;
  }

  addEditor(emailAddress: string | UserFacade): SpreadsheetFacade {
    const email = this._email('addEditor', emailAddress);
    const file = this.model.file;
    if (email !== file.owner) {
      file.editors.add(email);
      file.viewers.delete(email);
    }
    return this;
  }

  addEditors(emailAddresses: string[]): SpreadsheetFacade {
    if (!Array.isArray(emailAddresses)) throw signatureError(this.gasName, 'addEditors', [emailAddresses]);
    for (const e of emailAddresses) this.addEditor(e);
    return this;
  }

  /** Someone who can already edit keeps edit access. */
  addViewer(emailAddress: string | UserFacade): SpreadsheetFacade {
    const email = this._email('addViewer', emailAddress);
    const file = this.model.file;
    if (email !== file.owner && !file.editors.has(email)) file.viewers.add(email);
    return this;
  }

  addViewers(emailAddresses: string[]): SpreadsheetFacade {
    if (!Array.isArray(emailAddresses)) throw signatureError(this.gasName, 'addViewers', [emailAddresses]);
    for (const e of emailAddresses) this.addViewer(e);
    return this;
  }

  removeEditor(emailAddress: string | UserFacade): SpreadsheetFacade {
    this.model.file.editors.delete(this._email('removeEditor', emailAddress));
    return this;
  }

  removeViewer(emailAddress: string | UserFacade): SpreadsheetFacade {
    this.model.file.viewers.delete(this._email('removeViewer', emailAddress));
    return this;
  }

  /** [R] The owner is listed first among the editors of the file itself. */
  getEditors(): UserFacade[] {
    const file = this.model.file;
    return [file.owner, ...[...file.editors].filter((e) => e !== file.owner)].filter((e) => e !== '').map((e) => new UserFacade(e));
  }

  getViewers(): UserFacade[] {
    return [...this.model.file.viewers].map((e) => new UserFacade(e));
  }

  getOwner(): UserFacade | null {
    return this.model.file.owner ? new UserFacade(this.model.file.owner) : null;
  }
}
